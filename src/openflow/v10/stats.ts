// OFPT_STATS_REQUEST / OFPT_STATS_REPLY — OpenFlow Switch Specification 1.0.0 §5.3.5
// (struct ofp_stats_request/reply: type, flags, body). Every stats type has a typed body:
// DESC, FLOW, AGGREGATE, TABLE, PORT, QUEUE; OFPST_VENDOR keeps the vendor body raw; an unknown stats
// type keeps the whole body raw. Variable-length entries (ofp_flow_stats) are bounded by their own
// length field, which must be >= the fixed part and fit in the message.
import { MalformedError } from '../../wire/errors.js'
import type { WireReader } from '../../wire/reader.js'
import type { WireWriter } from '../../wire/writer.js'
import { readFixedText, writeFixedText, type FixedTextRaw } from '../../wire/fixed-text.js'
import { readDescStrings, writeDescStrings } from '../desc-strings.js'

import type { MessageCodec } from '../registry.js'
import type { OfHeader } from '../header.js'
import { type Base10 } from './base.js'
import { actions10Length, decodeActions10, encodeActions10, type Action10 } from './actions.js'
import { decodeMatch10, encodeMatch10, OFP_MATCH10_SIZE, type Match10 } from './match.js'
import { DESC_STR_LEN, OFP_MAX_TABLE_NAME_LEN, OFPST10, SERIAL_NUM_LEN } from './constants.js'
import { decodePortCounters, encodePortCounters, type PortCounters } from '../port-counters.js'

// ---- request bodies -------------------------------------------------------------------------

/** ofp_flow_stats_request and ofp_aggregate_stats_request (same layout, 44 bytes). */
export interface FlowStatsRequestBody10 {
  match: Match10 // struct ofp_match match;
  tableId: number // uint8_t table_id;
  outPort: number // uint16_t out_port;
}
export interface PortStatsRequestBody10 {
  portNo: number // uint16_t port_no;
}
export interface QueueStatsRequestBody10 {
  portNo: number // uint16_t port_no;
  queueId: number // uint32_t queue_id;
}
/** OFPST_VENDOR body: the vendor id, then vendor-defined bytes (view). */
export interface VendorStatsBody10 {
  vendor: number
  data: Buffer
}
/** A stats type 1.0 does not define: the body as is (view). */
export interface RawStatsBody10 {
  data: Buffer
}
// DESC and TABLE requests have an empty body: {}.
export type StatsRequestBody10 = Record<string, never> | FlowStatsRequestBody10 | PortStatsRequestBody10 | QueueStatsRequestBody10 | VendorStatsBody10 | RawStatsBody10

// ---- reply bodies -----------------------------------------------------------------------------

/** struct ofp_desc_stats (1056 bytes of NUL-padded strings). */
export interface DescStats10 extends FixedTextRaw<'mfrDesc' | 'hwDesc' | 'swDesc' | 'serialNum' | 'dpDesc'> {
  mfrDesc: string // char mfr_desc[DESC_STR_LEN];
  hwDesc: string // char hw_desc[DESC_STR_LEN];
  swDesc: string // char sw_desc[DESC_STR_LEN];
  serialNum: string // char serial_num[SERIAL_NUM_LEN];
  dpDesc: string // char dp_desc[DESC_STR_LEN];
}
/** struct ofp_flow_stats (88 bytes + actions). */
export interface FlowStats10 {
  tableId: number // uint8_t table_id;
  match: Match10 // struct ofp_match match;
  durationSec: number // uint32_t duration_sec;
  durationNsec: number // uint32_t duration_nsec;
  priority: number // uint16_t priority;
  idleTimeout: number // uint16_t idle_timeout;
  hardTimeout: number // uint16_t hard_timeout;
  cookie: bigint // uint64_t cookie;
  packetCount: bigint // uint64_t packet_count;
  byteCount: bigint // uint64_t byte_count;
  actions: Action10[] // struct ofp_action_header actions[0];
}
/** struct ofp_aggregate_stats_reply (24 bytes). */
export interface AggregateStats10 {
  packetCount: bigint // uint64_t packet_count;
  byteCount: bigint // uint64_t byte_count;
  flowCount: number // uint32_t flow_count;
}
/** struct ofp_table_stats (64 bytes). */
export interface TableStats10 extends FixedTextRaw<'name'> {
  tableId: number // uint8_t table_id;
  name: string // char name[OFP_MAX_TABLE_NAME_LEN];
  wildcards: number // uint32_t wildcards;
  maxEntries: number // uint32_t max_entries;
  activeCount: number // uint32_t active_count;
  lookupCount: bigint // uint64_t lookup_count;
  matchedCount: bigint // uint64_t matched_count;
}
/** struct ofp_port_stats (104 bytes). */
export interface PortStats10 extends PortCounters {
  portNo: number // uint16_t port_no;
}
/** struct ofp_queue_stats (32 bytes). */
export interface QueueStats10 {
  portNo: number // uint16_t port_no;
  queueId: number // uint32_t queue_id;
  txBytes: bigint // uint64_t tx_bytes;
  txPackets: bigint // uint64_t tx_packets;
  txErrors: bigint // uint64_t tx_errors;
}
export type StatsReplyBody10 =
  | DescStats10
  | { flows: FlowStats10[] }
  | AggregateStats10
  | { tables: TableStats10[] }
  | { ports: PortStats10[] }
  | { queues: QueueStats10[] }
  | VendorStatsBody10
  | RawStatsBody10

export interface StatsRequest10 extends Base10<16> {
  statsType: number // uint16_t type; (OFPST_*)
  flags: number // uint16_t flags;
  body: StatsRequestBody10
}
export interface StatsReply10 extends Base10<17> {
  statsType: number // uint16_t type; (OFPST_*)
  flags: number // uint16_t flags; (OFPSF_REPLY_MORE)
  body: StatsReplyBody10
}

export const OFP_DESC_STATS_SIZE = 4 * DESC_STR_LEN + SERIAL_NUM_LEN
export const OFP_FLOW_STATS10_SIZE = 88
export const OFP_TABLE_STATS10_SIZE = 64
export const OFP_PORT_STATS10_SIZE = 104
export const OFP_QUEUE_STATS10_SIZE = 32

// ---- entry codecs -------------------------------------------------------------------------------

function decodeFlowStats10(r: WireReader): FlowStats10 {
  const at = r.pos
  r.need(2, 'ofp_flow_stats')
  const length = r.u16() // uint16_t length;
  if (length < OFP_FLOW_STATS10_SIZE || length > r.end - at) {
    throw new MalformedError('OFPBRC_BAD_LEN', `ofp_flow_stats length ${length} is below 88 or overruns the reply (${r.end - at} left)`, { offset: at, field: 'ofp_flow_stats.length' })
  }
  const e = r.slice(length - 2, 'ofp_flow_stats')
  const tableId = e.u8() // uint8_t table_id;
  e.skip(1) // uint8_t pad;
  const match = decodeMatch10(e) // struct ofp_match match;
  const durationSec = e.u32() // uint32_t duration_sec;
  const durationNsec = e.u32() // uint32_t duration_nsec;
  const priority = e.u16() // uint16_t priority;
  const idleTimeout = e.u16() // uint16_t idle_timeout;
  const hardTimeout = e.u16() // uint16_t hard_timeout;
  e.skip(6) // uint8_t pad2[6];
  const cookie = e.u64() // uint64_t cookie;
  const packetCount = e.u64() // uint64_t packet_count;
  const byteCount = e.u64() // uint64_t byte_count;
  const actions = decodeActions10(e) // struct ofp_action_header actions[0];
  return { tableId, match, durationSec, durationNsec, priority, idleTimeout, hardTimeout, cookie, packetCount, byteCount, actions }
}

function encodeFlowStats10(w: WireWriter, f: FlowStats10): void {
  w.u16(OFP_FLOW_STATS10_SIZE + actions10Length(f.actions)).u8(f.tableId).zero(1)
  encodeMatch10(w, f.match)
  w.u32(f.durationSec).u32(f.durationNsec).u16(f.priority).u16(f.idleTimeout).u16(f.hardTimeout).zero(6)
  w.u64(f.cookie).u64(f.packetCount).u64(f.byteCount)
  encodeActions10(w, f.actions)
}

function decodeTableStats10(r: WireReader): TableStats10 {
  r.need(OFP_TABLE_STATS10_SIZE, 'ofp_table_stats')
  const tableId = r.u8() // uint8_t table_id;
  r.skip(3) // uint8_t pad[3];
  const name = readFixedText(r, OFP_MAX_TABLE_NAME_LEN, 'latin1') // char name[OFP_MAX_TABLE_NAME_LEN];
  const wildcards = r.u32() // uint32_t wildcards;
  const maxEntries = r.u32() // uint32_t max_entries;
  const activeCount = r.u32() // uint32_t active_count;
  const lookupCount = r.u64() // uint64_t lookup_count;
  const matchedCount = r.u64() // uint64_t matched_count;
  const t: TableStats10 = { tableId, name: name.text, wildcards, maxEntries, activeCount, lookupCount, matchedCount }
  if (name.raw) t.nameRaw = name.raw
  return t
}

function encodeTableStats10(w: WireWriter, t: TableStats10): void {
  w.u8(t.tableId).zero(3)
  writeFixedText(w, t.name, t.nameRaw, OFP_MAX_TABLE_NAME_LEN, 'latin1', 'name')
  w.u32(t.wildcards).u32(t.maxEntries).u32(t.activeCount)
  w.u64(t.lookupCount).u64(t.matchedCount)
}


function decodePortStats10(r: WireReader): PortStats10 {
  r.need(OFP_PORT_STATS10_SIZE, 'ofp_port_stats')
  const portNo = r.u16() // uint16_t port_no;
  r.skip(6) // uint8_t pad[6];
  return decodePortCounters(r, portNo) // uint64_t rx_packets … collisions;
}

function encodePortStats10(w: WireWriter, p: PortStats10): void {
  w.u16(p.portNo).zero(6)
  encodePortCounters(w, p)
}

function decodeQueueStats10(r: WireReader): QueueStats10 {
  r.need(OFP_QUEUE_STATS10_SIZE, 'ofp_queue_stats')
  const portNo = r.u16() // uint16_t port_no;
  r.skip(2) // uint8_t pad[2];
  const queueId = r.u32() // uint32_t queue_id;
  const txBytes = r.u64() // uint64_t tx_bytes;
  const txPackets = r.u64() // uint64_t tx_packets;
  const txErrors = r.u64() // uint64_t tx_errors;
  return { portNo, queueId, txBytes, txPackets, txErrors }
}

function encodeQueueStats10(w: WireWriter, q: QueueStats10): void {
  w.u16(q.portNo).zero(2).u32(q.queueId).u64(q.txBytes).u64(q.txPackets).u64(q.txErrors)
}

/** Fixed-size entries repeated to the end of the body; the body must be a whole number of them. */
function decodeArray<T>(r: WireReader, size: number, name: string, one: (r: WireReader) => T): T[] {
  if (r.remaining % size !== 0) {
    throw new MalformedError('OFPBRC_BAD_LEN', `${name} list of ${r.remaining} bytes is not a multiple of ${size}`, { offset: r.pos, field: name })
  }
  const out: T[] = []
  while (r.pos < r.end) out.push(one(r))
  return out
}

// ---- body dispatch ------------------------------------------------------------------------------

function decodeVendorBody(r: WireReader): VendorStatsBody10 {
  const vendor = r.u32() // uint32_t vendor;
  return { vendor, data: r.rest() }
}

function decodeRequestBody(r: WireReader, statsType: number): StatsRequestBody10 {
  switch (statsType) {
    case OFPST10.OFPST_DESC:
    case OFPST10.OFPST_TABLE:
      return {}
    case OFPST10.OFPST_FLOW:
    case OFPST10.OFPST_AGGREGATE: {
      r.need(OFP_MATCH10_SIZE + 4, 'ofp_flow_stats_request')
      const match = decodeMatch10(r) // struct ofp_match match;
      const tableId = r.u8() // uint8_t table_id;
      r.skip(1) // uint8_t pad;
      return { match, tableId, outPort: r.u16() } // uint16_t out_port;
    }
    case OFPST10.OFPST_PORT: {
      r.need(8, 'ofp_port_stats_request')
      const portNo = r.u16() // uint16_t port_no;
      r.skip(6) // uint8_t pad[6];
      return { portNo }
    }
    case OFPST10.OFPST_QUEUE: {
      r.need(8, 'ofp_queue_stats_request')
      const portNo = r.u16() // uint16_t port_no;
      r.skip(2) // uint8_t pad[2];
      return { portNo, queueId: r.u32() } // uint32_t queue_id;
    }
    case OFPST10.OFPST_VENDOR:
      return decodeVendorBody(r)
    default:
      return { data: r.rest() }
  }
}

function encodeRequestBody(w: WireWriter, statsType: number, b: StatsRequestBody10): void {
  switch (statsType) {
    case OFPST10.OFPST_DESC:
    case OFPST10.OFPST_TABLE:
      return
    case OFPST10.OFPST_FLOW:
    case OFPST10.OFPST_AGGREGATE: {
      const x = b as FlowStatsRequestBody10
      encodeMatch10(w, x.match)
      w.u8(x.tableId).zero(1).u16(x.outPort)
      return
    }
    case OFPST10.OFPST_PORT:
      w.u16((b as PortStatsRequestBody10).portNo).zero(6)
      return
    case OFPST10.OFPST_QUEUE: {
      const x = b as QueueStatsRequestBody10
      w.u16(x.portNo).zero(2).u32(x.queueId)
      return
    }
    case OFPST10.OFPST_VENDOR: {
      const x = b as VendorStatsBody10
      w.u32(x.vendor).bytes(x.data ?? Buffer.alloc(0))
      return
    }
    default:
      w.bytes((b as RawStatsBody10).data ?? Buffer.alloc(0))
  }
}

function decodeReplyBody(r: WireReader, statsType: number): StatsReplyBody10 {
  switch (statsType) {
    case OFPST10.OFPST_DESC: {
      r.need(OFP_DESC_STATS_SIZE, 'ofp_desc_stats')
      return readDescStrings(r, 'latin1')
    }
    case OFPST10.OFPST_FLOW: {
      const flows: FlowStats10[] = []
      while (r.pos < r.end) flows.push(decodeFlowStats10(r))
      return { flows }
    }
    case OFPST10.OFPST_AGGREGATE: {
      r.need(24, 'ofp_aggregate_stats_reply')
      const packetCount = r.u64() // uint64_t packet_count;
      const byteCount = r.u64() // uint64_t byte_count;
      const flowCount = r.u32() // uint32_t flow_count;
      r.skip(4) // uint8_t pad[4];
      return { packetCount, byteCount, flowCount }
    }
    case OFPST10.OFPST_TABLE:
      return { tables: decodeArray(r, OFP_TABLE_STATS10_SIZE, 'ofp_table_stats', decodeTableStats10) }
    case OFPST10.OFPST_PORT:
      return { ports: decodeArray(r, OFP_PORT_STATS10_SIZE, 'ofp_port_stats', decodePortStats10) }
    case OFPST10.OFPST_QUEUE:
      return { queues: decodeArray(r, OFP_QUEUE_STATS10_SIZE, 'ofp_queue_stats', decodeQueueStats10) }
    case OFPST10.OFPST_VENDOR:
      return decodeVendorBody(r)
    default:
      return { data: r.rest() }
  }
}

function encodeReplyBody(w: WireWriter, statsType: number, b: StatsReplyBody10): void {
  switch (statsType) {
    case OFPST10.OFPST_DESC: {
      const d = b as DescStats10
      writeDescStrings(w, d, 'latin1')
      return
    }
    case OFPST10.OFPST_FLOW:
      for (const f of (b as { flows: FlowStats10[] }).flows) encodeFlowStats10(w, f)
      return
    case OFPST10.OFPST_AGGREGATE: {
      const a = b as AggregateStats10
      w.u64(a.packetCount).u64(a.byteCount).u32(a.flowCount).zero(4)
      return
    }
    case OFPST10.OFPST_TABLE:
      for (const t of (b as { tables: TableStats10[] }).tables) encodeTableStats10(w, t)
      return
    case OFPST10.OFPST_PORT:
      for (const p of (b as { ports: PortStats10[] }).ports) encodePortStats10(w, p)
      return
    case OFPST10.OFPST_QUEUE:
      for (const q of (b as { queues: QueueStats10[] }).queues) encodeQueueStats10(w, q)
      return
    case OFPST10.OFPST_VENDOR: {
      const x = b as VendorStatsBody10
      w.u32(x.vendor).bytes(x.data ?? Buffer.alloc(0))
      return
    }
    default:
      w.bytes((b as RawStatsBody10).data ?? Buffer.alloc(0))
  }
}

function decodeStatsHead(r: WireReader): { statsType: number; flags: number } {
  r.need(4, 'ofp_stats_header')
  const statsType = r.u16() // uint16_t type;
  const flags = r.u16() // uint16_t flags;
  return { statsType, flags }
}

export const statsRequest10Codec: MessageCodec<StatsRequest10> = {
  name: 'OFPT_STATS_REQUEST',
  decode(r: WireReader, h: OfHeader) {
    const { statsType, flags } = decodeStatsHead(r)
    return { version: 0x01, type: 16, xid: h.xid, statsType, flags, body: decodeRequestBody(r, statsType) }
  },
  encode(w, m) {
    w.u16(m.statsType).u16(m.flags)
    encodeRequestBody(w, m.statsType, m.body)
  },
}

export const statsReply10Codec: MessageCodec<StatsReply10> = {
  name: 'OFPT_STATS_REPLY',
  decode(r: WireReader, h: OfHeader) {
    const { statsType, flags } = decodeStatsHead(r)
    return { version: 0x01, type: 17, xid: h.xid, statsType, flags, body: decodeReplyBody(r, statsType) }
  },
  encode(w, m) {
    w.u16(m.statsType).u16(m.flags)
    encodeReplyBody(w, m.statsType, m.body)
  },
}

