// A MAC-learning switch that treats each bond as one logical port (Faucet's LAG-aware flooding,
// faucet/valve_flood.py), where Ryu's simple_switch_lacp floods into every member and lets MACs "move".
// - Floods leave through one live member per bond and never back into the ingress bond.
// - 1.2/1.3: traffic to a bond goes through a select group over its live members (failover = one
//   GROUP_MOD, no flush needed for correctness); 1.0: one live member per destination, by hash.
// - Learned flows (priority 1, in_port + eth_dst, as Ryu's) carry a cookie naming the bond they
//   involve, so a member change deletes only that bond's flows (cookie mask on 1.2/1.3, out_port
//   filter on 1.0).
// - MC-LAG (a bond with members on several datapaths): only the bond's members on this datapath are
//   used here; when none of them forwards (another datapath is nominated), traffic to the bond goes
//   over the inter-switch link, and floods leave it to the nominated datapath, so the host gets one
//   copy. When the bond moves between datapaths, the MACs learned on the bond and on the
//   inter-switch link are forgotten on both (their flows deleted) and relearned.
import type { SwitchSession } from '../session.js'
import type { LacpBond } from '../../lacp/machine.js'
import { writeHotFlowMod, writeHotPacketOut, writeHotGroupMod, type HotAction, type HotFlowMod } from '../../openflow/hot.js'
import { OFPFC_ADD, OFPFC_DELETE, OFPGC_ADD, OFPGC_MODIFY, OFPGC_DELETE, OFPG_ALL, OFPCML_NO_BUFFER, OFP_NO_BUFFER, OFPP_MAX } from '../../openflow/common13/constants.js'
import { OFP_VERSION_1_0, OFP_VERSION_1_3 } from '../../openflow/header.js'
import type { PacketInPeek } from '../../openflow/peek.js'
import { MacTable } from './mac-table.js'

export const LEARN_COOKIE = 0x0f1e000000000000n
export const LEARN_COOKIE_MASK = 0xffff000000000000n
export const LEARNED_PRIORITY = 1

/** Group id of a bond (1.2/1.3). */
export const bondGroupId = (bond: LacpBond) => bond.id + 1

interface DpL2 {
  /** MAC (48-bit number) → logical port: a port number, or -(bond index + 1) for a bond. */
  macs: MacTable
  bondOfPort: Map<number, LacpBond>
  bonds: Map<number, LacpBond>
  floodScratch: HotAction[]
  learned: number
  flooded: number
}

/** The group bit (I/G, the first bit on the wire) of a MAC in 48-bit integer form. */
const isGroupMac = (mac: number) => Math.floor(mac / 0x10000000000) % 2 === 1

/** A small integer hash of a MAC (48-bit integer form) for picking a bond member (stable per address). */
const macHash = (mac: number) => {
  const hi = Math.floor(mac / 0x100000000)
  const lo = mac >>> 0
  return ((hi >>> 8) ^ hi ^ (lo >>> 24) ^ (lo >>> 16) ^ (lo >>> 8) ^ lo) & 0xff
}

export class LearningSwitch {
  private readonly dps = new Map<SwitchSession, DpL2>()
  private readonly actionScratch: HotAction[] = [{ type: 'output', port: 0 }]
  private readonly outAction = { type: 'output' as const, port: 0 }
  private readonly groupAction = { type: 'group' as const, groupId: 0 }
  /** The learned-flow FLOW_MOD, refilled per packet-in (no objects per message). */
  private readonly learnMatch = { inPort: 0, ethDst: 0 }
  private readonly learnFlow: HotFlowMod = { command: OFPFC_ADD, priority: LEARNED_PRIORITY, match: this.learnMatch, actions: this.actionScratch, cookie: LEARN_COOKIE, bufferId: OFP_NO_BUFFER }

  /**
   * `islPort(dpid, bond)`: the port of datapath `dpid` that leads to the bond's other datapath (MC-LAG),
   * or undefined.
   */
  constructor(private readonly log: (line: string) => void, private readonly islPort: (dpid: bigint, bond: LacpBond) => number | undefined = () => undefined) {}

  /** Ports of `bond` on this datapath that carry traffic now: its forwarding members here, else the ISL (MC-LAG). */
  outPorts(sw: SwitchSession, bond: LacpBond): number[] {
    const here = bond.members.filter((m) => m.dpid === sw.dpid && m.enabled).map((m) => m.port)
    if (here.length || !bond.forwarding) return here
    const isl = this.islPort(sw.dpid, bond)
    return isl === undefined ? [] : [isl]
  }

  switchReady(sw: SwitchSession, bonds: LacpBond[]): void {
    const dp: DpL2 = { macs: new MacTable(), bondOfPort: new Map(), bonds: new Map(), floodScratch: [], learned: 0, flooded: 0 }
    this.dps.set(sw, dp)
    for (const b of bonds) this.addBondPorts(dp, sw, b)
    const v = sw.version
    if (v === OFP_VERSION_1_3) {
      // Table-miss → controller (1.3 drops misses by default; 1.0/1.2 send them: OpenFlow 1.3.5 §6.4).
      writeHotFlowMod(sw.out, v, sw.nextXid(), { command: OFPFC_ADD, priority: 0, match: {}, actions: [{ type: 'output', port: sw.P.CONTROLLER, maxLen: OFPCML_NO_BUFFER }] })
    }
    if (v !== OFP_VERSION_1_0) {
      // Forget flows and groups a previous controller run left behind, then one select group per bond.
      writeHotFlowMod(sw.out, v, sw.nextXid(), { command: OFPFC_DELETE, priority: 0, match: {}, actions: [], cookie: LEARN_COOKIE, cookieMask: LEARN_COOKIE_MASK })
      writeHotGroupMod(sw.out, v, sw.nextXid(), OFPGC_DELETE, OFPG_ALL, [])
      for (const b of bonds) writeHotGroupMod(sw.out, v, sw.nextXid(), OFPGC_ADD, bondGroupId(b), this.outPorts(sw, b))
    }
    sw.scheduleFlush()
  }

  private addBondPorts(dp: DpL2, sw: SwitchSession, b: LacpBond): void {
    dp.bonds.set(b.id, b)
    for (const m of b.members) if (m.dpid === sw.dpid) dp.bondOfPort.set(m.port, b)
  }

  /** A bond was added by a reload: its group. */
  bondAdded(sw: SwitchSession, bond: LacpBond): void {
    const dp = this.dps.get(sw)
    if (!dp) return
    this.addBondPorts(dp, sw, bond)
    if (sw.version !== OFP_VERSION_1_0) writeHotGroupMod(sw.out, sw.version, sw.nextXid(), OFPGC_ADD, bondGroupId(bond), this.outPorts(sw, bond))
    sw.scheduleFlush()
  }

  /** A bond was removed by a reload: forget its MACs, delete its learned flows and its group. */
  bondRemoved(sw: SwitchSession, bond: LacpBond): void {
    const dp = this.dps.get(sw)
    if (!dp) return
    this.forget(sw, dp, bond)
    dp.bonds.delete(bond.id)
    for (const m of bond.members) if (m.dpid === sw.dpid && dp.bondOfPort.get(m.port) === bond) dp.bondOfPort.delete(m.port)
    if (sw.version !== OFP_VERSION_1_0) writeHotGroupMod(sw.out, sw.version, sw.nextXid(), OFPGC_DELETE, bondGroupId(bond), [])
    sw.scheduleFlush()
  }

  /** Forget the MACs learned on `bond` (and, MC-LAG, on its inter-switch link) and delete their flows. */
  private forget(sw: SwitchSession, dp: DpL2, bond: LacpBond): void {
    const v = sw.version
    const logical = -(bond.id + 1)
    const isl = bond.members.some((m) => m.dpid !== sw.dpid) ? this.islPort(sw.dpid, bond) : undefined
    dp.macs.deleteWhere((at) => at === logical || (isl !== undefined && at === isl))
    if (v === OFP_VERSION_1_0) {
      for (const m of bond.members) {
        if (m.dpid === sw.dpid) writeHotFlowMod(sw.out, v, sw.nextXid(), { command: OFPFC_DELETE, priority: 0, match: {}, actions: [], outPort: m.port })
      }
      if (isl !== undefined) writeHotFlowMod(sw.out, v, sw.nextXid(), { command: OFPFC_DELETE, priority: 0, match: {}, actions: [], outPort: isl })
    } else if (isl !== undefined) {
      // Flows towards or from the ISL carry the plain learning cookie: drop every learned flow here.
      writeHotFlowMod(sw.out, v, sw.nextXid(), { command: OFPFC_DELETE, priority: 0, match: {}, actions: [], cookie: LEARN_COOKIE, cookieMask: LEARN_COOKIE_MASK })
    } else {
      writeHotFlowMod(sw.out, v, sw.nextXid(), { command: OFPFC_DELETE, priority: 0, match: {}, actions: [], cookie: this.cookieFor(bond), cookieMask: 0xffffffffffffffffn })
    }
  }

  switchClosed(sw: SwitchSession): void {
    this.dps.delete(sw)
  }

  /** A member of `bond` changed state: refresh its group and delete only its learned flows. */
  bondChanged(sw: SwitchSession, bond: LacpBond): void {
    const dp = this.dps.get(sw)
    if (!dp) return
    const v = sw.version
    if (v !== OFP_VERSION_1_0) writeHotGroupMod(sw.out, v, sw.nextXid(), OFPGC_MODIFY, bondGroupId(bond), this.outPorts(sw, bond))
    if (bond.members.some((m) => m.dpid !== sw.dpid)) this.forget(sw, dp, bond)
    else if (v === OFP_VERSION_1_0) {
      for (const m of bond.members) {
        writeHotFlowMod(sw.out, v, sw.nextXid(), { command: OFPFC_DELETE, priority: 0, match: {}, actions: [], outPort: m.port })
      }
    } else {
      writeHotFlowMod(sw.out, v, sw.nextXid(), { command: OFPFC_DELETE, priority: 0, match: {}, actions: [], cookie: this.cookieFor(bond), cookieMask: 0xffffffffffffffffn })
    }
    sw.scheduleFlush()
  }

  private readonly cookies: bigint[] = []
  /** Cookie of learned flows involving `bond` (cached: no bigint arithmetic per packet). */
  private cookieFor(bond: LacpBond | undefined): bigint {
    if (!bond) return LEARN_COOKIE
    return (this.cookies[bond.id] ??= LEARN_COOKIE | BigInt(bond.id + 1))
  }

  /**
   * Learn the source, then answer as Ryu's simple_switch does: a known destination gets a flow-mod
   * that, when the switch buffered the packet, references that buffer (the switch forwards it along
   * the new flow); an unbuffered packet, or an unknown destination, gets a packet-out (carrying the
   * frame only when unbuffered, OpenFlow 1.3.5 §7.3.7).
   */
  packetIn(sw: SwitchSession, pi: PacketInPeek, buf: Buffer): void {
    const dp = this.dps.get(sw)
    if (!dp || pi.l2Length === 0) return
    const inBond = dp.bondOfPort.get(pi.inPort)
    const inLogical = inBond ? -(inBond.id + 1) : pi.inPort
    // Learn the source (unicast sources only).
    if (!isGroupMac(pi.ethSrc) && dp.macs.get(pi.ethSrc) !== inLogical) {
      dp.macs.set(pi.ethSrc, inLogical)
      dp.learned++
    }
    const dstLogical = isGroupMac(pi.ethDst) ? undefined : dp.macs.get(pi.ethDst)
    if (dstLogical === undefined) {
      this.flood(sw, dp, pi, buf, inBond)
      return
    }
    const v = sw.version
    const a = this.actionScratch
    let outBond: LacpBond | undefined
    if (dstLogical === inLogical) {
      a.length = 0 // it would go back where it came from: drop (and release the buffer)
    } else if (dstLogical >= 0) {
      this.outAction.port = dstLogical
      a[0] = this.outAction
    } else {
      outBond = dp.bonds.get(-dstLogical - 1)
      if (!outBond) a.length = 0
      else if (v === OFP_VERSION_1_0) {
        const live = this.outPorts(sw, outBond)
        if (live.length === 0) a.length = 0
        else {
          this.outAction.port = live[macHash(pi.ethDst) % live.length]!
          a[0] = this.outAction
        }
      } else {
        this.groupAction.groupId = bondGroupId(outBond)
        a[0] = this.groupAction
      }
    }
    if (a.length === 0) {
      if (pi.bufferId !== OFP_NO_BUFFER) writeHotPacketOut(sw.out, v, sw.nextXid(), pi.bufferId, pi.inPort, a)
      a[0] = this.outAction
      return
    }
    const f = this.learnFlow
    this.learnMatch.inPort = pi.inPort
    this.learnMatch.ethDst = pi.ethDst
    f.cookie = this.cookieFor(outBond ?? inBond)
    f.bufferId = pi.bufferId
    writeHotFlowMod(sw.out, v, sw.nextXid(), f)
    if (pi.bufferId === OFP_NO_BUFFER) writeHotPacketOut(sw.out, v, sw.nextXid(), OFP_NO_BUFFER, pi.inPort, a, buf, pi.dataOffset, pi.dataLength)
  }

  /** One live member per bond (never the ingress bond), every other physical port but the ingress. */
  private flood(sw: SwitchSession, dp: DpL2, pi: PacketInPeek, buf: Buffer, inBond: LacpBond | undefined): void {
    const acts = dp.floodScratch
    acts.length = 0
    for (const portNo of sw.ports.keys()) {
      if (portNo === pi.inPort || portNo > OFPP_MAX || dp.bondOfPort.has(portNo)) continue
      acts.push({ type: 'output', port: portNo })
    }
    for (const b of dp.bonds.values()) {
      if (b === inBond) continue
      // Only this datapath's own forwarding members: with MC-LAG the nominated datapath delivers the
      // copy, reached through the ISL, which is flooded like any other port.
      let n = 0
      for (const m of b.members) if (m.dpid === sw.dpid && m.enabled) n++
      if (!n) continue
      let k = macHash(pi.ethSrc) % n
      for (const m of b.members) {
        if (m.dpid !== sw.dpid || !m.enabled) continue
        if (k-- === 0) {
          acts.push({ type: 'output', port: m.port })
          break
        }
      }
    }
    dp.flooded++
    if (acts.length || pi.bufferId !== OFP_NO_BUFFER) writeHotPacketOut(sw.out, sw.version, sw.nextXid(), pi.bufferId, pi.inPort, acts, buf, pi.dataOffset, pi.dataLength)
  }

  stats(sw: SwitchSession): { macs: number; learned: number; flooded: number } | undefined {
    const dp = this.dps.get(sw)
    return dp && { macs: dp.macs.size, learned: dp.learned, flooded: dp.flooded }
  }
}
