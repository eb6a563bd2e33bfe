// CI budget of the fuzzer (`npm run fuzz` runs the big ones): every target, a fixed seed, a small
// budget; no untyped error and no violation may come out. Time is not asserted (a busy CI machine is
// not a slow decoder); the slow count is printed with the figures.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatStats, fuzzTarget } from './harness.js'
import { loadSeeds } from './seeds.js'
import { makeTargets, TARGET_NAMES } from './targets.js'

const BUDGET = Number(process.env.OFL_FUZZ_BUDGET ?? 1500)
const targets = makeTargets(loadSeeds())
const out = mkdtempSync(join(tmpdir(), 'ofl-fuzz-'))
process.on('exit', () => rmSync(out, { recursive: true, force: true }))

describe(`fuzz (seed 1, ${BUDGET} inputs per decoder)`, () => {
  it('has seeds for every decoder', () => {
    // without the corpus the fixtures still seed every target
    expect(targets.map((t) => t.name).sort()).toEqual([...TARGET_NAMES].sort())
  })

  it.each(targets.map((t) => [t.name, t] as const))('%s: only typed errors, no violation', async (_n, t) => {
    const s = await fuzzTarget(t, { seed: 1, budget: BUDGET, reproDir: out, perSignature: 1 })
    console.log(formatStats(s))
    for (const f of s.failures) console.log(`  ${f.kind}: ${f.signature}\n${f.message}`)
    expect(s.inputs).toBe(BUDGET)
    // the mutations reach both sides of each decoder
    expect(s.ok).toBeGreaterThan(0)
    expect(Object.values(s.typed).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
    expect({ untyped: s.untyped, violations: s.violations }).toEqual({ untyped: 0, violations: 0 })
  }, 120_000)
})
