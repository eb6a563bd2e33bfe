// OFPT_MULTIPART_REQUEST / OFPT_MULTIPART_REPLY — OpenFlow 1.3.5 §7.3.5 (1.2: OFPT_STATS_REQUEST/REPLY,
// same 8-byte header): uint16_t type; uint16_t flags; uint8_t pad[4]; uint8_t body[0].
// The body codec comes from common13/multipart-bodies.ts by type; the message's wire version picks the
// 1.2 or 1.3 layout. A type the version does not define keeps its body as a raw view (`unknown: true`).
import { asBytes } from '../../wire/json.js'
import type { MessageCodec } from '../registry.js'
import {
  OFPMP_AGGREGATE, OFPMP_DESC, OFPMP_EXPERIMENTER, OFPMP_FLOW, OFPMP_GROUP, OFPMP_GROUP_DESC, OFPMP_GROUP_FEATURES,
  OFPMP_METER, OFPMP_METER_CONFIG, OFPMP_METER_FEATURES, OFPMP_PORT_DESC, OFPMP_PORT_STATS, OFPMP_QUEUE, OFPMP_TABLE,
  OFPMP_TABLE_FEATURES, OFPT_MULTIPART_REPLY, OFPT_MULTIPART_REQUEST,
} from '../common13/constants.js'
import {
  MULTIPART_BODIES, multipartTypesFor, type AggregateStats, type Desc, type ExperimenterBody, type FlowStats,
  type FlowStatsRequestBody, type GroupDesc, type GroupFeatures, type GroupStats, type GroupStatsRequestBody,
  type MeterConfig, type MeterFeatures, type MeterRequestBody, type MeterStats, type PortStats,
  type PortStatsRequestBody, type QueueStats, type QueueStatsRequestBody, type TableStats,
} from '../common13/multipart-bodies.js'
import type { Port } from '../common13/structs.js'
import type { TableFeatures } from '../common13/table-features.js'
import { type MsgBase } from './base.js'

interface Mp<T extends number, K extends number, B> extends MsgBase<T> { mpType: K; flags: number; body: B }
interface MpUnknown<T extends number> extends MsgBase<T> { mpType: number; flags: number; unknown: true; body: Buffer }

type Req<K extends number, B> = Mp<typeof OFPT_MULTIPART_REQUEST, K, B>
type Rep<K extends number, B> = Mp<typeof OFPT_MULTIPART_REPLY, K, B>

export type MultipartRequest =
  | Req<typeof OFPMP_DESC | typeof OFPMP_TABLE | typeof OFPMP_GROUP_DESC | typeof OFPMP_GROUP_FEATURES |
      typeof OFPMP_METER_FEATURES | typeof OFPMP_PORT_DESC, undefined>
  | Req<typeof OFPMP_FLOW | typeof OFPMP_AGGREGATE, FlowStatsRequestBody>
  | Req<typeof OFPMP_PORT_STATS, PortStatsRequestBody>
  | Req<typeof OFPMP_QUEUE, QueueStatsRequestBody>
  | Req<typeof OFPMP_GROUP, GroupStatsRequestBody>
  | Req<typeof OFPMP_METER | typeof OFPMP_METER_CONFIG, MeterRequestBody>
  | Req<typeof OFPMP_TABLE_FEATURES, TableFeatures[]>
  | Req<typeof OFPMP_EXPERIMENTER, ExperimenterBody>
  | MpUnknown<typeof OFPT_MULTIPART_REQUEST>

export type MultipartReply =
  | Rep<typeof OFPMP_DESC, Desc>
  | Rep<typeof OFPMP_FLOW, FlowStats[]>
  | Rep<typeof OFPMP_AGGREGATE, AggregateStats>
  | Rep<typeof OFPMP_TABLE, TableStats[]>
  | Rep<typeof OFPMP_PORT_STATS, PortStats[]>
  | Rep<typeof OFPMP_QUEUE, QueueStats[]>
  | Rep<typeof OFPMP_GROUP, GroupStats[]>
  | Rep<typeof OFPMP_GROUP_DESC, GroupDesc[]>
  | Rep<typeof OFPMP_GROUP_FEATURES, GroupFeatures>
  | Rep<typeof OFPMP_METER, MeterStats[]>
  | Rep<typeof OFPMP_METER_CONFIG, MeterConfig[]>
  | Rep<typeof OFPMP_METER_FEATURES, MeterFeatures>
  | Rep<typeof OFPMP_TABLE_FEATURES, TableFeatures[]>
  | Rep<typeof OFPMP_PORT_DESC, Port[]>
  | Rep<typeof OFPMP_EXPERIMENTER, ExperimenterBody>
  | MpUnknown<typeof OFPT_MULTIPART_REPLY>

function multipart<M extends MultipartRequest | MultipartReply>(name: string, side: 'request' | 'reply'): MessageCodec<M> {
  return {
    name,
    decode(r, h) {
      r.need(8, 'ofp_multipart_header')
      const mpType = r.u16() // uint16_t type;
      const flags = r.u16() // uint16_t flags;
      r.skip(4) // uint8_t pad[4];
      const codec = multipartTypesFor(h.version).includes(mpType) ? MULTIPART_BODIES[mpType] : undefined
      if (codec === undefined) return { version: h.version, type: h.type, xid: h.xid, mpType, flags, unknown: true, body: r.rest() } as M
      const body = codec[side].decode(r, h.version) // uint8_t body[0];
      const m = { version: h.version, type: h.type, xid: h.xid, mpType, flags } as Record<string, unknown>
      if (body !== undefined) m.body = body
      return m as unknown as M
    },
    encode(w, m) {
      w.u16(m.mpType).u16(m.flags).zero(4)
      if ((m as MpUnknown<number>).unknown) {
        w.bytes(asBytes((m as MpUnknown<number>).body))
        return
      }
      const codec = MULTIPART_BODIES[m.mpType]
      if (codec === undefined) w.bytes(asBytes(((m as MpUnknown<number>).body ?? '')))
      else codec[side].encode(w, m.body, m.version)
    },
  }
}

export const multipartRequest = multipart<MultipartRequest>('OFPT_MULTIPART_REQUEST', 'request')
export const multipartReply = multipart<MultipartReply>('OFPT_MULTIPART_REPLY', 'reply')
/** The same codecs under their OpenFlow 1.2 names. */
export const statsRequest = multipart<MultipartRequest>('OFPT_STATS_REQUEST', 'request')
export const statsReply = multipart<MultipartReply>('OFPT_STATS_REPLY', 'reply')
