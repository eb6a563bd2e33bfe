// OFPT_ERROR — OpenFlow 1.3.5 §7.4.4. ofp_error_msg: uint16_t type; uint16_t code; uint8_t data[0]
// (usually the start of the offending request). type 0xffff (OFPET_EXPERIMENTER) is
// ofp_error_experimenter_msg: uint16_t type; uint16_t exp_type; uint32_t experimenter; uint8_t data[0].
import { asBytes } from '../../wire/json.js'
import type { MessageCodec } from '../registry.js'
import { OFPET_EXPERIMENTER, OFPT_ERROR } from '../common13/constants.js'
import { type MsgBase, type Version1x } from './base.js'

export interface ErrorMsgStandard<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_ERROR, V> {
  errType: number
  code: number
  /** View: at least 64 bytes of the failed request, or text for OFPET_HELLO_FAILED. */
  data: Buffer
}
export interface ErrorMsgExperimenter<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_ERROR, V> {
  errType: typeof OFPET_EXPERIMENTER
  expType: number
  experimenter: number
  data: Buffer
}
export type ErrorMsg<V extends Version1x = Version1x> = ErrorMsgStandard<V> | ErrorMsgExperimenter<V>

export const errorMsg: MessageCodec<ErrorMsg> = {
  name: 'OFPT_ERROR',
  decode(r, h) {
    const errType = r.u16() // uint16_t type;
    if (errType === OFPET_EXPERIMENTER) {
      const expType = r.u16() // uint16_t exp_type;
      const experimenter = r.u32() // uint32_t experimenter;
      return { version: h.version, type: h.type, xid: h.xid, errType, expType, experimenter, data: r.rest() }
    }
    const code = r.u16() // uint16_t code;
    return { version: h.version, type: h.type, xid: h.xid, errType, code, data: r.rest() }
  },
  encode(w, m) {
    w.u16(m.errType)
    if (m.errType === OFPET_EXPERIMENTER && (m as ErrorMsgExperimenter).experimenter !== undefined) {
      const e = m as ErrorMsgExperimenter
      w.u16(e.expType).u32(e.experimenter)
    } else w.u16((m as ErrorMsgStandard).code)
    w.bytes(asBytes(m.data))
  },
}
