// Hot path for OpenFlow 1.0: OFPT_FLOW_MOD and OFPT_PACKET_OUT written straight into an OutBatch
// (../batch.ts), the same bytes as the general codecs beside this file (flow-mod.ts, packet-out.ts,
// match.ts, actions.ts) produce for the same message — test/unit/openflow/hot.test.ts encodes here
// and decodes there. OpenFlow Switch Specification 1.0.0 §5.2.3 (ofp_match, 40 bytes), §5.2.4
// (ofp_action_output), §5.3.3 (ofp_flow_mod, 72 bytes), §5.3.6 (ofp_packet_out, 16 bytes).
import type { HotAction, HotFlowMod, HotMatch, OutBatch } from '../batch.js'
import { OFP_NO_BUFFER } from '../constants.js'

const OFPT_PACKET_OUT = 13
const OFPT_FLOW_MOD = 14
const OFPAT_OUTPUT = 0
/** OFPP_NONE: no out_port restriction on DELETE. */
const OFPP_NONE = 0xffff

// OFPFW_* (§5.2.3)
const OFPFW_IN_PORT = 1 << 0
const OFPFW_DL_SRC = 1 << 2
const OFPFW_DL_DST = 1 << 3
const OFPFW_DL_TYPE = 1 << 4
const OFPFW_ALL = (1 << 22) - 1

/** Bytes of an action list (OFPAT_OUTPUT is 8 bytes; 1.0 has no group action). */
export function hotActions10Length(actions: readonly HotAction[]): number {
  return actions.length * 8
}

export function writeHotActions10(o: OutBatch, actions: readonly HotAction[]): void {
  for (const a of actions) {
    if (a.type !== 'output') throw new RangeError('OpenFlow 1.0 has no group action')
    o.u16(OFPAT_OUTPUT) // uint16_t type;
    o.u16(8) // uint16_t len;
    o.u16(a.port) // uint16_t port;
    o.u16(a.maxLen ?? 0) // uint16_t max_len;
  }
}

export function writeHotMatch10(o: OutBatch, m: HotMatch): void {
  let wc = OFPFW_ALL
  if (m.inPort !== undefined) wc &= ~OFPFW_IN_PORT
  if (m.ethSrc !== undefined) wc &= ~OFPFW_DL_SRC
  if (m.ethDst !== undefined) wc &= ~OFPFW_DL_DST
  if (m.ethType !== undefined) wc &= ~OFPFW_DL_TYPE
  o.u32(wc) // uint32_t wildcards;
  o.u16(m.inPort ?? 0) // uint16_t in_port;
  if (m.ethSrc !== undefined) o.u48(m.ethSrc)
  else o.zero(6) // uint8_t dl_src[6];
  if (m.ethDst !== undefined) o.u48(m.ethDst)
  else o.zero(6) // uint8_t dl_dst[6];
  o.u16(0) // uint16_t dl_vlan;
  o.u8(0) // uint8_t dl_vlan_pcp;
  o.u8(0) // uint8_t pad1[1];
  o.u16(m.ethType ?? 0) // uint16_t dl_type;
  o.zero(16) // nw_tos, nw_proto, pad2[2], nw_src, nw_dst, tp_src, tp_dst
}

/** OFPT_FLOW_MOD (§5.3.3). */
export function writeHotFlowMod10(o: OutBatch, xid: number, f: HotFlowMod): void {
  o.ensure(72 + hotActions10Length(f.actions))
  const at = o.header(1, OFPT_FLOW_MOD, xid)
  writeHotMatch10(o, f.match) // struct ofp_match match;
  o.u64(f.cookie ?? 0n) // uint64_t cookie;
  o.u16(f.command) // uint16_t command;
  o.u16(f.idleTimeout ?? 0) // uint16_t idle_timeout;
  o.u16(f.hardTimeout ?? 0) // uint16_t hard_timeout;
  o.u16(f.priority) // uint16_t priority;
  o.u32(f.bufferId ?? OFP_NO_BUFFER) // uint32_t buffer_id;
  o.u16(f.outPort ?? OFPP_NONE) // uint16_t out_port;
  o.u16(f.flags ?? 0) // uint16_t flags;
  writeHotActions10(o, f.actions) // struct ofp_action_header actions[0];
  o.end(at)
}

/**
 * OFPT_PACKET_OUT (§5.3.6) up to the data: the caller appends `dataLen` bytes of frame (none when
 * `bufferId` names a switch buffer) and then calls `o.end(at)` with the returned offset.
 */
export function beginHotPacketOut10(o: OutBatch, xid: number, bufferId: number, inPort: number, actions: readonly HotAction[], dataLen: number): number {
  const alen = hotActions10Length(actions)
  o.ensure(16 + alen + dataLen)
  const at = o.header(1, OFPT_PACKET_OUT, xid)
  o.u32(bufferId) // uint32_t buffer_id;
  o.u16(inPort) // uint16_t in_port;
  o.u16(alen) // uint16_t actions_len;
  writeHotActions10(o, actions) // struct ofp_action_header actions[0];
  return at
}
