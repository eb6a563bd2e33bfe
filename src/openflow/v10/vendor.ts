// OFPT_VENDOR — OpenFlow Switch Specification 1.0.0 §5.5.4 (struct ofp_vendor_header).
// Vendor-defined payload (Nicira, Big Switch, …) kept raw after the 32-bit vendor id.
import type { MessageCodec } from '../registry.js'
import { OFP_HEADER_SIZE } from '../header.js'
import { bytesLength, type Base10 } from './base.js'

export interface Vendor10 extends Base10<4> {
  vendor: number // uint32_t vendor;
  /** Vendor-defined body; view into the receive buffer. */
  data: Buffer
}

export const vendor10Codec: MessageCodec<Vendor10> = {
  name: 'OFPT_VENDOR',
  decode(r, h) {
    const vendor = r.u32() // uint32_t vendor;
    return { version: 0x01, type: 4, xid: h.xid, vendor, data: r.rest() }
  },
  encode(w, m) {
    w.u32(m.vendor).bytes(m.data ?? Buffer.alloc(0))
  },
  length: (m) => OFP_HEADER_SIZE + 4 + (m.data === undefined ? 0 : bytesLength(m.data)),
}
