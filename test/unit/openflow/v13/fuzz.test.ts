// Random and mutated OpenFlow 1.2/1.3 input (msgpack decode.jsfuzz.js idea, seeded PRNG): decoding
// yields a message or an OflError, never another exception and never a hang; what decodes re-encodes
// without throwing anything but an OflError. Bounded in count (a few thousand cases per seed set).
import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage } from '../../../../src/openflow/codec.js'
import { OflError } from '../../../../src/wire/errors.js'
import { samples } from './samples.js'
import { loadHexVectors } from '../../../helpers/vectors13.js'
import { mulberry32 as prng } from '../../../helpers/prng.js'

function fixLength(b: Buffer): Buffer {
  if (b.length >= 4) b.writeUInt16BE(Math.min(b.length, 0xffff), 2)
  return b
}

function check(b: Buffer): 'ok' | 'error' {
  let m
  try {
    m = decodeMessage(b)
  } catch (e) {
    if (!(e instanceof OflError)) throw new Error(`non-OflError ${String(e)} for ${b.toString('hex')}`, { cause: e })
    return 'error'
  }
  try {
    encodeMessage(m)
  } catch (e) {
    if (!(e instanceof OflError)) throw new Error(`encode threw non-OflError ${String(e)} for ${b.toString('hex')}`, { cause: e })
  }
  return 'ok'
}

const seeds: Buffer[] = [
  ...samples(4).map((s) => encodeMessage(s)),
  ...samples(3).map((s) => encodeMessage(s)),
  ...loadHexVectors('of13').map((v) => v.bytes),
]

describe('1.2/1.3 fuzz', () => {
  it('mutated valid messages (byte flips, length patches, truncations) → message or OflError', () => {
    const rnd = prng(0x0f13)
    const counts = { ok: 0, error: 0 }
    for (let i = 0; i < 6000; i++) {
      const seed = seeds[i % seeds.length]!
      const b = Buffer.from(seed)
      const kind = i % 3
      if (kind === 0) {
        for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) b[8 + Math.floor(rnd() * Math.max(1, b.length - 8))] = Math.floor(rnd() * 256)
        counts[check(fixLength(b))]++
      } else if (kind === 1) {
        // Patch a 16-bit word (most lengths are 16-bit) to a small or huge value.
        if (b.length > 10) {
          const at = 8 + 2 * Math.floor(rnd() * ((b.length - 9) / 2))
          b.writeUInt16BE([0, 1, 4, 7, 8, 0xffff][Math.floor(rnd() * 6)]!, Math.min(at, b.length - 2))
        }
        counts[check(fixLength(b))]++
      } else {
        counts[check(fixLength(b.subarray(0, 8 + Math.floor(rnd() * Math.max(1, b.length - 8)))))]++
      }
    }
    // Both outcomes occur: the mutations reach the validators and also leave decodable messages.
    expect(counts.ok).toBeGreaterThan(100)
    expect(counts.error).toBeGreaterThan(100)
  })

  it('random bodies under every 1.2/1.3 message type → message or OflError', () => {
    const rnd = prng(42)
    let errors = 0
    for (let i = 0; i < 4000; i++) {
      const version = i % 2 ? 4 : 3
      const len = 8 + Math.floor(rnd() * 120)
      const b = Buffer.alloc(len)
      for (let k = 8; k < len; k++) b[k] = rnd() < 0.5 ? 0 : Math.floor(rnd() * 256)
      b[0] = version
      b[1] = i % 31
      b.writeUInt16BE(len, 2)
      if (check(b) === 'error') errors++
    }
    expect(errors).toBeGreaterThan(0)
  })
})
