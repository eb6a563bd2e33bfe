// Hot standby across `ofl controller` instances: turns the etcd mastership of a datapath
// (./mastership.ts) into OpenFlow controller roles on that switch's connection.
//
// - On connect (HA mode) the instance asks the switch to copy LACP packet-ins, port status and
//   flow-removed messages to it even as a slave (OFPT_SET_ASYNC, OpenFlow 1.3.5 §7.3.10; Open vSwitch's
//   NXT_SET_ASYNC_CONFIG for 1.0 and 1.2). A slave gets no packet-in by default (§6.3.7), and the
//   standby needs the LACPDUs to keep each member's partner information, so that a takeover is a
//   continuation and not a renegotiation. Slaves get only OFPR_ACTION packet-ins (the LACP liveness
//   flows output to CONTROLLER; table misses are OFPR_NO_MATCH), so L2 traffic costs them nothing.
// - The etcd winner sends OFPT_ROLE_REQUEST MASTER with the election's generation id (Nicira
//   NXT_ROLE_REQUEST in 1.0, which has no generation id); the others SLAVE. The switch demotes the
//   previous master itself when a new one asks.
// - The controller asks `isMaster(sw)` before it answers LACP, installs flows or learns.
import type { SwitchSession } from '../session.js'
import { Mastership, type DatapathMastership, type EtcdState, type MastershipOptions } from './mastership.js'
import { encodeMessage } from '../../openflow/codec.js'
import { OFP_VERSION_1_0, OFP_VERSION_1_3, VERSION_NAMES } from '../../openflow/header.js'
import { OFPCR_ROLE_MASTER, OFPCR_ROLE_SLAVE, OFPT_ROLE_REQUEST, OFPT_SET_ASYNC } from '../../openflow/common13/constants.js'
import { encodeNxRoleRequest, encodeNxSetAsyncConfig, NX_ROLE_MASTER, NX_ROLE_SLAVE, type NxAsyncConfig } from '../../openflow/v10/nx-role.js'

const OFPR_NO_MATCH = 0
const OFPR_ACTION = 1
/**
 * Element 0: master/equal (the spec's defaults: no-match and action packet-ins, every port status
 * and flow-removed reason); element 1: slave (action packet-ins, port status, flow-removed).
 */
export const STANDBY_ASYNC_CONFIG: NxAsyncConfig = {
  packetInMask: [(1 << OFPR_NO_MATCH) | (1 << OFPR_ACTION), 1 << OFPR_ACTION],
  portStatusMask: [0b111, 0b111],
  flowRemovedMask: [0b1111, 0b1111],
}

export type HaOptions = Omit<MastershipOptions, 'log'>

export interface HaHooks {
  /** This instance became master of `sw`'s datapath (after the role request was queued). */
  promoted(sw: SwitchSession): void
  /** This instance is no longer master of `sw`'s datapath. */
  demoted(sw: SwitchSession): void
  log(line: string): void
}

export interface HaDatapathStatus {
  dpid: string
  role: 'master' | 'slave'
  master: string | null
  generationId: string | null
}
export interface HaStatus {
  name: string
  etcd: EtcdState
  datapaths: HaDatapathStatus[]
}

export class HaCoordinator {
  readonly mastership: Mastership
  private readonly sessions = new Map<bigint, SwitchSession>()
  private readonly masterOf = new Set<SwitchSession>()
  /** Role transitions (promotions + demotions) since start, for metrics. */
  transitions = 0

  constructor(opts: HaOptions, private readonly hooks: HaHooks) {
    this.mastership = new Mastership({ ...opts, log: (l) => hooks.log(l) })
    this.mastership.on('change', (c) => this.apply(c))
  }

  start(): Promise<void> {
    return this.mastership.start()
  }

  isMaster(sw: SwitchSession): boolean {
    return this.masterOf.has(sw)
  }

  /** A switch finished its handshake on this instance: ask for the standby's async config, campaign. */
  switchReady(sw: SwitchSession): void {
    const prev = this.sessions.get(sw.dpid)
    if (prev && prev !== sw) this.masterOf.delete(prev)
    this.sessions.set(sw.dpid, sw)
    const cfg = STANDBY_ASYNC_CONFIG
    this.write(sw, sw.version === OFP_VERSION_1_3
      ? encodeMessage({ version: sw.version, type: OFPT_SET_ASYNC, xid: sw.nextXid(), packetInMask: [...cfg.packetInMask], portStatusMask: [...cfg.portStatusMask], flowRemovedMask: [...cfg.flowRemovedMask] })
      : encodeNxSetAsyncConfig(cfg, sw.nextXid(), sw.version))
    const known = this.mastership.get(sw.dpid)
    if (known) this.apply(known)
    else this.mastership.join(sw.dpid)
  }

  switchClosed(sw: SwitchSession): void {
    this.masterOf.delete(sw)
    if (this.sessions.get(sw.dpid) !== sw) return
    this.sessions.delete(sw.dpid)
    void this.mastership.leave(sw.dpid)
  }

  status(): HaStatus {
    const s = this.mastership.status()
    return {
      name: s.name,
      etcd: s.etcd,
      datapaths: s.datapaths.map((d) => ({
        dpid: d.dpid.toString(16).padStart(16, '0'),
        role: d.role,
        master: d.master ?? null,
        generationId: d.generationId === undefined ? null : d.generationId.toString(),
      })),
    }
  }

  close(): Promise<void> {
    return this.mastership.close()
  }

  private apply(c: DatapathMastership): void {
    const sw = this.sessions.get(c.dpid)
    if (!sw || sw.state !== 'ready') return
    const wasMaster = this.masterOf.has(sw)
    const master = c.role === 'master'
    // Role requests need a generation id in 1.2/1.3 (also for SLAVE, §6.3.7): wait until one is known.
    if (c.generationId !== undefined || sw.version === OFP_VERSION_1_0) this.sendRole(sw, master, c.generationId ?? 0n)
    if (master === wasMaster) return
    this.transitions++
    if (master) {
      this.masterOf.add(sw)
      this.hooks.log(`[HA][INFO] SW=${sw.dpidStr} ${this.mastership.name} takes over as master (generation ${c.generationId ?? '-'}, OpenFlow ${VERSION_NAMES[sw.version]})`)
      this.hooks.promoted(sw)
    } else {
      this.masterOf.delete(sw)
      this.hooks.log(`[HA][INFO] SW=${sw.dpidStr} ${this.mastership.name} is standby (master ${c.master ?? 'none'})`)
      this.hooks.demoted(sw)
    }
    sw.scheduleFlush()
  }

  private sendRole(sw: SwitchSession, master: boolean, generationId: bigint): void {
    this.write(sw, sw.version === OFP_VERSION_1_0
      ? encodeNxRoleRequest(master ? NX_ROLE_MASTER : NX_ROLE_SLAVE, sw.nextXid())
      : encodeMessage({ version: sw.version, type: OFPT_ROLE_REQUEST, xid: sw.nextXid(), role: master ? OFPCR_ROLE_MASTER : OFPCR_ROLE_SLAVE, generationId }))
  }

  private write(sw: SwitchSession, bytes: Buffer): void {
    sw.out.ensure(bytes.length)
    sw.out.bytes(bytes)
    sw.scheduleFlush()
  }
}
