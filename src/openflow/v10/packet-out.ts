// OFPT_PACKET_OUT — OpenFlow Switch Specification 1.0.0 §5.3.7 (struct ofp_packet_out, 16 bytes +
// actions + data). actions_len bounds the action list (a bounded sub-reader); the rest is the frame
// (only meaningful when buffer_id is -1).
import { MalformedError } from '../../wire/errors.js'
import type { MessageCodec } from '../registry.js'
import { OFP_HEADER_SIZE } from '../header.js'
import { bytesLength, type Base10 } from './base.js'
import { actions10Length, decodeActions10, encodeActions10, type Action10 } from './actions.js'

export const OFP_PACKET_OUT10_SIZE = 16

export interface PacketOut10 extends Base10<13> {
  bufferId: number // uint32_t buffer_id;
  inPort: number // uint16_t in_port;
  actions: Action10[] // struct ofp_action_header actions[0]; (actions_len implied)
  /** View into the receive buffer when decoded; copy before retaining. */
  data: Buffer // uint8_t data[0];
}

export const packetOut10Codec: MessageCodec<PacketOut10> = {
  name: 'OFPT_PACKET_OUT',
  decode(r, h) {
    r.need(OFP_PACKET_OUT10_SIZE - OFP_HEADER_SIZE, 'ofp_packet_out')
    const bufferId = r.u32() // uint32_t buffer_id;
    const inPort = r.u16() // uint16_t in_port;
    const lenAt = r.pos
    const actionsLen = r.u16() // uint16_t actions_len;
    if (actionsLen > r.remaining) {
      throw new MalformedError('OFPBRC_BAD_LEN', `actions_len ${actionsLen} overruns the message (${r.remaining} bytes left)`, { offset: lenAt, field: 'ofp_packet_out.actions_len' })
    }
    const actions = decodeActions10(r.slice(actionsLen, 'ofp_packet_out.actions'))
    return { version: 0x01, type: 13, xid: h.xid, bufferId, inPort, actions, data: r.rest() } // uint8_t data[0];
  },
  encode(w, m) {
    w.u32(m.bufferId).u16(m.inPort).u16(actions10Length(m.actions))
    encodeActions10(w, m.actions)
    w.bytes(m.data ?? Buffer.alloc(0))
  },
  length: (m) => OFP_PACKET_OUT10_SIZE + actions10Length(m.actions) + (m.data === undefined ? 0 : bytesLength(m.data)),
}
