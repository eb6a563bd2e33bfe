// OFPT_PACKET_IN (1.3) — OpenFlow 1.3.5 §7.4.1, struct ofp_packet_in:
// uint32_t buffer_id; uint16_t total_len; uint8_t reason; uint8_t table_id; uint64_t cookie;
// struct ofp_match match (8-byte aligned); uint8_t pad[2]; uint8_t data[0].
// 1.2 has no cookie (v12/packet-in.ts).
import { asBytes } from '../../wire/json.js'
import type { MessageCodec } from '../registry.js'
import { OFPT_PACKET_IN } from '../common13/constants.js'
import { decodeMatch, encodeMatch, type Match } from '../common13/oxm.js'
import { type MsgBase } from './base.js'

export const OFP_PACKET_IN_FIXED = 16

export interface PacketIn13 extends MsgBase<typeof OFPT_PACKET_IN, 0x04> {
  bufferId: number
  totalLen: number
  reason: number
  tableId: number
  cookie: bigint
  match: Match
  /** The frame. View into the receive buffer; copy before retaining beyond the handler. */
  data: Buffer
}

export const packetIn: MessageCodec<PacketIn13> = {
  name: 'OFPT_PACKET_IN',
  decode(r, h) {
    r.need(OFP_PACKET_IN_FIXED, 'ofp_packet_in')
    const bufferId = r.u32() // uint32_t buffer_id;
    const totalLen = r.u16() // uint16_t total_len;
    const reason = r.u8() // uint8_t reason;
    const tableId = r.u8() // uint8_t table_id;
    const cookie = r.u64() // uint64_t cookie;
    const match = decodeMatch(r) // struct ofp_match match;
    r.skip(2, 'ofp_packet_in.pad') // uint8_t pad[2];
    const data = r.rest() // uint8_t data[0];
    return { version: h.version, type: h.type, xid: h.xid, bufferId, totalLen, reason, tableId, cookie, match, data }
  },
  encode(w, m) {
    w.u32(m.bufferId).u16(m.totalLen).u8(m.reason).u8(m.tableId).u64(m.cookie)
    encodeMatch(w, m.match)
    w.zero(2).bytes(asBytes(m.data))
  },
}
