// OXM TLVs and ofp_match (OpenFlow 1.3.5 §7.2.2): every basic field with its wire size, masks, the
// 3-byte pbb_isid, raw classes, the 8-byte alignment with the length excluding padding (pitfall 2),
// and IPv6 canonical text.
import { describe, expect, it } from 'vitest'
import { WireReader } from '../../../../src/wire/reader.js'
import { WireWriter } from '../../../../src/wire/writer.js'
import { OflError } from '../../../../src/wire/errors.js'
import {
  OXM_FIELDS, decodeMatch, decodeOxm, encodeMatch, encodeOxm, getOxm, oxmFieldSize, type Match, type OxmTlv,
} from '../../../../src/openflow/common13/oxm.js'
import { formatIpv6, parseIpv6 } from '../../../../src/openflow/common13/util.js'

const enc = (f: (w: WireWriter) => void): Buffer => { const w = new WireWriter(8); f(w); return w.finish() }

/** Spec sizes from OpenFlow 1.3.5 Table 12 (bits / 8), in OFPXMT_OFB_* order. */
const SPEC_BYTES = [4, 4, 8, 6, 6, 2, 2, 1, 1, 1, 1, 4, 4, 2, 2, 2, 2, 2, 2, 1, 1, 2, 4, 4, 6, 6, 16, 16, 4, 1, 1, 16, 6, 6, 4, 1, 1, 3, 8, 2]

function sampleValue(name: string, size: number): OxmTlv['value'] {
  if (size === 8) return 0x0102030405060708n
  if (size === 6) return '0a:1b:2c:3d:4e:5f'
  if (size === 16) return '2001:db8::42'
  if (/ipv4|arp_[st]pa/.test(name)) return '192.0.2.7'
  return size === 3 ? 0xabcdef : size === 1 ? 0x2a : size === 2 ? 0x1234 : 0xdeadbeef
}

describe('OXM basic fields', () => {
  it('knows the 40 OpenFlow-basic fields with the spec sizes', () => {
    expect(OXM_FIELDS).toHaveLength(40)
    expect(OXM_FIELDS.map(([n]) => oxmFieldSize(n))).toEqual(SPEC_BYTES)
    expect(OXM_FIELDS[37][0]).toBe('pbb_isid')
    expect(OXM_FIELDS[39][0]).toBe('ipv6_exthdr')
  })

  it.each(OXM_FIELDS.map(([n], i) => [n, i] as const))('%s (field %i) round-trips, plain and masked', (name, id) => {
    const size = SPEC_BYTES[id]!
    const value = sampleValue(name, size)
    const plain = { field: name, value } as OxmTlv
    const b = enc((w) => encodeOxm(w, plain))
    expect([...b.subarray(0, 4)]).toEqual([0x80, 0x00, id << 1, size])
    expect(b.length).toBe(4 + size)
    expect(decodeOxm(new WireReader(b))).toEqual(plain)
    const masked = { field: name, value, mask: value } as OxmTlv
    const bm = enc((w) => encodeOxm(w, masked))
    expect([...bm.subarray(0, 4)]).toEqual([0x80, 0x00, (id << 1) | 1, 2 * size])
    expect(decodeOxm(new WireReader(bm))).toEqual(masked)
  })

  it('pbb_isid is 3 bytes on the wire', () => {
    const b = enc((w) => encodeOxm(w, { field: 'pbb_isid', value: 0x123456 }))
    expect(b.toString('hex')).toBe('80004a03123456')
  })

  it('keeps Nicira and experimenter classes raw, byte for byte', () => {
    for (const hex of ['00010404 0000002a', '0001c308 000000ff 000000ff', 'ffff0007 4f4e4600 0a0001']) {
      const b = Buffer.from(hex.replace(/\s/g, ''), 'hex')
      const o = decodeOxm(new WireReader(b))
      expect('oxmClass' in o).toBe(true)
      expect(enc((w) => encodeOxm(w, o)).equals(b)).toBe(true)
    }
  })

  it('keeps an unknown basic field (beyond ipv6_exthdr) raw', () => {
    const b = Buffer.from('80005002abcd', 'hex')
    expect(decodeOxm(new WireReader(b))).toEqual({ oxmClass: 0x8000, oxmField: 40, hasMask: false, data: Buffer.from('abcd', 'hex') })
  })
})

describe('ofp_match alignment', () => {
  // Field lists giving match lengths 4, 8, 10, 12, 14, 16, 20, 24 → padding 4, 0, 6, 4, 2, 0, 4, 0.
  const cases: Array<[Match, number]> = [
    [{ fields: [] }, 4],
    [{ fields: [{ field: 'ip_proto', value: 6 }] }, 9],
    [{ fields: [{ field: 'eth_type', value: 0x800 }] }, 10],
    [{ fields: [{ field: 'in_port', value: 1 }] }, 12],
    [{ fields: [{ field: 'eth_dst', value: '01:02:03:04:05:06' }] }, 14],
    [{ fields: [{ field: 'metadata', value: 1n }] }, 16],
    [{ fields: [{ field: 'ipv6_src', value: '::1' }] }, 24],
    [{ fields: [{ field: 'in_port', value: 1 }, { field: 'ip_proto', value: 17 }, { field: 'udp_dst', value: 53 }] }, 23],
  ]
  it.each(cases)('length %#: header length excludes the padding, total is a multiple of 8', (m, length) => {
    const b = enc((w) => encodeMatch(w, m))
    expect(b.readUInt16BE(2)).toBe(length)
    expect(b.length).toBe(Math.ceil(length / 8) * 8)
    expect(b.subarray(length).every((x) => x === 0)).toBe(true)
    const r = new WireReader(Buffer.concat([b, Buffer.from('ee', 'hex')]))
    expect(decodeMatch(r)).toEqual(m)
    expect(r.pos).toBe(b.length) // the reader stops after the padding, at the next structure
  })

  it('rejects a match whose padding is missing (TRUNCATED at the padding)', () => {
    const b = Buffer.from('0001000c8000000400000001', 'hex')
    let err: unknown
    try { decodeMatch(new WireReader(b)) } catch (e) { err = e }
    expect((err as OflError).code).toBe('TRUNCATED')
    expect((err as OflError).offset).toBe(12)
  })

  it('getOxm finds a typed field', () => {
    const m: Match = { fields: [{ field: 'eth_type', value: 0x8809 }, { field: 'in_port', value: 7 }] }
    expect(getOxm(m, 'in_port')?.value).toBe(7)
    expect(getOxm(m, 'vlan_vid')).toBeUndefined()
  })
})

describe('IPv6 text', () => {
  it.each([
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['fe80:0000:0000:0000:f00b:a4ff:fe48:28a5', 'fe80::f00b:a4ff:fe48:28a5'],
    ['0000:0000:0000:0000:0000:0000:0000:0000', '::'],
    ['2001:0db8:0000:0001:0000:0000:0000:0001', '2001:db8:0:1::1'],
    ['2001:0db8:0001:0001:0001:0001:0001:0000', '2001:db8:1:1:1:1:1:0'],
    ['ffff:ffff:ffff:ffff:0000:0000:0000:0000', 'ffff:ffff:ffff:ffff::'],
  ])('%s → %s (RFC 5952)', (full, canon) => {
    const b = Buffer.from(full.replace(/:/g, ''), 'hex')
    expect(formatIpv6(b)).toBe(canon)
    expect(parseIpv6(canon).equals(b)).toBe(true)
  })
  it('parses an embedded IPv4 tail and rejects garbage with BAD_IP', () => {
    expect(parseIpv6('::ffff:192.0.2.1').toString('hex')).toBe('00000000000000000000ffffc0000201')
    for (const bad of ['1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9']) {
      let err: unknown
      try { parseIpv6(bad) } catch (e) { err = e }
      expect((err as OflError).code).toBe('BAD_IP')
    }
  })
})
