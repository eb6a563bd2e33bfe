// struct ofp_phy_port — OpenFlow Switch Specification 1.0.0 §5.2.1. Fixed 48 bytes.
import type { WireReader } from '../../wire/reader.js'
import type { WireWriter } from '../../wire/writer.js'
import type { FixedTextRaw } from '../../wire/fixed-text.js'
import { structLayout, text } from '../../wire/struct.js'
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

/** struct ofp_phy_port (48 bytes, asserted). */
export const PHY_PORT10 = structLayout<PhyPort10>('ofp_phy_port', OFP_PHY_PORT_SIZE, [
  ['portNo', 'u16', 'uint16_t port_no;'],
  ['hwAddr', 'mac', 'uint8_t hw_addr[OFP_ETH_ALEN];'],
  ['name', text(OFP_MAX_PORT_NAME_LEN, 'latin1'), 'char name[OFP_MAX_PORT_NAME_LEN];'],
  ['config', 'u32', 'uint32_t config;'],
  ['state', 'u32', 'uint32_t state;'],
  ['curr', 'u32', 'uint32_t curr;'],
  ['advertised', 'u32', 'uint32_t advertised;'],
  ['supported', 'u32', 'uint32_t supported;'],
  ['peer', 'u32', 'uint32_t peer;'],
])

export const decodePhyPort10: (r: WireReader) => PhyPort10 = PHY_PORT10.read
export const encodePhyPort10: (w: WireWriter, p: PhyPort10) => void = PHY_PORT10.write
