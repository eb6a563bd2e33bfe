// OFPT_FLOW_MOD — OpenFlow 1.3.5 §7.3.4.1 (same layout in 1.2), struct ofp_flow_mod:
// cookie, cookie_mask, table_id, command, idle/hard timeouts, priority, buffer_id, out_port, out_group,
// flags, pad[2], struct ofp_match (8-byte aligned), struct ofp_instruction instructions[0].
import { messageLayout } from '../../wire/struct.js'
import type { MessageCodec } from '../registry.js'
import { OFP_HEADER_SIZE } from '../header.js'
import { OFPT_FLOW_MOD } from '../common13/constants.js'
import { INSTRUCTIONS, type Instruction } from '../common13/instructions.js'
import { MATCH, type Match } from '../common13/oxm.js'
import { type MsgBase, type Version1x } from './base.js'

export const OFP_FLOW_MOD_FIXED = 40

export interface FlowMod<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_FLOW_MOD, V> {
  cookie: bigint
  cookieMask: bigint
  tableId: number
  command: number
  idleTimeout: number
  hardTimeout: number
  priority: number
  bufferId: number
  outPort: number
  outGroup: number
  flags: number
  match: Match
  instructions: Instruction[]
}

/** struct ofp_flow_mod (1.2/1.3): 40 fixed bytes, the match, the instructions. */
export const FLOW_MOD = messageLayout<FlowMod>('ofp_flow_mod', OFP_HEADER_SIZE + OFP_FLOW_MOD_FIXED, [
  ['cookie', 'u64', 'uint64_t cookie;'],
  ['cookieMask', 'u64', 'uint64_t cookie_mask;'],
  ['tableId', 'u8', 'uint8_t table_id;'],
  ['command', 'u8', 'uint8_t command;'],
  ['idleTimeout', 'u16', 'uint16_t idle_timeout;'],
  ['hardTimeout', 'u16', 'uint16_t hard_timeout;'],
  ['priority', 'u16', 'uint16_t priority;'],
  ['bufferId', 'u32', 'uint32_t buffer_id;'],
  ['outPort', 'u32', 'uint32_t out_port;'],
  ['outGroup', 'u32', 'uint32_t out_group;'],
  ['flags', 'u16', 'uint16_t flags;'],
  ['pad', 2, 'uint8_t pad[2];'],
  ['match', MATCH, 'struct ofp_match match;'],
  ['instructions', INSTRUCTIONS, 'struct ofp_instruction instructions[0];'],
])

export const flowMod: MessageCodec<FlowMod> = { name: 'OFPT_FLOW_MOD', decode: FLOW_MOD.decode, encode: FLOW_MOD.encode }
