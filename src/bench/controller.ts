// `npm run bench -- controller`: ofl's load generator (./controller/) against three controllers started on
// 127.0.0.1 in the same run — `ofl controller --bond 1:1,2`, `ovs-testcontroller -O OpenFlow10|13` (a C
// learning switch) and os_ken with bench/peers/osken_learning_switch.py — for OF1.0 and 1.3, K = 1 and 16
// switches, throughput and latency mode. Each cell is the median of a few short runs; peers are
// interleaved run by run so that machine noise hits them alike. Prints a side-by-side table and ratios
// against ovs-testcontroller. Every process is started and killed by PID; the whole suite is bounded
// (runs × cells × (warm-up + duration), about 5 minutes by default; `--quick` for one 2-second run).
// Options (after `npm run bench -- controller`): --runs N, --duration S, --warmup S, --quick,
// --peers ofl,ovs,osken, --no-buffered, --json FILE (write all reports), --of 1.0,1.3, --switches 1,16,
// --mode throughput,latency (run only those cells), --baseline PATH/bin/run.js (another build's
// `ofl controller` as one more peer, for before/after figures measured in the same run).
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tmpdir } from 'node:os'
import { formatRate, median, type BenchSuite } from './harness.js'
import { benchController, type BenchControllerReport, type BenchMode } from './controller/index.js'
import { MalformedError } from '../wire/errors.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface Peer {
  id: string
  label: string
  /** Port per OpenFlow version ('1.0' | '1.3'); undefined when the peer could not start. */
  ports: Partial<Record<string, number>>
  procs: ChildProcess[]
  note?: string
}

async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as { port: number }).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

/** Wait until something accepts TCP connections on the port (bounded). */
async function waitListening(port: number, ms: number, proc: ChildProcess): Promise<boolean> {
  const until = Date.now() + ms
  while (Date.now() < until && proc.exitCode === null) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port })
      s.once('connect', () => {
        s.destroy()
        resolve(true)
      })
      s.once('error', () => resolve(false))
    })
    if (ok) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return false
}

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, tool)))
}

async function startProc(cmd: string, args: string[], port: number): Promise<ChildProcess | undefined> {
  const p = spawn(cmd, args, { stdio: 'ignore', cwd: ROOT })
  p.on('error', () => {})
  if (await waitListening(port, 8000, p)) return p
  if (p.exitCode === null) p.kill('SIGKILL')
  return undefined
}

/** `ofl controller --bond 1:1,2` from the build whose CLI is `bin` (this one, or a --baseline). */
async function startOfl(id: string, label: string, bin: string): Promise<Peer> {
  const port = await freePort()
  const ctl = join(tmpdir(), `ofl-bench-${id}-${process.pid}.sock`)
  const p = existsSync(bin) ? await startProc(process.execPath, [bin, 'controller', '--host', '127.0.0.1', '--port', String(port), '--bond', '1:1,2', '--control-socket', ctl], port) : undefined
  return { id, label, ports: p ? { '1.0': port, '1.3': port } : {}, procs: p ? [p] : [], note: p ? undefined : existsSync(bin) ? 'did not start' : `${bin} not found` }
}

/** `baseline`: the bin/run.js of another ofl build, started as the peer `ofl-base` next to this one. */
export async function startPeers(wanted: string[], baseline?: string): Promise<Peer[]> {
  const peers: Peer[] = []
  if (wanted.includes('ofl')) peers.push(await startOfl('ofl', 'ofl controller', join(ROOT, 'bin', 'run.js')))
  if (baseline !== undefined) peers.push(await startOfl('ofl-base', 'ofl controller (baseline)', baseline))
  if (wanted.includes('ovs')) {
    const peer: Peer = { id: 'ovs', label: 'ovs-testcontroller', ports: {}, procs: [] }
    if (!onPath('ovs-testcontroller')) peer.note = 'not installed'
    else {
      for (const [of, proto] of [['1.0', 'OpenFlow10'], ['1.3', 'OpenFlow13']] as const) {
        const port = await freePort()
        const p = await startProc('ovs-testcontroller', ['-O', proto, `ptcp:${port}:127.0.0.1`, `--unixctl=${join(tmpdir(), `ofl-bench-otc-${process.pid}-${port}.ctl`)}`, '-vconsole:off'], port)
        if (p) {
          peer.ports[of] = port
          peer.procs.push(p)
        }
      }
    }
    peers.push(peer)
  }
  if (wanted.includes('osken')) {
    const peer: Peer = { id: 'osken', label: 'os_ken', ports: {}, procs: [] }
    if (!onPath('osken-manager')) peer.note = 'not installed'
    else {
      const port = await freePort()
      const app = join(ROOT, 'bench', 'peers', 'osken_learning_switch.py')
      const p = await startProc('osken-manager', ['--ofp-listen-host', '127.0.0.1', '--ofp-tcp-listen-port', String(port), app], port)
      if (p) {
        peer.ports = { '1.0': port, '1.3': port }
        peer.procs.push(p)
      } else peer.note = 'did not start'
    }
    peers.push(peer)
  }
  return peers
}

export function stopPeers(peers: Peer[]): void {
  for (const peer of peers) {
    for (const p of peer.procs) {
      if (p.exitCode === null && p.pid !== undefined) p.kill('SIGKILL')
    }
  }
}

export interface Cell {
  of: string
  switches: number
  mode: BenchMode
  peer: string
  reports: BenchControllerReport[]
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

/** What runControllerCells measured: the peers (with why one is missing) and one cell per OF × K × mode × peer. */
export interface ControllerCells {
  peers: Peer[]
  cells: Cell[]
  runs: number
  duration: number
  warmup: number
  validateEvery: number
  buffered: boolean
  seconds: number
}

export async function runControllerSuite(args: string[]): Promise<string> {
  const r = await runControllerCells(args)
  return formatSuite(r.peers, r.cells, r)
}

/** The medians of one cell (NaN when the peer did not run). */
export function cellMedians(c: Cell): { responsesPerSec: number; answeredPerSec: number; p50Us: number; p99Us: number } {
  return {
    responsesPerSec: medianOf(c.reports, (r) => r.responsesPerSec),
    answeredPerSec: medianOf(c.reports, (r) => r.answeredPerSec),
    p50Us: medianOf(c.reports, (r) => r.latency.p50Us ?? NaN),
    p99Us: medianOf(c.reports, (r) => r.latency.p99Us ?? NaN),
  }
}

/** Run the cells (same options as the suite) and return them unformatted. */
export async function runControllerCells(args: string[]): Promise<ControllerCells> {
  const quick = args.includes('--quick')
  const runs = Number(argValue(args, '--runs') ?? (quick ? 1 : 3))
  const duration = Number(argValue(args, '--duration') ?? (quick ? 2 : 3))
  const warmup = Number(argValue(args, '--warmup') ?? 1)
  const wanted = (argValue(args, '--peers') ?? 'ofl,ovs,osken').split(',')
  const jsonOut = argValue(args, '--json')
  // cbench's switches buffer every packet-in; --no-buffered sends OFP_NO_BUFFER and the whole frame.
  const buffered = !args.includes('--no-buffered')
  // The full decoders allocate per message; sample them so the load generator stays far from the limit.
  const validateEvery = 64
  const list = (name: string, all: string[]) => {
    const v = argValue(args, name)?.split(',') ?? all
    for (const x of v) if (!all.includes(x)) throw new MalformedError('BAD_ARGUMENT', `${name} takes ${all.join(', ')}; got ${x}`, { field: name })
    return v
  }
  const ofs = list('--of', ['1.0', '1.3'])
  const ks = list('--switches', ['1', '16']).map(Number)
  const modes = list('--mode', ['throughput', 'latency']) as BenchMode[]
  const peers = await startPeers(wanted, argValue(args, '--baseline'))
  const cleanup = () => stopPeers(peers)
  process.once('exit', cleanup)
  const cells: Cell[] = []
  const t0 = Date.now()
  try {
    for (const of of ofs) {
      for (const switches of ks) {
        for (const mode of modes) {
          const row = peers.map((p) => ({ of, switches, mode, peer: p.id, reports: [] as BenchControllerReport[] }))
          cells.push(...row)
          for (let run = 0; run < runs; run++) {
            for (let i = 0; i < peers.length; i++) {
              const port = peers[i]!.ports[of]
              if (port === undefined) continue
              row[i]!.reports.push(await benchController({ target: `127.0.0.1:${port}`, of, switches, mode, duration, warmup, validateEvery, buffered }))
            }
          }
        }
      }
    }
  } finally {
    cleanup()
    process.removeListener('exit', cleanup)
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ runs, duration, warmup, validateEvery, buffered, peers: peers.map((p) => ({ id: p.id, note: p.note })), cells }, null, 2))
  return { peers, cells, runs, duration, warmup, validateEvery, buffered, seconds: (Date.now() - t0) / 1000 }
}

function formatSuite(peers: Peer[], cells: Cell[], o: { runs: number; duration: number; warmup: number; validateEvery: number; buffered: boolean; seconds: number }): string {
  const lines = [
    `controller benchmark: ofl bench controller load generator, ${o.runs} run(s) × ${o.duration} s (+${o.warmup} s warm-up) per cell, medians; ` +
      `destination learned, 100000 source MACs, full decode of 1 response in ${o.validateEvery} (all structure-checked); ${o.seconds.toFixed(0)} s in all`,
    `packet-ins ${o.buffered ? 'buffered (as cbench: the answer references the buffer)' : 'unbuffered (OFP_NO_BUFFER + frame)'}; resp/s = FLOW_MOD add/modify + PACKET_OUT (cbench's count);`,
    'ans/s = packet-ins answered (buffered: one flow-mod on the buffer for a learned destination; unbuffered: ofl adds a packet-out with the frame);',
    'ratios are ans/s against ovs-testcontroller of the same row.',
  ]
  for (const p of peers) if (p.note) lines.push(`  ${p.label}: ${p.note}`)
  const head = ['OF', 'K', 'mode', ...peers.map((p) => p.label)]
  lines.push('', `${head[0]!.padEnd(4)}${head[1]!.padStart(3)}  ${head[2]!.padEnd(11)}` + peers.map((p) => `| ${p.label.padEnd(44)}`).join(''))
  lines.push(`${''.padEnd(20)}` + peers.map(() => `| ${'resp/s'.padStart(8)} ${'ans/s'.padStart(8)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'x'.padStart(5)} `).join(''))
  const ovs = peers.findIndex((p) => p.id === 'ovs')
  for (let i = 0; i < cells.length; i += peers.length) {
    const row = cells.slice(i, i + peers.length)
    const c0 = row[0]!
    const base = ovs >= 0 ? medianOf(row[ovs]!.reports, (r) => r.answeredPerSec) : NaN
    let line = `${c0.of.padEnd(4)}${String(c0.switches).padStart(3)}  ${c0.mode.padEnd(11)}`
    for (const c of row) {
      if (c.reports.length === 0) {
        line += `| ${'-'.padEnd(44)}`
        continue
      }
      const resp = medianOf(c.reports, (r) => r.responsesPerSec)
      const ans = medianOf(c.reports, (r) => r.answeredPerSec)
      const p50 = medianOf(c.reports, (r) => r.latency.p50Us ?? NaN)
      const p99 = medianOf(c.reports, (r) => r.latency.p99Us ?? NaN)
      const ratio = base > 0 ? (ans / base).toFixed(2) : '-'
      line += `| ${formatRate(resp).padStart(8)} ${formatRate(ans).padStart(8)} ${fmtUs(p50).padStart(9)} ${fmtUs(p99).padStart(9)} ${ratio.padStart(5)} `
    }
    lines.push(line)
  }
  const problems = cells.flatMap((c) => c.reports.map((r) => ({ c, r }))).filter(({ r }) => r.malformed || r.unexpected || r.errorsReceived || r.disconnects || r.switchesStreaming < r.switches)
  lines.push('', problems.length === 0 ? 'no malformed or unexpected responses, no OFPT_ERROR, no disconnects, every switch streaming' : 'problems:')
  for (const { c, r } of problems.slice(0, 20)) {
    lines.push(`  ${c.peer} OF${c.of} K=${c.switches} ${c.mode}: malformed ${r.malformed}, unexpected ${r.unexpected}, errors ${r.errorsReceived}, disconnects ${r.disconnects}, streaming ${r.switchesStreaming}/${r.switches}` +
      (r.errors[0] ? ` — ${r.errors[0].what}` : ''))
  }
  return lines.join('\n')
}

const medianOf = (rs: BenchControllerReport[], f: (r: BenchControllerReport) => number) => median(rs.map(f).filter(Number.isFinite))
const fmtUs = (us: number) => (!Number.isFinite(us) ? '-' : us >= 1000 ? `${(us / 1000).toFixed(1)}ms` : `${us.toFixed(0)}µs`)

export const suite: BenchSuite = {
  name: 'controller',
  description: 'ofl controller vs ovs-testcontroller vs os_ken under the cbench-style load generator',
  run: runControllerSuite,
}
