// Slow-protocol frames — IEEE 802.3 Annex 57A (framing, subtypes) and 802.1AX-2014 §6.2.11.2
// (destination addresses); tcpdump print-slow.c.
//
// `decodeSlowFrame` takes a whole Ethernet frame, peels any VLAN tags, requires EtherType 0x8809 and
// dispatches on the subtype: 1 → LACPDU, 2 → Marker PDU, anything else → the raw body. Frame-level
// problems that leave the PDU readable are issues, as in the PDU decoders: a destination outside the
// three slow-protocol addresses (Wireshark has only a FIXME for this check), a frame over 128 octets,
// a VLAN tag (slow protocols are untagged by definition), an illegal (0, 11–255) or reserved (4–9)
// subtype.
import { TruncatedError, UnsupportedError } from '../wire/errors.js'
import { WireWriter } from '../wire/writer.js'
import { asBytes, type BytesLike } from '../wire/json.js'
import { decodeEthernet, encodeEthernet, ETH_HEADER_SIZE, VLAN_TAG_SIZE, type EthernetFrame, type EthernetVlanTag } from '../ethernet/ethernet.js'
import {
  ETH_TYPE_SLOW, SLOW_DESTINATIONS, SLOW_MAX_FRAME, SLOW_PROTOCOLS_MULTICAST, SLOW_SUBTYPE_LACP, SLOW_SUBTYPE_MARKER,
  SLOW_SUBTYPE_OAM, SLOW_SUBTYPE_OSSP,
} from './constants.js'
import type { DecodeIssue } from './issues.js'
import { decodeLacpdu, encodeLacpdu, lacpduLength, type LacpDu, type LacpDuInput } from './lacpdu.js'
import { decodeMarker, encodeMarker, markerLength, type MarkerPdu, type MarkerPduInput } from './marker.js'

/** A slow protocol ofl does not decode (OAM, OSSP, reserved or illegal subtypes). */
export interface SlowOtherPdu {
  subtype: number
  /** The bytes after the subtype octet. View into the input; copy before retaining. */
  body: Buffer
  issues: DecodeIssue[]
}

export type SlowPdu = LacpDu | MarkerPdu | SlowOtherPdu

export interface SlowFrame {
  eth: EthernetFrame
  pdu: SlowPdu
  /** Frame-level issues followed by the PDU's own (all offsets absolute in the frame buffer). */
  issues: DecodeIssue[]
}

export function isLacpdu(pdu: SlowPdu): pdu is LacpDu {
  return pdu.subtype === SLOW_SUBTYPE_LACP && 'actor' in pdu
}
export function isMarkerPdu(pdu: SlowPdu): pdu is MarkerPdu {
  return pdu.subtype === SLOW_SUBTYPE_MARKER && 'tlvType' in pdu
}

/** Name of a slow-protocol subtype (802.3 Table 57A-3). */
export function slowSubtypeName(subtype: number): string {
  switch (subtype) {
    case SLOW_SUBTYPE_LACP: return 'LACP'
    case SLOW_SUBTYPE_MARKER: return 'Marker'
    case SLOW_SUBTYPE_OAM: return 'OAM'
    case SLOW_SUBTYPE_OSSP: return 'OSSP'
    default: return subtype >= 4 && subtype <= 9 ? 'reserved' : 'illegal'
  }
}

/**
 * Decode a whole slow-protocol Ethernet frame in buf[off, end).
 * Throws TruncatedError (short header or PDU), UnsupportedError `NOT_SLOW_PROTOCOL` (EtherType is not
 * 0x8809) and the PDU decoders' MalformedErrors (`LACP_TLV_OVERRUN`).
 */
export function decodeSlowFrame(buf: Buffer, off = 0, end = buf.length): SlowFrame {
  const eth = decodeEthernet(buf, off, end)
  if (eth.ethertype !== ETH_TYPE_SLOW) {
    throw new UnsupportedError('NOT_SLOW_PROTOCOL', `EtherType 0x${eth.ethertype.toString(16).padStart(4, '0')} is not Slow Protocols (0x8809)`, { offset: eth.payloadOffset - 2, field: 'ethertype' })
  }
  const issues: DecodeIssue[] = []
  if (!SLOW_DESTINATIONS.includes(eth.dst)) {
    issues.push({ code: 'SLOW_BAD_DST_MAC', message: `destination ${eth.dst} is not a slow-protocol address (${SLOW_DESTINATIONS.join(', ')})`, offset: off })
  }
  if (eth.vlans.length > 0) issues.push({ code: 'SLOW_VLAN_TAGGED', message: `slow-protocol frame carries ${eth.vlans.length} VLAN tag(s) (VID ${eth.vlans[0]!.vid})`, offset: off + 12 })
  if (end - off > SLOW_MAX_FRAME) issues.push({ code: 'SLOW_FRAME_TOO_LONG', message: `frame is ${end - off} octets, the slow-protocol maximum is ${SLOW_MAX_FRAME}`, offset: off + SLOW_MAX_FRAME })
  const p = eth.payloadOffset
  if (end - p < 1) throw new TruncatedError(1, 0, { offset: p, field: 'slow subtype' })
  const subtype = buf[p]!
  let pdu: SlowPdu
  if (subtype === SLOW_SUBTYPE_LACP) pdu = decodeLacpdu(buf, p, end)
  else if (subtype === SLOW_SUBTYPE_MARKER) pdu = decodeMarker(buf, p, end)
  else {
    const own: DecodeIssue[] = []
    if (subtype === 0 || subtype > SLOW_SUBTYPE_OSSP) own.push({ code: 'SLOW_ILLEGAL_SUBTYPE', message: `illegal slow-protocol subtype ${subtype}`, offset: p })
    else if (subtype >= 4 && subtype <= 9) own.push({ code: 'SLOW_RESERVED_SUBTYPE', message: `reserved slow-protocol subtype ${subtype}`, offset: p })
    pdu = { subtype, body: buf.subarray(p + 1, end), issues: own }
  }
  for (const i of pdu.issues) issues.push(i)
  return { eth, pdu, issues }
}

export interface SlowFrameInput {
  /** Source MAC: the sending port's own address. */
  src: string
  /** Default 01:80:c2:00:00:02. */
  dst?: string
  /** Optional tags (non-standard for slow protocols; useful to test receivers). */
  vlans?: Array<Partial<EthernetVlanTag> & { vid: number }>
  pdu: (LacpDuInput & { subtype?: 1 }) | (MarkerPduInput & { subtype: 2 }) | SlowOtherPduInput
}

/** Any other subtype: the octet and the body after it, written as given. */
export interface SlowOtherPduInput {
  subtype: number
  body: BytesLike
  issues?: unknown
}

function isOtherInput(p: SlowFrameInput['pdu']): p is SlowOtherPduInput {
  return 'body' in p && p.subtype !== SLOW_SUBTYPE_LACP && p.subtype !== SLOW_SUBTYPE_MARKER
}

function isMarkerInput(p: SlowFrameInput['pdu']): p is MarkerPduInput & { subtype: 2 } {
  return p.subtype === SLOW_SUBTYPE_MARKER
}

function slowPduLength(p: SlowFrameInput['pdu']): number {
  if (isOtherInput(p)) return 1 + asBytes(p.body).length
  return isMarkerInput(p) ? markerLength(p) : lacpduLength(p)
}

/** Bytes of the frame `buildSlowFrame` makes. */
export function slowFrameLength(f: SlowFrameInput): number {
  return ETH_HEADER_SIZE + VLAN_TAG_SIZE * (f.vlans?.length ?? 0) + slowPduLength(f.pdu)
}

/** A whole Ethernet frame (dst, src, tags, 0x8809, the PDU): 124 bytes for an untagged v1 PDU. */
export function buildSlowFrame(f: SlowFrameInput): Buffer {
  const w = new WireWriter(slowFrameLength(f))
  encodeEthernet(w, { dst: f.dst ?? SLOW_PROTOCOLS_MULTICAST, src: f.src, vlans: f.vlans, ethertype: ETH_TYPE_SLOW, payload: Buffer.alloc(0) })
  const p = f.pdu
  if (isOtherInput(p)) w.u8(p.subtype).bytes(p.body)
  else if (isMarkerInput(p)) encodeMarker(w, p)
  else encodeLacpdu(w, p)
  return w.finish()
}
