// The controller's LACP state, per bond member: IEEE 802.1AX-2014 §6.4 (receive, periodic transmit,
// selection), in the shape of Open vSwitch's lib/lacp.c (`lacp_process_packet`, `lacp_run`, member
// status CURRENT/EXPIRED/DEFAULTED, NTT) and with the observable behaviour of Ryu's lacplib
// (ryu/lib/lacplib.py). Pure: no sockets, no timers — the caller passes `now` (ms) and sends what
// `buildReply` describes. Time comes from an injected Clock in the app (clock.ts).
//
// Two profiles:
// - `ryu`: Ryu lacplib parity. Actor = a mirror of the partner (key, timeout, aggregation, sync,
//   collecting, distributing echoed; passive; sys priority 0xffff, port priority 0xff). A member is
//   enabled by any LACPDU and disabled by link-loss (FlowRemoved idle-timeout, or our rx timer).
// - `standard`: 802.1AX actor semantics. Own key per bond; SYNC/COLLECTING/DISTRIBUTING only for
//   selected members; a member is selected when its partner is current, not ourselves (loopback) and
//   agrees (system, key) with the bond's lead member; enabled = selected and partner in sync (OVS
//   `may_enable`). The selection itself (lead, agreement, max-active/standby, min-links,
//   fallback-ab, MC-LAG nomination across datapaths) is src/lacp/selection.ts; this machine feeds it
//   the members' status and applies its decision to the actor state bits.
import { LacpStateBit } from './state.js'
import { selectBond, type BondDecision, type MemberRole, type MemberSnapshot, type SelectionConfig } from './selection.js'
import type { LacpPortInfo } from './lacpdu.js'
import { FAST_PERIODIC_TIME, SLOW_PERIODIC_TIME, SHORT_TIMEOUT_TIME, LONG_TIMEOUT_TIME } from './constants.js'

export type LacpProfile = 'ryu' | 'standard'
export type LacpMode = 'active' | 'passive'
export type LacpRate = 'fast' | 'slow'
export type MemberStatus = 'current' | 'expired' | 'defaulted'

/** One side's LACP information (the actor or partner TLV body), `system` as a 48-bit integer. */
export type LacpInfo = LacpPortInfo<number>

/** What the machine needs from a received LACPDU (a `LacpPeek` is one; extra TLVs are ignored). */
export interface ReceivedPdu {
  actor: LacpInfo
  partner: LacpInfo
}

export interface MemberCounters {
  rxPdus: number
  txPdus: number
  rxBad: number
  rxMarker: number
  txMarkerResponse: number
  expirations: number
  defaulted: number
  /** enabled ↔ disabled transitions. */
  stateChanges: number
}

/** What decides the actor information a member sends: the bond's configuration. */
export interface ActorConfig<System extends string | number = number> {
  profile: LacpProfile
  mode: LacpMode
  /** Our TIMEOUT bit (the rate we ask the partner to send at); undefined = mirror the partner (Ryu). */
  rate?: LacpRate
  systemPriority: number
  /** Our system ID (the switch's LOCAL port MAC, as Ryu uses); 0 until known. */
  system: System
  /** `standard`: our own key for this bond. `ryu` mirrors the partner's key instead. */
  key: number
  portPriority: number
  /** `standard`: the Aggregation bit (false = an individual link). Default true. */
  aggregatable?: boolean
}

/** Where the member stands: selected for the aggregator (standard), and its partner information's status. */
export interface ActorStanding {
  selected: boolean
  defaulted?: boolean
  expired?: boolean
  /** `standard`, when a selection decided (src/lacp/selection.ts): advertise these instead of the rule on `selected`. */
  sync?: boolean
  collecting?: boolean
}

/**
 * The actor state octet (802.1AX-2014 §6.4.2.3). `ryu`: Ryu lacplib `_create_lacp` — activity from
 * the mode, timeout from the rate or the partner's, and aggregation, synchronization, collecting and
 * distributing copied from the partner's state. `standard`: activity from the mode, timeout from the
 * rate (or the partner's), aggregation unless individual, synchronization when selected, collecting
 * and distributing when selected and the partner is in sync (coupled control, §6.4.15), defaulted and
 * expired from the partner information's status (Open vSwitch lib/lacp.c `lacp_update_actor`).
 */
export function actorStateFor(cfg: Pick<ActorConfig<string | number>, 'profile' | 'mode' | 'rate' | 'aggregatable'>, partnerState: number, st: ActorStanding): number {
  let s = 0
  if (cfg.mode === 'active') s |= LacpStateBit.activity
  // An active end mirroring with no partner information (defaulted: its first, unsolicited PDUs) asks
  // for short timeouts, as the EXPIRED state does (802.1AX-2014 §6.4.12). Asking for long ones would
  // stick: Open vSwitch (lib/lacp.c lacp_run) arms its periodic timer from the partner's TIMEOUT bit
  // only when it transmits, and when its own actor information does not change on our next PDU it
  // does not transmit again for 30 s, while we, now mirroring its short timeout, expire it after 3 s.
  const timeoutBit = cfg.rate === undefined ? (cfg.mode === 'active' && st.defaulted === true) || (partnerState & LacpStateBit.timeout) !== 0 : cfg.rate === 'fast'
  if (timeoutBit) s |= LacpStateBit.timeout
  if (cfg.profile === 'ryu') {
    return s | (partnerState & (LacpStateBit.aggregation | LacpStateBit.synchronization | LacpStateBit.collecting | LacpStateBit.distributing))
  }
  if (cfg.aggregatable ?? true) s |= LacpStateBit.aggregation
  if (st.sync !== undefined) {
    if (st.sync) s |= LacpStateBit.synchronization
    if (st.collecting) s |= LacpStateBit.collecting | LacpStateBit.distributing
  } else if (st.selected) {
    s |= LacpStateBit.synchronization
    if (partnerState & LacpStateBit.synchronization) s |= LacpStateBit.collecting | LacpStateBit.distributing
  }
  if (st.defaulted) s |= LacpStateBit.defaulted
  if (st.expired) s |= LacpStateBit.expired
  return s
}

/**
 * Fill `out` with the actor information a member on `port` sends, given its partner's (the received
 * actor) — the one function behind both `lacp craft --reply-to` (reply.ts) and the controller
 * (LacpMember.buildReply). `ryu` mirrors the partner's key; `standard` sends its own.
 */
export function fillActor<S extends string | number>(out: LacpPortInfo<S>, cfg: ActorConfig<S>, port: number, partner: Pick<LacpPortInfo<string | number>, 'key' | 'state'>, st: ActorStanding): LacpPortInfo<S> {
  out.systemPriority = cfg.systemPriority
  out.system = cfg.system
  out.key = cfg.profile === 'ryu' ? partner.key : cfg.key
  out.portPriority = cfg.portPriority
  out.port = port
  out.state = actorStateFor(cfg, partner.state, st)
  return out
}

export function defaultActorConfig(profile: LacpProfile, mode: LacpMode, rate: LacpRate | undefined, key: number): ActorConfig {
  return profile === 'ryu'
    ? { profile, mode, rate, systemPriority: 0xffff, system: 0, key, portPriority: 0xff }
    : { profile, mode, rate, systemPriority: 0x8000, system: 0, key, portPriority: 0x8000 }
}

const zeroInfo = (): LacpInfo => ({ systemPriority: 0, system: 0, key: 0, portPriority: 0, port: 0, state: 0 })
function copyInfo(dst: LacpInfo, src: LacpInfo): void {
  dst.systemPriority = src.systemPriority
  dst.system = src.system
  dst.key = src.key
  dst.portPriority = src.portPriority
  dst.port = src.port
  dst.state = src.state
}

/** Seconds of silence after which a partner's information expires, given who sets the pace. */
export const rxTimeoutSeconds = (timeoutBit: boolean) => (timeoutBit ? SHORT_TIMEOUT_TIME : LONG_TIMEOUT_TIME)
/** Periodic transmission interval the partner asked for with its TIMEOUT bit. */
export const txPeriodSeconds = (partnerTimeoutBit: boolean) => (partnerTimeoutBit ? FAST_PERIODIC_TIME : SLOW_PERIODIC_TIME)

/** Where a member sits and what it advertises (defaults: the bond's datapath, port id = port). */
export interface MemberSpec {
  dpid: bigint
  /** Index of the datapath within the bond (MC-LAG), 0 on one switch. */
  dpIndex: number
  port: number
  portId: number
  /** undefined = the profile's port priority. */
  portPriority?: number
}

/** Selection settings of a bond beyond the actor (802.1AX-2014 §6.4.14; OVS lacp-fallback-ab). */
export type BondSelection = Pick<SelectionConfig, 'maxActive' | 'minLinks' | 'fallbackAb'>
export const DEFAULT_SELECTION: BondSelection = { maxActive: 0, minLinks: 1, fallbackAb: false }

export class LacpMember {
  readonly port: number
  readonly dpid: bigint
  readonly dpIndex: number
  /** Port id and priority advertised in the actor TLV. */
  readonly portId: number
  readonly portPriority: number
  readonly bond: LacpBond
  /** Carrier (PortStatus) and whether the member's switch is connected. */
  linkUp = true
  connected = true
  /** Selection role (Faucet's selected/standby/unselected). */
  role: MemberRole = 'unselected'
  /** `standard`: the actor bits the selection decided (sync, collecting+distributing). */
  sync = false
  collecting = false
  /** The actor state changed since the last PDU sent on this member: send one now (OVS NTT). */
  ntt = false
  status: MemberStatus = 'defaulted'
  /** Ryu's "slave enabled": may carry traffic. */
  enabled = false
  /** `standard`: passed selection (attached, in OVS words). */
  selected = false
  /** Why the member is not selected (null when selected). */
  detachReason: string | null = 'no LACPDU received'
  /** The partner's actor TLV from its last PDU. */
  readonly partner: LacpInfo = zeroInfo()
  /** The partner TLV of its last PDU: what the partner believes about us. */
  readonly partnerView: LacpInfo = zeroInfo()
  /** ms of the last valid LACPDU, and of the last one we sent. */
  lastRx = -Infinity
  lastTx = -Infinity
  /** Idle timeout (s) of the installed liveness flow; 0 = none installed (Ryu's `timeout`). */
  flowIdleTimeout = 0
  /** When the member entered EXPIRED (ms). */
  expiredAt = 0
  readonly counters: MemberCounters = { rxPdus: 0, txPdus: 0, rxBad: 0, rxMarker: 0, txMarkerResponse: 0, expirations: 0, defaulted: 0, stateChanges: 0 }

  constructor(bond: LacpBond, spec: MemberSpec) {
    this.bond = bond
    this.port = spec.port
    this.dpid = spec.dpid
    this.dpIndex = spec.dpIndex
    this.portId = spec.portId
    this.portPriority = spec.portPriority ?? bond.actor.portPriority
  }

  /** The actor state octet we send now. */
  actorState(): number {
    return actorStateFor(this.bond.actor, this.partner.state, this.standing())
  }

  private standing(): ActorStanding {
    return {
      selected: this.selected, defaulted: this.status === 'defaulted', expired: this.status === 'expired',
      // standard: the selection's decision (standby is in sync but not collecting; MC-LAG, min-links)
      ...(this.bond.actor.profile === 'standard' ? { sync: this.sync, collecting: this.collecting } : {}),
    }
  }

  /** Our TIMEOUT bit as sent: the rate at which the partner transmits to us. */
  ourTimeoutBit(): boolean {
    return (this.actorState() & LacpStateBit.timeout) !== 0
  }

  /** The idle timeout (s) the liveness flow should carry: 3 × the partner's TX period (3 or 90). */
  wantedFlowIdleTimeout(): number {
    return rxTimeoutSeconds(this.ourTimeoutBit())
  }

  /** Fill `actor`/`partner` with the PDU to send on this member. */
  buildReply(actor: LacpInfo, partner: LacpInfo): void {
    fillActor(actor, this.bond.actor, this.portId, this.partner, this.standing())
    actor.portPriority = this.portPriority
    copyInfo(partner, this.partner)
  }
}

export interface RxResult {
  /** The member's enabled flag changed (true → up, false → down). */
  enabledChanged: boolean
  /** The member just became enabled for the first time since it was down (Ryu "slave i/f has just been up"). */
  cameUp: boolean
  /** The liveness flow must be (re)installed with `member.flowIdleTimeout`. */
  installFlow: boolean
  /** Other members of the bond whose enabled flag changed as a consequence (standard: re-selection). */
  others: LacpMember[]
}

export class LacpBond {
  readonly id: number
  /** The first datapath of the bond. */
  readonly dpid: bigint
  readonly actor: ActorConfig
  readonly selection: BondSelection
  readonly members: LacpMember[]
  /** The last selection (standard profile). */
  decision: BondDecision | undefined
  private readonly byPort = new Map<string, LacpMember>()

  /** `ports`: OpenFlow ports on `dpid`, or member specs (several datapaths: MC-LAG). */
  constructor(id: number, dpid: bigint, ports: readonly number[] | readonly MemberSpec[], actor: ActorConfig, selection: BondSelection = DEFAULT_SELECTION) {
    this.id = id
    this.dpid = dpid
    this.actor = actor
    this.selection = selection
    this.members = ports.map((p) => new LacpMember(this, typeof p === 'number' ? { dpid, dpIndex: 0, port: p, portId: p } : p))
    for (const m of this.members) this.byPort.set(`${m.dpid}:${m.port}`, m)
    this.reselect()
    for (const m of this.members) m.ntt = false
  }

  /** The member on `port` of the bond's first datapath, or of `dpid`. */
  member(port: number, dpid: bigint = this.dpid): LacpMember | undefined {
    return this.byPort.get(`${dpid}:${port}`)
  }

  /** The bond carries traffic (standard: min-links met). */
  get forwarding(): boolean {
    return this.actor.profile === 'ryu' ? this.members.some((m) => m.enabled) : (this.decision?.forwarding ?? false)
  }

  /** Carrier or switch connection changed on `m` (link down acts at once: the partner info expires). */
  setLink(m: LacpMember, linkUp: boolean, connected: boolean, now: number): RxResult {
    const wasUp = m.linkUp && m.connected
    m.linkUp = linkUp
    m.connected = connected
    if (wasUp && !(linkUp && connected)) return this.expire(m, now)
    const before = this.members.map((x) => x.enabled)
    this.reselect()
    return this.diff(before, m, false)
  }

  /** Re-run the selection (e.g. on a timer); returns the members whose enabled flag changed. */
  reevaluate(): LacpMember[] {
    const before = this.members.map((x) => x.enabled)
    this.reselect()
    return this.members.filter((x, i) => {
      if (x.enabled === before[i]) return false
      x.counters.stateChanges++
      return true
    })
  }

  /** Members that may carry traffic, in port order. */
  liveMembers(): LacpMember[] {
    return this.members.filter((m) => m.enabled)
  }

  /** Process a valid LACPDU received on `m` at `now` (ms). */
  rx(m: LacpMember, pdu: ReceivedPdu, now: number): RxResult {
    m.counters.rxPdus++
    copyInfo(m.partner, pdu.actor)
    copyInfo(m.partnerView, pdu.partner)
    m.lastRx = now
    m.status = 'current'
    const before = this.members.map((x) => x.enabled)
    this.reselect()
    const wanted = m.wantedFlowIdleTimeout()
    const installFlow = wanted !== m.flowIdleTimeout
    if (installFlow) m.flowIdleTimeout = wanted
    return this.diff(before, m, installFlow)
  }

  /**
   * Link loss on `m`: its liveness flow idled out (FlowRemoved reason IDLE_TIMEOUT) or our own rx
   * timer ran out. The partner information expires (OVS: EXPIRED, partner SYNC cleared).
   */
  expire(m: LacpMember, now: number): RxResult {
    const before = this.members.map((x) => x.enabled)
    if (m.status === 'current') {
      m.status = 'expired'
      m.expiredAt = now
      m.counters.expirations++
    }
    m.partner.state = (m.partner.state & ~LacpStateBit.synchronization) | LacpStateBit.timeout
    m.flowIdleTimeout = 0
    m.enabled = false
    this.reselect()
    return this.diff(before, m, false)
  }

  /** The liveness flow went away for another reason (deleted, evicted): it must be re-installed. */
  flowGone(m: LacpMember): void {
    m.flowIdleTimeout = 0
  }

  /**
   * Timers: expire members whose partner went silent for 3 periods (+ `graceMs`), and default those
   * expired for a further short timeout. Returns the members whose state changed.
   */
  run(now: number, graceMs: number): LacpMember[] {
    const changed: LacpMember[] = []
    for (const m of this.members) {
      if (m.status === 'current') {
        const limit = rxTimeoutSeconds(m.ourTimeoutBit()) * 1000 + graceMs
        if (now - m.lastRx >= limit) {
          this.expire(m, now)
          changed.push(m)
        }
      } else if (m.status === 'expired' && now - m.expiredAt >= SHORT_TIMEOUT_TIME * 1000) {
        m.status = 'defaulted'
        m.counters.defaulted++
        Object.assign(m.partner, zeroInfo())
        m.detachReason = 'partner information defaulted'
        changed.push(m)
      }
    }
    return changed
  }

  /** Active mode: is a periodic PDU due on `m`? (period from the partner's TIMEOUT bit; fast while unknown) */
  txDue(m: LacpMember, now: number): boolean {
    if (this.actor.mode !== 'active') return false
    const fast = m.status !== 'current' || (m.partner.state & LacpStateBit.timeout) !== 0
    return now - m.lastTx >= txPeriodSeconds(fast) * 1000
  }

  /** Record a transmitted PDU. */
  sent(m: LacpMember, now: number): void {
    m.counters.txPdus++
    m.lastTx = now
    m.ntt = false
  }

  /** Selection (standard) or the Ryu rule (current → enabled). Updates enabled/selected/detachReason. */
  private reselect(): void {
    if (this.actor.profile === 'ryu') {
      for (const m of this.members) {
        m.selected = m.status === 'current' && m.linkUp && m.connected
        m.enabled = m.selected
        m.role = m.selected ? 'selected' : 'unselected'
        m.detachReason = m.selected ? null : !m.connected ? 'switch not connected' : !m.linkUp ? 'link down' : m.status === 'expired' ? 'LACP exchange timeout' : 'no LACPDU received'
      }
      return
    }
    const now = this.members.reduce((t, m) => Math.max(t, m.lastRx), 0)
    const snaps: MemberSnapshot[] = this.members.map((m) => ({
      id: `${m.dpid}:${m.port}`,
      dp: m.dpIndex,
      portId: m.portId,
      portPriority: m.portPriority,
      linkUp: m.linkUp && m.connected,
      partner: m.status === 'defaulted' ? null : m.partner,
      lastRx: m.lastRx,
      rxTimeoutMs: rxTimeoutSeconds(m.ourTimeoutBit()) * 1000,
      status: m.status,
    }))
    const d = selectBond({ ...this.selection, systemPriority: this.actor.systemPriority, system: this.actor.system, key: this.actor.key }, snaps, now, this.decision && { nominatedDp: this.decision.nominatedDp })
    this.decision = d
    this.members.forEach((m, i) => {
      const x = d.members[i] as BondDecision['members'][number]
      const before = m.actorState()
      m.role = x.role
      m.selected = x.attached
      m.enabled = x.forwarding
      m.sync = x.sync
      m.collecting = x.collecting
      m.detachReason = !m.connected ? 'switch not connected' : x.reason
      if (m.actorState() !== before) m.ntt = true
    })
  }

  private diff(before: boolean[], m: LacpMember, installFlow: boolean): RxResult {
    const others: LacpMember[] = []
    let enabledChanged = false
    this.members.forEach((x, i) => {
      if (x.enabled === before[i]) return
      x.counters.stateChanges++
      if (x === m) enabledChanged = true
      else others.push(x)
    })
    return { enabledChanged, cameUp: enabledChanged && m.enabled, installFlow, others }
  }
}
