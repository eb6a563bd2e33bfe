// Fixed and list structures shared by OpenFlow 1.2 and 1.3 messages:
// ofp_port (1.3.5 §7.2.1, 64 bytes), ofp_bucket (§7.3.4.2), ofp_meter_band_* (§7.3.4.4),
// ofp_packet_queue + ofp_queue_prop_* (§7.2.2 of 1.3 / §A.2.2 of 1.2).
import { asBytes } from '../../wire/json.js'
import { MalformedError } from '../../wire/errors.js'
import type { WireReader } from '../../wire/reader.js'
import type { WireWriter } from '../../wire/writer.js'
import { OFPMBT_DROP, OFPMBT_DSCP_REMARK, OFPMBT_EXPERIMENTER, OFPQT_EXPERIMENTER, OFPQT_MAX_RATE, OFPQT_MIN_RATE } from './constants.js'
import { decodeActions, encodeActions, type Action } from './actions.js'
import { expectLen, readList } from './util.js'
import type { FixedTextRaw } from '../../wire/fixed-text.js'
import { structLayout, text } from '../../wire/struct.js'

// ---- struct ofp_port -------------------------------------------------------------------------------
export const OFP_PORT_SIZE = 64
export const OFP_MAX_PORT_NAME_LEN = 16

export interface Port extends FixedTextRaw<'name'> {
  portNo: number
  hwAddr: string
  name: string
  config: number
  state: number
  curr: number
  advertised: number
  supported: number
  peer: number
  currSpeed: number
  maxSpeed: number
}

/** struct ofp_port (64 bytes, asserted). */
export const PORT = structLayout<Port>('ofp_port', OFP_PORT_SIZE, [
  ['portNo', 'u32', 'uint32_t port_no;'],
  ['pad', 4, 'uint8_t pad[4];'],
  ['hwAddr', 'mac', 'uint8_t hw_addr[OFP_ETH_ALEN];'],
  ['pad', 2, 'uint8_t pad2[2];'],
  ['name', text(OFP_MAX_PORT_NAME_LEN, 'utf8'), 'char name[OFP_MAX_PORT_NAME_LEN];'],
  ['config', 'u32', 'uint32_t config;'],
  ['state', 'u32', 'uint32_t state;'],
  ['curr', 'u32', 'uint32_t curr;'],
  ['advertised', 'u32', 'uint32_t advertised;'],
  ['supported', 'u32', 'uint32_t supported;'],
  ['peer', 'u32', 'uint32_t peer;'],
  ['currSpeed', 'u32', 'uint32_t curr_speed;'],
  ['maxSpeed', 'u32', 'uint32_t max_speed;'],
])

export const decodePort: (r: WireReader) => Port = PORT.read
export const encodePort: (w: WireWriter, p: Port) => void = PORT.write

/** A list of ofp_port filling `r` (features reply 1.2, port-desc reply 1.3). */
export function decodePorts(r: WireReader): Port[] {
  const out: Port[] = []
  while (r.pos < r.end) out.push(decodePort(r))
  return out
}

export function encodePorts(w: WireWriter, ports: readonly Port[]): void {
  for (const p of ports) encodePort(w, p)
}

// ---- struct ofp_bucket -----------------------------------------------------------------------------
export interface Bucket { weight: number; watchPort: number; watchGroup: number; actions: Action[] }

export function decodeBucket(r: WireReader): Bucket {
  r.need(16, 'ofp_bucket')
  r.u16() // uint16_t len;
  const weight = r.u16() // uint16_t weight;
  const watchPort = r.u32() // uint32_t watch_port;
  const watchGroup = r.u32() // uint32_t watch_group;
  r.skip(4) // uint8_t pad[4];
  return { weight, watchPort, watchGroup, actions: decodeActions(r) } // struct ofp_action_header actions[0];
}

export function encodeBucket(w: WireWriter, b: Bucket): void {
  const start = w.pos
  w.u16(0).u16(b.weight).u32(b.watchPort).u32(b.watchGroup).zero(4)
  encodeActions(w, b.actions ?? [])
  w.patchU16(start, w.pos - start)
}

export function decodeBuckets(r: WireReader): Bucket[] {
  return readList(r, { header: 16, lenAt: 0, code: 'OFPGMFC_BAD_BUCKET', field: 'ofp_bucket', multipleOf: 8 }, decodeBucket)
}

export function encodeBuckets(w: WireWriter, list: readonly Bucket[]): void {
  for (const b of list) encodeBucket(w, b)
}

// ---- struct ofp_meter_band_* -----------------------------------------------------------------------
export interface MeterBandDrop { type: typeof OFPMBT_DROP; rate: number; burstSize: number }
export interface MeterBandDscpRemark { type: typeof OFPMBT_DSCP_REMARK; rate: number; burstSize: number; precLevel: number }
export interface MeterBandExperimenter {
  type: typeof OFPMBT_EXPERIMENTER; rate: number; burstSize: number; experimenter: number
  /** Bytes after the 16-byte band (usually empty). View. */
  data: Buffer
}
export interface MeterBandUnknown { type: number; unknown: true; rate: number; burstSize: number; data: Buffer }
export type MeterBand = MeterBandDrop | MeterBandDscpRemark | MeterBandExperimenter | MeterBandUnknown

export function decodeMeterBand(r: WireReader): MeterBand {
  r.need(12, 'ofp_meter_band_header')
  const type = r.u16() // uint16_t type;
  r.u16() // uint16_t len;
  const rate = r.u32() // uint32_t rate;
  const burstSize = r.u32() // uint32_t burst_size;
  switch (type) {
    case OFPMBT_DROP:
      expectLen(r, 16, 'OFPMMFC_BAD_BAND', 'ofp_meter_band_drop')
      r.skip(4) // uint8_t pad[4];
      return { type, rate, burstSize }
    case OFPMBT_DSCP_REMARK: {
      expectLen(r, 16, 'OFPMMFC_BAD_BAND', 'ofp_meter_band_dscp_remark')
      const precLevel = r.u8() // uint8_t prec_level;
      r.skip(3) // uint8_t pad[3];
      return { type, rate, burstSize, precLevel }
    }
    case OFPMBT_EXPERIMENTER: {
      const experimenter = r.u32() // uint32_t experimenter;
      return { type, rate, burstSize, experimenter, data: r.rest() }
    }
    default:
      return { type, unknown: true, rate, burstSize, data: r.rest() }
  }
}

export function encodeMeterBand(w: WireWriter, b: MeterBand): void {
  const start = w.pos
  w.u16(b.type).u16(0).u32(b.rate).u32(b.burstSize)
  if ((b as MeterBandUnknown).unknown) w.bytes(asBytes((b as MeterBandUnknown).data))
  else if (b.type === OFPMBT_DROP) w.zero(4)
  else if (b.type === OFPMBT_DSCP_REMARK) w.u8((b as MeterBandDscpRemark).precLevel).zero(3)
  else if (b.type === OFPMBT_EXPERIMENTER) {
    const e = b as MeterBandExperimenter
    w.u32(e.experimenter).bytes(asBytes(e.data ?? ''))
  } else throw new MalformedError('BAD_METER_BAND', `cannot encode meter band ${b.type}`)
  w.patchU16(start + 2, w.pos - start)
}

export function decodeMeterBands(r: WireReader): MeterBand[] {
  return readList(r, { header: 12, lenAt: 2, code: 'OFPMMFC_BAD_BAND', field: 'ofp_meter_band', multipleOf: 4 }, decodeMeterBand)
}

export function encodeMeterBands(w: WireWriter, list: readonly MeterBand[]): void {
  for (const b of list) encodeMeterBand(w, b)
}

// ---- struct ofp_packet_queue and queue properties --------------------------------------------------
export interface QueuePropRate { property: typeof OFPQT_MIN_RATE | typeof OFPQT_MAX_RATE; rate: number }
export interface QueuePropExperimenter { property: typeof OFPQT_EXPERIMENTER; experimenter: number; data: Buffer }
export interface QueuePropUnknown { property: number; unknown: true; data: Buffer }
export type QueueProp = QueuePropRate | QueuePropExperimenter | QueuePropUnknown

export interface PacketQueue { queueId: number; port: number; properties: QueueProp[] }

export function decodeQueueProp(r: WireReader): QueueProp {
  r.need(8, 'ofp_queue_prop_header')
  const property = r.u16() // uint16_t property;
  r.u16() // uint16_t len;
  r.skip(4) // uint8_t pad[4];
  if (property === OFPQT_MIN_RATE || property === OFPQT_MAX_RATE) {
    expectLen(r, 16, 'OFPBRC_BAD_LEN', 'ofp_queue_prop_rate')
    const rate = r.u16() // uint16_t rate;
    r.skip(6) // uint8_t pad[6];
    return { property, rate }
  }
  if (property === OFPQT_EXPERIMENTER) {
    const experimenter = r.u32() // uint32_t experimenter;
    r.skip(4) // uint8_t pad[4];
    return { property, experimenter, data: r.rest() }
  }
  return { property, unknown: true, data: r.rest() }
}

export function encodeQueueProp(w: WireWriter, p: QueueProp): void {
  const start = w.pos
  w.u16(p.property).u16(0).zero(4)
  if ((p as QueuePropUnknown).unknown) w.bytes(asBytes((p as QueuePropUnknown).data))
  else if (p.property === OFPQT_MIN_RATE || p.property === OFPQT_MAX_RATE) w.u16((p as QueuePropRate).rate).zero(6)
  else if (p.property === OFPQT_EXPERIMENTER) {
    const e = p as QueuePropExperimenter
    w.u32(e.experimenter).zero(4).bytes(asBytes(e.data))
  }
  w.patchU16(start + 2, w.pos - start)
}

export function decodePacketQueue(r: WireReader): PacketQueue {
  r.need(16, 'ofp_packet_queue')
  const queueId = r.u32() // uint32_t queue_id;
  const port = r.u32() // uint32_t port;
  r.u16() // uint16_t len;
  r.skip(6) // uint8_t pad[6];
  // Lengths need not be multiples of 8 (Ryu's vector 4-36 has experimenter properties of 17 and 18 bytes).
  const properties = readList(r, { header: 8, lenAt: 2, code: 'OFPBRC_BAD_LEN', field: 'ofp_queue_prop' }, decodeQueueProp)
  return { queueId, port, properties }
}

export function encodePacketQueue(w: WireWriter, q: PacketQueue): void {
  const start = w.pos
  w.u32(q.queueId).u32(q.port).u16(0).zero(6)
  for (const p of q.properties ?? []) encodeQueueProp(w, p)
  w.patchU16(start + 8, w.pos - start)
}

export function decodePacketQueues(r: WireReader): PacketQueue[] {
  return readList(r, { header: 16, lenAt: 8, code: 'OFPBRC_BAD_LEN', field: 'ofp_packet_queue' }, decodePacketQueue)
}

export function encodePacketQueues(w: WireWriter, list: readonly PacketQueue[]): void {
  for (const q of list) encodePacketQueue(w, q)
}
