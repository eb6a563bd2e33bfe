// OFPT_QUEUE_GET_CONFIG_REQUEST / _REPLY — OpenFlow 1.3.5 §7.3.6 (same in 1.2).
// Request: uint32_t port; uint8_t pad[4]. Reply: uint32_t port; uint8_t pad[4]; struct ofp_packet_queue queues[0].
import type { MessageCodec } from '../registry.js'
import { OFPT_QUEUE_GET_CONFIG_REPLY, OFPT_QUEUE_GET_CONFIG_REQUEST } from '../common13/constants.js'
import { decodePacketQueues, encodePacketQueues, type PacketQueue } from '../common13/structs.js'
import { expectEnd, type MsgBase, type Version1x } from './base.js'

export interface QueueGetConfigRequest<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_QUEUE_GET_CONFIG_REQUEST, V> { port: number }
export interface QueueGetConfigReply<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_QUEUE_GET_CONFIG_REPLY, V> { port: number; queues: PacketQueue[] }

export const queueGetConfigRequest: MessageCodec<QueueGetConfigRequest> = {
  name: 'OFPT_QUEUE_GET_CONFIG_REQUEST',
  decode(r, h) {
    r.need(8, 'ofp_queue_get_config_request')
    const port = r.u32() // uint32_t port;
    r.skip(4) // uint8_t pad[4];
    expectEnd(r, 'ofp_queue_get_config_request')
    return { version: h.version, type: h.type, xid: h.xid, port }
  },
  encode(w, m) {
    w.u32(m.port).zero(4)
  },
}

export const queueGetConfigReply: MessageCodec<QueueGetConfigReply> = {
  name: 'OFPT_QUEUE_GET_CONFIG_REPLY',
  decode(r, h) {
    r.need(8, 'ofp_queue_get_config_reply')
    const port = r.u32() // uint32_t port;
    r.skip(4) // uint8_t pad[4];
    return { version: h.version, type: h.type, xid: h.xid, port, queues: decodePacketQueues(r) }
  },
  encode(w, m) {
    w.u32(m.port).zero(4)
    encodePacketQueues(w, m.queues ?? [])
  },
}
