// tcpdump's OpenFlow captures (corpus tcpdump/, real switches and controllers plus fuzzed files):
// messages extracted per TCP connection and decoded must match tshark's per-type counts
// (*.tshark.of.tsv oracles, TCP reassembly on), and the malformed ones must yield typed errors
// (pinned code and stream offset) without stopping the rest of the capture.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hasCorpus, corpusPath } from '../helpers/corpus.js'
import { decodeCaptureMessages, openflowConnections, type CaptureMessage } from '../../src/openflow/capture-stream.js'
import { encodeMessage } from '../../src/openflow/codec.js'
import { shortTypeName } from '../../src/openflow/constants.js'
import { OflError } from '../../src/wire/errors.js'

const VERSION_OF: Record<string, number> = { '1.0': 1, '1.2': 3, '1.3': 4 }

function tsharkCounts(file: string): Record<string, number> {
  const rows = readFileSync(`${file}.tshark.of.tsv`, 'utf8').split('\n').filter((l) => /^\d/.test(l)).map((l) => l.split('\t'))
  const out: Record<string, number> = {}
  for (const r of rows) {
    const k = `${VERSION_OF[r[1]!]}:${r[3]!.replace(/^OFPT_| \(\d+\)$/g, '')}`
    out[k] = (out[k] ?? 0) + 1
  }
  return out
}

function ourCounts(ms: CaptureMessage[]): Record<string, number> {
  const out: Record<string, number> = {}
  // messages with an OpenFlow version byte, including one cut by the end of the capture (tshark counts it)
  for (const m of ms) {
    if (!(m.version === 1 || m.version === 3 || m.version === 4) || m.type < 0) continue
    const k = `${m.version}:${shortTypeName(m.version, m.type)}`
    out[k] = (out[k] ?? 0) + 1
  }
  return out
}

/** The typed errors each capture must produce: [frame, type, code, offset in the connection stream]. */
const ERRORS: Record<string, Array<[number, number, string, number]>> = {
  'of10_p3295.pcap': [],
  'of10_s4810.pcap': [],
  'of10_pf5240.pcap': [],
  'of10_7050sx_bsn.pcap': [],
  'of10_7050q.pcapng': [],
  // the 7th VENDOR message is cut by the end of the single frame (tcpdump's over-read regression input)
  'of10_7050sx_bsn-oobr.pcap': [[1, 4, 'TRUNCATED', 144]],
  // two deliberately broken flow-stats replies (action lengths 57397 and 0), then bytes tcpdump shows as a bogus version 0x5c header
  'of10_inv_OFPST_FLOW.pcap': [[1, 17, 'OFPBAC_BAD_LEN', 102], [1, 17, 'OFPBAC_BAD_LEN', 230], [1, 30, 'TRUNCATED', 256]],
  // caplen 5216 with orig_len 125696: no OpenFlow message can be extracted (tshark finds none either)
  'of10_inv_QUEUE_GET_CONFIG_REPLY.pcap': [],
}

describe.skipIf(!hasCorpus)('tcpdump OpenFlow captures vs tshark', () => {
  it.each(Object.entries(ERRORS))('%s: per-type counts agree with tshark; errors are typed and pinned', (name, errors) => {
    const file = corpusPath('tcpdump', name)
    const ms = decodeCaptureMessages(readFileSync(file))
    expect(ourCounts(ms)).toEqual(tsharkCounts(file))
    const got = ms.filter((m) => m.error).map((m) => [m.frame, m.type, m.error!.code, m.error!.offset])
    expect(got).toEqual(errors)
    for (const m of ms) if (m.error) expect(m.error).toBeInstanceOf(OflError)
    // decoding went on after the errors: every other message decoded
    expect(ms.filter((m) => m.message).length).toBe(ms.length - errors.length)
  })

  it('of13_ericsson.pcapng: 103 messages, per-type counts agree with tshark (incl. the 2 OF1.0 ones)', () => {
    const file = corpusPath('tcpdump', 'of13_ericsson.pcapng')
    const ms = decodeCaptureMessages(readFileSync(file))
    expect(ms.length).toBe(103)
    expect(ourCounts(ms)).toEqual(tsharkCounts(file))
    for (const m of ms) if (m.error) expect(m.error).toBeInstanceOf(OflError)
    expect(ms.filter((m) => m.message).length).toBeGreaterThanOrEqual(100)
  })

  it('Ryu pcap vectors: flowmod and flow-stats request decode; the version-0xff message round-trips raw', () => {
    const fm = decodeCaptureMessages(readFileSync(corpusPath('ryu', 'pcap', 'openflow_flowmod.pcap')))
    expect(fm.map((m) => [m.version, m.type, m.length, m.message?.xid])).toEqual([[4, 14, 80, 2026926767]])
    const fs = decodeCaptureMessages(readFileSync(corpusPath('ryu', 'pcap', 'openflow_flowstats_req.pcap')))
    expect(fs.map((m) => [m.version, m.type, m.length, m.error?.code])).toEqual([[4, 18, 56, undefined]])
    const bad = decodeCaptureMessages(readFileSync(corpusPath('ryu', 'pcap', 'openflow_invalid_version.pcap')))
    expect(bad.map((m) => [m.version, m.type, m.length, m.error?.code])).toEqual([[0xff, 14, 80, 'OFPBRC_BAD_VERSION']])
    const raw = decodeCaptureMessages(readFileSync(corpusPath('ryu', 'pcap', 'openflow_invalid_version.pcap')), { unknownVersion: 'raw' })
    expect(raw[0]!.message).toMatchObject({ version: 0xff, type: 14 })
    expect(raw[0]!.message!.body.length).toBe(72)
    const bytes = openflowConnections(readFileSync(corpusPath('ryu', 'pcap', 'openflow_invalid_version.pcap')))[0]!.stream
    expect(encodeMessage(raw[0]!.message!).equals(bytes)).toBe(true)
  })
})
