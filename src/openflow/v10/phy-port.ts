// struct ofp_phy_port — OpenFlow Switch Specification 1.0.0 §5.2.1. Fixed 48 bytes.
import { formatMac } from '../../wire/mac.js'
import type { WireReader } from '../../wire/reader.js'
import type { WireWriter } from '../../wire/writer.js'
import { readFixedText, writeFixedText, type FixedTextRaw } from '../../wire/fixed-text.js'
import { OFP_MAX_PORT_NAME_LEN } from './constants.js'

export const OFP_PHY_PORT_SIZE = 48

export interface PhyPort10 extends FixedTextRaw<'name'> {
  portNo: number // uint16_t port_no;
  hwAddr: string // uint8_t hw_addr[OFP_ETH_ALEN];
  name: string // char name[OFP_MAX_PORT_NAME_LEN]; (up to the first NUL; nameRaw: see wire/fixed-text.ts)
  config: number // uint32_t config; (OFPPC_*)
  state: number // uint32_t state; (OFPPS_*)
  curr: number // uint32_t curr; (OFPPF_*)
  advertised: number // uint32_t advertised;
  supported: number // uint32_t supported;
  peer: number // uint32_t peer;
}

export function decodePhyPort10(r: WireReader): PhyPort10 {
  r.need(OFP_PHY_PORT_SIZE, 'ofp_phy_port')
  const portNo = r.u16() // uint16_t port_no;
  const hwAddr = formatMac(r.bytes(6)) // uint8_t hw_addr[OFP_ETH_ALEN];
  const name = readFixedText(r, OFP_MAX_PORT_NAME_LEN, 'latin1') // char name[OFP_MAX_PORT_NAME_LEN];
  const p: PhyPort10 = {
    portNo, hwAddr, name: name.text,
    config: r.u32(), // uint32_t config;
    state: r.u32(), // uint32_t state;
    curr: r.u32(), // uint32_t curr;
    advertised: r.u32(), // uint32_t advertised;
    supported: r.u32(), // uint32_t supported;
    peer: r.u32(), // uint32_t peer;
  }
  if (name.raw) p.nameRaw = name.raw
  return p
}

export function encodePhyPort10(w: WireWriter, p: PhyPort10): void {
  w.u16(p.portNo).mac(p.hwAddr)
  writeFixedText(w, p.name, p.nameRaw, OFP_MAX_PORT_NAME_LEN, 'latin1', 'name')
  w.u32(p.config).u32(p.state).u32(p.curr).u32(p.advertised).u32(p.supported).u32(p.peer)
}
