// LACPDU — IEEE 802.1AX-2014 §6.4.2.3 (version 1, Figure 6-7) and §6.4.2.4 (version 2 TLVs).
// Byte map as Wireshark epan/dissectors/packet-lacp.c dissects it. Offsets below are from the subtype byte.
//
// Decoding is lenient like Open vSwitch (`lib/lacp.c` parse_lacp_packet) and Wireshark (packet-lacp.c),
// not strict like Ryu (slow.py asserts on every deviation and on any trailing byte):
// - the actor, partner and collector TLVs sit at fixed offsets 2, 22 and 42 (their lengths are fixed in
//   v1 and v2); a wrong type or length there is an issue, and the fields are read anyway;
// - from offset 58 the decoder walks TLVs until the terminator: v2 TLVs (types 4–10) decode by type,
//   unknown TLVs are kept as raw views (802.1AX-2020 §6.4.3: do not reject unexpected TLVs);
// - the PDU is at least 110 bytes; whatever follows it (Ethernet padding, FCS, vendor trailer) is
//   exposed as `trailing`;
// - fewer than 110 bytes throws TruncatedError; a TLV whose length runs past the input throws
//   MalformedError `LACP_TLV_OVERRUN`; everything else is reported in `issues`.
//
// The hand-written DataView decoder is the hot path (see src/bench/lacp.ts for its cost against the
// binary-parser schema in ./lacpdu-schema.ts). `peekLacpdu` reads the actor/partner fields into a reused
// object without allocating, for the packet-in path.
import { MalformedError, TruncatedError } from '../wire/errors.js'
import { asBytes, type BytesLike } from '../wire/json.js'
import { macText } from '../wire/mac.js'
import { WireWriter } from '../wire/writer.js'
import {
  LACPDU_SIZE, LACP_TLV_ACTOR, LACP_TLV_COLLECTOR, LACP_TLV_PARTNER, LACP_TLV_PORT_ALGORITHM,
  LACP_TLV_PORT_CONVERSATION_ID_DIGEST, LACP_TLV_PORT_CONVERSATION_MASK_1,
  LACP_TLV_PORT_CONVERSATION_SERVICE_MAPPING, LACP_TLV_TERMINATOR, SLOW_SUBTYPE_LACP,
} from './constants.js'
import { firstNonZero, type DecodeIssue } from './issues.js'

/** Actor_Information / Partner_Information TLV length (type + length + 18 octets). */
export const LACP_PORT_INFO_TLV_LENGTH = 20
/** Collector_Information TLV length. */
export const LACP_COLLECTOR_TLV_LENGTH = 16
/** Offsets of the fixed parts, from the subtype byte. */
export const LACP_OFF_ACTOR = 2
export const LACP_OFF_PARTNER = 22
export const LACP_OFF_COLLECTOR = 42
/** Where the terminator sits in v1, and where v2 TLVs start. */
export const LACP_OFF_TAIL = 58
/** v2 TLV lengths (802.1AX-2014 §6.4.2.4; each includes the 2-byte type/length header). */
export const LACP_V2_TLV_LENGTH: Readonly<Record<number, number>> = {
  0x04: 6, // Port Algorithm: Actor_Port_Algorithm (4)
  0x05: 20, // Port Conversation ID Digest: Link_Number_ID (2) + digest (16)
  0x06: 131, // Port Conversation Mask-1: Mask_State (1) + mask (128)
  0x07: 130, // Mask-2
  0x08: 130, // Mask-3
  0x09: 130, // Mask-4
  0x0a: 18, // Port Conversation Service Mapping: digest (16)
}
// Declared layout == size: 2 (subtype, version) + 20 + 20 + 16 + 2 (terminator) + 50 (reserved).
if (2 + 2 * LACP_PORT_INFO_TLV_LENGTH + LACP_COLLECTOR_TLV_LENGTH + 2 + 50 !== LACPDU_SIZE) throw new Error('LACPDU layout')

/** The 18 octets after an actor/partner TLV header. */
export interface LacpPortInfo<System extends string | number = string> {
  systemPriority: number
  /**
   * The system MAC: a lower-case colon string ("00:13:c4:12:0f:00") in decoded PDUs and JSON; a 48-bit
   * integer (`LacpPortInfo<number>`) on the hot path (peekLacpdu, the state machine, selection).
   */
  system: System
  key: number
  portPriority: number
  port: number
  /** The state octet (see ./state.ts for flags and renderings). */
  state: number
}


export interface PortAlgorithmTlv {
  kind: 'portAlgorithm'
  type: 0x04
  /** Actor_Port_Algorithm: OUI/CID (3 octets) + value (1), as one 32-bit number. */
  algorithm: number
}
export interface ConversationIdDigestTlv {
  kind: 'conversationIdDigest'
  type: 0x05
  linkNumberId: number
  /** 16-octet MD5 digest. View into the input; copy before retaining. */
  digest: Buffer
}
export interface ConversationMaskTlv {
  kind: 'conversationMask'
  /** 6 = Mask-1 (carries maskState), 7–9 = Mask-2..4. */
  type: 0x06 | 0x07 | 0x08 | 0x09
  /** Only in Mask-1. */
  maskState?: number
  /** 128-octet mask. View into the input; copy before retaining. */
  mask: Buffer
}
export interface ServiceMappingTlv {
  kind: 'serviceMapping'
  type: 0x0a
  /** 16-octet digest. View into the input; copy before retaining. */
  digest: Buffer
}
/** A TLV ofl does not decode (unknown type, or a known type with a non-standard length). */
export interface UnknownLacpTlv {
  kind: 'unknown'
  type: number
  /** The bytes after the 2-byte header. View into the input; copy before retaining. */
  value: Buffer
}
export type LacpTlv = PortAlgorithmTlv | ConversationIdDigestTlv | ConversationMaskTlv | ServiceMappingTlv | UnknownLacpTlv

export interface LacpDu {
  subtype: 1
  /** Version_Number: 1, or 2 with the TLVs of 802.1AX-2014 §6.4.2.4. */
  version: number
  actor: LacpPortInfo
  partner: LacpPortInfo
  /** CollectorMaxDelay, in tens of microseconds. */
  collectorMaxDelay: number
  /** TLVs between the collector TLV and the terminator (v2 TLVs, unknown ones as raw views). */
  tlvs: LacpTlv[]
  /** Bytes after the PDU (Ethernet padding, FCS, vendor trailer). View into the input. */
  trailing: Buffer
  /** Problems that left the PDU readable. */
  issues: DecodeIssue[]
}

/** What the encoder accepts: the decoded form, with defaults and JSON spellings (hex for bytes). */
export type LacpTlvInput =
  | PortAlgorithmTlv
  | (Omit<ConversationIdDigestTlv, 'digest'> & { digest: BytesLike })
  | (Omit<ConversationMaskTlv, 'mask'> & { mask: BytesLike })
  | (Omit<ServiceMappingTlv, 'digest'> & { digest: BytesLike })
  | (Omit<UnknownLacpTlv, 'value'> & { value: BytesLike })

export interface LacpDuInput {
  subtype?: 1
  version?: number
  actor: LacpPortInfo
  partner: LacpPortInfo
  collectorMaxDelay?: number
  tlvs?: LacpTlvInput[]
  /** Written after the PDU as is (keeps a decoded frame's padding/FCS byte-exact). */
  trailing?: BytesLike
  issues?: unknown
}

// ---------------------------------------------------------------------------------------------------
// Decode (hand-written, DataView)

function dataView(buf: Buffer): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
}

/** An issue unless a fixed-position TLV header has the expected type and length. */
export function checkTlvHeader(type: number, len: number, wantType: number, wantLen: number, name: string, at: number, issues: DecodeIssue[]): void {
  if (type !== wantType) issues.push({ code: 'LACP_BAD_TLV_TYPE', message: `${name} TLV type ${type}, expected ${wantType}`, offset: at })
  if (len !== wantLen) issues.push({ code: 'LACP_BAD_TLV_LENGTH', message: `${name} TLV length ${len}, expected ${wantLen}`, offset: at + 1 })
}

/** An issue if buf[start, end) is not all zero. */
export function checkReserved(buf: Uint8Array, start: number, end: number, what: string, issues: DecodeIssue[], code = 'LACP_RESERVED_NONZERO'): void {
  const at = firstNonZero(buf, start, end)
  if (at !== -1) issues.push({ code, message: `${what} not zero`, offset: at })
}

function readPortInfo(buf: Buffer, dv: DataView, p: number): LacpPortInfo {
  return {
    systemPriority: dv.getUint16(p), // uint16_t system_priority;
    system: macText(buf, p + 2), // uint8_t system[6];
    key: dv.getUint16(p + 8), // uint16_t key;
    portPriority: dv.getUint16(p + 10), // uint16_t port_priority;
    port: dv.getUint16(p + 12), // uint16_t port;
    state: dv.getUint8(p + 14), // uint8_t state;
  }
}

/**
 * Decode the LACPDU that starts at `off` (the subtype byte) and may run to `end`.
 * Offsets in issues and errors are absolute in `buf`. Pass `dv` (a DataView over the whole `buf`) to
 * skip creating one per call on hot paths.
 */
export function decodeLacpdu(buf: Buffer, off = 0, end = buf.length, dv: DataView = dataView(buf)): LacpDu {
  if (end - off < LACPDU_SIZE) throw new TruncatedError(LACPDU_SIZE, end - off, { offset: off, field: 'lacpdu' })
  const subtype = dv.getUint8(off) // uint8_t subtype;
  if (subtype !== SLOW_SUBTYPE_LACP) throw new MalformedError('LACP_BAD_SUBTYPE', `slow subtype ${subtype} is not LACP (1)`, { offset: off, field: 'subtype' })
  const version = dv.getUint8(off + 1) // uint8_t version_number;
  const issues: DecodeIssue[] = []
  if (version !== 1 && version !== 2) issues.push({ code: 'LACP_UNKNOWN_VERSION', message: `LACP version ${version}`, offset: off + 1 })

  let p = off + LACP_OFF_ACTOR
  checkTlvHeader(dv.getUint8(p), dv.getUint8(p + 1), LACP_TLV_ACTOR, LACP_PORT_INFO_TLV_LENGTH, 'actor', p, issues) // uint8_t tlv_type, tlv_length;
  const actor = readPortInfo(buf, dv, p + 2)
  checkReserved(buf, p + 17, p + 20, 'actor reserved', issues) // uint8_t reserved[3];

  p = off + LACP_OFF_PARTNER
  checkTlvHeader(dv.getUint8(p), dv.getUint8(p + 1), LACP_TLV_PARTNER, LACP_PORT_INFO_TLV_LENGTH, 'partner', p, issues)
  const partner = readPortInfo(buf, dv, p + 2)
  checkReserved(buf, p + 17, p + 20, 'partner reserved', issues)

  p = off + LACP_OFF_COLLECTOR
  checkTlvHeader(dv.getUint8(p), dv.getUint8(p + 1), LACP_TLV_COLLECTOR, LACP_COLLECTOR_TLV_LENGTH, 'collector', p, issues)
  const collectorMaxDelay = dv.getUint16(p + 2) // uint16_t collector_max_delay;
  checkReserved(buf, p + 4, p + 16, 'collector reserved', issues) // uint8_t reserved[12];

  const tail = decodeLacpTail(buf, dv, off, end, version, issues)
  return { subtype: 1, version, actor, partner, collectorMaxDelay, tlvs: tail.tlvs, trailing: tail.trailing, issues }
}

/**
 * Walk the TLVs from offset 58 to the terminator, then the reserved pad up to 110 bytes; the rest is
 * `trailing`. Shared by both decoders. Every loop step advances by a length >= 2 that was checked
 * against `end`, so the walk always terminates.
 */
export function decodeLacpTail(buf: Buffer, dv: DataView, off: number, end: number, version: number, issues: DecodeIssue[]): { tlvs: LacpTlv[]; trailing: Buffer } {
  const tlvs: LacpTlv[] = []
  let p = off + LACP_OFF_TAIL
  let termEnd = -1
  while (p + 2 <= end) {
    const type = dv.getUint8(p) // uint8_t tlv_type;
    const len = dv.getUint8(p + 1) // uint8_t tlv_length;
    if (type === LACP_TLV_TERMINATOR) {
      if (len !== 0) issues.push({ code: 'LACP_TERMINATOR_LENGTH', message: `terminator TLV length ${len}, expected 0`, offset: p + 1 })
      termEnd = p + 2
      break
    }
    if (version === 1) issues.push({ code: 'LACP_BAD_TLV_TYPE', message: `TLV type ${type} in a version 1 LACPDU, expected the terminator (0)`, offset: p })
    if (len < 2) {
      // cannot step over it: treat it as a damaged terminator and read no further TLVs
      issues.push({ code: 'LACP_BAD_TLV_LENGTH', message: `TLV type ${type} length ${len} is shorter than its header`, offset: p + 1 })
      termEnd = p + 2
      break
    }
    if (p + len > end) {
      throw new MalformedError('LACP_TLV_OVERRUN', `TLV type ${type} length ${len} runs past the end of the input (${end - p} bytes left)`, { offset: p + 1, field: 'tlv_length' })
    }
    tlvs.push(decodeLacpTlv(buf, dv, p, type, len, version, issues))
    p += len
  }
  if (termEnd === -1) {
    issues.push({ code: 'LACP_NO_TERMINATOR', message: 'no terminator TLV', offset: p })
    termEnd = Math.min(p + 2, end)
  }
  const pduEnd = Math.max(off + LACPDU_SIZE, termEnd)
  checkReserved(buf, termEnd, pduEnd, 'reserved pad after the terminator', issues)
  return { tlvs, trailing: pduEnd < end ? buf.subarray(pduEnd, end) : NO_TRAILING }
}

/** The `trailing` of a PDU that fills its input exactly (most): one shared empty view, no allocation per PDU. */
const NO_TRAILING = Buffer.alloc(0)

function decodeLacpTlv(buf: Buffer, dv: DataView, p: number, type: number, len: number, version: number, issues: DecodeIssue[]): LacpTlv {
  const want = LACP_V2_TLV_LENGTH[type]
  if (want === undefined) {
    if (version !== 1) {
      const code = type <= LACP_TLV_COLLECTOR ? 'LACP_BAD_TLV_TYPE' : 'LACP_UNKNOWN_TLV'
      issues.push({ code, message: type <= LACP_TLV_COLLECTOR ? `TLV type ${type} repeated after the collector TLV` : `unknown TLV type ${type}`, offset: p })
    }
    return { kind: 'unknown', type, value: buf.subarray(p + 2, p + len) }
  }
  if (len !== want) {
    issues.push({ code: 'LACP_BAD_TLV_LENGTH', message: `TLV type ${type} length ${len}, expected ${want}`, offset: p + 1 })
    return { kind: 'unknown', type, value: buf.subarray(p + 2, p + len) }
  }
  switch (type) {
    case LACP_TLV_PORT_ALGORITHM:
      return { kind: 'portAlgorithm', type, algorithm: dv.getUint32(p + 2) } // uint32_t actor_port_algorithm;
    case LACP_TLV_PORT_CONVERSATION_ID_DIGEST:
      return { kind: 'conversationIdDigest', type, linkNumberId: dv.getUint16(p + 2), digest: buf.subarray(p + 4, p + 20) }
    case LACP_TLV_PORT_CONVERSATION_MASK_1:
      return { kind: 'conversationMask', type, maskState: dv.getUint8(p + 2), mask: buf.subarray(p + 3, p + 131) }
    case LACP_TLV_PORT_CONVERSATION_SERVICE_MAPPING:
      return { kind: 'serviceMapping', type, digest: buf.subarray(p + 2, p + 18) }
    default: // Mask-2..4
      return { kind: 'conversationMask', type: type as 0x07 | 0x08 | 0x09, mask: buf.subarray(p + 2, p + 130) }
  }
}

// ---------------------------------------------------------------------------------------------------
// Encode (hand-written), length

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48 // 0-9
  c |= 0x20
  return c >= 97 && c <= 102 ? c - 87 : -1 // a-f
}

/**
 * Write a MAC without allocating when it is in the canonical "aa:bb:cc:dd:ee:ff" form (what decoders
 * produce); any other spelling goes through WireWriter#mac (parseMac, which throws BAD_MAC).
 */
export function writeMac(w: WireWriter, mac: string): void {
  if (mac.length === 17) {
    let hi = 0
    let lo = 0
    let ok = true
    for (let i = 0; i < 6; i++) {
      const a = hexVal(mac.charCodeAt(i * 3))
      const b = hexVal(mac.charCodeAt(i * 3 + 1))
      if (a < 0 || b < 0 || (i < 5 && mac.charCodeAt(i * 3 + 2) !== 58)) {
        ok = false
        break
      }
      if (i < 2) hi = (hi << 8) | (a << 4) | b
      else lo = ((lo << 8) | (a << 4) | b) >>> 0
    }
    if (ok) {
      w.u16(hi).u32(lo)
      return
    }
  }
  w.mac(mac)
}

/** Zero bytes through DataView stores: Buffer#fill costs more than the stores for these short runs. */
function zeros(w: WireWriter, n: number): void {
  while (n >= 4) {
    w.u32(0)
    n -= 4
  }
  while (n-- > 0) w.u8(0)
}

function encodePortInfo(w: WireWriter, type: number, i: LacpPortInfo): void {
  w.u8(type).u8(LACP_PORT_INFO_TLV_LENGTH).u16(i.systemPriority)
  writeMac(w, i.system)
  w.u16(i.key).u16(i.portPriority).u16(i.port).u8(i.state)
  zeros(w, 3) // reserved[3]
}

/** Bytes one TLV takes on the wire (header included). */
export function lacpTlvLength(t: LacpTlvInput): number {
  switch (t.kind) {
    case 'portAlgorithm': return 6
    case 'conversationIdDigest': return 20
    case 'conversationMask': return 2 + (t.type === LACP_TLV_PORT_CONVERSATION_MASK_1 ? 1 : 0) + asBytes(t.mask).length
    case 'serviceMapping': return 2 + asBytes(t.digest).length
    default: return 2 + asBytes(t.value).length
  }
}

function encodeLacpTlv(w: WireWriter, t: LacpTlvInput): void {
  const len = lacpTlvLength(t)
  if (len > 255) throw new MalformedError('LACP_TLV_TOO_LONG', `TLV type ${t.type} would be ${len} bytes (max 255)`, { field: 'tlvs' })
  w.u8(t.type).u8(len)
  switch (t.kind) {
    case 'portAlgorithm': w.u32(t.algorithm); break
    case 'conversationIdDigest': w.u16(t.linkNumberId).bytes(fixed(t.digest, 16, 'digest')); break
    case 'conversationMask':
      if (t.type === LACP_TLV_PORT_CONVERSATION_MASK_1) w.u8(t.maskState ?? 0)
      w.bytes(t.mask)
      break
    case 'serviceMapping': w.bytes(t.digest); break
    default: w.bytes(t.value)
  }
}

function fixed(b: BytesLike, n: number, field: string): Buffer {
  const v = asBytes(b)
  if (v.length !== n) throw new MalformedError('LACP_BAD_FIELD', `${field} must be ${n} bytes, got ${v.length}`, { field })
  return v
}

/** Encode a LACPDU (from the subtype byte): fixed TLVs, `tlvs`, terminator, zero pad to 110, `trailing`. */
export function encodeLacpdu(w: WireWriter, pdu: LacpDuInput): void {
  const start = w.pos
  w.u8(SLOW_SUBTYPE_LACP).u8(pdu.version ?? 1) // subtype, version_number
  encodePortInfo(w, LACP_TLV_ACTOR, pdu.actor)
  encodePortInfo(w, LACP_TLV_PARTNER, pdu.partner)
  w.u8(LACP_TLV_COLLECTOR).u8(LACP_COLLECTOR_TLV_LENGTH).u16(pdu.collectorMaxDelay ?? 0)
  zeros(w, 12) // reserved[12]
  for (const t of pdu.tlvs ?? []) encodeLacpTlv(w, t)
  w.u8(LACP_TLV_TERMINATOR).u8(0)
  const used = w.pos - start
  if (used < LACPDU_SIZE) zeros(w, LACPDU_SIZE - used) // reserved[50] in v1
  if (pdu.trailing !== undefined && pdu.trailing.length > 0) w.bytes(pdu.trailing)
}

/** Bytes `encodeLacpdu` writes for `pdu`. */
export function lacpduLength(pdu: LacpDuInput): number {
  let n = LACP_OFF_TAIL + 2
  for (const t of pdu.tlvs ?? []) n += lacpTlvLength(t)
  return Math.max(n, LACPDU_SIZE) + (pdu.trailing === undefined ? 0 : asBytes(pdu.trailing).length)
}

/** Encode to a fresh Buffer of exactly `lacpduLength(pdu)` bytes. */
export function lacpduToBuffer(pdu: LacpDuInput): Buffer {
  const w = new WireWriter(lacpduLength(pdu))
  encodeLacpdu(w, pdu)
  return w.finish()
}

// ---------------------------------------------------------------------------------------------------
// Hot path: zero-allocation peek

/** Reused output of `peekLacpdu`: numbers only (systems as 48-bit integers), no strings, no views. */
export interface LacpPeek {
  version: number
  actor: LacpPortInfo<number>
  partner: LacpPortInfo<number>
  collectorMaxDelay: number
}

const blankInfo = (): LacpPortInfo<number> => ({ systemPriority: 0, system: 0, key: 0, portPriority: 0, port: 0, state: 0 })

export function newLacpPeek(): LacpPeek {
  return { version: 0, actor: blankInfo(), partner: blankInfo(), collectorMaxDelay: 0 }
}

/**
 * Read the actor and partner fields of the LACPDU at `off` into `out`, in place, allocating nothing.
 * Returns false (leaving `out` unspecified) unless there are 110 bytes, the subtype is LACP and the
 * actor/partner TLV headers are 1/20 and 2/20 — the checks Open vSwitch makes before using a PDU.
 * `dv` must be a DataView over the whole receive buffer (make it once per chunk, not per message).
 */
export function peekLacpdu(dv: DataView, off: number, end: number, out: LacpPeek): boolean {
  if (end - off < LACPDU_SIZE || end > dv.byteLength) return false
  if (dv.getUint16(off) >>> 8 !== SLOW_SUBTYPE_LACP) return false
  if (dv.getUint16(off + LACP_OFF_ACTOR) !== 0x0114 || dv.getUint16(off + LACP_OFF_PARTNER) !== 0x0214) return false
  out.version = dv.getUint8(off + 1)
  peekInfo(dv, off + LACP_OFF_ACTOR + 2, out.actor)
  peekInfo(dv, off + LACP_OFF_PARTNER + 2, out.partner)
  out.collectorMaxDelay = dv.getUint16(off + LACP_OFF_COLLECTOR + 2)
  return true
}

function peekInfo(dv: DataView, p: number, i: LacpPortInfo<number>): void {
  i.systemPriority = dv.getUint16(p) // uint16_t system_priority;
  i.system = dv.getUint16(p + 2) * 0x100000000 + dv.getUint32(p + 4) // uint8_t system[6];
  i.key = dv.getUint16(p + 8) // uint16_t key;
  i.portPriority = dv.getUint16(p + 10) // uint16_t port_priority;
  i.port = dv.getUint16(p + 12) // uint16_t port;
  i.state = dv.getUint8(p + 14) // uint8_t state;
}

/** "aa:bb:cc:dd:ee:ff" from the 48-bit integer form `peekLacpdu` produces. */
export function macFromNumber(n: number): string {
  const hi = Math.floor(n / 0x100000000)
  const lo = n >>> 0
  const b = [hi >>> 8, hi & 0xff, lo >>> 24, (lo >>> 16) & 0xff, (lo >>> 8) & 0xff, lo & 0xff]
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':')
}
