// Hot path for OpenFlow 1.2 and 1.3 (same layouts for these messages): OFPT_FLOW_MOD, OFPT_PACKET_OUT,
// OFPT_GROUP_MOD and the OFPMP_PORT_DESC request written straight into an OutBatch (../batch.ts), and
// the version-bitmap peek of OFPT_HELLO. Each produces or reads the same bytes as the general codec
// beside it (flow-mod.ts, packet-out.ts, group-mod.ts, multipart.ts, hello.ts) —
// test/unit/openflow/hot.test.ts encodes here and decodes there, and vice versa for the peek.
// OpenFlow 1.3.5 §7.2.2 (ofp_match: OXM TLVs, length excluding the padding to 8), §7.2.5
// (ofp_action_output 16 bytes, ofp_action_group 8), §7.2.4 (OFPIT_APPLY_ACTIONS), §7.3.4.1
// (ofp_flow_mod), §7.3.4.2 (ofp_group_mod, ofp_bucket), §7.3.5.7 (port description), §7.3.7
// (ofp_packet_out), §7.5.1 (hello elements).
import type { HotAction, HotFlowMod, HotMatch, OutBatch } from '../batch.js'
import {
  OFPFC_ADD, OFPFC_DELETE, OFPFC_DELETE_STRICT, OFPGC_DELETE, OFPGT_SELECT, OFPG_ANY, OFPHET_VERSIONBITMAP, OFPMP_PORT_DESC,
  OFPP_ANY, OFPTT_ALL, OFP_NO_BUFFER, OFPT_FLOW_MOD, OFPT_GROUP_MOD, OFPT_MULTIPART_REQUEST, OFPT_PACKET_OUT,
} from '../common13/constants.js'

const OFPAT_OUTPUT = 0
const OFPAT_GROUP = 22
const OFPIT_APPLY_ACTIONS = 4
const OFPMT_OXM = 1
// OXM headers, OFPXMC_OPENFLOW_BASIC: class << 16 | field << 9 | hasmask << 8 | length (§7.2.3.2)
export const OXM_OF_IN_PORT = 0x80000004
export const OXM_OF_ETH_DST = 0x80000606
export const OXM_OF_ETH_SRC = 0x80000806
export const OXM_OF_ETH_TYPE = 0x80000a02

export function hotActions13Length(actions: readonly HotAction[]): number {
  let n = 0
  for (const a of actions) n += a.type === 'group' ? 8 : 16
  return n
}

export function writeHotActions13(o: OutBatch, actions: readonly HotAction[]): void {
  for (const a of actions) {
    if (a.type === 'output') {
      o.u16(OFPAT_OUTPUT) // uint16_t type;
      o.u16(16) // uint16_t len;
      o.u32(a.port) // uint32_t port;
      o.u16(a.maxLen ?? 0) // uint16_t max_len;
      o.zero(6) // uint8_t pad[6];
    } else {
      o.u16(OFPAT_GROUP) // uint16_t type;
      o.u16(8) // uint16_t len;
      o.u32(a.groupId) // uint32_t group_id;
    }
  }
}

/** The OXM match, padded to 8 (fields in the order in_port, eth_dst, eth_src, eth_type). */
export function writeHotMatch13(o: OutBatch, m: HotMatch): void {
  const at = o.pos
  o.u16(OFPMT_OXM) // uint16_t type;
  o.u16(0) // uint16_t length; (patched)
  if (m.inPort !== undefined) {
    o.u32(OXM_OF_IN_PORT)
    o.u32(m.inPort)
  }
  if (m.ethDst !== undefined) {
    o.u32(OXM_OF_ETH_DST)
    o.u48(m.ethDst)
  }
  if (m.ethSrc !== undefined) {
    o.u32(OXM_OF_ETH_SRC)
    o.u48(m.ethSrc)
  }
  if (m.ethType !== undefined) {
    o.u32(OXM_OF_ETH_TYPE)
    o.u16(m.ethType)
  }
  const len = o.pos - at
  o.patch16(at + 2, len) // the length excludes the padding
  o.zero((8 - (len % 8)) % 8)
}

/** OFPT_FLOW_MOD (§7.3.4.1); the actions go into one OFPIT_APPLY_ACTIONS instruction. */
export function writeHotFlowMod13(o: OutBatch, version: number, xid: number, f: HotFlowMod): void {
  const alen = hotActions13Length(f.actions)
  o.ensure(56 + 40 + 8 + alen)
  const at = o.header(version, OFPT_FLOW_MOD, xid)
  const del = f.command === OFPFC_DELETE || f.command === OFPFC_DELETE_STRICT
  o.u64(f.cookie ?? 0n) // uint64_t cookie;
  o.u64(f.cookieMask ?? 0n) // uint64_t cookie_mask;
  o.u8(del ? OFPTT_ALL : 0) // uint8_t table_id;
  o.u8(f.command) // uint8_t command;
  o.u16(f.idleTimeout ?? 0) // uint16_t idle_timeout;
  o.u16(f.hardTimeout ?? 0) // uint16_t hard_timeout;
  o.u16(f.priority) // uint16_t priority;
  o.u32(f.bufferId ?? OFP_NO_BUFFER) // uint32_t buffer_id;
  o.u32(f.outPort ?? (f.command === OFPFC_ADD ? 0 : OFPP_ANY)) // uint32_t out_port; (Ryu/os_ken send 0 in ADDs)
  o.u32(f.outGroup ?? OFPG_ANY) // uint32_t out_group;
  o.u16(f.flags ?? 0) // uint16_t flags;
  o.zero(2) // uint8_t pad[2];
  writeHotMatch13(o, f.match) // struct ofp_match match;
  if (f.actions.length) {
    o.u16(OFPIT_APPLY_ACTIONS) // uint16_t type;
    o.u16(8 + alen) // uint16_t len;
    o.zero(4) // uint8_t pad[4];
    writeHotActions13(o, f.actions)
  }
  o.end(at)
}

/**
 * OFPT_PACKET_OUT (§7.3.7) up to the data: the caller appends `dataLen` bytes of frame (none when
 * `bufferId` names a switch buffer) and then calls `o.end(at)` with the returned offset.
 */
export function beginHotPacketOut13(o: OutBatch, version: number, xid: number, bufferId: number, inPort: number, actions: readonly HotAction[], dataLen: number): number {
  const alen = hotActions13Length(actions)
  o.ensure(24 + alen + dataLen)
  const at = o.header(version, OFPT_PACKET_OUT, xid)
  o.u32(bufferId) // uint32_t buffer_id;
  o.u32(inPort) // uint32_t in_port;
  o.u16(alen) // uint16_t actions_len;
  o.zero(6) // uint8_t pad[6];
  writeHotActions13(o, actions) // struct ofp_action_header actions[0];
  return at
}

/** OFPT_GROUP_MOD (§7.3.4.2): a select group with one bucket (weight 1, one output) per port. */
export function writeHotGroupMod13(o: OutBatch, version: number, xid: number, command: number, groupId: number, ports: readonly number[]): void {
  o.ensure(16 + ports.length * 32)
  const at = o.header(version, OFPT_GROUP_MOD, xid)
  o.u16(command) // uint16_t command;
  o.u8(OFPGT_SELECT) // uint8_t type;
  o.u8(0) // uint8_t pad;
  o.u32(groupId) // uint32_t group_id;
  if (command !== OFPGC_DELETE) {
    for (const p of ports) {
      o.u16(32) // uint16_t len;
      o.u16(1) // uint16_t weight;
      o.u32(OFPP_ANY) // uint32_t watch_port;
      o.u32(OFPG_ANY) // uint32_t watch_group;
      o.zero(4) // uint8_t pad[4];
      writeHotActions13(o, [{ type: 'output', port: p, maxLen: 0 }]) // struct ofp_action_header actions[0];
    }
  }
  o.end(at)
}

/** OFPT_MULTIPART_REQUEST of type OFPMP_PORT_DESC (1.3 only), empty body. */
export function writeHotPortDescRequest(o: OutBatch, xid: number): void {
  o.ensure(16)
  const at = o.header(4, OFPT_MULTIPART_REQUEST, xid)
  o.u16(OFPMP_PORT_DESC) // uint16_t type;
  o.u16(0) // uint16_t flags;
  o.zero(4) // uint8_t pad[4];
  o.end(at)
}

/** OFPT_HELLO with an OFPHET_VERSIONBITMAP element listing `versions` (header version = the highest). */
export function writeHotHello(o: OutBatch, versions: readonly number[], xid: number): void {
  o.ensure(16)
  const highest = Math.max(...versions)
  const at = o.header(highest, 0, xid)
  if (highest >= 4) {
    let bitmap = 0
    for (const v of versions) bitmap |= 1 << v
    o.u16(OFPHET_VERSIONBITMAP) // uint16_t type;
    o.u16(8) // uint16_t length;
    o.u32(bitmap) // uint32_t bitmaps[1];
  }
  o.end(at)
}

/**
 * The highest version in the OFPHET_VERSIONBITMAP elements of the HELLO at `off` (length `len`) that is
 * also in `allowed`: -1 if none is, 0 if the HELLO carries no bitmap (then the header versions decide,
 * 1.3.5 §6.3.1). Reads any header version (a 1.4/1.5 peer's HELLO has the same element layout).
 */
export function helloBitmapVersion(dv: DataView, off: number, len: number, allowed: readonly number[]): number {
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
        const bits = dv.getUint32(p + 4 + w * 4) // uint32_t bitmaps[];
        for (let b = 0; b < 32; b++) if (bits & (1 << b) && allowed.includes(w * 32 + b)) best = Math.max(best, w * 32 + b)
      }
    }
    p += (elen + 7) & ~7
  }
  return sawBitmap ? best : 0
}

