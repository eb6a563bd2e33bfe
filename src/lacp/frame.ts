// Hot path for slow-protocol frames carried in OpenFlow packet-ins and packet-outs: classify a frame,
// read a LACPDU's actor/partner in place (through `peekLacpdu`, lacpdu.ts), and write LACPDU and
// Marker Response frames straight into an output buffer (a packet-out being built). The bytes equal
// what the general encoders produce (buildSlowFrame over lacpduToBuffer / markerToBuffer) —
// test/unit/lacp/frame.test.ts decodes them with decodeSlowFrame.
// IEEE 802.3 Annex 57A (slow protocols), IEEE 802.1AX-2014 §6.4.2 (LACPDU byte map: actor TLV at 2,
// partner at 22, collector at 42, terminator at 58; 110 bytes) and §6.5.3 (Marker PDU).
// Receive checks follow Open vSwitch lib/lacp.c (`parse_lacp_packet`): ≥ 110 bytes, subtype 1, actor
// 1/20, partner 2/20; the version, collector and trailing bytes are not checked, so padded and v2 PDUs
// are accepted.
import { ETH_TYPE_SLOW, LACPDU_SIZE, SLOW_SUBTYPE_LACP, SLOW_SUBTYPE_MARKER, MARKER_TLV_INFORMATION, MARKER_TLV_RESPONSE } from './constants.js'
import { peekLacpdu, type LacpPeek } from './lacpdu.js'
import type { LacpInfo } from './machine.js'

const ETH_HEADER = 14
/** A v1 LACPDU (or Marker) frame without FCS: 14 + 110. */
export const LACP_FRAME_SIZE = ETH_HEADER + LACPDU_SIZE
/** 01:80:c2:00:00:02 as a 48-bit number. */
const SLOW_DST_HI = 0x0180
const SLOW_DST_LO = 0xc2000002

export const SLOW_NONE = 0
export const SLOW_LACP = 1
export const SLOW_MARKER_INFO = 2
export const SLOW_MARKER_RESPONSE = 3
export const SLOW_OTHER = 4

/**
 * Classify the untagged frame at `off` (length `len`) whose EtherType (`ethType`, from the packet-in
 * peek) is known: not a slow-protocol frame, a LACPDU, a Marker Information PDU, a Marker Response,
 * or another slow protocol (OAM, OSSP, illegal subtypes).
 */
export function classifySlow(buf: Uint8Array, off: number, len: number, ethType: number): number {
  if (ethType !== ETH_TYPE_SLOW || len < ETH_HEADER + 2) return SLOW_NONE
  const subtype = buf[off + ETH_HEADER]!
  if (subtype === SLOW_SUBTYPE_LACP) return SLOW_LACP
  if (subtype === SLOW_SUBTYPE_MARKER && len >= ETH_HEADER + 4) {
    const tlv = buf[off + ETH_HEADER + 2]!
    if (tlv === MARKER_TLV_INFORMATION) return SLOW_MARKER_INFO
    if (tlv === MARKER_TLV_RESPONSE) return SLOW_MARKER_RESPONSE
  }
  return SLOW_OTHER
}

/**
 * Read the LACPDU in the frame at `off` into `out` (in place, through the zero-allocation
 * `peekLacpdu`). Returns false when the PDU fails the receive checks (counted as a bad PDU).
 */
export function readLacpFrame(dv: DataView, off: number, len: number, out: LacpPeek): boolean {
  return len >= LACP_FRAME_SIZE && peekLacpdu(dv, off + ETH_HEADER, off + len, out)
}

function writeEthHeader(dv: DataView, p: number, srcMac: number): void {
  dv.setUint16(p, SLOW_DST_HI) // uint8_t dst[6];
  dv.setUint32(p + 2, SLOW_DST_LO)
  dv.setUint16(p + 6, Math.floor(srcMac / 0x100000000)) // uint8_t src[6];
  dv.setUint32(p + 8, srcMac >>> 0)
  dv.setUint16(p + 12, ETH_TYPE_SLOW) // uint16_t ethertype;
}

function writeInfo(buf: Uint8Array, dv: DataView, p: number, type: number, i: LacpInfo): void {
  buf[p] = type // uint8_t tlv_type;
  buf[p + 1] = 20 // uint8_t info_length;
  dv.setUint16(p + 2, i.systemPriority) // uint16_t system_priority;
  dv.setUint16(p + 4, Math.floor(i.system / 0x100000000)) // uint8_t system[6];
  dv.setUint32(p + 6, i.system >>> 0)
  dv.setUint16(p + 10, i.key) // uint16_t key;
  dv.setUint16(p + 12, i.portPriority) // uint16_t port_priority;
  dv.setUint16(p + 14, i.port) // uint16_t port;
  buf[p + 16] = i.state // uint8_t state;
  buf[p + 17] = buf[p + 18] = buf[p + 19] = 0 // uint8_t reserved[3];
}

/**
 * Write a 124-byte LACPDU frame at `p` (dst 01:80:c2:00:00:02, src = `srcMac` as a 48-bit number,
 * version 1, collector max_delay 0, zero terminator and reserved bytes — what Ryu and OVS send).
 */
export function writeLacpFrame(buf: Uint8Array, dv: DataView, p: number, srcMac: number, actor: LacpInfo, partner: LacpInfo): void {
  writeEthHeader(dv, p, srcMac)
  const l = p + ETH_HEADER
  buf[l] = SLOW_SUBTYPE_LACP // uint8_t subtype;
  buf[l + 1] = 1 // uint8_t version_number;
  writeInfo(buf, dv, l + 2, 1, actor)
  writeInfo(buf, dv, l + 22, 2, partner)
  buf[l + 42] = 3 // collector tlv_type
  buf[l + 43] = 16 // collector_info_length
  buf.fill(0, l + 44, l + LACPDU_SIZE) // max_delay 0, reserved[12], terminator, reserved[50]
}

/**
 * Write the Marker Response to the Marker Information frame `src[off, off+124)` at `p`: the same
 * TLV body with the TLV type changed to Marker Response (802.1AX §6.5.3.3), sent from `srcMac`.
 */
export function writeMarkerResponse(buf: Uint8Array, dv: DataView, p: number, src: Uint8Array, off: number, srcMac: number): void {
  writeEthHeader(dv, p, srcMac)
  const l = p + ETH_HEADER
  buf[l] = SLOW_SUBTYPE_MARKER // uint8_t subtype;
  buf[l + 1] = 1 // uint8_t version_number;
  buf[l + 2] = MARKER_TLV_RESPONSE // uint8_t tlv_type;
  buf[l + 3] = 16 // uint8_t marker_info_length;
  buf.set(src.subarray(off + ETH_HEADER + 4, off + ETH_HEADER + 18), l + 4) // port, system, transaction id, pad
  buf.fill(0, l + 18, l + LACPDU_SIZE) // terminator + reserved[90]
}

/** A Marker Information PDU must carry the 16-byte TLV: 14 + 18 bytes at least. */
export const MARKER_MIN_FRAME = ETH_HEADER + 18
