// OFPT_ROLE_REQUEST / OFPT_ROLE_REPLY — OpenFlow 1.3.5 §7.3.9 (same in 1.2), struct ofp_role_request:
// uint32_t role; uint8_t pad[4]; uint64_t generation_id.
import type { MessageCodec } from '../registry.js'
import { OFPT_ROLE_REPLY, OFPT_ROLE_REQUEST } from '../common13/constants.js'
import { expectEnd, type MsgBase, type Version1x } from './base.js'

export interface RoleRequest<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_ROLE_REQUEST, V> { role: number; generationId: bigint }
export interface RoleReply<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_ROLE_REPLY, V> { role: number; generationId: bigint }

function role<M extends RoleRequest | RoleReply>(name: string): MessageCodec<M> {
  return {
    name,
    decode(r, h) {
      r.need(16, 'ofp_role_request')
      const role = r.u32() // uint32_t role;
      r.skip(4) // uint8_t pad[4];
      const generationId = r.u64() // uint64_t generation_id;
      expectEnd(r, 'ofp_role_request')
      return { version: h.version, type: h.type, xid: h.xid, role, generationId } as M
    },
    encode(w, m) {
      w.u32(m.role).zero(4).u64(m.generationId)
    },
  }
}

export const roleRequest = role<RoleRequest>('OFPT_ROLE_REQUEST')
export const roleReply = role<RoleReply>('OFPT_ROLE_REPLY')
