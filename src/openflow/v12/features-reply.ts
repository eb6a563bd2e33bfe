// OFPT_FEATURES_REPLY (1.2) — OpenFlow 1.2 §A.3.1: uint64_t datapath_id; uint32_t n_buffers;
// uint8_t n_tables; uint8_t pad[3]; uint32_t capabilities; uint32_t reserved; struct ofp_port ports[0].
import type { MessageCodec } from '../registry.js'
import { OFPT_FEATURES_REPLY } from '../common13/constants.js'
import { decodePorts, encodePorts, type Port } from '../common13/structs.js'
import { MalformedError } from '../../wire/errors.js'
import { type MsgBase } from '../v13/base.js'

export interface FeaturesReply12 extends MsgBase<typeof OFPT_FEATURES_REPLY, 0x03> {
  datapathId: bigint
  nBuffers: number
  nTables: number
  capabilities: number
  reserved: number
  ports: Port[]
}

export const featuresReply12: MessageCodec<FeaturesReply12> = {
  name: 'OFPT_FEATURES_REPLY',
  decode(r, h) {
    r.need(24, 'ofp_switch_features')
    const datapathId = r.u64() // uint64_t datapath_id;
    const nBuffers = r.u32() // uint32_t n_buffers;
    const nTables = r.u8() // uint8_t n_tables;
    r.skip(3) // uint8_t pad[3];
    const capabilities = r.u32() // uint32_t capabilities;
    const reserved = r.u32() // uint32_t reserved;
    if ((r.end - r.pos) % 64 !== 0) {
      throw new MalformedError('OFPBRC_BAD_LEN', 'port list is not a multiple of 64 bytes', { offset: r.pos, field: 'ofp_switch_features.ports' })
    }
    return { version: h.version, type: h.type, xid: h.xid, datapathId, nBuffers, nTables, capabilities, reserved, ports: decodePorts(r) }
  },
  encode(w, m) {
    w.u64(m.datapathId).u32(m.nBuffers).u8(m.nTables).zero(3).u32(m.capabilities).u32(m.reserved ?? 0)
    encodePorts(w, m.ports ?? [])
  },
}
