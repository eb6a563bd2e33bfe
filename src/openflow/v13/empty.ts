// Messages with an empty body — OpenFlow 1.3.5 §7.3.1 (FEATURES_REQUEST), §7.3.2 (GET_CONFIG_REQUEST),
// §7.3.8 (BARRIER_REQUEST/REPLY), §7.3.10 (GET_ASYNC_REQUEST). Trailing bytes are OFPBRC_BAD_LEN.
import type { MessageCodec } from '../registry.js'
import {
  OFPT_BARRIER_REPLY, OFPT_BARRIER_REQUEST, OFPT_FEATURES_REQUEST, OFPT_GET_ASYNC_REQUEST, OFPT_GET_CONFIG_REQUEST,
} from '../common13/constants.js'
import { base, expectEnd, type MsgBase } from './base.js'

export type FeaturesRequest = MsgBase<typeof OFPT_FEATURES_REQUEST>
export type GetConfigRequest = MsgBase<typeof OFPT_GET_CONFIG_REQUEST>
export type BarrierRequest = MsgBase<typeof OFPT_BARRIER_REQUEST>
export type BarrierReply = MsgBase<typeof OFPT_BARRIER_REPLY>
export type GetAsyncRequest = MsgBase<typeof OFPT_GET_ASYNC_REQUEST>

function empty<M extends MsgBase<number>>(name: string): MessageCodec<M> {
  return {
    name,
    decode(r, h) {
      expectEnd(r, name)
      return base(h) as M
    },
    encode() {},
  }
}

export const featuresRequest = empty<FeaturesRequest>('OFPT_FEATURES_REQUEST')
export const getConfigRequest = empty<GetConfigRequest>('OFPT_GET_CONFIG_REQUEST')
export const barrierRequest = empty<BarrierRequest>('OFPT_BARRIER_REQUEST')
export const barrierReply = empty<BarrierReply>('OFPT_BARRIER_REPLY')
export const getAsyncRequest = empty<GetAsyncRequest>('OFPT_GET_ASYNC_REQUEST')
