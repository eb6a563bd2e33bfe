// Minimal benchmark harness: warm up, time several runs, report medians (ns/op, ops/s) and
// ratios against a baseline measured in the same process. No assertions about time anywhere.

export interface BenchCase {
  /** Group name: cases in one group are compared with each other; the first is the baseline. */
  group: string
  name: string
  /** Operations performed by one call of `fn`. */
  opsPerCall: number
  /** Bytes processed by one call (for MB/s), optional. */
  bytesPerCall?: number
  setup?: () => void | Promise<void>
  fn: () => unknown
}

/** One benchmark area (src/bench/<area>.ts exports `suite`; src/bench/suites.ts lists them). */
export interface BenchSuite {
  name: string
  description: string
  cases?: () => BenchCase[] | Promise<BenchCase[]>
  /** Whole-process or peer comparisons; returns printable text. */
  run?: (args: string[]) => Promise<string>
}

export interface BenchResult {
  group: string
  name: string
  runs: number
  medianNsPerOp: number
  opsPerSec: number
  mbPerSec?: number
  /** median ops/s of this case divided by that of the group's first case */
  ratioToBaseline: number
}

export interface BenchOptions {
  runs?: number
  /** Minimum milliseconds per run. */
  minMs?: number
  /**
   * 'wall' (default): hrtime. 'cpu': this process's CPU time (process.cpuUsage), so that time spent
   * descheduled on a shared, oversubscribed machine is not charged to the code.
   */
  clock?: 'wall' | 'cpu'
}

const wallNs = (): number => Number(process.hrtime.bigint())
const cpuNs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) * 1000
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!
}

let sink: unknown
/** Keep a value alive so the JIT cannot drop the work. */
export function blackhole(v: unknown): void {
  sink = v
}
export function sinkValue(): unknown {
  return sink
}

export async function runCase(c: BenchCase, opts: BenchOptions = {}): Promise<{ nsPerOp: number[] }> {
  const runs = opts.runs ?? 7
  const minMs = opts.minMs ?? 200
  await c.setup?.()
  // warm-up and calibration: find a call count that takes at least minMs
  let calls = 1
  for (;;) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < calls; i++) blackhole(c.fn())
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (ms >= minMs / 4) {
      calls = Math.max(1, Math.ceil((calls * minMs) / Math.max(ms, 0.001)))
      break
    }
    calls *= 4
  }
  const now = opts.clock === 'cpu' ? cpuNs : wallNs
  const nsPerOp: number[] = []
  for (let r = 0; r < runs; r++) {
    const t0 = now()
    for (let i = 0; i < calls; i++) blackhole(c.fn())
    nsPerOp.push(Math.max(1, now() - t0) / (calls * c.opsPerCall))
  }
  return { nsPerOp }
}

export async function runCases(cases: BenchCase[], opts: BenchOptions = {}): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  const baseline = new Map<string, number>()
  for (const c of cases) {
    const { nsPerOp } = await runCase(c, opts)
    const med = median(nsPerOp)
    const opsPerSec = 1e9 / med
    if (!baseline.has(c.group)) baseline.set(c.group, opsPerSec)
    const r: BenchResult = {
      group: c.group, name: c.name, runs: nsPerOp.length, medianNsPerOp: med, opsPerSec,
      ratioToBaseline: opsPerSec / baseline.get(c.group)!,
    }
    if (c.bytesPerCall) r.mbPerSec = (c.bytesPerCall / c.opsPerCall) * opsPerSec / 1e6
    results.push(r)
  }
  return results
}

export function formatResults(results: BenchResult[]): string {
  const lines = [`node ${process.version}  (medians; ratio = ops/s relative to the first case of its group)`]
  let group = ''
  for (const r of results) {
    if (r.group !== group) {
      group = r.group
      lines.push('', group)
    }
    const mb = r.mbPerSec === undefined ? '' : `  ${r.mbPerSec.toFixed(1).padStart(9)} MB/s`
    lines.push(
      `  ${r.name.padEnd(44)} ${r.medianNsPerOp.toFixed(1).padStart(10)} ns/op ${formatRate(r.opsPerSec).padStart(12)}/s${mb}  x${r.ratioToBaseline.toFixed(2)}`,
    )
  }
  return lines.join('\n')
}

export function formatRate(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`
  return n.toFixed(0)
}
