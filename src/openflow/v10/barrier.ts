// OFPT_BARRIER_REQUEST / OFPT_BARRIER_REPLY — OpenFlow Switch Specification 1.0.0 §5.3.7. Header only.
import { emptyCodec, type EmptyMessage10 } from './base.js'

export type BarrierRequest10 = EmptyMessage10<18>
export type BarrierReply10 = EmptyMessage10<19>
export const barrierRequest10Codec = emptyCodec<18>('OFPT_BARRIER_REQUEST')
export const barrierReply10Codec = emptyCodec<19>('OFPT_BARRIER_REPLY')
