// Link aggregation with LACP in the controller: Ryu lacplib's observable behaviour (ryu/lib/lacplib.py:
// packet-out replies, the per-member liveness flow with idle_timeout 3/90 and SEND_FLOW_REM,
// FlowRemoved = member down, log lines) with its fixes: replies only on configured bond ports (slow
// frames elsewhere are dropped, never flooded), the FlowRemoved reason is checked, Marker PDUs are
// answered, padded and v2 PDUs are accepted, an 802.1AX `standard` profile, and `active` mode with
// periodic transmission. The state per member lives in src/lacp/machine.ts (pure, clock injected);
// frames are read and written in place by src/lacp/frame.ts and the OpenFlow hot path
// (src/openflow/hot.ts); this module does the I/O.
import type { BondSpec } from '../bond.js'
import type { SwitchSession } from '../session.js'
import type { Clock } from '../clock.js'
import { LacpBond, defaultActorConfig, type LacpInfo, type LacpMember, type LacpMode, type LacpProfile, type LacpRate } from '../../lacp/machine.js'
import { classifySlow, readLacpFrame, writeLacpFrame, writeMarkerResponse, SLOW_NONE, SLOW_LACP, SLOW_MARKER_INFO, SLOW_MARKER_RESPONSE, LACP_FRAME_SIZE, MARKER_MIN_FRAME } from '../../lacp/frame.js'
import { reserveHotPacketOut, writeHotFlowMod, OFPCML_MAX } from '../../openflow/hot.js'
import { OFPFC_ADD, OFPFF_SEND_FLOW_REM, OFPRR_IDLE_TIMEOUT } from '../../openflow/common13/constants.js'
import { OFP_VERSION_1_0 } from '../../openflow/header.js'
import type { PacketInPeek } from '../../openflow/peek.js'
import type { FlowRemoved } from '../../openflow/model.js'
import { ETH_TYPE_SLOW } from '../../lacp/constants.js'
import { stateWords } from '../../lacp/state.js'
import { macFromNumber, newLacpPeek } from '../../lacp/lacpdu.js'

export const LACP_FLOW_PRIORITY = 65535

export interface LacpAppOptions {
  bonds: readonly BondSpec[]
  profile: LacpProfile
  mode: LacpMode
  rate?: LacpRate
  clock: Clock
  log: (line: string) => void
  /** Extra slack on the controller-side rx timer beyond 3 periods (ms); FlowRemoved normally wins. */
  rxGraceMs?: number
  /** Called when a member's enabled state changes (after the LACP log lines). */
  onMemberChange?: (sw: SwitchSession, bond: LacpBond, member: LacpMember) => void
  /**
   * May this instance write to `sw` (hot standby, ../ha/coordinator.ts)? A standby keeps every
   * member's state from the LACPDUs the switch copies to it, but sends nothing and installs nothing.
   * Default: always.
   */
  transmits?: (sw: SwitchSession) => boolean
}

interface DpLacp {
  sw: SwitchSession
  bonds: LacpBond[]
  byPort: Map<number, LacpMember>
  /** Slow-protocol frames received on ports outside every bond (dropped). */
  droppedSlow: number
}

const FLOW_REMOVED_REASONS = ['idle', 'hard', 'delete', 'group_delete'] as const

export class LacpApp {
  private readonly dps = new Map<string, DpLacp>()
  private readonly rx = newLacpPeek()
  private readonly txActor: LacpInfo = blank()
  private readonly txPartner: LacpInfo = blank()
  private readonly ryu: boolean
  /** The partner's source MAC per member (the liveness flow's match), kept for a takeover. */
  private readonly partnerMac = new WeakMap<LacpMember, number>()
  droppedSlowTotal = 0

  constructor(private readonly opts: LacpAppOptions) {
    this.ryu = opts.profile === 'ryu'
  }

  /** Bonds configured for a datapath (empty if none). */
  bondsFor(dpid: bigint): BondSpec[] {
    return this.opts.bonds.filter((b) => b.dpid === dpid)
  }

  switchReady(sw: SwitchSession): LacpBond[] {
    const specs = this.bondsFor(sw.dpid)
    const system = sw.localMac() || Number(sw.dpid & 0xffffffffffffn)
    const bonds = specs.map((s, i) => {
      const cfg = defaultActorConfig(this.opts.profile, this.opts.mode, this.opts.rate, i + 1)
      cfg.system = system
      return new LacpBond(i, s.dpid, s.ports, cfg)
    })
    const dp: DpLacp = { sw, bonds, byPort: new Map(), droppedSlow: 0 }
    for (const b of bonds) for (const m of b.members) dp.byPort.set(m.port, m)
    this.dps.set(sw.dpidStr, dp)
    for (const b of bonds) {
      this.opts.log(`[LACP][INFO] SW=${sw.dpidStr} bond ${b.id + 1}: ports ${b.members.map((m) => m.port).join(',')} (${this.opts.profile} profile, ${this.opts.mode}${this.opts.rate ? `, ${this.opts.rate}` : ''})`)
      for (const m of b.members) if (!sw.ports.has(m.port)) this.opts.log(`[LACP][WARN] SW=${sw.dpidStr} PORT=${m.port} is configured in a bond but the switch does not report it`)
    }
    return bonds
  }

  switchClosed(sw: SwitchSession): void {
    const dp = this.dps.get(sw.dpidStr)
    if (dp && dp.sw === sw) this.dps.delete(sw.dpidStr)
  }

  /** Consume slow-protocol packet-ins. Returns true when the frame was a slow-protocol frame. */
  packetIn(sw: SwitchSession, pi: PacketInPeek, buf: Buffer, dv: DataView): boolean {
    const kind = classifySlow(buf, pi.dataOffset, pi.dataLength, pi.ethType)
    if (kind === SLOW_NONE) return false
    const dp = this.dps.get(sw.dpidStr)
    const m = dp?.byPort.get(pi.inPort)
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
      const log = this.opts.log
      log(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} LACP received.`)
      const r = bond.rx(m, this.rx, now)
      this.partnerMac.set(m, pi.ethSrc)
      if (r.cameUp) log(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} the slave i/f has just been up.`)
      if (this.opts.transmits && !this.opts.transmits(sw)) {
        // Standby: same state as the master, nothing on the wire; promote() installs and answers.
        m.flowIdleTimeout = 0
        if (r.enabledChanged) this.changed(sw, bond, m)
        for (const o of r.others) this.changed(sw, bond, o)
        return true
      }
      if (r.installFlow) {
        log(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} the timeout time has changed.`)
        this.installFlow(sw, m, pi.ethSrc)
      }
      this.sendPdu(sw, m, now)
      log(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} LACP sent.`)
      if (r.enabledChanged) this.changed(sw, bond, m)
      for (const o of r.others) this.changed(sw, bond, o)
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
    const dp = this.dps.get(sw.dpidStr)
    const m = dp?.byPort.get(fr.match.inPort)
    if (!m) return true
    if (fr.reason === OFPRR_IDLE_TIMEOUT) {
      this.opts.log(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} LACP exchange timeout has occurred.`)
      const r = m.bond.expire(m, this.opts.clock.now())
      if (r.enabledChanged) this.changed(sw, m.bond, m)
      for (const o of r.others) this.changed(sw, m.bond, o)
    } else {
      // Deleted or hard-timed-out by someone else: not a link loss (Ryu treats it as one). Re-install
      // on the next LACPDU.
      m.bond.flowGone(m)
      this.opts.log(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} LACP flow removed (reason ${FLOW_REMOVED_REASONS[fr.reason] ?? fr.reason}); not a link loss, re-installing on the next LACPDU.`)
    }
    return true
  }

  /** OFPT_PORT_STATUS: a bond member whose link went down is expired at once (carrier loss). */
  portDown(sw: SwitchSession, portNo: number): void {
    const m = this.dps.get(sw.dpidStr)?.byPort.get(portNo)
    if (!m || m.status !== 'current') return
    this.opts.log(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} link down.`)
    const r = m.bond.expire(m, this.opts.clock.now())
    if (r.enabledChanged) this.changed(sw, m.bond, m)
    for (const o of r.others) this.changed(sw, m.bond, o)
  }

  /** Timers: rx expiry backstop, defaulting, and active-mode periodic transmission. */
  tick(now: number): void {
    const grace = this.opts.rxGraceMs ?? 1000
    for (const dp of this.dps.values()) {
      const sw = dp.sw
      const transmits = !this.opts.transmits || this.opts.transmits(sw)
      for (const b of dp.bonds) {
        for (const m of b.members) {
          const wasEnabled = m.enabled
          const wasStatus = m.status
          b.run(now, grace)
          if (wasStatus === 'current' && m.status === 'expired') {
            this.opts.log(`[LACP][INFO] SW=${sw.dpidStr} PORT=${m.port} LACP exchange timeout has occurred.`)
          }
          if (wasEnabled !== m.enabled) this.changed(sw, b, m)
          if (transmits && b.txDue(m, now)) {
            this.sendPdu(sw, m, now)
            sw.scheduleFlush()
          }
        }
      }
    }
  }

  /**
   * This instance just became master of `sw`: install the liveness flow and send a LACPDU on every
   * member that has partner information, at once (not at the partner's next PDU, which can be a
   * whole period away; fast LACP gives up 3 s after the last PDU it received).
   */
  promote(sw: SwitchSession): number {
    const dp = this.dps.get(sw.dpidStr)
    if (!dp || dp.sw !== sw) return 0
    const now = this.opts.clock.now()
    let sent = 0
    for (const b of dp.bonds) {
      for (const m of b.members) {
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

  private changed(sw: SwitchSession, bond: LacpBond, m: LacpMember): void {
    this.opts.log(`slave state changed port: ${m.port} enabled: ${m.enabled ? 'True' : 'False'}`)
    this.opts.onMemberChange?.(sw, bond, m)
    sw.scheduleFlush()
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

  /** JSON-safe status for `ofl lacp show` (modelled on `ovs-appctl lacp/show`). */
  status(): LacpStatus {
    const out: LacpStatus = { profile: this.opts.profile, mode: this.opts.mode, rate: this.opts.rate ?? 'mirror', droppedSlowFrames: this.droppedSlowTotal, bonds: [] }
    for (const [dpid, dp] of this.dps) {
      for (const b of dp.bonds) {
        const negotiated = b.members.some((m) => m.enabled)
        out.bonds.push({
          dpid,
          bond: b.id + 1,
          status: `${b.actor.mode}${negotiated ? ' negotiated' : ''}`,
          sysId: macFromNumber(b.actor.system),
          sysPriority: b.actor.systemPriority,
          key: this.ryu ? 'mirrors partner' : b.actor.key,
          droppedSlowFrames: dp.droppedSlow,
          members: b.members.map((m) => {
            const a = blank(), p = blank()
            m.buildReply(a, p)
            return {
              port: m.port,
              status: m.status,
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
    }
    return out
  }
}

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
  port: number
  status: string
  attached: boolean
  enabled: boolean
  reason: string | null
  flowIdleTimeout: number
  actor: LacpParticipantStatus
  partner: LacpParticipantStatus
  counters: Record<string, number>
}
export interface LacpBondStatus {
  dpid: string
  bond: number
  status: string
  sysId: string
  sysPriority: number
  key: number | string
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
