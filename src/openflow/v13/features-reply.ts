// OFPT_FEATURES_REPLY (1.3) — OpenFlow 1.3.5 §7.3.1, struct ofp_switch_features (24 bytes + header).
// 1.3 moved the port list to OFPMP_PORT_DESC; 1.2's layout (with ports) is in v12/features-reply.ts.
import type { MessageCodec } from '../registry.js'
import { OFPT_FEATURES_REPLY } from '../common13/constants.js'
import { expectEnd, type MsgBase } from './base.js'

export interface FeaturesReply13 extends MsgBase<typeof OFPT_FEATURES_REPLY, 0x04> {
  datapathId: bigint
  nBuffers: number
  nTables: number
  auxiliaryId: number
  capabilities: number
  reserved: number
}

export const featuresReply: MessageCodec<FeaturesReply13> = {
  name: 'OFPT_FEATURES_REPLY',
  decode(r, h) {
    r.need(24, 'ofp_switch_features')
    const datapathId = r.u64() // uint64_t datapath_id;
    const nBuffers = r.u32() // uint32_t n_buffers;
    const nTables = r.u8() // uint8_t n_tables;
    const auxiliaryId = r.u8() // uint8_t auxiliary_id;
    r.skip(2) // uint8_t pad[2];
    const capabilities = r.u32() // uint32_t capabilities;
    const reserved = r.u32() // uint32_t reserved;
    expectEnd(r, 'ofp_switch_features')
    return { version: h.version, type: h.type, xid: h.xid, datapathId, nBuffers, nTables, auxiliaryId, capabilities, reserved }
  },
  encode(w, m) {
    w.u64(m.datapathId).u32(m.nBuffers).u8(m.nTables).u8(m.auxiliaryId).zero(2).u32(m.capabilities).u32(m.reserved ?? 0)
  },
}
