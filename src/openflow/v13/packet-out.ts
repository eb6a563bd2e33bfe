// OFPT_PACKET_OUT — OpenFlow 1.3.5 §7.3.7 (same in 1.2): uint32_t buffer_id; uint32_t in_port;
// uint16_t actions_len; uint8_t pad[6]; struct ofp_action_header actions[]; uint8_t data[0].
import { asBytes } from '../../wire/json.js'
import type { MessageCodec } from '../registry.js'
import { OFPT_PACKET_OUT } from '../common13/constants.js'
import { decodeActions, encodeActions, type Action } from '../common13/actions.js'
import { type MsgBase, type Version1x } from './base.js'

export interface PacketOut<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_PACKET_OUT, V> {
  bufferId: number
  inPort: number
  actions: Action[]
  /** The frame (empty when bufferId refers to a buffered packet). View. */
  data: Buffer
}

export const packetOut: MessageCodec<PacketOut> = {
  name: 'OFPT_PACKET_OUT',
  decode(r, h) {
    r.need(16, 'ofp_packet_out')
    const bufferId = r.u32() // uint32_t buffer_id;
    const inPort = r.u32() // uint32_t in_port;
    const actionsLen = r.u16() // uint16_t actions_len;
    r.skip(6) // uint8_t pad[6];
    const actions = decodeActions(r.slice(actionsLen, 'ofp_packet_out.actions')) // struct ofp_action_header actions[0];
    return { version: h.version, type: h.type, xid: h.xid, bufferId, inPort, actions, data: r.rest() } // uint8_t data[0];
  },
  encode(w, m) {
    w.u32(m.bufferId).u32(m.inPort)
    const lenAt = w.reserve16()
    w.zero(6)
    const start = w.pos
    encodeActions(w, m.actions ?? [])
    w.patchU16(lenAt, w.pos - start)
    w.bytes(asBytes(m.data ?? ''))
  },
}
