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
import { type MsgBase, type Version1x } from './base.js'

/** A multipart (1.2: stats) message whose body layout ofl knows: `mpType` discriminates `body`. */
export interface Mp<T extends number, K extends number, B, V extends Version1x = Version1x> extends MsgBase<T, V> {
  mpType: K
  flags: number
  body: B
  /** Only raw bodies (MpUnknown) carry `unknown`; test `m.unknown` to narrow. */
  unknown?: never
}
/** A multipart type the message's version does not define: the body stays raw. */
export interface MpUnknown<T extends number, V extends Version1x = Version1x> extends MsgBase<T, V> { mpType: number; flags: number; unknown: true; body: Buffer }

type Req<K extends number, B, V extends Version1x> = Mp<typeof OFPT_MULTIPART_REQUEST, K, B, V>
type Rep<K extends number, B, V extends Version1x> = Mp<typeof OFPT_MULTIPART_REPLY, K, B, V>

export type MultipartRequest<V extends Version1x = Version1x> =
  | Req<typeof OFPMP_DESC | typeof OFPMP_TABLE | typeof OFPMP_GROUP_DESC | typeof OFPMP_GROUP_FEATURES |
      typeof OFPMP_METER_FEATURES | typeof OFPMP_PORT_DESC, undefined, V>
  | Req<typeof OFPMP_FLOW | typeof OFPMP_AGGREGATE, FlowStatsRequestBody, V>
  | Req<typeof OFPMP_PORT_STATS, PortStatsRequestBody, V>
  | Req<typeof OFPMP_QUEUE, QueueStatsRequestBody, V>
  | Req<typeof OFPMP_GROUP, GroupStatsRequestBody, V>
  | Req<typeof OFPMP_METER | typeof OFPMP_METER_CONFIG, MeterRequestBody, V>
  | Req<typeof OFPMP_TABLE_FEATURES, TableFeatures[], V>
  | Req<typeof OFPMP_EXPERIMENTER, ExperimenterBody, V>
  | MpUnknown<typeof OFPT_MULTIPART_REQUEST, V>

export type MultipartReply<V extends Version1x = Version1x> =
  | Rep<typeof OFPMP_DESC, Desc, V>
  | Rep<typeof OFPMP_FLOW, FlowStats[], V>
  | Rep<typeof OFPMP_AGGREGATE, AggregateStats, V>
  | Rep<typeof OFPMP_TABLE, TableStats[], V>
  | Rep<typeof OFPMP_PORT_STATS, PortStats[], V>
  | Rep<typeof OFPMP_QUEUE, QueueStats[], V>
  | Rep<typeof OFPMP_GROUP, GroupStats[], V>
  | Rep<typeof OFPMP_GROUP_DESC, GroupDesc[], V>
  | Rep<typeof OFPMP_GROUP_FEATURES, GroupFeatures, V>
  | Rep<typeof OFPMP_METER, MeterStats[], V>
  | Rep<typeof OFPMP_METER_CONFIG, MeterConfig[], V>
  | Rep<typeof OFPMP_METER_FEATURES, MeterFeatures, V>
  | Rep<typeof OFPMP_TABLE_FEATURES, TableFeatures[], V>
  | Rep<typeof OFPMP_PORT_DESC, Port[], V>
  | Rep<typeof OFPMP_EXPERIMENTER, ExperimenterBody, V>
  | MpUnknown<typeof OFPT_MULTIPART_REPLY, V>

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
