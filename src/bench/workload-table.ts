// `npm run bench` / bench/run.js: the whole-process workloads of issue 10, with the peers run side by
// side in the same run: `ofl lacp decode` (JSON and text) next to `tcpdump -nn -v` (with the BPF filter
// `ether proto 0x8809` on the mixed captures) and, where it finishes in reasonable time, tshark.
// Each command runs `runs` times, interleaved with its peers; the table gives medians of wall time and
// of CPU time (user + sys, which a loaded shared machine inflates less), peak RSS, and ratios to the peer.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, totalmem, tmpdir, hostname, release } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { median } from './harness.js'
import { cellMedians, runControllerCells } from './controller.js'
import { defaultWorkloadDir, ensureWorkload, workloadSpec, WORKLOAD_NAMES, type WorkloadName } from './workloads.js'

const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
const PCAP_WALK_C = fileURLToPath(new URL('../../bench/peers/pcap_walk.c', import.meta.url))

export interface WorkloadTableOptions {
  quick?: boolean
  runs?: number
  dir?: string
  /** Another build of ofl to time next to this one (its bin/run.js), e.g. a checkout of main before a change. */
  baseline?: string
  /** Only these workloads. */
  only?: WorkloadName[]
  /**
   * Also run the controller cells (cbench-style load generator against `ofl controller` and
   * ovs-testcontroller, OF1.0/1.3, K = 1/16, throughput and latency): the arguments of
   * `npm run bench -- controller` (e.g. ['--runs', '1', '--duration', '2']).
   */
  controller?: string[]
  log?: (s: string) => void
}

export interface Measurement {
  /** Median wall seconds. */
  wall: number
  /** Median user+sys CPU seconds (NaN when /usr/bin/time is missing). */
  cpu: number
  /** Largest peak RSS of the runs, MiB (NaN when unknown). */
  rssMiB: number
  runs: number[]
}

export interface WorkloadRow {
  workload: WorkloadName
  description: string
  fileMiB: number
  /** The ofl command (without the file), the peer's, and the commands as a user would type them. */
  tool: string
  command: string
  ofl: Measurement
  baseline?: Measurement
  /** bench/peers/pcap_walk.c: read the file and walk the record headers (the physical limit). */
  cloop?: Measurement
  peer?: { tool: string; command: string; m: Measurement }
  /** ofl / peer, by wall and by CPU median. */
  ratioWall?: number
  ratioCpu?: number
}

export interface WorkloadTable {
  date: string
  machine: { host: string; cpu: string; cores: number; memGiB: number; kernel: string; node: string }
  loadBefore: number[]
  loadAfter: number[]
  quick: boolean
  runsPerCommand: number
  rows: WorkloadRow[]
  /** Why the C loop column is empty (no C compiler), when it is. */
  cloopNote?: string
  controller?: ControllerSection
}

export interface ControllerRow {
  of: string
  switches: number
  mode: 'throughput' | 'latency'
  /** Medians per peer id ('ofl', 'ovs'); NaN when the peer did not run. */
  ofl: ReturnType<typeof cellMedians>
  peer: ReturnType<typeof cellMedians>
  /** ofl answered/s ÷ ovs-testcontroller answered/s, and p99 ÷ p99. */
  ratioRate: number
  ratioP99: number
}

export interface ControllerSection {
  command: string
  runs: number
  duration: number
  buffered: boolean
  notes: string[]
  rows: ControllerRow[]
}

function hasTool(name: string, arg = '--version'): boolean {
  return spawnSync(name, [arg], { stdio: 'ignore' }).status === 0
}

/** One run under /usr/bin/time: wall, user+sys, max RSS. stdout to /dev/null. */
function timed(cmd: string, args: string[], tmp: string): { wall: number; cpu: number; rssMiB: number } {
  const out = join(tmp, 'time.txt')
  const t0 = process.hrtime.bigint()
  const r = timeBin !== undefined
    ? spawnSync(timeBin, ['-f', '%e %U %S %M', '-o', out, cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 })
    : spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 })
  const wall = Number(process.hrtime.bigint() - t0) / 1e9
  if (r.status !== 0 && !(cmd === 'tcpdump' && r.status === null)) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`)
  }
  if (timeBin === undefined) return { wall, cpu: NaN, rssMiB: NaN }
  const [, u, s, m] = readFileSync(out, 'utf8').trim().split('\n').pop()!.split(' ').map(Number)
  return { wall, cpu: u! + s!, rssMiB: m! / 1024 }
}

const timeBin = ['/usr/bin/time'].find((p) => {
  try {
    return statSync(p).isFile()
  } catch {
    return false
  }
})

function summarise(xs: { wall: number; cpu: number; rssMiB: number }[]): Measurement {
  return { wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)), rssMiB: Math.max(...xs.map((x) => x.rssMiB)), runs: xs.map((x) => x.wall) }
}

interface Job { name: string; cmd: string; args: string[]; shown: string }

/** Run every workload with its peers; returns the table (also for JSON). */
export async function runWorkloadTable(opts: WorkloadTableOptions = {}): Promise<WorkloadTable> {
  const quick = opts.quick === true
  const runs = opts.runs ?? (quick ? 3 : 3)
  const dir = opts.dir ?? defaultWorkloadDir()
  const log = opts.log ?? (() => undefined)
  const tmp = mkdtempSync(join(tmpdir(), 'ofl-bench-all-'))
  const tcpdump = hasTool('tcpdump')
  const tshark = hasTool('tshark')
  // the C loop peer, compiled now when a C compiler is there
  let cloop: string | undefined = join(tmp, 'pcap_walk')
  let cloopNote: string | undefined
  const cc = spawnSync('cc', ['-O2', '-o', cloop, PCAP_WALK_C], { stdio: ['ignore', 'ignore', 'pipe'] })
  if (cc.status !== 0) {
    cloopNote = cc.error ? 'no C compiler (cc): C loop column skipped' : `cc failed: ${String(cc.stderr).slice(0, 200)}`
    cloop = undefined
  }
  const loadBefore = loadavg()
  const rows: WorkloadRow[] = []
  const names: readonly WorkloadName[] = opts.only ?? WORKLOAD_NAMES
  try {
    for (const name of names) {
      const file = ensureWorkload(dir, name, quick, log)
      const mixed = name.startsWith('mixed')
      const spec = workloadSpec(name, quick)
      const peerArgs = mixed ? ['-nn', '-v', '-r', file, 'ether proto 0x8809'] : ['-nn', '-v', '-r', file]
      const peerShown = mixed ? `tcpdump -nn -v -r ${name}.pcap 'ether proto 0x8809'` : `tcpdump -nn -v -r ${name}.pcap`
      for (const mode of ['json', 'text'] as const) {
        // text output of 1 M PDUs is a formatting benchmark of its own; the issue asks text alike on the mixed captures
        if (!mixed && mode === 'text' && !quick) continue
        const args = mode === 'json' ? ['lacp', 'decode', '--json', file] : ['lacp', 'decode', file]
        const jobs: Job[] = [{ name: 'ofl', cmd: process.execPath, args: [BIN, ...args], shown: `ofl lacp decode${mode === 'json' ? ' --json' : ''} ${name}.pcap` }]
        if (opts.baseline) jobs.push({ name: 'baseline', cmd: process.execPath, args: [opts.baseline, ...args], shown: `${opts.baseline} ${args.slice(0, -1).join(' ')} ${name}.pcap` })
        if (cloop !== undefined && mode === 'json') jobs.push({ name: 'cloop', cmd: cloop, args: [file], shown: `pcap_walk ${name}.pcap` })
        if (tcpdump) jobs.push({ name: 'peer', cmd: 'tcpdump', args: peerArgs, shown: peerShown })
        const got = new Map<string, { wall: number; cpu: number; rssMiB: number }[]>(jobs.map((j) => [j.name, []]))
        for (let r = 0; r < runs; r++) {
          for (const j of jobs) got.get(j.name)!.push(timed(j.cmd, j.args, tmp))
        }
        const ofl = summarise(got.get('ofl')!)
        const row: WorkloadRow = {
          workload: name, description: spec.description, fileMiB: statSync(file).size / 2 ** 20,
          tool: `ofl ${mode}`, command: jobs[0]!.shown, ofl,
        }
        if (opts.baseline) row.baseline = summarise(got.get('baseline')!)
        if (got.get('cloop')?.length) row.cloop = summarise(got.get('cloop')!)
        if (tcpdump) {
          const m = summarise(got.get('peer')!)
          row.peer = { tool: 'tcpdump', command: peerShown, m }
          row.ratioWall = ofl.wall / m.wall
          row.ratioCpu = ofl.cpu / m.cpu
        }
        rows.push(row)
        log(formatRow(row))
      }
      if (tshark && name === 'lacp-cyclic' && quick) {
        // tshark dissects every frame (about 90 k LACPDUs/s here): only the quick file, one run
        const m = summarise([timed('tshark', ['-n', '-r', file], tmp)])
        const ofl = rows.find((r) => r.workload === name && r.tool === 'ofl text')
        if (ofl) rows.push({ ...ofl, tool: 'ofl text', peer: { tool: 'tshark', command: `tshark -n -r ${name}.pcap`, m }, ratioWall: ofl.ofl.wall / m.wall, ratioCpu: ofl.ofl.cpu / m.cpu })
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  let controller: ControllerSection | undefined
  if (opts.controller) {
    log('controller cells (ofl controller vs ovs-testcontroller) …')
    const r = await runControllerCells([...opts.controller, '--peers', 'ofl,ovs'])
    const ofl = r.peers.findIndex((p) => p.id === 'ofl')
    const ovs = r.peers.findIndex((p) => p.id === 'ovs')
    const rows: ControllerRow[] = []
    for (let i = 0; i < r.cells.length; i += r.peers.length) {
      const a = cellMedians(r.cells[i + ofl]!)
      const b = cellMedians(r.cells[i + ovs]!)
      const c0 = r.cells[i]!
      rows.push({ of: c0.of, switches: c0.switches, mode: c0.mode, ofl: a, peer: b, ratioRate: a.answeredPerSec / b.answeredPerSec, ratioP99: a.p99Us / b.p99Us })
    }
    controller = {
      command: `npm run bench -- controller ${opts.controller.join(' ')} --peers ofl,ovs`, runs: r.runs, duration: r.duration, buffered: r.buffered,
      notes: r.peers.filter((p) => p.note).map((p) => `${p.label}: ${p.note}`), rows,
    }
  }
  const c = cpus()
  return {
    date: new Date().toISOString(),
    machine: { host: hostname(), cpu: c[0]?.model ?? 'unknown', cores: c.length, memGiB: Math.round(totalmem() / 2 ** 30), kernel: release(), node: process.version },
    loadBefore, loadAfter: loadavg(), quick, runsPerCommand: runs, rows,
    ...(cloopNote !== undefined ? { cloopNote } : {}), ...(controller ? { controller } : {}),
  }
}

const f2 = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(2))
const f0 = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(0))

function formatRow(r: WorkloadRow): string {
  return `${r.workload} ${r.tool}: wall ${f2(r.ofl.wall)} s cpu ${f2(r.ofl.cpu)} s rss ${f0(r.ofl.rssMiB)} MiB` +
    (r.peer ? ` | ${r.peer.tool} wall ${f2(r.peer.m.wall)} s cpu ${f2(r.peer.m.cpu)} s | ratio wall ${f2(r.ratioWall)} cpu ${f2(r.ratioCpu)}` : '')
}

/** The table as Markdown (also what the README's performance section shows). */
export function formatWorkloadTable(t: WorkloadTable): string {
  const base = t.rows.some((r) => r.baseline)
  const head = ['workload', 'ofl', ...(base ? ['baseline wall / CPU s'] : []), 'ofl wall / CPU s', 'ofl peak RSS', 'peer', 'peer wall / CPU s', 'ratio wall', 'ratio CPU', 'C loop wall / CPU s']
  const lines = [
    `| ${head.join(' | ')} |`,
    `|${head.map((h) => (h === 'workload' || h === 'ofl' || h === 'peer' ? '---' : '---:')).join('|')}|`,
  ]
  for (const r of t.rows) {
    lines.push(`| ${[
      `${r.workload} (${f0(r.fileMiB)} MiB)`, r.tool,
      ...(base ? [r.baseline ? `${f2(r.baseline.wall)} / ${f2(r.baseline.cpu)}` : '–'] : []),
      `${f2(r.ofl.wall)} / ${f2(r.ofl.cpu)}`, `${f0(r.ofl.rssMiB)} MiB`,
      r.peer ? `\`${r.peer.command}\`` : '–', r.peer ? `${f2(r.peer.m.wall)} / ${f2(r.peer.m.cpu)}` : '–',
      r.ratioWall !== undefined ? `${f2(r.ratioWall)}×` : '–', r.ratioCpu !== undefined ? `${f2(r.ratioCpu)}×` : '–',
      r.cloop ? `${f2(r.cloop.wall)} / ${f2(r.cloop.cpu)}` : '–',
    ].join(' | ')} |`)
  }
  const m = t.machine
  lines.push('')
  lines.push(`Measured ${t.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu} (${m.cores} cores, ${m.memGiB} GiB, Linux ${m.kernel}, Node ${m.node}); ` +
    `load average ${t.loadBefore.map((x) => x.toFixed(1)).join(' ')} before, ${t.loadAfter.map((x) => x.toFixed(1)).join(' ')} after; ` +
    `median of ${t.runsPerCommand} interleaved runs per command${t.quick ? ' (--quick: files of a tenth of the size)' : ''}. ` +
    'Ratios are ofl / peer (below 1 is faster); CPU is user + sys of the whole process. ' +
    'C loop: bench/peers/pcap_walk.c (cc -O2) reads the file and walks the record headers, nothing else — the physical limit.' +
    (t.cloopNote ? ` (${t.cloopNote})` : ''))
  if (t.controller) {
    const k = t.controller
    const us = (x: number): string => (Number.isNaN(x) ? '–' : x >= 1000 ? `${(x / 1000).toFixed(1)} ms` : `${x.toFixed(0)} µs`)
    const rate = (x: number): string => (Number.isNaN(x) ? '–' : x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : `${(x / 1e3).toFixed(1)} k`)
    lines.push('', `Controller round trips (\`${k.command}\`: the cbench-style load generator, ${k.runs} run(s) × ${k.duration} s per cell, medians, ` +
      `packet-ins ${k.buffered ? 'buffered' : 'unbuffered'}; answered/s and p99 latency; ratios ofl ÷ ovs-testcontroller):`, '')
    lines.push('| OF | switches | mode | ofl answered/s | ofl p50 / p99 | ovs-testcontroller answered/s | its p50 / p99 | ratio rate | ratio p99 |')
    lines.push('|---|---:|---|---:|---:|---:|---:|---:|---:|')
    for (const r of k.rows) {
      lines.push(`| ${r.of} | ${r.switches} | ${r.mode} | ${rate(r.ofl.answeredPerSec)} | ${us(r.ofl.p50Us)} / ${us(r.ofl.p99Us)} | ${rate(r.peer.answeredPerSec)} | ${us(r.peer.p50Us)} / ${us(r.peer.p99Us)} | ${f2(r.ratioRate)}× | ${f2(r.ratioP99)}× |`)
    }
    for (const n of k.notes) lines.push(`\n${n}`)
  }
  return lines.join('\n')
}
