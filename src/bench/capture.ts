// Capture benchmarks.
// - In-process: classic pcap and pcapng record parsing (MB/s) and the LACP analysis per PDU.
// - Whole process, peers in the same run: `ofl lacp decode --json FILE > /dev/null` next to
//   `tcpdump -nn -v -r FILE > /dev/null` on the same 1 M-LACPDU pcap (the issue's goal: at most half of
//   tcpdump's wall time, analysis included), medians of interleaved runs. Two files:
//     steady — a 2-member bond seen from one side (4 ports, 1 PDU/s each), periodic byte-identical PDUs
//              as real captures have them (the decoder reuses the decoded PDU for identical repeats);
//     varied — the same, but every PDU differs (collector max delay counts up), so every frame takes the
//              full decode path: the worst case for that memo.
//   Plus streaming read of the steady file with the default reader and through the pcap-parser package.
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { blackhole, median, type BenchCase, type BenchSuite } from './harness.js'
import { openCapture, readCapture } from '../capture/open.js'
import { pcapHeader, pcapRecord, writePcap, writePcapng, type WriteRecord } from '../capture/writer.js'
import { lacpduToBuffer } from '../lacp/lacpdu.js'
import { LacpAnalyzer } from '../lacp/analysis/analyzer.js'
import type { LacpObservation } from '../lacp/analysis/types.js'
import { parseMac } from '../wire/mac.js'

const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
const UP_FAST = 0x3f

interface PortId { system: string; port: number; mac: string }
const PORTS: [PortId, PortId][] = [
  [{ system: '02:00:00:00:00:a0', port: 1, mac: '02:00:00:00:a0:01' }, { system: '02:00:00:00:00:b0', port: 1, mac: '02:00:00:00:b0:01' }],
  [{ system: '02:00:00:00:00:a0', port: 2, mac: '02:00:00:00:a0:02' }, { system: '02:00:00:00:00:b0', port: 2, mac: '02:00:00:00:b0:02' }],
]

function frame(from: PortId, to: PortId, collectorMaxDelay: number): Buffer {
  const info = (p: PortId) => ({ systemPriority: 65534, system: p.system, key: 1, portPriority: 65535, port: p.port, state: UP_FAST })
  return Buffer.concat([parseMac('01:80:c2:00:00:02'), parseMac(from.mac), Buffer.from([0x88, 0x09]), lacpduToBuffer({ actor: info(from), partner: info(to), collectorMaxDelay })])
}

/** The i-th record of the generated capture: 4 ports round robin, 1 PDU per port per second. */
function recordAt(i: number, varied: boolean): WriteRecord {
  const link = PORTS[(i >> 1) & 1]!
  const [from, to] = i & 1 ? [link[1], link[0]] : [link[0], link[1]]
  const t = 1_700_000_000 + i / 4
  const sec = Math.floor(t)
  return { tsSec: sec, tsNsec: Math.round((t - sec) * 1e9), data: frame(from, to, varied ? i & 0xffff : 0) }
}

/** Write an n-record pcap to path in 10 000-record chunks (frames cached for the steady file). */
export function writeLacpBenchPcap(path: string, n: number, varied: boolean): void {
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, pcapHeader())
    const cache = new Map<number, Buffer>()
    let parts: Buffer[] = []
    for (let i = 0; i < n; i++) {
      let rec: WriteRecord
      if (varied) rec = recordAt(i, true)
      else {
        let data = cache.get(i & 3)
        if (!data) cache.set(i & 3, (data = recordAt(i & 3, false).data as Buffer))
        const t = 1_700_000_000 + i / 4
        const sec = Math.floor(t)
        rec = { tsSec: sec, tsNsec: Math.round((t - sec) * 1e9), data }
      }
      parts.push(pcapRecord(rec))
      if (parts.length === 10_000) {
        writeSync(fd, Buffer.concat(parts))
        parts = []
      }
    }
    if (parts.length) writeSync(fd, Buffer.concat(parts))
  } finally {
    closeSync(fd)
  }
}

function captureCases(): BenchCase[] {
  const N = 20_000
  const recs = Array.from({ length: N }, (_, i) => recordAt(i, true))
  const pcap = writePcap(recs)
  const pcapng = writePcapng({ interfaces: [{ name: 'eth0', tsresol: 9 }], records: recs })
  const decoded = readCapture(pcap)
  const observations: LacpObservation[] = decoded.map((r, i) => {
    const link = PORTS[(i >> 1) & 1]!
    const [from, to] = i & 1 ? [link[1], link[0]] : [link[0], link[1]]
    const info = (p: PortId) => ({ systemPriority: 65534, system: p.system, key: 1, portPriority: 65535, port: p.port, state: UP_FAST })
    return { frame: r.frame, time: r.tsSec + r.tsNsec / 1e9, where: {}, srcMac: from.mac, pdu: { subtype: 1, version: 1, actor: info(from), partner: info(to), collectorMaxDelay: 0, issues: [] } }
  })
  return [
    { group: 'capture record parsing (in memory, 124-byte LACPDU frames)', name: 'classic pcap readCapture', opsPerCall: N, bytesPerCall: pcap.length, fn: () => readCapture(pcap).length },
    { group: 'capture record parsing (in memory, 124-byte LACPDU frames)', name: 'pcapng (ns EPBs) readCapture', opsPerCall: N, bytesPerCall: pcapng.length, fn: () => readCapture(pcapng).length },
    {
      group: 'LACP analysis (per observation, 4 ports)', name: 'LacpAnalyzer.add (distinct PDU objects) + finish', opsPerCall: N,
      fn: () => {
        const a = new LacpAnalyzer()
        for (const o of observations) a.add(o)
        blackhole(a.finish())
        return a
      },
    },
  ]
}

function hasTool(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0
}

/** Wall time in seconds of a command with stdout to /dev/null. */
function timeRun(cmd: string, args: string[]): { s: number; status: number | null } {
  const devnull = openSync('/dev/null', 'w')
  try {
    const t0 = process.hrtime.bigint()
    const r = spawnSync(cmd, args, { stdio: ['ignore', devnull, 'ignore'], timeout: 600_000 })
    return { s: Number(process.hrtime.bigint() - t0) / 1e9, status: r.status }
  } finally {
    closeSync(devnull)
  }
}

async function readAll(path: string, engine: 'ofl' | 'pcap-parser'): Promise<number> {
  const t0 = process.hrtime.bigint()
  let n = 0
  for await (const b of openCapture(path, { engine }).batches()) n += b.length
  blackhole(n)
  return Number(process.hrtime.bigint() - t0) / 1e9
}

async function wholeProcess(args: string[]): Promise<string> {
  const n = Number(args.find((a) => a.startsWith('--capture-records='))?.split('=')[1] ?? 1_000_000)
  const runs = Number(args.find((a) => a.startsWith('--capture-runs='))?.split('=')[1] ?? 3)
  const dir = mkdtempSync(join(tmpdir(), 'ofl-bench-capture-'))
  const lines = [`ofl lacp decode --json vs tcpdump -nn -v -r, whole process, ${n} LACPDUs, median of ${runs} interleaved runs`]
  try {
    const tcpdump = hasTool('tcpdump')
    for (const varied of [false, true]) {
      const file = join(dir, varied ? 'varied.pcap' : 'steady.pcap')
      writeLacpBenchPcap(file, n, varied)
      const ofl: number[] = []
      const td: number[] = []
      for (let r = 0; r < runs; r++) {
        const a = timeRun(process.execPath, [BIN, 'lacp', 'decode', '--json', file])
        if (a.status !== 0) throw new Error(`ofl lacp decode exited ${a.status}`)
        ofl.push(a.s)
        if (tcpdump) td.push(timeRun('tcpdump', ['-nn', '-v', '-r', file]).s)
      }
      const mo = median(ofl)
      const label = varied ? 'varied (every PDU differs)' : 'steady (periodic identical PDUs)'
      lines.push(`  ${label}: ${(statSync(file).size / 1e6).toFixed(0)} MB`)
      lines.push(`    ofl lacp decode --json   ${mo.toFixed(2).padStart(7)} s   runs ${ofl.map((x) => x.toFixed(2)).join(' ')}`)
      if (tcpdump) {
        const mt = median(td)
        lines.push(`    tcpdump -nn -v -r        ${mt.toFixed(2).padStart(7)} s   runs ${td.map((x) => x.toFixed(2)).join(' ')}`)
        lines.push(`    ofl / tcpdump = ${(mo / mt).toFixed(2)}  (goal <= 0.50)`)
      } else lines.push('    tcpdump not installed: no peer time')
      if (!varied) {
        const own: number[] = []
        const pp: number[] = []
        for (let r = 0; r < runs; r++) {
          own.push(await readAll(file, 'ofl'))
          pp.push(await readAll(file, 'pcap-parser'))
        }
        lines.push(`    streaming read only, in process: ofl reader ${median(own).toFixed(2)} s, pcap-parser adapter ${median(pp).toFixed(2)} s`)
      }
      rmSync(file, { force: true })
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return lines.join('\n')
}

export const suite: BenchSuite = {
  name: 'capture',
  description: 'pcap/pcapng parsing, LACP analysis, and ofl lacp decode --json vs tcpdump -v on 1 M LACPDUs',
  cases: captureCases,
  run: wholeProcess,
}
