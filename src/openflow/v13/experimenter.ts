// OFPT_EXPERIMENTER — OpenFlow 1.3.5 §7.5.4: uint32_t experimenter; uint32_t exp_type; data kept raw.
import { asBytes } from '../../wire/json.js'
import type { MessageCodec } from '../registry.js'
import { OFPT_EXPERIMENTER } from '../common13/constants.js'
import { type MsgBase, type Version1x } from './base.js'

export interface Experimenter<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_EXPERIMENTER, V> {
  experimenter: number
  expType: number
  /** Experimenter-defined body. View. */
  data: Buffer
}

export const experimenter: MessageCodec<Experimenter> = {
  name: 'OFPT_EXPERIMENTER',
  decode(r, h) {
    r.need(8, 'ofp_experimenter_header')
    const experimenter = r.u32() // uint32_t experimenter;
    const expType = r.u32() // uint32_t exp_type;
    return { version: h.version, type: h.type, xid: h.xid, experimenter, expType, data: r.rest() }
  },
  encode(w, m) {
    w.u32(m.experimenter).u32(m.expType).bytes(asBytes(m.data ?? ''))
  },
}
