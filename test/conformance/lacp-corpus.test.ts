// Independent vectors: the 20 real LACPDUs of the corpus capture lacp/LACP.pcap (PacketLife via
// tcpdump's tests) against Wireshark's (tshark 4.0) field oracle and state strings, and tcpdump's own
// `-e -v` text (lacp-ev.out) against ofl's tcpdump-style formatter. Also the OSSP frame.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { corpusFile, corpusPath, hasCorpus } from '../helpers/corpus.js'
import { decodeLacpdu } from '../../src/lacp/lacpdu.js'
import { decodeLacpduSchema } from '../../src/lacp/lacpdu-schema.js'
import { decodeSlowFrame, isLacpdu } from '../../src/lacp/slow.js'
import { formatSlowFrame, formatSlowSummary } from '../../src/lacp/format.js'
import { stateCompact } from '../../src/lacp/state.js'
import { toJsonValue } from '../../src/wire/json.js'
import { pcapFrames } from '../unit/lacp/pcap.js'

describe.skipIf(!hasCorpus)('corpus lacp/LACP.pcap against tshark and tcpdump', () => {
  const frames = () => pcapFrames(corpusFile('lacp', 'LACP.pcap'))

  it('has 20 LACPDUs and every field agrees with LACP.pcap.tshark.fields.tsv', () => {
    const tsv = readFileSync(corpusPath('lacp', 'LACP.pcap.tshark.fields.tsv'), 'utf8').trim().split('\n')
    const head = tsv[0]!.split('\t')
    const rows = tsv.slice(1).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [head[i], v])))
    const fs = frames()
    expect(fs).toHaveLength(20)
    expect(rows).toHaveLength(20)
    let checked = 0
    for (const { index, data } of fs) {
      const r = rows[index - 1]!
      expect(Number(r['frame.number'])).toBe(index)
      const f = decodeSlowFrame(data)
      expect(f.issues).toEqual([])
      const p = f.pdu
      if (!isLacpdu(p)) throw new Error(`frame ${index} is not a LACPDU`)
      const hex = (n: number) => '0x' + n.toString(16).padStart(2, '0')
      const got: Record<string, string> = {
        'frame.len': String(data.length), 'eth.src': f.eth.src, 'eth.dst': f.eth.dst, 'slow.subtype': hex(p.subtype),
        'lacp.version': hex(p.version),
        'lacp.actor.sys_priority': String(p.actor.systemPriority), 'lacp.actor.sysid': p.actor.system,
        'lacp.actor.key': String(p.actor.key), 'lacp.actor.port_priority': String(p.actor.portPriority),
        'lacp.actor.port': String(p.actor.port), 'lacp.actor.state': hex(p.actor.state),
        'lacp.partner.sys_priority': String(p.partner.systemPriority), 'lacp.partner.sysid': p.partner.system,
        'lacp.partner.key': String(p.partner.key), 'lacp.partner.port_priority': String(p.partner.portPriority),
        'lacp.partner.port': String(p.partner.port), 'lacp.partner.state': hex(p.partner.state),
        'lacp.collector.max_delay': String(p.collectorMaxDelay),
      }
      for (const [k, v] of Object.entries(got)) {
        expect(v, `frame ${index} ${k}`).toBe(r[k])
        checked++
      }
      expect(p.trailing.length).toBe(0)
      // the binary-parser decoder agrees with the hand-written one on every real PDU
      expect(toJsonValue(decodeLacpduSchema(data, 14))).toEqual(toJsonValue(decodeLacpdu(data, 14)))
    }
    expect(checked).toBe(20 * 18)
  })

  it('state strings, TLV types/lengths and reserved bytes agree with LACP.pcap.tshark.json', () => {
    const json = JSON.parse(readFileSync(corpusPath('lacp', 'LACP.pcap.tshark.json'), 'utf8')) as any[]
    const fs = frames()
    expect(json).toHaveLength(20)
    for (const { index, data } of fs) {
      const l = json[index - 1]._source.layers.lacp
      const p = decodeLacpdu(data, 14)
      expect(stateCompact(p.actor.state), `frame ${index}`).toBe(l['lacp.actor.state_str'])
      expect(stateCompact(p.partner.state), `frame ${index}`).toBe(l['lacp.partner.state_str'])
      for (const side of ['actor', 'partner'] as const) {
        const tree = l[`lacp.${side}.state_tree`]
        const names = ['activity', 'timeout', 'aggregation', 'synchronization', 'collecting', 'distributing', 'defaulted', 'expired']
        names.forEach((n, bit) => expect(String((p[side].state >> bit) & 1), `frame ${index} ${side} ${n}`).toBe(tree[`lacp.${side}.state.${n}`]))
      }
      expect(l['lacp.tlv_type']).toEqual(['0x01', '0x02', '0x03', '0x00'])
      expect(l['lacp.tlv_length']).toEqual(['0x14', '0x14', '0x10', '0x00'])
      expect(p.issues).toEqual([]) // tshark: reserved all zero, pad all zero
      expect(l['lacp.pad']).toBe(Array(50).fill('00').join(':'))
    }
  })

  it('tcpdump-style -e -v text equals tcpdump 4.99 output (lacp-ev.out) for all 20 frames', () => {
    const out = readFileSync(corpusPath('lacp', 'lacp-ev.out'), 'utf8')
    // each record: "    N  <date> <time> <text…>" + tab-indented continuation lines
    const records = out.split(/\n(?=\s*\d+\s+\d{4}-\d\d-\d\d )/).map((r) => r.replace(/^\s*\d+\s+\S+\s+\S+\s/, '').replace(/\n$/, ''))
    const fs = frames()
    expect(records).toHaveLength(20)
    for (const { index, data } of fs) expect(formatSlowFrame(decodeSlowFrame(data), { verbose: true }), `frame ${index}`).toBe(records[index - 1])
  })

  it('the Wireshark-style summary of frame 1 matches the Info column tshark prints', () => {
    const p = decodeSlowFrame(frames()[0]!.data).pdu
    expect(formatSlowSummary(p)).toBe('v1 ACTOR 00:13:c4:12:0f:00 P: 22 K: 13 E****G*A PARTNER 00:0e:83:16:f5:00 P: 25 K: 13 **DC*GS*')
  })

  it('the OSSP frame (slow subtype 10) decodes as another slow protocol, not as LACP', () => {
    const [f] = pcapFrames(corpusFile('lacp', 'slow-ossp.pcap'))
    const s = decodeSlowFrame(f!.data)
    expect(s.pdu.subtype).toBe(10)
    expect(isLacpdu(s.pdu)).toBe(false)
    expect(s.issues).toEqual([])
    expect((s.pdu as { body: Buffer }).body.subarray(0, 3).toString('hex')).toBe('0019a7') // OUI ITU-T, as tcpdump prints
    expect(() => decodeLacpdu(f!.data, 14)).toThrowError(expect.objectContaining({ code: 'TRUNCATED' }))
  })
})
