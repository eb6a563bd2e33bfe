// OFPT_FEATURES_REQUEST / OFPT_FEATURES_REPLY — OpenFlow Switch Specification 1.0.0 §5.3.1
// (struct ofp_switch_features: 32 bytes + n × ofp_phy_port).
import { MalformedError } from '../../wire/errors.js'
import type { MessageCodec } from '../registry.js'
import { OFP_HEADER_SIZE } from '../header.js'
import { emptyCodec, type Base10, type EmptyMessage10 } from './base.js'
import { decodePhyPort10, encodePhyPort10, OFP_PHY_PORT_SIZE, type PhyPort10 } from './phy-port.js'

export type FeaturesRequest10 = EmptyMessage10<5>
export const featuresRequest10Codec = emptyCodec<5>('OFPT_FEATURES_REQUEST')

/** Bytes after the header before the port list. */
export const SWITCH_FEATURES_FIXED = 24

export interface FeaturesReply10 extends Base10<6> {
  datapathId: bigint // uint64_t datapath_id;
  nBuffers: number // uint32_t n_buffers;
  nTables: number // uint8_t n_tables;
  capabilities: number // uint32_t capabilities; (OFPC_*)
  actions: number // uint32_t actions; (bitmap of OFPAT_*)
  ports: PhyPort10[] // struct ofp_phy_port ports[0];
}

export const featuresReply10Codec: MessageCodec<FeaturesReply10> = {
  name: 'OFPT_FEATURES_REPLY',
  decode(r, h) {
    r.need(SWITCH_FEATURES_FIXED, 'ofp_switch_features')
    const datapathId = r.u64() // uint64_t datapath_id;
    const nBuffers = r.u32() // uint32_t n_buffers;
    const nTables = r.u8() // uint8_t n_tables;
    r.skip(3) // uint8_t pad[3];
    const capabilities = r.u32() // uint32_t capabilities;
    const actions = r.u32() // uint32_t actions;
    if (r.remaining % OFP_PHY_PORT_SIZE !== 0) {
      throw new MalformedError('OFPBRC_BAD_LEN', `port list of ${r.remaining} bytes is not a multiple of 48`, { offset: r.pos, field: 'ofp_switch_features.ports' })
    }
    const ports: PhyPort10[] = []
    while (r.pos < r.end) ports.push(decodePhyPort10(r))
    return { version: 0x01, type: 6, xid: h.xid, datapathId, nBuffers, nTables, capabilities, actions, ports }
  },
  encode(w, m) {
    w.u64(m.datapathId).u32(m.nBuffers).u8(m.nTables).zero(3).u32(m.capabilities).u32(m.actions)
    for (const p of m.ports) encodePhyPort10(w, p)
  },
  length: (m) => OFP_HEADER_SIZE + SWITCH_FEATURES_FIXED + m.ports.length * OFP_PHY_PORT_SIZE,
}
