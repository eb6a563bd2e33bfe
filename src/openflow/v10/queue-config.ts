// OFPT_QUEUE_GET_CONFIG_REQUEST / OFPT_QUEUE_GET_CONFIG_REPLY — OpenFlow Switch Specification 1.0.0
// §5.3.4 (struct ofp_queue_get_config_request/reply, ofp_packet_queue, ofp_queue_prop_*).
// Queue and property lengths come from the wire: each must cover its own header and fit in its parent.
import { MalformedError } from '../../wire/errors.js'
import type { WireReader } from '../../wire/reader.js'
import type { WireWriter } from '../../wire/writer.js'
import { asBytes } from '../../wire/json.js'
import type { MessageCodec } from '../registry.js'
import { OFP_HEADER_SIZE } from '../header.js'
import { type Base10 } from './base.js'
import { OFPQT10 } from './constants.js'

export interface QueueGetConfigRequest10 extends Base10<20> {
  port: number // uint16_t port;
}

/** OFPQT_MIN_RATE: rate in 1/10 of a percent. Other properties keep their body raw. */
export type QueueProp10 = { property: 1; rate: number } | { property: number; data: Buffer }

export interface PacketQueue10 {
  queueId: number // uint32_t queue_id;
  properties: QueueProp10[] // struct ofp_queue_prop_header properties[0];
}

export interface QueueGetConfigReply10 extends Base10<21> {
  port: number // uint16_t port;
  queues: PacketQueue10[] // struct ofp_packet_queue queues[0];
}

export const queueGetConfigRequest10Codec: MessageCodec<QueueGetConfigRequest10> = {
  name: 'OFPT_QUEUE_GET_CONFIG_REQUEST',
  decode(r, h) {
    r.need(4, 'ofp_queue_get_config_request')
    const port = r.u16() // uint16_t port;
    r.skip(2) // uint8_t pad[2];
    return { version: 0x01, type: 20, xid: h.xid, port }
  },
  encode(w, m) {
    w.u16(m.port).zero(2)
  },
  length: () => OFP_HEADER_SIZE + 4,
}

function decodeQueueProp10(r: WireReader): QueueProp10 {
  const at = r.pos
  r.need(8, 'ofp_queue_prop_header')
  const property = r.u16() // uint16_t property;
  const len = r.u16() // uint16_t len;
  if (len < 8 || len > r.end - at) {
    throw new MalformedError('OFPBRC_BAD_LEN', `queue property length ${len} is below 8 or overruns its queue (${r.end - at} left)`, { offset: at + 2, field: 'ofp_queue_prop_header.len' })
  }
  r.skip(4) // uint8_t pad[4];
  const b = r.slice(len - 8, 'ofp_queue_prop')
  if (property === OFPQT10.OFPQT_MIN_RATE && len === 16) {
    const rate = b.u16() // uint16_t rate;
    b.skip(6) // uint8_t pad[6];
    return { property, rate }
  }
  return { property, data: b.rest() }
}

function queueProp10Length(p: QueueProp10): number {
  return 'rate' in p ? 16 : 8 + asBytes(p.data).length
}

function decodePacketQueue10(r: WireReader): PacketQueue10 {
  const at = r.pos
  r.need(8, 'ofp_packet_queue')
  const queueId = r.u32() // uint32_t queue_id;
  const len = r.u16() // uint16_t len;
  if (len < 8 || len > r.end - at) {
    throw new MalformedError('OFPBRC_BAD_LEN', `queue length ${len} is below 8 or overruns the reply (${r.end - at} left)`, { offset: at + 4, field: 'ofp_packet_queue.len' })
  }
  r.skip(2) // uint8_t pad[2];
  const props = r.slice(len - 8, 'ofp_packet_queue.properties')
  const properties: QueueProp10[] = []
  while (props.pos < props.end) properties.push(decodeQueueProp10(props))
  return { queueId, properties }
}

function encodePacketQueue10(w: WireWriter, q: PacketQueue10): void {
  let len = 8
  for (const p of q.properties) len += queueProp10Length(p)
  w.u32(q.queueId).u16(len).zero(2)
  for (const p of q.properties) {
    w.u16(p.property).u16(queueProp10Length(p)).zero(4)
    if ('rate' in p) w.u16(p.rate).zero(6)
    else w.bytes(p.data)
  }
}

export const queueGetConfigReply10Codec: MessageCodec<QueueGetConfigReply10> = {
  name: 'OFPT_QUEUE_GET_CONFIG_REPLY',
  decode(r, h) {
    r.need(8, 'ofp_queue_get_config_reply')
    const port = r.u16() // uint16_t port;
    r.skip(6) // uint8_t pad[6];
    const queues: PacketQueue10[] = []
    while (r.pos < r.end) queues.push(decodePacketQueue10(r))
    return { version: 0x01, type: 21, xid: h.xid, port, queues }
  },
  encode(w, m) {
    w.u16(m.port).zero(6)
    for (const q of m.queues) encodePacketQueue10(w, q)
  },
}
