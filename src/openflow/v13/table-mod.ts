// OFPT_TABLE_MOD — OpenFlow 1.3.5 §7.3.3 (same in 1.2): uint8_t table_id; uint8_t pad[3]; uint32_t config.
import type { MessageCodec } from '../registry.js'
import { OFPT_TABLE_MOD } from '../common13/constants.js'
import { expectEnd, type MsgBase, type Version1x } from './base.js'

export interface TableMod<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_TABLE_MOD, V> { tableId: number; config: number }

export const tableMod: MessageCodec<TableMod> = {
  name: 'OFPT_TABLE_MOD',
  decode(r, h) {
    r.need(8, 'ofp_table_mod')
    const tableId = r.u8() // uint8_t table_id;
    r.skip(3) // uint8_t pad[3];
    const config = r.u32() // uint32_t config;
    expectEnd(r, 'ofp_table_mod')
    return { version: h.version, type: h.type, xid: h.xid, tableId, config }
  },
  encode(w, m) {
    w.u8(m.tableId).zero(3).u32(m.config)
  },
}
