// Marker PDU (slow subtype 2) — IEEE 802.1AX-2014 §6.5.3.3 (Figure 6-19); byte map as
// Wireshark epan/dissectors/packet-marker.c and tcpdump print-slow.c read it.
//
//   0 subtype=2 | 1 version=1 | 2 TLV type (1 Information, 2 Response) | 3 length=16
//   4 Requester_Port(2) | 6 Requester_System(6) | 12 Requester_Transaction_ID(4) | 16 Pad(2)=0
//   18 terminator type=0 | 19 terminator length=0 | 20 reserved(90)=0      → 110 bytes
//
// The Marker Responder (802.1AX §6.5.4.2) answers an Information PDU with the same fields and TLV
// type 2 (`markerResponse`). Linux bonding implements it; Open vSwitch and Ryu do not.
// Lenient decode as for LACPDUs: a wrong TLV type/length, a non-zero pad or reserved byte is an issue.
import { MalformedError, TruncatedError } from '../wire/errors.js'
import { asBytes, type BytesLike } from '../wire/json.js'
import { formatMac } from '../wire/mac.js'
import { WireWriter } from '../wire/writer.js'
import { MARKER_PDU_SIZE, MARKER_TLV_INFORMATION, MARKER_TLV_RESPONSE, SLOW_SUBTYPE_MARKER } from './constants.js'
import type { DecodeIssue } from './issues.js'
import { checkReserved } from './lacpdu.js'

/** Marker Information / Response TLV length (type + length + 14 octets). */
export const MARKER_TLV_LENGTH = 16
if (2 + MARKER_TLV_LENGTH + 2 + 90 !== MARKER_PDU_SIZE) throw new Error('Marker PDU layout')

export interface MarkerPdu {
  subtype: 2
  version: number
  /** 1 = Marker Information (a request), 2 = Marker Response. */
  tlvType: number
  requesterPort: number
  /** Lower-case colon MAC. */
  requesterSystem: string
  requesterTransactionId: number
  /** Bytes after the 110-byte PDU (padding/FCS). View into the input. */
  trailing: Buffer
  issues: DecodeIssue[]
}

export interface MarkerPduInput {
  subtype?: 2
  version?: number
  tlvType?: number
  requesterPort: number
  requesterSystem: string
  requesterTransactionId: number
  trailing?: BytesLike
  issues?: unknown
}

/** Decode the Marker PDU at `off` (the subtype byte). Offsets in issues/errors are absolute in `buf`. */
export function decodeMarker(buf: Buffer, off = 0, end = buf.length): MarkerPdu {
  if (end - off < MARKER_PDU_SIZE) throw new TruncatedError(MARKER_PDU_SIZE, end - off, { offset: off, field: 'marker' })
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const subtype = dv.getUint8(off) // uint8_t subtype;
  if (subtype !== SLOW_SUBTYPE_MARKER) throw new MalformedError('MARKER_BAD_SUBTYPE', `slow subtype ${subtype} is not Marker (2)`, { offset: off, field: 'subtype' })
  const version = dv.getUint8(off + 1) // uint8_t version_number;
  const issues: DecodeIssue[] = []
  if (version !== 1) issues.push({ code: 'MARKER_UNKNOWN_VERSION', message: `Marker version ${version}`, offset: off + 1 })
  const tlvType = dv.getUint8(off + 2) // uint8_t tlv_type;
  const tlvLength = dv.getUint8(off + 3) // uint8_t marker_information_length;
  if (tlvType !== MARKER_TLV_INFORMATION && tlvType !== MARKER_TLV_RESPONSE) {
    issues.push({ code: 'MARKER_BAD_TLV_TYPE', message: `Marker TLV type ${tlvType}, expected 1 or 2`, offset: off + 2 })
  }
  if (tlvLength !== MARKER_TLV_LENGTH) issues.push({ code: 'MARKER_BAD_TLV_LENGTH', message: `Marker TLV length ${tlvLength}, expected 16`, offset: off + 3 })
  const requesterPort = dv.getUint16(off + 4) // uint16_t requester_port;
  const requesterSystem = formatMac(buf, off + 6) // uint8_t requester_system[6];
  const requesterTransactionId = dv.getUint32(off + 12) // uint32_t requester_transaction_id;
  checkReserved(buf, off + 16, off + 18, 'Marker pad', issues, 'MARKER_PAD_NONZERO') // uint8_t pad[2];
  if (dv.getUint8(off + 18) !== 0) issues.push({ code: 'MARKER_BAD_TLV_TYPE', message: `terminator TLV type ${dv.getUint8(off + 18)}, expected 0`, offset: off + 18 })
  if (dv.getUint8(off + 19) !== 0) issues.push({ code: 'MARKER_TERMINATOR_LENGTH', message: `terminator length ${dv.getUint8(off + 19)}, expected 0`, offset: off + 19 })
  checkReserved(buf, off + 20, off + MARKER_PDU_SIZE, 'Marker reserved', issues, 'MARKER_RESERVED_NONZERO') // uint8_t reserved[90];
  return {
    subtype: 2, version, tlvType, requesterPort, requesterSystem, requesterTransactionId,
    trailing: buf.subarray(off + MARKER_PDU_SIZE, end), issues,
  }
}

export function encodeMarker(w: WireWriter, m: MarkerPduInput): void {
  w.u8(SLOW_SUBTYPE_MARKER).u8(m.version ?? 1)
  w.u8(m.tlvType ?? MARKER_TLV_INFORMATION).u8(MARKER_TLV_LENGTH)
  w.u16(m.requesterPort).mac(m.requesterSystem).u32(m.requesterTransactionId)
  w.zero(2) // pad[2]
  w.u8(0).u8(0) // terminator
  w.zero(90) // reserved[90]
  if (m.trailing !== undefined) w.bytes(m.trailing)
}

export function markerLength(m: MarkerPduInput): number {
  return MARKER_PDU_SIZE + (m.trailing === undefined ? 0 : asBytes(m.trailing).length)
}

export function markerToBuffer(m: MarkerPduInput): Buffer {
  const w = new WireWriter(markerLength(m))
  encodeMarker(w, m)
  return w.finish()
}

/**
 * The Marker Responder's answer (802.1AX-2014 §6.5.4.2): the requester's port, system and transaction
 * id unchanged, TLV type Marker Response (2), version 1, no trailing bytes.
 * Throws MalformedError `MARKER_NOT_INFORMATION` when `info` is not a Marker Information PDU.
 */
export function markerResponse(info: MarkerPduInput): MarkerPdu {
  if ((info.tlvType ?? MARKER_TLV_INFORMATION) !== MARKER_TLV_INFORMATION) {
    throw new MalformedError('MARKER_NOT_INFORMATION', `only a Marker Information PDU (TLV type 1) gets a response, not TLV type ${info.tlvType}`, { field: 'tlvType' })
  }
  return {
    subtype: 2, version: 1, tlvType: MARKER_TLV_RESPONSE, requesterPort: info.requesterPort,
    requesterSystem: info.requesterSystem, requesterTransactionId: info.requesterTransactionId,
    trailing: Buffer.alloc(0), issues: [],
  }
}
