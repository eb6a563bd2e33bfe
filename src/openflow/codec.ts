// Message-level codec for every OpenFlow version: reads the ofp_header, dispatches on the version
// byte to the per-version registries (v10/, v12/, v13/ index.ts), bounds the body reader to
// header.length, and on encode writes the header and back-patches the length (Ryu
// `_serialize_header`, OpenFlowJ `setShort(lengthIndex, …)`).
// OpenFlow Switch Specification 1.0.0 §5.1, 1.3.x §A.1 (struct ofp_header).
//
// JSON form (lossless; decode → toJson → parseJsonLossless → encodeMessage is byte-exact):
// - Every decoded message is a plain object `{version, type, xid, …fields}` with camelCase field names
//   (spec names without prefixes: `bufferId`, `totalLen`, `inPort`). `length` fields that the encoder
//   recomputes are omitted; counts/lengths that are not implied by the content are kept.
// - 64-bit values (cookies, datapath ids, counters) are bigint → decimal strings in JSON; encoders also
//   accept "0x…" strings and safe integers.
// - MACs are lower-case colon strings ("aa:bb:cc:dd:ee:ff"), IPv4 addresses dotted strings.
// - Payloads (packet data, unknown/experimenter bodies) are Buffer views → lower-case hex in JSON;
//   encoders accept a Buffer or hex string wherever a Buffer is decoded.
// - Unknown message types (and unknown versions with `{unknownVersion: 'raw'}`) decode to a raw view
//   `{version, type, xid, body}` that re-encodes unchanged. Experimenter/vendor payloads inside known
//   messages are kept raw per version (`{experimenter|vendor, data}`).
// - Fixed-width strings (port and table names, the ofp_desc strings) are decoded up to the first NUL,
//   as Latin-1 in 1.0 and UTF-8 in 1.2/1.3; the encoder NUL-pads them. When that text does not give the
//   field's bytes back (not UTF-8, bytes after the first NUL), the field's exact bytes are kept too as
//   `<field>Raw` (Buffer; hex in JSON), e.g. `"name": "p\ufffdrt", "nameRaw": "70e9727400…"`; the encoder
//   writes them while `<field>` is still their text (wire/fixed-text.ts).
import { MalformedError, TruncatedError, UnsupportedError } from '../wire/errors.js'
import { WireReader } from '../wire/reader.js'
import { WireWriter } from '../wire/writer.js'
import { asBytes } from '../wire/json.js'
import { OFP_HEADER_SIZE, OFP_MAX_MESSAGE, OFP_VERSION_1_0, OFP_VERSION_1_2, OFP_VERSION_1_3, type OfHeader, type OfMessageBase } from './header.js'
import type { MessageCodec, VersionRegistry } from './registry.js'
import type { KnownVersion, MessageInput, MessageJson, OfMessage, OfMessageOrUnknown, RawMessage, RawUnknownVersion } from './messages.js'
import { registry as registry10 } from './v10/index.js'
import { registry as registry12 } from './v12/index.js'
import { registry as registry13 } from './v13/index.js'

/** Any decoded message (alias of OfMessage, messages.ts): narrow on `version`, then `type`. */
export type AnyMessage = OfMessage

export interface DecodeOptions {
  /**
   * What to do with a version ofl does not implement: `'error'` (default) throws UnsupportedError
   * `OFPBRC_BAD_VERSION`; `'raw'` returns a RawMessage (Ryu re-serialises its version-0xff vector).
   */
  unknownVersion?: 'error' | 'raw'
}

const REGISTRIES: Array<VersionRegistry | undefined> = []
REGISTRIES[OFP_VERSION_1_0] = registry10
REGISTRIES[OFP_VERSION_1_2] = registry12
REGISTRIES[OFP_VERSION_1_3] = registry13

/** The registry of a version, or undefined if ofl does not implement it. */
export function registryFor(version: number): VersionRegistry | undefined {
  return REGISTRIES[version]
}

/** The codec for a message type, or undefined (unknown type → raw). */
export function codecFor(version: number, type: number): MessageCodec | undefined {
  return REGISTRIES[version]?.[type]
}

// One DataView per underlying buffer: creating one costs ~70 ns (npm run bench), so consecutive
// decodes from the same receive buffer share it.
let lastBuf: Buffer | undefined
let lastDv: DataView | undefined

function asBuffer(buf: Uint8Array): Buffer {
  return Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)
}

/** A bounded reader over buf[start, end) that reuses the DataView of the previous call's buffer. */
export function readerOver(buf: Buffer, start: number, end: number): WireReader {
  if (buf !== lastBuf) {
    lastBuf = buf
    lastDv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  }
  return new WireReader(buf, start, end, lastDv)
}

/**
 * Decode one message starting at `off`. Bytes after header.length are not looked at (use the framer
 * or `decodeMessages` for streams). Errors:
 * - TruncatedError `TRUNCATED`: fewer than 8 bytes, or fewer than header.length bytes available;
 * - MalformedError `OFPBRC_BAD_LEN`: header.length < 8, a body shorter than its structures, or
 *   trailing bytes the message type does not allow; other spec codes (`OFPBAC_BAD_LEN`, …) from the
 *   version codecs;
 * - UnsupportedError `OFPBRC_BAD_VERSION` for an unimplemented version (unless `unknownVersion: 'raw'`).
 * Payload fields are views into `buf`.
 */
export function decodeMessage(input: Uint8Array, off?: number, opts?: DecodeOptions & { unknownVersion?: 'error' }): OfMessage
export function decodeMessage(input: Uint8Array, off: number | undefined, opts: DecodeOptions): OfMessageOrUnknown
export function decodeMessage(input: Uint8Array, off = 0, opts?: DecodeOptions): OfMessageOrUnknown {
  const buf = asBuffer(input)
  const avail = buf.length - off
  if (avail < OFP_HEADER_SIZE) {
    throw new TruncatedError(OFP_HEADER_SIZE, Math.max(0, avail), { offset: off, field: 'ofp_header' })
  }
  const version = buf[off]!
  const type = buf[off + 1]!
  const length = (buf[off + 2]! << 8) | buf[off + 3]!
  const xid = ((buf[off + 4]! << 24) | (buf[off + 5]! << 16) | (buf[off + 6]! << 8) | buf[off + 7]!) >>> 0
  if (length < OFP_HEADER_SIZE) {
    throw new MalformedError('OFPBRC_BAD_LEN', `ofp_header length ${length} is below 8`, { offset: off + 2, field: 'ofp_header.length' })
  }
  if (length > avail) {
    throw new TruncatedError(length, avail, { offset: off, field: 'ofp_header.length' })
  }
  const reg = REGISTRIES[version]
  if (reg === undefined) {
    if (opts?.unknownVersion === 'raw') return { version, type, xid, body: buf.subarray(off + OFP_HEADER_SIZE, off + length) } as RawUnknownVersion
    throw new UnsupportedError('OFPBRC_BAD_VERSION', `OpenFlow version 0x${version.toString(16).padStart(2, '0')} is not supported`, {
      offset: off,
      field: 'ofp_header.version',
    })
  }
  const codec = reg[type]
  if (codec === undefined) return { version, type, xid, body: buf.subarray(off + OFP_HEADER_SIZE, off + length) } as RawMessage
  const r = readerOver(buf, off + OFP_HEADER_SIZE, off + length)
  const h: OfHeader = { version, type, length, xid }
  let msg: OfMessage
  try {
    // The registry maps (version, type) to the codec of exactly that message, so its result is that member.
    msg = codec.decode(r, h) as OfMessage
  } catch (e) {
    // Every byte of the message is present, so running out of body is a bad length, not a wait.
    if (e instanceof TruncatedError) {
      throw new MalformedError('OFPBRC_BAD_LEN', `${codec.name} body too short: need ${e.needed} more bytes, have ${e.available}`, {
        offset: e.offset,
        field: e.field ?? codec.name,
        cause: e,
      })
    }
    throw e
  }
  if (r.pos !== r.end) {
    throw new MalformedError('OFPBRC_BAD_LEN', `${codec.name}: ${r.end - r.pos} unexpected trailing bytes`, { offset: r.pos, field: codec.name })
  }
  return msg
}

/** Decode every message in a buffer of back-to-back messages (a raw OpenFlow byte stream file). */
export function decodeMessages(input: Uint8Array, opts?: DecodeOptions & { unknownVersion?: 'error' }): OfMessage[]
export function decodeMessages(input: Uint8Array, opts: DecodeOptions): OfMessageOrUnknown[]
export function decodeMessages(input: Uint8Array, opts?: DecodeOptions): OfMessageOrUnknown[] {
  const buf = asBuffer(input)
  const out: OfMessageOrUnknown[] = []
  let off = 0
  while (off < buf.length) {
    const m = decodeMessage(buf, off, opts ?? {})
    out.push(m)
    off += (buf[off + 2]! << 8) | buf[off + 3]!
  }
  return out
}

/** The decoded type of one (version, type) pair: `MessageOf<4, 10>` is PacketIn13. */
export type MessageOf<V extends number, T extends number> = Extract<OfMessage, { version: V; type: T }>

/** Type guard on (version, type): `isMessage(m, 4, 10)` narrows `m` to PacketIn13. */
export function isMessage<V extends KnownVersion, T extends number>(m: OfMessageBase, version: V, type: T): m is MessageOf<V, T> {
  return m.version === version && m.type === type && codecFor(version, type) !== undefined
}

/** Raw views are recognisable: they carry `body` and have no codec for their version/type. */
export function isRawMessage(m: OfMessageBase): m is RawMessage | RawUnknownVersion {
  return codecFor(m.version, m.type) === undefined && 'body' in m
}

const scratch = new WireWriter(1024)

/**
 * Append one message (header + body) to `w` at its current position; returns the encoded length.
 * Throws UnsupportedError `OFPBRC_BAD_VERSION` for an unimplemented version without a raw `body`,
 * MalformedError `OFPBRC_BAD_LEN` if the result exceeds 65535 bytes.
 */
export function encodeMessageTo(w: WireWriter, msg: MessageInput): number {
  const start = w.pos
  w.u8(msg.version).u8(msg.type) // uint8_t version; uint8_t type;
  const lenAt = w.reserve16() // uint16_t length; (back-patched)
  w.u32(msg.xid ?? 0) // uint32_t xid;
  const codec = codecFor(msg.version, msg.type)
  if (codec !== undefined) {
    // The JSON form reaches the codec as is: its integer and bytes writers accept both spellings.
    codec.encode(w, msg as OfMessageBase)
  } else if (rawBody(msg) !== undefined) {
    w.bytes(rawBody(msg)!)
  } else if (REGISTRIES[msg.version] === undefined) {
    throw new UnsupportedError('OFPBRC_BAD_VERSION', `cannot encode OpenFlow version ${msg.version} without a raw body`, { field: 'version' })
  }
  const len = w.pos - start
  if (len > OFP_MAX_MESSAGE) {
    w.pos = start
    throw new MalformedError('OFPBRC_BAD_LEN', `encoded message is ${len} bytes, above the 65535 limit`, { field: 'ofp_header.length' })
  }
  w.patchU16(lenAt, len)
  return len
}

/** Encode one message to fresh bytes (accepts the decoded form or its lossless JSON form). */
export function encodeMessage(msg: MessageInput): Buffer {
  // The shared scratch writer is only used by the outermost call (an encoder may encode a nested message).
  const w = scratchBusy ? new WireWriter(256) : scratch
  const outer = !scratchBusy
  scratchBusy = true
  w.reset()
  try {
    encodeMessageTo(w, msg)
    return w.finish()
  } finally {
    if (outer) scratchBusy = false
  }
}
let scratchBusy = false

/** Encoded length of a message including its header. */
export function messageLength(msg: MessageInput): number {
  const codec = codecFor(msg.version, msg.type)
  if (codec?.length) return codec.length(msg as OfMessageBase)
  const body = codec === undefined ? rawBody(msg) : undefined
  if (body !== undefined) return OFP_HEADER_SIZE + asBytes(body).length
  const w = new WireWriter(256)
  return encodeMessageTo(w, msg)
}


/** The `body` of a raw view (decoded Buffer or JSON hex), if the input has one. */
function rawBody(msg: MessageInput): Uint8Array | string | undefined {
  const body = (msg as MessageJson).body
  return body instanceof Uint8Array || typeof body === 'string' ? body : undefined
}
