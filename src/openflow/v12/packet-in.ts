// OFPT_PACKET_IN (1.2) — OpenFlow 1.2 §A.4.1, struct ofp_packet_in:
// uint32_t buffer_id; uint16_t total_len; uint8_t reason; uint8_t table_id;
// struct ofp_match match (8-byte aligned); uint8_t pad[2]; uint8_t data[0]. (1.3 added the cookie.)
import { messageLayout } from '../../wire/struct.js'
import type { MessageCodec } from '../registry.js'
import { OFP_HEADER_SIZE } from '../header.js'
import { OFPT_PACKET_IN } from '../common13/constants.js'
import { MATCH, type Match } from '../common13/oxm.js'
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

/** struct ofp_packet_in (1.2): 8 fixed bytes, the match, pad[2], the frame. */
export const PACKET_IN12 = messageLayout<PacketIn12>('ofp_packet_in', OFP_HEADER_SIZE + 8 + 2, [
  ['bufferId', 'u32', 'uint32_t buffer_id;'],
  ['totalLen', 'u16', 'uint16_t total_len;'],
  ['reason', 'u8', 'uint8_t reason;'],
  ['tableId', 'u8', 'uint8_t table_id;'],
  ['match', MATCH, 'struct ofp_match match;'],
  ['pad', 2, 'uint8_t pad[2];'],
  ['data', 'rest', 'uint8_t data[0];'],
])

export const packetIn12: MessageCodec<PacketIn12> = { name: 'OFPT_PACKET_IN', decode: PACKET_IN12.decode, encode: PACKET_IN12.encode }
