// OFPT_FLOW_MOD — OpenFlow Switch Specification 1.0.0 §5.3.3 (struct ofp_flow_mod, 72 bytes +
// actions to the end of the message).
import type { MessageCodec } from '../registry.js'
import { OFP_HEADER_SIZE } from '../header.js'
import { type Base10 } from './base.js'
import { actions10Length, decodeActions10, encodeActions10, type Action10 } from './actions.js'
import { decodeMatch10, encodeMatch10, type Match10 } from './match.js'

export const OFP_FLOW_MOD10_SIZE = 72

export interface FlowMod10 extends Base10<14> {
  match: Match10 // struct ofp_match match;
  cookie: bigint // uint64_t cookie;
  command: number // uint16_t command; (OFPFC_*)
  idleTimeout: number // uint16_t idle_timeout;
  hardTimeout: number // uint16_t hard_timeout;
  priority: number // uint16_t priority;
  bufferId: number // uint32_t buffer_id;
  outPort: number // uint16_t out_port;
  flags: number // uint16_t flags; (OFPFF_*)
  actions: Action10[] // struct ofp_action_header actions[0];
}

export const flowMod10Codec: MessageCodec<FlowMod10> = {
  name: 'OFPT_FLOW_MOD',
  decode(r, h) {
    r.need(OFP_FLOW_MOD10_SIZE - OFP_HEADER_SIZE, 'ofp_flow_mod')
    const match = decodeMatch10(r) // struct ofp_match match;
    const cookie = r.u64() // uint64_t cookie;
    const command = r.u16() // uint16_t command;
    const idleTimeout = r.u16() // uint16_t idle_timeout;
    const hardTimeout = r.u16() // uint16_t hard_timeout;
    const priority = r.u16() // uint16_t priority;
    const bufferId = r.u32() // uint32_t buffer_id;
    const outPort = r.u16() // uint16_t out_port;
    const flags = r.u16() // uint16_t flags;
    const actions = decodeActions10(r) // struct ofp_action_header actions[0];
    return { version: 0x01, type: 14, xid: h.xid, match, cookie, command, idleTimeout, hardTimeout, priority, bufferId, outPort, flags, actions }
  },
  encode(w, m) {
    encodeMatch10(w, m.match)
    w.u64(m.cookie).u16(m.command).u16(m.idleTimeout).u16(m.hardTimeout).u16(m.priority).u32(m.bufferId).u16(m.outPort).u16(m.flags)
    encodeActions10(w, m.actions)
  },
  length: (m) => OFP_FLOW_MOD10_SIZE + actions10Length(m.actions),
}
