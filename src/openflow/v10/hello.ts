// OFPT_HELLO — OpenFlow Switch Specification 1.0.0 §5.5.1. Body: none in 1.0, but "implementations
// must be prepared to receive a hello message that includes a body, ignoring its contents": kept raw.
import { dataCodec, type DataMessage10 } from './base.js'

export type Hello10 = DataMessage10<0>
export const hello10Codec = dataCodec<0>('OFPT_HELLO')
