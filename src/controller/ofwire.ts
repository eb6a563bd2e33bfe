// The controller's hot-path OpenFlow I/O: messages are written straight into the session's output
// batch (no intermediate objects, no per-message Buffer), and the few fields the controller needs are
// read in place from the receive buffer through the framer's DataView. Full, version-independent
// codecs for tools and tests live in src/openflow/; this module is the controller's fast lane,
// covering exactly the messages it sends and reads.
//
// Layouts: OpenFlow Switch Specification 1.0.0 §5 (ofp_match 40 bytes, ofp_packet_in data at byte
// 18 — offsetof, not sizeof), 1.2 §A and 1.3.x §A (ofp_match = OXM TLVs padded to 8, instructions,
// groups, multipart PORT_DESC).
import { OFP_VERSION_1_0, OFP_VERSION_1_2, OFP_VERSION_1_3 } from '../openflow/header.js'
import {
  OFPT_HELLO, OFPT_ERROR, OFPT_ECHO_REQUEST, OFPT_ECHO_REPLY, OFPT_FEATURES_REQUEST, OFPT_FEATURES_REPLY, OFPT_PACKET_IN, OFPT_FLOW_REMOVED, OFPT_PORT_STATUS, OFPT_PACKET_OUT, OFPT_FLOW_MOD, OFP_NO_BUFFER,
} from '../openflow/constants.js'
import {
  OFPT_SET_CONFIG, OFPFC_ADD, OFPFC_DELETE, OFPFC_DELETE_STRICT, OFPFF_SEND_FLOW_REM, OFPRR_IDLE_TIMEOUT, OFPRR_HARD_TIMEOUT, OFPRR_DELETE, OFPRR_GROUP_DELETE, OFPPR_ADD, OFPPR_DELETE, OFPPR_MODIFY, OFPCML_NO_BUFFER, OFPG_ANY, OFPG_ALL, OFPGC_ADD, OFPGC_MODIFY, OFPGC_DELETE, OFPGT_SELECT, OFPTT_ALL, OFPMP_PORT_DESC, OFPMPF_REPLY_MORE, OFPHET_VERSIONBITMAP,
} from '../openflow/common13/constants.js'
// The spec constants come from the shared tables; re-exported for the controller's modules.
export {
  OFPT_HELLO, OFPT_ERROR, OFPT_ECHO_REQUEST, OFPT_ECHO_REPLY, OFPT_FEATURES_REQUEST, OFPT_FEATURES_REPLY, OFPT_PACKET_IN, OFPT_FLOW_REMOVED, OFPT_PORT_STATUS, OFPT_PACKET_OUT, OFPT_FLOW_MOD, OFP_NO_BUFFER, OFPT_SET_CONFIG, OFPFC_ADD, OFPFC_DELETE, OFPFC_DELETE_STRICT, OFPFF_SEND_FLOW_REM, OFPRR_IDLE_TIMEOUT, OFPRR_HARD_TIMEOUT, OFPRR_DELETE, OFPRR_GROUP_DELETE, OFPPR_ADD, OFPPR_DELETE, OFPPR_MODIFY, OFPCML_NO_BUFFER, OFPG_ANY, OFPG_ALL, OFPGC_ADD, OFPGC_MODIFY, OFPGC_DELETE, OFPGT_SELECT, OFPTT_ALL, OFPMP_PORT_DESC, OFPMPF_REPLY_MORE, OFPHET_VERSIONBITMAP,
}

export const OFPT12_GROUP_MOD = 15
export const OFPT10_STATS_REQUEST = 16
export const OFPT10_STATS_REPLY = 17
export const OFPT10_BARRIER_REQUEST = 18
export const OFPT10_BARRIER_REPLY = 19
export const OFPT13_MULTIPART_REQUEST = 18
export const OFPT13_MULTIPART_REPLY = 19
export const OFPT13_BARRIER_REQUEST = 20
export const OFPT13_BARRIER_REPLY = 21

export const FLOW_REMOVED_REASONS = ['idle', 'hard', 'delete', 'group_delete'] as const

/** Port numbers, per version family (1.0 uses 16 bits, 1.2+ 32 bits). */
export interface PortNumbers {
  IN_PORT: number
  FLOOD: number
  ALL: number
  CONTROLLER: number
  LOCAL: number
  ANY: number
  MAX: number
}
export const PORTS_10: PortNumbers = { IN_PORT: 0xfff8, FLOOD: 0xfffb, ALL: 0xfffc, CONTROLLER: 0xfffd, LOCAL: 0xfffe, ANY: 0xffff, MAX: 0xff00 }
export const PORTS_13: PortNumbers = { IN_PORT: 0xfffffff8, FLOOD: 0xfffffffb, ALL: 0xfffffffc, CONTROLLER: 0xfffffffd, LOCAL: 0xfffffffe, ANY: 0xffffffff, MAX: 0xffffff00 }
export const portNumbers = (version: number) => (version === OFP_VERSION_1_0 ? PORTS_10 : PORTS_13)

/** OFPCML_MAX (1.2+): the largest max_len that still asks for the packet (Ryu's LACP flow). */
export const OFPCML_MAX = 0xffe5

// OXM (1.2+ §A.2.3): OFPXMC_OPENFLOW_BASIC class 0x8000, header = class<<16 | field<<9 | hasmask<<8 | len.
export const OXM_OF_IN_PORT = 0x80000004
export const OXM_OF_ETH_DST = 0x80000606
export const OXM_OF_ETH_SRC = 0x80000806
export const OXM_OF_ETH_TYPE = 0x80000a02

// OF1.0 wildcards (§5.2.3).
export const OFPFW_IN_PORT = 1 << 0
export const OFPFW_DL_SRC = 1 << 2
export const OFPFW_DL_DST = 1 << 3
export const OFPFW_DL_TYPE = 1 << 4
export const OFPFW_ALL = (1 << 22) - 1

/** A flow match as the controller uses it: any subset of in_port, eth_src, eth_dst, eth_type. */
export interface SimpleMatch {
  inPort?: number
  /** 6 bytes at `ethSrcOff` in `ethSrc` (avoids copying out of a packet-in) */
  ethSrc?: Uint8Array
  ethSrcOff?: number
  ethDst?: Uint8Array
  ethDstOff?: number
  ethType?: number
}

export type Action = { type: 'output'; port: number; maxLen?: number } | { type: 'group'; groupId: number }

/**
 * A growable output batch. Messages are appended; `take()` hands the bytes to the socket and starts a
 * fresh region (the handed-out bytes are never written again: the pg-protocol flush lesson).
 */
export class OutBatch {
  buf: Buffer
  dv: DataView
  /** start of the bytes not yet taken */
  private start = 0
  pos = 0
  private readonly chunk: number

  constructor(chunk = 64 * 1024) {
    this.chunk = chunk
    this.buf = Buffer.allocUnsafe(chunk)
    this.dv = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength)
  }

  get pending(): number {
    return this.pos - this.start
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return
    const pending = this.pos - this.start
    const next = Buffer.allocUnsafe(Math.max(this.chunk, (pending + n) * 2))
    this.buf.copy(next, 0, this.start, this.pos)
    this.buf = next
    this.dv = new DataView(next.buffer, next.byteOffset, next.byteLength)
    this.start = 0
    this.pos = pending
  }

  /** The pending bytes (a view); the batch will not touch them again. */
  take(): Buffer {
    const out = this.buf.subarray(this.start, this.pos)
    this.start = this.pos
    // Keep filling the same chunk while there is room; otherwise start a new one.
    if (this.buf.length - this.pos < 4096) {
      this.buf = Buffer.allocUnsafe(this.chunk)
      this.dv = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength)
      this.start = 0
      this.pos = 0
    }
    return out
  }

  u8(v: number): void {
    this.buf[this.pos++] = v
  }
  u16(v: number): void {
    this.dv.setUint16(this.pos, v)
    this.pos += 2
  }
  u32(v: number): void {
    this.dv.setUint32(this.pos, v >>> 0)
    this.pos += 4
  }
  u64(v: bigint): void {
    this.dv.setBigUint64(this.pos, v)
    this.pos += 8
  }
  zero(n: number): void {
    this.buf.fill(0, this.pos, this.pos + n)
    this.pos += n
  }
  bytes(src: Uint8Array, off = 0, len = src.length - off): void {
    this.buf.set(src.subarray(off, off + len), this.pos)
    this.pos += len
  }
  /** Write an ofp_header with length 0; returns its offset for `end()`. */
  header(version: number, type: number, xid: number): number {
    const at = this.pos
    this.buf[at] = version
    this.buf[at + 1] = type
    this.dv.setUint32(at + 4, xid >>> 0)
    this.pos += 8
    return at
  }
  /** Back-patch the length of the message that started at `at`. */
  end(at: number): void {
    this.dv.setUint16(at + 2, this.pos - at)
  }
  patch16(at: number, v: number): void {
    this.dv.setUint16(at, v)
  }
}

// ---------------------------------------------------------------------------------------------
// Encoders (into an OutBatch). Callers `ensure()` the maximum size first — each encoder does it.

/** OFPT_HELLO with an OFPHET_VERSIONBITMAP element listing `versions` (1.3.1 §A.5.1). */
export function writeHello(o: OutBatch, versions: readonly number[], xid: number): void {
  o.ensure(16)
  const highest = Math.max(...versions)
  const at = o.header(highest, OFPT_HELLO, xid)
  if (highest >= OFP_VERSION_1_3) {
    let bitmap = 0
    for (const v of versions) bitmap |= 1 << v
    o.u16(OFPHET_VERSIONBITMAP) // uint16_t type;
    o.u16(8) // uint16_t length;
    o.u32(bitmap) // uint32_t bitmaps[1];
  }
  o.end(at)
}

export function writeHeaderOnly(o: OutBatch, version: number, type: number, xid: number): void {
  o.ensure(8)
  const at = o.header(version, type, xid)
  o.end(at)
}

/** OFPT_ECHO_REQUEST / OFPT_ECHO_REPLY with an optional body copied from `src[off, off+len)`. */
export function writeEcho(o: OutBatch, version: number, type: number, xid: number, src?: Uint8Array, off = 0, len = 0): void {
  o.ensure(8 + len)
  const at = o.header(version, type, xid)
  if (src && len) o.bytes(src, off, len)
  o.end(at)
}

/** OFPT_SET_CONFIG: flags 0 (OFPC_FRAG_NORMAL), miss_send_len (same layout in 1.0/1.2/1.3). */
export function writeSetConfig(o: OutBatch, version: number, xid: number, missSendLen: number): void {
  o.ensure(12)
  const at = o.header(version, OFPT_SET_CONFIG, xid)
  o.u16(0) // uint16_t flags;
  o.u16(missSendLen) // uint16_t miss_send_len;
  o.end(at)
}

/** OFPT_MULTIPART_REQUEST OFPMP_PORT_DESC (1.3 §A.3.5.7). */
export function writePortDescRequest(o: OutBatch, xid: number): void {
  o.ensure(16)
  const at = o.header(OFP_VERSION_1_3, OFPT13_MULTIPART_REQUEST, xid)
  o.u16(OFPMP_PORT_DESC) // uint16_t type;
  o.u16(0) // uint16_t flags;
  o.zero(4) // uint8_t pad[4];
  o.end(at)
}

function writeActions(o: OutBatch, version: number, actions: readonly Action[]): void {
  for (const a of actions) {
    if (a.type === 'output') {
      if (version === OFP_VERSION_1_0) {
        o.u16(0) // uint16_t type; OFPAT_OUTPUT
        o.u16(8) // uint16_t len;
        o.u16(a.port) // uint16_t port;
        o.u16(a.maxLen ?? 0) // uint16_t max_len;
      } else {
        o.u16(0) // uint16_t type; OFPAT_OUTPUT
        o.u16(16) // uint16_t len;
        o.u32(a.port) // uint32_t port;
        o.u16(a.maxLen ?? 0) // uint16_t max_len;
        o.zero(6) // uint8_t pad[6];
      }
    } else {
      o.u16(22) // uint16_t type; OFPAT_GROUP (1.2+)
      o.u16(8) // uint16_t len;
      o.u32(a.groupId) // uint32_t group_id;
    }
  }
}
const actionsLength = (version: number, actions: readonly Action[]) =>
  actions.reduce((n, a) => n + (a.type === 'group' ? 8 : version === OFP_VERSION_1_0 ? 8 : 16), 0)

/**
 * OFPT_PACKET_OUT with no buffer: `actions`, then the frame `data[off, off+len)`
 * (1.0 §5.3.6: in_port u16; 1.2/1.3 §A.3.7: in_port u32 + pad[6]).
 */
export function writePacketOut(o: OutBatch, version: number, xid: number, inPort: number, actions: readonly Action[], data: Uint8Array, off: number, len: number): void {
  const alen = actionsLength(version, actions)
  o.ensure(24 + alen + len)
  const at = o.header(version, OFPT_PACKET_OUT, xid)
  o.u32(OFP_NO_BUFFER) // uint32_t buffer_id;
  if (version === OFP_VERSION_1_0) {
    o.u16(inPort) // uint16_t in_port;
    o.u16(alen) // uint16_t actions_len;
  } else {
    o.u32(inPort) // uint32_t in_port;
    o.u16(alen) // uint16_t actions_len;
    o.zero(6) // uint8_t pad[6];
  }
  writeActions(o, version, actions)
  o.bytes(data, off, len) // uint8_t data[0];
  o.end(at)
}

/** Reserve `len` bytes of packet data at the end of a packet-out being built; returns their offset. */
export function beginPacketOut(o: OutBatch, version: number, xid: number, inPort: number, actions: readonly Action[], dataLen: number): { at: number; dataOff: number } {
  const alen = actionsLength(version, actions)
  o.ensure(24 + alen + dataLen)
  const at = o.header(version, OFPT_PACKET_OUT, xid)
  o.u32(OFP_NO_BUFFER)
  if (version === OFP_VERSION_1_0) {
    o.u16(inPort)
    o.u16(alen)
  } else {
    o.u32(inPort)
    o.u16(alen)
    o.zero(6)
  }
  writeActions(o, version, actions)
  const dataOff = o.pos
  o.pos += dataLen
  o.end(at)
  return { at, dataOff }
}

function writeMatch10(o: OutBatch, m: SimpleMatch): void {
  let wc = OFPFW_ALL
  if (m.inPort !== undefined) wc &= ~OFPFW_IN_PORT
  if (m.ethSrc) wc &= ~OFPFW_DL_SRC
  if (m.ethDst) wc &= ~OFPFW_DL_DST
  if (m.ethType !== undefined) wc &= ~OFPFW_DL_TYPE
  o.u32(wc) // uint32_t wildcards;
  o.u16(m.inPort ?? 0) // uint16_t in_port;
  if (m.ethSrc) o.bytes(m.ethSrc, m.ethSrcOff ?? 0, 6)
  else o.zero(6) // uint8_t dl_src[6];
  if (m.ethDst) o.bytes(m.ethDst, m.ethDstOff ?? 0, 6)
  else o.zero(6) // uint8_t dl_dst[6];
  o.u16(0) // uint16_t dl_vlan;
  o.u8(0) // uint8_t dl_vlan_pcp;
  o.u8(0) // uint8_t pad1[1];
  o.u16(m.ethType ?? 0) // uint16_t dl_type;
  o.zero(16) // nw_tos, nw_proto, pad2[2], nw_src, nw_dst, tp_src, tp_dst
}

function writeMatchOxm(o: OutBatch, m: SimpleMatch): void {
  const at = o.pos
  o.u16(1) // uint16_t type; OFPMT_OXM
  o.u16(0) // uint16_t length; (patched)
  if (m.inPort !== undefined) {
    o.u32(OXM_OF_IN_PORT)
    o.u32(m.inPort)
  }
  if (m.ethDst) {
    o.u32(OXM_OF_ETH_DST)
    o.bytes(m.ethDst, m.ethDstOff ?? 0, 6)
  }
  if (m.ethSrc) {
    o.u32(OXM_OF_ETH_SRC)
    o.bytes(m.ethSrc, m.ethSrcOff ?? 0, 6)
  }
  if (m.ethType !== undefined) {
    o.u32(OXM_OF_ETH_TYPE)
    o.u16(m.ethType)
  }
  const len = o.pos - at
  o.patch16(at + 2, len) // length excludes the padding
  const pad = (8 - (len % 8)) % 8
  o.zero(pad)
}

export interface FlowModSpec {
  command: number
  priority: number
  match: SimpleMatch
  actions: readonly Action[]
  idleTimeout?: number
  hardTimeout?: number
  flags?: number
  cookie?: bigint
  /** 1.2+: non-zero restricts DELETE by cookie. */
  cookieMask?: bigint
  /** DELETE filters (OFPP_ANY/NONE and OFPG_ANY when absent). */
  outPort?: number
  outGroup?: number
}

/** OFPT_FLOW_MOD (1.0 §5.3.3; 1.2/1.3 §A.3.4.1, actions in one OFPIT_APPLY_ACTIONS instruction). */
export function writeFlowMod(o: OutBatch, version: number, xid: number, f: FlowModSpec): void {
  const alen = actionsLength(version, f.actions)
  o.ensure(72 + 48 + alen)
  const at = o.header(version, OFPT_FLOW_MOD, xid)
  const P = portNumbers(version)
  if (version === OFP_VERSION_1_0) {
    writeMatch10(o, f.match) // struct ofp_match match;
    o.u64(f.cookie ?? 0n) // uint64_t cookie;
    o.u16(f.command) // uint16_t command;
    o.u16(f.idleTimeout ?? 0) // uint16_t idle_timeout;
    o.u16(f.hardTimeout ?? 0) // uint16_t hard_timeout;
    o.u16(f.priority) // uint16_t priority;
    o.u32(OFP_NO_BUFFER) // uint32_t buffer_id;
    o.u16(f.outPort ?? P.ANY) // uint16_t out_port; (OFPP_NONE)
    o.u16(f.flags ?? 0) // uint16_t flags;
    writeActions(o, version, f.actions) // struct ofp_action_header actions[0];
  } else {
    o.u64(f.cookie ?? 0n) // uint64_t cookie;
    o.u64(f.cookieMask ?? 0n) // uint64_t cookie_mask;
    o.u8(f.command === OFPFC_DELETE || f.command === OFPFC_DELETE_STRICT ? OFPTT_ALL : 0) // uint8_t table_id;
    o.u8(f.command) // uint8_t command;
    o.u16(f.idleTimeout ?? 0) // uint16_t idle_timeout;
    o.u16(f.hardTimeout ?? 0) // uint16_t hard_timeout;
    o.u16(f.priority) // uint16_t priority;
    o.u32(OFP_NO_BUFFER) // uint32_t buffer_id;
    o.u32(f.outPort ?? (f.command === OFPFC_ADD ? 0 : P.ANY)) // uint32_t out_port; (Ryu/os_ken send 0 in ADDs)
    o.u32(f.outGroup ?? OFPG_ANY) // uint32_t out_group;
    o.u16(f.flags ?? 0) // uint16_t flags;
    o.zero(2) // uint8_t pad[2];
    writeMatchOxm(o, f.match) // struct ofp_match match;
    if (f.actions.length) {
      o.u16(4) // uint16_t type; OFPIT_APPLY_ACTIONS
      o.u16(8 + alen) // uint16_t len;
      o.zero(4) // uint8_t pad[4];
      writeActions(o, version, f.actions)
    }
  }
  o.end(at)
}

/** OFPT_GROUP_MOD (1.2/1.3 §A.3.4.2): a select group with one bucket per output port. */
export function writeGroupMod(o: OutBatch, version: number, xid: number, command: number, groupId: number, ports: readonly number[]): void {
  o.ensure(16 + ports.length * 32)
  const at = o.header(version, OFPT12_GROUP_MOD, xid)
  o.u16(command) // uint16_t command;
  o.u8(OFPGT_SELECT) // uint8_t type;
  o.u8(0) // uint8_t pad;
  o.u32(groupId) // uint32_t group_id;
  if (command !== OFPGC_DELETE) {
    for (const p of ports) {
      o.u16(32) // uint16_t len;
      o.u16(1) // uint16_t weight;
      o.u32(0xffffffff) // uint32_t watch_port; (OFPP_ANY)
      o.u32(OFPG_ANY) // uint32_t watch_group;
      o.zero(4) // uint8_t pad[4];
      o.u16(0) // OFPAT_OUTPUT
      o.u16(16)
      o.u32(p)
      o.u16(0)
      o.zero(6)
    }
  }
  o.end(at)
}

// ---------------------------------------------------------------------------------------------
// Peeks (in place, from the receive buffer; `dv` covers `buf`, `off` is the message start).

/** The OXM field `oxmHeader` in a match at `mOff` (length at mOff+2, TLVs from mOff+4), or -1. */
export function findOxm(buf: Uint8Array, dv: DataView, mOff: number, end: number, oxmHeader: number): number {
  const mlen = dv.getUint16(mOff + 2) // uint16_t length;
  const mEnd = Math.min(mOff + mlen, end)
  let p = mOff + 4
  while (p + 4 <= mEnd) {
    const h = dv.getUint32(p) // uint32_t oxm_header;
    const len = h & 0xff
    if (p + 4 + len > mEnd) return -1
    if (h === oxmHeader) return p + 4
    p += 4 + len
  }
  return -1
}

/** Padded length of an OXM match whose length field says `mlen`. */
export const paddedMatchLength = (mlen: number) => (mlen + 7) & ~7

/** Packet-in view fields, filled in place (reuse one object per session). */
export interface PacketInView {
  inPort: number
  reason: number
  bufferId: number
  /** frame start and length inside the receive buffer */
  dataOff: number
  dataLen: number
}

/** Fill `out` from an OFPT_PACKET_IN at `off` (length `len`). Returns false if malformed. */
export function peekPacketIn(version: number, buf: Uint8Array, dv: DataView, off: number, len: number, out: PacketInView): boolean {
  const end = off + len
  if (version === OFP_VERSION_1_0) {
    if (len < 18) return false
    out.bufferId = dv.getUint32(off + 8) // uint32_t buffer_id;
    out.inPort = dv.getUint16(off + 14) // uint16_t in_port;
    out.reason = buf[off + 16]! // uint8_t reason;
    out.dataOff = off + 18 // uint8_t data[0]; — offsetof, not sizeof (DESIGN.md pitfall 1)
    out.dataLen = len - 18
    return true
  }
  const mOff = off + (version === OFP_VERSION_1_2 ? 16 : 24)
  if (len < mOff - off + 8) return false
  out.bufferId = dv.getUint32(off + 8)
  out.reason = buf[off + 14]!
  const mlen = dv.getUint16(mOff + 2)
  if (mlen < 4) return false
  const dataOff = mOff + paddedMatchLength(mlen) + 2
  if (dataOff > end) return false
  const p = findOxm(buf, dv, mOff, end, OXM_OF_IN_PORT)
  if (p < 0) return false
  out.inPort = dv.getUint32(p)
  out.dataOff = dataOff
  out.dataLen = end - dataOff
  return true
}

export interface FlowRemovedView {
  reason: number
  priority: number
  cookie: bigint
  inPort: number
  ethType: number
  /** offset of eth_src in the receive buffer, or -1 */
  ethSrcOff: number
}

/** Read an OFPT_FLOW_REMOVED (1.0 §5.4.2; 1.2/1.3 §A.4.2). Returns null if malformed. */
export function peekFlowRemoved(version: number, buf: Uint8Array, dv: DataView, off: number, len: number): FlowRemovedView | null {
  const end = off + len
  if (version === OFP_VERSION_1_0) {
    if (len < 88) return null
    const wc = dv.getUint32(off + 8) // uint32_t wildcards;
    return {
      cookie: dv.getBigUint64(off + 48), // uint64_t cookie;
      priority: dv.getUint16(off + 56), // uint16_t priority;
      reason: buf[off + 58]!, // uint8_t reason;
      inPort: wc & OFPFW_IN_PORT ? -1 : dv.getUint16(off + 12), // match.in_port
      ethType: wc & OFPFW_DL_TYPE ? -1 : dv.getUint16(off + 30), // match.dl_type
      ethSrcOff: wc & OFPFW_DL_SRC ? -1 : off + 14, // match.dl_src
    }
  }
  if (len < 56) return null
  const mOff = off + 48
  const pIn = findOxm(buf, dv, mOff, end, OXM_OF_IN_PORT)
  const pType = findOxm(buf, dv, mOff, end, OXM_OF_ETH_TYPE)
  const pSrc = findOxm(buf, dv, mOff, end, OXM_OF_ETH_SRC)
  return {
    cookie: dv.getBigUint64(off + 8), // uint64_t cookie;
    priority: dv.getUint16(off + 16), // uint16_t priority;
    reason: buf[off + 18]!, // uint8_t reason;
    inPort: pIn < 0 ? -1 : dv.getUint32(pIn),
    ethType: pType < 0 ? -1 : dv.getUint16(pType),
    ethSrcOff: pSrc,
  }
}

export interface PortInfo {
  portNo: number
  /** hw_addr, copied (6 bytes) */
  hwAddr: Buffer
  name: string
  linkDown: boolean
}

const OFPPS_LINK_DOWN = 1

/** One ofp_phy_port (1.0, 48 bytes) or ofp_port (1.2/1.3, 64 bytes) at `p`. */
export function readPort(version: number, buf: Uint8Array, dv: DataView, p: number): PortInfo {
  if (version === OFP_VERSION_1_0) {
    return {
      portNo: dv.getUint16(p), // uint16_t port_no;
      hwAddr: Buffer.from(buf.subarray(p + 2, p + 8)), // uint8_t hw_addr[6];
      name: cString(buf, p + 8, 16), // char name[16];
      linkDown: (dv.getUint32(p + 28) & OFPPS_LINK_DOWN) !== 0, // uint32_t state;
    }
  }
  return {
    portNo: dv.getUint32(p), // uint32_t port_no;
    hwAddr: Buffer.from(buf.subarray(p + 8, p + 14)), // uint8_t hw_addr[6];
    name: cString(buf, p + 16, 16), // char name[16];
    linkDown: (dv.getUint32(p + 36) & OFPPS_LINK_DOWN) !== 0, // uint32_t state;
  }
}
export const portSize = (version: number) => (version === OFP_VERSION_1_0 ? 48 : 64)

function cString(buf: Uint8Array, off: number, max: number): string {
  let e = off
  while (e < off + max && buf[e] !== 0) e++
  return Buffer.from(buf.subarray(off, e)).toString('latin1')
}

export interface FeaturesView {
  dpid: bigint
  nBuffers: number
  nTables: number
  ports: PortInfo[]
}

/** OFPT_FEATURES_REPLY: 1.0/1.2 carry the ports; 1.3 does not (PORT_DESC multipart instead). */
export function readFeatures(version: number, buf: Uint8Array, dv: DataView, off: number, len: number): FeaturesView | null {
  if (len < 32) return null
  const f: FeaturesView = {
    dpid: dv.getBigUint64(off + 8), // uint64_t datapath_id;
    nBuffers: dv.getUint32(off + 16), // uint32_t n_buffers;
    nTables: buf[off + 20]!, // uint8_t n_tables;
    ports: [],
  }
  if (version !== OFP_VERSION_1_3) {
    const size = portSize(version)
    if ((len - 32) % size !== 0) return null
    for (let p = off + 32; p + size <= off + len; p += size) f.ports.push(readPort(version, buf, dv, p))
  }
  return f
}

/** OFPT_PORT_STATUS: reason + port. */
export function readPortStatus(version: number, buf: Uint8Array, dv: DataView, off: number, len: number): { reason: number; port: PortInfo } | null {
  if (len < 16 + portSize(version)) return null
  return { reason: buf[off + 8]!, port: readPort(version, buf, dv, off + 16) }
}

/** The highest version in a HELLO's OFPHET_VERSIONBITMAP elements, restricted to `allowed`; -1 if none, 0 if no bitmap. */
export function helloBitmapVersion(buf: Uint8Array, dv: DataView, off: number, len: number, allowed: readonly number[]): number {
  let p = off + 8
  const end = off + len
  let sawBitmap = false
  let best = -1
  while (p + 4 <= end) {
    const type = dv.getUint16(p) // uint16_t type;
    const elen = dv.getUint16(p + 2) // uint16_t length;
    if (elen < 4 || p + elen > end) break
    if (type === OFPHET_VERSIONBITMAP) {
      sawBitmap = true
      for (let w = 0; (w + 1) * 4 + 4 <= elen; w++) {
        const bits = dv.getUint32(p + 4 + w * 4)
        for (let b = 0; b < 32; b++) if (bits & (1 << b) && allowed.includes(w * 32 + b)) best = Math.max(best, w * 32 + b)
      }
    }
    p += (elen + 7) & ~7
  }
  return sawBitmap ? best : 0
}

export { OFP_VERSION_1_0, OFP_VERSION_1_2, OFP_VERSION_1_3 }
