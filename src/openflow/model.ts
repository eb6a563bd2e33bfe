// A version-independent model of what a controller uses (OVS `ofputil_packet_in`, `ofputil_flow_mod`,
// … style): packet-in, packet-out, flow-mod, flow-removed, features, port-status, port-desc — with
// `toModel(msg)` / `fromModel(version, m)` going through ONE dispatch table (ADAPTERS below), so
// applications never branch on version (Ryu's `_add_flow = {version: fn}`).
//
// Conventions of the model:
// - Port numbers are 32-bit as in OpenFlow 1.1+: 1.0's reserved ports 0xff00–0xffff map to
//   0xffffff00–0xffffffff (OFPP_CONTROLLER 0xfffd ↔ 0xfffffffd; OFPP_NONE 0xffff ↔ OFPP_ANY).
// - The match is a flat set of optional fields; absent = wildcarded. `ipv4Src/ipv4Dst` take "a.b.c.d"
//   or "a.b.c.d/len". `vlanVid` is the 12-bit VLAN id, or VLAN_NONE (0xffff) for "untagged only".
//   `tpSrc/tpDst` are the L4 ports (ICMP type/code for ip_proto 1), as in 1.0's tp_src/tp_dst; in 1.2/1.3
//   they become tcp_*/udp_*/sctp_*/icmpv4_* according to `ipProto` (required there, as OXM prerequisites
//   demand). OXM fields outside the model are reported in `other` (1.2/1.3 only) and re-encoded.
// - Actions: output, group (1.2+), setField, popVlan, pushVlan (1.2+), setQueue. Vendor/experimenter or
//   other actions are not part of the model (toModel reports them in `unsupported`).
// - datapathId, cookies and counters are bigint.
// Versions without a construct raise UnsupportedError `MODEL_UNSUPPORTED` (e.g. group on 1.0).
import { UnsupportedError } from '../wire/errors.js'
import { formatIpv4, parseIpv4 } from './addr.js'
import { OFP_VERSION_1_0, OFP_VERSION_1_2, OFP_VERSION_1_3 } from './header.js'
import type { MessageInput } from './messages.js'
import type { Action10 } from './v10/actions.js'
import type { Match10 } from './v10/match.js'
import type { PhyPort10 } from './v10/phy-port.js'
import { OFPFW10 } from './v10/constants.js'
import type { Oxm, Match as Match13 } from './common13/oxm.js'
import type { Action as Action13 } from './common13/actions.js'
import type { Instruction } from './common13/instructions.js'
import type { Port as Port13 } from './common13/structs.js'

// ---- model types -------------------------------------------------------------------------------------

export const PORT_IN_PORT = 0xfffffff8
export const PORT_TABLE = 0xfffffff9
export const PORT_NORMAL = 0xfffffffa
export const PORT_FLOOD = 0xfffffffb
export const PORT_ALL = 0xfffffffc
export const PORT_CONTROLLER = 0xfffffffd
export const PORT_LOCAL = 0xfffffffe
export const PORT_ANY = 0xffffffff
export const NO_BUFFER = 0xffffffff
export const GROUP_ANY = 0xffffffff
/** vlanVid value meaning "packets without a VLAN tag". */
export const VLAN_NONE = 0xffff
/** max_len meaning "send the whole packet" (OFPCML_NO_BUFFER in 1.2+, 0xffff in 1.0). */
export const MAX_LEN_NO_BUFFER = 0xffff

export interface ModelMatch {
  inPort?: number
  ethDst?: string
  ethSrc?: string
  ethType?: number
  vlanVid?: number
  vlanPcp?: number
  ipDscp?: number
  ipProto?: number
  ipv4Src?: string
  ipv4Dst?: string
  tpSrc?: number
  tpDst?: number
  /** 1.2/1.3 OXM fields outside the model, kept as decoded (re-encoded after the model's fields). */
  other?: Oxm[]
}

export type SetFieldName = 'ethDst' | 'ethSrc' | 'vlanVid' | 'vlanPcp' | 'ipDscp' | 'ipv4Src' | 'ipv4Dst' | 'tpSrc' | 'tpDst'

export type ModelAction =
  | { type: 'output'; port: number; maxLen?: number }
  | { type: 'group'; groupId: number }
  | { type: 'setField'; field: SetFieldName; value: number | string }
  | { type: 'popVlan' }
  | { type: 'pushVlan'; ethType: number }
  /** 1.0: OFPAT_ENQUEUE needs the port (taken from `port`, or the next output action). */
  | { type: 'setQueue'; queueId: number; port?: number }

export interface ModelPort {
  portNo: number
  hwAddr: string
  name: string
  config: number
  state: number
  curr: number
  advertised: number
  supported: number
  peer: number
  /** 1.2/1.3 only (kbps). */
  currSpeed?: number
  maxSpeed?: number
}

interface ModelBase {
  /** Set by toModel (the wire version); ignored by fromModel, which takes the version as an argument. */
  version?: number
  xid?: number
}

export interface PacketIn extends ModelBase {
  kind: 'packetIn'
  bufferId: number
  totalLen: number
  inPort: number
  reason: number
  tableId: number
  cookie: bigint
  match: ModelMatch
  /** View into the receive buffer; copy before retaining. */
  data: Buffer
}

export interface PacketOut extends ModelBase {
  kind: 'packetOut'
  bufferId: number
  inPort: number
  actions: ModelAction[]
  data: Buffer
}

export interface FlowMod extends ModelBase {
  // Optional fields default in fromModel: cookie 0, cookieMask 0, tableId 0, timeouts 0, priority 0x8000,
  // bufferId NO_BUFFER, outPort PORT_ANY, outGroup GROUP_ANY, flags 0. toModel always fills them.
  kind: 'flowMod'
  /** OFPFC_ADD 0, MODIFY 1, MODIFY_STRICT 2, DELETE 3, DELETE_STRICT 4 (same numbers in every version). */
  command: number
  match: ModelMatch
  cookie?: bigint
  /** 1.2+ only (0 on 1.0). */
  cookieMask?: bigint
  /** 1.2+ only (0 on 1.0; 0xff = all tables for deletes). */
  tableId?: number
  idleTimeout?: number
  hardTimeout?: number
  priority?: number
  bufferId?: number
  outPort?: number
  outGroup?: number
  /** OFPFF_* bits (SEND_FLOW_REM 1 and CHECK_OVERLAP 2 mean the same everywhere). */
  flags?: number
  actions: ModelAction[]
  /** 1.2+: OFPIT_GOTO_TABLE after the actions. */
  gotoTable?: number
}

export interface FlowRemoved extends ModelBase {
  kind: 'flowRemoved'
  match: ModelMatch
  cookie: bigint
  priority: number
  reason: number
  tableId: number
  durationSec: number
  durationNsec: number
  idleTimeout: number
  hardTimeout: number
  packetCount: bigint
  byteCount: bigint
}

export interface Features extends ModelBase {
  kind: 'features'
  datapathId: bigint
  nBuffers: number
  nTables: number
  capabilities: number
  auxiliaryId: number
  /** 1.0/1.2 carry the ports in the features reply; 1.3 needs a port-desc request (undefined). */
  ports?: ModelPort[]
}

export interface PortStatus extends ModelBase {
  kind: 'portStatus'
  /** OFPPR_ADD 0, DELETE 1, MODIFY 2. */
  reason: number
  port: ModelPort
}

/** 1.3 OFPMP_PORT_DESC reply (1.0/1.2: the ports of the features reply). */
export interface PortDesc extends ModelBase {
  kind: 'portDesc'
  ports: ModelPort[]
  /** OFPMPF_REPLY_MORE set: more parts follow. */
  more: boolean
}

/** What to send to learn the ports: FEATURES_REQUEST on 1.0/1.2, MULTIPART_REQUEST(PORT_DESC) on 1.3. */
export interface PortDescRequest extends ModelBase {
  kind: 'portDescRequest'
}

export type ModelMessage = PacketIn | PacketOut | FlowMod | FlowRemoved | Features | PortStatus | PortDesc | PortDescRequest
export type ModelKind = ModelMessage['kind']

type Wire = { version: number; type: number; xid: number; [k: string]: any }

function unsupported(version: number, what: string): never {
  throw new UnsupportedError('MODEL_UNSUPPORTED', `${what} is not available in OpenFlow version ${version}`, { field: what })
}

// ---- ports and numbers -----------------------------------------------------------------------------

/** 1.0 uint16 port → model 32-bit port (reserved range moved to the top). */
export function portFrom10(p: number): number {
  return p >= 0xff00 ? (p | 0xffff0000) >>> 0 : p
}

/** Model port → 1.0 uint16 port. */
export function portTo10(p: number): number {
  if (p >= 0xffffff00) return p & 0xffff
  if (p >= 0xff00) unsupported(1, `port ${p} (above OFPP_MAX)`)
  return p
}

function ipWithPrefix(text: string): { addr: number; prefix: number } {
  const [a, p] = text.split('/')
  const prefix = p === undefined ? 32 : Number(p)
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) unsupported(0, `IPv4 prefix ${text}`)
  return { addr: parseIpv4(a!), prefix }
}
const prefixMask = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0)
function maskPrefix(mask: number): number | undefined {
  for (let p = 0; p <= 32; p++) if (prefixMask(p) === mask >>> 0) return p
  return undefined
}

function port10(p: PhyPort10): ModelPort {
  return { portNo: portFrom10(p.portNo), hwAddr: p.hwAddr, name: p.name, config: p.config, state: p.state, curr: p.curr, advertised: p.advertised, supported: p.supported, peer: p.peer }
}
function portTo10Phy(p: ModelPort): PhyPort10 {
  return { portNo: portTo10(p.portNo), hwAddr: p.hwAddr, name: p.name, config: p.config, state: p.state, curr: p.curr, advertised: p.advertised, supported: p.supported, peer: p.peer }
}
function port13(p: Port13): ModelPort {
  return { ...p }
}
function portTo13(p: ModelPort): Port13 {
  return { portNo: p.portNo, hwAddr: p.hwAddr, name: p.name, config: p.config, state: p.state, curr: p.curr, advertised: p.advertised, supported: p.supported, peer: p.peer, currSpeed: p.currSpeed ?? 0, maxSpeed: p.maxSpeed ?? 0 }
}

// ---- OpenFlow 1.0 match and actions ----------------------------------------------------------------------

const ZERO_MAC = '00:00:00:00:00:00'

export function matchTo10(m: ModelMatch): Match10 {
  let wc = OFPFW10.OFPFW_ALL
  const out: Match10 = { wildcards: 0, inPort: 0, dlSrc: ZERO_MAC, dlDst: ZERO_MAC, dlVlan: 0, dlVlanPcp: 0, dlType: 0, nwTos: 0, nwProto: 0, nwSrc: '0.0.0.0', nwDst: '0.0.0.0', tpSrc: 0, tpDst: 0 }
  if (m.other?.length) unsupported(1, 'OXM match fields')
  if (m.inPort !== undefined) { out.inPort = portTo10(m.inPort); wc &= ~OFPFW10.OFPFW_IN_PORT }
  if (m.ethSrc !== undefined) { out.dlSrc = m.ethSrc; wc &= ~OFPFW10.OFPFW_DL_SRC }
  if (m.ethDst !== undefined) { out.dlDst = m.ethDst; wc &= ~OFPFW10.OFPFW_DL_DST }
  if (m.vlanVid !== undefined) { out.dlVlan = m.vlanVid; wc &= ~OFPFW10.OFPFW_DL_VLAN }
  if (m.vlanPcp !== undefined) { out.dlVlanPcp = m.vlanPcp; wc &= ~OFPFW10.OFPFW_DL_VLAN_PCP }
  if (m.ethType !== undefined) { out.dlType = m.ethType; wc &= ~OFPFW10.OFPFW_DL_TYPE }
  if (m.ipDscp !== undefined) { out.nwTos = (m.ipDscp << 2) & 0xfc; wc &= ~OFPFW10.OFPFW_NW_TOS }
  if (m.ipProto !== undefined) { out.nwProto = m.ipProto; wc &= ~OFPFW10.OFPFW_NW_PROTO }
  if (m.ipv4Src !== undefined) {
    const { addr, prefix } = ipWithPrefix(m.ipv4Src)
    out.nwSrc = formatIpv4(addr)
    wc = (wc & ~OFPFW10.OFPFW_NW_SRC_MASK) | ((32 - prefix) << OFPFW10.OFPFW_NW_SRC_SHIFT)
  }
  if (m.ipv4Dst !== undefined) {
    const { addr, prefix } = ipWithPrefix(m.ipv4Dst)
    out.nwDst = formatIpv4(addr)
    wc = (wc & ~OFPFW10.OFPFW_NW_DST_MASK) | ((32 - prefix) << OFPFW10.OFPFW_NW_DST_SHIFT)
  }
  if (m.tpSrc !== undefined) { out.tpSrc = m.tpSrc; wc &= ~OFPFW10.OFPFW_TP_SRC }
  if (m.tpDst !== undefined) { out.tpDst = m.tpDst; wc &= ~OFPFW10.OFPFW_TP_DST }
  out.wildcards = wc >>> 0
  return out
}

export function matchFrom10(m: Match10): ModelMatch {
  const wc = m.wildcards
  const out: ModelMatch = {}
  if (!(wc & OFPFW10.OFPFW_IN_PORT)) out.inPort = portFrom10(m.inPort)
  if (!(wc & OFPFW10.OFPFW_DL_DST)) out.ethDst = m.dlDst
  if (!(wc & OFPFW10.OFPFW_DL_SRC)) out.ethSrc = m.dlSrc
  if (!(wc & OFPFW10.OFPFW_DL_TYPE)) out.ethType = m.dlType
  if (!(wc & OFPFW10.OFPFW_DL_VLAN)) out.vlanVid = m.dlVlan
  if (!(wc & OFPFW10.OFPFW_DL_VLAN_PCP)) out.vlanPcp = m.dlVlanPcp
  if (!(wc & OFPFW10.OFPFW_NW_TOS)) out.ipDscp = m.nwTos >> 2
  if (!(wc & OFPFW10.OFPFW_NW_PROTO)) out.ipProto = m.nwProto
  const srcBits = (wc & OFPFW10.OFPFW_NW_SRC_MASK) >>> OFPFW10.OFPFW_NW_SRC_SHIFT
  if (srcBits < 32) out.ipv4Src = srcBits === 0 ? m.nwSrc : `${m.nwSrc}/${32 - srcBits}`
  const dstBits = (wc & OFPFW10.OFPFW_NW_DST_MASK) >>> OFPFW10.OFPFW_NW_DST_SHIFT
  if (dstBits < 32) out.ipv4Dst = dstBits === 0 ? m.nwDst : `${m.nwDst}/${32 - dstBits}`
  if (!(wc & OFPFW10.OFPFW_TP_SRC)) out.tpSrc = m.tpSrc
  if (!(wc & OFPFW10.OFPFW_TP_DST)) out.tpDst = m.tpDst
  return out
}

export function actionsTo10(actions: readonly ModelAction[]): Action10[] {
  const out: Action10[] = []
  actions.forEach((a, i) => {
    switch (a.type) {
      case 'output':
        out.push({ type: 0, port: portTo10(a.port), maxLen: a.maxLen ?? MAX_LEN_NO_BUFFER })
        return
      case 'popVlan':
        out.push({ type: 3 })
        return
      case 'setQueue': {
        // OFPAT_ENQUEUE = output to a queue: take the port from the action or the next output
        const next = actions.slice(i + 1).find((x) => x.type === 'output') as { port: number } | undefined
        const port = a.port ?? next?.port
        if (port === undefined) unsupported(1, 'setQueue without a port')
        out.push({ type: 11, port: portTo10(port), queueId: a.queueId })
        return
      }
      case 'setField': {
        const v = a.value
        switch (a.field) {
          case 'ethSrc': out.push({ type: 4, dlAddr: String(v) }); return
          case 'ethDst': out.push({ type: 5, dlAddr: String(v) }); return
          case 'vlanVid': out.push({ type: 1, vlanVid: Number(v) }); return
          case 'vlanPcp': out.push({ type: 2, vlanPcp: Number(v) }); return
          case 'ipv4Src': out.push({ type: 6, nwAddr: String(v) }); return
          case 'ipv4Dst': out.push({ type: 7, nwAddr: String(v) }); return
          case 'ipDscp': out.push({ type: 8, nwTos: (Number(v) << 2) & 0xfc }); return
          case 'tpSrc': out.push({ type: 9, tpPort: Number(v) }); return
          case 'tpDst': out.push({ type: 10, tpPort: Number(v) }); return
        }
        return
      }
      default:
        unsupported(1, `action ${a.type}`)
    }
  })
  return out
}

/** Model actions of a 1.0 list; actions outside the model go to `unsupported`. */
export function actionsFrom10(list: readonly Action10[], unsupportedOut?: unknown[]): ModelAction[] {
  const out: ModelAction[] = []
  for (const a of list) {
    const x = a as Record<string, any>
    switch (a.type) {
      case 0: out.push({ type: 'output', port: portFrom10(x.port), maxLen: x.maxLen }); break
      case 1: out.push({ type: 'setField', field: 'vlanVid', value: x.vlanVid }); break
      case 2: out.push({ type: 'setField', field: 'vlanPcp', value: x.vlanPcp }); break
      case 3: out.push({ type: 'popVlan' }); break
      case 4: out.push({ type: 'setField', field: 'ethSrc', value: x.dlAddr }); break
      case 5: out.push({ type: 'setField', field: 'ethDst', value: x.dlAddr }); break
      case 6: out.push({ type: 'setField', field: 'ipv4Src', value: x.nwAddr }); break
      case 7: out.push({ type: 'setField', field: 'ipv4Dst', value: x.nwAddr }); break
      case 8: out.push({ type: 'setField', field: 'ipDscp', value: x.nwTos >> 2 }); break
      case 9: out.push({ type: 'setField', field: 'tpSrc', value: x.tpPort }); break
      case 10: out.push({ type: 'setField', field: 'tpDst', value: x.tpPort }); break
      case 11: out.push({ type: 'setQueue', queueId: x.queueId, port: portFrom10(x.port) }); break
      default: unsupportedOut?.push(a)
    }
  }
  return out
}

// ---- OpenFlow 1.2/1.3 match and actions ---------------------------------------------------------------

const OFPVID_PRESENT = 0x1000
/** OXM names for tp_src/tp_dst by ip_proto. */
const L4_FIELDS: Record<number, [string, string]> = { 6: ['tcp_src', 'tcp_dst'], 17: ['udp_src', 'udp_dst'], 132: ['sctp_src', 'sctp_dst'], 1: ['icmpv4_type', 'icmpv4_code'] }
const L4_BY_NAME: Record<string, 'tpSrc' | 'tpDst'> = {
  tcp_src: 'tpSrc', tcp_dst: 'tpDst', udp_src: 'tpSrc', udp_dst: 'tpDst', sctp_src: 'tpSrc', sctp_dst: 'tpDst', icmpv4_type: 'tpSrc', icmpv4_code: 'tpDst',
}

const oxm = (field: string, value: unknown, mask?: unknown): Oxm => (mask === undefined ? { field, value } : { field, value, mask }) as Oxm

function l4Names(ipProto: number | undefined, what: string, version: number): [string, string] {
  const names = ipProto === undefined ? undefined : L4_FIELDS[ipProto]
  if (!names) unsupported(version, `${what} without ipProto 1, 6, 17 or 132`)
  return names
}

export function matchTo13(m: ModelMatch, version = OFP_VERSION_1_3): Match13 {
  const f: Oxm[] = []
  if (m.inPort !== undefined) f.push(oxm('in_port', m.inPort))
  if (m.ethDst !== undefined) f.push(oxm('eth_dst', m.ethDst))
  if (m.ethSrc !== undefined) f.push(oxm('eth_src', m.ethSrc))
  if (m.ethType !== undefined) f.push(oxm('eth_type', m.ethType))
  if (m.vlanVid !== undefined) f.push(oxm('vlan_vid', m.vlanVid === VLAN_NONE ? 0 : (m.vlanVid | OFPVID_PRESENT)))
  if (m.vlanPcp !== undefined) f.push(oxm('vlan_pcp', m.vlanPcp))
  if (m.ipDscp !== undefined) f.push(oxm('ip_dscp', m.ipDscp))
  if (m.ipProto !== undefined) f.push(oxm('ip_proto', m.ipProto))
  for (const [key, name] of [['ipv4Src', 'ipv4_src'], ['ipv4Dst', 'ipv4_dst']] as const) {
    const v = m[key]
    if (v === undefined) continue
    const { addr, prefix } = ipWithPrefix(v)
    f.push(prefix === 32 ? oxm(name, formatIpv4(addr)) : oxm(name, formatIpv4(addr), formatIpv4(prefixMask(prefix))))
  }
  if (m.tpSrc !== undefined) f.push(oxm(l4Names(m.ipProto, 'tpSrc', version)[0], m.tpSrc))
  if (m.tpDst !== undefined) f.push(oxm(l4Names(m.ipProto, 'tpDst', version)[1], m.tpDst))
  if (m.other) f.push(...m.other)
  return { fields: f }
}

export function matchFrom13(match: Match13): ModelMatch {
  const out: ModelMatch = {}
  const other: Oxm[] = []
  for (const o of match.fields) {
    const x = o as { field?: string; value?: any; mask?: any }
    const masked = x.mask !== undefined && x.mask !== null
    switch (masked ? undefined : x.field) {
      case 'in_port': out.inPort = x.value; continue
      case 'eth_dst': out.ethDst = x.value; continue
      case 'eth_src': out.ethSrc = x.value; continue
      case 'eth_type': out.ethType = x.value; continue
      case 'vlan_vid': out.vlanVid = x.value === 0 ? VLAN_NONE : x.value & 0x0fff; continue
      case 'vlan_pcp': out.vlanPcp = x.value; continue
      case 'ip_dscp': out.ipDscp = x.value; continue
      case 'ip_proto': out.ipProto = x.value; continue
      case 'ipv4_src': out.ipv4Src = x.value; continue
      case 'ipv4_dst': out.ipv4Dst = x.value; continue
    }
    if (masked && (x.field === 'ipv4_src' || x.field === 'ipv4_dst')) {
      const p = maskPrefix(parseIpv4(x.mask))
      if (p !== undefined) {
        out[x.field === 'ipv4_src' ? 'ipv4Src' : 'ipv4Dst'] = `${x.value}/${p}`
        continue
      }
    }
    if (!masked && x.field !== undefined && L4_BY_NAME[x.field]) {
      out[L4_BY_NAME[x.field]!] = x.value
      continue
    }
    other.push(o)
  }
  if (other.length) out.other = other
  return out
}

const SET_FIELD_OXM: Record<SetFieldName, string | undefined> = {
  ethDst: 'eth_dst', ethSrc: 'eth_src', vlanVid: 'vlan_vid', vlanPcp: 'vlan_pcp', ipDscp: 'ip_dscp', ipv4Src: 'ipv4_src', ipv4Dst: 'ipv4_dst',
  tpSrc: undefined, tpDst: undefined,
}

export function actionsTo13(actions: readonly ModelAction[], ipProto?: number, version = OFP_VERSION_1_3): Action13[] {
  return actions.map((a): Action13 => {
    switch (a.type) {
      case 'output': return { type: 0, port: a.port, maxLen: a.maxLen ?? MAX_LEN_NO_BUFFER }
      case 'group': return { type: 22, groupId: a.groupId }
      case 'popVlan': return { type: 18 }
      case 'pushVlan': return { type: 17, ethertype: a.ethType }
      case 'setQueue': return { type: 21, queueId: a.queueId }
      case 'setField': {
        let name = SET_FIELD_OXM[a.field]
        let value: unknown = a.value
        if (a.field === 'tpSrc' || a.field === 'tpDst') name = l4Names(ipProto, `setField ${a.field}`, version)[a.field === 'tpSrc' ? 0 : 1]
        if (a.field === 'vlanVid') value = Number(a.value) | OFPVID_PRESENT
        return { type: 25, field: oxm(name!, value) }
      }
    }
  })
}

export function actionsFrom13(list: readonly Action13[], unsupportedOut?: unknown[]): ModelAction[] {
  const out: ModelAction[] = []
  for (const a of list) {
    const x = a as Record<string, any>
    switch (a.type) {
      case 0: out.push({ type: 'output', port: x.port, maxLen: x.maxLen }); continue
      case 22: out.push({ type: 'group', groupId: x.groupId }); continue
      case 18: out.push({ type: 'popVlan' }); continue
      case 17: out.push({ type: 'pushVlan', ethType: x.ethertype }); continue
      case 21: out.push({ type: 'setQueue', queueId: x.queueId }); continue
      case 25: {
        const f = x.field as { field?: string; value?: any; mask?: unknown }
        const name = (Object.entries(SET_FIELD_OXM).find(([, v]) => v === f.field)?.[0] ?? (f.field ? L4_BY_NAME[f.field] : undefined)) as SetFieldName | undefined
        if (name && f.mask === undefined) {
          out.push({ type: 'setField', field: name, value: name === 'vlanVid' ? f.value & 0x0fff : f.value })
          continue
        }
      }
    }
    unsupportedOut?.push(a)
  }
  return out
}

const OFPIT_GOTO_TABLE = 1
const OFPIT_APPLY_ACTIONS = 4

// ---- the dispatch table ------------------------------------------------------------------------------

interface VersionAdapter {
  /** wire message type → model */
  toModel: Record<number, (m: Wire) => ModelMessage | undefined>
  fromModel: { [K in ModelKind]: (m: Extract<ModelMessage, { kind: K }>, version: number, xid: number) => Wire }
}

const v10: VersionAdapter = {
  toModel: {
    10: (m) => ({ kind: 'packetIn', version: 1, xid: m.xid, bufferId: m.bufferId, totalLen: m.totalLen, inPort: portFrom10(m.inPort), reason: m.reason, tableId: 0, cookie: 0n, match: { inPort: portFrom10(m.inPort) }, data: m.data }),
    13: (m) => ({ kind: 'packetOut', version: 1, xid: m.xid, bufferId: m.bufferId, inPort: portFrom10(m.inPort), actions: actionsFrom10(m.actions), data: m.data }),
    14: (m) => ({
      kind: 'flowMod', version: 1, xid: m.xid, command: m.command, match: matchFrom10(m.match), cookie: m.cookie, cookieMask: 0n, tableId: 0,
      idleTimeout: m.idleTimeout, hardTimeout: m.hardTimeout, priority: m.priority, bufferId: m.bufferId, outPort: portFrom10(m.outPort),
      outGroup: GROUP_ANY, flags: m.flags, actions: actionsFrom10(m.actions),
    }),
    11: (m) => ({
      kind: 'flowRemoved', version: 1, xid: m.xid, match: matchFrom10(m.match), cookie: m.cookie, priority: m.priority, reason: m.reason, tableId: 0,
      durationSec: m.durationSec, durationNsec: m.durationNsec, idleTimeout: m.idleTimeout, hardTimeout: 0, packetCount: m.packetCount, byteCount: m.byteCount,
    }),
    6: (m) => ({ kind: 'features', version: 1, xid: m.xid, datapathId: m.datapathId, nBuffers: m.nBuffers, nTables: m.nTables, capabilities: m.capabilities, auxiliaryId: 0, ports: m.ports.map(port10) }),
    12: (m) => ({ kind: 'portStatus', version: 1, xid: m.xid, reason: m.reason, port: port10(m.desc) }),
  },
  fromModel: {
    packetIn: (m, v, xid) => ({ version: v, type: 10, xid, bufferId: m.bufferId, totalLen: m.totalLen, inPort: portTo10(m.inPort), reason: m.reason, data: m.data }),
    packetOut: (m, v, xid) => ({ version: v, type: 13, xid, bufferId: m.bufferId, inPort: portTo10(m.inPort), actions: actionsTo10(m.actions), data: m.data ?? Buffer.alloc(0) }),
    flowMod: (m, v, xid) => {
      if (m.gotoTable !== undefined) unsupported(v, 'gotoTable')
      return {
        version: v, type: 14, xid, match: matchTo10(m.match), cookie: m.cookie ?? 0n, command: m.command ?? 0, idleTimeout: m.idleTimeout ?? 0,
        hardTimeout: m.hardTimeout ?? 0, priority: m.priority ?? 0x8000, bufferId: m.bufferId ?? NO_BUFFER, outPort: portTo10(m.outPort ?? PORT_ANY),
        flags: m.flags ?? 0, actions: actionsTo10(m.actions ?? []),
      }
    },
    flowRemoved: (m, v, xid) => ({
      version: v, type: 11, xid, match: matchTo10(m.match), cookie: m.cookie, priority: m.priority, reason: m.reason, durationSec: m.durationSec,
      durationNsec: m.durationNsec, idleTimeout: m.idleTimeout, packetCount: m.packetCount, byteCount: m.byteCount,
    }),
    features: (m, v, xid) => ({
      version: v, type: 6, xid, datapathId: m.datapathId, nBuffers: m.nBuffers, nTables: m.nTables, capabilities: m.capabilities, actions: 0xfff,
      ports: (m.ports ?? []).map(portTo10Phy),
    }),
    portStatus: (m, v, xid) => ({ version: v, type: 12, xid, reason: m.reason, desc: portTo10Phy(m.port) }),
    portDesc: (_m, v) => unsupported(v, 'portDesc (use the features reply ports)'),
    portDescRequest: (_m, v, xid) => ({ version: v, type: 5, xid }),
  },
}

function flowModTo13(m: FlowMod, v: number, xid: number): Wire {
  const instructions: Instruction[] = []
  if (m.actions?.length) instructions.push({ type: OFPIT_APPLY_ACTIONS, actions: actionsTo13(m.actions, m.match.ipProto, v) })
  if (m.gotoTable !== undefined) instructions.push({ type: OFPIT_GOTO_TABLE, tableId: m.gotoTable })
  return {
    version: v, type: 14, xid, cookie: m.cookie ?? 0n, cookieMask: m.cookieMask ?? 0n, tableId: m.tableId ?? 0, command: m.command ?? 0,
    idleTimeout: m.idleTimeout ?? 0, hardTimeout: m.hardTimeout ?? 0, priority: m.priority ?? 0x8000, bufferId: m.bufferId ?? NO_BUFFER,
    outPort: m.outPort ?? PORT_ANY, outGroup: m.outGroup ?? GROUP_ANY, flags: m.flags ?? 0, match: matchTo13(m.match, v), instructions,
  }
}

function flowModFrom13(m: Wire): FlowMod {
  const actions: ModelAction[] = []
  let gotoTable: number | undefined
  for (const ins of m.instructions as Instruction[]) {
    if (ins.type === OFPIT_APPLY_ACTIONS) actions.push(...actionsFrom13((ins as { actions: Action13[] }).actions))
    else if (ins.type === OFPIT_GOTO_TABLE) gotoTable = (ins as { tableId: number }).tableId
  }
  const out: FlowMod = {
    kind: 'flowMod', version: m.version, xid: m.xid, command: m.command, match: matchFrom13(m.match), cookie: m.cookie, cookieMask: m.cookieMask,
    tableId: m.tableId, idleTimeout: m.idleTimeout, hardTimeout: m.hardTimeout, priority: m.priority, bufferId: m.bufferId, outPort: m.outPort,
    outGroup: m.outGroup, flags: m.flags, actions,
  }
  if (gotoTable !== undefined) out.gotoTable = gotoTable
  return out
}

function adapter1x(version: number): VersionAdapter {
  const is13 = version === OFP_VERSION_1_3
  return {
    toModel: {
      10: (m) => {
        const match = matchFrom13(m.match)
        return {
          kind: 'packetIn', version, xid: m.xid, bufferId: m.bufferId, totalLen: m.totalLen, inPort: match.inPort ?? PORT_ANY, reason: m.reason,
          tableId: m.tableId, cookie: is13 ? m.cookie : 0n, match, data: m.data,
        }
      },
      13: (m) => ({ kind: 'packetOut', version, xid: m.xid, bufferId: m.bufferId, inPort: m.inPort, actions: actionsFrom13(m.actions), data: m.data }),
      14: flowModFrom13,
      11: (m) => ({
        kind: 'flowRemoved', version, xid: m.xid, match: matchFrom13(m.match), cookie: m.cookie, priority: m.priority, reason: m.reason, tableId: m.tableId,
        durationSec: m.durationSec, durationNsec: m.durationNsec, idleTimeout: m.idleTimeout, hardTimeout: m.hardTimeout, packetCount: m.packetCount, byteCount: m.byteCount,
      }),
      6: (m) => {
        const f: Features = { kind: 'features', version, xid: m.xid, datapathId: m.datapathId, nBuffers: m.nBuffers, nTables: m.nTables, capabilities: m.capabilities, auxiliaryId: is13 ? m.auxiliaryId : 0 }
        if (!is13) f.ports = (m.ports as Port13[]).map(port13)
        return f
      },
      12: (m) => ({ kind: 'portStatus', version, xid: m.xid, reason: m.reason, port: port13(m.desc) }),
      19: (m) => (m.mpType === 13 && is13 ? { kind: 'portDesc', version, xid: m.xid, ports: (m.body as Port13[]).map(port13), more: (m.flags & 1) === 1 } : undefined),
    },
    fromModel: {
      packetIn: (m, v, xid) => {
        const match = matchTo13({ ...m.match, inPort: m.inPort }, v)
        const w: Wire = { version: v, type: 10, xid, bufferId: m.bufferId, totalLen: m.totalLen, reason: m.reason, tableId: m.tableId ?? 0, match, data: m.data }
        if (is13) w.cookie = m.cookie ?? 0n
        return w
      },
      packetOut: (m, v, xid) => ({ version: v, type: 13, xid, bufferId: m.bufferId, inPort: m.inPort, actions: actionsTo13(m.actions, undefined, v), data: m.data ?? Buffer.alloc(0) }),
      flowMod: flowModTo13,
      flowRemoved: (m, v, xid) => ({
        version: v, type: 11, xid, cookie: m.cookie, priority: m.priority, reason: m.reason, tableId: m.tableId, durationSec: m.durationSec, durationNsec: m.durationNsec,
        idleTimeout: m.idleTimeout, hardTimeout: m.hardTimeout, packetCount: m.packetCount, byteCount: m.byteCount, match: matchTo13(m.match, v),
      }),
      features: (m, v, xid) => {
        const w: Wire = { version: v, type: 6, xid, datapathId: m.datapathId, nBuffers: m.nBuffers, nTables: m.nTables, capabilities: m.capabilities, reserved: 0 }
        if (is13) w.auxiliaryId = m.auxiliaryId ?? 0
        else w.ports = (m.ports ?? []).map(portTo13)
        return w
      },
      portStatus: (m, v, xid) => ({ version: v, type: 12, xid, reason: m.reason, desc: portTo13(m.port) }),
      portDesc: (m, v, xid) => (is13 ? { version: v, type: 19, xid, mpType: 13, flags: m.more ? 1 : 0, body: m.ports.map(portTo13) } : unsupported(v, 'portDesc (use the features reply ports)')),
      portDescRequest: (_m, v, xid) => (is13 ? { version: v, type: 18, xid, mpType: 13, flags: 0 } : { version: v, type: 5, xid }),
    },
  }
}

/** The one place that knows which version does what. */
const ADAPTERS: Readonly<Record<number, VersionAdapter>> = {
  [OFP_VERSION_1_0]: v10,
  [OFP_VERSION_1_2]: adapter1x(OFP_VERSION_1_2),
  [OFP_VERSION_1_3]: adapter1x(OFP_VERSION_1_3),
}

/** The model form of a decoded wire message, or undefined for messages outside the model. */
export function toModel(msg: { version: number; type: number; xid: number }): ModelMessage | undefined {
  const fn = ADAPTERS[msg.version]?.toModel[msg.type]
  return fn ? fn(msg) : undefined
}

/** The wire message (ready for encodeMessage) for a model message in a given version. */
export function fromModel(version: number, m: ModelMessage, xid = m.xid ?? 0): MessageInput {
  const a = ADAPTERS[version]
  if (!a) throw new UnsupportedError('OFPBRC_BAD_VERSION', `OpenFlow version ${version} is not supported`, { field: 'version' })
  const fn = a.fromModel[m.kind] as (m: ModelMessage, v: number, xid: number) => Wire
  return fn(m, version, xid)
}
