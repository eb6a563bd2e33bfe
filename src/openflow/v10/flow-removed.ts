// OFPT_FLOW_REMOVED — OpenFlow Switch Specification 1.0.0 §5.4.2 (struct ofp_flow_removed, 88 bytes).
import type { MessageCodec } from '../registry.js'
import { OFP_HEADER_SIZE } from '../header.js'
import { type Base10 } from './base.js'
import { decodeMatch10, encodeMatch10, type Match10 } from './match.js'

export const OFP_FLOW_REMOVED10_SIZE = 88

export interface FlowRemoved10 extends Base10<11> {
  match: Match10 // struct ofp_match match;
  cookie: bigint // uint64_t cookie;
  priority: number // uint16_t priority;
  reason: number // uint8_t reason; (OFPRR_*)
  durationSec: number // uint32_t duration_sec;
  durationNsec: number // uint32_t duration_nsec;
  idleTimeout: number // uint16_t idle_timeout;
  packetCount: bigint // uint64_t packet_count;
  byteCount: bigint // uint64_t byte_count;
}

export const flowRemoved10Codec: MessageCodec<FlowRemoved10> = {
  name: 'OFPT_FLOW_REMOVED',
  decode(r, h) {
    r.need(OFP_FLOW_REMOVED10_SIZE - OFP_HEADER_SIZE, 'ofp_flow_removed')
    const match = decodeMatch10(r) // struct ofp_match match;
    const cookie = r.u64() // uint64_t cookie;
    const priority = r.u16() // uint16_t priority;
    const reason = r.u8() // uint8_t reason;
    r.skip(1) // uint8_t pad[1];
    const durationSec = r.u32() // uint32_t duration_sec;
    const durationNsec = r.u32() // uint32_t duration_nsec;
    const idleTimeout = r.u16() // uint16_t idle_timeout;
    r.skip(2) // uint8_t pad2[2];
    const packetCount = r.u64() // uint64_t packet_count;
    const byteCount = r.u64() // uint64_t byte_count;
    return { version: 0x01, type: 11, xid: h.xid, match, cookie, priority, reason, durationSec, durationNsec, idleTimeout, packetCount, byteCount }
  },
  encode(w, m) {
    encodeMatch10(w, m.match)
    w.u64(m.cookie).u16(m.priority).u8(m.reason).zero(1).u32(m.durationSec).u32(m.durationNsec).u16(m.idleTimeout).zero(2)
    w.u64(m.packetCount).u64(m.byteCount)
  },
  length: () => OFP_FLOW_REMOVED10_SIZE,
}
