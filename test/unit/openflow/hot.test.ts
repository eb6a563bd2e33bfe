// The OpenFlow hot path the controller runs (src/openflow/hot.ts, v10/hot.ts, v13/hot.ts, peek.ts),
// checked two ways:
// - its peeks against Ryu's independent OpenFlow vectors in the corpus (bytes + Ryu's JSON decode);
// - its encoders through the general codecs beside them (encode hot, decode general, compare).
import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { hasCorpus, corpusPath } from '../../helpers/corpus.js'
import {
  OutBatch, helloBitmapVersion, writeHotFlowMod, writeHotPacketOut, writeHotGroupMod, writeHotHello, writeHotSetConfig, writeHotPortDescRequest,
  writeHotHeaderOnly, writeHotEchoReply, reserveHotPacketOut,
} from '../../../src/openflow/hot.js'
import { PacketInPeek, peekPacketIn } from '../../../src/openflow/peek.js'
import { OFPFC_ADD, OFPFC_DELETE, OFPGC_MODIFY, OFPFF_SEND_FLOW_REM } from '../../../src/openflow/common13/constants.js'
import { decodeMessage, decodeMessages, encodeMessage } from '../../../src/openflow/codec.js'
import { versionBitmap } from '../../../src/openflow/v13/hello.js'
import { parseJsonLossless } from '../../../src/wire/json.js'

const dvOf = (b: Buffer) => new DataView(b.buffer, b.byteOffset, b.byteLength)
const vector = (dir: string, name: string) => ({
  bytes: readFileSync(corpusPath('ryu', dir, `${name}.packet`)),
  // lossless: cookies above 2^53 stay exact (bigint)
  json: parseJsonLossless(readFileSync(corpusPath('ryu', dir, `${name}.packet.json`), 'utf8')) as Record<string, any>,
})
const oxm = (match: any, field: string) => match.OFPMatch.oxm_fields.find((f: any) => f.OXMTlv.field === field)?.OXMTlv.value

describe.skipIf(!hasCorpus)('peeks against Ryu vectors (corpus/ryu)', () => {
  it.each([
    ['of10', '1-4-ofp_packet_in', 1],
    ['of12', '3-4-ofp_packet_in', 3],
    ['of12', '3-59-ofp_packet_in', 3],
    ['of13', '4-4-ofp_packet_in', 4],
    ['of13', '4-59-ofp_packet_in', 4],
  ])('%s/%s: in_port, reason, buffer_id and the frame', (dir, name, version) => {
    const { bytes, json } = vector(dir, name)
    const pi = json.OFPPacketIn
    const out = new PacketInPeek()
    expect(peekPacketIn(bytes, 0, out)).toBe(true)
    expect(out.version).toBe(version)
    expect(out.inPort).toBe(version === 1 ? pi.in_port : oxm(pi.match, 'in_port'))
    expect(out.reason).toBe(pi.reason)
    expect(out.bufferId).toBe(pi.buffer_id)
    expect(bytes.subarray(out.dataOffset, out.dataOffset + out.dataLength).toString('base64')).toBe(pi.data)
  })

  it('of13 hello bitmap {1,2,3,9,10,30}: highest common with {1.0,1.2,1.3} is 1.2', () => {
    const { bytes } = vector('of13', '4-10-ofp_hello')
    expect(helloBitmapVersion(dvOf(bytes), 0, bytes.length, [1, 3, 4])).toBe(3)
    expect(helloBitmapVersion(dvOf(bytes), 0, bytes.length, [4])).toBe(-1)
  })
})

describe('encoders, decoded by the general codecs', () => {
  const src = 0x5e82fefee795
  it.each([1, 3, 4])('OF version %i: the LACP liveness flow, a learned flow (buffered and not), deletes, packet-outs, hello, set-config, echo', (version) => {
    const o = new OutBatch(256) // small chunk: exercises growth
    const CONTROLLER = version === 1 ? 0xfffd : 0xfffffffd
    writeHotFlowMod(o, version, 1, { command: OFPFC_ADD, priority: 65535, match: { inPort: 2, ethSrc: src, ethType: 0x8809 }, actions: [{ type: 'output', port: CONTROLLER, maxLen: 65509 }], idleTimeout: 90, flags: OFPFF_SEND_FLOW_REM })
    writeHotFlowMod(o, version, 2, { command: OFPFC_ADD, priority: 1, match: { inPort: 3, ethDst: src }, actions: [{ type: 'output', port: 1 }], cookie: 0x0f1e000000000001n, bufferId: 0x1234 })
    writeHotFlowMod(o, version, 3, { command: OFPFC_DELETE, priority: 0, match: {}, actions: [], outPort: 7, cookie: 5n, cookieMask: version === 1 ? undefined : 0xffn })
    writeHotPacketOut(o, version, 4, 0xffffffff, 2, [{ type: 'output', port: 3 }, { type: 'output', port: 4 }], Buffer.from('xxabcdef'), 2, 6)
    writeHotPacketOut(o, version, 5, 77, 2, [{ type: 'output', port: 3 }], Buffer.from('xxabcdef'), 2, 6)
    writeHotHello(o, [1, 3, 4], 6)
    writeHotSetConfig(o, version, 7, 0xffff)
    const echo = encodeMessage({ version, type: 2, xid: 8, data: Buffer.from('hi') })
    writeHotEchoReply(o, echo, dvOf(echo), 0, echo.length)
    writeHotHeaderOnly(o, version, 5, 9)
    const bytes = o.take()
    const msgs = decodeMessages(bytes)
    expect(msgs.map((m) => [m.type, m.xid])).toEqual([[14, 1], [14, 2], [14, 3], [13, 4], [13, 5], [0, 6], [9, 7], [3, 8], [5, 9]])
    const [lacp, learned, del, po, buffered, hello, cfg, echoReply] = msgs as any[]
    const acts = (m: any) => (version === 1 ? m.actions : m.instructions[0]?.actions ?? [])
    expect(lacp).toMatchObject({ command: 0, priority: 65535, idleTimeout: 90, flags: 1, bufferId: 0xffffffff })
    expect(acts(lacp)).toEqual([{ type: 0, port: CONTROLLER, maxLen: 65509 }])
    expect(learned.bufferId).toBe(0x1234)
    if (version === 1) {
      expect(lacp.match).toMatchObject({ inPort: 2, dlSrc: '5e:82:fe:fe:e7:95', dlType: 0x8809 })
      expect(learned.match).toMatchObject({ inPort: 3, dlDst: '5e:82:fe:fe:e7:95', wildcards: ((1 << 22) - 1) & ~(1 | 8) })
      expect(del).toMatchObject({ command: 3, outPort: 7, cookie: 5n, match: { wildcards: (1 << 22) - 1 } })
    } else {
      expect(lacp.match.fields).toEqual([{ field: 'in_port', value: 2 }, { field: 'eth_src', value: '5e:82:fe:fe:e7:95' }, { field: 'eth_type', value: 0x8809 }])
      expect(lacp.outPort).toBe(0) // as os_ken encodes ADDs
      expect(learned.match.fields).toEqual([{ field: 'in_port', value: 3 }, { field: 'eth_dst', value: '5e:82:fe:fe:e7:95' }])
      expect(del).toMatchObject({ command: 3, tableId: 0xff, outPort: 7, outGroup: 0xffffffff, cookie: 5n, cookieMask: 0xffn, instructions: [] })
    }
    expect(learned.cookie).toBe(0x0f1e000000000001n)
    expect(po).toMatchObject({ inPort: 2, bufferId: 0xffffffff })
    expect(po.actions.map((a: any) => a.port)).toEqual([3, 4])
    expect(po.data.toString()).toBe('abcdef')
    // A buffered packet-out references the buffer and carries no frame.
    expect(buffered).toMatchObject({ inPort: 2, bufferId: 77 })
    expect(buffered.data.length).toBe(0)
    expect(hello).toMatchObject({ version: 4, elements: [{ type: 1, bitmaps: [0b11010] }] })
    expect(cfg).toMatchObject({ version, flags: 0, missSendLen: 0xffff })
    expect(echoReply).toMatchObject({ version, xid: 8 })
    expect(echoReply.data.toString()).toBe('hi')
  })

  it('the flow-mod and packet-out of a learned packet-in are byte-identical to the general encoder\'s', () => {
    for (const version of [1, 4]) {
      const o = new OutBatch()
      const data = Buffer.from('02ff0000000102000000000108000000', 'hex')
      writeHotFlowMod(o, version, 1, { command: OFPFC_ADD, priority: 1, match: { inPort: 3, ethDst: 0x02ff00000001 }, actions: [{ type: 'output', port: 4 }], cookie: 7n })
      writeHotPacketOut(o, version, 2, 0xffffffff, 3, [{ type: 'output', port: 4 }], data, 0, data.length)
      const ours = o.take()
      const general = version === 1
        ? Buffer.concat([
            encodeMessage({ version, type: 14, xid: 1, cookie: 7n, command: 0, idleTimeout: 0, hardTimeout: 0, priority: 1, bufferId: 0xffffffff, outPort: 0xffff, flags: 0, actions: [{ type: 0, port: 4, maxLen: 0 }],
              match: { wildcards: ((1 << 22) - 1) & ~(1 | 8), inPort: 3, dlSrc: '00:00:00:00:00:00', dlDst: '02:ff:00:00:00:01', dlVlan: 0, dlVlanPcp: 0, dlType: 0, nwTos: 0, nwProto: 0, nwSrc: '0.0.0.0', nwDst: '0.0.0.0', tpSrc: 0, tpDst: 0 } }),
            encodeMessage({ version, type: 13, xid: 2, bufferId: 0xffffffff, inPort: 3, actions: [{ type: 0, port: 4, maxLen: 0 }], data }),
          ])
        : Buffer.concat([
            encodeMessage({ version, type: 14, xid: 1, cookie: 7n, cookieMask: 0n, tableId: 0, command: 0, idleTimeout: 0, hardTimeout: 0, priority: 1, bufferId: 0xffffffff, outPort: 0, outGroup: 0xffffffff, flags: 0,
              match: { fields: [{ field: 'in_port', value: 3 }, { field: 'eth_dst', value: '02:ff:00:00:00:01' }] }, instructions: [{ type: 4, actions: [{ type: 0, port: 4, maxLen: 0 }] }] }),
            encodeMessage({ version, type: 13, xid: 2, bufferId: 0xffffffff, inPort: 3, actions: [{ type: 0, port: 4, maxLen: 0 }], data }),
          ])
      expect(ours.toString('hex')).toBe(general.toString('hex'))
    }
  })

  it.each([3, 4])('OF version %i: select group, port-desc request, a reserved packet-out', (version) => {
    const o = new OutBatch()
    writeHotGroupMod(o, version, 9, OFPGC_MODIFY, 2, [5, 6])
    if (version === 4) writeHotPortDescRequest(o, 10)
    const at = reserveHotPacketOut(o, version, 11, 5, [{ type: 'output', port: 0xfffffff8 }], 4)
    o.buf.write('lacp', at, 'latin1')
    const msgs = decodeMessages(o.take()) as any[]
    expect(msgs[0]).toMatchObject({ type: 15, command: 1, groupType: 1, groupId: 2 })
    expect(msgs[0].buckets.map((b: any) => [b.weight, b.watchPort, b.watchGroup, b.actions[0].port])).toEqual([[1, 0xffffffff, 0xffffffff, 5], [1, 0xffffffff, 0xffffffff, 6]])
    if (version === 4) expect(msgs[1]).toMatchObject({ type: 18, mpType: 13, flags: 0 })
    expect(msgs.at(-1)).toMatchObject({ type: 13, bufferId: 0xffffffff, inPort: 5 })
    expect(msgs.at(-1).data.toString()).toBe('lacp')
  })

  it('the hello peek reads what the general hello encoder writes', () => {
    for (const versions of [[1, 4], [1, 3, 4], [4, 5, 6], [33]]) {
      const bytes = encodeMessage({ version: 4, type: 0, xid: 1, elements: [{ type: 7, unknown: true as const, data: Buffer.from('abcd') }, versionBitmap(versions)] })
      const want = Math.max(...versions.filter((v) => [1, 3, 4].includes(v)), -1)
      expect(helloBitmapVersion(dvOf(bytes), 0, bytes.length, [1, 3, 4])).toBe(want)
    }
    const plain = encodeMessage({ version: 4, type: 0, xid: 1, elements: [] })
    expect(helloBitmapVersion(dvOf(plain), 0, plain.length, [1, 3, 4])).toBe(0)
  })

  it('OutBatch.take() never hands out bytes it will write again', () => {
    const o = new OutBatch(8192)
    const echo = (xid: number, s: string) => {
      const b = encodeMessage({ version: 4, type: 2, xid, data: Buffer.from(s) })
      writeHotEchoReply(o, b, dvOf(b), 0, b.length)
    }
    echo(1, 'first')
    const a = o.take()
    const copy = Buffer.from(a)
    for (let i = 0; i < 2000; i++) echo(i, 'second')
    expect(a).toEqual(copy)
    expect(decodeMessage(o.take()).xid).toBe(0)
  })
})
