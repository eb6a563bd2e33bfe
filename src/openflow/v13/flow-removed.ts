// OFPT_FLOW_REMOVED — OpenFlow 1.3.5 §7.4.2 (same layout in 1.2), struct ofp_flow_removed.
import type { MessageCodec } from '../registry.js'
import { OFPT_FLOW_REMOVED } from '../common13/constants.js'
import { decodeMatch, encodeMatch, type Match } from '../common13/oxm.js'
import { expectEnd, type MsgBase, type Version1x } from './base.js'

export interface FlowRemoved<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_FLOW_REMOVED, V> {
  cookie: bigint
  priority: number
  reason: number
  tableId: number
  durationSec: number
  durationNsec: number
  idleTimeout: number
  hardTimeout: number
  packetCount: bigint
  byteCount: bigint
  match: Match
}

export const flowRemoved: MessageCodec<FlowRemoved> = {
  name: 'OFPT_FLOW_REMOVED',
  decode(r, h) {
    r.need(40, 'ofp_flow_removed')
    const cookie = r.u64() // uint64_t cookie;
    const priority = r.u16() // uint16_t priority;
    const reason = r.u8() // uint8_t reason;
    const tableId = r.u8() // uint8_t table_id;
    const durationSec = r.u32() // uint32_t duration_sec;
    const durationNsec = r.u32() // uint32_t duration_nsec;
    const idleTimeout = r.u16() // uint16_t idle_timeout;
    const hardTimeout = r.u16() // uint16_t hard_timeout;
    const packetCount = r.u64() // uint64_t packet_count;
    const byteCount = r.u64() // uint64_t byte_count;
    const match = decodeMatch(r) // struct ofp_match match;
    expectEnd(r, 'ofp_flow_removed')
    return {
      version: h.version, type: h.type, xid: h.xid, cookie, priority, reason, tableId, durationSec, durationNsec, idleTimeout,
      hardTimeout, packetCount, byteCount, match,
    }
  },
  encode(w, m) {
    w.u64(m.cookie).u16(m.priority).u8(m.reason).u8(m.tableId).u32(m.durationSec).u32(m.durationNsec)
      .u16(m.idleTimeout).u16(m.hardTimeout).u64(m.packetCount).u64(m.byteCount)
    encodeMatch(w, m.match)
  },
}
