// OFPT_PORT_STATUS — OpenFlow Switch Specification 1.0.0 §5.4.3 (struct ofp_port_status, 64 bytes).
import type { MessageCodec } from '../registry.js'
import { type Base10 } from './base.js'
import { decodePhyPort10, encodePhyPort10, OFP_PHY_PORT_SIZE, type PhyPort10 } from './phy-port.js'

export const OFP_PORT_STATUS10_SIZE = 64

export interface PortStatus10 extends Base10<12> {
  reason: number // uint8_t reason; (OFPPR_*)
  desc: PhyPort10 // struct ofp_phy_port desc;
}

export const portStatus10Codec: MessageCodec<PortStatus10> = {
  name: 'OFPT_PORT_STATUS',
  decode(r, h) {
    r.need(8 + OFP_PHY_PORT_SIZE, 'ofp_port_status')
    const reason = r.u8() // uint8_t reason;
    r.skip(7) // uint8_t pad[7];
    return { version: 0x01, type: 12, xid: h.xid, reason, desc: decodePhyPort10(r) } // struct ofp_phy_port desc;
  },
  encode(w, m) {
    w.u8(m.reason).zero(7)
    encodePhyPort10(w, m.desc)
  },
  length: () => OFP_PORT_STATUS10_SIZE,
}
