// OFPT_PACKET_IN — OpenFlow Switch Specification 1.0.0 §5.4.1. Switch → controller.
//
// Trap: sizeof(struct ofp_packet_in) is 20 because of trailing struct padding, but the frame starts
// at offsetof(struct ofp_packet_in, data) == 18 (header 8 + buffer_id 4 + total_len 2 + in_port 2 +
// reason 1 + pad 1). Ryu's OFP_PACKET_IN_SIZE = 18 and OVS's offsetof() agree; oflib-node reads at
// 20 and its own vector hides it. Ryu's 1-4-ofp_packet_in vector pins this.
import type { MessageCodec } from '../registry.js'
import { OFP_HEADER_SIZE } from '../header.js'
import { bytesLength, type Base10 } from './base.js'

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

export const packetIn10Codec: MessageCodec<PacketIn10> = {
  name: 'OFPT_PACKET_IN',
  decode(r, h) {
    r.need(PACKET_IN10_FIXED, 'ofp_packet_in')
    const bufferId = r.u32() // uint32_t buffer_id;
    const totalLen = r.u16() // uint16_t total_len;
    const inPort = r.u16() // uint16_t in_port;
    const reason = r.u8() // uint8_t reason;
    r.skip(1) // uint8_t pad;
    return { version: 0x01, type: 10, xid: h.xid, bufferId, totalLen, inPort, reason, data: r.rest() } // uint8_t data[0];
  },
  encode(w, m) {
    w.u32(m.bufferId).u16(m.totalLen).u16(m.inPort).u8(m.reason).zero(1).bytes(m.data ?? Buffer.alloc(0))
  },
  length: (m) => OFP_PACKET_IN10_DATA_OFFSET + (m.data === undefined ? 0 : bytesLength(m.data)),
}
