// Actions — OpenFlow 1.3.5 §7.2.5 (1.2 §A.2.5). Header: uint16_t type; uint16_t len (multiple of 8).
// Every 1.2/1.3 action is typed; OFPAT_EXPERIMENTER keeps its body raw (Nicira, ONF, …) and unknown
// types keep everything after the header raw, so both re-encode unchanged.
import { MalformedError } from '../../wire/errors.js'
import { asBytes } from '../../wire/json.js'
import type { WireReader } from '../../wire/reader.js'
import type { WireWriter } from '../../wire/writer.js'
import {
  OFPAT_COPY_TTL_IN, OFPAT_COPY_TTL_OUT, OFPAT_DEC_MPLS_TTL, OFPAT_DEC_NW_TTL, OFPAT_EXPERIMENTER, OFPAT_GROUP,
  OFPAT_OUTPUT, OFPAT_POP_MPLS, OFPAT_POP_PBB, OFPAT_POP_VLAN, OFPAT_PUSH_MPLS, OFPAT_PUSH_PBB, OFPAT_PUSH_VLAN,
  OFPAT_SET_FIELD, OFPAT_SET_MPLS_TTL, OFPAT_SET_NW_TTL, OFPAT_SET_QUEUE,
} from './constants.js'
import { decodeOxm, encodeOxm, type Oxm } from './oxm.js'
import { expectLen, pad8, readList } from './util.js'

export interface ActionOutput { type: typeof OFPAT_OUTPUT; port: number; maxLen: number }
export interface ActionNoArg {
  type: typeof OFPAT_COPY_TTL_OUT | typeof OFPAT_COPY_TTL_IN | typeof OFPAT_DEC_MPLS_TTL | typeof OFPAT_POP_VLAN |
    typeof OFPAT_DEC_NW_TTL | typeof OFPAT_POP_PBB
}
export interface ActionSetMplsTtl { type: typeof OFPAT_SET_MPLS_TTL; mplsTtl: number }
export interface ActionSetNwTtl { type: typeof OFPAT_SET_NW_TTL; nwTtl: number }
export interface ActionPush { type: typeof OFPAT_PUSH_VLAN | typeof OFPAT_PUSH_MPLS | typeof OFPAT_PUSH_PBB; ethertype: number }
export interface ActionPopMpls { type: typeof OFPAT_POP_MPLS; ethertype: number }
export interface ActionSetQueue { type: typeof OFPAT_SET_QUEUE; queueId: number }
export interface ActionGroup { type: typeof OFPAT_GROUP; groupId: number }
export interface ActionSetField { type: typeof OFPAT_SET_FIELD; field: Oxm }
export interface ActionExperimenter {
  type: typeof OFPAT_EXPERIMENTER
  experimenter: number
  /** Body after the experimenter id, padding included. View. */
  data: Buffer
}
/** An action type this version does not define: body after the 4-byte header, kept raw. */
export interface ActionUnknown { type: number; unknown: true; data: Buffer }

export type Action =
  | ActionOutput | ActionNoArg | ActionSetMplsTtl | ActionSetNwTtl | ActionPush | ActionPopMpls | ActionSetQueue
  | ActionGroup | ActionSetField | ActionExperimenter | ActionUnknown

export const OFP_ACTION_HEADER_SIZE = 4
const BAD_LEN = 'OFPBAC_BAD_LEN'

const NO_ARG = new Set<number>([OFPAT_COPY_TTL_OUT, OFPAT_COPY_TTL_IN, OFPAT_DEC_MPLS_TTL, OFPAT_POP_VLAN, OFPAT_DEC_NW_TTL, OFPAT_POP_PBB])
const PUSH = new Set<number>([OFPAT_PUSH_VLAN, OFPAT_PUSH_MPLS, OFPAT_PUSH_PBB])

/** Decode one action; `r` is bounded to exactly this action (its `len`). */
export function decodeAction(r: WireReader): Action {
  const type = r.u16() // uint16_t type;
  r.u16() // uint16_t len; (checked by the list reader)
  if (type === OFPAT_OUTPUT) {
    expectLen(r, 16, BAD_LEN, 'ofp_action_output')
    const port = r.u32() // uint32_t port;
    const maxLen = r.u16() // uint16_t max_len;
    r.skip(6) // uint8_t pad[6];
    return { type, port, maxLen }
  }
  if (NO_ARG.has(type)) {
    expectLen(r, 8, BAD_LEN, 'ofp_action_generic')
    r.skip(4) // uint8_t pad[4];
    return { type } as ActionNoArg
  }
  if (type === OFPAT_SET_MPLS_TTL || type === OFPAT_SET_NW_TTL) {
    expectLen(r, 8, BAD_LEN, 'ofp_action_ttl')
    const ttl = r.u8() // uint8_t mpls_ttl; / nw_ttl;
    r.skip(3) // uint8_t pad[3];
    return type === OFPAT_SET_MPLS_TTL ? { type, mplsTtl: ttl } : { type, nwTtl: ttl }
  }
  if (PUSH.has(type) || type === OFPAT_POP_MPLS) {
    expectLen(r, 8, BAD_LEN, 'ofp_action_push')
    const ethertype = r.u16() // uint16_t ethertype;
    r.skip(2) // uint8_t pad[2];
    return { type, ethertype } as ActionPush | ActionPopMpls
  }
  if (type === OFPAT_SET_QUEUE || type === OFPAT_GROUP) {
    expectLen(r, 8, BAD_LEN, 'ofp_action_set_queue')
    const id = r.u32() // uint32_t queue_id; / group_id;
    return type === OFPAT_SET_QUEUE ? { type, queueId: id } : { type, groupId: id }
  }
  if (type === OFPAT_SET_FIELD) {
    // struct ofp_action_set_field: header, one OXM TLV, zero padding to 8.
    const field = decodeOxm(r)
    const padLen = r.end - r.pos
    const used = r.pos - r.start
    if (padLen !== pad8(used)) {
      throw new MalformedError(BAD_LEN, `set_field: len ${r.end - r.start} does not fit its OXM (${used} bytes)`, { offset: r.start + 2, field: 'ofp_action_set_field' })
    }
    r.skip(padLen)
    return { type, field }
  }
  if (type === OFPAT_EXPERIMENTER) {
    const experimenter = r.u32() // uint32_t experimenter;
    return { type, experimenter, data: r.rest() }
  }
  return { type, unknown: true, data: r.rest() }
}

export function encodeAction(w: WireWriter, a: Action): void {
  const start = w.pos
  w.u16(a.type).u16(0)
  switch (a.type) {
    case OFPAT_OUTPUT: {
      const o = a as ActionOutput
      w.u32(o.port).u16(o.maxLen).zero(6)
      break
    }
    case OFPAT_SET_MPLS_TTL: w.u8((a as ActionSetMplsTtl).mplsTtl).zero(3); break
    case OFPAT_SET_NW_TTL: w.u8((a as ActionSetNwTtl).nwTtl).zero(3); break
    case OFPAT_PUSH_VLAN: case OFPAT_PUSH_MPLS: case OFPAT_PUSH_PBB: case OFPAT_POP_MPLS:
      w.u16((a as ActionPush).ethertype).zero(2)
      break
    case OFPAT_SET_QUEUE: w.u32((a as ActionSetQueue).queueId); break
    case OFPAT_GROUP: w.u32((a as ActionGroup).groupId); break
    case OFPAT_SET_FIELD: encodeOxm(w, (a as ActionSetField).field); w.zero(pad8(w.pos - start)); break
    default:
      if ((a as ActionUnknown).unknown) w.bytes(asBytes((a as ActionUnknown).data))
      else if (a.type === OFPAT_EXPERIMENTER) {
        const e = a as ActionExperimenter
        w.u32(e.experimenter).bytes(asBytes(e.data))
      } else if (NO_ARG.has(a.type)) w.zero(4)
      else throw new MalformedError('BAD_ACTION', `cannot encode action type ${a.type}`, { field: 'action' })
  }
  w.patchU16(start + 2, w.pos - start)
}

export function decodeActions(r: WireReader): Action[] {
  return readList(r, { header: OFP_ACTION_HEADER_SIZE, lenAt: 2, code: BAD_LEN, field: 'ofp_action', multipleOf: 8 }, decodeAction)
}

export function encodeActions(w: WireWriter, actions: readonly Action[]): void {
  for (const a of actions) encodeAction(w, a)
}
