// Wire pieces of the cbench-style load generator (oflops cbench/cbench.c, fakeswitch.c): the PACKET_IN templates an emulated
// switch streams, built ONCE with ofl's own encoders and then patched in place (xid, buffer_id, source
// MAC, sequence number), and a no-allocation peek at what the controller answers.
// Layouts: OpenFlow 1.0.0 §5.4.1 (ofp_packet_in, data at offset 18), §5.3.3 (ofp_flow_mod: command at
// 56, buffer_id at 64), §5.3.7 (ofp_packet_out: buffer_id 8, actions_len 14, actions at 16);
// OpenFlow 1.3.5 §7.4.1 (ofp_packet_in: OXM match at 24, pad[2], data), §7.3.4.1 (ofp_flow_mod: command
// u8 at 25, buffer_id at 32), §7.3.7 (ofp_packet_out: actions_len at 16, actions at 24).
import { encodeMessage } from '../../openflow/codec.js'
import { OFP_VERSION_1_0, OFP_VERSION_1_3 } from '../../openflow/header.js'

export const OFPT_PACKET_IN = 10
export const OFPT_PACKET_OUT = 13
export const OFPT_FLOW_MOD = 14
export const OFP_NO_BUFFER = 0xffffffff
/** enum ofp_flow_mod_command (same numbers in 1.0 and 1.3). */
export const OFPFC_ADD = 0
export const OFPFC_MODIFY = 1
export const OFPFC_MODIFY_STRICT = 2
export const ETH_TYPE_LLDP = 0x88cc

/** Every frame is 64 bytes (cbench's total_len 0x40). */
export const FRAME_LEN = 64
/** Where the load generator's marker and sequence number sit inside the frame (UDP payload / ARP pad). */
export const FRAME_MAGIC_AT = 42
export const FRAME_SEQ_AT = 46
/** "oflb": marks a frame as ours when a controller echoes it back in a PACKET_OUT. */
export const FRAME_MAGIC = 0x6f666c62

/** Port the streamed packet-ins arrive on, and the port the destination MAC is learned on. */
export const DATA_IN_PORT = 3
export const DST_PORT = 4
/** Ports every emulated switch reports (1 and 2 are left for `ofl controller --bond DPID:1,2`). */
export const SWITCH_PORTS = [1, 2, 3, 4] as const

/** The destination every data frame is sent to: learned on DST_PORT, or never seen (flood). */
export const DST_MAC_LEARNED = [0x02, 0xff, 0x00, 0x00, 0x00, 0x01] as const
export const DST_MAC_UNKNOWN = [0x02, 0xfe, 0x00, 0x00, 0x00, 0x01] as const

/** A 64-byte IPv4/UDP frame (dst, src patched per packet; seq in the payload). */
export function dataFrame(dst: readonly number[]): Buffer {
  const f = Buffer.alloc(FRAME_LEN)
  f.set(dst, 0) // eth dst
  f.set([0x02, 0x00, 0x00, 0x00, 0x00, 0x01], 6) // eth src (patched)
  f.writeUInt16BE(0x0800, 12) // IPv4
  const ip = Buffer.from([0x45, 0x00, 0x00, 0x32, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00, 10, 0, 0, 1, 10, 0, 0, 2])
  ip.writeUInt16BE(ipChecksum(ip), 10)
  f.set(ip, 14)
  f.writeUInt16BE(1024, 34) // udp src port
  f.writeUInt16BE(9, 36) // udp dst port (discard)
  f.writeUInt16BE(FRAME_LEN - 34, 38) // udp length; checksum 0 = none
  f.writeUInt32BE(FRAME_MAGIC, FRAME_MAGIC_AT)
  return f
}

/** A gratuitous ARP from the learned destination MAC (so a learning switch knows where it lives). */
export function learnFrame(): Buffer {
  const f = Buffer.alloc(FRAME_LEN)
  f.fill(0xff, 0, 6) // broadcast
  f.set(DST_MAC_LEARNED, 6)
  f.writeUInt16BE(0x0806, 12) // ARP
  f.set([0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01], 14) // ethernet/IPv4, request
  f.set(DST_MAC_LEARNED, 22) // sender MAC
  f.set([10, 0, 0, 2], 28) // sender IP
  f.set([10, 0, 0, 2], 38) // target IP (gratuitous)
  f.writeUInt32BE(FRAME_MAGIC, FRAME_MAGIC_AT) // in the padding after the 42-byte ARP frame
  return f
}

function ipChecksum(h: Buffer): number {
  let s = 0
  for (let i = 0; i < h.length; i += 2) s += (h[i]! << 8) | h[i + 1]!
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16)
  return ~s & 0xffff
}

/** A packet-in message built once; `frameAt` is the offset of the frame inside it. */
export interface PacketInTemplate {
  bytes: Buffer
  frameAt: number
}

/** Build a PACKET_IN (reason no-match, buffered) with ofl's encoders; fields are patched per send. */
export function packetInTemplate(version: number, inPort: number, frame: Buffer): PacketInTemplate {
  if (version === OFP_VERSION_1_0) {
    const bytes = encodeMessage({ version, type: OFPT_PACKET_IN, xid: 0, bufferId: 0, totalLen: frame.length, inPort, reason: 0, data: frame })
    return { bytes, frameAt: 18 }
  }
  if (version === OFP_VERSION_1_3) {
    const bytes = encodeMessage({
      version, type: OFPT_PACKET_IN, xid: 0, bufferId: 0, totalLen: frame.length, reason: 0, tableId: 0, cookie: 0n,
      match: { fields: [{ field: 'in_port', value: inPort }] }, data: frame,
    })
    return { bytes, frameAt: bytes.length - frame.length }
  }
  throw new RangeError(`no packet-in template for OpenFlow version ${version}`)
}

/**
 * Copy the template to `out[at]` and patch xid, buffer_id, the source MAC's low 4 bytes (unless `src`
 * is negative: keep the template's) and the sequence number. No allocation.
 */
export function writePacketIn(t: PacketInTemplate, out: Buffer, at: number, xid: number, bufferId: number, src: number, seq: number): number {
  const b = t.bytes
  out.set(b, at)
  out[at + 4] = xid >>> 24
  out[at + 5] = xid >>> 16
  out[at + 6] = xid >>> 8
  out[at + 7] = xid
  out[at + 8] = bufferId >>> 24
  out[at + 9] = bufferId >>> 16
  out[at + 10] = bufferId >>> 8
  out[at + 11] = bufferId
  const f = at + t.frameAt
  if (src >= 0) {
    out[f + 8] = src >>> 24
    out[f + 9] = src >>> 16
    out[f + 10] = src >>> 8
    out[f + 11] = src
  }
  out[f + FRAME_SEQ_AT] = seq >>> 24
  out[f + FRAME_SEQ_AT + 1] = seq >>> 16
  out[f + FRAME_SEQ_AT + 2] = seq >>> 8
  out[f + FRAME_SEQ_AT + 3] = seq
  return b.length
}

/** What `peekResponse` found (reused; no allocation). */
export class ResponsePeek {
  /** RESP_* below. */
  kind = 0
  bufferId = OFP_NO_BUFFER
  /** The load generator's sequence number echoed in a packet-out's frame, or -1. */
  seq = -1
  /** Why the message is malformed (a constant string, no allocation), or '' when its structure is sound. */
  malformed = ''
  /** An output action to a port the emulated switch does not have (0 = none). */
  badPort = 0
}

export const RESP_NONE = 0
export const RESP_FLOW_MOD = 1
export const RESP_PACKET_OUT = 2
export const RESP_FLOW_MOD_OTHER = 3
export const RESP_PACKET_OUT_LLDP = 4

const OFPP10_MAX = 0xff00
const OFPP13_MAX = 0xffffff00
const OFPIT_WRITE_ACTIONS = 3
const OFPIT_APPLY_ACTIONS = 4
const OFPAT_OUTPUT = 0

const u16 = (b: Buffer, o: number) => (b[o]! << 8) | b[o + 1]!
const u32 = (b: Buffer, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0

/**
 * Walk an action list buf[p, end): every ofp_action_header has len >= 8, a multiple of 8, inside the
 * list; OFPAT_OUTPUT must name a port in SWITCH_PORTS or a reserved port. Returns '' or the problem.
 */
function walkActions(buf: Buffer, p: number, end: number, v13: boolean, out: ResponsePeek): string {
  while (p < end) {
    if (p + 8 > end) return 'action header overruns the action list'
    const type = u16(buf, p) // uint16_t type;
    const alen = u16(buf, p + 2) // uint16_t len;
    if (alen < 8 || (alen & 7) !== 0 || p + alen > end) return 'bad action length'
    if (type === OFPAT_OUTPUT) {
      const port = v13 ? u32(buf, p + 4) : u16(buf, p + 4) // uint32_t port (1.3) / uint16_t port (1.0)
      if (port <= (v13 ? OFPP13_MAX : OFPP10_MAX) && (port < 1 || port > SWITCH_PORTS.length)) out.badPort = port
    }
    p += alen
  }
  return ''
}

/** ofp_match (1.3): OXM type, length >= 4, padding inside the message, every TLV inside the match. */
function walkMatch13(buf: Buffer, m: number, end: number): number {
  if (m + 8 > end || u16(buf, m) !== 1) return -1 // uint16_t type; OFPMT_OXM
  const mlen = u16(buf, m + 2) // uint16_t length; (excludes padding)
  const mend = m + mlen
  const padded = m + ((mlen + 7) & ~7)
  if (mlen < 4 || padded > end) return -1
  for (let p = m + 4; p < mend; ) {
    if (p + 4 > mend) return -1
    p += 4 + buf[p + 3]! // uint32_t oxm_header (length in the low byte)
    if (p > mend) return -1
  }
  return padded
}

/**
 * Classify a message from the controller at buf[off, off+len) and check its structure without
 * allocating (lengths of the match, instructions and actions; output ports). `kind` is RESP_NONE for
 * anything that is not a flow-mod or packet-out. The full ofl decoders run on top of this (sampled).
 */
export function peekResponse(buf: Buffer, off: number, len: number, out: ResponsePeek): ResponsePeek {
  out.kind = RESP_NONE
  out.bufferId = OFP_NO_BUFFER
  out.seq = -1
  out.malformed = ''
  out.badPort = 0
  const v13 = buf[off] === OFP_VERSION_1_3
  const type = buf[off + 1]!
  const end = off + len
  if (type === OFPT_FLOW_MOD) {
    if (len < (v13 ? 56 : 72)) {
      out.malformed = 'FLOW_MOD shorter than ofp_flow_mod'
      return out
    }
    const cmd = v13 ? buf[off + 25]! : u16(buf, off + 56) // uint8_t command (1.3) / uint16_t command (1.0)
    out.kind = cmd === OFPFC_ADD || cmd === OFPFC_MODIFY || cmd === OFPFC_MODIFY_STRICT ? RESP_FLOW_MOD : RESP_FLOW_MOD_OTHER
    out.bufferId = u32(buf, off + (v13 ? 32 : 64)) // uint32_t buffer_id;
    if (!v13) {
      out.malformed = walkActions(buf, off + 72, end, false, out)
      return out
    }
    let p = walkMatch13(buf, off + 48, end)
    if (p < 0) {
      out.malformed = 'bad ofp_match in FLOW_MOD'
      return out
    }
    while (p < end) {
      if (p + 8 > end) {
        out.malformed = 'instruction header overruns FLOW_MOD'
        return out
      }
      const itype = u16(buf, p) // uint16_t type;
      const ilen = u16(buf, p + 2) // uint16_t len;
      if (ilen < 8 || (ilen & 7) !== 0 || p + ilen > end) {
        out.malformed = 'bad instruction length in FLOW_MOD'
        return out
      }
      if (itype === OFPIT_APPLY_ACTIONS || itype === OFPIT_WRITE_ACTIONS) {
        const why = walkActions(buf, p + 8, p + ilen, true, out)
        if (why) {
          out.malformed = why
          return out
        }
      }
      p += ilen
    }
  } else if (type === OFPT_PACKET_OUT) {
    const actsAt = off + (v13 ? 24 : 16)
    if (actsAt > end) {
      out.malformed = 'PACKET_OUT shorter than ofp_packet_out'
      return out
    }
    out.bufferId = u32(buf, off + 8) // uint32_t buffer_id;
    const data = actsAt + u16(buf, off + (v13 ? 16 : 14)) // uint16_t actions_len;
    if (data > end) {
      out.malformed = 'PACKET_OUT actions_len overruns the message'
      return out
    }
    out.malformed = walkActions(buf, actsAt, data, v13, out)
    out.kind = RESP_PACKET_OUT
    if (data + 14 <= end && u16(buf, data + 12) === ETH_TYPE_LLDP) out.kind = RESP_PACKET_OUT_LLDP
    if (data + FRAME_SEQ_AT + 4 <= end && u32(buf, data + FRAME_MAGIC_AT) === FRAME_MAGIC) out.seq = u32(buf, data + FRAME_SEQ_AT)
  }
  return out
}
