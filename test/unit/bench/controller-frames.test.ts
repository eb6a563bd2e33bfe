// The load generator's wire pieces: packet-in templates (built with ofl's encoders, then patched in
// place) must decode as the intended packet-ins, and the no-allocation response peek must agree with the
// full decoders and catch malformed structure.
import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage } from '../../../src/openflow/codec.js'
import { expectMessage } from '../../helpers/messages.js'
import { PacketInPeek, peekPacketIn } from '../../../src/openflow/peek.js'
import {
  DATA_IN_PORT, DST_MAC_LEARNED, DST_PORT, FRAME_LEN, FRAME_SEQ_AT, RESP_FLOW_MOD, RESP_FLOW_MOD_OTHER, RESP_NONE, RESP_PACKET_OUT,
  RESP_PACKET_OUT_LLDP, ResponsePeek, dataFrame, learnFrame, packetInTemplate, peekResponse, writePacketIn,
} from '../../../src/bench/controller/frames.js'

const mac = (b: Buffer, o: number) => [...b.subarray(o, o + 6)].map((x) => x.toString(16).padStart(2, '0')).join(':')

describe.each([1, 4] as const)('packet-in template, version %i', (version) => {
  const t = packetInTemplate(version, DATA_IN_PORT, dataFrame(DST_MAC_LEARNED))

  it('patches xid, buffer_id, source MAC and sequence number in place and decodes as that packet-in', () => {
    const out = Buffer.alloc(t.bytes.length * 2 + 3)
    const n = writePacketIn(t, out, 3 + t.bytes.length, 0x01020304, 0x7fff0001, 0xa1b2c3d4, 77)
    expect(n).toBe(t.bytes.length)
    const m = decodeMessage(out, 3 + t.bytes.length)
    expect(m).toMatchObject({ version, type: 10, xid: 0x01020304, bufferId: 0x7fff0001, totalLen: FRAME_LEN, reason: 0 })
    const pi = expectMessage(m, version, 10)
    if (pi.version === 1) expect(pi.inPort).toBe(DATA_IN_PORT)
    else expect(pi.match.fields).toEqual([{ field: 'in_port', value: DATA_IN_PORT }])
    const f = pi.data
    expect(f.length).toBe(FRAME_LEN)
    expect(mac(f, 0)).toBe('02:ff:00:00:00:01')
    expect(mac(f, 6)).toBe('02:00:a1:b2:c3:d4')
    expect(f.readUInt16BE(12)).toBe(0x0800)
    expect(f.readUInt32BE(FRAME_SEQ_AT)).toBe(77)
    // the frame sits where the template says it does (OF1.0: offset 18, not 20)
    expect(t.frameAt).toBe(version === 1 ? 18 : t.bytes.length - FRAME_LEN)
    expect(out.subarray(0, 3)).toEqual(Buffer.alloc(3))
    // the controller-side hot-path peek (ofl controller's view of it) sees the same packet-in
    const pk = new PacketInPeek()
    expect(peekPacketIn(out, 3 + t.bytes.length, pk)).toBe(true)
    expect(pk).toMatchObject({ version, xid: 0x01020304, bufferId: 0x7fff0001, inPort: DATA_IN_PORT, totalLen: FRAME_LEN, dataLength: FRAME_LEN, ethType: 0x0800 })
    expect(pk.dataOffset).toBe(3 + t.bytes.length + t.frameAt)
    expect(pk.ethSrc).toBe(0x0200a1b2c3d4)
    expect(pk.ethDst).toBe(0x02ff00000001)
  })

  it('learn template: a gratuitous ARP from the learned destination on DST_PORT; src kept with -1', () => {
    const l = packetInTemplate(version, DST_PORT, learnFrame())
    expect(l.bytes.length).toBe(t.bytes.length)
    const out = Buffer.alloc(l.bytes.length)
    writePacketIn(l, out, 0, 5, 5, -1, 5)
    const m = expectMessage(decodeMessage(out), version, 10)
    const f = m.data
    expect(mac(f, 0)).toBe('ff:ff:ff:ff:ff:ff')
    expect(mac(f, 6)).toBe('02:ff:00:00:00:01')
    expect(f.readUInt16BE(12)).toBe(0x0806)
    expect(mac(f, 22)).toBe('02:ff:00:00:00:01') // ARP sender MAC
  })
})

it('the IPv4 header checksum of the data frame is valid', () => {
  const ip = dataFrame(DST_MAC_LEARNED).subarray(14, 34)
  let s = 0
  for (let i = 0; i < 20; i += 2) s += ip.readUInt16BE(i)
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16)
  expect(s).toBe(0xffff)
})

const out10 = (port: number) => ({ type: 0, port, maxLen: 0 })
const out13 = (port: number) => ({ type: 0, port, maxLen: 0 })
const match10 = { wildcards: 0x3fffff, inPort: 0, dlSrc: '00:00:00:00:00:00', dlDst: '00:00:00:00:00:00', dlVlan: 0, dlVlanPcp: 0, dlType: 0, nwTos: 0, nwProto: 0, nwSrc: '0.0.0.0', nwDst: '0.0.0.0', tpSrc: 0, tpDst: 0 }
const fm10 = (command: number, bufferId: number, port = 4) => encodeMessage({
  version: 1, type: 14, xid: 9, match: match10, cookie: 0n, command, idleTimeout: 0, hardTimeout: 0, priority: 1, bufferId, outPort: 0xffff, flags: 0, actions: [out10(port)],
})
const fm13 = (command: number, bufferId: number, port = 4) => encodeMessage({
  version: 4, type: 14, xid: 9, cookie: 0n, cookieMask: 0n, tableId: 0, command, idleTimeout: 0, hardTimeout: 0, priority: 1, bufferId,
  outPort: 0xffffffff, outGroup: 0xffffffff, flags: 0, match: { fields: [{ field: 'in_port', value: 3 }, { field: 'eth_dst', value: '02:ff:00:00:00:01' }] },
  instructions: [{ type: 4, actions: [out13(port)] }],
})
const po = (version: number, bufferId: number, data: Buffer, port: number) => encodeMessage(version === 1
  ? { version, type: 13, xid: 3, bufferId, inPort: 3, actions: [out10(port)], data }
  : { version, type: 13, xid: 3, bufferId, inPort: 3, actions: [out13(port)], data })

describe('peekResponse', () => {
  const p = new ResponsePeek()
  const peek = (b: Buffer) => peekResponse(b, 0, b.length, p)

  it.each([[1, fm10], [4, fm13]] as const)('flow-mods of version %i: command → kind, buffer_id, agreeing with the decoder', (_v, fm) => {
    for (const [cmd, kind] of [[0, RESP_FLOW_MOD], [1, RESP_FLOW_MOD], [2, RESP_FLOW_MOD], [3, RESP_FLOW_MOD_OTHER], [4, RESP_FLOW_MOD_OTHER]]) {
      const b = fm(cmd!, 1234)
      expect(peek(b)).toMatchObject({ kind, bufferId: 1234, seq: -1, malformed: '', badPort: 0 })
      expect(decodeMessage(b)).toMatchObject({ command: cmd, bufferId: 1234 })
    }
  })

  it.each([1, 4])('packet-outs of version %i: the sequence number is read back from the echoed frame; LLDP is told apart', (v) => {
    const f = dataFrame(DST_MAC_LEARNED)
    f.writeUInt32BE(4242, FRAME_SEQ_AT)
    expect(peek(po(v, 0xffffffff, f, 0xfffb))).toMatchObject({ kind: RESP_PACKET_OUT, bufferId: 0xffffffff, seq: 4242, malformed: '' })
    expect(peek(po(v, 17, Buffer.alloc(0), 4))).toMatchObject({ kind: RESP_PACKET_OUT, bufferId: 17, seq: -1 })
    const lldp = Buffer.alloc(60)
    lldp.writeUInt16BE(0x88cc, 12)
    expect(peek(po(v, 0xffffffff, lldp, 4)).kind).toBe(RESP_PACKET_OUT_LLDP)
  })

  it('other message types are not responses', () => {
    expect(peek(encodeMessage({ version: 4, type: 2, xid: 1, data: Buffer.alloc(0) })).kind).toBe(RESP_NONE)
  })

  it.each([[1, fm10], [4, fm13]] as const)('an output to a port the switch does not have is flagged (version %i)', (_v, fm) => {
    expect(peek(fm(0, 1, 9)).badPort).toBe(9)
    expect(peek(fm(0, 1, 4)).badPort).toBe(0)
  })

  it('structure errors are reported, and the full decoder rejects the same bytes', () => {
    // 1.0 flow-mod whose action length is 12 (not a multiple of 8)
    const a = fm10(0, 1)
    a.writeUInt16BE(12, 72 + 2)
    expect(peek(a).malformed).toBe('bad action length')
    expect(() => decodeMessage(a)).toThrowError(expect.objectContaining({ code: expect.stringMatching(/^OFPBAC_BAD_LEN|OFPBRC_BAD_LEN$/) }))
    // 1.3 flow-mod whose match length runs past the message
    const b = fm13(0, 1)
    b.writeUInt16BE(400, 48 + 2)
    expect(peek(b).malformed).toBe('bad ofp_match in FLOW_MOD')
    expect(() => decodeMessage(b)).toThrowError(expect.objectContaining({ code: expect.stringMatching(/BAD_LEN|TRUNCATED/) }))
    // 1.3 flow-mod with an instruction of length 4
    const c = fm13(0, 1)
    c.writeUInt16BE(4, c.length - 16 - 8 + 2)
    expect(peek(c).malformed).toBe('bad instruction length in FLOW_MOD')
    // a flow-mod shorter than its fixed part
    const d = Buffer.from(fm13(0, 1).subarray(0, 40))
    d.writeUInt16BE(40, 2)
    expect(peek(d).malformed).toBe('FLOW_MOD shorter than ofp_flow_mod')
    // packet-out whose actions_len overruns the message
    const e = po(1, 1, Buffer.alloc(0), 4)
    e.writeUInt16BE(64, 14)
    expect(peek(e).malformed).toBe('PACKET_OUT actions_len overruns the message')
    expect(() => decodeMessage(e)).toThrowError(expect.objectContaining({ code: 'OFPBRC_BAD_LEN' }))
  })
})
