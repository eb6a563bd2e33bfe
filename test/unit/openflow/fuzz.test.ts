// Random and mutated input (seeded, bounded) fed to decodeMessage and the framer: only OflError may
// escape, nothing hangs, and the framer/decoder keep working afterwards (msgpack decode.jsfuzz idea).
import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage } from '../../../src/openflow/codec.js'
import { OfFramer } from '../../../src/openflow/framer.js'
import { OflError } from '../../../src/wire/errors.js'
import { registry } from '../../../src/openflow/v10/index.js'

function prng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s ^= s << 13; s >>>= 0
    s ^= s >>> 17
    s ^= s << 5; s >>>= 0
    return s / 0x100000000
  }
}

// seeds: one well-formed message of several types (built with the codec itself, then mutated)
const SEEDS = [
  '010a008e00000011ffffffff007c000300000180c20000020013c4120f0d8809' + '00'.repeat(110),
  '010d002000000001ffffffff00010010000000100002ffff00000008fffd0000',
  '0111006c00000001000100000064000000100000' + '00'.repeat(40) + '00'.repeat(48),
  '01150028000000010001000000000000000000010018000000010010000000000064000000000000',
  '0106005000000001000000000000000100000100fe000000000000c700000fff0001aabbccddee0165746831000000000000000000000000000000000000000000000000000000000000',
].map((h) => Buffer.from(h, 'hex'))

function expectOnlyOflError(fn: () => unknown): 'ok' | 'error' {
  try {
    fn()
    return 'ok'
  } catch (e) {
    if (!(e instanceof OflError)) throw e
    expect(typeof e.code).toBe('string')
    return 'error'
  }
}

describe('fuzz: decodeMessage and OfFramer', () => {
  it('mutated seeds: only OflError, and what decodes re-encodes to a decodable message', () => {
    const rnd = prng(0xc0ffee)
    let ok = 0
    let bad = 0
    for (let i = 0; i < 4000; i++) {
      const seed = SEEDS[i % SEEDS.length]!
      const b = Buffer.from(seed)
      const flips = 1 + Math.floor(rnd() * 4)
      for (let k = 0; k < flips; k++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256)
      if (rnd() < 0.3) b.writeUInt16BE(Math.min(b.length, Math.floor(rnd() * (b.length + 8))), 2)
      const cut = rnd() < 0.2 ? b.subarray(0, Math.floor(rnd() * b.length)) : b
      const r = expectOnlyOflError(() => {
        const m = decodeMessage(cut)
        const again = encodeMessage(m)
        decodeMessage(again)
      })
      if (r === 'ok') ok++
      else bad++
    }
    // both outcomes must actually occur, or the mutation is not exercising anything
    expect(ok).toBeGreaterThan(100)
    expect(bad).toBeGreaterThan(100)
  })

  it('random bytes with a valid-looking header for every registered type: only OflError', () => {
    const rnd = prng(42)
    for (const t of Object.keys(registry).map(Number)) {
      for (let i = 0; i < 150; i++) {
        const len = 8 + Math.floor(rnd() * 120)
        const b = Buffer.alloc(len)
        for (let k = 8; k < len; k++) b[k] = rnd() < 0.5 ? 0 : Math.floor(rnd() * 256)
        b[0] = 1; b[1] = t; b.writeUInt16BE(len, 2)
        expectOnlyOflError(() => decodeMessage(b))
      }
    }
  })

  it('random streams through the framer: only OflError, and reset() recovers', () => {
    const rnd = prng(7)
    const f = new OfFramer()
    let errors = 0
    for (let i = 0; i < 600; i++) {
      // a random message: random bytes under a header whose length is sometimes below 8
      const len = 8 + Math.floor(rnd() * 200)
      const msg = Buffer.alloc(len)
      for (let k = 0; k < len; k++) msg[k] = Math.floor(rnd() * 256)
      msg[0] = 1
      msg.writeUInt16BE(rnd() < 0.03 ? Math.floor(rnd() * 8) : len, 2)
      const cut = Math.floor(rnd() * len)
      try {
        for (const chunk of [msg.subarray(0, cut), msg.subarray(cut)]) {
          f.push(chunk, (buf, off, n) => expectOnlyOflError(() => decodeMessage(buf.subarray(off, off + n))))
        }
      } catch (e) {
        expect(e).toBeInstanceOf(OflError)
        expect((e as OflError).code).toBe('OFPBRC_BAD_LEN')
        errors++
        f.reset()
      }
      expect(f.pending).toBeLessThan(65536 + 300)
    }
    expect(errors).toBeGreaterThan(0)
    f.reset()
    const hello = Buffer.from('0100000800000001', 'hex')
    expect(f.frames(hello).length).toBe(1)
  })
})
