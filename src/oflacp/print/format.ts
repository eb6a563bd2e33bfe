// Human text for decoded OpenFlow messages, in the spirit of Open vSwitch's ofp-print
// (lib/ofp-print.c: `OFPT_PACKET_IN (OF1.3) (xid=0x0): total_len=42 in_port=6 …`): one header line
// per message with the fields that matter for that type, then indented detail lines for the rest,
// generated from the decoded (lossless) object so no field is ever hidden. Matches print OVS-style
// (`in_port=6,dl_type=0x0806`), actions as `output:6` / `set_field(vlan_vid=258)`, instructions as
// `apply_actions(…)` / `goto_table:1`, packet data as an Ethernet summary — with the LACPDU decoded
// when the frame is a slow-protocol frame (what `ofl lacp decode` finds inside packet-ins).
import { decodeSlowFrame, isLacpdu } from '../../lacp/slow.js'
import { stateNames } from '../../lacp/state.js'
import { hexdump } from '../../wire/hex.js'
import { formatMac } from '../../wire/mac.js'
import { OFPMP_NAMES } from '../../openflow/common13/constants.js'
import { messageTypeName } from '../../openflow/constants.js'
import { errorNames } from '../../openflow/errors.js'
import { VERSION_NAMES } from '../../openflow/header.js'
import { OFPAT10_NAMES, OFPP10_NAMES, OFPST10_NAMES } from '../../openflow/v10/constants.js'
import type { OfMessageOrUnknown } from '../../openflow/messages.js'
import { getOxm, type Match } from '../../openflow/common13/oxm.js'
import type { Action } from '../../openflow/common13/actions.js'
import type { Instruction } from '../../openflow/common13/instructions.js'
import type { Match10 } from '../../openflow/v10/match.js'
import type { Action10 } from '../../openflow/v10/actions.js'

const OFPAT13_NAMES: Record<number, string> = {
  0: 'output', 11: 'copy_ttl_out', 12: 'copy_ttl_in', 15: 'set_mpls_ttl', 16: 'dec_mpls_ttl', 17: 'push_vlan',
  18: 'pop_vlan', 19: 'push_mpls', 20: 'pop_mpls', 21: 'set_queue', 22: 'group', 23: 'set_nw_ttl', 24: 'dec_nw_ttl',
  25: 'set_field', 26: 'push_pbb', 27: 'pop_pbb', 0xffff: 'experimenter',
}
const OFPIT_NAMES: Record<number, string> = {
  1: 'goto_table', 2: 'write_metadata', 3: 'write_actions', 4: 'apply_actions', 5: 'clear_actions', 6: 'meter', 0xffff: 'experimenter',
}
const OFPP13_NAMES: Record<number, string> = {
  0xfffffff8: 'IN_PORT', 0xfffffff9: 'TABLE', 0xfffffffa: 'NORMAL', 0xfffffffb: 'FLOOD', 0xfffffffc: 'ALL',
  0xfffffffd: 'CONTROLLER', 0xfffffffe: 'LOCAL', 0xffffffff: 'ANY',
}
const PACKET_IN_REASONS: Record<number, string> = { 0: 'no_match', 1: 'action', 2: 'invalid_ttl' }
const FLOW_MOD_COMMANDS: Record<number, string> = { 0: 'ADD', 1: 'MOD', 2: 'MOD_STRICT', 3: 'DEL', 4: 'DEL_STRICT' }
const FLOW_REMOVED_REASONS: Record<number, string> = { 0: 'idle', 1: 'hard', 2: 'delete', 3: 'group_delete' }
const PORT_STATUS_REASONS: Record<number, string> = { 0: 'ADD', 1: 'DELETE', 2: 'MODIFY' }

export interface FormatOptions {
  /** Add a hexdump of the message bytes and of every payload. */
  verbose?: boolean
}

const hex = (n: number | bigint, pad = 0): string => `0x${n.toString(16).padStart(pad, '0')}`

/** A port number with its reserved name (`CONTROLLER`, `LOCAL`, …). */
export function formatPort(version: number, port: number): string {
  if (version === 1) return OFPP10_NAMES[port]?.replace(/^OFPP_/, '') ?? String(port)
  return OFPP13_NAMES[port] ?? String(port)
}

/** "OFPT_PACKET_IN (OF1.3) (xid=0x0)". */
export function formatHeaderName(version: number, type: number, xid: number): string {
  const v = VERSION_NAMES[version] ?? `0x${version.toString(16).padStart(2, '0')}`
  return `${messageTypeName(version, type)} (OF${v}) (xid=${hex(xid)})`
}

/** The printers below walk decoded structures generically, by field name. */
type Loose = Record<string, any>

// ---- matches ----------------------------------------------------------------------------------

const OFPFW10_NW_SRC_SHIFT = 8
const OFPFW10_NW_DST_SHIFT = 14

/** OF1.0 ofp_match: only the fields the wildcards do not cover (OVS prints the same). */
function formatMatch10(m: Record<string, any>): string {
  const w = m.wildcards as number
  const out: string[] = []
  const add = (bit: number, name: string, v: string): void => {
    if ((w & bit) === 0) out.push(`${name}=${v}`)
  }
  add(1, 'in_port', String(m.inPort))
  add(2, 'dl_vlan', String(m.dlVlan))
  add(1 << 20, 'dl_vlan_pcp', String(m.dlVlanPcp))
  add(4, 'dl_src', m.dlSrc)
  add(8, 'dl_dst', m.dlDst)
  add(0x10, 'dl_type', hex(m.dlType, 4))
  add(1 << 21, 'nw_tos', String(m.nwTos))
  add(0x20, 'nw_proto', String(m.nwProto))
  for (const [shift, name, v] of [[OFPFW10_NW_SRC_SHIFT, 'nw_src', m.nwSrc], [OFPFW10_NW_DST_SHIFT, 'nw_dst', m.nwDst]] as const) {
    const bits = (w >> shift) & 0x3f
    if (bits < 32) out.push(`${name}=${v}${bits ? `/${32 - bits}` : ''}`)
  }
  add(0x40, 'tp_src', String(m.tpSrc))
  add(0x80, 'tp_dst', String(m.tpDst))
  return out.length ? out.join(',') : 'any'
}

/** OXM fields OVS prints in hex; the others (ports, vlan ids, labels, codes) in decimal. */
const OXM_HEX = new Set(['mask', 'eth_type', 'metadata', 'tunnel_id', 'ipv6_exthdr', 'ipv6_flabel', 'pbb_isid', 'tcp_flags'])

function oxmValue(v: unknown, field = ''): string {
  if (typeof v === 'number') return OXM_HEX.has(field) ? hex(v) : String(v)
  if (typeof v === 'bigint') return hex(v)
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')
  return String(v)
}

/** OF1.2/1.3 OXM match: `in_port=6,eth_type=0x806`, masks as `/mask`. */
function formatOxm(m: { fields?: Array<Record<string, any>> }): string {
  const f = m.fields ?? []
  if (!f.length) return 'any'
  return f
    .map((x) => {
      const name = typeof x.field === 'string' ? x.field : `oxm(class=${hex(x.oxmClass ?? 0)},field=${x.oxmField ?? x.field}${x.hasMask ? ',masked' : ''})`
      const value = x.value !== undefined ? oxmValue(x.value, name) : x.data !== undefined ? oxmValue(x.data) : ''
      return `${name}=${value}${x.mask !== undefined ? `/${oxmValue(x.mask, OXM_HEX.has(name) ? name : 'mask')}` : ''}`
    })
    .join(',')
}

export function formatMatch(version: number, m: Match10 | Match | undefined): string {
  if (!m) return 'any'
  return version === 1 ? formatMatch10(m as Loose) : formatOxm(m as Loose)
}

// ---- actions and instructions -------------------------------------------------------------------

function kv(o: Record<string, any>, skip: ReadonlySet<string>, version: number): string {
  return Object.entries(o)
    .filter(([k, v]) => !skip.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${scalar(k, v, version)}`)
    .join(',')
}

const ACTION_SKIP = new Set(['type', 'len', 'length'])

export function formatAction(version: number, action: Action10 | Action): string {
  const a = action as Loose
  const name = version === 1 ? (OFPAT10_NAMES[a.type]?.replace(/^OFPAT_/, '').toLowerCase() ?? `action${a.type}`) : (OFPAT13_NAMES[a.type] ?? `action${a.type}`)
  if (a.type === 0 && a.port !== undefined) {
    const port = formatPort(version, a.port)
    return port === 'CONTROLLER' ? `CONTROLLER:${a.maxLen}` : `output:${port}`
  }
  if (name === 'set_field' && a.field) return `set_field(${formatOxm({ fields: [a.field] })})`
  const args = kv(a, ACTION_SKIP, version)
  return args ? `${name}(${args})` : name
}

export function formatActions(version: number, actions: ReadonlyArray<Action10 | Action> | undefined): string {
  if (!actions || !actions.length) return 'drop'
  return actions.map((a) => formatAction(version, a)).join(',')
}

function formatInstruction(version: number, i: Record<string, any>): string {
  const name = OFPIT_NAMES[i.type] ?? `instruction${i.type}`
  if (Array.isArray(i.actions)) return `${name}(${formatActions(version, i.actions)})`
  if (i.tableId !== undefined && i.type === 1) return `goto_table:${i.tableId}`
  if (i.meterId !== undefined) return `meter:${i.meterId}`
  const args = kv(i, ACTION_SKIP, version)
  return args ? `${name}(${args})` : name
}

export function formatInstructions(version: number, ins: readonly Instruction[] | undefined): string {
  if (!ins || !ins.length) return 'drop'
  return ins.map((i) => formatInstruction(version, i as Loose)).join(',')
}

// ---- packet data ----------------------------------------------------------------------------------

/** One line about an Ethernet frame carried in a packet-in/packet-out: addresses, type, LACPDU. */
export function formatFrameSummary(data: Buffer): string {
  if (data.length < 14) return `${data.length} bytes`
  const dst = formatMac(data, 0)
  const src = formatMac(data, 6)
  let type = (data[12]! << 8) | data[13]!
  let off = 14
  const vlans: number[] = []
  while ((type === 0x8100 || type === 0x88a8) && data.length >= off + 4) {
    vlans.push(((data[off]! << 8) | data[off + 1]!) & 0x0fff)
    type = (data[off + 2]! << 8) | data[off + 3]!
    off += 4
  }
  let s = `${src} > ${dst}${vlans.length ? ` vlan ${vlans.join('.')}` : ''}, ethertype ${hex(type, 4)}, ${data.length} bytes`
  if (type === 0x8809) {
    try {
      const f = decodeSlowFrame(data)
      const p = f.pdu
      if (isLacpdu(p)) {
        s += `: LACPv${p.version} actor ${p.actor.system} key ${p.actor.key} port ${p.actor.port} [${stateNames(p.actor.state)}], partner ${p.partner.system} key ${p.partner.key} port ${p.partner.port} [${stateNames(p.partner.state)}]`
      } else {
        s += `: slow protocol subtype ${p.subtype}`
      }
    } catch (e) {
      s += `: slow protocol, undecodable (${(e as { code?: string }).code ?? 'error'})`
    }
  }
  return s
}

// ---- generic field rendering ------------------------------------------------------------------------

const HEX_KEYS = /cookie|datapathId|metadata|mask|Mask|capabilities|actions$|config|state$|flags|wildcards|experimenter|vendor|generationId/

function scalar(key: string, v: unknown, version: number): string {
  if (typeof v === 'bigint') return HEX_KEYS.test(key) ? hex(v) : v.toString()
  if (typeof v === 'number') {
    if (/port$|Port$|^port|outPort|inPort/.test(key) && !/count|Count/.test(key)) return formatPort(version, v)
    if (HEX_KEYS.test(key) && v > 9) return hex(v)
    return String(v)
  }
  if (v instanceof Uint8Array) return v.length ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex') : '""'
  if (typeof v === 'string') return /[\s,=]/.test(v) || v === '' ? JSON.stringify(v) : v
  if (typeof v === 'boolean' || v === null) return String(v)
  return JSON.stringify(v)
}

function isPlain(v: unknown): boolean {
  return typeof v !== 'object' || v === null || v instanceof Uint8Array
}

const HEADER_SKIP = new Set(['version', 'type', 'xid', 'length'])

/** Fields → "k=v k=v" for scalars, then indented blocks for nested objects and arrays. */
function genericLines(o: Record<string, any>, version: number, indent: string, skip: ReadonlySet<string>, out: string[], opts: FormatOptions): string {
  const flat: string[] = []
  for (const [k, v] of Object.entries(o)) {
    if (skip.has(k) || v === undefined) continue
    if (k === 'match' && v && typeof v === 'object' && !Array.isArray(v)) {
      flat.push(`match=${formatMatch(version, v)}`)
    } else if (k === 'actions' && Array.isArray(v) && v.every((a) => a !== null && typeof a === 'object' && !(a instanceof Uint8Array))) {
      flat.push(`actions=${formatActions(version, v)}`)
    } else if (k === 'instructions' && Array.isArray(v) && v.every((a) => a !== null && typeof a === 'object')) {
      flat.push(`instructions=${formatInstructions(version, v)}`)
    } else if (isPlain(v)) {
      if (v instanceof Uint8Array && v.length > 32 && !opts.verbose) flat.push(`${k}=(${v.length} bytes)`)
      else flat.push(`${k}=${scalar(k, v, version)}`)
      if (v instanceof Uint8Array && v.length > 32 && opts.verbose) out.push(hexdump(v, indent + '  '))
    } else if (Array.isArray(v)) {
      if (v.every(isPlain)) {
        flat.push(`${k}=[${v.map((x) => scalar(k, x, version)).join(',')}]`)
        continue
      }
      out.push(`${indent}${k}: ${v.length} entr${v.length === 1 ? 'y' : 'ies'}`)
      v.forEach((x, i) => {
        const sub: string[] = []
        const line = genericLines(x as Record<string, any>, version, indent + '    ', new Set(), sub, opts)
        out.push(`${indent}  ${i}: ${line}`, ...sub)
      })
    } else {
      const sub: string[] = []
      const line = genericLines(v as Record<string, any>, version, indent + '  ', new Set(), sub, opts)
      out.push(`${indent}${k}: ${line}`, ...sub)
    }
  }
  return flat.join(' ')
}

/** The type-specific one-line part after "OFPT_… (OF1.x) (xid=…): ", and the fields it consumed. */
function summary(m: OfMessageOrUnknown): { text: string; used: string[] } {
  const v = m.version
  switch (m.type) {
    case 1: {
      if (!('errType' in m)) break
      const n = errorNames(v, m.errType, 'code' in m ? m.code : 0)
      let text = `${n.type} ${n.code}`
      const d = m.data
      if (d && d.length >= 8 && d[0] === v) {
        // the offending request (its first bytes, at least 64: spec 1.0 §5.4.4, 1.3 §7.4.4)
        text += ` data: ${formatHeaderName(d[0], d[1]!, ((d[4]! << 24) | (d[5]! << 16) | (d[6]! << 8) | d[7]!) >>> 0)} length ${(d[2]! << 8) | d[3]!}, ${d.length} bytes present`
      }
      return { text, used: ['errType', 'code'] }
    }
    case 6:
      if (!('datapathId' in m)) break
      return {
        text: `dpid:${m.datapathId.toString(16).padStart(16, '0')} n_tables:${m.nTables} n_buffers:${m.nBuffers}`,
        used: ['datapathId', 'nTables', 'nBuffers'],
      }
    case 10: {
      if (!('bufferId' in m)) break
      const inPort = m.version === 1 ? m.inPort : getOxm(m.match, 'in_port')?.value
      const parts = [`total_len=${m.totalLen}`]
      if (inPort !== undefined) parts.push(`in_port=${formatPort(v, inPort)}`)
      parts.push(`(via ${PACKET_IN_REASONS[m.reason] ?? m.reason})`)
      if ('tableId' in m) parts.push(`table_id=${m.tableId}`)
      if ('cookie' in m) parts.push(`cookie=${hex(m.cookie)}`)
      parts.push(`data_len=${m.data.length}`)
      parts.push(m.bufferId === 0xffffffff ? '(unbuffered)' : `buffer=${hex(m.bufferId, 8)}`)
      return { text: parts.join(' '), used: ['bufferId', 'totalLen', 'inPort', 'reason', 'tableId', 'cookie', 'data'] }
    }
    case 13: {
      if (!('bufferId' in m)) break
      const parts = [`in_port=${formatPort(v, m.inPort)}`, `actions=${formatActions(v, m.actions)}`]
      parts.push(m.bufferId === 0xffffffff ? `data_len=${m.data.length}` : `buffer=${hex(m.bufferId, 8)}`)
      return { text: parts.join(' '), used: ['bufferId', 'inPort', 'actions', 'data'] }
    }
    case 14: {
      if (!('command' in m)) break
      const parts = [FLOW_MOD_COMMANDS[m.command] ?? `command=${m.command}`]
      if ('tableId' in m) parts.push(`table:${m.tableId}`)
      parts.push(`priority=${m.priority}`, formatMatch(v, m.match))
      return { text: parts.join(' '), used: ['command', 'tableId', 'priority', 'match'] }
    }
    case 11:
      if (!('reason' in m && 'match' in m)) break
      return {
        text: `${formatMatch(v, m.match)} reason=${FLOW_REMOVED_REASONS[m.reason] ?? m.reason} priority=${m.priority}`,
        used: ['match', 'reason', 'priority'],
      }
    case 12:
      if (!('desc' in m)) break
      return { text: `${PORT_STATUS_REASONS[m.reason] ?? m.reason}: ${m.desc.portNo ?? ''}(${m.desc.name ?? ''})`, used: ['reason'] }
  }
  if ((v === 1 && (m.type === 16 || m.type === 17)) || (v !== 1 && (m.type === 18 || m.type === 19))) {
    const st = 'statsType' in m ? m.statsType : 'mpType' in m ? m.mpType : undefined
    if (st !== undefined && 'flags' in m) {
      const name = v === 1 ? (OFPST10_NAMES[st] ?? `type ${st}`) : (OFPMP_NAMES[st] ?? `type ${st}`)
      return { text: `${name.replace(/^OFP(ST|MP)_/, '').toLowerCase()}${m.flags ? ` flags=${hex(m.flags)}` : ''}`, used: ['statsType', 'mpType', 'flags'] }
    }
  }
  return { text: '', used: [] }
}

/** Format one decoded message: header line + indented details (+ hexdump of `bytes` when verbose). */
export function formatMessage(m: OfMessageOrUnknown, opts: FormatOptions = {}, bytes?: Buffer): string {
  const { text, used } = summary(m)
  const skip = new Set([...HEADER_SKIP, ...used])
  const detail: string[] = []
  const rest = genericLines(m, m.version, '  ', skip, detail, opts)
  let head = `${formatHeaderName(m.version, m.type, m.xid)}:`
  const line = [text, rest].filter(Boolean).join(' ')
  if (line) head += ` ${line}`
  const lines = [head, ...detail]
  const data = (m.type === 10 || m.type === 13) && 'data' in m ? m.data : undefined
  if (data && data.length) {
    lines.push(`  frame: ${formatFrameSummary(data)}`)
    if (opts.verbose) lines.push(hexdump(data, '    '))
  }
  if (opts.verbose && bytes) lines.push(hexdump(bytes, '  '))
  return lines.join('\n')
}
