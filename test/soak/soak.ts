// `npm run soak -- [--duration 30] [--port 16900] [--json FILE] [--stall-every S --stall-ms MS]` (minutes; not in CI).
// --stall-every: stop the controller (SIGSTOP) for --stall-ms (default 1500) every S seconds, as a
// starved machine does; packet-ins it held past the load generator's 1 s loss timeout show as
// unanswered and answered late, never as lost.
//
// A real Open vSwitch (test/helpers/ovs.ts lab, private network namespace) with h1's bond0 negotiated
// in fast mode against `ofl controller --bond 255:1,2` (s1 is datapath 0xff so the load generator's
// datapaths 1…4 never collide with it), for --duration minutes, under:
// - cbench-style packet-in load: `ofl bench controller` (4 switches, throughput mode, window 8 each);
// - one connect / handshake / close per second (emulated switch, test/helpers/idle-switches.ts).
// Sampled every second: the controller's resident memory (/proc/PID/status VmRSS) and OVS's bond
// (`ovs-appctl lacp/show`). Reported: RSS at start (after the warm-up), peak and end; LACP flaps (the
// bond leaving "negotiated, both members current" in OVS's view, and members the controller disabled);
// packet-ins sent in the measured window, each accounted for exactly once: answered, written off as
// unanswered after the load generator's 1 s loss timeout (and of those, answered late before the end),
// lost on a disconnect, or in flight when the window closed. Everything it starts stops by itself.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { OvsLab, waitFor, sleep } from '../helpers/ovs.js'
import type { BenchControllerReport } from '../../src/bench/controller/run.js'
import { IDLE_SWITCHES_JS, type IdleSwitchesReport } from '../helpers/idle-switches.js'

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? def : process.argv[i + 1] ?? def
}
const minutes = Number(arg('duration', '30'))
const port = Number(arg('port', '16900'))
const jsonOut = arg('json', '')
const durationS = Math.round(minutes * 60)
const stallEveryS = Number(arg('stall-every', '0'))
const stallMs = Number(arg('stall-ms', '1500'))

function findBin(): string {
  let dir = fileURLToPath(new URL('.', import.meta.url))
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'bin', 'run.js')) && existsSync(join(dir, 'package.json'))) return join(dir, 'bin', 'run.js')
    dir = resolve(dir, '..')
  }
  throw new Error('bin/run.js not found')
}
const BIN = findBin()

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) : NaN
}

async function bondUp(lab: OvsLab): Promise<boolean> {
  try {
    const s = await lab.lacpShow()
    return s.status.includes('negotiated') && s.members.length === 2 && s.members.every((m) => m.mayEnable && m.attached && m.status === 'current')
  } catch {
    return false
  }
}

const lab = await OvsLab.start()
const stopAll = async (): Promise<void> => {
  await lab.stop()
}
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)))
try {
  const sock = join(lab.dir, 'ctl.sock')
  const ctlLog = join(lab.dir, 'controller.log')
  const ctl = lab.spawnInNs(process.execPath, [BIN, 'controller', '--host', '127.0.0.1', '--port', String(port), '--bond', '255:1,2', '--of', '1.3', '--control-socket', sock], { stdoutFile: ctlLog, env: { ...process.env, NO_COLOR: '1' } })
  const log = (): string => (existsSync(ctlLog) ? readFileSync(ctlLog, 'utf8') : '')
  await waitFor('controller listening', () => log().includes('listening on'), 30_000)
  await lab.createTopology('1.3', port)
  await lab.vsctl('set', 'bridge', 's1', 'other-config:datapath-id=00000000000000ff')
  await waitFor('s1 (dpid 0xff) connected', () => log().includes('SW=00000000000000ff connected'), 30_000)
  await lab.createBond('fast')
  const t0 = Date.now()
  await waitFor('bond negotiated', () => bondUp(lab), 60_000, 50)
  console.log(`soak: bond negotiated in ${Date.now() - t0} ms; running ${minutes} min of load`)

  const benchOut = join(lab.dir, 'bench.json')
  const bench = lab.spawnInNs(process.execPath, [BIN, 'bench', 'controller', '--target', `127.0.0.1:${port}`, '--switches', '4', '--of', '1.3', '--mode', 'throughput', '--window', '8', '--warmup', '5', '--duration', String(durationS), '--json'], { stdoutFile: benchOut, env: { ...process.env, NO_COLOR: '1' } })
  const churnOut = join(lab.dir, 'churn.json')
  const churn = lab.spawnInNs(process.execPath, ['-e', IDLE_SWITCHES_JS, JSON.stringify({ host: '127.0.0.1', port, mode: 'churn', firstDpid: 0x1000, churnMs: 1000, durationMs: (durationS + 5) * 1000 })], { stdoutFile: churnOut })

  const pid = ctl.pid!
  await sleep(10_000) // warm-up: load generator handshaken, learning done
  const rssStart = rssKb(pid)
  let rssPeak = rssStart
  let polls = 0
  let downPolls = 0
  let flaps = 0
  let wasUp = true
  const samples: Array<{ s: number; rssKb: number }> = []
  const end = Date.now() + (durationS - 5) * 1000
  let nextSample = Date.now()
  let stalls = 0
  let nextStall = stallEveryS > 0 ? Date.now() + stallEveryS * 1000 : Infinity
  while (Date.now() < end) {
    if (Date.now() >= nextStall && Date.now() + stallMs + 3000 < end) {
      process.kill(pid, 'SIGSTOP')
      try {
        await sleep(stallMs)
      } finally {
        process.kill(pid, 'SIGCONT')
      }
      stalls++
      nextStall += stallEveryS * 1000
    }
    const up = await bondUp(lab)
    polls++
    if (!up) downPolls++
    if (wasUp && !up) flaps++
    wasUp = up
    if (Date.now() >= nextSample) {
      const r = rssKb(pid)
      rssPeak = Math.max(rssPeak, r)
      samples.push({ s: Math.round((Date.now() - t0) / 1000), rssKb: r })
      nextSample += 10_000
      if (samples.length % 30 === 0) console.log(`soak: ${samples[samples.length - 1]!.s} s, RSS ${(r / 1024).toFixed(1)} MiB, bond flaps ${flaps}`)
    }
    await sleep(500)
  }
  const rssEnd = rssKb(pid)
  rssPeak = Math.max(rssPeak, rssEnd)
  await Promise.all([bench, churn].map((p) => new Promise<void>((r) => (p.exitCode !== null ? r() : p.once('exit', () => r())))))
  const benchRep = JSON.parse(readFileSync(benchOut, 'utf8')) as BenchControllerReport
  const churnRep = JSON.parse(readFileSync(churnOut, 'utf8').trim().split('\n').pop()!) as IdleSwitchesReport
  const disabled = log().split('\n').filter((l) => /enabled: False/.test(l)).length
  const report = {
    minutes,
    controllerStalls: { count: stalls, ms: stalls ? stallMs : 0 },
    rssMiB: { start: +(rssStart / 1024).toFixed(1), peak: +(rssPeak / 1024).toFixed(1), end: +(rssEnd / 1024).toFixed(1) },
    lacp: { ovsPolls: polls, ovsPollsDown: downPolls, ovsFlaps: flaps, controllerMemberDisables: disabled },
    packetIns: {
      sent: benchRep.packetInsSent, answered: benchRep.answered, unanswered: benchRep.unanswered, answeredLate: benchRep.answeredLate,
      neverAnswered: benchRep.unanswered - benchRep.answeredLate, lostOnDisconnect: benchRep.lostOnDisconnect, inFlightAtEnd: benchRep.inFlight,
      extraResponses: benchRep.extraResponses, maxRoundTripUs: benchRep.latency.maxUs,
      perSec: benchRep.packetInsPerSec, disconnects: benchRep.disconnects, malformed: benchRep.malformed, note: 'measured window (after the 5 s warm-up)',
    },
    churn: { connects: churnRep.count, handshakes: churnRep.handshakes, errors: churnRep.errors },
    rssSamples: samples,
  }
  console.log(`soak ${minutes} min: controller RSS start ${report.rssMiB.start} MiB, peak ${report.rssMiB.peak} MiB, end ${report.rssMiB.end} MiB; ` +
    `LACP flaps ${flaps} (OVS view, ${downPolls}/${polls} polls down), controller member disables ${disabled}; ` +
    `packet-ins sent ${benchRep.packetInsSent} = answered ${benchRep.answered} + unanswered after 1 s ${benchRep.unanswered} ` +
    `(${benchRep.answeredLate} of them answered late, ${benchRep.unanswered - benchRep.answeredLate} never) + lost on disconnect ${benchRep.lostOnDisconnect} + in flight at the end ${benchRep.inFlight} ` +
    `(${benchRep.packetInsPerSec}/s, extra responses ${benchRep.extraResponses}); connect/close churn: ${churnRep.handshakes}/${churnRep.count} handshakes` +
    (stalls ? `; controller stopped ${stalls} × ${stallMs} ms` : ''))
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2))
  const accounted = benchRep.answered + benchRep.unanswered + benchRep.lostOnDisconnect + benchRep.inFlight === benchRep.packetInsSent
  if (!accounted) console.log('soak: packet-in accounting does not add up')
  process.exitCode = flaps === 0 && accounted && benchRep.unanswered === benchRep.answeredLate && benchRep.lostOnDisconnect === 0 ? 0 : 1
} finally {
  await stopAll()
}
