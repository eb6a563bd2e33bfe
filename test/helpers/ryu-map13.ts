// The OpenFlow 1.2/1.3 part of the Ryu mapping table (see ryu-map.ts for the walk and the rules:
// custom → rename → snake_case-to-camelCase default; `skip` only with a reason). Ryu reuses class names
// across versions with other layouts (OFPMatch, OFPPacketIn, OFPSwitchFeatures…), hence a second table:
// `compareRyu(text, msg, RYU_CLASSES_13)`.
//
// Naming differences (Ryu → ofl):
// | Ryu                                        | ofl                                                       |
// |--------------------------------------------|-----------------------------------------------------------|
// | OFPErrorMsg.type, .code = null             | errType; code absent in the OFPET_EXPERIMENTER form       |
// | OFPGroupMod.type, OFPGroupDescStats.type   | groupType                                                 |
// | OFP*StatsRequest/Reply .type (1.2 and 1.3) | mpType (one codec for 1.2 stats and 1.3 multipart)        |
// | flat OFP*StatsRequest fields               | body.<field> (ofl nests request bodies under `body`)      |
// | OFPMeterFeaturesStatsReply.body [x]        | body x (ofl: a single struct, not a list of one)          |
// | OFPGroupStats.bucket_stats                 | bucketStats                                               |
// | OFPHelloElemVersionBitmap.versions         | helloVersions(elements) (ofl keeps the bitmap words)      |
// | OFPSwitchFeatures.ports {port_no: port}    | ports[] in wire order                                     |
// | len / length / actions_len (every element) | not stored (the encoder recomputes them): checked against |
// |                                            | the length field ofl's encoder writes for that element    |
// | OFPMatch.type / .oxm_fields                | always OFPMT_OXM / fields                                 |
// | OXMTlv {field, value, mask}                | basic: same names and values; other classes: raw          |
// |                                            | {oxmClass, oxmField, hasMask, data} read via NXM_FIELDS / |
// |                                            | ONF_FIELDS below                                          |
// | OFPOxmId {type, hasmask, length}           | {oxmClass, oxmField, hasMask, length}                     |
// | OFPInstructionId/OFPActionId .len          | 4 + data.length                                           |
// | NXAction* (Nicira experimenter actions)    | raw `data` after the experimenter id; fields read at their |
// |                                            | nicira-ext.h offsets (NX_FIELDS); NXActionCT's nested      |
// |                                            | actions decoded from the raw body                          |
// | IPv6 text, MAC with dashes                 | compared as addresses                                     |
// | byte lists (queue/note data)               | Buffer                                                    |
import { WireReader } from '../../src/wire/reader.js'
import { WireWriter } from '../../src/wire/writer.js'
import { decodeActions, encodeAction, encodeActions } from '../../src/openflow/common13/actions.js'
import { encodeInstruction } from '../../src/openflow/common13/instructions.js'
import { encodeBucket, encodeMeterBand, encodePacketQueue, encodeQueueProp } from '../../src/openflow/common13/structs.js'
import { encodeTableFeatureProp, encodeTableFeatures, type OxmId } from '../../src/openflow/common13/table-features.js'
import { MULTIPART_BODIES } from '../../src/openflow/common13/multipart-bodies.js'
import { OXM_FIELDS, encodeOxm, isRawOxm, type Match, type Oxm } from '../../src/openflow/common13/oxm.js'
import { formatIpv4, formatIpv6, parseIpv6 } from '../../src/openflow/common13/util.js'
import { helloVersions } from '../../src/openflow/v13/hello.js'
import {
  OFPMP_FLOW, OFPMP_GROUP, OFPMP_GROUP_DESC, OFPMP_METER, OFPMP_METER_CONFIG, OFPXMC_EXPERIMENTER, OFPXMC_NXM_0, OFPXMC_NXM_1,
} from '../../src/openflow/common13/constants.js'
import { compareBytes, compareValue, fail, packetData, portsByNumber, same, type CustomCheck, type RyuClass } from './ryu-map.js'

/** Nicira NXM fields seen in the vectors: class → field → [Ryu name, kind]. */
export const NXM_FIELDS: Record<number, Record<number, [string, 'int' | 'ipv4']>> = {
  [OFPXMC_NXM_0]: {},
  [OFPXMC_NXM_1]: {
    0: ['reg0', 'int'], 1: ['reg1', 'int'], 2: ['reg2', 'int'], 3: ['reg3', 'int'], 4: ['reg4', 'int'], 5: ['reg5', 'int'],
    6: ['reg6', 'int'], 7: ['reg7', 'int'], 16: ['tunnel_id', 'int'], 31: ['tun_ipv4_src', 'ipv4'], 32: ['tun_ipv4_dst', 'ipv4'],
    33: ['pkt_mark', 'int'], 37: ['conj_id', 'int'], 105: ['ct_state', 'int'], 106: ['ct_zone', 'int'], 107: ['ct_mark', 'int'],
  },
}
/** ONF experimenter OXMs (class 0xffff, experimenter ONF): exp_type → Ryu name. */
export const ONF_EXPERIMENTER = 0x4f4e4600
export const ONF_FIELDS: Record<number, string> = { 2560: 'pbb_uca' }

const big = (b: Buffer): bigint => BigInt('0x' + (b.toString('hex') || '0'))

/** Ryu's {field, value, mask} view of one ofl OXM. */
export function oxmAsRyu(o: Oxm): { field: string; value: unknown; mask: unknown } {
  if (!isRawOxm(o)) return { field: o.field, value: o.value, mask: o.mask ?? null }
  const data = Buffer.from(o.data)
  if (o.oxmClass === OFPXMC_EXPERIMENTER && data.readUInt32BE(0) === ONF_EXPERIMENTER) {
    const expType = data.readUInt16BE(4)
    return { field: ONF_FIELDS[expType] ?? `onf:${expType}`, value: big(data.subarray(6)), mask: null }
  }
  const def = NXM_FIELDS[o.oxmClass]?.[o.oxmField]
  const half = o.hasMask ? data.length / 2 : data.length
  const conv = (b: Buffer): unknown => (def?.[1] === 'ipv4' ? formatIpv4(b) : big(b))
  return { field: def?.[0] ?? `${o.oxmClass}:${o.oxmField}`, value: conv(data.subarray(0, half)), mask: o.hasMask ? conv(data.subarray(half)) : null }
}

/** Name of an NXM/OXM header (uint32: class, field<<1|hasmask, length); 0 → "" as Ryu prints it. */
function nxmHeaderName(h: number): string {
  if (h === 0) return ''
  const cls = h >>> 16
  const field = (h >>> 9) & 0x7f
  if (cls === 0x8000 && OXM_FIELDS[field]) return OXM_FIELDS[field][0]
  return NXM_FIELDS[cls]?.[field]?.[0] ?? `${cls}:${field}`
}

// ---- custom checks -----------------------------------------------------------------------------

/** A length Ryu reports = the length field ofl's encoder writes at `lenAt` for this element. */
function encodedLen(lenAt: number, enc: (w: WireWriter, ours: any) => void): CustomCheck {
  return (ryu, ours, path, ctx) => {
    const w = new WireWriter(64)
    enc(w, ours)
    same(ctx, path, ryu, w.finish().readUInt16BE(lenAt))
  }
}
const entryLen = (mpType: number, lenAt: number): CustomCheck =>
  // A multipart reply entry encoded alone (the wire version only matters for 1.2 flow/group stats, whose
  // entry lengths Ryu reports; both versions' entries are checked through their own vectors).
  (ryu, ours, path, ctx) => {
    for (const version of [4, 3]) {
      const w = new WireWriter(64)
      MULTIPART_BODIES[mpType]!.reply.encode(w, [ours], version)
      const len = w.finish().readUInt16BE(lenAt)
      if (BigInt(ryu) === BigInt(len)) return same(ctx, path, ryu, len)
    }
    fail(ctx, path, `no encoding of this entry has length ${String(ryu)}`)
  }

function matchLength(m: Match): number {
  let n = 4
  for (const f of m.fields) {
    const w = new WireWriter(32)
    encodeOxm(w, f)
    n += w.length
  }
  return n
}

const addrText = (ryu: unknown, ours: unknown, path: string, ctx: Parameters<CustomCheck>[3]): void => {
  if (typeof ryu === 'string' && typeof ours === 'string' && ryu.includes(':') && !/^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(ryu)) {
    ctx.compared++
    let ok: boolean
    try { ok = parseIpv6(ryu).equals(parseIpv6(ours)) } catch { ok = false }
    if (!ok) fail(ctx, path, `ryu ${ryu} ≠ ofl ${ours}`)
    return
  }
  if (typeof ryu === 'string' && typeof ours === 'string') return same(ctx, path, ryu.toLowerCase().replace(/-/g, ':'), ours)
  same(ctx, path, ryu, ours)
}

const byteList: CustomCheck = (ryu, ours, path, ctx) => {
  ctx.compared++
  if (!Buffer.from(ryu as number[]).equals(Buffer.from(ours))) fail(ctx, path, `ryu ${JSON.stringify(ryu)} ≠ ofl ${Buffer.from(ours).toString('hex')}`)
}
const viaBody = (k: string): CustomCheck => (ryu, ours, path, ctx) => compareValue(ryu, ours?.body?.[k], path, ctx)

// ---- Nicira experimenter actions (bodies kept raw by ofl; read at nicira-ext.h offsets) --------

type NxRead = (d: Buffer) => unknown
const u8 = (o: number): NxRead => (d) => d[o]
const u16 = (o: number): NxRead => (d) => d.readUInt16BE(o)
const u32 = (o: number): NxRead => (d) => d.readUInt32BE(o)
const u64 = (o: number): NxRead => (d) => d.readBigUInt64BE(o)
const nxm = (o: number): NxRead => (d) => nxmHeaderName(d.readUInt32BE(o))

/** Offsets are into ofl's `data` (the bytes after the 4-byte experimenter id; subtype at 0). */
const NX_FIELDS: Record<string, Record<string, NxRead>> = {
  NXActionCTClear: {},
  NXActionConjunction: { clause: u8(2), n_clauses: u8(3), id: u32(4) },
  NXActionController: { max_len: u16(2), controller_id: u16(4), reason: u8(6) },
  NXActionDecTtlCntIds: { cnt_ids: (d) => Array.from({ length: d.readUInt16BE(2) }, (_, i) => d.readUInt16BE(8 + 2 * i)) },
  NXActionFinTimeout: { fin_idle_timeout: u16(2), fin_hard_timeout: u16(4) },
  NXActionNote: { note: (d) => [...d.subarray(2)] },
  NXActionOutputTrunc: { port: u16(2), max_len: u32(4) },
  NXActionResubmitTable: { in_port: u16(2), table_id: u8(4) },
  NXActionSample: { probability: u16(2), collector_set_id: u32(4), obs_domain_id: u32(8), obs_point_id: u32(12) },
  NXActionSample2: { probability: u16(2), collector_set_id: u32(4), obs_domain_id: u32(8), obs_point_id: u32(12), sampling_port: u16(16) },
  NXActionStackPush: { start: u16(2), field: nxm(4), end: (d) => d.readUInt16BE(2) + d.readUInt16BE(8) - 1 },
  NXActionStackPop: { start: u16(2), field: nxm(4), end: (d) => d.readUInt16BE(2) + d.readUInt16BE(8) - 1 },
  NXActionRegLoad: { ofs_nbits: u16(2), dst: nxm(4), value: u64(8) },
  NXActionRegMove: { n_bits: u16(2), src_ofs: u16(4), dst_ofs: u16(6), src_field: nxm(8), dst_field: nxm(12) },
  NXActionCT: { flags: u16(2), zone_src: nxm(4), zone_ofs_nbits: u16(8), recirc_table: u8(10), alg: u16(14) },
  NXActionNAT: {
    flags: u16(4),
    ...natRanges(),
  },
  NXActionLearn: {
    idle_timeout: u16(2), hard_timeout: u16(4), priority: u16(6), cookie: u64(8), flags: u16(16), table_id: u8(18),
    fin_idle_timeout: u16(20), fin_hard_timeout: u16(22),
  },
  NXActionController2: {},
  /** A subtype Ryu does not know: Ryu shows the bytes after the subtype. */
  NXActionUnknown: { data: (d) => d.subarray(2) },
}

/** nx_action_nat: range_present bits select which of the optional ranges follow, in this order. */
function natRanges(): Record<string, NxRead> {
  const order: Array<[string, number, number]> = [
    ['range_ipv4_min', 0x01, 4], ['range_ipv4_max', 0x02, 4], ['range_ipv6_min', 0x04, 16], ['range_ipv6_max', 0x08, 16],
    ['range_proto_min', 0x10, 2], ['range_proto_max', 0x20, 2],
  ]
  const out: Record<string, NxRead> = {}
  for (const [name, bit] of order) {
    out[name] = (d) => {
      const present = d.readUInt16BE(6)
      let off = 8
      for (const [n, b, size] of order) {
        if (n === name) {
          if (!(present & b)) return name.includes('proto') ? null : ''
          return size === 4 ? formatIpv4(d, off) : size === 16 ? formatIpv6(d, off) : d.readUInt16BE(off)
        }
        if (present & b) off += size
      }
      return undefined
    }
    void bit
  }
  return out
}

const NX_SKIP: Record<string, Record<string, string>> = {
  NXActionLearn: { specs: 'learn flow specs are a nested NX format ofl keeps raw inside the action body' },
  NXActionController2: {
    controller_id: 'controller2 properties are a nested TLV list ofl keeps raw inside the action body',
    max_len: 'nested property, kept raw', reason: 'nested property, kept raw', pause: 'nested property, kept raw',
    userdata: 'nested property, kept raw',
  },
}

function nxAction(name: string): RyuClass {
  const custom: Record<string, CustomCheck> = {
    subtype: (ryu, ours, path, ctx) => same(ctx, path, ryu, Buffer.from(ours.data).readUInt16BE(0)),
    len: encodedLen(2, encodeAction),
  }
  for (const [f, read] of Object.entries(NX_FIELDS[name]!)) {
    custom[f] = (ryu, ours, path, ctx) => {
      const v = read(Buffer.from(ours.data))
      if (Array.isArray(ryu)) compareValue(ryu, v, path, ctx)
      else if (typeof ryu === 'string' && Buffer.isBuffer(v)) compareBytes(ryu, v, path, ctx)
      else addrText(ryu, v, path, ctx)
    }
  }
  if (name === 'NXActionCT') {
    // uint8_t pad[3]? no: nx_action_conntrack is 24 bytes; nested actions follow (offset 16 in data).
    custom.actions = (ryu, ours, path, ctx) => compareValue(ryu, decodeActions(new WireReader(Buffer.from(ours.data).subarray(16))), path, ctx)
  }
  return { our: { type: 0xffff, experimenter: 0x2320 }, custom, skip: NX_SKIP[name] }
}

// ---- the table ----------------------------------------------------------------------------------

const len2 = (enc: (w: WireWriter, ours: any) => void): RyuClass => ({ custom: { len: encodedLen(2, enc) } })
const action = (type: number): RyuClass => ({ our: { type }, custom: { len: encodedLen(2, encodeAction) } })
const instruction = (type: number): RyuClass => ({ our: { type }, custom: { len: encodedLen(2, encodeInstruction) } })
const tfProp: RyuClass = { custom: { length: (ryu, ours, path, ctx) => {
  const w = new WireWriter(64)
  encodeTableFeatureProp(w, ours)
  same(ctx, path, ryu, w.finish().readUInt16BE(2))
} }, rename: { instruction_ids: 'instructionIds', action_ids: 'actionIds', table_ids: 'tableIds', oxm_ids: 'oxmIds' } }
const multipart = (extra: Partial<RyuClass> = {}): RyuClass => ({ rename: { type: 'mpType' }, flatWithin: 'body', ...extra })
const typeOnly = (type: number): RyuClass => ({ our: { type } })

export const RYU_CLASSES_13: Record<string, RyuClass> = {
  // messages
  OFPHello: typeOnly(0),
  OFPHelloElemVersionBitmap: {
    custom: {
      versions: (ryu, ours, path, ctx) => compareValue(ryu, helloVersions([ours]), path, ctx),
      length: (ryu, ours, path, ctx) => same(ctx, path, ryu, 4 + 4 * ours.bitmaps.length),
    },
  },
  OFPErrorMsg: { our: { type: 1 }, rename: { type: 'errType' }, custom: { code: (ryu, ours, path, ctx) => same(ctx, path, ryu ?? 'none', ours.code ?? 'none') } },
  OFPEchoRequest: typeOnly(2),
  OFPEchoReply: typeOnly(3),
  OFPExperimenter: typeOnly(4),
  OFPFeaturesRequest: typeOnly(5),
  OFPSwitchFeatures: { our: { type: 6 }, custom: { ports: (ryu, ours, p, ctx) => portsByNumber(ryu, ours.ports, p, ctx) } },
  OFPGetConfigRequest: typeOnly(7),
  OFPGetConfigReply: typeOnly(8),
  OFPSetConfig: typeOnly(9),
  OFPPacketIn: typeOnly(10),
  OFPFlowRemoved: typeOnly(11),
  OFPPortStatus: typeOnly(12),
  OFPPacketOut: {
    our: { type: 13 },
    custom: {
      data: (ryu, ours, p, ctx) => packetData(ryu, ours.data, p, ctx),
      actions_len: (ryu, ours, path, ctx) => {
        const w = new WireWriter(64)
        encodeActions(w, ours.actions)
        same(ctx, path, ryu, w.length)
      },
    },
  },
  OFPFlowMod: typeOnly(14),
  OFPGroupMod: { our: { type: 15 }, rename: { type: 'groupType' } },
  OFPPortMod: { our: { type: 16 }, custom: { hw_addr: (ryu, ours, path, ctx) => addrText(ryu, ours.hwAddr, path, ctx) } },
  OFPTableMod: typeOnly(17),
  OFPBarrierRequest: typeOnly(20),
  OFPBarrierReply: typeOnly(21),
  OFPQueueGetConfigRequest: typeOnly(22),
  OFPQueueGetConfigReply: typeOnly(23),
  OFPRoleRequest: typeOnly(24),
  OFPRoleReply: typeOnly(25),
  OFPGetAsyncRequest: typeOnly(26),
  OFPGetAsyncReply: typeOnly(27),
  OFPSetAsync: typeOnly(28),
  OFPMeterMod: typeOnly(29),
  // 1.2 stats / 1.3 multipart messages (requests flatten their body fields)
  OFPStatsReply: multipart({ our: { type: 19 } }),
  ...Object.fromEntries([
    'OFPDescStatsRequest', 'OFPFlowStatsRequest', 'OFPAggregateStatsRequest', 'OFPTableStatsRequest', 'OFPPortStatsRequest',
    'OFPQueueStatsRequest', 'OFPGroupStatsRequest', 'OFPGroupDescStatsRequest', 'OFPGroupFeaturesStatsRequest',
    'OFPMeterStatsRequest', 'OFPMeterConfigStatsRequest', 'OFPMeterFeaturesStatsRequest', 'OFPPortDescStatsRequest',
    'OFPTableFeaturesStatsRequest', 'OFPExperimenterStatsRequest',
  ].map((n) => [n, multipart({ our: { type: 18 } })])),
  ...Object.fromEntries([
    'OFPDescStatsReply', 'OFPFlowStatsReply', 'OFPTableStatsReply', 'OFPPortStatsReply', 'OFPQueueStatsReply',
    'OFPGroupStatsReply', 'OFPGroupDescStatsReply', 'OFPGroupFeaturesStatsReply', 'OFPMeterStatsReply', 'OFPMeterConfigStatsReply',
    'OFPPortDescStatsReply', 'OFPTableFeaturesStatsReply', 'OFPExperimenterStatsReply',
  ].map((n) => [n, multipart({ our: { type: 19 } })])),
  // 1.3: a multipart reply; 1.2: the aggregate body class inside OFPStatsReply (fields on the body itself)
  OFPAggregateStatsReply: multipart(),
  OFPMeterFeaturesStatsReply: multipart({ our: { type: 19 }, custom: { body: (ryu, ours, p, ctx) => compareValue(ryu, [ours.body], p, ctx) } }),
  ONFFlowMonitorStatsRequest: multipart({
    our: { type: 18, mpType: 0xffff },
    custom: { experimenter: viaBody('experimenter'), exp_type: viaBody('expType') },
    skip: { body: 'ONF flow-monitor requests are an experimenter multipart body that ofl keeps raw (checked byte-exact)' },
  }),
  // multipart bodies
  OFPDescStats: {},
  OFPFlowStats: { custom: { length: entryLen(OFPMP_FLOW, 0) } },
  OFPAggregateStats: {},
  OFPTableStats: {},
  OFPPortStats: {},
  OFPQueueStats: {},
  OFPGroupStats: { rename: { bucket_stats: 'bucketStats', bucket_counters: 'bucketStats' }, custom: { length: entryLen(OFPMP_GROUP, 0) } },
  OFPBucketCounter: {},
  OFPGroupDescStats: { rename: { type: 'groupType' }, custom: { length: entryLen(OFPMP_GROUP_DESC, 0) } },
  OFPGroupFeaturesStats: { custom: { length: (ryu, _o, path, ctx) => same(ctx, path, ryu, 40) } }, // sizeof(ofp_group_features)
  OFPMeterStats: { custom: { len: entryLen(OFPMP_METER, 4) } },
  OFPMeterBandStats: {},
  OFPMeterConfigStats: { custom: { length: entryLen(OFPMP_METER_CONFIG, 0) } },
  OFPMeterFeaturesStats: {},
  OFPExperimenterMultipart: {},
  OFPPort: {},
  OFPTableFeaturesStats: { custom: { length: encodedLen(0, encodeTableFeatures) } },
  OFPTableFeaturePropInstructions: tfProp,
  OFPTableFeaturePropNextTables: tfProp,
  OFPTableFeaturePropActions: tfProp,
  OFPTableFeaturePropOxm: tfProp,
  OFPTableFeaturePropExperimenter: tfProp,
  OFPInstructionId: { custom: { len: (ryu, ours, path, ctx) => same(ctx, path, ryu, 4 + (ours.data ? Buffer.from(ours.data).length : 0)) } },
  OFPActionId: { custom: { len: (ryu, ours, path, ctx) => same(ctx, path, ryu, 4 + (ours.data ? Buffer.from(ours.data).length : 0)) } },
  OFPOxmId: {
    custom: {
      type: (ryu, ours: OxmId, path, ctx) => same(ctx, path, ryu, nxmHeaderName(((ours.oxmClass << 16) | (ours.oxmField << 9)) >>> 0)),
      hasmask: (ryu, ours: OxmId, path, ctx) => same(ctx, path, ryu, ours.hasMask ? 1 : 0),
    },
  },
  OFPPacketQueue: { custom: { len: encodedLen(8, encodePacketQueue) } },
  OFPQueuePropMinRate: len2(encodeQueueProp),
  OFPQueuePropMaxRate: len2(encodeQueueProp),
  OFPQueuePropExperimenter: { custom: { len: encodedLen(2, encodeQueueProp), data: (ryu, ours, p, ctx) => byteList(ryu, ours.data, p, ctx) } },
  OFPBucket: { custom: { len: encodedLen(0, encodeBucket) } },
  OFPMeterBandDrop: len2(encodeMeterBand),
  OFPMeterBandDscpRemark: len2(encodeMeterBand),
  OFPMeterBandExperimenter: len2(encodeMeterBand),
  // match
  OFPMatch: {
    custom: {
      type: (ryu, _o, path, ctx) => same(ctx, path, ryu, 1), // ofl accepts only OFPMT_OXM
      length: (ryu, ours, path, ctx) => same(ctx, path, ryu, matchLength(ours)),
      oxm_fields: (ryu, ours, path, ctx) => compareValue(ryu, ours.fields, path, ctx),
    },
  },
  OXMTlv: {
    custom: Object.fromEntries(['field', 'value', 'mask'].map((k) => [k, ((ryu, ours, path, ctx) => {
      const v = (oxmAsRyu(ours) as Record<string, unknown>)[k]
      addrText(ryu, v, path, ctx)
    }) as CustomCheck])),
  },
  // instructions
  OFPInstructionGotoTable: instruction(1),
  OFPInstructionWriteMetadata: instruction(2),
  OFPInstructionActions: { custom: { len: encodedLen(2, encodeInstruction) } },
  OFPInstructionMeter: instruction(6),
  // actions
  OFPActionOutput: action(0),
  OFPActionCopyTtlOut: action(11),
  OFPActionCopyTtlIn: action(12),
  OFPActionSetMplsTtl: action(15),
  OFPActionDecMplsTtl: action(16),
  OFPActionPushVlan: action(17),
  OFPActionPopVlan: action(18),
  OFPActionPushMpls: action(19),
  OFPActionPopMpls: action(20),
  OFPActionSetQueue: action(21),
  OFPActionGroup: action(22),
  OFPActionSetNwTtl: action(23),
  OFPActionDecNwTtl: action(24),
  OFPActionSetField: action(25),
  OFPActionPushPbb: action(26),
  OFPActionPopPbb: action(27),
  OFPActionExperimenterUnknown: action(0xffff),
  ...Object.fromEntries(Object.keys(NX_FIELDS).map((n) => [n, nxAction(n)])),
}

