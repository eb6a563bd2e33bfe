// `npm run bench` (bench/run.js): runs the suites listed in ./suites.js, loaded only when asked.
// Each suite module exports `cases(): BenchCase[]` (in-process micro benchmarks) and/or a
// `run(): Promise<string>` for whole-process comparisons with peers.
import { formatResults, runCases, type BenchResult } from './harness.js'

export type { BenchSuite } from './harness.js'

export async function runAll(argv: string[]): Promise<BenchResult[]> {
  const { suites } = await import('./suites.js')
  const filter = argv.find((a) => !a.startsWith('-'))
  const all: BenchResult[] = []
  for (const s of suites) {
    if (filter && !s.name.includes(filter)) continue
    if (s.cases) {
      const res = await runCases(await s.cases())
      all.push(...res)
      console.log(formatResults(res))
    }
    if (s.run) console.log(await s.run(argv))
  }
  if (suites.length === 0) console.log('no benchmark suites registered')
  return all
}
