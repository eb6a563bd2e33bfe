import { describe, expect, it } from 'vitest'
import { OflError, MalformedError } from '../../../src/wire/errors.js'
import { toJsonValue } from '../../../src/wire/json.js'
import { WireWriter } from '../../../src/wire/writer.js'
import { LACPDU_SIZE } from '../../../src/lacp/constants.js'
import {
  decodeLacpdu, encodeLacpdu, lacpduLength, lacpduToBuffer, macFromNumber, newLacpPeek, peekLacpdu,
  type LacpDuInput, type LacpTlvInput,
} from '../../../src/lacp/lacpdu.js'
import { decodeLacpduSchema, LACPDU_SCHEMA_SIZE } from '../../../src/lacp/lacpdu-schema.js'
import { decodeMarker, markerToBuffer } from '../../../src/lacp/marker.js'
import { decodeSlowFrame } from '../../../src/lacp/slow.js'
import { loadVectors } from './vectors.js'
import { mulberry32 as prng } from '../../helpers/prng.js'

const ryu = loadVectors('lacp', 'ryu-test-slow')[0]!.bytes

describe('LACPDU layout', () => {
  it('declares 110 bytes, 58 of them in the binary-parser schema', () => {
    expect(LACPDU_SIZE).toBe(110)
    expect(LACPDU_SCHEMA_SIZE).toBe(58)
    expect(ryu.length).toBe(110)
  })
})

// Ryu's own negative tests (test_slow.py Test_lacp.test_invalid_*) mutate one field of its vector and
// expect "an Exception". ofl decodes them leniently, like OVS and Wireshark, and names the problem.
describe('Ryu test_slow.py invalid_* cases decode leniently with the right issue code and offset', () => {
  const cases: Array<[string, number, number, Array<[string, number]>]> = [
    ['test_invalid_version (0xff)', 1, 0xff, [['LACP_UNKNOWN_VERSION', 1]]],
    ['test_invalid_actor_tag (0x04)', 2, 0x04, [['LACP_BAD_TLV_TYPE', 2]]],
    ['test_invalid_actor_length (50)', 3, 50, [['LACP_BAD_TLV_LENGTH', 3]]],
    ['test_invalid_partner_tag (0x01)', 22, 0x01, [['LACP_BAD_TLV_TYPE', 22]]],
    ['test_invalid_partner_length (0)', 23, 0, [['LACP_BAD_TLV_LENGTH', 23]]],
    ['test_invalid_collector_tag (0x00)', 42, 0x00, [['LACP_BAD_TLV_TYPE', 42]]],
    ['test_invalid_collector_length (20)', 43, 20, [['LACP_BAD_TLV_LENGTH', 43]]],
    ['test_invalid_terminator_tag (0x04)', 58, 0x04, [['LACP_BAD_TLV_TYPE', 58], ['LACP_BAD_TLV_LENGTH', 59]]],
    ['test_invalid_terminator_length (52)', 59, 52, [['LACP_TERMINATOR_LENGTH', 59]]],
    ['non-zero actor reserved byte', 20, 0x99, [['LACP_RESERVED_NONZERO', 20]]],
    ['non-zero collector reserved byte', 50, 0x01, [['LACP_RESERVED_NONZERO', 50]]],
    ['non-zero pad after the terminator', 100, 0x01, [['LACP_RESERVED_NONZERO', 100]]],
  ]
  it.each(cases)('%s', (_name, at, value, want) => {
    const b = Buffer.from(ryu)
    b[at] = value
    const pdu = decodeLacpdu(b)
    expect(pdu.issues.map((i) => [i.code, i.offset])).toEqual(want)
    // the fields are still read from their fixed positions
    expect(pdu.actor.system).toBe('00:07:0d:af:f4:54')
    expect(pdu.actor.state).toBe(0xbd)
    expect(pdu.partner.state).toBe(0x02)
    expect(toJsonValue(decodeLacpduSchema(b))).toEqual(toJsonValue(pdu))
  })
})

describe('decodeLacpdu errors', () => {
  it('throws TRUNCATED for every length below 110, with the needed size', () => {
    for (let n = 0; n < 110; n++) {
      for (const dec of [decodeLacpdu, decodeLacpduSchema]) {
        try {
          dec(ryu.subarray(0, n))
          expect.unreachable()
        } catch (e) {
          expect((e as OflError).code).toBe('TRUNCATED')
          expect((e as OflError).offset).toBe(0)
          expect((e as { needed: number }).needed).toBe(110)
        }
      }
    }
  })
  it('a v2 TLV whose length overruns the input is LACP_TLV_OVERRUN at its length byte', () => {
    const b = Buffer.from(ryu)
    b[1] = 2
    b[58] = 0x05
    b[59] = 60 // 58 + 60 > 110
    expect(() => decodeLacpdu(b)).toThrowError(expect.objectContaining({ code: 'LACP_TLV_OVERRUN', offset: 59 }))
    expect(() => decodeLacpduSchema(b)).toThrowError(expect.objectContaining({ code: 'LACP_TLV_OVERRUN', offset: 59 }))
    // the same TLV fits when the input carries the bytes (a long LACPDU): then it is a bad-length raw TLV
    const longer = Buffer.concat([b, Buffer.alloc(10)])
    const pdu = decodeLacpdu(longer)
    expect(pdu.tlvs).toHaveLength(1)
    expect(pdu.tlvs[0]!.kind).toBe('unknown')
    expect(pdu.issues.map((i) => i.code)).toContain('LACP_BAD_TLV_LENGTH')
  })
  it('LACP_NO_TERMINATOR when TLVs run to the end of the input', () => {
    const b = Buffer.from(ryu)
    b[1] = 2
    b[58] = 0x42
    b[59] = 52 // an unknown TLV that fills the rest exactly
    const pdu = decodeLacpdu(b)
    expect(pdu.issues.map((i) => [i.code, i.offset])).toEqual([['LACP_UNKNOWN_TLV', 58], ['LACP_NO_TERMINATOR', 110]])
  })
})

function randomPdu(rnd: () => number): LacpDuInput {
  const u16 = () => Math.floor(rnd() * 65536)
  const mac = () => Array.from({ length: 6 }, () => Math.floor(rnd() * 256).toString(16).padStart(2, '0')).join(':')
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)))
  const info = () => ({ systemPriority: u16(), system: mac(), key: u16(), portPriority: u16(), port: u16(), state: Math.floor(rnd() * 256) })
  const version = rnd() < 0.5 ? 1 : 2
  const tlvs: LacpTlvInput[] = []
  if (version === 2) {
    const pool: Array<() => LacpTlvInput> = [
      () => ({ kind: 'portAlgorithm', type: 4, algorithm: (u16() * 65536 + u16()) >>> 0 }),
      () => ({ kind: 'conversationIdDigest', type: 5, linkNumberId: u16(), digest: bytes(16) }),
      () => ({ kind: 'conversationMask', type: 6, maskState: Math.floor(rnd() * 256), mask: bytes(128) }),
      () => ({ kind: 'conversationMask', type: (7 + Math.floor(rnd() * 3)) as 7 | 8 | 9, mask: bytes(128) }),
      () => ({ kind: 'serviceMapping', type: 10, digest: bytes(16) }),
      () => ({ kind: 'unknown', type: 11 + Math.floor(rnd() * 245), value: bytes(Math.floor(rnd() * 40)) }),
    ]
    const n = Math.floor(rnd() * 5)
    for (let i = 0; i < n; i++) tlvs.push(pool[Math.floor(rnd() * pool.length)]!())
  }
  return { version, actor: info(), partner: info(), collectorMaxDelay: u16(), tlvs, trailing: bytes(rnd() < 0.3 ? 4 : 0) }
}

describe('property: random valid PDUs (seeded)', () => {
  it('encode → decode is the identity, both decoders agree, length() is exact (2000 PDUs)', () => {
    const rnd = prng(0x5eed1a)
    for (let i = 0; i < 2000; i++) {
      const pdu = randomPdu(rnd)
      const buf = lacpduToBuffer(pdu)
      expect(buf.length).toBe(lacpduLength(pdu))
      const d = decodeLacpdu(buf)
      const want = toJsonValue<any>({ subtype: 1, ...pdu, issues: d.version === 2 ? d.issues : [] })
      expect(toJsonValue(d)).toEqual(want)
      // unknown TLVs in v2 are the only issues a valid random PDU can carry
      expect(d.issues.every((x) => x.code === 'LACP_UNKNOWN_TLV')).toBe(true)
      expect(toJsonValue(decodeLacpduSchema(buf))).toEqual(toJsonValue(d))
      expect(lacpduToBuffer(d).equals(buf)).toBe(true)
    }
  })
  it('encodes at any writer position (no absolute offsets leak into the encoder)', () => {
    const w = new WireWriter(8)
    w.u8(0xaa).u8(0xbb).u8(0xcc)
    encodeLacpdu(w, decodeLacpdu(ryu))
    expect(w.finish().subarray(3).equals(ryu)).toBe(true)
  })
})

describe('fuzz: random and mutated bytes (seeded)', () => {
  const seeds = [ryu, ...loadVectors('lacp').map((v) => v.bytes)]
  it('only OflError escapes, nothing hangs, decoders stay usable (20000 inputs)', () => {
    const rnd = prng(0xf022)
    let ok = 0
    let typed = 0
    for (let i = 0; i < 20000; i++) {
      let input: Buffer
      if (i % 4 === 0) input = Buffer.from(Array.from({ length: Math.floor(rnd() * 300) }, () => Math.floor(rnd() * 256)))
      else {
        input = Buffer.from(seeds[Math.floor(rnd() * seeds.length)]!)
        const flips = 1 + Math.floor(rnd() * 6)
        for (let f = 0; f < flips; f++) input[Math.floor(rnd() * input.length)] = Math.floor(rnd() * 256)
        if (rnd() < 0.2) input = input.subarray(0, Math.floor(rnd() * input.length))
        if (rnd() < 0.1) input[0] = 1 // keep LACP subtype often
      }
      for (const dec of [decodeLacpdu, decodeLacpduSchema, decodeMarker, decodeSlowFrame] as Array<(b: Buffer) => unknown>) {
        try {
          dec(input)
          ok++
        } catch (e) {
          if (!(e instanceof OflError)) throw new Error(`non-OflError ${String(e)} on ${input.toString('hex')}`, { cause: e })
          typed++
        }
      }
    }
    expect(ok).toBeGreaterThan(1000)
    expect(typed).toBeGreaterThan(1000)
    expect(decodeLacpdu(ryu).actor.key).toBe(1) // still works
  })
})

describe('peekLacpdu (zero-allocation hot path)', () => {
  it('fills a reused object with the same values the full decoder gives, at any offset', () => {
    const out = newLacpPeek()
    for (const v of loadVectors('lacp').filter((x) => x.codec === 'slow-frame' && x.bytes[14] === 1)) {
      const big = Buffer.concat([Buffer.alloc(5), v.bytes])
      const dv = new DataView(big.buffer, big.byteOffset, big.byteLength)
      const off = 5 + (v.bytes.length - decodeSlowFrame(v.bytes).eth.payload.length)
      expect(peekLacpdu(dv, off, big.length, out)).toBe(true)
      const d = decodeLacpdu(big, off)
      // The same participant tuple type, with the system as a 48-bit integer instead of a string.
      expect(out).toEqual({
        version: d.version,
        actor: { ...d.actor, system: out.actor.system },
        partner: { ...d.partner, system: out.partner.system },
        collectorMaxDelay: d.collectorMaxDelay,
      })
      expect(macFromNumber(out.actor.system)).toBe(d.actor.system)
      expect(macFromNumber(out.partner.system)).toBe(d.partner.system)
    }
  })
  it('returns false for short input, other subtypes and bad actor/partner headers (OVS checks)', () => {
    const out = newLacpPeek()
    const dv = (b: Buffer) => new DataView(b.buffer, b.byteOffset, b.byteLength)
    expect(peekLacpdu(dv(ryu), 0, 109, out)).toBe(false)
    const m = markerToBuffer({ requesterPort: 1, requesterSystem: '02:00:00:00:00:01', requesterTransactionId: 1 })
    expect(peekLacpdu(dv(m), 0, m.length, out)).toBe(false)
    const bad = Buffer.from(ryu)
    bad[3] = 21
    expect(peekLacpdu(dv(bad), 0, bad.length, out)).toBe(false)
    expect(peekLacpdu(dv(ryu), 0, ryu.length, out)).toBe(true)
    expect(out.actor.system).toBe(0x00070daff454)
  })
})

describe('encoder validation', () => {
  it('rejects a TLV longer than 255 bytes and a digest of the wrong size with typed codes', () => {
    const base = decodeLacpdu(ryu)
    expect(() => lacpduToBuffer({ ...base, version: 2, tlvs: [{ kind: 'unknown', type: 0x42, value: Buffer.alloc(254) }] }))
      .toThrowError(expect.objectContaining({ code: 'LACP_TLV_TOO_LONG' }))
    expect(() => lacpduToBuffer({ ...base, version: 2, tlvs: [{ kind: 'conversationIdDigest', type: 5, linkNumberId: 1, digest: 'aabb' }] }))
      .toThrowError(expect.objectContaining({ code: 'LACP_BAD_FIELD' }))
    expect(() => lacpduToBuffer({ ...base, actor: { ...base.actor, system: 'zz' } })).toThrowError(MalformedError)
  })
})
