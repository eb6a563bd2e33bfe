// Multipart (1.3) / stats (1.2) request and reply bodies — OpenFlow 1.3.5 §7.3.5, 1.2 §A.3.5.
// One table keyed by OFPMP_* type gives the body codec for requests and replies. The 1.2 layouts
// differ for flow stats (no flags), table stats (a 128-byte struct), port/queue/group stats (no
// duration); `version` selects the layout. Types a version does not define, and OFPMP_EXPERIMENTER
// data, stay raw views and re-encode unchanged.
import { asBytes } from '../../wire/json.js'
import { MalformedError } from '../../wire/errors.js'
import type { WireReader } from '../../wire/reader.js'
import type { WireWriter } from '../../wire/writer.js'
import {
  OFPMP_AGGREGATE, OFPMP_DESC, OFPMP_EXPERIMENTER, OFPMP_FLOW, OFPMP_GROUP, OFPMP_GROUP_DESC, OFPMP_GROUP_FEATURES,
  OFPMP_METER, OFPMP_METER_CONFIG, OFPMP_METER_FEATURES, OFPMP_PORT_DESC, OFPMP_PORT_STATS, OFPMP_QUEUE, OFPMP_TABLE,
  OFPMP_TABLE_FEATURES,
} from './constants.js'
import { decodeInstructions, encodeInstructions, type Instruction } from './instructions.js'
import { decodeMatch, encodeMatch, type Match } from './oxm.js'
import {
  decodeBuckets, decodeMeterBands, decodePorts, encodeBuckets, encodeMeterBands, encodePorts, type Bucket, type MeterBand,
  type Port,
} from './structs.js'
import { decodeTableFeaturesList, encodeTableFeaturesList, type TableFeatures } from './table-features.js'
import { readList } from './util.js'
import { readFixedText, writeFixedText, type FixedTextRaw } from '../../wire/fixed-text.js'
import { readDescStrings, writeDescStrings, type DescStrings } from '../desc-strings.js'
import { decodePortCounters, encodePortCounters, type PortCounters } from '../port-counters.js'

const OFP_VERSION_1_3 = 4
const is13 = (v: number): boolean => v >= OFP_VERSION_1_3
const BAD_LEN = 'OFPBRC_BAD_LEN'

function end(r: WireReader, field: string): void {
  if (r.pos !== r.end) throw new MalformedError(BAD_LEN, `${field}: ${r.end - r.pos} unexpected trailing bytes`, { offset: r.pos, field })
}

// ---- request bodies ---------------------------------------------------------------------------------
export interface FlowStatsRequestBody {
  tableId: number; outPort: number; outGroup: number; cookie: bigint; cookieMask: bigint; match: Match
}
export interface PortStatsRequestBody { portNo: number }
export interface QueueStatsRequestBody { portNo: number; queueId: number }
export interface GroupStatsRequestBody { groupId: number }
export interface MeterRequestBody { meterId: number }
export interface ExperimenterBody {
  experimenter: number; expType: number
  /** Experimenter-defined data. View. */
  data: Buffer
}

// ---- reply bodies -----------------------------------------------------------------------------------
export type Desc = DescStrings
export interface FlowStats {
  tableId: number; durationSec: number; durationNsec: number; priority: number; idleTimeout: number; hardTimeout: number
  /** 1.3 only (1.2 has padding here). */
  flags?: number
  cookie: bigint; packetCount: bigint; byteCount: bigint; match: Match; instructions: Instruction[]
}
export interface AggregateStats { packetCount: bigint; byteCount: bigint; flowCount: number }
export interface TableStats13 { tableId: number; activeCount: number; lookupCount: bigint; matchedCount: bigint }
export interface TableStats12 extends TableStats13, FixedTextRaw<'name'> {
  name: string; match: bigint; wildcards: bigint; writeActions: number; applyActions: number; writeSetfields: bigint
  applySetfields: bigint; metadataMatch: bigint; metadataWrite: bigint; instructions: number; config: number; maxEntries: number
}
export type TableStats = TableStats13 | TableStats12
export interface PortStats extends PortCounters {
  portNo: number
  /** 1.3 only. */
  durationSec?: number
  durationNsec?: number
}
export interface QueueStats {
  portNo: number; queueId: number; txBytes: bigint; txPackets: bigint; txErrors: bigint; durationSec?: number; durationNsec?: number
}
export interface BucketCounter { packetCount: bigint; byteCount: bigint }
export interface GroupStats {
  groupId: number; refCount: number; packetCount: bigint; byteCount: bigint; durationSec?: number; durationNsec?: number
  bucketStats: BucketCounter[]
}
export interface GroupDesc { groupType: number; groupId: number; buckets: Bucket[] }
export interface GroupFeatures { types: number; capabilities: number; maxGroups: number[]; actions: number[] }
export interface MeterBandStats { packetBandCount: bigint; byteBandCount: bigint }
export interface MeterStats {
  meterId: number; flowCount: number; packetInCount: bigint; byteInCount: bigint; durationSec: number; durationNsec: number
  bandStats: MeterBandStats[]
}
export interface MeterConfig { flags: number; meterId: number; bands: MeterBand[] }
export interface MeterFeatures { maxMeter: number; bandTypes: number; capabilities: number; maxBands: number; maxColor: number }

interface BodyCodec<T> { decode(r: WireReader, version: number): T; encode(w: WireWriter, b: T, version: number): void }

const emptyBody: BodyCodec<undefined> = {
  decode: (r) => { end(r, 'multipart body'); return undefined },
  encode: () => {},
}

const experimenterBody: BodyCodec<ExperimenterBody> = {
  decode(r) {
    r.need(8, 'ofp_experimenter_multipart_header')
    const experimenter = r.u32() // uint32_t experimenter;
    const expType = r.u32() // uint32_t exp_type;
    return { experimenter, expType, data: r.rest() }
  },
  encode(w, b) {
    w.u32(b.experimenter).u32(b.expType).bytes(asBytes(b.data ?? ''))
  },
}

const flowStatsRequest: BodyCodec<FlowStatsRequestBody> = {
  decode(r) {
    r.need(32, 'ofp_flow_stats_request')
    const tableId = r.u8() // uint8_t table_id;
    r.skip(3) // uint8_t pad[3];
    const outPort = r.u32() // uint32_t out_port;
    const outGroup = r.u32() // uint32_t out_group;
    r.skip(4) // uint8_t pad2[4];
    const cookie = r.u64() // uint64_t cookie;
    const cookieMask = r.u64() // uint64_t cookie_mask;
    const match = decodeMatch(r) // struct ofp_match match;
    end(r, 'ofp_flow_stats_request')
    return { tableId, outPort, outGroup, cookie, cookieMask, match }
  },
  encode(w, b) {
    w.u8(b.tableId).zero(3).u32(b.outPort).u32(b.outGroup).zero(4).u64(b.cookie).u64(b.cookieMask)
    encodeMatch(w, b.match)
  },
}

/**
 * The 8-byte request bodies made of one uint32_t id and uint8_t pad[4]: ofp_port_stats_request
 * (port_no), ofp_group_stats_request (group_id), ofp_meter_multipart_request (meter_id).
 */
function idRequest<K extends string>(key: K, struct: string): BodyCodec<Record<K, number>> {
  return {
    decode(r) {
      r.need(8, struct)
      const id = r.u32() // uint32_t port_no; / group_id; / meter_id;
      r.skip(4) // uint8_t pad[4];
      end(r, struct)
      return { [key]: id } as Record<K, number>
    },
    encode: (w, b) => void w.u32(b[key]).zero(4),
  }
}

const portStatsRequest: BodyCodec<PortStatsRequestBody> = idRequest('portNo', 'ofp_port_stats_request')
const groupStatsRequest: BodyCodec<GroupStatsRequestBody> = idRequest('groupId', 'ofp_group_stats_request')
const meterRequest: BodyCodec<MeterRequestBody> = idRequest('meterId', 'ofp_meter_multipart_request')

const queueStatsRequest: BodyCodec<QueueStatsRequestBody> = {
  decode(r) {
    r.need(8, 'ofp_queue_stats_request')
    const portNo = r.u32() // uint32_t port_no;
    const queueId = r.u32() // uint32_t queue_id;
    end(r, 'ofp_queue_stats_request')
    return { portNo, queueId }
  },
  encode: (w, b) => void w.u32(b.portNo).u32(b.queueId),
}

const tableFeatures: BodyCodec<TableFeatures[]> = {
  decode: (r) => decodeTableFeaturesList(r),
  encode: (w, b) => encodeTableFeaturesList(w, b),
}


const descReply: BodyCodec<Desc> = {
  decode(r) {
    r.need(1056, 'ofp_desc')
    const d = readDescStrings(r, 'utf8') // char mfr_desc[256] … serial_num[32] … dp_desc[256];
    end(r, 'ofp_desc')
    return d
  },
  encode(w, b) {
    writeDescStrings(w, b, 'utf8')
  },
}

const flowStatsReply: BodyCodec<FlowStats[]> = {
  decode(r, version) {
    return readList(r, { header: 48, lenAt: 0, code: BAD_LEN, field: 'ofp_flow_stats', multipleOf: 8 }, (s) => {
      s.u16() // uint16_t length;
      const tableId = s.u8() // uint8_t table_id;
      s.skip(1) // uint8_t pad;
      const durationSec = s.u32() // uint32_t duration_sec;
      const durationNsec = s.u32() // uint32_t duration_nsec;
      const priority = s.u16() // uint16_t priority;
      const idleTimeout = s.u16() // uint16_t idle_timeout;
      const hardTimeout = s.u16() // uint16_t hard_timeout;
      let flags: number | undefined
      if (is13(version)) {
        flags = s.u16() // uint16_t flags;
        s.skip(4) // uint8_t pad2[4];
      } else s.skip(6) // uint8_t pad2[6]; (1.2)
      const cookie = s.u64() // uint64_t cookie;
      const packetCount = s.u64() // uint64_t packet_count;
      const byteCount = s.u64() // uint64_t byte_count;
      const match = decodeMatch(s) // struct ofp_match match;
      const instructions = decodeInstructions(s) // struct ofp_instruction instructions[0];
      const out: FlowStats = { tableId, durationSec, durationNsec, priority, idleTimeout, hardTimeout, cookie, packetCount, byteCount, match, instructions }
      if (flags !== undefined) out.flags = flags
      return out
    })
  },
  encode(w, list, version) {
    for (const f of list) {
      const start = w.pos
      w.u16(0).u8(f.tableId).zero(1).u32(f.durationSec).u32(f.durationNsec).u16(f.priority).u16(f.idleTimeout).u16(f.hardTimeout)
      if (is13(version)) w.u16(f.flags ?? 0).zero(4)
      else w.zero(6)
      w.u64(f.cookie).u64(f.packetCount).u64(f.byteCount)
      encodeMatch(w, f.match)
      encodeInstructions(w, f.instructions ?? [])
      w.patchU16(start, w.pos - start)
    }
  },
}

const aggregateReply: BodyCodec<AggregateStats> = {
  decode(r) {
    r.need(24, 'ofp_aggregate_stats_reply')
    const packetCount = r.u64() // uint64_t packet_count;
    const byteCount = r.u64() // uint64_t byte_count;
    const flowCount = r.u32() // uint32_t flow_count;
    r.skip(4) // uint8_t pad[4];
    end(r, 'ofp_aggregate_stats_reply')
    return { packetCount, byteCount, flowCount }
  },
  encode: (w, b) => void w.u64(b.packetCount).u64(b.byteCount).u32(b.flowCount).zero(4),
}

/** Fixed-size entries repeated until the body ends. */
function fixedList<T>(size: number, field: string, dec: (r: WireReader) => T, enc: (w: WireWriter, e: T) => void): BodyCodec<T[]> {
  return {
    decode(r) {
      if ((r.end - r.pos) % size !== 0) {
        throw new MalformedError(BAD_LEN, `${field}: body of ${r.end - r.pos} bytes is not a multiple of ${size}`, { offset: r.pos, field })
      }
      const out: T[] = []
      while (r.pos < r.end) out.push(dec(r))
      return out
    },
    encode(w, list) {
      for (const e of list) enc(w, e)
    },
  }
}

/** Like fixedList, but the entry size depends on the version. */
function versioned<T>(v12: BodyCodec<T>, v13: BodyCodec<T>): BodyCodec<T> {
  return {
    decode: (r, v) => (is13(v) ? v13 : v12).decode(r, v),
    encode: (w, b, v) => (is13(v) ? v13 : v12).encode(w, b, v),
  }
}

const tableStats13 = fixedList<TableStats>(24, 'ofp_table_stats', (r) => {
  const tableId = r.u8() // uint8_t table_id;
  r.skip(3) // uint8_t pad[3];
  const activeCount = r.u32() // uint32_t active_count;
  const lookupCount = r.u64() // uint64_t lookup_count;
  const matchedCount = r.u64() // uint64_t matched_count;
  return { tableId, activeCount, lookupCount, matchedCount }
}, (w, t) => void w.u8(t.tableId).zero(3).u32(t.activeCount).u64(t.lookupCount).u64(t.matchedCount))

const tableStats12 = fixedList<TableStats>(128, 'ofp_table_stats', (r) => {
  const tableId = r.u8() // uint8_t table_id;
  r.skip(7) // uint8_t pad[7];
  const name = readFixedText(r, 32, 'utf8') // char name[OFP_MAX_TABLE_NAME_LEN];
  const match = r.u64() // uint64_t match;
  const wildcards = r.u64() // uint64_t wildcards;
  const writeActions = r.u32() // uint32_t write_actions;
  const applyActions = r.u32() // uint32_t apply_actions;
  const writeSetfields = r.u64() // uint64_t write_setfields;
  const applySetfields = r.u64() // uint64_t apply_setfields;
  const metadataMatch = r.u64() // uint64_t metadata_match;
  const metadataWrite = r.u64() // uint64_t metadata_write;
  const instructions = r.u32() // uint32_t instructions;
  const config = r.u32() // uint32_t config;
  const maxEntries = r.u32() // uint32_t max_entries;
  const activeCount = r.u32() // uint32_t active_count;
  const lookupCount = r.u64() // uint64_t lookup_count;
  const matchedCount = r.u64() // uint64_t matched_count;
  const t: TableStats12 = {
    tableId, name: name.text, match, wildcards, writeActions, applyActions, writeSetfields, applySetfields, metadataMatch, metadataWrite,
    instructions, config, maxEntries, activeCount, lookupCount, matchedCount,
  }
  if (name.raw) t.nameRaw = name.raw
  return t
}, (w, e) => {
  const t = e as TableStats12
  w.u8(t.tableId).zero(7)
  writeFixedText(w, t.name, t.nameRaw, 32, 'utf8', 'name')
  w.u64(t.match).u64(t.wildcards).u32(t.writeActions).u32(t.applyActions).u64(t.writeSetfields).u64(t.applySetfields)
    .u64(t.metadataMatch).u64(t.metadataWrite).u32(t.instructions).u32(t.config).u32(t.maxEntries).u32(t.activeCount)
    .u64(t.lookupCount).u64(t.matchedCount)
})

function portStats(with13: boolean): BodyCodec<PortStats[]> {
  return fixedList<PortStats>(with13 ? 112 : 104, 'ofp_port_stats', (r) => {
    const portNo = r.u32() // uint32_t port_no;
    r.skip(4) // uint8_t pad[4];
    const s: PortStats = decodePortCounters(r, portNo) // uint64_t rx_packets … collisions;
    if (with13) {
      s.durationSec = r.u32() // uint32_t duration_sec;
      s.durationNsec = r.u32() // uint32_t duration_nsec;
    }
    return s
  }, (w, s) => {
    w.u32(s.portNo).zero(4)
    encodePortCounters(w, s)
    if (with13) w.u32(s.durationSec ?? 0).u32(s.durationNsec ?? 0)
  })
}

function queueStats(with13: boolean): BodyCodec<QueueStats[]> {
  return fixedList<QueueStats>(with13 ? 40 : 32, 'ofp_queue_stats', (r) => {
    const s: QueueStats = {
      portNo: r.u32(), // uint32_t port_no;
      queueId: r.u32(), // uint32_t queue_id;
      txBytes: r.u64(), // uint64_t tx_bytes;
      txPackets: r.u64(), // uint64_t tx_packets;
      txErrors: r.u64(), // uint64_t tx_errors;
    }
    if (with13) {
      s.durationSec = r.u32() // uint32_t duration_sec;
      s.durationNsec = r.u32() // uint32_t duration_nsec;
    }
    return s
  }, (w, s) => {
    w.u32(s.portNo).u32(s.queueId).u64(s.txBytes).u64(s.txPackets).u64(s.txErrors)
    if (with13) w.u32(s.durationSec ?? 0).u32(s.durationNsec ?? 0)
  })
}

const groupStatsReply: BodyCodec<GroupStats[]> = {
  decode(r, version) {
    const fixed = is13(version) ? 40 : 32
    return readList(r, { header: fixed, lenAt: 0, code: BAD_LEN, field: 'ofp_group_stats' }, (s) => {
      s.u16() // uint16_t length;
      s.skip(2) // uint8_t pad[2];
      const groupId = s.u32() // uint32_t group_id;
      const refCount = s.u32() // uint32_t ref_count;
      s.skip(4) // uint8_t pad2[4];
      const packetCount = s.u64() // uint64_t packet_count;
      const byteCount = s.u64() // uint64_t byte_count;
      const g: GroupStats = { groupId, refCount, packetCount, byteCount, bucketStats: [] }
      if (is13(version)) {
        g.durationSec = s.u32() // uint32_t duration_sec;
        g.durationNsec = s.u32() // uint32_t duration_nsec;
      }
      if ((s.end - s.pos) % 16 !== 0) throw new MalformedError(BAD_LEN, 'ofp_bucket_counter list is not a multiple of 16', { offset: s.pos, field: 'ofp_group_stats' })
      while (s.pos < s.end) g.bucketStats.push({ packetCount: s.u64(), byteCount: s.u64() }) // struct ofp_bucket_counter
      return g
    })
  },
  encode(w, list, version) {
    for (const g of list) {
      const start = w.pos
      w.u16(0).zero(2).u32(g.groupId).u32(g.refCount).zero(4).u64(g.packetCount).u64(g.byteCount)
      if (is13(version)) w.u32(g.durationSec ?? 0).u32(g.durationNsec ?? 0)
      for (const b of g.bucketStats ?? []) w.u64(b.packetCount).u64(b.byteCount)
      w.patchU16(start, w.pos - start)
    }
  },
}

const groupDescReply: BodyCodec<GroupDesc[]> = {
  decode(r) {
    return readList(r, { header: 8, lenAt: 0, code: BAD_LEN, field: 'ofp_group_desc' }, (s) => {
      s.u16() // uint16_t length;
      const groupType = s.u8() // uint8_t type;
      s.skip(1) // uint8_t pad;
      const groupId = s.u32() // uint32_t group_id;
      return { groupType, groupId, buckets: decodeBuckets(s) } // struct ofp_bucket buckets[0];
    })
  },
  encode(w, list) {
    for (const g of list) {
      const start = w.pos
      w.u16(0).u8(g.groupType).zero(1).u32(g.groupId)
      encodeBuckets(w, g.buckets ?? [])
      w.patchU16(start, w.pos - start)
    }
  },
}

const groupFeaturesReply: BodyCodec<GroupFeatures> = {
  decode(r) {
    r.need(40, 'ofp_group_features')
    const types = r.u32() // uint32_t types;
    const capabilities = r.u32() // uint32_t capabilities;
    const maxGroups = [r.u32(), r.u32(), r.u32(), r.u32()] // uint32_t max_groups[4];
    const actions = [r.u32(), r.u32(), r.u32(), r.u32()] // uint32_t actions[4];
    end(r, 'ofp_group_features')
    return { types, capabilities, maxGroups, actions }
  },
  encode(w, b) {
    w.u32(b.types).u32(b.capabilities)
    for (let i = 0; i < 4; i++) w.u32(b.maxGroups[i] ?? 0)
    for (let i = 0; i < 4; i++) w.u32(b.actions[i] ?? 0)
  },
}

const meterStatsReply: BodyCodec<MeterStats[]> = {
  decode(r) {
    return readList(r, { header: 40, lenAt: 4, code: BAD_LEN, field: 'ofp_meter_stats' }, (s) => {
      const meterId = s.u32() // uint32_t meter_id;
      s.u16() // uint16_t len;
      s.skip(6) // uint8_t pad[6];
      const flowCount = s.u32() // uint32_t flow_count;
      const packetInCount = s.u64() // uint64_t packet_in_count;
      const byteInCount = s.u64() // uint64_t byte_in_count;
      const durationSec = s.u32() // uint32_t duration_sec;
      const durationNsec = s.u32() // uint32_t duration_nsec;
      if ((s.end - s.pos) % 16 !== 0) throw new MalformedError(BAD_LEN, 'ofp_meter_band_stats list is not a multiple of 16', { offset: s.pos, field: 'ofp_meter_stats' })
      const bandStats: MeterBandStats[] = []
      while (s.pos < s.end) bandStats.push({ packetBandCount: s.u64(), byteBandCount: s.u64() }) // struct ofp_meter_band_stats
      return { meterId, flowCount, packetInCount, byteInCount, durationSec, durationNsec, bandStats }
    })
  },
  encode(w, list) {
    for (const m of list) {
      const start = w.pos
      w.u32(m.meterId).u16(0).zero(6).u32(m.flowCount).u64(m.packetInCount).u64(m.byteInCount).u32(m.durationSec).u32(m.durationNsec)
      for (const b of m.bandStats ?? []) w.u64(b.packetBandCount).u64(b.byteBandCount)
      w.patchU16(start + 4, w.pos - start)
    }
  },
}

const meterConfigReply: BodyCodec<MeterConfig[]> = {
  decode(r) {
    return readList(r, { header: 8, lenAt: 0, code: BAD_LEN, field: 'ofp_meter_config' }, (s) => {
      s.u16() // uint16_t length;
      const flags = s.u16() // uint16_t flags;
      const meterId = s.u32() // uint32_t meter_id;
      return { flags, meterId, bands: decodeMeterBands(s) } // struct ofp_meter_band_header bands[0];
    })
  },
  encode(w, list) {
    for (const m of list) {
      const start = w.pos
      w.u16(0).u16(m.flags).u32(m.meterId)
      encodeMeterBands(w, m.bands ?? [])
      w.patchU16(start, w.pos - start)
    }
  },
}

const meterFeaturesReply: BodyCodec<MeterFeatures> = {
  decode(r) {
    r.need(16, 'ofp_meter_features')
    const maxMeter = r.u32() // uint32_t max_meter;
    const bandTypes = r.u32() // uint32_t band_types;
    const capabilities = r.u32() // uint32_t capabilities;
    const maxBands = r.u8() // uint8_t max_bands;
    const maxColor = r.u8() // uint8_t max_color;
    r.skip(2) // uint8_t pad[2];
    end(r, 'ofp_meter_features')
    return { maxMeter, bandTypes, capabilities, maxBands, maxColor }
  },
  encode: (w, b) => void w.u32(b.maxMeter).u32(b.bandTypes).u32(b.capabilities).u8(b.maxBands).u8(b.maxColor).zero(2),
}

const portDescReply: BodyCodec<Port[]> = {
  decode(r) {
    if ((r.end - r.pos) % 64 !== 0) throw new MalformedError(BAD_LEN, 'port list is not a multiple of 64', { offset: r.pos, field: 'ofp_port' })
    return decodePorts(r)
  },
  encode: (w, b) => encodePorts(w, b),
}

// Bodies are typed per OFPMP_* in v13/multipart.ts (MultipartRequest/MultipartReply); the table only dispatches.
export interface MultipartBodyCodecs { request: BodyCodec<unknown>; reply: BodyCodec<unknown> }

/** OFPMP_* → request/reply body codecs. */
export const MULTIPART_BODIES: Readonly<Record<number, MultipartBodyCodecs>> = {
  [OFPMP_DESC]: { request: emptyBody, reply: descReply },
  [OFPMP_FLOW]: { request: flowStatsRequest, reply: flowStatsReply },
  [OFPMP_AGGREGATE]: { request: flowStatsRequest, reply: aggregateReply },
  [OFPMP_TABLE]: { request: emptyBody, reply: versioned(tableStats12, tableStats13) },
  [OFPMP_PORT_STATS]: { request: portStatsRequest, reply: versioned(portStats(false), portStats(true)) },
  [OFPMP_QUEUE]: { request: queueStatsRequest, reply: versioned(queueStats(false), queueStats(true)) },
  [OFPMP_GROUP]: { request: groupStatsRequest, reply: groupStatsReply },
  [OFPMP_GROUP_DESC]: { request: emptyBody, reply: groupDescReply },
  [OFPMP_GROUP_FEATURES]: { request: emptyBody, reply: groupFeaturesReply },
  [OFPMP_METER]: { request: meterRequest, reply: meterStatsReply },
  [OFPMP_METER_CONFIG]: { request: meterRequest, reply: meterConfigReply },
  [OFPMP_METER_FEATURES]: { request: emptyBody, reply: meterFeaturesReply },
  [OFPMP_TABLE_FEATURES]: { request: tableFeatures, reply: tableFeatures },
  [OFPMP_PORT_DESC]: { request: emptyBody, reply: portDescReply },
  [OFPMP_EXPERIMENTER]: { request: experimenterBody, reply: experimenterBody },
}

/** Multipart types defined by a wire version (1.2 stats: 0–8 and experimenter). */
export function multipartTypesFor(version: number): number[] {
  const all = Object.keys(MULTIPART_BODIES).map(Number)
  return is13(version) ? all : all.filter((t) => t <= OFPMP_GROUP_FEATURES || t === OFPMP_EXPERIMENTER)
}
