// OFPT_GET_CONFIG_REPLY / OFPT_SET_CONFIG — OpenFlow 1.3.5 §7.3.2, struct ofp_switch_config:
// uint16_t flags; uint16_t miss_send_len.
import type { MessageCodec } from '../registry.js'
import { OFPT_GET_CONFIG_REPLY, OFPT_SET_CONFIG } from '../common13/constants.js'
import { expectEnd, type MsgBase, type Version1x } from './base.js'

export interface GetConfigReply<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_GET_CONFIG_REPLY, V> { flags: number; missSendLen: number }
export interface SetConfig<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_SET_CONFIG, V> { flags: number; missSendLen: number }

function switchConfig<M extends GetConfigReply | SetConfig>(name: string): MessageCodec<M> {
  return {
    name,
    decode(r, h) {
      r.need(4, 'ofp_switch_config')
      const flags = r.u16() // uint16_t flags;
      const missSendLen = r.u16() // uint16_t miss_send_len;
      expectEnd(r, 'ofp_switch_config')
      return { version: h.version, type: h.type, xid: h.xid, flags, missSendLen } as M
    },
    encode(w, m) {
      w.u16(m.flags).u16(m.missSendLen)
    },
  }
}

export const getConfigReply = switchConfig<GetConfigReply>('OFPT_GET_CONFIG_REPLY')
export const setConfig = switchConfig<SetConfig>('OFPT_SET_CONFIG')
