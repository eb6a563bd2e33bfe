import { describe, expect, it } from 'vitest'
import {
  WireReader, WireWriter, TruncatedError, MalformedError, OflError,
  formatMac, parseMac, parseHex, toHex, hexdump, toJson, parseJsonLossless, asBigInt,
} from '../../../src/wire/index.js'

function codeOf(fn: () => unknown): string | undefined {
  try { fn() } catch (e) { return e instanceof OflError ? e.code : `not-ofl:${String(e)}` }
  return undefined
}

describe('WireReader', () => {
  it('reads big-endian integers and views without copying', () => {
    const buf = Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex')
    const r = new WireReader(buf)
    expect(r.u8()).toBe(1)
    expect(r.u16()).toBe(0x0203)
    expect(r.u32()).toBe(0x04050607)
    const v = r.bytes(2)
    expect(v.buffer).toBe(buf.buffer)
    v[0] = 0xff
    expect(buf[7]).toBe(0xff)
    expect(r.u24()).toBe(0x0a0b0c)
    expect(r.remaining).toBe(4)
  })

  it('reads u64 as bigint', () => {
    const r = new WireReader(Buffer.from('ffffffffffffffff', 'hex'))
    expect(r.u64()).toBe(2n ** 64n - 1n)
  })

  it('bounds a sub-reader so a child cannot read into its sibling', () => {
    const buf = Buffer.from('000102030405', 'hex')
    const r = new WireReader(buf)
    const child = r.slice(2)
    expect(child.u16()).toBe(0x0001)
    let err: unknown
    try { child.u8() } catch (e) { err = e }
    expect(err).toBeInstanceOf(TruncatedError)
    expect((err as TruncatedError).code).toBe('TRUNCATED')
    expect((err as TruncatedError).offset).toBe(2)
    expect(r.u8()).toBe(2)
  })

  it('raises TRUNCATED with the field name and offset', () => {
    const r = new WireReader(Buffer.alloc(3))
    r.skip(1)
    try { r.need(4, 'ofp_header'); expect.unreachable() } catch (e) {
      expect(e).toBeInstanceOf(TruncatedError)
      const t = e as TruncatedError
      expect([t.code, t.offset, t.field, t.needed, t.available]).toEqual(['TRUNCATED', 1, 'ofp_header', 4, 2])
    }
  })

  it('respects the byteOffset of pooled Buffers', () => {
    const pool = Buffer.from('aabbccdd0102', 'hex')
    const view = pool.subarray(4)
    expect(new WireReader(view).u16()).toBe(0x0102)
  })

  it('aligns relative to the window start', () => {
    const r = new WireReader(Buffer.alloc(16), 2, 16)
    r.skip(3).align(8)
    expect(r.offset).toBe(8)
  })
})

describe('WireWriter', () => {
  it('writes, grows and back-patches a length', () => {
    const w = new WireWriter(4)
    w.u8(1).u8(0)
    const at = w.reserve16()
    w.u32(0xdeadbeef).u64(1n).u64('0xffffffffffffffff').bytes('0a0b').mac('01:80:C2:00:00:02').zero(3)
    w.patchU16(at, w.length)
    const out = w.finish()
    expect(toHex(out)).toBe('0100' + '0023' + 'deadbeef' + '0000000000000001' + 'ffffffffffffffff' + '0a0b' + '0180c2000002' + '000000')
  })

  it('returns a fresh buffer from finish()', () => {
    const w = new WireWriter()
    w.u8(1)
    const a = w.finish()
    w.reset().u8(2)
    expect(a[0]).toBe(1)
  })
})

describe('mac, hex and json helpers', () => {
  it('formats and parses MACs in every common spelling', () => {
    expect(formatMac(Buffer.from('0013c4120f0d', 'hex'))).toBe('00:13:c4:12:0f:0d')
    for (const s of ['00:13:c4:12:0f:0d', '00-13-C4-12-0F-0D', '0013.c412.0f0d', '0013c4120f0d']) {
      expect(toHex(parseMac(s))).toBe('0013c4120f0d')
    }
    expect(codeOf(() => parseMac('00:13:c4:12:0f'))).toBe('BAD_MAC')
  })

  it('parses pasted hex with comments, separators and hexdump offsets', () => {
    expect(toHex(parseHex('01 0a # version and type\n0x00 0x08\n'))).toBe('010a0008')
    expect(toHex(parseHex('00000000  01 80 c2 00  |....|\n'))).toBe('0180c200')
    expect(codeOf(() => parseHex('01 0'))).toBe('BAD_HEX')
    expect(codeOf(() => parseHex('zz'))).toBe('BAD_HEX')
    expect(hexdump(Buffer.from('hello'))).toBe('00000000  68 65 6c 6c 6f' + ' '.repeat(33 + 2) + '|hello|')
  })

  it('renders bigint as strings and bytes as hex, and reads big integers back exactly', () => {
    const text = toJson({ cookie: 2n ** 64n - 1n, data: Buffer.from([1, 2]) }, undefined)
    expect(text).toBe('{"cookie":"18446744073709551615","data":"0102"}')
    const back = parseJsonLossless('{"cookie": 18446744073709551615, "n": 5, "s": "1e3 \\"x\\" 99999999999999999999"}') as Record<string, unknown>
    expect(back.cookie).toBe(18446744073709551615n)
    expect(back.n).toBe(5)
    expect(back.s).toBe('1e3 "x" 99999999999999999999')
    expect(asBigInt('0x10')).toBe(16n)
    expect(codeOf(() => asBigInt('1.5'))).toBe('BAD_INTEGER')
  })

  it('keeps MalformedError distinct from TruncatedError', () => {
    expect(new MalformedError('X', 'y')).not.toBeInstanceOf(TruncatedError)
  })
})
