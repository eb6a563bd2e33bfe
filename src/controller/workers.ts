// `ofl controller --workers N`: N processes share the OpenFlow listening port through Node's `cluster`
// (the primary accepts and hands each connection to a worker, round-robin), so one switch connection —
// and with it that switch's whole state: LACP members, MAC table, mastership — lives in one worker.
// The primary serves the control socket and aggregates the workers' status over the cluster IPC
// channel, so `ofl lacp show` sees every switch of every worker, and serves /metrics as the merge of
// every worker's registry (metrics.ts). Worker i (1…N) gets OFL_WORKER=i; a replacement keeps the number.
// With --etcd each worker campaigns, under its own lease, for the switches it holds, in the name of the
// instance (`--name`, by default HOSTNAME-PID of the primary): etcd sees one candidate key per switch
// connection, and `ofl lacp show` names the instance.
import cluster, { type Worker } from 'node:cluster'
import { availableParallelism } from 'node:os'
import type { Server } from 'node:net'
import { existsSync, unlinkSync } from 'node:fs'
import { listenControlSocket, controlSocketPath, type Controller, type ControllerStatus } from './server.js'
import { ControllerMetrics, mergedMetrics, serveMetrics, type MetricsServer, type WorkerMetrics } from './metrics.js'
import { MalformedError } from '../wire/errors.js'

/** Parse `--workers N|auto` (auto = the cores Node may use). Throws `BAD_WORKERS`. */
export function parseWorkers(text: string): number {
  if (text === 'auto') return availableParallelism()
  const n = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1 || n > 256) throw new MalformedError('BAD_WORKERS', `--workers must be a whole number from 1 to 256, or auto; got ${JSON.stringify(text)}`)
  return n
}

interface StatusRequest { ofl: 'status'; id: number; cmd: string }
interface StatusReply { ofl: 'status-reply'; id: number; body: unknown }
interface Ready { ofl: 'ready'; address: string }
interface Shutdown { ofl: 'shutdown' }
type IpcMessage = StatusRequest | StatusReply | Ready | Shutdown

/** The primary's request for a worker's metrics (an IPC command, not a control-socket one). */
const METRICS_CMD = 'metrics/json'

const isIpc = (m: unknown): m is IpcMessage => typeof m === 'object' && m !== null && 'ofl' in m

/**
 * Every worker lists the configured bonds (even before their switch connects), so one bond appears
 * once per worker: keep one entry per bond, the one from the worker that holds its switch.
 */
function mergeBonds(parts: readonly ControllerStatus[]): ControllerStatus['lacp']['bonds'] {
  const byKey = new Map<string, { bond: ControllerStatus['lacp']['bonds'][number]; owns: boolean }>()
  for (const p of parts) {
    for (const bond of p.lacp.bonds) {
      const key = JSON.stringify(bond.dpid) + '/' + JSON.stringify((bond as { name?: unknown }).name ?? '')
      const owns = p.switches.some((s) => s.dpid === bond.dpid)
      const seen = byKey.get(key)
      if (seen === undefined || (owns && !seen.owns)) byKey.set(key, { bond, owns })
    }
  }
  return [...byKey.values()].map((e) => e.bond)
}

/**
 * Merge the workers' status answers into one (switches, bonds and mastership concatenated, counters
 * summed). `numbers[i]` is the worker number of `parts[i]` (default i + 1; a worker that did not answer
 * leaves a gap).
 */
export function mergeStatus(listening: string, parts: readonly ControllerStatus[], numbers: readonly number[] = parts.map((_, i) => i + 1)): ControllerStatus & { workers: number } {
  const first = parts[0]
  const out: ControllerStatus & { workers: number } = {
    listening,
    workers: parts.length,
    switches: parts.flatMap((p, i) => p.switches.map((s) => ({ ...s, worker: numbers[i] ?? i + 1 }))),
    lacp: {
      profile: first?.lacp.profile ?? '',
      mode: first?.lacp.mode ?? '',
      rate: first?.lacp.rate ?? '',
      droppedSlowFrames: parts.reduce((a, p) => a + p.lacp.droppedSlowFrames, 0),
      bonds: mergeBonds(parts),
    },
  }
  const ha = parts.filter((p) => p.ha)
  if (ha.length) {
    out.ha = {
      name: ha[0]!.ha!.name,
      etcd: ha.every((p) => p.ha!.etcd === 'connected') ? 'connected' : (ha.find((p) => p.ha!.etcd !== 'connected')!.ha!.etcd),
      datapaths: ha.flatMap((p) => p.ha!.datapaths),
    }
  }
  return out
}

export interface ClusterPrimary {
  address: string
  controlPath: string | undefined
  /** `host:port` of the merged /metrics endpoint, when serving. */
  metricsAddress: string | undefined
  workers: Worker[]
  closed: Promise<void>
  status(): Promise<ControllerStatus & { workers: number }>
  /**
   * SIGHUP / `ofl controller reload`: every worker re-reads the --config file and applies it to its
   * switches. The answer is the first worker's (they read the same file), or the first error.
   */
  reload(): Promise<unknown>
  close(): Promise<void>
}

/**
 * In the primary: fork `n` workers (each re-runs this command; see `serveAsWorker`), wait until all
 * listen, serve the control socket. A worker that dies is replaced (its switches reconnect to the others).
 */
export async function startPrimary(n: number, opts: { port: number; host: string; controlSocket?: string | false; metrics?: { host: string; port: number }; log: (line: string) => void; timeoutMs?: number }): Promise<ClusterPrimary> {
  let seq = 0
  let closing = false
  const pending = new Map<number, { left: number; parts: unknown[]; done: (v: unknown[]) => void }>()
  const workers: Worker[] = []
  /** Workers that have started listening (a new one answers nothing before). */
  const up = new WeakSet<Worker>()
  let address = ''
  const onMessage = (w: Worker, m: unknown) => {
    if (!isIpc(m)) return
    if (m.ofl === 'ready') {
      address = m.address
      up.add(w)
    }
    if (m.ofl === 'status-reply') {
      const p = pending.get(m.id)
      if (!p) return
      p.parts[workers.indexOf(w)] = m.body
      if (--p.left === 0) {
        pending.delete(m.id)
        p.done(p.parts)
      }
    }
  }
  const fork = (index: number): Worker => {
    const w = cluster.fork({ OFL_WORKER: String(index) })
    w.on('message', (m: unknown) => onMessage(w, m))
    w.on('exit', (code, signal) => {
      const i = workers.indexOf(w)
      if (closing || i < 0) return
      opts.log(`[OF][WARN] worker ${i + 1} exited (${signal ?? code}); starting another`)
      workers[i] = fork(i + 1)
    })
    return w
  }
  for (let i = 0; i < n; i++) workers.push(fork(i + 1))
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new MalformedError('WORKER_TIMEOUT', 'a worker did not start listening')), opts.timeoutMs ?? 30_000)
    w.on('message', (m: unknown) => {
      if (isIpc(m) && m.ofl === 'ready') {
        clearTimeout(t)
        resolve()
      }
    })
    w.once('exit', (code) => {
      clearTimeout(t)
      reject(new MalformedError('WORKER_FAILED', `a worker exited with ${code} before listening`))
    })
  })))

  /**
   * Ask every worker that is up; answers within 2 s count (a worker starting or dying is left out).
   * The result is indexed by worker position (worker number - 1), with gaps for those that did not answer.
   */
  const ask = async (cmd: string): Promise<unknown[]> => {
    const id = ++seq
    const live = workers.filter((w) => w.isConnected() && up.has(w))
    if (!live.length) return []
    return new Promise<unknown[]>((resolve) => {
      const t = setTimeout(() => {
        const p = pending.get(id)
        pending.delete(id)
        resolve(p ? p.parts : [])
      }, 2000)
      pending.set(id, { left: live.length, parts: [], done: (v) => (clearTimeout(t), resolve(v)) })
      for (const w of live) w.send({ ofl: 'status', id, cmd } satisfies StatusRequest)
    })
  }
  const status = async () => {
    const answers = (await ask('status')) as Array<ControllerStatus | undefined>
    const numbers = answers.flatMap((a, i) => (a ? [i + 1] : []))
    return mergeStatus(address, answers.filter((a): a is ControllerStatus => a !== undefined), numbers)
  }

  const reload = async (): Promise<unknown> => {
    const answers = (await ask('reload')).filter((a) => a !== undefined)
    if (!answers.length) return { error: { code: 'RELOAD_FAILED', message: 'no worker answered the reload' } }
    return answers.find((a) => typeof a === 'object' && a !== null && 'error' in a) ?? answers[0]
  }

  const port = Number(address.slice(address.lastIndexOf(':') + 1))
  const cs = opts.controlSocket === undefined ? controlSocketPath(port) : opts.controlSocket
  let control: Server | undefined
  if (cs) {
    control = await listenControlSocket(cs, (cmd) => {
      if (cmd === 'reload') return reload()
      return cmd === 'status' || cmd === 'lacp/show' || cmd === 'lacp/show-stats' ? status() : { error: `unknown command ${cmd}` }
    })
  }
  let metrics: MetricsServer | undefined
  if (opts.metrics) metrics = await serveMetrics(mergedMetrics(async () => ((await ask(METRICS_CMD)) as Array<WorkerMetrics | undefined>).filter((a): a is WorkerMetrics => a !== undefined)), opts.metrics.host, opts.metrics.port)

  let resolveClosed!: () => void
  const closed = new Promise<void>((r) => (resolveClosed = r))
  const close = async () => {
    if (closing) return closed
    closing = true
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => {
      if (!w.isConnected()) return resolve()
      const t = setTimeout(() => (w.process.kill('SIGKILL'), resolve()), 5000)
      w.once('exit', () => (clearTimeout(t), resolve()))
      w.send({ ofl: 'shutdown' } satisfies Shutdown)
    })))
    if (control) await new Promise<void>((r) => control.close(() => r()))
    await metrics?.close()
    if (cs && existsSync(cs)) {
      try {
        unlinkSync(cs)
      } catch {
        /* gone */
      }
    }
    resolveClosed()
  }
  return { address, controlPath: cs || undefined, metricsAddress: metrics?.address, workers, closed, status, reload, close }
}

/** This process's worker number (1…N) under --workers; undefined outside a worker. */
export function workerIndex(): number | undefined {
  const n = Number(process.env.OFL_WORKER)
  return cluster.isWorker && Number.isSafeInteger(n) && n > 0 ? n : undefined
}

/**
 * In a worker: report the listening address, answer status and metric requests (the worker serves no
 * HTTP itself: start its controller without `metrics`), stop on the primary's word.
 */
export function serveAsWorker(c: Controller): void {
  const metrics = new ControllerMetrics(() => c.metricsSnapshot(), { worker: workerIndex() })
  const reply = (id: number, body: unknown) => process.send?.({ ofl: 'status-reply', id, body } satisfies StatusReply)
  process.on('message', (m: unknown) => {
    if (!isIpc(m)) return
    if (m.ofl === 'status' && m.cmd === METRICS_CMD) void metrics.registry.getMetricsAsJSON().then((body) => reply(m.id, body), () => reply(m.id, []))
    else if (m.ofl === 'status') void Promise.resolve(c.answer(m.cmd)).then((body) => reply(m.id, body)) // reload answers later
    if (m.ofl === 'shutdown') void c.close().then(() => process.exit(0))
  })
  // The primary handles SIGINT/SIGTERM (a terminal's Ctrl-C reaches the whole group): ignore them here.
  process.on('SIGINT', () => undefined)
  process.on('SIGTERM', () => undefined)
  // ... and SIGHUP: the primary forwards reloads over IPC (a hang-up of the group must not kill a worker).
  process.on('SIGHUP', () => undefined)
  // The primary is gone (crashed or killed): do not linger as an orphan.
  process.on('disconnect', () => void c.close().then(() => process.exit(0)))
  process.send?.({ ofl: 'ready', address: c.address } satisfies Ready)
}
