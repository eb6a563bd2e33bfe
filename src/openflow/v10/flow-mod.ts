// OFPT_FLOW_MOD — OpenFlow Switch Specification 1.0.0 §5.3.3 (struct ofp_flow_mod, 72 bytes +
// actions to the end of the message).
import type { MessageCodec } from '../registry.js'
import { messageLayout } from '../../wire/struct.js'
import { type Base10 } from './base.js'
import { ACTIONS10, type Action10 } from './actions.js'
import { MATCH10, type Match10 } from './match.js'

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

/** struct ofp_flow_mod (72 bytes, asserted) + actions to the end of the message. */
export const FLOW_MOD10 = messageLayout<FlowMod10>('ofp_flow_mod', OFP_FLOW_MOD10_SIZE, [
  ['match', MATCH10, 'struct ofp_match match;'],
  ['cookie', 'u64', 'uint64_t cookie;'],
  ['command', 'u16', 'uint16_t command;'],
  ['idleTimeout', 'u16', 'uint16_t idle_timeout;'],
  ['hardTimeout', 'u16', 'uint16_t hard_timeout;'],
  ['priority', 'u16', 'uint16_t priority;'],
  ['bufferId', 'u32', 'uint32_t buffer_id;'],
  ['outPort', 'u16', 'uint16_t out_port;'],
  ['flags', 'u16', 'uint16_t flags;'],
  ['actions', ACTIONS10, 'struct ofp_action_header actions[0];'],
])

export const flowMod10Codec: MessageCodec<FlowMod10> = {
  name: 'OFPT_FLOW_MOD',
  decode: FLOW_MOD10.decode,
  encode: FLOW_MOD10.encode,
  length: FLOW_MOD10.length,
}
