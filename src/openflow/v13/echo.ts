// OFPT_ECHO_REQUEST / OFPT_ECHO_REPLY — OpenFlow 1.3.5 §7.5.2/§7.5.3: an arbitrary-length body.
import { asBytes } from '../../wire/json.js'
import type { MessageCodec } from '../registry.js'
import { OFPT_ECHO_REPLY, OFPT_ECHO_REQUEST } from '../common13/constants.js'
import { type MsgBase, type Version1x } from './base.js'

export interface EchoRequest<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_ECHO_REQUEST, V> { /** View. */ data: Buffer }
export interface EchoReply<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_ECHO_REPLY, V> { /** View. */ data: Buffer }

function echo<M extends EchoRequest | EchoReply>(name: string): MessageCodec<M> {
  return {
    name,
    decode: (r, h) => ({ version: h.version, type: h.type, xid: h.xid, data: r.rest() }) as M, // uint8_t data[0];
    encode: (w, m) => void w.bytes(asBytes(m.data ?? '')),
  }
}

export const echoRequest = echo<EchoRequest>('OFPT_ECHO_REQUEST')
export const echoReply = echo<EchoReply>('OFPT_ECHO_REPLY')
