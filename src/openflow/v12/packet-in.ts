// OFPT_PACKET_IN (1.2) — OpenFlow 1.2 §A.4.1, struct ofp_packet_in:
// uint32_t buffer_id; uint16_t total_len; uint8_t reason; uint8_t table_id;
// struct ofp_match match (8-byte aligned); uint8_t pad[2]; uint8_t data[0]. (1.3 added the cookie.)
import { asBytes } from '../../wire/json.js'
import type { MessageCodec } from '../registry.js'
import { OFPT_PACKET_IN } from '../common13/constants.js'
import { decodeMatch, encodeMatch, type Match } from '../common13/oxm.js'
import { type MsgBase } from '../v13/base.js'

export interface PacketIn12 extends MsgBase<typeof OFPT_PACKET_IN, 0x03> {
  bufferId: number
  totalLen: number
  reason: number
  tableId: number
  match: Match
  /** The frame. View into the receive buffer; copy before retaining. */
  data: Buffer
}

export const packetIn12: MessageCodec<PacketIn12> = {
  name: 'OFPT_PACKET_IN',
  decode(r, h) {
    r.need(8, 'ofp_packet_in')
    const bufferId = r.u32() // uint32_t buffer_id;
    const totalLen = r.u16() // uint16_t total_len;
    const reason = r.u8() // uint8_t reason;
    const tableId = r.u8() // uint8_t table_id;
    const match = decodeMatch(r) // struct ofp_match match;
    r.skip(2, 'ofp_packet_in.pad') // uint8_t pad[2];
    return { version: h.version, type: h.type, xid: h.xid, bufferId, totalLen, reason, tableId, match, data: r.rest() } // uint8_t data[0];
  },
  encode(w, m) {
    w.u32(m.bufferId).u16(m.totalLen).u8(m.reason).u8(m.tableId)
    encodeMatch(w, m.match)
    w.zero(2).bytes(asBytes(m.data))
  },
}
