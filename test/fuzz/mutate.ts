// Mutations of corpus and fixture inputs: bit flips, byte sets, length lies (16/32-bit fields set to
// boundary values), truncation, splices from another seed, insertions, deletions and duplications;
// for inputs made of units (capture records, OpenFlow messages in a stream), unit drops, duplicates,
// swaps and cuts first. 1-4 byte-level mutations per input.
import type { Rng } from './rng.js'

/** A seed: bytes made of `head` (file header) followed by units (records / blocks / messages). */
export interface Seed {
  name: string
  head: Buffer
  units: Buffer[]
}

export function seedBytes(s: Seed): Buffer {
  return Buffer.concat([s.head, ...s.units])
}

export interface MutateOptions {
  /** Offsets of length fields worth lying about in every unit (OpenFlow: 2 = ofp_header.length). */
  lengthAt?: readonly number[]
  /** Largest input produced. */
  maxLen?: number
  /** Probability of leaving the input unmutated (keeps the valid-path checks busy). */
  keep?: number
}

const BOUNDARY = [0, 1, 2, 3, 4, 7, 8, 9, 12, 15, 16, 20, 24, 28, 32, 64, 127, 128, 255, 256, 0x7fff, 0x8000, 0xfffe, 0xffff]
const BOUNDARY32 = [0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 16 * 1024 * 1024, 16 * 1024 * 1024 + 4]
const BYTES = [0, 1, 2, 0x7f, 0x80, 0xfe, 0xff]

function unitOps(units: Buffer[], rnd: Rng): Buffer[] {
  const u = units.slice()
  const n = 1 + rnd.int(3)
  for (let k = 0; k < n && u.length > 0; k++) {
    const i = rnd.int(u.length)
    switch (rnd.int(5)) {
      case 0: u.splice(i, 1); break // dropped
      case 1: u.splice(i, 0, u[i]!); break // duplicated (retransmission)
      case 2: if (i + 1 < u.length) [u[i], u[i + 1]] = [u[i + 1]!, u[i]!]; break // reordered
      case 3: u[i] = u[i]!.subarray(0, rnd.int(u[i]!.length + 1)); break // cut short
      default: u.splice(i + 1) // the rest lost
    }
  }
  return u
}

function lie(b: Buffer, at: number, rnd: Rng, len: number): void {
  const v = rnd.chance(0.5) ? rnd.pick(BOUNDARY) : rnd.chance(0.5) ? Math.max(0, len + rnd.int(17) - 8) : rnd.int(0x10000)
  const width = rnd.chance(0.7) ? 2 : 4
  if (at + width > b.length) return
  const big = rnd.chance(0.75)
  if (width === 2) {
    if (big) b.writeUInt16BE(v & 0xffff, at)
    else b.writeUInt16LE(v & 0xffff, at)
  } else {
    const w = rnd.chance(0.3) ? rnd.pick(BOUNDARY32) : v
    if (big) b.writeUInt32BE(w >>> 0, at)
    else b.writeUInt32LE(w >>> 0, at)
  }
}

/** One mutated input from `seed` (and, for splices, `other`). */
export function mutate(seed: Seed, other: Seed, rnd: Rng, opts: MutateOptions = {}): Buffer {
  const maxLen = opts.maxLen ?? 1 << 16
  let units = seed.units
  if (units.length > 1 && rnd.chance(0.3)) units = unitOps(units, rnd)
  if (opts.lengthAt && units.length > 0 && rnd.chance(0.25)) {
    units = units.slice()
    const i = rnd.int(units.length)
    const u = Buffer.from(units[i]!)
    const at = rnd.pick(opts.lengthAt)
    if (at + 2 <= u.length) {
      const v = rnd.chance(0.5) ? rnd.pick(BOUNDARY) : Math.max(0, u.length + rnd.int(17) - 8)
      u.writeUInt16BE(v & 0xffff, at)
    }
    units[i] = u
  }
  let b = Buffer.concat([seed.head, ...units])
  if (opts.keep !== undefined && rnd.chance(opts.keep)) return b.length > maxLen ? b.subarray(0, maxLen) : b
  const n = 1 + rnd.int(4)
  for (let k = 0; k < n; k++) {
    const len = b.length
    switch (rnd.int(9)) {
      case 0: // bit flip
        if (len) b[rnd.int(len)]! ^= 1 << rnd.int(8)
        break
      case 1: // interesting byte
        if (len) b[rnd.int(len)] = rnd.chance(0.5) ? rnd.pick(BYTES) : rnd.int(256)
        break
      case 2: // length lie anywhere (aligned more often than not)
      case 3:
        if (len >= 2) lie(b, rnd.chance(0.6) ? rnd.int(len >> 1) * 2 : rnd.int(len - 1), rnd, len)
        break
      case 4: // truncation
        b = b.subarray(0, rnd.chance(0.5) ? rnd.int(len + 1) : Math.max(0, len - 1 - rnd.int(8)))
        break
      case 5: { // splice: a piece of another seed replaces or goes into this one
        const o = seedBytes(other)
        if (!o.length) break
        const from = rnd.int(o.length)
        const piece = o.subarray(from, from + 1 + rnd.int(Math.min(256, o.length - from)))
        const at = rnd.int(len + 1)
        b = rnd.chance(0.5)
          ? Buffer.concat([b.subarray(0, at), piece, b.subarray(at)])
          : Buffer.concat([b.subarray(0, at), piece, b.subarray(Math.min(len, at + piece.length))])
        break
      }
      case 6: { // insertion of random bytes
        const ins = Buffer.alloc(1 + rnd.int(16))
        for (let i = 0; i < ins.length; i++) ins[i] = rnd.chance(0.5) ? 0 : rnd.int(256)
        const at = rnd.int(len + 1)
        b = Buffer.concat([b.subarray(0, at), ins, b.subarray(at)])
        break
      }
      case 7: { // deletion
        if (!len) break
        const at = rnd.int(len)
        b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(len, at + 1 + rnd.int(16)))])
        break
      }
      default: { // duplication of a range
        if (!len) break
        const at = rnd.int(len)
        const piece = b.subarray(at, at + 1 + rnd.int(Math.min(64, len - at)))
        const to = rnd.int(len + 1)
        b = Buffer.concat([b.subarray(0, to), piece, b.subarray(to)])
      }
    }
    if (b.length > maxLen) b = b.subarray(0, maxLen)
  }
  return b // Buffer.concat above copied: never shares memory with the seed
}
