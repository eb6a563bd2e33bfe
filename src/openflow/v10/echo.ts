// OFPT_ECHO_REQUEST / OFPT_ECHO_REPLY — OpenFlow Switch Specification 1.0.0 §5.5.2, §5.5.3.
// The body is arbitrary data the reply echoes back.
import { dataCodec, type DataMessage10 } from './base.js'

export type EchoRequest10 = DataMessage10<2>
export type EchoReply10 = DataMessage10<3>
export const echoRequest10Codec = dataCodec<2>('OFPT_ECHO_REQUEST')
export const echoReply10Codec = dataCodec<3>('OFPT_ECHO_REPLY')
