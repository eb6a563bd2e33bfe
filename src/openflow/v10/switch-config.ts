// OFPT_GET_CONFIG_REQUEST / OFPT_GET_CONFIG_REPLY / OFPT_SET_CONFIG — OpenFlow Switch Specification
// 1.0.0 §5.3.2 (struct ofp_switch_config: flags, miss_send_len).
import type { MessageCodec } from '../registry.js'
import { OFP_HEADER_SIZE } from '../header.js'
import { emptyCodec, type Base10, type EmptyMessage10 } from './base.js'

export type GetConfigRequest10 = EmptyMessage10<7>
export const getConfigRequest10Codec = emptyCodec<7>('OFPT_GET_CONFIG_REQUEST')

export interface SwitchConfig10<T extends 8 | 9> extends Base10<T> {
  flags: number // uint16_t flags; (OFPC_FRAG_*)
  missSendLen: number // uint16_t miss_send_len;
}
export type GetConfigReply10 = SwitchConfig10<8>
export type SetConfig10 = SwitchConfig10<9>

function switchConfigCodec<T extends 8 | 9>(name: string): MessageCodec<SwitchConfig10<T>> {
  return {
    name,
    decode(r, h) {
      r.need(4, 'ofp_switch_config')
      const flags = r.u16() // uint16_t flags;
      return { version: 0x01, type: h.type, xid: h.xid, flags, missSendLen: r.u16() } // uint16_t miss_send_len;
    },
    encode(w, m) {
      w.u16(m.flags).u16(m.missSendLen)
    },
    length: () => OFP_HEADER_SIZE + 4,
  }
}
export const getConfigReply10Codec = switchConfigCodec<8>('OFPT_GET_CONFIG_REPLY')
export const setConfig10Codec = switchConfigCodec<9>('OFPT_SET_CONFIG')
