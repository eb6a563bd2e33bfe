// OFPT_PACKET_IN — OpenFlow Switch Specification 1.0.0 §5.4.1. Switch → controller.
//
// Trap: sizeof(struct ofp_packet_in) is 20 because of trailing struct padding, but the frame starts
// at offsetof(struct ofp_packet_in, data) == 18 (header 8 + buffer_id 4 + total_len 2 + in_port 2 +
// reason 1 + pad 1). Ryu's OFP_PACKET_IN_SIZE = 18 and OVS's offsetof() agree; oflib-node reads at
// 20 and its own vector hides it. Ryu's 1-4-ofp_packet_in vector pins this.
import type { MessageCodec } from '../registry.js'
import { OFP_HEADER_SIZE } from '../header.js'
import { messageLayout } from '../../wire/struct.js'
import { type Base10 } from './base.js'

/** offsetof(struct ofp_packet_in, data): where the frame starts, from the start of the message. */
export const OFP_PACKET_IN10_DATA_OFFSET = 18
/** Body bytes before the frame (after the 8-byte header). */
export const PACKET_IN10_FIXED = OFP_PACKET_IN10_DATA_OFFSET - OFP_HEADER_SIZE

export interface PacketIn10 extends Base10<10> {
  bufferId: number // uint32_t buffer_id;
  totalLen: number // uint16_t total_len;
  inPort: number // uint16_t in_port;
  reason: number // uint8_t reason; (OFPR_*)
  /** The frame (possibly truncated to miss_send_len). View into the receive buffer; copy before retaining. */
  data: Buffer // uint8_t data[0];
}

/** struct ofp_packet_in up to data[0] (offsetof data = 18, asserted). */
export const PACKET_IN10 = messageLayout<PacketIn10>('ofp_packet_in', OFP_PACKET_IN10_DATA_OFFSET, [
  ['bufferId', 'u32', 'uint32_t buffer_id;'],
  ['totalLen', 'u16', 'uint16_t total_len;'],
  ['inPort', 'u16', 'uint16_t in_port;'],
  ['reason', 'u8', 'uint8_t reason;'],
  ['pad', 1, 'uint8_t pad;'],
  ['data', 'rest', 'uint8_t data[0];'],
])

export const packetIn10Codec: MessageCodec<PacketIn10> = {
  name: 'OFPT_PACKET_IN',
  decode: PACKET_IN10.decode,
  encode: PACKET_IN10.encode,
  length: PACKET_IN10.length,
}
