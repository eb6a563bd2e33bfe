// Hot path — the one packet-in peek: what `ofl controller` runs per packet-in and what `ofl bench
// decode` measures. Reads what a controller's packet-in handler needs straight out of the receive buffer into
// ONE reused object — no allocation, no strings, no subarray, no bigint per message (gopacket's
// DecodingLayer idea; DataView made once per chunk, never Buffer#readX: npm run bench openflow).
// Layouts: OpenFlow 1.0.0 §5.4.1 (data at offsetof(ofp_packet_in, data) == 18, not sizeof == 20);
// 1.2 §A.4.1 and 1.3.x §A.4.1 (buffer_id, total_len, reason, table_id, [1.3: cookie], ofp_match
// padded to 8 bytes, pad[2], data). For 1.2/1.3 the OXM list is scanned for OFPXMT_OFB_IN_PORT with
// every TLV length checked against the match.
import { MalformedError, TruncatedError } from '../wire/errors.js'
import { OFP_VERSION_1_0, OFP_VERSION_1_2, OFP_VERSION_1_3 } from './header.js'
import { OFPT_PACKET_IN } from './constants.js'
import { newEthernetPeek, peekEthernet } from '../ethernet/ethernet.js'

const eth = newEthernetPeek()

/** OXM header of OFPXMC_OPENFLOW_BASIC / OFPXMT_OFB_IN_PORT, hasmask 0, length 4. */
const OXM_OF_IN_PORT = 0x80000004
const OFPMT_OXM = 1

/** Reusable result of `peekPacketIn`. Offsets are absolute offsets into the buffer passed in. */
export class PacketInPeek {
  version = 0
  xid = 0
  bufferId = 0
  totalLen = 0
  /** OF1.0 uint16 in_port; OF1.2/1.3 OXM in_port (uint32); -1 if the match has none. */
  inPort = 0
  reason = 0
  /** OF1.2/1.3 table_id; 0 for 1.0. */
  tableId = 0
  /** Where the frame starts in the buffer and how many bytes of it are present. */
  dataOffset = 0
  dataLength = 0
  /** Ethernet destination/source as 48-bit integers (exact in a double); 0 if the frame is shorter than 14 bytes. */
  ethDst = 0
  ethSrc = 0
  /** EtherType after the 802.1Q/802.1ad tags; 0 if the frame is shorter than its Ethernet header. */
  ethType = 0
  /** VLAN id of the outer tag, or -1 when untagged. */
  vlanId = -1
  /** Bytes of Ethernet header (14, +4 per tag): the payload starts at dataOffset + l2Length. */
  l2Length = 0
}

let lastBuf: Uint8Array | undefined
let lastDv: DataView | undefined

/** A DataView over `buf`, reused while the same buffer is passed (one per chunk, not per message). */
export function dataViewOf(buf: Uint8Array): DataView {
  if (buf !== lastBuf) {
    lastBuf = buf
    lastDv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  }
  return lastDv!
}

/**
 * Fill `out` from the packet-in message at `buf[off]`. Returns false (out untouched) when the message
 * is not a PACKET_IN of OpenFlow 1.0, 1.2 or 1.3. Throws TruncatedError if header.length bytes are
 * not all present, MalformedError `OFPBRC_BAD_LEN` if the length is too small for the fixed part or
 * the match, `OFPBMC_BAD_LEN` for an OXM overrunning the match. `dv` may be passed when the caller
 * already holds a DataView over `buf` (e.g. `OfFramer.view()`).
 */
export function peekPacketIn(buf: Uint8Array, off: number, out: PacketInPeek, dv: DataView = dataViewOf(buf)): boolean {
  const avail = buf.length - off
  if (avail < 8) throw new TruncatedError(8, Math.max(0, avail), { offset: off, field: 'ofp_header' })
  const version = dv.getUint8(off)
  if (dv.getUint8(off + 1) !== OFPT_PACKET_IN) return false
  const length = dv.getUint16(off + 2)
  if (length > avail) throw new TruncatedError(length, avail, { offset: off, field: 'ofp_header.length' })
  const end = off + length
  let data: number
  if (version === OFP_VERSION_1_0) {
    if (length < 18) throw new MalformedError('OFPBRC_BAD_LEN', `ofp_packet_in length ${length} is below 18`, { offset: off + 2, field: 'ofp_packet_in' })
    out.bufferId = dv.getUint32(off + 8) // uint32_t buffer_id;
    out.totalLen = dv.getUint16(off + 12) // uint16_t total_len;
    out.inPort = dv.getUint16(off + 14) // uint16_t in_port;
    out.reason = dv.getUint8(off + 16) // uint8_t reason; uint8_t pad;
    out.tableId = 0
    data = off + 18 // offsetof(struct ofp_packet_in, data)
  } else if (version === OFP_VERSION_1_3 || version === OFP_VERSION_1_2) {
    const m = version === OFP_VERSION_1_3 ? off + 24 : off + 16 // struct ofp_match (after the 1.3 cookie)
    if (m + 4 > end) throw new MalformedError('OFPBRC_BAD_LEN', `ofp_packet_in length ${length} leaves no room for ofp_match`, { offset: off + 2, field: 'ofp_packet_in' })
    const mlen = dv.getUint16(m + 2) // uint16_t length; (excludes padding)
    const padded = (mlen + 7) & ~7
    if (mlen < 4 || m + padded + 2 > end || dv.getUint16(m) !== OFPMT_OXM) {
      throw new MalformedError(mlen < 4 || m + padded + 2 > end ? 'OFPBMC_BAD_LEN' : 'OFPBMC_BAD_TYPE', `bad ofp_match (type ${dv.getUint16(m)}, length ${mlen})`, { offset: m, field: 'ofp_match' })
    }
    let inPort = -1
    const mend = m + mlen
    let p = m + 4
    while (p < mend) {
      if (p + 4 > mend) throw new MalformedError('OFPBMC_BAD_LEN', 'OXM header overruns ofp_match', { offset: p, field: 'oxm_header' })
      const h = dv.getUint32(p) // uint32_t oxm_header;
      const next = p + 4 + (h & 0xff)
      if (next > mend) throw new MalformedError('OFPBMC_BAD_LEN', `OXM length ${h & 0xff} overruns ofp_match`, { offset: p + 3, field: 'oxm_length' })
      if (h === OXM_OF_IN_PORT) inPort = dv.getUint32(p + 4)
      p = next
    }
    out.bufferId = dv.getUint32(off + 8) // uint32_t buffer_id;
    out.totalLen = dv.getUint16(off + 12) // uint16_t total_len;
    out.reason = dv.getUint8(off + 14) // uint8_t reason;
    out.tableId = dv.getUint8(off + 15) // uint8_t table_id;
    out.inPort = inPort
    data = m + padded + 2 // uint8_t pad[2]; uint8_t data[0];
  } else {
    return false
  }
  out.version = version
  out.xid = dv.getUint32(off + 4)
  out.dataOffset = data
  const dlen = end - data
  out.dataLength = dlen
  // The L2 header through the Ethernet layer's in-place peek (802.1Q/802.1ad tags peeled).
  if (peekEthernet(dv, data, end, eth)) {
    out.ethDst = eth.dst
    out.ethSrc = eth.src
    out.ethType = eth.ethertype
    out.vlanId = eth.vid
    out.l2Length = eth.payloadOffset - data
  } else {
    out.ethDst = 0
    out.ethSrc = 0
    out.ethType = 0
    out.vlanId = -1
    out.l2Length = 0
  }
  return true
}
