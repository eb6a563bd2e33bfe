// Seeded PRNG for the fuzzer (sfc32): every input is derived from (run seed, target name, input
// index) alone, so `--seed S --target T --from I --budget 1` regenerates input I exactly.

export type Rng = {
  /** Uniform in [0, 1). */
  (): number
  /** Integer in [0, n). */
  int(n: number): number
  /** True with probability p. */
  chance(p: number): boolean
  pick<T>(list: readonly T[]): T
}

function hash32(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

export function rngFor(seed: number, target: string, index: number): Rng {
  let a = hash32(target, seed >>> 0)
  let b = (index >>> 0) ^ 0x9e3779b9
  let c = Math.floor(index / 0x100000000) ^ 0x243f6a88
  let d = 1
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  const r = next as Rng
  r.int = (n) => Math.floor(next() * n)
  r.chance = (p) => next() < p
  r.pick = (list) => list[Math.floor(next() * list.length)]!
  return r
}
