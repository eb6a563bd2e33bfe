// Runs one target over a budget of inputs and classifies each: ok, typed (OflError, counted by code;
// its offset must lie inside the input), untyped (anything else escaping a decoder), violation (a
// failed check), slow (decoding took over the limit in CPU time, best of three runs; the checks are not
// timed). Every failure kind is
// minimised (greedy chunk removal while the same failure reproduces) and saved once per signature.
//
// Cost: every input is first timed in wall time (cheap); only an input over the limit is re-run and
// timed in CPU time (process.cpuUsage is a system call, too dear for every input). Wall time is never
// below the decoder's CPU time on this thread, so no slow input is missed. Errors are created without
// stack traces while fuzzing (capturing them dominated the cost of a rejected input); an untyped error
// is re-run once with stack traces on, for its signature.
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { OflError } from '../../src/wire/errors.js'
import { mutate } from './mutate.js'
import { rngFor, type Rng } from './rng.js'
import { Violation, type Target } from './targets.js'

export interface FuzzOptions {
  seed: number
  /** First input index (inputs are numbered; index i is always the same input for a given seed). */
  from?: number
  budget: number
  /** An input slower than this (ms, best of three) is "slow". */
  slowMs?: number
  /** Where minimised reproducers go (none saved when undefined). */
  reproDir?: string
  /** Reproducers saved per failure signature. */
  perSignature?: number
  /** Called every `progressEvery` inputs. */
  onProgress?: (s: FuzzStats) => void
  progressEvery?: number
  /** Shared heartbeat (the watchdog of a worker run): [0] = inputs done, [1] = length of the input in `current`. */
  heartbeat?: { counters: Int32Array; current: Uint8Array }
}

export interface Failure {
  kind: 'untyped' | 'violation' | 'slow' | 'offset'
  signature: string
  index: number
  message: string
  file?: string
  bytes: number
}

export interface FuzzStats {
  target: string
  seed: number
  from: number
  inputs: number
  ok: number
  typed: Record<string, number>
  untyped: number
  slow: number
  violations: number
  /** Slowest input (ms: wall time of one run, or CPU time best of three for an input over the limit in wall time). */
  maxMs: number
  elapsedMs: number
  failures: Failure[]
}

type Outcome =
  | { kind: 'ok' }
  | { kind: 'typed'; code: string }
  | { kind: 'untyped' | 'violation' | 'offset'; signature: string; message: string }

const wallMs = (): number => performance.now()

/** CPU time (user + system, ms) of the process so far: unlike wall time, not inflated by a busy machine. */
function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

async function classify(t: Target, x: Buffer, rnd: Rng, time?: { ms: number }, clock: () => number = cpuMs): Promise<Outcome> {
  try {
    const start = clock()
    let d = t.decode(x, rnd)
    if (d instanceof Promise) d = await d
    if (time) time.ms = clock() - start
    t.check?.(x, d, rnd)
    return { kind: 'ok' }
  } catch (e) {
    if (e instanceof Violation) return { kind: 'violation', signature: `violation ${e.check}`, message: e.message }
    if (e instanceof OflError) {
      if (e.offset !== undefined && !(e.offset >= 0 && e.offset <= x.length)) {
        return { kind: 'offset', signature: `offset ${e.code}`, message: `${e.code} at offset ${e.offset}, outside the ${x.length}-byte input: ${e.message}` }
      }
      return { kind: 'typed', code: e.code }
    }
    if (Error.stackTraceLimit === 0) {
      // fuzzing without stack traces: run this input again with them, for the signature
      Error.stackTraceLimit = STACK_LIMIT
      try {
        return await classify(t, x, runRng(t.name, x))
      } finally {
        Error.stackTraceLimit = 0
      }
    }
    const err = e instanceof Error ? e : new Error(String(e))
    const where = (err.stack ?? '').split('\n').find((l) => l.includes('/src/')) ?? ''
    return { kind: 'untyped', signature: `untyped ${err.name} ${where.trim()}`, message: `${err.name}: ${err.message}\n${err.stack ?? ''}` }
  }
}

const STACK_LIMIT = Math.max(Error.stackTraceLimit, 20)

/** The per-input rng for the run step, derived from the input bytes so a saved file replays exactly. */
export function runRng(target: string, x: Buffer): Rng {
  // made on first use: most targets never draw from it, and hashing every input is not free
  let r: Rng | undefined
  const get = (): Rng => {
    if (r === undefined) {
      const h = createHash('sha1').update(x).digest()
      r = rngFor(h.readUInt32BE(0), target, h.readUInt32BE(4))
    }
    return r
  }
  const lazy = (() => get()()) as Rng
  lazy.int = (n) => get().int(n)
  lazy.chance = (p) => get().chance(p)
  lazy.pick = (list) => get().pick(list)
  return lazy
}

async function sameFailure(t: Target, x: Buffer, signature: string): Promise<boolean> {
  const o = await classify(t, x, runRng(t.name, x))
  return o.kind !== 'ok' && o.kind !== 'typed' && o.signature === signature
}

/** Greedy chunk removal (ddmin-like), bounded in attempts. */
export async function minimise(t: Target, x: Buffer, signature: string, maxAttempts = 3000): Promise<Buffer> {
  let cur = x
  let attempts = 0
  for (let size = Math.max(1, cur.length >> 1); size >= 1 && attempts < maxAttempts; size >>= 1) {
    let progress = true
    while (progress && attempts < maxAttempts) {
      progress = false
      for (let at = 0; at < cur.length && attempts < maxAttempts; at += size) {
        const cand = Buffer.concat([cur.subarray(0, at), cur.subarray(at + size)])
        attempts++
        if (await sameFailure(t, cand, signature)) {
          cur = cand
          progress = true
          at -= size
        }
      }
    }
  }
  // then simplify bytes: zero what is not needed
  for (let i = 0; i < cur.length && attempts < maxAttempts; i++) {
    if (cur[i] === 0) continue
    const cand = Buffer.from(cur)
    cand[i] = 0
    attempts++
    if (await sameFailure(t, cand, signature)) cur = cand
  }
  return cur
}

function save(dir: string, t: Target, f: Failure, x: Buffer, seed: number): string {
  mkdirSync(join(dir, t.name), { recursive: true })
  const id = createHash('sha1').update(x).digest('hex').slice(0, 12)
  const base = join(dir, t.name, `${f.kind}-${id}`)
  writeFileSync(`${base}.bin`, x)
  writeFileSync(`${base}.txt`, [
    `target: ${t.name}`,
    `kind: ${f.kind}`,
    `signature: ${f.signature}`,
    `found at: --seed ${seed} input ${f.index} (${f.bytes} bytes before minimising, ${x.length} after)`,
    `replay: npm run fuzz -- --target ${t.name} --replay ${base}.bin`,
    '',
    f.message,
    '',
  ].join('\n'))
  return `${base}.bin`
}

export async function fuzzTarget(t: Target, o: FuzzOptions): Promise<FuzzStats> {
  const from = o.from ?? 0
  const slowMs = o.slowMs ?? 50
  const per = o.perSignature ?? 2
  const s: FuzzStats = {
    target: t.name, seed: o.seed, from, inputs: 0, ok: 0, typed: {}, untyped: 0, slow: 0, violations: 0, maxMs: 0, elapsedMs: 0, failures: [],
  }
  const seen = new Map<string, number>()
  const t0 = performance.now()
  const savedLimit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    const every = o.progressEvery ?? 100_000
    const record = async (kind: Failure['kind'], signature: string, message: string, index: number, x: Buffer): Promise<void> => {
      const n = seen.get(signature) ?? 0
      seen.set(signature, n + 1)
      if (n >= per) return
      const f: Failure = { kind, signature, index, message: message.slice(0, 4000), bytes: x.length }
      if (o.reproDir !== undefined) {
        const small = kind === 'slow' ? x : await minimise(t, x, signature)
        f.file = save(o.reproDir, t, f, small, o.seed)
      }
      s.failures.push(f)
    }
    for (let i = from; i < from + o.budget; i++) {
      const rnd = rngFor(o.seed, t.name, i)
      const seed = rnd.pick(t.seeds)
      const other = rnd.pick(t.seeds)
      const x = mutate(seed, other, rnd, t.mutate)
      t.fix?.(x, rnd)
      if (o.heartbeat) {
        const { counters, current } = o.heartbeat
        if (x.length <= current.length) {
          current.set(x)
          Atomics.store(counters, 1, x.length)
        }
        Atomics.store(counters, 0, i - from)
      }
      const time = { ms: 0 }
      const out = await classify(t, x, runRng(t.name, x), time, wallMs)
      let ms = time.ms
      if (ms > slowMs) {
        // over the limit in wall time: time it in CPU time, best of three (a GC pause or a busy machine
        // is not a slow input)
        ms = Infinity
        for (let k = 0; k < 3 && ms > slowMs; k++) {
          const again = { ms: 0 }
          await classify(t, x, runRng(t.name, x), again)
          ms = Math.min(ms, again.ms)
        }
        if (ms > slowMs) {
          s.slow++
          await record('slow', `slow ${seed.name}`, `${ms.toFixed(1)} ms (best of 3)`, i, x)
        }
      }
      if (ms > s.maxMs) s.maxMs = ms
      s.inputs++
      switch (out.kind) {
        case 'ok': s.ok++; break
        case 'typed': s.typed[out.code] = (s.typed[out.code] ?? 0) + 1; break
        case 'untyped': s.untyped++; await record('untyped', out.signature, out.message, i, x); break
        default: s.violations++; await record(out.kind, out.signature, out.message, i, x)
      }
      if (o.onProgress && s.inputs % every === 0) {
        s.elapsedMs = performance.now() - t0
        o.onProgress(s)
      }
    }
  } finally {
    Error.stackTraceLimit = savedLimit
  }
  s.elapsedMs = performance.now() - t0
  return s
}

/** Replay one saved input. */
export async function replay(t: Target, x: Buffer): Promise<string> {
  const o = await classify(t, x, runRng(t.name, x))
  return o.kind === 'ok' ? 'ok' : o.kind === 'typed' ? `typed ${o.code}` : `${o.kind}: ${o.message}`
}

/** `of13: 1000 inputs, 12 ok, typed 988 (OFPBRC_BAD_LEN 700, …), 0 untyped, 0 slow, 0 violations`. */
export function formatStats(s: FuzzStats): string {
  const typed = Object.entries(s.typed).sort((a, b) => b[1] - a[1])
  const total = typed.reduce((n, [, c]) => n + c, 0)
  const codes = typed.map(([c, n]) => `${c} ${n}`).join(', ')
  return `${s.target}: ${s.inputs} inputs, ${s.ok} ok, typed ${total} (${codes}), ${s.untyped} untyped, ${s.slow} slow, ${s.violations} violations` +
    ` [${(s.elapsedMs / 1000).toFixed(1)} s, slowest ${s.maxMs.toFixed(1)} ms]`
}
