// OFPT_GROUP_MOD — OpenFlow 1.3.5 §7.3.4.2 (same in 1.2): uint16_t command; uint8_t type; uint8_t pad;
// uint32_t group_id; struct ofp_bucket buckets[0].
import type { MessageCodec } from '../registry.js'
import { OFPT_GROUP_MOD } from '../common13/constants.js'
import { decodeBuckets, encodeBuckets, type Bucket } from '../common13/structs.js'
import { type MsgBase, type Version1x } from './base.js'

export interface GroupMod<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_GROUP_MOD, V> {
  command: number
  groupType: number
  groupId: number
  buckets: Bucket[]
}

export const groupMod: MessageCodec<GroupMod> = {
  name: 'OFPT_GROUP_MOD',
  decode(r, h) {
    r.need(8, 'ofp_group_mod')
    const command = r.u16() // uint16_t command;
    const groupType = r.u8() // uint8_t type;
    r.skip(1) // uint8_t pad;
    const groupId = r.u32() // uint32_t group_id;
    return { version: h.version, type: h.type, xid: h.xid, command, groupType, groupId, buckets: decodeBuckets(r) }
  },
  encode(w, m) {
    w.u16(m.command).u8(m.groupType).zero(1).u32(m.groupId)
    encodeBuckets(w, m.buckets ?? [])
  },
}
