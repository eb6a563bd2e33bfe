// OpenFlow 1.0 actions — OpenFlow Switch Specification 1.0.0 §5.2.4 (struct ofp_action_*).
// Every action is a TLV {uint16_t type; uint16_t len;} whose len counts the header and is a multiple
// of 8 (§5.2.4: "actions ... must be a multiple of 8 bytes"). The loop requires len >= 8, len % 8 == 0
// and len <= what is left of the parent before it looks at the body, and hands each action a bounded
// sub-reader. Vendor actions (OFPAT_VENDOR, e.g. Nicira's) and unknown types are
// kept raw and re-encode unchanged.
import { MalformedError } from '../../wire/errors.js'
import { formatMac } from '../../wire/mac.js'
import { asBytes } from '../../wire/json.js'
import type { WireReader } from '../../wire/reader.js'
import type { WireWriter } from '../../wire/writer.js'
import type { Part } from '../../wire/struct.js'
import { formatIpv4, parseIpv4 } from '../addr.js'
import { OFPAT10 } from './constants.js'

export const OFP_ACTION_HEADER_SIZE = 8

export type Action10 =
  | { type: 0; port: number; maxLen: number } // OFPAT_OUTPUT
  | { type: 1; vlanVid: number } // OFPAT_SET_VLAN_VID
  | { type: 2; vlanPcp: number } // OFPAT_SET_VLAN_PCP
  | { type: 3 } // OFPAT_STRIP_VLAN
  | { type: 4 | 5; dlAddr: string } // OFPAT_SET_DL_SRC / OFPAT_SET_DL_DST
  | { type: 6 | 7; nwAddr: string } // OFPAT_SET_NW_SRC / OFPAT_SET_NW_DST
  | { type: 8; nwTos: number } // OFPAT_SET_NW_TOS
  | { type: 9 | 10; tpPort: number } // OFPAT_SET_TP_SRC / OFPAT_SET_TP_DST
  | { type: 11; port: number; queueId: number } // OFPAT_ENQUEUE
  | VendorAction10
  | RawAction10

/** OFPAT_VENDOR: `data` is the body after the vendor id (view; copy before retaining). */
export interface VendorAction10 {
  type: 0xffff
  vendor: number
  data: Buffer
}

/** An action type 1.0 does not define: the body after the 4-byte TLV header, kept as is. */
export interface RawAction10 {
  type: number
  data: Buffer
}

/** Fixed total length (header included) of each standard action. */
const FIXED_LEN: Record<number, number> = { 0: 8, 1: 8, 2: 8, 3: 8, 4: 16, 5: 16, 6: 8, 7: 8, 8: 8, 9: 8, 10: 8, 11: 16 }

export function decodeAction10(r: WireReader): Action10 {
  const at = r.pos
  r.need(4, 'ofp_action_header')
  const type = r.u16() // uint16_t type;
  const len = r.u16() // uint16_t len;
  if (len < OFP_ACTION_HEADER_SIZE || len % 8 !== 0) {
    throw new MalformedError('OFPBAC_BAD_LEN', `action length ${len} is not a positive multiple of 8`, { offset: at + 2, field: 'ofp_action_header.len' })
  }
  if (len > r.end - at) {
    throw new MalformedError('OFPBAC_BAD_LEN', `action length ${len} overruns its list (${r.end - at} bytes left)`, { offset: at + 2, field: 'ofp_action_header.len' })
  }
  const b = r.slice(len - 4, 'ofp_action')
  const fixed = FIXED_LEN[type]
  if (fixed !== undefined && len !== fixed) {
    throw new MalformedError('OFPBAC_BAD_LEN', `action type ${type} must be ${fixed} bytes, not ${len}`, { offset: at + 2, field: 'ofp_action_header.len' })
  }
  switch (type) {
    case OFPAT10.OFPAT_OUTPUT: {
      const port = b.u16() // uint16_t port;
      return { type, port, maxLen: b.u16() } // uint16_t max_len;
    }
    case OFPAT10.OFPAT_SET_VLAN_VID: {
      const vlanVid = b.u16() // uint16_t vlan_vid;
      b.skip(2) // uint8_t pad[2];
      return { type, vlanVid }
    }
    case OFPAT10.OFPAT_SET_VLAN_PCP: {
      const vlanPcp = b.u8() // uint8_t vlan_pcp;
      b.skip(3) // uint8_t pad[3];
      return { type, vlanPcp }
    }
    case OFPAT10.OFPAT_STRIP_VLAN:
      b.skip(4) // uint8_t pad[4]; (ofp_action_header)
      return { type }
    case OFPAT10.OFPAT_SET_DL_SRC:
    case OFPAT10.OFPAT_SET_DL_DST: {
      const dlAddr = formatMac(b.bytes(6)) // uint8_t dl_addr[OFP_ETH_ALEN];
      b.skip(6) // uint8_t pad[6];
      return { type, dlAddr }
    }
    case OFPAT10.OFPAT_SET_NW_SRC:
    case OFPAT10.OFPAT_SET_NW_DST:
      return { type, nwAddr: formatIpv4(b.u32()) } // uint32_t nw_addr;
    case OFPAT10.OFPAT_SET_NW_TOS: {
      const nwTos = b.u8() // uint8_t nw_tos;
      b.skip(3) // uint8_t pad[3];
      return { type, nwTos }
    }
    case OFPAT10.OFPAT_SET_TP_SRC:
    case OFPAT10.OFPAT_SET_TP_DST: {
      const tpPort = b.u16() // uint16_t tp_port;
      b.skip(2) // uint8_t pad[2];
      return { type, tpPort }
    }
    case OFPAT10.OFPAT_ENQUEUE: {
      const port = b.u16() // uint16_t port;
      b.skip(6) // uint8_t pad[6];
      return { type, port, queueId: b.u32() } // uint32_t queue_id;
    }
    case OFPAT10.OFPAT_VENDOR:
      return { type, vendor: b.u32(), data: b.rest() } // uint32_t vendor; (body raw)
    default:
      return { type, data: b.rest() }
  }
}

/** Actions until the end of `r` (a reader bounded to the action list). */
export function decodeActions10(r: WireReader): Action10[] {
  const out: Action10[] = []
  while (r.pos < r.end) out.push(decodeAction10(r))
  return out
}

export function action10Length(a: Action10): number {
  const fixed = FIXED_LEN[a.type]
  if (fixed !== undefined) return fixed
  const data = asBytes((a as RawAction10).data)
  return a.type === OFPAT10.OFPAT_VENDOR ? 8 + data.length : 4 + data.length
}

export function encodeAction10(w: WireWriter, a: Action10): void {
  const len = action10Length(a)
  w.u16(a.type).u16(len)
  switch (a.type) {
    case OFPAT10.OFPAT_OUTPUT: {
      const x = a as { port: number; maxLen: number }
      w.u16(x.port).u16(x.maxLen)
      return
    }
    case OFPAT10.OFPAT_SET_VLAN_VID:
      w.u16((a as { vlanVid: number }).vlanVid).zero(2)
      return
    case OFPAT10.OFPAT_SET_VLAN_PCP:
      w.u8((a as { vlanPcp: number }).vlanPcp).zero(3)
      return
    case OFPAT10.OFPAT_STRIP_VLAN:
      w.zero(4)
      return
    case OFPAT10.OFPAT_SET_DL_SRC:
    case OFPAT10.OFPAT_SET_DL_DST:
      w.mac((a as { dlAddr: string }).dlAddr).zero(6)
      return
    case OFPAT10.OFPAT_SET_NW_SRC:
    case OFPAT10.OFPAT_SET_NW_DST:
      w.u32(parseIpv4((a as { nwAddr: string }).nwAddr))
      return
    case OFPAT10.OFPAT_SET_NW_TOS:
      w.u8((a as { nwTos: number }).nwTos).zero(3)
      return
    case OFPAT10.OFPAT_SET_TP_SRC:
    case OFPAT10.OFPAT_SET_TP_DST:
      w.u16((a as { tpPort: number }).tpPort).zero(2)
      return
    case OFPAT10.OFPAT_ENQUEUE: {
      const x = a as { port: number; queueId: number }
      w.u16(x.port).zero(6).u32(x.queueId)
      return
    }
    case OFPAT10.OFPAT_VENDOR: {
      const x = a as VendorAction10
      w.u32(x.vendor).bytes(x.data)
      return
    }
    default:
      w.bytes((a as RawAction10).data)
  }
}

export function encodeActions10(w: WireWriter, actions: readonly Action10[]): void {
  for (const a of actions) encodeAction10(w, a)
}

export function actions10Length(actions: readonly Action10[]): number {
  let n = 0
  for (const a of actions) n += action10Length(a)
  return n
}

/** The action list to the end of the window, as a variable part of a layout (wire/struct.ts). */
export const ACTIONS10: Part<Action10[]> = { read: decodeActions10, write: encodeActions10, length: actions10Length }
