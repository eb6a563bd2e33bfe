// Link-layer headers → an Ethernet-like view: https://www.tcpdump.org/linktypes.html
// - LINKTYPE_ETHERNET (1): dst(6) src(6) type(2).
// - LINKTYPE_LINUX_SLL (113, linktypes/LINKTYPE_LINUX_SLL.html): packet type(2), ARPHRD type(2),
//   address length(2), address(8), protocol(2) — no destination MAC; the packet type gives direction.
// - LINKTYPE_LINUX_SLL2 (276, linktypes/LINKTYPE_LINUX_SLL2.html): protocol(2), reserved(2),
//   interface index(4), ARPHRD type(2), packet type(1), address length(1), address(8).
// 802.1Q (0x8100), 802.1ad (0x88a8) and the pre-standard QinQ TPIDs 0x9100/0x9200 are peeled, outermost
// first, into `vlans`. No allocation beyond the view object and views.
import { TruncatedError, UnsupportedError } from '../wire/errors.js'
import type { Direction } from './record.js'

import { LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2 } from './writer.js'
export { LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2 }

export const ETH_TYPE_VLAN = 0x8100
export const ETH_TYPE_QINQ = 0x88a8
export const ETH_TYPE_QINQ_OLD1 = 0x9100
export const ETH_TYPE_QINQ_OLD2 = 0x9200
/** Tags peeled at most (a frame claiming more is reported as is). */
export const MAX_VLAN_TAGS = 8

/** Linux packet types (if_packet.h PACKET_*) in SLL/SLL2 headers. */
export const PACKET_HOST = 0
export const PACKET_BROADCAST = 1
export const PACKET_MULTICAST = 2
export const PACKET_OTHERHOST = 3
export const PACKET_OUTGOING = 4

export interface VlanTag {
  tpid: number
  pcp: number
  dei: boolean
  vid: number
}

export interface EthernetView {
  /** Destination MAC (absent for SLL/SLL2, which keep only the source address). View. */
  dst?: Buffer
  /** Source MAC (SLL/SLL2: the link-layer address when it is 6 bytes long). View. */
  src?: Buffer
  /** EtherType after the VLAN tags. */
  ethertype: number
  /** Bytes after the (innermost) EtherType. View. */
  payload: Buffer
  /** Offset of `payload` within the frame. */
  payloadOffset: number
  /** VLAN tags, outermost first. */
  vlans: VlanTag[]
  /** From the SLL/SLL2 packet type: 'out' for PACKET_OUTGOING, 'in' otherwise. */
  direction?: Direction
  /** SLL/SLL2 packet type. */
  packetType?: number
  /** SLL2 interface index. */
  ifIndex?: number
}

function isTpid(t: number): boolean {
  return t === ETH_TYPE_VLAN || t === ETH_TYPE_QINQ || t === ETH_TYPE_QINQ_OLD1 || t === ETH_TYPE_QINQ_OLD2
}

const NO_TAGS: VlanTag[] = []

/** Peel VLAN tags starting with `type` read at frame[typeOff]; fills view.ethertype/payload/vlans. */
function peel(frame: Buffer, dv: DataView, type: number, off: number, view: EthernetView): EthernetView {
  let vlans = NO_TAGS
  while (isTpid(type) && vlans.length < MAX_VLAN_TAGS) {
    if (frame.length - off < 4) throw new TruncatedError(4, frame.length - off, { offset: off, field: '802.1Q tag' })
    const tci = dv.getUint16(off) // uint16 tci;
    if (vlans === NO_TAGS) vlans = []
    vlans.push({ tpid: type, pcp: tci >>> 13, dei: (tci & 0x1000) !== 0, vid: tci & 0x0fff })
    type = dv.getUint16(off + 2) // uint16 inner ethertype;
    off += 4
  }
  view.ethertype = type
  view.payload = frame.subarray(off)
  view.payloadOffset = off
  view.vlans = vlans
  return view
}

/**
 * The Ethernet-like view of a captured frame. Throws TruncatedError for a frame shorter than its
 * link header and UnsupportedError `LINKTYPE_UNSUPPORTED` for other link types.
 */
export function linkView(linkType: number, frame: Buffer): EthernetView {
  const dv = new DataView(frame.buffer, frame.byteOffset, frame.byteLength)
  switch (linkType) {
    case LINKTYPE_ETHERNET: {
      if (frame.length < 14) throw new TruncatedError(14, frame.length, { offset: 0, field: 'ethernet header' })
      const view = { dst: frame.subarray(0, 6), src: frame.subarray(6, 12) } as EthernetView
      return peel(frame, dv, dv.getUint16(12), 14, view) // uint16 ether_type;
    }
    case LINKTYPE_LINUX_SLL: {
      if (frame.length < 16) throw new TruncatedError(16, frame.length, { offset: 0, field: 'linux SLL header' })
      const packetType = dv.getUint16(0) // uint16 sll_pkttype;
      // uint16 sll_hatype;
      const alen = dv.getUint16(4) // uint16 sll_halen;
      const view = { packetType, direction: packetType === PACKET_OUTGOING ? 'out' : 'in' } as EthernetView
      if (alen === 6) view.src = frame.subarray(6, 12) // uint8 sll_addr[8];
      return peel(frame, dv, dv.getUint16(14), 16, view) // uint16 sll_protocol;
    }
    case LINKTYPE_LINUX_SLL2: {
      if (frame.length < 20) throw new TruncatedError(20, frame.length, { offset: 0, field: 'linux SLL2 header' })
      const type = dv.getUint16(0) // uint16 sll2_protocol;
      // uint16 sll2_reserved_mbz;
      const ifIndex = dv.getUint32(4) // uint32 sll2_if_index;
      // uint16 sll2_hatype;
      const packetType = dv.getUint8(10) // uint8 sll2_pkttype;
      const alen = dv.getUint8(11) // uint8 sll2_halen;
      const view = { packetType, ifIndex, direction: packetType === PACKET_OUTGOING ? 'out' : 'in' } as EthernetView
      if (alen === 6) view.src = frame.subarray(12, 18) // uint8 sll2_addr[8];
      return peel(frame, dv, type, 20, view)
    }
    default:
      throw new UnsupportedError('LINKTYPE_UNSUPPORTED', `link type ${linkType} is not Ethernet, SLL or SLL2`, { field: 'linktype' })
  }
}

export function linkTypeName(linkType: number): string {
  return linkType === 1 ? 'EN10MB' : linkType === 113 ? 'LINUX_SLL' : linkType === 276 ? 'LINUX_SLL2' : `LINKTYPE_${linkType}`
}
