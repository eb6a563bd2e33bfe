// OFPT_FLOW_MOD — OpenFlow 1.3.5 §7.3.4.1 (same layout in 1.2), struct ofp_flow_mod:
// cookie, cookie_mask, table_id, command, idle/hard timeouts, priority, buffer_id, out_port, out_group,
// flags, pad[2], struct ofp_match (8-byte aligned), struct ofp_instruction instructions[0].
import type { MessageCodec } from '../registry.js'
import { OFPT_FLOW_MOD } from '../common13/constants.js'
import { decodeInstructions, encodeInstructions, type Instruction } from '../common13/instructions.js'
import { decodeMatch, encodeMatch, type Match } from '../common13/oxm.js'
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

export const flowMod: MessageCodec<FlowMod> = {
  name: 'OFPT_FLOW_MOD',
  decode(r, h) {
    r.need(OFP_FLOW_MOD_FIXED, 'ofp_flow_mod')
    const cookie = r.u64() // uint64_t cookie;
    const cookieMask = r.u64() // uint64_t cookie_mask;
    const tableId = r.u8() // uint8_t table_id;
    const command = r.u8() // uint8_t command;
    const idleTimeout = r.u16() // uint16_t idle_timeout;
    const hardTimeout = r.u16() // uint16_t hard_timeout;
    const priority = r.u16() // uint16_t priority;
    const bufferId = r.u32() // uint32_t buffer_id;
    const outPort = r.u32() // uint32_t out_port;
    const outGroup = r.u32() // uint32_t out_group;
    const flags = r.u16() // uint16_t flags;
    r.skip(2) // uint8_t pad[2];
    const match = decodeMatch(r) // struct ofp_match match;
    const instructions = decodeInstructions(r) // struct ofp_instruction instructions[0];
    return {
      version: h.version, type: h.type, xid: h.xid, cookie, cookieMask, tableId, command, idleTimeout, hardTimeout, priority,
      bufferId, outPort, outGroup, flags, match, instructions,
    }
  },
  encode(w, m) {
    w.u64(m.cookie).u64(m.cookieMask).u8(m.tableId).u8(m.command).u16(m.idleTimeout).u16(m.hardTimeout)
      .u16(m.priority).u32(m.bufferId).u32(m.outPort).u32(m.outGroup).u16(m.flags).zero(2)
    encodeMatch(w, m.match)
    encodeInstructions(w, m.instructions ?? [])
  },
}
