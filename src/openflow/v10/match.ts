// struct ofp_match — OpenFlow Switch Specification 1.0.0 §5.2.3. Fixed 40 bytes; `wildcards` says
// which fields are ignored, but every field is always present on the wire (so all are decoded and
// re-encoded as they are, wildcarded or not: byte-exact round trips).
//
// Two decoders: the hand-written one (DataView through WireReader, used everywhere) and a
// binary-parser one (`decodeMatch10BinaryParser`, in ./match-binary-parser.ts) kept for the benchmark's side-by-side
// comparison. `ofl bench decode` measures both; the hand-written one is the faster and stays on the
// hot paths (binary-parser builds a dictionary-mode object and a DataView per parse; npm run bench openflow).
import { formatMac } from '../../wire/mac.js'
import type { WireReader } from '../../wire/reader.js'
import type { WireWriter } from '../../wire/writer.js'
import type { Part } from '../../wire/struct.js'
import { formatIpv4, parseIpv4 } from '../addr.js'
import { OFPFW10 } from './constants.js'

export const OFP_MATCH10_SIZE = 40

export interface Match10 {
  wildcards: number // uint32_t wildcards;
  inPort: number // uint16_t in_port;
  dlSrc: string // uint8_t dl_src[6];
  dlDst: string // uint8_t dl_dst[6];
  dlVlan: number // uint16_t dl_vlan;
  dlVlanPcp: number // uint8_t dl_vlan_pcp;
  dlType: number // uint16_t dl_type;
  nwTos: number // uint8_t nw_tos;
  nwProto: number // uint8_t nw_proto;
  nwSrc: string // uint32_t nw_src; (dotted)
  nwDst: string // uint32_t nw_dst; (dotted)
  tpSrc: number // uint16_t tp_src;
  tpDst: number // uint16_t tp_dst;
}

export function decodeMatch10(r: WireReader): Match10 {
  r.need(OFP_MATCH10_SIZE, 'ofp_match')
  const dv = r.dv
  const p = r.pos
  const buf = r.buf
  r.pos = p + OFP_MATCH10_SIZE
  return {
    wildcards: dv.getUint32(p), // uint32_t wildcards;
    inPort: dv.getUint16(p + 4), // uint16_t in_port;
    dlSrc: formatMac(buf, p + 6), // uint8_t dl_src[OFP_ETH_ALEN];
    dlDst: formatMac(buf, p + 12), // uint8_t dl_dst[OFP_ETH_ALEN];
    dlVlan: dv.getUint16(p + 18), // uint16_t dl_vlan;
    dlVlanPcp: dv.getUint8(p + 20), // uint8_t dl_vlan_pcp; uint8_t pad1[1];
    dlType: dv.getUint16(p + 22), // uint16_t dl_type;
    nwTos: dv.getUint8(p + 24), // uint8_t nw_tos;
    nwProto: dv.getUint8(p + 25), // uint8_t nw_proto; uint8_t pad2[2];
    nwSrc: formatIpv4(dv.getUint32(p + 28)), // uint32_t nw_src;
    nwDst: formatIpv4(dv.getUint32(p + 32)), // uint32_t nw_dst;
    tpSrc: dv.getUint16(p + 36), // uint16_t tp_src;
    tpDst: dv.getUint16(p + 38), // uint16_t tp_dst;
  }
}

export function encodeMatch10(w: WireWriter, m: Match10): void {
  w.u32(m.wildcards).u16(m.inPort).mac(m.dlSrc).mac(m.dlDst)
  w.u16(m.dlVlan).u8(m.dlVlanPcp).zero(1) // pad1[1]
  w.u16(m.dlType).u8(m.nwTos).u8(m.nwProto).zero(2) // pad2[2]
  w.u32(parseIpv4(m.nwSrc)).u32(parseIpv4(m.nwDst)).u16(m.tpSrc).u16(m.tpDst)
}

/** A match that matches everything (all wildcard bits set, fields zero). */
/** ofp_match as a fixed 40-byte part of a layout (wire/struct.ts). */
export const MATCH10: Part<Match10> = { size: OFP_MATCH10_SIZE, read: decodeMatch10, write: encodeMatch10 }

export function matchAll10(): Match10 {
  return {
    wildcards: OFPFW10.OFPFW_ALL, inPort: 0, dlSrc: '00:00:00:00:00:00', dlDst: '00:00:00:00:00:00', dlVlan: 0, dlVlanPcp: 0,
    dlType: 0, nwTos: 0, nwProto: 0, nwSrc: '0.0.0.0', nwDst: '0.0.0.0', tpSrc: 0, tpDst: 0,
  }
}
