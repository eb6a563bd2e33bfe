// OFPT_PACKET_IN (1.3) — OpenFlow 1.3.5 §7.4.1, struct ofp_packet_in:
// uint32_t buffer_id; uint16_t total_len; uint8_t reason; uint8_t table_id; uint64_t cookie;
// struct ofp_match match (8-byte aligned); uint8_t pad[2]; uint8_t data[0].
// 1.2 has no cookie (v12/packet-in.ts).
import { messageLayout } from '../../wire/struct.js'
import type { MessageCodec } from '../registry.js'
import { OFP_HEADER_SIZE } from '../header.js'
import { OFPT_PACKET_IN } from '../common13/constants.js'
import { MATCH, type Match } from '../common13/oxm.js'
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

/** struct ofp_packet_in (1.3): 16 fixed bytes, the match, pad[2], the frame. */
export const PACKET_IN13 = messageLayout<PacketIn13>('ofp_packet_in', OFP_HEADER_SIZE + OFP_PACKET_IN_FIXED + 2, [
  ['bufferId', 'u32', 'uint32_t buffer_id;'],
  ['totalLen', 'u16', 'uint16_t total_len;'],
  ['reason', 'u8', 'uint8_t reason;'],
  ['tableId', 'u8', 'uint8_t table_id;'],
  ['cookie', 'u64', 'uint64_t cookie;'],
  ['match', MATCH, 'struct ofp_match match;'],
  ['pad', 2, 'uint8_t pad[2];'],
  ['data', 'rest', 'uint8_t data[0];'],
])

export const packetIn: MessageCodec<PacketIn13> = { name: 'OFPT_PACKET_IN', decode: PACKET_IN13.decode, encode: PACKET_IN13.encode }
