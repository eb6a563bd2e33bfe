// peekPacketIn agrees with the full decoders on independent vectors (Ryu of10/of12/of13 packet-ins)
// and on the generated bench stream, allocates no per-message state, and rejects bad input with codes.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hasCorpus, corpusPath } from '../../helpers/corpus.js'
import { decodeMessage, encodeMessage } from '../../../src/openflow/codec.js'
import { getOxm } from '../../../src/openflow/common13/oxm.js'
import { PacketInPeek, peekPacketIn } from '../../../src/openflow/peek.js'
import { buildPacketInStream } from '../../../src/bench/openflow.js'
import { macToNumber } from '../../../src/wire/mac.js'
import { OflError } from '../../../src/wire/errors.js'

function expectAgrees(buf: Buffer, off: number, pk: PacketInPeek): void {
  expect(peekPacketIn(buf, off, pk)).toBe(true)
  const m = decodeMessage(buf, off)
  if (m.type !== 10) throw new Error(`not a packet-in: type ${m.type}`)
  expect(pk.version).toBe(m.version)
  expect(pk.xid).toBe(m.xid)
  expect(pk.bufferId).toBe(m.bufferId)
  expect(pk.totalLen).toBe(m.totalLen)
  expect(pk.reason).toBe(m.reason)
  if (m.version === 1) {
    expect(pk.inPort).toBe(m.inPort)
  } else {
    expect(pk.tableId).toBe(m.tableId)
    const f = getOxm(m.match, 'in_port')
    expect(pk.inPort).toBe(f ? f.value : -1)
  }
  const data: Buffer = m.data
  expect(pk.dataOffset).toBe(data.byteOffset - buf.byteOffset)
  expect(pk.dataLength).toBe(data.length)
  if (data.length >= 14) {
    expect(pk.ethDst).toBe(macToNumber(data, 0))
    expect(pk.ethSrc).toBe(macToNumber(data, 6))
    const t = data.readUInt16BE(12)
    expect(pk.ethType).toBe(t === 0x8100 ? data.readUInt16BE(16) : t)
  }
}

describe('peekPacketIn', () => {
  it('agrees with decodeMessage over the generated OF1.0/OF1.3 LACPDU stream, reusing one object', () => {
    const s = buildPacketInStream(40)
    const pk = new PacketInPeek()
    let off = 0
    let n = 0
    while (off < s.length) {
      expectAgrees(s, off, pk)
      expect(pk.ethType).toBe(0x8809)
      expect(pk.l2Length).toBe(14)
      expect(pk.dataLength).toBe(124)
      off += s.readUInt16BE(off + 2)
      n++
    }
    expect(n).toBe(40)
  })

  it('OF1.0: the frame starts at byte 18 (not sizeof(ofp_packet_in) = 20)', () => {
    const frame = Buffer.from('0180c2000002' + '0013c4120f0d' + '8100' + '0064' + '8809' + '0101', 'hex')
    const b = encodeMessage({ version: 1, type: 10, xid: 9, bufferId: 5, totalLen: 200, inPort: 7, reason: 0, data: frame })
    const pk = new PacketInPeek()
    expect(peekPacketIn(b, 0, pk)).toBe(true)
    expect([pk.dataOffset, pk.inPort, pk.vlanId, pk.ethType, pk.l2Length]).toEqual([18, 7, 100, 0x8809, 18])
    expect(pk.ethDst).toBe(0x0180c2000002)
  })

  it('returns false for other message types and versions, leaving the object alone', () => {
    const pk = new PacketInPeek()
    pk.inPort = 77
    expect(peekPacketIn(Buffer.from('0100000800000001', 'hex'), 0, pk)).toBe(false)
    expect(peekPacketIn(Buffer.from('050a000800000001', 'hex'), 0, pk)).toBe(false)
    expect(pk.inPort).toBe(77)
  })

  it('rejects truncated and malformed packet-ins with codes and offsets', () => {
    const pk = new PacketInPeek()
    const code = (b: Buffer) => {
      try {
        peekPacketIn(b, 0, pk)
      } catch (e) {
        expect(e).toBeInstanceOf(OflError)
        return [(e as OflError).code, (e as OflError).offset]
      }
      return 'no error'
    }
    expect(code(Buffer.from('010a', 'hex'))).toEqual(['TRUNCATED', 0])
    expect(code(Buffer.from('010a00400000000100000000', 'hex'))).toEqual(['TRUNCATED', 0])
    expect(code(Buffer.from('010a000c0000000100000000', 'hex'))).toEqual(['OFPBRC_BAD_LEN', 2])
    // OF1.3: OXM length 0x20 overruns a 12-byte match
    const bad = Buffer.from('040a002a00000001ffffffff0000000000000000000000000001000c80000020000000030000' + '0000' + '00000000', 'hex')
    bad.writeUInt16BE(bad.length, 2)
    expect(code(bad)).toEqual(['OFPBMC_BAD_LEN', 31])
    // OF1.3: match type 0 (OFPMT_STANDARD) is not OXM
    const std = Buffer.from(bad)
    std.writeUInt16BE(0, 24)
    std.writeUInt16BE(0x80000004 >>> 16, 28)
    std.writeUInt16BE(0x0004, 30)
    expect(code(std)).toEqual(['OFPBMC_BAD_TYPE', 24])
  })
})

describe.skipIf(!hasCorpus)('peekPacketIn on Ryu packet-in vectors', () => {
  const files = [
    ['of10', '1-4-ofp_packet_in.packet'],
    ['of12', '3-4-ofp_packet_in.packet'],
    ['of12', '3-59-ofp_packet_in.packet'],
    ['of13', '4-4-ofp_packet_in.packet'],
    ['of13', '4-59-ofp_packet_in.packet'],
    ['of13', 'libofproto-OFP13-packet_in.packet'],
  ]
  it.each(files)('%s/%s', (dir, f) => {
    const b = readFileSync(corpusPath('ryu', dir, f))
    const padded = Buffer.concat([Buffer.alloc(3), b])
    expectAgrees(padded, 3, new PacketInPeek())
  })
})
