// Link aggregation with LACP in the controller: Ryu lacplib's observable behaviour (ryu/lib/lacplib.py:
// packet-out replies, the per-member liveness flow with idle_timeout 3/90 and SEND_FLOW_REM,
// FlowRemoved = member down, log lines) with its fixes: replies only on configured bond ports (slow
// frames elsewhere are dropped, never flooded), the FlowRemoved reason is checked, Marker PDUs are
// answered, padded and v2 PDUs are accepted, an 802.1AX `standard` profile, and `active` mode with
// periodic transmission. The state per member lives in src/lacp/machine.ts (pure, clock injected) and
// the `standard` selection in src/lacp/selection.ts; frames are read and written in place by
// src/lacp/frame.ts and the OpenFlow hot path (src/openflow/hot.ts); this module does the I/O.
//
// Bonds exist from the configuration on, before any switch connects (`ofl lacp show` lists them); a
// bond may have members on two datapaths (MC-LAG: one actor system and key on both). With the
// `standard` profile, ingress on a member that is not collecting is dropped by a flow (OVS lib/bond.c
// `bond_check_admissibility`, Faucet's disable_forwarding), LACPDUs excepted. A reload replaces only
// the bonds whose settings changed.
import type { SwitchSession } from '../session.js'
import type { Clock } from '../clock.js'
import type { BondConfig, IslConfig } from '../config.js'
import { formatDpid } from '../bond.js'
import { LacpBond, defaultActorConfig, type LacpInfo, type LacpMember, type LacpMode, type LacpProfile, type LacpRate } from '../../lacp/machine.js'
import { classifySlow, readLacpFrame, writeLacpFrame, writeMarkerResponse, SLOW_NONE, SLOW_LACP, SLOW_MARKER_INFO, SLOW_MARKER_RESPONSE, LACP_FRAME_SIZE, MARKER_MIN_FRAME } from '../../lacp/frame.js'
import { reserveHotPacketOut, writeHotFlowMod, OFPCML_MAX } from '../../openflow/hot.js'
import { OFPFC_ADD, OFPFC_DELETE, OFPFC_DELETE_STRICT, OFPFF_SEND_FLOW_REM, OFPRR_IDLE_TIMEOUT } from '../../openflow/common13/constants.js'
import { OFP_VERSION_1_0 } from '../../openflow/header.js'
import type { PacketInPeek } from '../../openflow/peek.js'
import type { FlowRemoved } from '../../openflow/model.js'
import { ETH_TYPE_SLOW } from '../../lacp/constants.js'
import { stateWords } from '../../lacp/state.js'
import { macFromNumber, newLacpPeek } from '../../lacp/lacpdu.js'
import { diffBonds, type BondDiff } from '../config.js'
import type { LacpPortState, MemberMetrics } from '../metrics.js'

export const LACP_FLOW_PRIORITY = 65535
/** Admissibility (standard profile): LACPDUs on a member always reach the controller… */
export const ADMIT_SLOW_PRIORITY = 65534
/** …and everything else entering a member that is not collecting is dropped. */
export const ADMIT_DROP_PRIORITY = 65533
export const ADMIT_COOKIE = 0x0f1d000000000000n

export interface LacpAppOptions {
  bonds: readonly BondConfig[]
  /** Inter-switch links (MC-LAG). */
  isl?: readonly IslConfig[]
  profile: LacpProfile
  mode: LacpMode
  rate?: LacpRate
  clock: Clock
  /** Info/warn lines (Ryu-style `[LACP][INFO] …`). */
  log: (line: string) => void
  /** Per-PDU lines (debug level). */
  debug?: (line: string) => void
  /** Extra slack on the controller-side rx timer beyond 3 periods (ms); FlowRemoved normally wins. */
  rxGraceMs?: number
  /** A member of `bond` changed forwarding state; called once per connected datapath holding a member of the bond. */
  onBondChange?: (sw: SwitchSession, bond: LacpBond) => void
  /** A reload added or removed `bond` on a connected switch. */
  onBondAdded?: (sw: SwitchSession, bond: LacpBond) => void
  onBondRemoved?: (sw: SwitchSession, bond: LacpBond) => void
  /**
   * May this instance write to `sw` (hot standby, ../ha/coordinator.ts)? A standby keeps every
   * member's state from the LACPDUs the switch copies to it, but sends nothing and installs nothing.
   * Default: always.
   */
  transmits?: (sw: SwitchSession) => boolean
}

interface DpLacp {
  sw: SwitchSession
  /** Slow-protocol frames received on ports outside every bond (dropped). */
  droppedSlow: number
}

interface BondEntry {
  cfg: BondConfig
  bond: LacpBond
}

const FLOW_REMOVED_REASONS = ['idle', 'hard', 'delete', 'group_delete'] as const
const memberKey = (dpid: bigint, port: number) => `${dpid}:${port}`
const macNumber = (mac: string) => Number.parseInt(mac.replaceAll(':', ''), 16)

export class LacpApp {
  private readonly dps = new Map<bigint, DpLacp>()
  private entries: BondEntry[] = []
  private readonly byMember = new Map<string, LacpMember>()
  /** Members whose admissibility drop flow is installed (standard profile). */
  private readonly dropping = new Set<LacpMember>()
  private readonly rx = newLacpPeek()
  private readonly txActor: LacpInfo = blank()
  private readonly txPartner: LacpInfo = blank()
  private readonly ryu: boolean
  private nextId = 0
  private isl: readonly IslConfig[]
  /** The partner's source MAC per member (the liveness flow's match), kept for a takeover. */
  private readonly partnerMac = new WeakMap<LacpMember, number>()
  droppedSlowTotal = 0

  constructor(private readonly opts: LacpAppOptions) {
    this.ryu = opts.profile === 'ryu'
    this.isl = opts.isl ?? []
    for (const cfg of opts.bonds) this.addBond(cfg)
  }

  /** The bonds, in configuration order. */
  get bonds(): LacpBond[] {
    return this.entries.map((e) => e.bond)
  }

  /** Bonds with a member on `dpid`. */
  bondsOn(dpid: bigint): LacpBond[] {
    return this.entries.filter((e) => e.bond.members.some((m) => m.dpid === dpid)).map((e) => e.bond)
  }

  /** MC-LAG: the port of `dpid` on the inter-switch link towards the bond's other datapath. */
  islPort(dpid: bigint, bond: LacpBond): number | undefined {
    for (const l of this.isl) {
      const [here, there] = l.a.dpid === dpid ? [l.a, l.b] : l.b.dpid === dpid ? [l.b, l.a] : [undefined, undefined]
      if (here && there && bond.members.some((m) => m.dpid === there.dpid)) return here.port
    }
    return undefined
  }

  private addBond(cfg: BondConfig): BondEntry {
    const id = this.nextId++
    const actor = defaultActorConfig(this.opts.profile, this.opts.mode, this.opts.rate, cfg.key ?? id + 1)
    if (cfg.systemPriority !== undefined) actor.systemPriority = cfg.systemPriority
    // One system for every datapath of the bond: the configured one; for MC-LAG without one, the first
    // DPID's low 48 bits marked locally administered; on one switch, its LOCAL MAC (Ryu) once known.
    if (cfg.systemId) actor.system = macNumber(cfg.systemId)
    else if (cfg.datapaths.length > 1) actor.system = Number((cfg.datapaths[0] as bigint) & 0xffffffffffffn) + 0x020000000000
    const bond = new LacpBond(id, cfg.datapaths[0] as bigint, cfg.members.map((m) => ({ dpid: m.dpid, dpIndex: m.dpIndex, port: m.port, portId: m.portId, portPriority: m.portPriority })), actor, {
      maxActive: cfg.maxActive, minLinks: cfg.minLinks, fallbackAb: cfg.fallbackAb,
    })
    for (const m of bond.members) {
      m.connected = false
      this.byMember.set(memberKey(m.dpid, m.port), m)
    }
    bond.reevaluate()
    for (const m of bond.members) m.counters.stateChanges = 0
    const e = { cfg, bond }
    this.entries.push(e)
    return e
  }

  switchReady(sw: SwitchSession): LacpBond[] {
    const dp: DpLacp = { sw, droppedSlow: 0 }
    this.dps.set(sw.dpid, dp)
    const bonds = this.bondsOn(sw.dpid)
    for (const b of bonds) this.attach(sw, b)
    return bonds
  }

  /** Bring `bond`'s members on `sw` into play (switch connected, or bond added by a reload). */
  private attach(sw: SwitchSession, b: LacpBond): void {
    const cfg = this.entries.find((e) => e.bond === b)?.cfg
    if (!cfg?.systemId && cfg && cfg.datapaths.length === 1) b.actor.system = sw.localMac() || Number(sw.dpid & 0xffffffffffffn)
    const here = b.members.filter((m) => m.dpid === sw.dpid)
    this.opts.log(`[LACP][INFO] SW=${sw.dpidStr} bond ${b.id + 1}${cfg && cfg.name !== defaultName(cfg) ? ` (${cfg.name})` : ''}: ports ${here.map((m) => m.port).join(',')}${b.members.length > here.length ? ` (MC-LAG, ${b.members.length - here.length} member(s) elsewhere)` : ''} (${this.opts.profile} profile, ${this.opts.mode}${this.opts.rate ? `, ${this.opts.rate}` : ''})`)
    for (const m of here) {
      const p = sw.ports.get(m.port)
      if (!p) this.opts.log(`[LACP][WARN] SW=${sw.dpidStr} PORT=${m.port} is configured in a bond but the switch does not report it`)
      m.connected = true
      m.linkUp = !p?.linkDown
      this.dropping.delete(m)
      if (!this.ryu && this.transmitsTo(sw)) this.admission(sw, m, true)
    }
    this.reselected(b, b.reevaluate())
  }

  switchClosed(sw: SwitchSession): void {
    const dp = this.dps.get(sw.dpid)
    if (!dp || dp.sw !== sw) return
    this.dps.delete(sw.dpid)
    const now = this.opts.clock.now()
    for (const b of this.bondsOn(sw.dpid)) {
      const changed: LacpMember[] = []
      for (const m of b.members) {
        if (m.dpid !== sw.dpid) continue
        this.dropping.delete(m)
        const r = b.setLink(m, m.linkUp, false, now)
        if (r.enabledChanged) changed.push(m)
        changed.push(...r.others)
      }
      this.reselected(b, changed)
    }
  }

  /** Consume slow-protocol packet-ins. Returns true when the frame was a slow-protocol frame. */
  packetIn(sw: SwitchSession, pi: PacketInPeek, buf: Buffer, dv: DataView): boolean {
    const kind = classifySlow(buf, pi.dataOffset, pi.dataLength, pi.ethType)
    if (kind === SLOW_NONE) return false
    const dp = this.dps.get(sw.dpid)
    const m = dp && this.byMember.get(memberKey(sw.dpid, pi.inPort))
    if (!dp || !m) {
      // Not a bond port: drop (Ryu answers here and floods Markers; faucet PR #1054).
      if (dp) dp.droppedSlow++
      this.droppedSlowTotal++
      if (this.droppedSlowTotal <= 10 || this.droppedSlowTotal % 1000 === 0) {
        this.opts.log(`[LACP][WARN] SW=${sw.dpidStr} PORT=${pi.inPort} slow-protocol frame on a port outside every bond: dropped (${this.droppedSlowTotal} so far)`)
      }
      return true
    }
    const bond = m.bond
    const now = this.opts.clock.now()
    if (kind === SLOW_LACP) {
      if (!readLacpFrame(dv, pi.dataOffset, pi.dataLength, this.rx)) {
        m.counters.rxBad++
        return true
      }
      const debug = this.opts.debug
      debug?.(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} LACP received.`)
      const r = bond.rx(m, this.rx, now)
      this.partnerMac.set(m, pi.ethSrc)
      if (r.cameUp) this.opts.log(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} the slave i/f has just been up.`)
      if (!this.transmitsTo(sw)) {
        // Standby: same state as the master, nothing on the wire; promote() installs and answers.
        m.flowIdleTimeout = 0
        this.reselected(bond, r.enabledChanged ? [m, ...r.others] : r.others)
        return true
      }
      if (r.installFlow) {
        this.opts.log(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} the timeout time has changed.`)
        this.installFlow(sw, m, pi.ethSrc)
      }
      this.sendPdu(sw, m, now)
      debug?.(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} LACP sent.`)
      this.reselected(bond, r.enabledChanged ? [m, ...r.others] : r.others)
      return true
    }
    if (kind === SLOW_MARKER_INFO) {
      m.counters.rxMarker++
      if (this.opts.transmits && !this.opts.transmits(sw)) return true
      if (pi.dataLength < MARKER_MIN_FRAME) {
        m.counters.rxBad++
        return true
      }
      const srcMac = sw.ports.get(m.port)?.hwAddr ?? 0
      const at = reserveHotPacketOut(sw.out, sw.version, sw.nextXid(), m.port, [{ type: 'output', port: sw.P.IN_PORT }], LACP_FRAME_SIZE)
      writeMarkerResponse(sw.out.buf, sw.out.dv, at, buf, pi.dataOffset, srcMac)
      m.counters.txMarkerResponse++
      this.opts.log(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} Marker received; Marker Response sent.`)
      return true
    }
    if (kind === SLOW_MARKER_RESPONSE) {
      m.counters.rxMarker++
      return true
    }
    m.counters.rxBad++ // OAM, OSSP, illegal subtypes: not ours to answer
    return true
  }

  flowRemoved(sw: SwitchSession, fr: FlowRemoved): boolean {
    if (fr.match.ethType !== ETH_TYPE_SLOW || fr.priority !== LACP_FLOW_PRIORITY || fr.match.inPort === undefined) return false
    const m = this.byMember.get(memberKey(sw.dpid, fr.match.inPort))
    if (!m) return true
    if (fr.reason === OFPRR_IDLE_TIMEOUT) {
      this.opts.log(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} LACP exchange timeout has occurred.`)
      const r = m.bond.expire(m, this.opts.clock.now())
      this.reselected(m.bond, r.enabledChanged ? [m, ...r.others] : r.others)
    } else {
      // Deleted or hard-timed-out by someone else: not a link loss (Ryu treats it as one). Re-install
      // on the next LACPDU.
      m.bond.flowGone(m)
      this.opts.log(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} LACP flow removed (reason ${FLOW_REMOVED_REASONS[fr.reason] ?? fr.reason}); not a link loss, re-installing on the next LACPDU.`)
    }
    return true
  }

  /** OFPT_PORT_STATUS: carrier on a bond member. Down acts at once (the partner information expires). */
  portStatus(sw: SwitchSession, portNo: number, linkUp: boolean): void {
    const m = this.byMember.get(memberKey(sw.dpid, portNo))
    if (!m || m.linkUp === linkUp) return
    this.opts.log(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} link ${linkUp ? 'up' : 'down'}.`)
    const r = m.bond.setLink(m, linkUp, m.connected, this.opts.clock.now())
    this.reselected(m.bond, r.enabledChanged ? [m, ...r.others] : r.others)
  }

  /** @deprecated kept for callers of the first version: `portStatus(sw, port, false)`. */
  portDown(sw: SwitchSession, portNo: number): void {
    this.portStatus(sw, portNo, false)
  }

  /** Timers: controller-side expiry (3 × the partner's period), defaulting, periodic and NTT transmission. */
  tick(now: number): void {
    const grace = this.opts.rxGraceMs ?? (this.ryu ? 1000 : 0)
    for (const { bond: b } of this.entries) {
      const before = b.members.map((m) => [m.status, m.enabled] as const)
      b.run(now, grace)
      const changed = b.reevaluate()
      b.members.forEach((m, i) => {
        const [status, enabled] = before[i] as readonly [string, boolean]
        if (status === 'current' && m.status === 'expired') {
          const dp = this.dps.get(m.dpid)
          this.opts.log(`[LACP][INFO] SW=${dp?.sw.dpidStr ?? formatDpid(m.dpid)} PORT=${m.port} LACP exchange timeout has occurred.`)
        }
        if (enabled !== m.enabled && !changed.includes(m)) changed.push(m) // counted by the machine
      })
      this.reselected(b, changed)
      for (const m of b.members) {
        const sw = this.dps.get(m.dpid)?.sw
        if (sw && m.linkUp && this.transmitsTo(sw) && b.txDue(m, now)) {
          this.sendPdu(sw, m, now)
          sw.scheduleFlush()
        }
      }
    }
  }

  /**
   * After a selection: log and act on members whose forwarding changed (admissibility flows, the
   * learning switch on every connected datapath of the bond), and send a PDU at once on members whose
   * advertised state changed (NTT; MC-LAG failover depends on it).
   */
  private reselected(bond: LacpBond, changed: readonly LacpMember[]): void {
    const now = this.opts.clock.now()
    for (const m of new Set(changed)) {
      const sw = this.dps.get(m.dpid)?.sw
      this.opts.log(`slave state changed port: ${m.port} enabled: ${m.enabled ? 'True' : 'False'}${m.bond.members.some((x) => x.dpid !== m.dpid) ? ` (SW=${formatDpid(m.dpid)})` : ''}`)
      if (sw && !this.ryu && this.transmitsTo(sw)) this.admission(sw, m, false)
    }
    for (const m of bond.members) {
      if (!m.ntt) continue
      const sw = this.dps.get(m.dpid)?.sw
      if (!sw || !m.linkUp || !this.transmitsTo(sw)) continue
      if (bond.actor.mode !== 'active' && m.status !== 'current') continue
      this.sendPdu(sw, m, now)
      sw.scheduleFlush()
    }
    if (!changed.length) return
    for (const dpid of new Set(bond.members.map((m) => m.dpid))) {
      const sw = this.dps.get(dpid)?.sw
      if (!sw) continue
      this.opts.onBondChange?.(sw, bond)
      sw.scheduleFlush()
    }
  }

  /** Install or remove the admissibility drop on `m` to match its collecting state. */
  private admission(sw: SwitchSession, m: LacpMember, fresh: boolean): void {
    const v = sw.version
    const cookie = ADMIT_COOKIE | BigInt(m.bond.id + 1)
    if (fresh) {
      writeHotFlowMod(sw.out, v, sw.nextXid(), {
        command: OFPFC_ADD, priority: ADMIT_SLOW_PRIORITY, cookie,
        match: { inPort: m.port, ethType: ETH_TYPE_SLOW },
        actions: [{ type: 'output', port: sw.P.CONTROLLER, maxLen: v === OFP_VERSION_1_0 ? 0xffff : OFPCML_MAX }],
      })
    }
    const drop = !m.enabled
    if (!fresh && drop === this.dropping.has(m)) return
    if (drop) {
      writeHotFlowMod(sw.out, v, sw.nextXid(), { command: OFPFC_ADD, priority: ADMIT_DROP_PRIORITY, cookie, match: { inPort: m.port }, actions: [] })
      this.dropping.add(m)
    } else {
      writeHotFlowMod(sw.out, v, sw.nextXid(), { command: OFPFC_DELETE_STRICT, priority: ADMIT_DROP_PRIORITY, match: { inPort: m.port }, actions: [] })
      this.dropping.delete(m)
    }
    sw.scheduleFlush()
  }

  private transmitsTo(sw: SwitchSession): boolean {
    return !this.opts.transmits || this.opts.transmits(sw)
  }

  /**
   * This instance just became master of `sw` (hot standby): install the liveness flows and the
   * admissibility flows, and send a LACPDU on every member there that has partner information, at
   * once (fast LACP gives up 3 s after the last PDU it received).
   */
  promote(sw: SwitchSession): number {
    const dp = this.dps.get(sw.dpid)
    if (!dp || dp.sw !== sw) return 0
    const now = this.opts.clock.now()
    let sent = 0
    for (const b of this.bondsOn(sw.dpid)) {
      for (const m of b.members) {
        if (m.dpid !== sw.dpid) continue
        if (!this.ryu) {
          this.dropping.delete(m)
          this.admission(sw, m, true)
        }
        if (m.status === 'defaulted') continue
        const mac = this.partnerMac.get(m)
        if (m.status === 'current' && mac !== undefined) {
          m.flowIdleTimeout = m.wantedFlowIdleTimeout()
          this.installFlow(sw, m, mac)
        }
        this.sendPdu(sw, m, now)
        sent++
      }
    }
    if (sent) this.opts.log(`[LACP][INFO] SW=${sw.dpidStr} promoted: LACPDU sent on ${sent} member(s) at once.`)
    sw.scheduleFlush()
    return sent
  }

  private installFlow(sw: SwitchSession, m: LacpMember, ethSrc: number): void {
    const v = sw.version
    writeHotFlowMod(sw.out, v, sw.nextXid(), {
      command: OFPFC_ADD,
      priority: LACP_FLOW_PRIORITY,
      match: { inPort: m.port, ethSrc, ethType: ETH_TYPE_SLOW },
      actions: [{ type: 'output', port: sw.P.CONTROLLER, maxLen: v === OFP_VERSION_1_0 ? 0xffff : OFPCML_MAX }],
      idleTimeout: m.flowIdleTimeout,
      flags: OFPFF_SEND_FLOW_REM,
    })
  }

  private sendPdu(sw: SwitchSession, m: LacpMember, now: number): void {
    m.buildReply(this.txActor, this.txPartner)
    const srcMac = sw.ports.get(m.port)?.hwAddr ?? 0
    const at = reserveHotPacketOut(sw.out, sw.version, sw.nextXid(), m.port, [{ type: 'output', port: sw.P.IN_PORT }], LACP_FRAME_SIZE)
    writeLacpFrame(sw.out.buf, sw.out.dv, at, srcMac, this.txActor, this.txPartner)
    m.bond.sent(m, now)
  }

  /**
   * Apply a new bond list (live reload): bonds whose settings did not change keep their state (no
   * flap); changed bonds are replaced (they renegotiate from scratch); removed bonds lose their flows
   * and groups on every connected switch. Returns what happened, by bond name.
   */
  reload(bonds: readonly BondConfig[], isl: readonly IslConfig[]): BondDiff {
    const d = diffBonds(this.entries.map((e) => e.cfg), bonds)
    const islChanged = JSON.stringify(isl, big) !== JSON.stringify(this.isl, big)
    for (const cfg of [...d.removed, ...d.changed.map((c) => c.before)]) this.removeBond(cfg.name)
    this.isl = isl
    for (const cfg of [...d.added, ...d.changed.map((c) => c.after)]) {
      const e = this.addBond(cfg)
      for (const dpid of cfg.datapaths) {
        const sw = this.dps.get(dpid)?.sw
        if (!sw) continue
        this.opts.onBondAdded?.(sw, e.bond)
        this.attach(sw, e.bond)
      }
    }
    // Keep the configuration order of the new file.
    this.entries.sort((a, b) => bonds.findIndex((x) => x.name === a.cfg.name) - bonds.findIndex((x) => x.name === b.cfg.name))
    if (islChanged) for (const e of this.entries) this.reselected(e.bond, e.bond.members)
    return d
  }

  private removeBond(name: string): void {
    const i = this.entries.findIndex((e) => e.cfg.name === name)
    const e = this.entries[i]
    if (!e) return
    this.entries.splice(i, 1)
    for (const m of e.bond.members) {
      this.byMember.delete(memberKey(m.dpid, m.port))
      this.dropping.delete(m)
      const sw = this.dps.get(m.dpid)?.sw
      // Every flow entering the member: the liveness flow, admissibility, learned flows from it.
      if (sw && this.transmitsTo(sw)) writeHotFlowMod(sw.out, sw.version, sw.nextXid(), { command: OFPFC_DELETE, priority: 0, match: { inPort: m.port }, actions: [] })
    }
    for (const dpid of e.cfg.datapaths) {
      const sw = this.dps.get(dpid)?.sw
      if (!sw) continue
      this.opts.onBondRemoved?.(sw, e.bond)
      sw.scheduleFlush()
      this.opts.log(`[LACP][INFO] SW=${sw.dpidStr} bond ${e.bond.id + 1} (${e.cfg.name}) removed: flows and group deleted`)
    }
  }

  /** JSON-safe status for `ofl lacp show` (modelled on `ovs-appctl lacp/show`), configured bonds included. */
  status(): LacpStatus {
    const out: LacpStatus = { profile: this.opts.profile, mode: this.opts.mode, rate: this.opts.rate ?? 'mirror', droppedSlowFrames: this.droppedSlowTotal, bonds: [] }
    for (const { cfg, bond: b } of this.entries) {
      const negotiated = b.members.some((m) => m.enabled)
      const d = b.decision
      out.bonds.push({
        name: cfg.name,
        dpid: formatDpid(b.dpid),
        datapaths: cfg.datapaths.map(formatDpid),
        bond: b.id + 1,
        status: `${b.actor.mode}${negotiated ? ' negotiated' : ''}`,
        forwarding: b.forwarding,
        reason: b.forwarding ? null : this.ryu ? 'no member enabled' : (d?.reason ?? null),
        nominatedDatapath: d && d.nominatedDp !== null && cfg.datapaths.length > 1 ? formatDpid(cfg.datapaths[d.nominatedDp] as bigint) : null,
        fallback: d?.fallback ?? false,
        maxActive: cfg.maxActive,
        minLinks: cfg.minLinks,
        // Ryu profile on one switch: the system is the switch's LOCAL MAC, unknown until it connects.
        sysId: b.actor.system === 0 ? null : macFromNumber(b.actor.system),
        sysPriority: b.actor.systemPriority,
        // Ryu lacplib sends each member the key its partner sent: no key of its own.
        key: this.ryu ? null : b.actor.key,
        keySource: this.ryu ? 'partner' : cfg.key !== undefined ? 'configured' : 'bond-number',
        droppedSlowFrames: cfg.datapaths.reduce((n, dpid) => n + (this.dps.get(dpid)?.droppedSlow ?? 0), 0),
        members: b.members.map((m) => {
          const a = blank(), p = blank()
          m.buildReply(a, p)
          return {
            dpid: formatDpid(m.dpid),
            port: m.port,
            // The switch's name for the port (OFPT_PORT_STATUS / port description), e.g. "s1-eth1".
            portName: (m.connected && this.dps.get(m.dpid)?.sw.ports.get(m.port)?.name) || null,
            connected: m.connected,
            linkUp: m.linkUp,
            status: m.status,
            role: m.role,
            attached: m.selected,
            enabled: m.enabled,
            reason: m.detachReason,
            flowIdleTimeout: m.flowIdleTimeout,
            actor: { sysId: macFromNumber(a.system), sysPriority: a.systemPriority, portId: a.port, portPriority: a.portPriority, key: a.key, state: a.state, stateWords: stateWords(a.state) },
            partner: { sysId: macFromNumber(m.partner.system), sysPriority: m.partner.systemPriority, portId: m.partner.port, portPriority: m.partner.portPriority, key: m.partner.key, state: m.partner.state, stateWords: stateWords(m.partner.state) },
            counters: { ...m.counters },
          }
        }),
      })
    }
    return out
  }

  /** Per-member figures for the metrics (encodings in metrics.ts). */
  memberMetrics(): MemberMetrics[] {
    const out: MemberMetrics[] = []
    for (const { cfg, bond } of this.entries) {
      for (const m of bond.members) {
        let state: LacpPortState
        if (!m.connected || !m.linkUp) state = 'down'
        else if (m.status === 'defaulted') state = 'defaulted'
        else if (m.status === 'expired') state = 'expired'
        else if (!m.selected) state = 'detached'
        else state = m.enabled ? 'up' : 'attached'
        out.push({ dpid: formatDpid(m.dpid), port: m.port, bond: cfg.name, state, role: m.role, stateChanges: m.counters.stateChanges, pdusReceived: m.counters.rxPdus, pdusSent: m.counters.txPdus })
      }
    }
    return out
  }

  /** Datapaths named by the configuration (for switch metrics before they connect). */
  configuredDatapaths(): bigint[] {
    return [...new Set(this.entries.flatMap((e) => e.cfg.datapaths))]
  }
}

function defaultName(cfg: BondConfig): string {
  return cfg.datapaths.map((d) => `${formatDpid(d)}:${cfg.members.filter((m) => m.dpid === d).map((m) => m.port).join(',')}`).join('+')
}

const big = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)

function blank(): LacpInfo {
  return { systemPriority: 0, system: 0, key: 0, portPriority: 0, port: 0, state: 0 }
}

export interface LacpParticipantStatus {
  sysId: string
  sysPriority: number
  portId: number
  portPriority: number
  key: number
  state: number
  stateWords: string
}
export interface LacpMemberStatus {
  dpid: string
  port: number
  /** The switch's name for the port; null while its switch is not connected or does not report it. */
  portName: string | null
  /** The member's switch has a ready OpenFlow connection. */
  connected: boolean
  linkUp: boolean
  status: string
  /** selected | standby | unselected */
  role: string
  attached: boolean
  enabled: boolean
  reason: string | null
  flowIdleTimeout: number
  actor: LacpParticipantStatus
  partner: LacpParticipantStatus
  counters: Record<string, number>
}
export interface LacpBondStatus {
  name: string
  /** The bond's first datapath. */
  dpid: string
  datapaths: string[]
  bond: number
  status: string
  forwarding: boolean
  /** Why the bond does not forward (min-links, no active member…); null when it does. */
  reason: string | null
  /** MC-LAG: the datapath whose members are used. */
  nominatedDatapath: string | null
  fallback: boolean
  maxActive: number
  minLinks: number
  /** The actor system; null until known (Ryu profile: the switch's LOCAL MAC, once it connects). */
  sysId: string | null
  sysPriority: number
  /** The bond's own aggregation key; null when each member mirrors its partner's key (Ryu profile). */
  key: number | null
  /** Where the key comes from: the partner (Ryu), the configuration, or the bond's number. */
  keySource: 'partner' | 'configured' | 'bond-number'
  droppedSlowFrames: number
  members: LacpMemberStatus[]
}
export interface LacpStatus {
  profile: string
  mode: string
  rate: string
  droppedSlowFrames: number
  bonds: LacpBondStatus[]
}
