// OFPT_ERROR — OpenFlow Switch Specification 1.0.0 §5.4.4 (struct ofp_error_msg).
// `data` is type-dependent: for HELLO_FAILED an ASCII string, otherwise at least the first 64 bytes
// of the failed request. Kept raw (a view); errors.ts names the numbers.
import type { MessageCodec } from '../registry.js'
import { OFP_HEADER_SIZE } from '../header.js'
import { bytesLength, type Base10 } from './base.js'

export interface Error10 extends Base10<1> {
  errType: number // uint16_t type; (OFPET_*)
  code: number // uint16_t code;
  /** View into the receive buffer; copy before retaining. */
  data: Buffer // uint8_t data[0];
}

export const error10Codec: MessageCodec<Error10> = {
  name: 'OFPT_ERROR',
  decode(r, h) {
    r.need(4, 'ofp_error_msg')
    const errType = r.u16() // uint16_t type;
    const code = r.u16() // uint16_t code;
    return { version: 0x01, type: 1, xid: h.xid, errType, code, data: r.rest() } // uint8_t data[0];
  },
  encode(w, m) {
    w.u16(m.errType).u16(m.code).bytes(m.data ?? Buffer.alloc(0))
  },
  length: (m) => OFP_HEADER_SIZE + 4 + (m.data === undefined ? 0 : bytesLength(m.data)),
}
