// Selection as a switch does it, for one bond (link aggregation group): IEEE 802.1AX-2014 §6.4.14
// (Selection Logic: which ports attach to the aggregator, which are active and which wait as
// standby), with the observable rules of Open vSwitch lib/lacp.c (`lacp_update_attached`: a lead
// member, partner system and key agreement with the lead, loopback detection, `lacp-fallback-ab`),
// OVS lib/bond.c (`bond_check_admissibility`: no ingress on a member that may not carry traffic) and
// Faucet's roles and cross-datapath nomination (faucet/port.py LACP_PORT_*, faucet/valve_switch_stack.py
// `get_lacp_dpid_nomination`).
//
// Pure: `selectBond` maps a snapshot of the members and `now` (ms, from an injected clock) to a
// decision; `BondSelector` keeps the snapshot between PDUs and reports what changed. No I/O, no timers:
// the caller re-evaluates at `nextChangeAt` (the controller-side expiry, 3 × the partner's period).
import { LacpStateBit } from './state.js'
import type { LacpPortInfo } from './lacpdu.js'
import { SHORT_TIMEOUT_TIME } from './constants.js'
import { macFromNumber } from './lacpdu.js'

/** One side's LACP information as a PDU carries it (802.1AX-2014 §6.4.2.3), `system` as a 48-bit number. */
export type PartnerInfo = LacpPortInfo<number>

export interface SelectionConfig {
  /** Our system priority and system ID (MAC as a 48-bit number): who decides standby order, and loopback detection. */
  systemPriority: number
  system: number
  /** Our aggregation key for this bond. */
  key: number
  /** At most this many members carry traffic; the rest are standby. 0 = no limit. */
  maxActive: number
  /** Below this many active members the whole bond stops forwarding (≥ 1). */
  minLinks: number
  /** OVS `lacp-fallback-ab`: when the partner is silent on every member, one member carries traffic. */
  fallbackAb: boolean
  /**
   * Whether a standby member advertises Synchronization (default true: in sync, but neither collecting
   * nor distributing). With false a standby member advertises out of sync, as the 802.1AX mux machine
   * does for a port left WAITING.
   */
  standbySync?: boolean
  /** How long an expired member stays expired before it is defaulted (ms; 802.1AX short timeout, 3 s). */
  expiredHoldMs?: number
}

/** What the selection needs to know about one member. */
export interface MemberSnapshot {
  /** Unique within the bond, e.g. `"1:3"` (datapath index and OpenFlow port). */
  id: string
  /** Index of the member's datapath within the bond (0 for a bond on one switch). */
  dp: number
  /** Port ID and priority we advertise for this member. */
  portId: number
  portPriority: number
  /** Carrier (OFPT_PORT_STATUS / port description): false = the link is down. */
  linkUp: boolean
  /** The actor TLV of the last LACPDU received on this member; null when none was received (or forgotten). */
  partner: PartnerInfo | null
  /** ms (on the injected clock) of that PDU; -Infinity when none. */
  lastRx: number
  /** 3 × the period at which the partner transmits to us (3000 ms fast, 90000 ms slow). */
  rxTimeoutMs: number
  /** A status kept by the caller's own receive machine; when given it replaces the one derived from `lastRx`. */
  status?: MemberStatus
}

export type MemberStatus = 'current' | 'expired' | 'defaulted'
/** Faucet's port roles: on the nominated datapath and active, waiting, or not used. */
export type MemberRole = 'selected' | 'standby' | 'unselected'

export interface MemberDecision {
  id: string
  status: MemberStatus
  /** Passed the attach checks (link up, partner current, agrees with the lead); OVS's "attached". */
  attached: boolean
  role: MemberRole
  /** Why the member is not forwarding (detached, standby, unselected, bond below min-links); null when forwarding. */
  reason: string | null
  /** Actor state bits to advertise on this member. */
  sync: boolean
  collecting: boolean
  distributing: boolean
  /** May carry traffic both ways; when false, ingress on the member is dropped. */
  forwarding: boolean
  /** The partner said it is in sync (and its information is current). */
  partnerSync: boolean
}

export interface BondDecision {
  members: MemberDecision[]
  /** The bond carries traffic (min-links met, or fallback in effect). */
  forwarding: boolean
  /** Why not, when it does not. */
  reason: string | null
  /** Number of forwarding members. */
  active: number
  /** Id of the lead member whose partner system/key the others must match (null: no current member). */
  lead: string | null
  /** The datapath whose members are used (MC-LAG); null when no member is attached. */
  nominatedDp: number | null
  /** `fallbackAb` took over: the partner is silent and one member forwards without LACP. */
  fallback: boolean
  /** Earliest time (ms) at which a member's status expires by itself; Infinity when none will. */
  nextChangeAt: number
}

const SYNC = LacpStateBit.synchronization
const AGGREGATION = LacpStateBit.aggregation
const DEFAULT_EXPIRED_HOLD_MS = SHORT_TIMEOUT_TIME * 1000

/** Status from the age of the last PDU: current within the rx timeout, expired for a further short timeout, then defaulted (OVS lib/lacp.c). */
export function memberStatus(m: MemberSnapshot, now: number, expiredHoldMs = DEFAULT_EXPIRED_HOLD_MS): MemberStatus {
  if (!m.partner || m.lastRx === -Infinity) return 'defaulted'
  const age = now - m.lastRx
  if (age <= m.rxTimeoutMs) return m.linkUp ? 'current' : 'expired'
  if (age <= m.rxTimeoutMs + expiredHoldMs) return 'expired'
  return 'defaulted'
}

/** Lexicographic order of (system priority, system): the lower System Identifier is the better one (802.1AX-2014 §6.3.2). */
function compareSystem(aPrio: number, aSys: number, bPrio: number, bSys: number): number {
  return aPrio - bPrio || aSys - bSys
}

/**
 * Decide the bond. `prev` carries the previous nomination so that a tie between datapaths does not
 * move the bond (no flap when counts are equal).
 */
export function selectBond(cfg: SelectionConfig, members: readonly MemberSnapshot[], now: number, prev?: { nominatedDp: number | null }): BondDecision {
  const hold = cfg.expiredHoldMs ?? DEFAULT_EXPIRED_HOLD_MS
  const standbySync = cfg.standbySync ?? true
  const out: MemberDecision[] = members.map((m) => ({
    id: m.id,
    status: m.status ?? memberStatus(m, now, hold),
    attached: false,
    role: 'unselected',
    reason: null,
    sync: false,
    collecting: false,
    distributing: false,
    forwarding: false,
    partnerSync: false,
  }))
  let nextChangeAt = Infinity
  members.forEach((m, i) => {
    const d = out[i] as MemberDecision
    if (d.status === 'current') nextChangeAt = Math.min(nextChangeAt, m.lastRx + m.rxTimeoutMs + 1)
    else if (d.status === 'expired' && m.linkUp) nextChangeAt = Math.min(nextChangeAt, m.lastRx + m.rxTimeoutMs + hold + 1)
    d.partnerSync = d.status === 'current' && ((m.partner?.state ?? 0) & SYNC) !== 0
  })

  // The lead (OVS lacp_update_attached): among current members whose partner is not ourselves, prefer
  // those whose partner is in sync, then the best partner system, then our best port.
  let lead = -1
  members.forEach((m, i) => {
    const d = out[i] as MemberDecision
    if (d.status !== 'current' || !m.partner || isLoopback(cfg, m.partner)) return
    if (lead < 0) return void (lead = i)
    const l = members[lead] as MemberSnapshot
    const ld = out[lead] as MemberDecision
    const lp = l.partner as PartnerInfo
    const better =
      Number(ld.partnerSync) - Number(d.partnerSync) ||
      compareSystem(m.partner.systemPriority, m.partner.system, lp.systemPriority, lp.system) ||
      m.partner.key - lp.key ||
      m.portPriority - l.portPriority ||
      m.portId - l.portId
    if (better < 0) lead = i
  })
  const leadPartner = lead >= 0 ? ((members[lead] as MemberSnapshot).partner as PartnerInfo) : null

  // Attach checks, in the order a reader would look for the fault.
  members.forEach((m, i) => {
    const d = out[i] as MemberDecision
    const p = m.partner
    if (!m.linkUp) d.reason = 'link down'
    else if (d.status === 'defaulted') d.reason = 'no LACPDU received'
    else if (d.status === 'expired') d.reason = `partner timed out (no LACPDU for ${m.rxTimeoutMs / 1000} s)`
    else if (!p) d.reason = 'no LACPDU received'
    else if (isLoopback(cfg, p)) d.reason = 'loopback: the partner is this system'
    else if ((p.state & AGGREGATION) === 0) d.reason = 'partner is individual (aggregation bit clear)'
    else if (leadPartner && (p.system !== leadPartner.system || p.key !== leadPartner.key)) {
      d.reason = `partner ${macFromNumber(p.system)} key ${p.key} differs from the lead's ${macFromNumber(leadPartner.system)} key ${leadPartner.key}`
    } else d.attached = true
  })

  // Fallback (OVS lacp-fallback-ab): the partner is silent on every member → one link-up member forwards.
  const anyCurrent = out.some((d) => d.status === 'current')
  if (cfg.fallbackAb && !anyCurrent) {
    let pick = -1
    members.forEach((m, i) => {
      if (!m.linkUp) return
      const p = pick >= 0 ? (members[pick] as MemberSnapshot) : undefined
      if (!p || m.portPriority < p.portPriority || (m.portPriority === p.portPriority && m.portId < p.portId)) pick = i
    })
    for (const d of out) {
      if (d.reason !== 'link down') {
        d.role = 'standby'
        d.reason = 'fallback active-backup: another member carries traffic while the partner is silent'
      }
    }
    if (pick >= 0) {
      const d = out[pick] as MemberDecision
      Object.assign(d, { role: 'selected', reason: null, sync: true, collecting: true, distributing: true, forwarding: true })
      return { members: out, forwarding: true, reason: null, active: 1, lead: null, nominatedDp: (members[pick] as MemberSnapshot).dp, fallback: true, nextChangeAt }
    }
    return { members: out, forwarding: false, reason: 'no member with link up (fallback active-backup)', active: 0, lead: null, nominatedDp: null, fallback: true, nextChangeAt }
  }

  // MC-LAG: the datapath with most attached members is nominated (ties keep the previous one, then the
  // lowest index); attached members elsewhere are unselected and advertised out of sync.
  const perDp = new Map<number, number>()
  members.forEach((m, i) => {
    if ((out[i] as MemberDecision).attached) perDp.set(m.dp, (perDp.get(m.dp) ?? 0) + 1)
  })
  let nominatedDp: number | null = null
  for (const [dp, n] of perDp) {
    const best = nominatedDp === null ? -1 : (perDp.get(nominatedDp) as number)
    if (n > best || (n === best && (dp === prev?.nominatedDp || (nominatedDp !== prev?.nominatedDp && dp < (nominatedDp as number))))) nominatedDp = dp
  }
  const multiDp = new Set(members.map((m) => m.dp)).size > 1

  // Who orders the standby list: the system with the better System Identifier (802.1AX-2014 §6.4.14.1
  // note, OVS compares the actor and partner tuples the same way); its port priorities and ids decide.
  const weDecide = !leadPartner || compareSystem(cfg.systemPriority, cfg.system, leadPartner.systemPriority, leadPartner.system) <= 0
  const candidates: number[] = []
  members.forEach((m, i) => {
    const d = out[i] as MemberDecision
    if (!d.attached) return
    if (multiDp && m.dp !== nominatedDp) {
      d.reason = `MC-LAG: datapath #${m.dp + 1} is not nominated (${perDp.get(m.dp)} attached member(s) here, ${perDp.get(nominatedDp as number)} on datapath #${(nominatedDp as number) + 1})`
      return
    }
    candidates.push(i)
  })
  const rank = (i: number): [number, number] => {
    const m = members[i] as MemberSnapshot
    return weDecide || !m.partner ? [m.portPriority, m.portId] : [m.partner.portPriority, m.partner.port]
  }
  candidates.sort((a, b) => {
    const ra = rank(a), rb = rank(b)
    return ra[0] - rb[0] || ra[1] - rb[1] || a - b
  })
  candidates.forEach((i, n) => {
    const d = out[i] as MemberDecision
    if (cfg.maxActive > 0 && n >= cfg.maxActive) {
      d.role = 'standby'
      d.sync = standbySync
      d.reason = `standby: max-active ${cfg.maxActive}`
    } else {
      d.role = 'selected'
      d.sync = true
    }
  })

  let active = 0
  for (const d of out) if (d.role === 'selected' && d.partnerSync) active++
  const minLinks = Math.max(1, cfg.minLinks)
  let reason: string | null = null
  if (active < minLinks) {
    reason = minLinks > 1 ? `min-links ${minLinks} not met: ${active} member(s) active` : 'no active member'
    for (const d of out) {
      if (d.role !== 'selected') continue
      if (minLinks > 1) {
        // The whole bond is down: tell the partner (out of sync) so it stops using the members too.
        d.sync = false
        d.reason = reason
      } else if (!d.partnerSync) d.reason = 'waiting for the partner to synchronize'
    }
    for (const d of out) if (d.role === 'standby' && minLinks > 1) d.sync = false
    return { members: out, forwarding: false, reason, active: 0, lead: lead >= 0 ? (out[lead] as MemberDecision).id : null, nominatedDp, fallback: false, nextChangeAt }
  }
  for (const d of out) {
    if (d.role === 'selected' && d.partnerSync) {
      d.collecting = d.distributing = d.forwarding = true
      d.reason = null
    } else if (d.role === 'selected') d.reason = 'waiting for the partner to synchronize'
  }
  return { members: out, forwarding: true, reason, active, lead: lead >= 0 ? (out[lead] as MemberDecision).id : null, nominatedDp, fallback: false, nextChangeAt }
}

function isLoopback(cfg: SelectionConfig, p: PartnerInfo): boolean {
  return cfg.system !== 0 && p.system === cfg.system
}

/** Actor state octet bits for a decision (ACTIVITY/TIMEOUT/DEFAULTED/EXPIRED are the caller's). */
export function decisionStateBits(d: MemberDecision): number {
  let s = AGGREGATION
  if (d.sync) s |= SYNC
  if (d.collecting) s |= LacpStateBit.collecting
  if (d.distributing) s |= LacpStateBit.distributing
  return s
}

/**
 * A bond's members between PDUs, on an injected clock: `rx` records a LACPDU, `link` a carrier change,
 * `evaluate` decides and reports which members changed role, status or forwarding since last time.
 */
export class BondSelector {
  readonly members: MemberSnapshot[]
  private readonly byId = new Map<string, MemberSnapshot>()
  private last: BondDecision | undefined
  /** Per member: forwarding ↔ not forwarding transitions so far. */
  readonly stateChanges = new Map<string, number>()

  constructor(
    public cfg: SelectionConfig,
    members: readonly Omit<MemberSnapshot, 'partner' | 'lastRx'>[],
    private readonly clock: { now(): number },
  ) {
    this.members = members.map((m) => ({ ...m, partner: null, lastRx: -Infinity }))
    for (const m of this.members) {
      this.byId.set(m.id, m)
      this.stateChanges.set(m.id, 0)
    }
  }

  member(id: string): MemberSnapshot | undefined {
    return this.byId.get(id)
  }

  /** A valid LACPDU arrived on `id` carrying the partner's actor information. */
  rx(id: string, partner: PartnerInfo, rxTimeoutMs?: number): void {
    const m = this.byId.get(id)
    if (!m) return
    m.partner = { ...partner }
    m.lastRx = this.clock.now()
    if (rxTimeoutMs !== undefined) m.rxTimeoutMs = rxTimeoutMs
  }

  /** Carrier change. Link down forgets the partner at once (no waiting for the rx timeout). */
  link(id: string, up: boolean): void {
    const m = this.byId.get(id)
    if (!m) return
    m.linkUp = up
    if (!up && m.partner) m.partner = { ...m.partner, state: m.partner.state & ~SYNC }
  }

  /** Forget what the partner said on `id` (e.g. the liveness flow idled out: link loss). */
  expire(id: string): void {
    const m = this.byId.get(id)
    if (!m || !m.partner) return
    m.lastRx = Math.min(m.lastRx, this.clock.now() - m.rxTimeoutMs - 1)
    m.partner = { ...m.partner, state: m.partner.state & ~SYNC }
  }

  get decision(): BondDecision | undefined {
    return this.last
  }

  evaluate(): { decision: BondDecision; changed: MemberDecision[] } {
    const decision = selectBond(this.cfg, this.members, this.clock.now(), this.last ? { nominatedDp: this.last.nominatedDp } : undefined)
    const changed: MemberDecision[] = []
    decision.members.forEach((d, i) => {
      const before = this.last?.members[i]
      if (!before || before.role !== d.role || before.status !== d.status || before.forwarding !== d.forwarding || before.sync !== d.sync || before.reason !== d.reason) changed.push(d)
      if (before ? before.forwarding !== d.forwarding : d.forwarding) this.stateChanges.set(d.id, (this.stateChanges.get(d.id) ?? 0) + 1)
    })
    this.last = decision
    return { decision, changed }
  }
}
