// OFPT_METER_MOD — OpenFlow 1.3.5 §7.3.4.4: uint16_t command; uint16_t flags; uint32_t meter_id;
// struct ofp_meter_band_header bands[0].
import type { MessageCodec } from '../registry.js'
import { OFPT_METER_MOD } from '../common13/constants.js'
import { decodeMeterBands, encodeMeterBands, type MeterBand } from '../common13/structs.js'
import { type MsgBase } from './base.js'

export interface MeterMod13 extends MsgBase<typeof OFPT_METER_MOD, 0x04> { command: number; flags: number; meterId: number; bands: MeterBand[] }

export const meterMod: MessageCodec<MeterMod13> = {
  name: 'OFPT_METER_MOD',
  decode(r, h) {
    r.need(8, 'ofp_meter_mod')
    const command = r.u16() // uint16_t command;
    const flags = r.u16() // uint16_t flags;
    const meterId = r.u32() // uint32_t meter_id;
    return { version: h.version, type: h.type, xid: h.xid, command, flags, meterId, bands: decodeMeterBands(r) }
  },
  encode(w, m) {
    w.u16(m.command).u16(m.flags).u32(m.meterId)
    encodeMeterBands(w, m.bands ?? [])
  },
}
