// OFPT_PORT_STATUS — OpenFlow 1.3.5 §7.4.3 (same in 1.2): uint8_t reason; uint8_t pad[7]; struct ofp_port desc.
import type { MessageCodec } from '../registry.js'
import { OFPT_PORT_STATUS } from '../common13/constants.js'
import { decodePort, encodePort, type Port } from '../common13/structs.js'
import { expectEnd, type MsgBase, type Version1x } from './base.js'

export interface PortStatus<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_PORT_STATUS, V> { reason: number; desc: Port }

export const portStatus: MessageCodec<PortStatus> = {
  name: 'OFPT_PORT_STATUS',
  decode(r, h) {
    r.need(8, 'ofp_port_status')
    const reason = r.u8() // uint8_t reason;
    r.skip(7) // uint8_t pad[7];
    const desc = decodePort(r) // struct ofp_port desc;
    expectEnd(r, 'ofp_port_status')
    return { version: h.version, type: h.type, xid: h.xid, reason, desc }
  },
  encode(w, m) {
    w.u8(m.reason).zero(7)
    encodePort(w, m.desc)
  },
}
