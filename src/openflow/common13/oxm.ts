// OXM TLVs and struct ofp_match (OFPMT_OXM) — OpenFlow 1.3.5 §7.2.2 (1.2 §A.2.3).
//
// ofp_match: uint16_t type; uint16_t length (excludes padding); OXM TLVs; pad to a multiple of 8.
// OXM header: uint16_t oxm_class; uint7 oxm_field; uint1 oxm_hasmask; uint8_t oxm_length (payload bytes).
//
// OFPXMC_OPENFLOW_BASIC fields are typed: ≤ 32-bit → number, 64-bit (metadata, tunnel_id) → bigint,
// MAC → "aa:bb:cc:dd:ee:ff", IPv4 → dotted, IPv6 → RFC 5952 text; masks have the value's type. The
// 3-byte pbb_isid is a number. Non-zero match padding (seen from real switches) is kept, see Match.pad. Every other class (Nicira NXM 0x0000/0x0001, experimenter 0xffff with its
// experimenter id first) and unknown basic fields are kept raw and re-encode unchanged.
import { MalformedError } from '../../wire/errors.js'
import { formatMac, parseMac } from '../../wire/mac.js'
import { asBigInt, asBytes } from '../../wire/json.js'
import type { WireReader } from '../../wire/reader.js'
import type { WireWriter } from '../../wire/writer.js'
import type { Part } from '../../wire/struct.js'
import { OFPMT_OXM, OFPXMC_OPENFLOW_BASIC } from './constants.js'
import { formatIpv4, formatIpv6, pad8, parseIpv4, parseIpv6 } from './util.js'

type Kind = 'u8' | 'u16' | 'u24' | 'u32' | 'u64' | 'mac' | 'ipv4' | 'ipv6'

/** The 40 OpenFlow-basic fields, indexed by OFPXMT_OFB_* number (1.3.5 §7.2.3.7, Table 12). */
export const OXM_FIELDS = [
  ['in_port', 'u32'], ['in_phy_port', 'u32'], ['metadata', 'u64'], ['eth_dst', 'mac'], ['eth_src', 'mac'],
  ['eth_type', 'u16'], ['vlan_vid', 'u16'], ['vlan_pcp', 'u8'], ['ip_dscp', 'u8'], ['ip_ecn', 'u8'],
  ['ip_proto', 'u8'], ['ipv4_src', 'ipv4'], ['ipv4_dst', 'ipv4'], ['tcp_src', 'u16'], ['tcp_dst', 'u16'],
  ['udp_src', 'u16'], ['udp_dst', 'u16'], ['sctp_src', 'u16'], ['sctp_dst', 'u16'], ['icmpv4_type', 'u8'],
  ['icmpv4_code', 'u8'], ['arp_op', 'u16'], ['arp_spa', 'ipv4'], ['arp_tpa', 'ipv4'], ['arp_sha', 'mac'],
  ['arp_tha', 'mac'], ['ipv6_src', 'ipv6'], ['ipv6_dst', 'ipv6'], ['ipv6_flabel', 'u32'], ['icmpv6_type', 'u8'],
  ['icmpv6_code', 'u8'], ['ipv6_nd_target', 'ipv6'], ['ipv6_nd_sll', 'mac'], ['ipv6_nd_tll', 'mac'],
  ['mpls_label', 'u32'], ['mpls_tc', 'u8'], ['mpls_bos', 'u8'], ['pbb_isid', 'u24'], ['tunnel_id', 'u64'],
  ['ipv6_exthdr', 'u16'],
] as const satisfies ReadonlyArray<readonly [string, Kind]>

type Fields = typeof OXM_FIELDS
export type OxmName = Fields[number][0]
type KindOf<N extends OxmName> = Extract<Fields[number], readonly [N, Kind]>[1]
type ValueOfKind<K extends Kind> = K extends 'u64' ? bigint : K extends 'mac' | 'ipv4' | 'ipv6' ? string : number
export type OxmValue<N extends OxmName = OxmName> = ValueOfKind<KindOf<N>>

/** A typed OpenFlow-basic OXM TLV. `mask` present ⇔ oxm_hasmask. */
export type OxmTlv = {
  [N in OxmName]: { field: N; value: OxmValue<N>; mask?: OxmValue<N> }
}[OxmName]

/** Any other OXM (other classes, unknown basic fields): header fields plus the payload as a view. */
export interface OxmRaw {
  oxmClass: number
  oxmField: number
  hasMask: boolean
  /** Payload after the 4-byte header (for class 0xffff it starts with the experimenter id). View. */
  data: Buffer
}

export type Oxm = OxmTlv | OxmRaw

export interface Match {
  /** OXM TLVs in wire order. */
  fields: Oxm[]
  /**
   * The padding bytes, present only when they are not all zero. The spec says zero, but real switches
   * leak memory there (tcpdump's of13_ericsson.pcapng flow-stats reply: `b8 b8 2a 7f 00 00`); ofl
   * accepts it like tshark and Ryu do, and keeps it so the message re-encodes byte-exactly. View.
   */
  pad?: Buffer
}

const SIZE: Record<Kind, number> = { u8: 1, u16: 2, u24: 3, u32: 4, u64: 8, mac: 6, ipv4: 4, ipv6: 16 }
const BY_NAME = new Map<string, number>(OXM_FIELDS.map(([n], i) => [n, i]))

export const OXM_FIELD_NUMBER: Readonly<Record<OxmName, number>> = Object.fromEntries(OXM_FIELDS.map(([n], i) => [n, i])) as Record<OxmName, number>

/** Payload size (without mask) of a basic field. */
export function oxmFieldSize(name: OxmName): number {
  return SIZE[OXM_FIELDS[BY_NAME.get(name)!]![1]]
}

export function isRawOxm(o: Oxm): o is OxmRaw {
  return (o as OxmRaw).oxmClass !== undefined
}

function readValue(r: WireReader, kind: Kind): number | bigint | string {
  switch (kind) {
    case 'u8': return r.u8()
    case 'u16': return r.u16()
    case 'u24': return r.u24()
    case 'u32': return r.u32()
    case 'u64': return r.u64()
    case 'mac': { const at = r.pos; r.skip(6); return formatMac(r.buf, at) }
    case 'ipv4': { const at = r.pos; r.skip(4); return formatIpv4(r.buf, at) }
    case 'ipv6': { const at = r.pos; r.skip(16); return formatIpv6(r.buf, at) }
  }
}

function writeValue(w: WireWriter, kind: Kind, v: unknown, name: string): void {
  switch (kind) {
    case 'u8': w.u8(num(v, name)); break
    case 'u16': w.u16(num(v, name)); break
    case 'u24': w.u24(num(v, name)); break
    case 'u32': w.u32(num(v, name)); break
    case 'u64': w.u64(v as bigint); break
    case 'mac': w.bytes(parseMac(String(v))); break
    case 'ipv4': w.bytes(parseIpv4(String(v))); break
    case 'ipv6': w.bytes(parseIpv6(String(v))); break
  }
}

function num(v: unknown, name: string): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v
  if (typeof v === 'bigint' || typeof v === 'string') return Number(asBigInt(v))
  throw new MalformedError('BAD_OXM_VALUE', `OXM ${name}: not an integer: ${String(v)}`, { field: name })
}

/**
 * Decode one OXM TLV at the reader's position, bounded by `end` (default: the reader's end; the match
 * decoder passes the end of the ofp_match instead of allocating a sub-reader — this is the packet-in
 * hot path).
 */
export function decodeOxm(r: WireReader, end = r.end): Oxm {
  const at = r.pos
  if (end - at < 4) {
    throw new MalformedError('OFPBMC_BAD_LEN', `OXM header needs 4 bytes, ${end - at} left`, { offset: at, field: 'oxm_header' })
  }
  const oxmClass = r.u16() // uint16_t oxm_class;
  const fh = r.u8() // uint7 oxm_field; uint1 oxm_hasmask;
  const len = r.u8() // uint8_t oxm_length;
  if (len > end - r.pos) {
    throw new MalformedError('OFPBMC_BAD_LEN', `OXM length ${len} overruns the match (${end - r.pos} left)`, { offset: at + 3, field: 'oxm_length' })
  }
  const oxmField = fh >>> 1
  const hasMask = (fh & 1) === 1
  const def = oxmClass === OFPXMC_OPENFLOW_BASIC ? OXM_FIELDS[oxmField] : undefined
  if (def === undefined) return { oxmClass, oxmField, hasMask, data: r.bytes(len) }
  const size = SIZE[def[1]]
  if (len !== (hasMask ? 2 * size : size)) {
    throw new MalformedError('OFPBMC_BAD_LEN', `OXM ${def[0]}: length ${len}, expected ${hasMask ? 2 * size : size}`, { offset: at + 3, field: def[0] })
  }
  const value = readValue(r, def[1])
  if (!hasMask) return { field: def[0], value } as OxmTlv
  return { field: def[0], value, mask: readValue(r, def[1]) } as OxmTlv
}

export function encodeOxm(w: WireWriter, o: Oxm): void {
  if (isRawOxm(o)) {
    const data = asBytes(o.data)
    w.u16(o.oxmClass).u8((o.oxmField << 1) | (o.hasMask ? 1 : 0)).u8(data.length).bytes(data)
    return
  }
  const id = BY_NAME.get(o.field)
  if (id === undefined) throw new MalformedError('BAD_OXM_FIELD', `unknown OXM field ${JSON.stringify(o.field)}`, { field: 'oxm' })
  const kind = OXM_FIELDS[id]![1]
  const hasMask = o.mask !== undefined && o.mask !== null
  w.u16(OFPXMC_OPENFLOW_BASIC).u8((id << 1) | (hasMask ? 1 : 0)).u8(hasMask ? 2 * SIZE[kind] : SIZE[kind])
  writeValue(w, kind, o.value, o.field)
  if (hasMask) writeValue(w, kind, o.mask, o.field)
}

/** Decode a list of OXM TLVs filling `r` (set-field payloads, flow-monitor bodies…). */
export function decodeOxmList(r: WireReader): Oxm[] {
  const out: Oxm[] = []
  while (r.pos < r.end) out.push(decodeOxm(r))
  return out
}

export const OFP_MATCH_HEADER = 4

/** struct ofp_match: reads the header, the TLVs (bounded by `length`) and the zero padding to 8. */
export function decodeMatch(r: WireReader): Match {
  const at = r.pos
  r.need(OFP_MATCH_HEADER, 'ofp_match')
  const type = r.u16() // uint16_t type;
  const length = r.u16() // uint16_t length; (excludes padding)
  if (length < OFP_MATCH_HEADER) {
    throw new MalformedError('OFPBMC_BAD_LEN', `ofp_match length ${length} is below 4`, { offset: at + 2, field: 'ofp_match.length' })
  }
  if (type !== OFPMT_OXM) {
    throw new MalformedError('OFPBMC_BAD_TYPE', `ofp_match type ${type} is not OFPMT_OXM`, { offset: at, field: 'ofp_match.type' })
  }
  const end = at + length
  if (end > r.end) r.truncated(length - OFP_MATCH_HEADER, 'ofp_match.oxm_fields')
  const fields: Oxm[] = []
  while (r.pos < end) fields.push(decodeOxm(r, end)) // OXM TLVs, each checked against the match end
  const pad = r.bytes(pad8(length), 'ofp_match padding') // uint8_t pad[]; (missing padding → TRUNCATED)
  for (let i = 0; i < pad.length; i++) if (pad[i] !== 0) return { fields, pad }
  return { fields }
}

export function encodeMatch(w: WireWriter, m: Match): void {
  const start = w.pos
  w.u16(OFPMT_OXM).u16(0)
  for (const f of m.fields) encodeOxm(w, f)
  const length = w.pos - start
  w.patchU16(start + 2, length)
  const pad = m.pad === undefined ? undefined : asBytes(m.pad)
  if (pad !== undefined && pad.length === pad8(length)) w.bytes(pad)
  else w.zero(pad8(length))
}

/** The first basic OXM named `name` in a match, or undefined. */
/** ofp_match (OXM, padded to 8) as a variable part of a layout (wire/struct.ts). */
export const MATCH: Part<Match> = { read: decodeMatch, write: encodeMatch }

export function getOxm<N extends OxmName>(m: Match, name: N): Extract<OxmTlv, { field: N }> | undefined {
  for (const f of m.fields) if ((f as OxmTlv).field === name) return f as Extract<OxmTlv, { field: N }>
  return undefined
}
