// OFPT_PORT_MOD — OpenFlow Switch Specification 1.0.0 §5.3.3 (struct ofp_port_mod, 32 bytes).
import { formatMac } from '../../wire/mac.js'
import type { MessageCodec } from '../registry.js'
import { type Base10 } from './base.js'

export const OFP_PORT_MOD10_SIZE = 32

export interface PortMod10 extends Base10<15> {
  portNo: number // uint16_t port_no;
  hwAddr: string // uint8_t hw_addr[OFP_ETH_ALEN];
  config: number // uint32_t config; (OFPPC_*)
  mask: number // uint32_t mask;
  advertise: number // uint32_t advertise; (OFPPF_*, 0 = no change)
}

export const portMod10Codec: MessageCodec<PortMod10> = {
  name: 'OFPT_PORT_MOD',
  decode(r, h) {
    r.need(24, 'ofp_port_mod')
    const portNo = r.u16() // uint16_t port_no;
    const hwAddr = formatMac(r.bytes(6)) // uint8_t hw_addr[OFP_ETH_ALEN];
    const config = r.u32() // uint32_t config;
    const mask = r.u32() // uint32_t mask;
    const advertise = r.u32() // uint32_t advertise;
    r.skip(4) // uint8_t pad[4];
    return { version: 0x01, type: 15, xid: h.xid, portNo, hwAddr, config, mask, advertise }
  },
  encode(w, m) {
    w.u16(m.portNo).mac(m.hwAddr).u32(m.config).u32(m.mask).u32(m.advertise).zero(4)
  },
  length: () => OFP_PORT_MOD10_SIZE,
}
