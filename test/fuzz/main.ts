// `npm run fuzz -- [--budget N] [--seed S] [--target of13,pcap] [--from I] [--out DIR] [--json FILE]
//                  [--slice N] [--slow-ms 50] [--hang-ms 30000] [--in-process] [--replay FILE --target T]`
//
// Runs the targets one after another (one core busy at most; --slice N: round-robin in slices of N), each in a worker thread watched for
// hangs: a worker that makes no progress for --hang-ms is stopped, its current input saved as a
// `hang-*` reproducer, and the run resumes after that input. Per target it prints
// `N inputs, ok, typed by code, untyped, slow, violations`; --json writes the figures.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { fuzzTarget, formatStats, replay, type FuzzStats } from './harness.js'
import { loadSeeds } from './seeds.js'
import { makeTargets, TARGET_NAMES } from './targets.js'
import type { WorkerIn, WorkerOut } from './worker.js'

function args(argv: string[]): Map<string, string> {
  const m = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`)
    const [k, v] = a.includes('=') ? a.slice(2).split('=', 2) as [string, string] : [a.slice(2), argv[i + 1]?.startsWith('--') === false ? argv[++i]! : 'true']
    m.set(k, v)
  }
  return m
}

const a = args(process.argv.slice(2))
const seed = Number(a.get('seed') ?? 1)
const budget = Number(a.get('budget') ?? 100_000)
const from = Number(a.get('from') ?? 0)
const slowMs = Number(a.get('slow-ms') ?? 50)
const hangMs = Number(a.get('hang-ms') ?? 30_000)
const out = resolve(a.get('out') ?? 'fuzz-out')
const names = (a.get('target') ?? TARGET_NAMES.join(',')).split(',')
for (const n of names) if (!(TARGET_NAMES as readonly string[]).includes(n)) throw new Error(`unknown target ${n} (${TARGET_NAMES.join(', ')})`)

if (a.has('replay')) {
  const targets = makeTargets(loadSeeds())
  const t = targets.find((x) => x.name === names[0])
  if (!t || names.length !== 1) throw new Error('--replay needs one --target')
  console.log(await replay(t, readFileSync(a.get('replay')!)))
  process.exit(0)
}

function runInWorker(target: string, start: number, n: number): Promise<{ stats?: FuzzStats; hang?: { index: number; input: Buffer } }> {
  const sab = new SharedArrayBuffer(8 + (1 << 20))
  const counters = new Int32Array(sab, 0, 2)
  const current = new Uint8Array(sab, 8)
  const msg: WorkerIn = { target, seed, from: start, budget: n, slowMs, reproDir: out, sab }
  const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: msg })
  return new Promise((res, rej) => {
    let last = -1
    let lastChange = Date.now()
    const dog = setInterval(() => {
      const done = Atomics.load(counters, 0)
      if (done !== last) {
        last = done
        lastChange = Date.now()
      } else if (Date.now() - lastChange > hangMs) {
        clearInterval(dog)
        const len = Atomics.load(counters, 1)
        const input = Buffer.from(current.subarray(0, len))
        void w.terminate().then(() => res({ hang: { index: start + done, input } }))
      }
    }, 1000)
    w.on('message', (m: WorkerOut) => {
      if (m.kind === 'progress') console.log(`  … ${formatStats(m.stats)}`)
      else {
        clearInterval(dog)
        res({ stats: m.stats })
      }
    })
    w.on('error', (e) => {
      clearInterval(dog)
      rej(e)
    })
  })
}

const targets = makeTargets(loadSeeds())
const slice = Number(a.get('slice') ?? budget)
const chosen = names.map((n) => targets.find((x) => x.name === n)).filter((t) => t !== undefined)
const totals = new Map<string, FuzzStats>()
const next = new Map(chosen.map((t) => [t.name, from]))
console.log(`fuzz: seed ${seed}, ${budget} inputs per target from #${from}${slice < budget ? ` in slices of ${slice}` : ''}, slow > ${slowMs} ms CPU (screened in wall time), every check on every input, corpus ${process.env.OFL_CORPUS ?? '(none: fixtures only)'}, reproducers in ${out}`)
for (const t of chosen) console.log(`${t.name}: ${t.seeds.length} seeds`)
// targets one after another; with --slice, round-robin in slices so every target advances evenly
while (chosen.some((t) => next.get(t.name)! < from + budget)) {
  for (const t of chosen) {
    const start0 = next.get(t.name)!
    const end = Math.min(from + budget, start0 + slice)
    if (start0 >= end) continue
    let total = totals.get(t.name)
    if (a.has('in-process')) {
      total = merge(total, await fuzzTarget(t, { seed, from: start0, budget: end - start0, slowMs, reproDir: out, onProgress: (s) => console.log(`  … ${formatStats(s)}`) }))
    } else {
      let start = start0
      while (start < end) {
        const r = await runInWorker(t.name, start, end - start)
        if (r.stats) {
          total = merge(total, r.stats)
          start = end
        } else {
          const dir = join(out, t.name)
          mkdirSync(dir, { recursive: true })
          const file = join(dir, `hang-${seed}-${r.hang!.index}.bin`)
          writeFileSync(file, r.hang!.input)
          console.log(`  HANG at input ${r.hang!.index}: saved ${file}`)
          total = merge(total, { ...emptyStats(t.name), inputs: r.hang!.index - start + 1, slow: 1, failures: [{ kind: 'slow', signature: 'hang', index: r.hang!.index, message: `no progress for ${hangMs} ms`, file, bytes: r.hang!.input.length }] })
          start = r.hang!.index + 1
        }
      }
    }
    totals.set(t.name, total!)
    next.set(t.name, end)
    console.log(formatStats(total!))
    for (const f of total!.failures.slice(-5)) console.log(`  ${f.kind}: ${f.signature}${f.file ? ` → ${f.file}` : ''}`)
    if (a.has('json')) writeFileSync(a.get('json')!, JSON.stringify([...totals.values()], null, 2))
  }
}
const all = [...totals.values()]

function emptyStats(target: string): FuzzStats {
  return { target, seed, from, inputs: 0, ok: 0, typed: {}, untyped: 0, slow: 0, violations: 0, maxMs: 0, elapsedMs: 0, failures: [] }
}

function merge(a: FuzzStats | undefined, b: FuzzStats): FuzzStats {
  if (!a) return b
  const typed = { ...a.typed }
  for (const [k, v] of Object.entries(b.typed)) typed[k] = (typed[k] ?? 0) + v
  return {
    ...a, inputs: a.inputs + b.inputs, ok: a.ok + b.ok, typed, untyped: a.untyped + b.untyped, slow: a.slow + b.slow,
    violations: a.violations + b.violations, maxMs: Math.max(a.maxMs, b.maxMs), elapsedMs: a.elapsedMs + b.elapsedMs, failures: [...a.failures, ...b.failures],
  }
}

console.log('\nsummary')
for (const s of all) console.log(formatStats(s))
if (a.has('json')) writeFileSync(a.get('json')!, JSON.stringify(all, null, 2))
const bad = all.reduce((n, s) => n + s.untyped + s.violations, 0)
process.exitCode = bad > 0 ? 1 : 0
