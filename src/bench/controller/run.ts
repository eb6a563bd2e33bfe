// `ofl bench controller`: K emulated switches against a running controller for a fixed time (warm-up,
// then a measured window), everything stopped by itself at the end. Reports responses/s (cbench's
// figure: FLOW_MOD ADD/MODIFY(_STRICT) + PACKET_OUT not carrying LLDP), packet-ins answered/s, round-trip
// percentiles, and every problem seen (malformed or unexpected responses, errors, disconnects).
// Differences from cbench (oflops cbench/cbench.c): OpenFlow 1.3 as well as 1.0; responses are decoded and
// checked, not just counted; p50/p99; disconnects are survived; Nagle is really off in latency mode.
import { MalformedError } from '../../wire/errors.js'
import { OFP_VERSION_1_0, OFP_VERSION_1_3 } from '../../openflow/header.js'
import { formatRate } from '../harness.js'
import { LatencyHistogram } from './histogram.js'
import { EmulatedSwitch, SwitchCounters } from './switch.js'

export type BenchMode = 'throughput' | 'latency'

export interface BenchControllerOptions {
  /** HOST:PORT of the controller. */
  target: string
  switches?: number
  /** '1.0' or '1.3'. */
  of?: string
  mode?: BenchMode
  /** Measured seconds (after the warm-up). */
  duration?: number
  warmup?: number
  /** Distinct source MACs per switch. */
  macs?: number
  /** Send to a destination the controller has learned (flow-mods) rather than an unknown one (floods). */
  learnDst?: boolean
  /** Packet-ins name a switch buffer (default, as cbench) or carry OFP_NO_BUFFER and the whole frame. */
  buffered?: boolean
  /** Outstanding packet-ins per switch in throughput mode (default: 1024 in total over the switches). */
  window?: number
  /** Full decode with ofl's codecs of every Nth response (default 16; every response gets the no-allocation structure check). */
  validateEvery?: number
  lossTimeoutMs?: number
}

export interface BenchControllerReport {
  target: string
  of: string
  mode: BenchMode
  switches: number
  window: number
  macs: number
  learnDst: boolean
  buffered: boolean
  validateEvery: number
  warmupS: number
  /** Measured seconds (the wall time of the measured window). */
  durationS: number
  /** Switches that completed a handshake at least once, and that were streaming at the end. */
  switchesReady: number
  switchesStreaming: number
  responses: number
  responsesPerSec: number
  flowMods: number
  packetOuts: number
  packetInsSent: number
  packetInsPerSec: number
  answered: number
  answeredPerSec: number
  /** Responses per one-second interval of the measured window. */
  perSecond: number[]
  latency: { samples: number; p50Us: number | null; p99Us: number | null; meanUs: number | null; maxUs: number | null }
  /** Written off after the loss timeout (`answeredLate` of them were answered later, before the end). */
  unanswered: number
  answeredLate: number
  /** Answers in the window to packet-ins sent in the warm-up (`responses` = answered + answeredLate + these + extraResponses). */
  answeredFromWarmup: number
  lostOnDisconnect: number
  /**
   * Packet-ins sent in the window still awaiting their answer when it closed. Every packet-in sent in
   * the window is one of: answered, unanswered, lost on disconnect, in flight.
   */
  inFlight: number
  extraResponses: number
  otherFlowMods: number
  lldpPacketOuts: number
  malformed: number
  unexpected: number
  errorsReceived: number
  otherMessages: number
  connects: number
  disconnects: number
  handshakes: number
  /** Distinct problems with their counts (most frequent first, at most 20). */
  errors: Array<{ count: number; what: string }>
  perSwitch: Array<{ dpid: number; responses: number; answered: number }>
}

const COUNTER_KEYS = Object.keys(new SwitchCounters()) as Array<keyof SwitchCounters>

/** Parse "HOST:PORT" (IPv6 as "[::1]:6653"). Throws MalformedError `BAD_TARGET`. */
export function parseTarget(t: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(t)
  const port = m ? Number(m[3]) : NaN
  if (!m || !(port > 0 && port < 65536)) throw new MalformedError('BAD_TARGET', `target must be HOST:PORT, got "${t}"`, { field: 'target' })
  return { host: m[1] ?? m[2]!, port }
}

export function parseOfVersion(of: string): number {
  if (of === '1.0') return OFP_VERSION_1_0
  if (of === '1.3') return OFP_VERSION_1_3
  throw new MalformedError('BAD_VERSION', `--of must be 1.0 or 1.3, got "${of}"`, { field: 'of' })
}

const us = (ns: number) => (Number.isFinite(ns) ? Math.round(ns / 10) / 100 : null)

export async function benchController(opts: BenchControllerOptions): Promise<BenchControllerReport> {
  const { host, port } = parseTarget(opts.target)
  const of = opts.of ?? '1.3'
  const version = parseOfVersion(of)
  const k = opts.switches ?? 1
  const mode = opts.mode ?? 'throughput'
  const durationS = opts.duration ?? 5
  const warmupS = opts.warmup ?? 1
  const macs = opts.macs ?? 100_000
  const learnDst = opts.learnDst ?? true
  const buffered = opts.buffered ?? true
  if (!(k >= 1 && k <= 4096)) throw new MalformedError('BAD_SWITCHES', `--switches must be 1…4096, got ${k}`, { field: 'switches' })
  if (!(durationS > 0) || !(warmupS >= 0)) throw new MalformedError('BAD_DURATION', 'duration must be > 0 and warmup >= 0', { field: 'duration' })
  if (!(macs >= 1)) throw new MalformedError('BAD_MACS', `--macs must be >= 1, got ${macs}`, { field: 'macs' })
  const window = mode === 'latency' ? 1 : Math.max(1, opts.window ?? Math.max(8, Math.ceil(1024 / k)))

  const validateEvery = Math.max(1, opts.validateEvery ?? 16)
  const histogram = new LatencyHistogram()
  const errors = new Map<string, number>()
  const onError = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1)
  const sws: EmulatedSwitch[] = []
  for (let i = 0; i < k; i++) {
    sws.push(new EmulatedSwitch({
      host, port, version, index: i, window, macs, learnDst, buffered, relearnEvery: 1024,
      validateEvery, settleMs: 100, lossTimeoutMs: opts.lossTimeoutMs ?? 1000, reconnectMs: 200,
      histogram, onError,
    }))
  }

  const ready = new Set<number>()
  const perSecond: number[] = []
  let measuring = false
  let tMeasure = 0
  let lastSecond = 0
  let lastTotal = 0
  const total = () => sws.reduce((s, w) => s + w.c.responses, 0)

  for (const s of sws) s.start()
  const t0 = performance.now()
  await new Promise<void>((resolve) => {
    const ticker = setInterval(() => {
      const now = performance.now()
      for (const s of sws) {
        s.tick(now)
        if (s.c.handshakes > 0) ready.add(s.dpid)
      }
      if (!measuring && now - t0 >= warmupS * 1000) {
        measuring = true
        tMeasure = now
        lastSecond = now
        for (const s of sws) {
          for (const key of COUNTER_KEYS) if (key !== 'handshakes') s.c[key] = 0
          s.startMeasuring()
        }
        histogram.reset()
        errors.clear()
        lastTotal = 0
      }
      if (measuring && now - lastSecond >= 1000) {
        const t = total()
        perSecond.push(t - lastTotal)
        lastTotal = t
        lastSecond += 1000
      }
      if (measuring && now - tMeasure >= durationS * 1000) {
        clearInterval(ticker)
        resolve()
      }
    }, 50)
  })
  const elapsedS = (performance.now() - tMeasure) / 1000
  const streaming = sws.filter((s) => s.streaming).length
  const snap = sws.map((s) => ({ ...s.c, inFlight: s.inFlight, dpid: s.dpid, fatal: s.fatal }))
  for (const s of sws) s.stop()

  const sum = (key: keyof SwitchCounters | 'inFlight') => snap.reduce((a, c) => a + c[key], 0)
  for (const s of snap) if (s.fatal) errors.set(s.fatal, (errors.get(s.fatal) ?? 0) + 1)
  const responses = sum('responses')
  return {
    target: `${host}:${port}`, of, mode, switches: k, window, macs, learnDst, buffered, validateEvery, warmupS, durationS: round3(elapsedS),
    switchesReady: ready.size, switchesStreaming: streaming,
    responses, responsesPerSec: Math.round(responses / elapsedS),
    flowMods: sum('flowMods'), packetOuts: sum('packetOuts'),
    packetInsSent: sum('packetInsSent'), packetInsPerSec: Math.round(sum('packetInsSent') / elapsedS),
    answered: sum('answered'), answeredPerSec: Math.round(sum('answered') / elapsedS),
    perSecond,
    latency: { samples: histogram.count, p50Us: us(histogram.percentile(50)), p99Us: us(histogram.percentile(99)), meanUs: us(histogram.mean()), maxUs: us(histogram.count ? histogram.maxNs : NaN) },
    unanswered: sum('unanswered'), answeredLate: sum('answeredLate'), answeredFromWarmup: sum('answeredFromWarmup'), lostOnDisconnect: sum('lostOnDisconnect'), inFlight: sum('inFlight'), extraResponses: sum('extraResponses'),
    otherFlowMods: sum('otherFlowMods'), lldpPacketOuts: sum('lldpPacketOuts'),
    malformed: sum('malformed'), unexpected: sum('unexpected'), errorsReceived: sum('errorsReceived'), otherMessages: sum('otherMessages'),
    connects: sum('connects'), disconnects: sum('disconnects'), handshakes: sum('handshakes'),
    errors: [...errors].map(([what, count]) => ({ count, what })).sort((a, b) => b.count - a.count).slice(0, 20),
    perSwitch: snap.map((s) => ({ dpid: s.dpid, responses: s.responses, answered: s.answered })),
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000

/** Human summary of a report. */
export function formatBenchReport(r: BenchControllerReport): string {
  const lat = r.latency
  const fmtUs = (x: number | null) => (x === null ? '-' : `${x.toFixed(1)} µs`)
  const lines = [
    `target ${r.target}  OpenFlow ${r.of}  ${r.mode}  switches ${r.switches} (${r.switchesReady} completed the handshake, ${r.switchesStreaming} streaming at the end)`,
    `window ${r.window}/switch  macs ${r.macs}  destination ${r.learnDst ? 'learned' : 'unknown'}  ${r.buffered ? 'buffered' : 'unbuffered'}  full decode 1/${r.validateEvery}  warm-up ${r.warmupS} s  measured ${r.durationS} s`,
    `responses     ${formatRate(r.responsesPerSec).padStart(9)}/s  (${r.responses}: ${r.flowMods} flow-mods, ${r.packetOuts} packet-outs)`,
    `packet-ins    ${formatRate(r.packetInsPerSec).padStart(9)}/s sent, ${formatRate(r.answeredPerSec)}/s answered`,
    `round trip    p50 ${fmtUs(lat.p50Us)}  p99 ${fmtUs(lat.p99Us)}  mean ${fmtUs(lat.meanUs)}  max ${fmtUs(lat.maxUs)}  (${lat.samples} samples)`,
    `per second    ${r.perSecond.join(' ') || 'none (measured less than 1 s)'}`,
    `problems      malformed ${r.malformed}, unexpected ${r.unexpected}, OFPT_ERROR received ${r.errorsReceived}, unanswered ${r.unanswered} (${r.answeredLate} answered late), ` +
      `lost on disconnect ${r.lostOnDisconnect}, disconnects ${r.disconnects}`,
    `accounting    sent ${r.packetInsSent} = answered ${r.answered} + unanswered ${r.unanswered} + lost on disconnect ${r.lostOnDisconnect} + in flight at the end ${r.inFlight}`,
    `not counted   other flow-mods ${r.otherFlowMods}, LLDP packet-outs ${r.lldpPacketOuts}, extra responses ${r.extraResponses}, other messages ${r.otherMessages}`,
  ]
  for (const e of r.errors) lines.push(`  ${String(e.count).padStart(7)} × ${e.what}`)
  return lines.join('\n')
}
