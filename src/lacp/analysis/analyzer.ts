// LACP link analysis: from a stream of observed PDUs to links, LAGs and ranked verdicts.
// IEEE 802.1AX-2014 §6.4 (actor/partner, matched, periodic §6.4.13, receive §6.4.12, TX limit §6.4.16);
// behaviour of the peers people compare with (Open vSwitch lib/lacp.c:
// attach/detach, loopback, TX period follows the partner's TIMEOUT bit) and Linux drivers/net/bonding/bond_3ad.c.
//
// Streaming: `add()` keeps per-side state only (last tuples, a change log, gap statistics), never the
// PDUs, so a capture of millions of LACPDUs needs memory proportional to the number of ports and state
// changes. `finish()` pairs the sides into links, builds timelines, and derives the verdicts.
//
// Vocabulary: a *side* is one actor port (actor system + port number) sending PDUs; a *link* is two
// sides that name each other (the actor of one is the partner of the other), or one side whose partner
// was never heard; a *LAG* is the set of sides sharing actor system and key.
import { LacpStateBit, stateFlags, LACP_STATE_FLAGS } from '../state.js'
import type {
  AnalysisSummary, GapStats, LacpAnalysis, LacpObservation, LacpPduLike, LagReport, LinkReport, PortInfo, SideReport,
  TimelineEvent, Verdict, VerdictCode, Where,
} from './types.js'
import { makeVerdict, sortVerdicts } from './verdicts.js'
import { formatDuration, plural } from '../../wire/time.js'

const ACT = LacpStateBit.activity
const TMO = LacpStateBit.timeout
const AGG = LacpStateBit.aggregation
const SYNC = LacpStateBit.synchronization
const COL = LacpStateBit.collecting
const DIST = LacpStateBit.distributing
const DEF = LacpStateBit.defaulted
const EXP = LacpStateBit.expired
const UP = SYNC | COL | DIST

export const ZERO_SYSTEM = '00:00:00:00:00:00'
/** Fast_Periodic_Time / Slow_Periodic_Time (802.1AX-2014 §6.4.4). */
const FAST = 1
const SLOW = 30

export interface AnalyzerOptions {
  /** Change snapshots kept per side (beyond: counted, not kept). Default 100 000. */
  maxSnapshots?: number
  /** Evidence frames kept per finding. Default 10. */
  maxEvidence?: number
  /** Timeline events kept per link in the report. Default 1000. */
  maxTimeline?: number
}

interface Snapshot {
  frame: number
  time: number
  actor: PortInfo
  partner: PortInfo
}

/** Gaps kept exactly per side (4 bytes each); past this the median comes from the histogram, clamped to min..max. */
const MAX_EXACT_GAPS = 1 << 22

/** Log-scale histogram of gaps: 100 bins per decade from 1 ms to 10 000 s. */
const BINS_PER_DECADE = 100
const HIST_MIN = -3
const HIST_BINS = 7 * BINS_PER_DECADE + 2

function tupleEqual(a: PortInfo, b: PortInfo): boolean {
  return a.system === b.system && a.port === b.port && a.key === b.key && a.systemPriority === b.systemPriority && a.portPriority === b.portPriority
}

function copyInfo(p: PortInfo): PortInfo {
  return { systemPriority: p.systemPriority, system: p.system, key: p.key, portPriority: p.portPriority, port: p.port, state: p.state }
}

export function sideKey(system: string, port: number): string {
  return `${system}/${port}`
}

/** The side a LACPDU was added to, as add() returns it: hand it back to addRepeat() with the sender's next PDU. */
export interface SideRef {
  /** "<system>/<port>" of the actor. */
  readonly id: string
}

class Side implements SideRef {
  readonly id: string
  /** Actor system and port: the side's identity (fixed). */
  readonly system: string
  readonly port: number
  actor: PortInfo
  partner: PortInfo
  /** Time/frame of the first PDU carrying the current actor tuple and the current relevant state bits. */
  actorSinceTime: number
  actorSinceFrame: number
  readonly macs = new Set<string>()
  readonly where = new Set<Where>()
  pdus = 0
  markers = 0
  issues = 0
  firstFrame: number
  firstTime: number
  lastFrame: number
  lastTime: number
  readonly snapshots: Snapshot[] = []
  snapshotsDropped = 0
  // gaps
  gapCount = 0
  gapMin = Infinity
  gapMax = -Infinity
  gapMaxFrame = 0
  readonly hist = new Uint32Array(HIST_BINS)
  /** Every gap in microseconds (exact median), up to MAX_EXACT_GAPS; beyond, the histogram answers. */
  gapsUs = new Uint32Array(16)
  late = 0
  expiring = 0
  readonly lateFrames: { frame: number; gap: number; expected: number }[] = []
  /** Start time of each gap in lateFrames. */
  readonly lateStarts: number[] = []
  // rate limit: times of the previous three LACPDUs
  t1 = -Infinity
  t2 = -Infinity
  t3 = -Infinity
  rateViolations = 0
  readonly rateFrames: number[] = []
  seenActive = 0
  seenPassive = 0
  /** The last side whose PDUs named this one as partner. */
  namedBy: Side | undefined
  /** The side this one names as partner (partner system/port), once it has been heard; reset when the partner tuple changes. */
  names: Side | undefined
  /** Cached receiver of this side's PDUs (validated against the partner tuple before use). */
  other: Side | undefined
  lastPdu: LacpPduLike | undefined
  /** The actor and partner objects of the last LACPDU added (addRepeat compares identities with them). */
  lastActor: PortInfo | undefined
  lastPartner: PortInfo | undefined
  lastSrc: string | undefined
  lastWhere: Where | undefined
  // link analysis fills these
  label = 'A'
  linkId = ''

  constructor(o: LacpObservation, pdu: LacpPduLike) {
    this.id = sideKey(pdu.actor.system, pdu.actor.port)
    this.system = pdu.actor.system
    this.port = pdu.actor.port
    this.actor = copyInfo(pdu.actor)
    this.partner = copyInfo(pdu.partner)
    this.actorSinceTime = o.time
    this.actorSinceFrame = o.frame
    this.firstFrame = this.lastFrame = o.frame
    this.firstTime = this.lastTime = o.time
  }
}

/** Streaming analyzer: feed observations in capture order with add(), then call finish(). */
export class LacpAnalyzer {
  /**
   * Sides by actor system, then port: two lookups with keys that cost nothing to hash (the system
   * strings of decoded PDUs come from a MAC cache, so their hash is computed once; ports are small
   * integers), instead of building a "system/port" string per PDU.
   */
  private readonly sides = new Map<string, Map<number, Side>>()
  private readonly order: Side[] = []
  /**
   * The last few decoded PDU objects and their sides (round robin). Not a WeakMap: millions of distinct
   * short-lived keys make V8's ephemeron processing the dominant GC cost.
   */
  private readonly recentPdu: (LacpPduLike | undefined)[] = new Array<LacpPduLike | undefined>(16).fill(undefined)
  private readonly recentSide: (Side | undefined)[] = new Array<Side | undefined>(16).fill(undefined)
  private recentNext = 0
  private readonly opts: Required<AnalyzerOptions>
  readonly summary: AnalysisSummary = {
    frames: 0, slowFrames: 0, lacpdus: 0, markers: 0, otherSlow: 0, undecodable: 0, firstTime: null, lastTime: null,
  }
  /** Marker PDUs by requester system/port, for the report. */
  private markerOnly = 0

  constructor(opts: AnalyzerOptions = {}) {
    this.opts = { maxSnapshots: opts.maxSnapshots ?? 100_000, maxEvidence: opts.maxEvidence ?? 10, maxTimeline: opts.maxTimeline ?? 1000 }
  }

  /** Count a frame that was not a slow-protocol PDU (for the summary only). */
  countFrame(): void {
    this.summary.frames++
  }

  /**
   * Add one observation in capture order. For a LACPDU, returns the side it was added to (undefined for
   * a Marker PDU).
   */
  add(o: LacpObservation): SideRef | undefined {
    const s = this.summary
    s.slowFrames++
    if (s.firstTime === null || o.time < s.firstTime) s.firstTime = o.time
    if (s.lastTime === null || o.time > s.lastTime) s.lastTime = o.time
    const pdu = o.pdu
    if (pdu.subtype !== 1) {
      s.markers++
      const side = this.findSide(pdu.requesterSystem, pdu.requesterPort)
      if (side) side.markers++
      else this.markerOnly++
      return undefined
    }
    s.lacpdus++
    // Fast path: the capture layer hands the same decoded object for byte-identical repeats, so
    // nothing in the tuples can have changed — only timing and counters.
    let again: Side | undefined
    for (let i = 0; i < 16; i++) {
      if (this.recentPdu[i] === pdu) {
        again = this.recentSide[i]
        break
      }
    }
    if (again !== undefined && again.lastPdu === pdu) {
      this.repeat(again, o, pdu)
      return again
    }
    const a = pdu.actor
    let side = this.findSide(a.system, a.port)
    if (side === undefined) {
      side = new Side(o, pdu)
      let ports = this.sides.get(a.system)
      if (ports === undefined) this.sides.set(a.system, (ports = new Map<number, Side>()))
      ports.set(a.port, side)
      this.order.push(side)
      this.snapshot(side, o, pdu)
    } else {
      const gap = o.time - side.lastTime
      if (gap >= 0) this.gap(side, gap, o.frame)
      const prevA = side.actor
      const prevP = side.partner
      const actorChanged = !tupleEqual(prevA, a) || ((prevA.state ^ a.state) & (ACT | TMO | AGG | SYNC)) !== 0
      if (actorChanged) {
        side.actorSinceTime = o.time
        side.actorSinceFrame = o.frame
      }
      if (actorChanged || prevA.state !== a.state || !tupleEqual(prevP, pdu.partner) || prevP.state !== pdu.partner.state) {
        if (prevP.port !== pdu.partner.port || prevP.system !== pdu.partner.system) side.names = undefined
        side.actor = copyInfo(a)
        side.partner = copyInfo(pdu.partner)
        this.snapshot(side, o, pdu)
      }
      side.lastFrame = o.frame
      side.lastTime = o.time
    }
    this.naming(side, pdu)
    side.lastPdu = pdu
    side.lastActor = pdu.actor
    side.lastPartner = pdu.partner
    this.recentPdu[this.recentNext] = pdu
    this.recentSide[this.recentNext] = side
    this.recentNext = (this.recentNext + 1) & 15
    this.common(side, o, pdu)
    return side
  }

  /**
   * add() for a LACPDU whose `actor` and `partner` are the very objects of the last LACPDU added to
   * `ref` (a capture reader that keeps each sender's decoded tuples hands them again while they do not
   * change): nothing in the tuples can have changed, so no side lookup and no comparison — only timing
   * and counters. Anything else (other objects, a Marker PDU, no ref) goes through add(). Returns the side.
   */
  addRepeat(o: LacpObservation, ref: SideRef | undefined): SideRef | undefined {
    const side = ref as Side | undefined
    const pdu = o.pdu
    if (side === undefined || pdu.subtype !== 1 || pdu.actor !== side.lastActor || pdu.partner !== side.lastPartner) return this.add(o)
    const s = this.summary
    s.slowFrames++
    if (s.firstTime === null || o.time < s.firstTime) s.firstTime = o.time
    if (s.lastTime === null || o.time > s.lastTime) s.lastTime = o.time
    s.lacpdus++
    side.lastPdu = pdu
    this.repeat(side, o, pdu)
    return side
  }

  /** A LACPDU of `side` with the tuples of its previous one: what add() does when nothing changed. */
  private repeat(side: Side, o: LacpObservation, pdu: LacpPduLike): void {
    const gap = o.time - side.lastTime
    if (gap >= 0) this.gap(side, gap, o.frame)
    side.lastFrame = o.frame
    side.lastTime = o.time
    this.naming(side, pdu)
    this.common(side, o, pdu)
  }

  /** side.partner is pdu.partner's tuple here: the side it names is looked up until heard, then kept. */
  private naming(side: Side, pdu: LacpPduLike): void {
    let named = side.names
    if (named === undefined) named = side.names = this.findSide(pdu.partner.system, pdu.partner.port)
    if (named !== undefined && named !== side) named.namedBy = side
  }

  private common(side: Side, o: LacpObservation, pdu: LacpPduLike): void {
    side.pdus++
    if (pdu.issues.length) side.issues++
    if (pdu.actor.state & ACT) side.seenActive++
    else side.seenPassive++
    if (o.srcMac !== undefined && o.srcMac !== side.lastSrc) {
      side.macs.add(o.srcMac)
      side.lastSrc = o.srcMac
    }
    if (o.where !== side.lastWhere) {
      side.where.add(o.where)
      side.lastWhere = o.where
    }
    // 802.1AX-2014 §6.4.16: no more than three LACPDUs in any Fast_Periodic_Time (1 s)
    if (o.time - side.t3 < FAST) {
      side.rateViolations++
      if (side.rateFrames.length < this.opts.maxEvidence) side.rateFrames.push(o.frame)
    }
    side.t3 = side.t2
    side.t2 = side.t1
    side.t1 = o.time
  }

  /** The side with this actor system/port. */
  private findSide(system: string, port: number): Side | undefined {
    const ports = this.sides.get(system)
    return ports === undefined ? undefined : ports.get(port)
  }

  private snapshot(side: Side, o: LacpObservation, pdu: LacpPduLike): void {
    if (side.snapshots.length >= this.opts.maxSnapshots) {
      side.snapshotsDropped++
      return
    }
    side.snapshots.push({ frame: o.frame, time: o.time, actor: copyInfo(pdu.actor), partner: copyInfo(pdu.partner) })
  }

  /**
   * The period the receiver of `side`'s PDUs asked for, from the receiver's own actor TIMEOUT bit —
   * or 0 when the receiver has not been heard (then nobody asked for anything yet: no lateness).
   */
  private askedPeriod(side: Side): number {
    let other = side.other
    if (other !== undefined && other.actor.port === side.partner.port && other.actor.system === side.partner.system) {
      return other.actor.state & TMO ? FAST : SLOW
    }
    other = this.findSide(side.partner.system, side.partner.port)
    side.other = other !== side ? other : undefined
    if (other === undefined || other === side) other = side.namedBy
    if (other === undefined) return 0
    return other.actor.state & TMO ? FAST : SLOW
  }

  private gap(side: Side, gap: number, frame: number): void {
    side.gapCount++
    if (gap < side.gapMin) side.gapMin = gap
    if (gap > side.gapMax) {
      side.gapMax = gap
      side.gapMaxFrame = frame
    }
    const n = side.gapCount - 1
    if (n < MAX_EXACT_GAPS) {
      if (n >= side.gapsUs.length) {
        const next = new Uint32Array(Math.min(MAX_EXACT_GAPS, side.gapsUs.length * 2))
        next.set(side.gapsUs)
        side.gapsUs = next
      }
      side.gapsUs[n] = Math.min(0xffffffff, Math.round(gap * 1e6))
    }
    const bin = gap <= 0 ? 0 : Math.min(HIST_BINS - 1, Math.max(0, Math.floor((Math.log10(gap) - HIST_MIN) * BINS_PER_DECADE) + 1))
    side.hist[bin]!++
    const expected = this.askedPeriod(side)
    if (expected === 0) return
    // small allowance for timer jitter (Linux bonding ticks at 100 ms, OVS at its poll loop)
    if (gap > 1.5 * expected + 0.1) {
      side.late++
      if (gap > 3 * expected) side.expiring++
      if (side.lateFrames.length < this.opts.maxEvidence) {
        side.lateFrames.push({ frame, gap: round6(gap), expected })
        side.lateStarts.push(side.lastTime)
      }
    }
  }

  /**
   * Analyse what was added. `stop` says why reading ended early (a --count/--limit or --duration stop, an
   * interrupt): verdicts that rest on something *not* being seen are then only given when the capture
   * lasted long enough to see it; otherwise they say "too short to tell".
   */
  finish(stop?: StopInfo): LacpAnalysis {
    const links = this.pair()
    const ctx: VerdictContext = { end: Math.max(this.summary.lastTime ?? 0, stop?.endTime ?? 0), stop }
    const linkReports: LinkReport[] = []
    const verdicts: Verdict[] = []
    for (const [i, l] of links.entries()) {
      const id = `L${i + 1}`
      const r = this.linkReport(id, l)
      linkReports.push(r)
      const vs = linkVerdicts(r, l, this.opts.maxEvidence, ctx)
      r.verdicts = vs.map((v) => v.code)
      verdicts.push(...vs)
    }
    const lags = this.lagReports(linkReports, verdicts)
    if (this.summary.lacpdus === 0 && stop?.seconds !== undefined && stop.seconds < SLOW) {
      verdicts.push(makeVerdict('too-short', 'capture', 'capture',
        `no LACPDU in ${formatDuration(stop.seconds)} of capture (${stopText(stop)}): a port at the slow rate sends one every ${SLOW} s — too short to tell whether LACP runs`,
        [], { seconds: stop.seconds, needed: SLOW, stop: stop.reason }))
    } else if (this.summary.lacpdus === 0) {
      verdicts.push(makeVerdict('no-lacp', 'capture', 'capture',
        this.summary.markers > 0
          ? `no LACPDU in the capture (only ${plural(this.summary.markers, 'Marker PDU')}): LACP is off, or both ends are passive (a passive port never transmits first)`
          : 'no LACPDU in the capture: LACP is off on both ends, or both are passive (a passive port never transmits first), or the capture point does not see slow-protocol frames',
        [], { slowFrames: this.summary.slowFrames, frames: this.summary.frames }))
    }
    return { summary: { ...this.summary }, links: linkReports, lags, verdicts: sortVerdicts(verdicts) }
  }

  /** Pair sides into links: by the partner tuples they advertise, then by location for defaulted pairs. */
  private pair(): Side[][] {
    const links: Side[][] = []
    const used = new Set<Side>()
    for (const a of this.order) {
      if (used.has(a)) continue
      let b: Side | undefined
      const named = this.findSide(a.partner.system, a.partner.port)
      if (named && named !== a && !used.has(named)) b = named
      if (!b) {
        // someone who names a as partner
        for (const c of this.order) {
          if (c !== a && !used.has(c) && c.partner.system === a.actor.system && c.partner.port === a.actor.port) {
            b = c
            break
          }
        }
      }
      used.add(a)
      if (b) used.add(b)
      links.push(b ? [a, b] : [a])
    }
    // Two unanswered sides (both defaulted/zero partner) seen at the same single place are one wire.
    const single = links.filter((l) => l.length === 1 && isZeroPartner(l[0]!.partner))
    const merged = new Set<Side[]>()
    for (const l of single) {
      if (merged.has(l)) continue
      const place = placeKey(l[0]!)
      const mates = single.filter((m) => m !== l && !merged.has(m) && placeKey(m[0]!) === place && m[0]!.actor.system !== l[0]!.actor.system)
      if (place !== '' && mates.length === 1 && single.filter((m) => placeKey(m[0]!) === place).length === 2) {
        l.push(mates[0]![0]!)
        merged.add(mates[0]!)
      }
    }
    return links.filter((l) => !merged.has(l))
  }

  private linkReport(id: string, sides: Side[]): LinkReport {
    sides.forEach((s, i) => {
      s.label = i === 0 ? 'A' : 'B'
      s.linkId = id
    })
    const [a, b] = sides as [Side, Side | undefined]
    const label = b ? `${a.actor.system} port ${a.actor.port} <-> ${b.actor.system} port ${b.actor.port}` : `${a.actor.system} port ${a.actor.port} <-> (no PDU from partner)`
    const timeline = buildTimeline(sides)
    const conv = b ? convergence(a, b) : { negotiated: false, at: null, frame: null, flaps: 0, flapFrames: [] as number[], recoveries: 0 }
    const first = Math.min(...sides.map((s) => s.firstTime))
    const max = this.opts.maxTimeline
    return {
      id, label,
      sides: sides.map((s) => this.sideReport(s, sides.find((o) => o !== s))),
      negotiated: conv.negotiated,
      convergedAt: conv.at,
      convergedFrame: conv.frame,
      timeToConverge: conv.at === null ? null : round6(conv.at - first),
      flaps: conv.flaps,
      recoveries: conv.recoveries,
      flapFrames: conv.flapFrames.slice(0, this.opts.maxEvidence),
      timeline: timeline.slice(0, max),
      timelineDropped: Math.max(0, timeline.length - max),
      verdicts: [],
    }
  }

  private sideReport(s: Side, other: Side | undefined): SideReport {
    const st = s.actor.state
    const asked = other ? other.actor.state : s.partner.state
    const gaps: GapStats = {
      count: s.gapCount,
      min: s.gapCount ? round6(s.gapMin) : null,
      median: s.gapCount ? medianGap(s) : null,
      max: s.gapCount ? round6(s.gapMax) : null,
      maxFrame: s.gapCount ? s.gapMaxFrame : null,
      expectedPeriod: asked & TMO ? FAST : SLOW,
      late: s.late,
      expiring: s.expiring,
      lateFrames: s.lateFrames,
    }
    const where = dedupeWhere(s.where)
    return {
      label: s.label, id: s.id, system: s.actor.system, systemPriority: s.actor.systemPriority, port: s.actor.port,
      portPriority: s.actor.portPriority, key: s.actor.key, macs: [...s.macs], where,
      pdus: s.pdus, markers: s.markers, firstFrame: s.firstFrame, lastFrame: s.lastFrame, firstTime: s.firstTime, lastTime: s.lastTime,
      actor: s.actor, partner: s.partner,
      mode: st & ACT ? 'active' : 'passive', lacpTime: st & TMO ? 'fast' : 'slow',
      status: st & DEF ? 'defaulted' : st & EXP ? 'expired' : 'current',
      gaps, rateLimitViolations: s.rateViolations, rateLimitFrames: s.rateFrames, issues: s.issues,
    }
  }

  private lagReports(links: LinkReport[], verdicts: Verdict[]): LagReport[] {
    const groups = new Map<string, { system: string; key: number; sides: SideReport[]; links: string[] }>()
    for (const l of links) {
      for (const s of l.sides) {
        if (s.system === ZERO_SYSTEM) continue
        const k = `${s.system}|${s.key}`
        let g = groups.get(k)
        if (!g) groups.set(k, (g = { system: s.system, key: s.key, sides: [], links: [] }))
        g.sides.push(s)
        if (!g.links.includes(l.id)) g.links.push(l.id)
      }
    }
    const out: LagReport[] = []
    let n = 0
    for (const g of groups.values()) {
      const id = `G${++n}`
      const live = g.sides.filter((s) => !isZeroPartner(s.partner) && !(s.actor.state & DEF))
      const partnerSystems = uniq(live.map((s) => s.partner.system))
      const partnerKeys = uniq(live.map((s) => s.partner.key))
      const lag: LagReport = { id, system: g.system, key: g.key, members: g.sides.map((s) => s.id), links: g.links, partnerSystems, partnerKeys, verdicts: [] }
      const frames = g.sides.map((s) => s.lastFrame)
      if (g.sides.length > 1 && (partnerSystems.length > 1 || partnerKeys.length > 1)) {
        const what = partnerSystems.length > 1 ? `partner systems ${partnerSystems.join(', ')}` : `partner keys ${partnerKeys.join(', ')}`
        const v = makeVerdict('lag-partner-mismatch', 'lag', id,
          `members of LAG ${g.system} key ${g.key} see different partners: ${what} — they cannot aggregate together`,
          frames, { members: live.map((s) => ({ member: s.id, link: links.find((l) => l.sides.includes(s))?.id, partnerSystem: s.partner.system, partnerKey: s.partner.key, frame: s.lastFrame })) })
        verdicts.push(v)
        lag.verdicts.push(v.code)
      }
      out.push(lag)
    }
    return out
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)]
}

/** Median gap of a side: exact (to the microsecond) from the kept gaps, else from the histogram within min..max. */
function medianGap(s: Side): number {
  const n = s.gapCount
  if (n === 0) return 0
  if (n <= MAX_EXACT_GAPS) {
    const sorted = s.gapsUs.slice(0, n).sort()
    const mid = n >> 1
    const us = n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
    return round6(us / 1e6)
  }
  return Math.min(round6(s.gapMax), Math.max(round6(s.gapMin), histMedian(s.hist, n)))
}

function histMedian(hist: Uint32Array, n: number): number {
  let acc = 0
  const half = (n + 1) / 2
  for (let i = 0; i < hist.length; i++) {
    acc += hist[i]!
    if (acc >= half) return i === 0 ? 0 : round6(10 ** (HIST_MIN + (i - 0.5) / BINS_PER_DECADE))
  }
  return 0
}

export function isZeroPartner(p: PortInfo): boolean {
  return p.system === ZERO_SYSTEM
}

function placeKey(s: Side): string {
  const ws = [...s.where].map((w) => `${w.file ?? ''}|${w.interface ?? ''}|${w.ifIndex ?? ''}|${w.datapathId ?? ''}|${w.ofPort ?? ''}`)
  const u = uniq(ws)
  return u.length === 1 ? u[0]! : ''
}

function dedupeWhere(ws: Set<Where>): Where[] {
  const seen = new Map<string, Where>()
  for (const w of ws) {
    const k = JSON.stringify(w)
    if (!seen.has(k)) seen.set(k, w)
  }
  return [...seen.values()]
}

function stateChange(from: number, to: number): string {
  const parts: string[] = []
  for (const f of LACP_STATE_FLAGS) {
    const bit = LacpStateBit[f]
    if ((from ^ to) & bit) parts.push((to & bit ? '+' : '-') + f)
  }
  return parts.join(' ')
}

const TUPLE_FIELDS = ['systemPriority', 'system', 'key', 'portPriority', 'port'] as const

function buildTimeline(sides: Side[]): TimelineEvent[] {
  const events: TimelineEvent[] = []
  for (const s of sides) {
    let prev: Snapshot | undefined
    for (const snap of s.snapshots) {
      for (const of of ['actor', 'partner'] as const) {
        const cur = snap[of]
        const old = prev?.[of]
        if (!old || old.state !== cur.state) {
          const ev: TimelineEvent = { frame: snap.frame, time: snap.time, side: s.label, of, field: 'state', from: old ? old.state : null, to: cur.state }
          ev.change = stateChange(old ? old.state : 0, cur.state) || 'none'
          events.push(ev)
        }
        if (old) {
          for (const f of TUPLE_FIELDS) {
            if (old[f] !== cur[f]) events.push({ frame: snap.frame, time: snap.time, side: s.label, of, field: f, from: old[f], to: cur[f] })
          }
        }
      }
      prev = snap
    }
  }
  return events.sort((x, y) => x.time - y.time || x.frame - y.frame)
}

/** Walk both sides' change logs in time order; negotiated = both up and each partner view matches the other's actor. */
function convergence(a: Side, b: Side): { negotiated: boolean; at: number | null; frame: number | null; flaps: number; flapFrames: number[]; recoveries: number } {
  const merged = [...a.snapshots.map((s) => ({ s, side: a })), ...b.snapshots.map((s) => ({ s, side: b }))]
    .sort((x, y) => x.s.time - y.s.time || x.s.frame - y.s.frame)
  let curA: Snapshot | undefined
  let curB: Snapshot | undefined
  let up = false
  let at: number | null = null
  let frame: number | null = null
  let flaps = 0
  let recoveries = 0
  const flapFrames: number[] = []
  for (const { s, side } of merged) {
    if (side === a) curA = s
    else curB = s
    const now = curA !== undefined && curB !== undefined && isNegotiated(curA, curB)
    if (now && !up) {
      if (at === null) {
        at = s.time
        frame = s.frame
      } else recoveries++
    }
    if (!now && up) {
      flaps++
      flapFrames.push(s.frame)
    }
    up = now
  }
  return { negotiated: up, at, frame, flaps, flapFrames, recoveries }
}

function matches(view: PortInfo, actor: PortInfo): boolean {
  return tupleEqual(view, actor) && ((view.state ^ actor.state) & (ACT | TMO | AGG | SYNC)) === 0
}

function isNegotiated(a: Snapshot, b: Snapshot): boolean {
  return (a.actor.state & UP) === UP && (b.actor.state & UP) === UP && matches(a.partner, b.actor) && matches(b.partner, a.actor)
}

// -------------------------------------------------------------------------------------------------
// Verdicts per link

function linkVerdicts(r: LinkReport, sides: Side[], maxEvidence: number, ctx: VerdictContext): Verdict[] {
  const out: Verdict[] = []
  const id = r.id
  const [a, b] = sides as [Side, Side | undefined]
  const name = (s: Side) => `${s.label} (${s.actor.system} port ${s.actor.port})`
  const frames = (s: Side) => uniq([s.firstFrame, s.lastFrame])

  const self = sides.find((s) => s.partner.system === s.actor.system && s.partner.system !== ZERO_SYSTEM)
  if (b && a.actor.system === b.actor.system) {
    out.push(makeVerdict('loopback', 'link', id, `both ends of the link belong to system ${a.actor.system} (ports ${a.actor.port} and ${b.actor.port}): the link is looped back to its own system (OVS: "Loopback detected")`,
      [a.firstFrame, b.firstFrame], { system: a.actor.system, ports: [a.actor.port, b.actor.port] }))
  } else if (self) {
    out.push(makeVerdict('loopback', 'link', id, `${name(self)} sees its own system ${self.actor.system} as partner: the port is connected to its own system (OVS: "Loopback detected")`,
      [self.lastFrame], { side: self.label, system: self.actor.system, partnerSystem: self.partner.system, partnerPort: self.partner.port }))
  }

  // A side alone: its partner sends at least once per period A asks for (A's Timeout bit), and at once
  // when A's PDU changes what it knows. Seeing nothing means something only after that period.
  const asked = (a.actor.state & TMO) !== 0 ? FAST : SLOW
  const watched = ctx.end - a.firstTime
  if (!b && watched < asked) {
    out.push(makeVerdict('too-short', 'link', id,
      `too short to tell: ${name(a)} was watched for ${formatDuration(watched)}${ctx.stop ? ` (${stopText(ctx.stop)})` : ''}, less than the ${asked} s period it asks its partner for — capture longer to tell a silent partner from a slow one`,
      frames(a), { side: 'A', watched: round6(watched), needed: asked, stop: ctx.stop?.reason ?? null, pdus: a.pdus }))
  } else if (!b) {
    const p = a.partner
    const neverHeard = isZeroPartner(p) || (a.actor.state & DEF) !== 0
    out.push(makeVerdict('one-way', 'link', id, neverHeard
      ? `partner never answered in ${formatDuration(watched)}: only ${name(a)} transmits (${plural(a.pdus, 'LACPDU')}), and it is ${a.actor.state & DEF ? 'defaulted' : 'using an all-zero partner'} — the partner runs no LACP, is passive while we are passive, or its PDUs are dropped`
      : `only ${name(a)} was captured (${plural(a.pdus, 'LACPDU')}) though it has heard partner ${p.system} port ${p.port}: the capture sees one direction only`,
      frames(a), { side: 'A', partnerSystem: p.system, partnerPort: p.port, partnerState: p.state, actorState: a.actor.state, pdus: a.pdus }))
    if ((a.actor.state & ACT) === 0 && neverHeard) {
      out.push(makeVerdict('both-passive', 'link', id, `${name(a)} is passive and its partner is silent: a passive partner would never answer`, frames(a), { side: 'A', actorState: a.actor.state }))
    }
  } else {
    if ((a.actor.state & ACT) === 0 && (b.actor.state & ACT) === 0) {
      out.push(makeVerdict('both-passive', 'link', id, `both ends are passive (Activity bit clear on ${name(a)} and ${name(b)}): neither starts or keeps up the exchange`,
        [a.lastFrame, b.lastFrame], { stateA: a.actor.state, stateB: b.actor.state }))
    }
    for (const [s, o] of [[a, b], [b, a]] as const) {
      if (isZeroPartner(s.partner) || (s.actor.state & DEF) !== 0) {
        out.push(makeVerdict('partner-defaulted', 'link', id,
          `${name(s)} ${s.actor.state & DEF ? 'is defaulted' : 'reports an all-zero partner'} although ${name(o)} sends LACPDUs (${o.pdus}): its receiver does not get or accept them`,
          [s.lastFrame, o.lastFrame], { side: s.label, actorState: s.actor.state, partnerSystem: s.partner.system, otherPdus: o.pdus }))
        continue
      }
      // stale view: s's partner tuple differs from o's actual actor tuple, although s transmitted after o's change
      if (s.lastTime > o.actorSinceTime) {
        const diffs: { field: string; seen: number | string; actual: number | string }[] = []
        for (const f of TUPLE_FIELDS) if (s.partner[f] !== o.actor[f]) diffs.push({ field: `partner.${f}`, seen: s.partner[f], actual: o.actor[f] })
        for (const f of ['activity', 'timeout', 'aggregation', 'synchronization'] as const) {
          const bit = LacpStateBit[f]
          if ((s.partner.state ^ o.actor.state) & bit) diffs.push({ field: `partner.state.${f}`, seen: (s.partner.state & bit) ? 1 : 0, actual: (o.actor.state & bit) ? 1 : 0 })
        }
        const tupleDiffs = diffs.filter((d) => !d.field.startsWith('partner.state'))
        if (tupleDiffs.length > 0 || (diffs.length > 0 && s.lastTime - o.actorSinceTime > 3)) {
          const text = diffs.map((d) => `${ovsField(d.field)} ${d.seen} vs ${d.actual}`).join(', ')
          out.push(makeVerdict('stale-partner', 'link', id,
            `${name(s)} has a stale view of ${name(o)}: ${text} (what ${s.label} reports vs what ${o.label} sends since frame ${o.actorSinceFrame})`,
            [o.actorSinceFrame, s.lastFrame], { side: s.label, differences: diffs }))
        }
      }
    }
  }

  for (const s of sides) {
    if ((s.actor.state & AGG) === 0) {
      out.push(makeVerdict('individual', 'link', id, `${name(s)} has the Aggregation bit off: it is an individual link and will not join a LAG (OVS sets it only for bonds of more than one member)`,
        [s.lastFrame], { side: s.label, actorState: s.actor.state }))
    }
  }

  // late PDUs and rates
  for (const s of sides) {
    const o = sides.find((x) => x !== s)
    const asked = (o ? o.actor.state : s.partner.state) & TMO ? FAST : SLOW
    if (s.expiring > 0) {
      const exp = o ? expiredAfter(o, s.lateStarts) : []
      out.push(makeVerdict('late-pdus', 'link', id,
        `${name(s)} left ${plural(s.expiring, 'gap')} longer than 3 × the ${s.lateFrames.find((x) => x.gap > 3 * x.expected)?.expected ?? asked} s period its partner asked for (longest ${formatDuration(s.gapMax)}, before frame ${s.gapMaxFrame}): the partner's receive timer expires${exp.length ? ` (${o!.label} shows Expired/Defaulted at frame ${exp[0]})` : ''}`,
        [...s.lateFrames.filter((x) => x.gap > 3 * x.expected).map((x) => x.frame).slice(0, maxEvidence), ...exp.slice(0, 3)],
        { side: s.label, askedPeriod: asked, expiring: s.expiring, late: s.late, maxGap: round6(s.gapMax), lateGaps: s.lateFrames }))
    }
  }
  if (b) {
    const ta = a.actor.state & TMO
    const tb = b.actor.state & TMO
    const ignoring = sides.filter((s) => {
      const o = s === a ? b : a
      const med = medianGap(s)
      return (o.actor.state & TMO) !== 0 && s.gapCount >= 2 && med > 3 * FAST
    })
    if (ignoring.length > 0) {
      const s = ignoring[0]!
      out.push(makeVerdict('fast-slow-mismatch', 'link', id,
        `${name(s)} transmits every ${formatDuration(medianGap(s))} (median) although its partner asked for fast (1 s) LACPDUs`,
        [s.firstFrame, s.lastFrame], { side: s.label, medianGap: medianGap(s), askedPeriod: FAST, lacpTimeA: ta ? 'fast' : 'slow', lacpTimeB: tb ? 'fast' : 'slow' }))
    } else if (ta !== tb) {
      out.push(makeVerdict('fast-slow-mismatch', 'link', id,
        `lacp_time differs: ${name(a)} is ${ta ? 'fast' : 'slow'}, ${name(b)} is ${tb ? 'fast' : 'slow'} — legal, but detection times differ per direction (3 s vs 90 s) and some switches refuse it`,
        [a.lastFrame, b.lastFrame], { lacpTimeA: ta ? 'fast' : 'slow', lacpTimeB: tb ? 'fast' : 'slow' }))
    }
  }
  if (r.recoveries > 0) {
    out.push(makeVerdict('flapping', 'link', id, `the link left the negotiated state ${plural(r.flaps, 'time')} after converging and came back ${plural(r.recoveries, 'time')}`, r.flapFrames, { flaps: r.flaps, recoveries: r.recoveries }))
  }
  for (const s of sides) {
    if (s.rateViolations > 0) {
      out.push(makeVerdict('rate-limit', 'link', id, `${name(s)} sent more than 3 LACPDUs within 1 s ${plural(s.rateViolations, 'time')} (802.1AX-2014 §6.4.16)`,
        s.rateFrames, { side: s.label, violations: s.rateViolations }))
    }
  }

  const hasError = out.some((v) => v.severity === 'error')
  if (b && r.negotiated && !hasError) {
    out.push(makeVerdict('negotiated', 'link', id,
      `both ends in sync, collecting and distributing, each partner view matches the other's actor${r.timeToConverge !== null ? ` (converged ${formatDuration(r.timeToConverge)} after the first PDU)` : ''}`,
      r.convergedFrame !== null ? [r.convergedFrame] : [], { timeToConverge: r.timeToConverge, flaps: r.flaps }))
  } else if (b && !r.negotiated && !hasError) {
    const missing: string[] = []
    for (const s of sides) {
      const f = stateFlags(s.actor.state)
      const lack = (['synchronization', 'collecting', 'distributing'] as const).filter((k) => !f[k])
      if (lack.length) missing.push(`${s.label} is not ${lack.map((k) => (k === 'synchronization' ? 'synchronized' : k)).join(', ')}`)
    }
    out.push(makeVerdict('not-negotiated', 'link', id, `not negotiated ${ctx.stop ? `when reading stopped (${stopText(ctx.stop)})` : 'at the end of the capture'}${missing.length ? `: ${missing.join('; ')}` : ''}`,
      [a.lastFrame, b.lastFrame], { stateA: a.actor.state, stateB: b.actor.state }))
  }
  return sortVerdicts(out)
}

/** Why reading stopped before the end of the input. */
export interface StopInfo {
  reason: 'count' | 'duration' | 'interrupted'
  /** The --count value for a count stop. */
  count?: number
  /** Seconds of live capture, when known. */
  seconds?: number
  /** When the capture stopped (seconds since the epoch), when later than the last PDU: the time watched. */
  endTime?: number
}

interface VerdictContext {
  /** Time of the last PDU in the capture. */
  end: number
  stop: StopInfo | undefined
}

export function stopText(s: StopInfo): string {
  if (s.reason === 'count') return `reading stopped after --count ${s.count}`
  if (s.reason === 'duration') return `capture stopped after --duration ${s.seconds} s`
  return 'capture interrupted'
}

/** JSON field path → the `ovs-appctl lacp/show` name used in text ("partner.systemPriority" → "sys_priority"). */
export function ovsField(field: string): string {
  const f = field.replace(/^(partner|actor)\./, '')
  const names: Record<string, string> = {
    systemPriority: 'sys_priority', system: 'sys_id', key: 'key', portPriority: 'port_priority', port: 'port_id',
    'state.activity': 'activity', 'state.timeout': 'timeout', 'state.aggregation': 'aggregation', 'state.synchronization': 'synchronized',
  }
  return names[f] ?? f
}

/** Frames at which `side` shows Expired or Defaulted after the first late gap started. */
function expiredAfter(side: Side, lateStarts: number[]): number[] {
  if (lateStarts.length === 0) return []
  const from = lateStarts[0]!
  return side.snapshots.filter((s) => s.time > from && (s.actor.state & (EXP | DEF)) !== 0).map((s) => s.frame)
}

export type { VerdictCode }
