// OFPT_PORT_MOD — OpenFlow 1.3.5 §7.3.4.3 (same in 1.2): uint32_t port_no; pad[4]; hw_addr[6]; pad2[2];
// uint32_t config; uint32_t mask; uint32_t advertise; pad3[4].
import type { MessageCodec } from '../registry.js'
import { formatMac } from '../../wire/mac.js'
import { OFPT_PORT_MOD } from '../common13/constants.js'
import { expectEnd, type MsgBase, type Version1x } from './base.js'

export interface PortMod<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_PORT_MOD, V> {
  portNo: number
  hwAddr: string
  config: number
  mask: number
  advertise: number
}

export const portMod: MessageCodec<PortMod> = {
  name: 'OFPT_PORT_MOD',
  decode(r, h) {
    r.need(32, 'ofp_port_mod')
    const portNo = r.u32() // uint32_t port_no;
    r.skip(4) // uint8_t pad[4];
    const hwAddr = formatMac(r.bytes(6)) // uint8_t hw_addr[OFP_ETH_ALEN];
    r.skip(2) // uint8_t pad2[2];
    const config = r.u32() // uint32_t config;
    const mask = r.u32() // uint32_t mask;
    const advertise = r.u32() // uint32_t advertise;
    r.skip(4) // uint8_t pad3[4];
    expectEnd(r, 'ofp_port_mod')
    return { version: h.version, type: h.type, xid: h.xid, portNo, hwAddr, config, mask, advertise }
  },
  encode(w, m) {
    w.u32(m.portNo).zero(4).mac(m.hwAddr).zero(2).u32(m.config).u32(m.mask).u32(m.advertise).zero(4)
  },
}
