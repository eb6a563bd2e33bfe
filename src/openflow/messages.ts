// The typed public surface of decodeMessage/encodeMessage: one union of every decoded message,
// discriminated by `version` (the wire byte: 0x01, 0x03, 0x04) and `type` (OFPT_* of that version).
//
//   const m = decodeMessage(buf)
//   if (m.version === 4 && m.type === 10) m.bufferId   // m: PacketIn13
//
// Names: `<Message><10|12|13>` for every message of every version (PacketIn10, PacketIn12, PacketIn13,
// FlowMod10, FlowMod12, FlowMod13, …); the 1.2 and 1.3 modules shared in v13/ are generic in the
// version (`FlowMod<3>` is FlowMod12).
//
// A message ofl has no codec for decodes to a raw view. Its `type` is typed as the bytes that are NOT
// a known type of its version (and, for an unknown version, its `version` as the bytes that are not a
// supported version), so a raw view never survives a narrowing on a known (version, type) pair and the
// union never widens to an index signature.
import type { OfMessageBase } from './header.js'
import type { Message10 } from './v10/index.js'
import type { Message12 } from './v12/index.js'
import type { Message13 } from './v13/messages.js'

/** 0 … N-1 as a union of number literals. */
type Below<N extends number, Acc extends number[] = []> = Acc['length'] extends N ? Acc[number] : Below<N, [...Acc, Acc['length']]>
/** Every value of a uint8_t (ofp_header.version and .type). */
export type Uint8 = Below<256>

/** The wire versions ofl has codecs for: OpenFlow 1.0, 1.2, 1.3. */
export type KnownVersion = 0x01 | 0x03 | 0x04

/** A header plus the undecoded body (bytes after the 8-byte header). */
export interface RawMessageOf<V extends number, T extends number> extends OfMessageBase {
  version: V
  type: T
  /** View into the receive buffer (bytes after the 8-byte header); copy before retaining. */
  body: Buffer
}

/** A message type OpenFlow 1.0 does not define (or ofl has no codec for). */
export type RawMessage10 = RawMessageOf<0x01, Exclude<Uint8, Message10['type']>>
/** A message type OpenFlow 1.2 does not define. */
export type RawMessage12 = RawMessageOf<0x03, Exclude<Uint8, Message12['type']>>
/** A message type OpenFlow 1.3 does not define. */
export type RawMessage13 = RawMessageOf<0x04, Exclude<Uint8, Message13['type']>>
/** A message of a version ofl does not implement (decodeMessage with `{unknownVersion: 'raw'}` only). */
export type RawUnknownVersion = RawMessageOf<Exclude<Uint8, KnownVersion>, Uint8>

/** Raw views of unknown types in a known version. */
export type RawMessage = RawMessage10 | RawMessage12 | RawMessage13

/** Every message decodeMessage returns by default: narrow on `version`, then `type`. */
export type OfMessage = Message10 | Message12 | Message13 | RawMessage

/** What decodeMessage returns with `{unknownVersion: 'raw'}`. */
export type OfMessageOrUnknown = OfMessage | RawUnknownVersion

/**
 * The lossless JSON form of a message (what `toJson`/`parseJsonLossless` produce and `ofl of encode`
 * reads): the header fields plus the message's fields with 64-bit values as bigint, number or
 * decimal/"0x" string and bytes as Buffer or hex string. Deliberately loose: the codec checks each
 * field while encoding (MalformedError `BAD_INTEGER`, `BAD_HEX`, …). `xid` defaults to 0.
 */
export interface MessageJson {
  version: number
  type: number
  xid?: number
  [field: string]: unknown
}

/** What encodeMessage accepts: a decoded message (any version, raw views included) or its JSON form. */
export type MessageInput = OfMessageOrUnknown | MessageJson

// Every version's message types, under one naming scheme, for the package root.
export type {
  Message10, Hello10, Error10, EchoRequest10, EchoReply10, Vendor10, FeaturesRequest10, FeaturesReply10,
  GetConfigRequest10, GetConfigReply10, SetConfig10, PacketIn10, FlowRemoved10, PortStatus10, PacketOut10, FlowMod10,
  PortMod10, StatsRequest10, StatsReply10, BarrierRequest10, BarrierReply10, QueueGetConfigRequest10,
  QueueGetConfigReply10, Match10, Action10, PhyPort10,
} from './v10/index.js'
export type {
  Message12, Hello12, Error12, EchoRequest12, EchoReply12, Experimenter12, FeaturesRequest12, FeaturesReply12,
  GetConfigRequest12, GetConfigReply12, SetConfig12, PacketIn12, FlowRemoved12, PortStatus12, PacketOut12, FlowMod12,
  GroupMod12, PortMod12, TableMod12, StatsRequest12, StatsReply12, BarrierRequest12, BarrierReply12,
  QueueGetConfigRequest12, QueueGetConfigReply12, RoleRequest12, RoleReply12,
} from './v12/index.js'
export type {
  Message13, Hello13, Error13, EchoRequest13, EchoReply13, Experimenter13, FeaturesRequest13, FeaturesReply13,
  GetConfigRequest13, GetConfigReply13, SetConfig13, PacketIn13, FlowRemoved13, PortStatus13, PacketOut13, FlowMod13,
  GroupMod13, PortMod13, TableMod13, MultipartRequest13, MultipartReply13, BarrierRequest13, BarrierReply13,
  QueueGetConfigRequest13, QueueGetConfigReply13, RoleRequest13, RoleReply13, GetAsyncRequest13, GetAsyncReply13,
  SetAsync13, MeterMod13,
} from './v13/messages.js'
