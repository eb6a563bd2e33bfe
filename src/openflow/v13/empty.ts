// Messages with an empty body — OpenFlow 1.3.5 §7.3.1 (FEATURES_REQUEST), §7.3.2 (GET_CONFIG_REQUEST),
// §7.3.8 (BARRIER_REQUEST/REPLY), §7.3.10 (GET_ASYNC_REQUEST). Trailing bytes are OFPBRC_BAD_LEN.
import type { MessageCodec } from '../registry.js'
import {
  OFPT_BARRIER_REPLY, OFPT_BARRIER_REQUEST, OFPT_FEATURES_REQUEST, OFPT_GET_ASYNC_REQUEST, OFPT_GET_CONFIG_REQUEST,
} from '../common13/constants.js'
import { base, expectEnd, type MsgBase, type Version1x } from './base.js'

export type FeaturesRequest<V extends Version1x = Version1x> = MsgBase<typeof OFPT_FEATURES_REQUEST, V>
export type GetConfigRequest<V extends Version1x = Version1x> = MsgBase<typeof OFPT_GET_CONFIG_REQUEST, V>
export type BarrierRequest<V extends Version1x = Version1x> = MsgBase<typeof OFPT_BARRIER_REQUEST, V>
export type BarrierReply<V extends Version1x = Version1x> = MsgBase<typeof OFPT_BARRIER_REPLY, V>
export type GetAsyncRequest13 = MsgBase<typeof OFPT_GET_ASYNC_REQUEST, 0x04>

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
export const getAsyncRequest = empty<GetAsyncRequest13>('OFPT_GET_ASYNC_REQUEST')
