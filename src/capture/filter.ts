// The scan-path frame filter: decides from the captured bytes, in place and without allocating,
// whether a frame can matter to a consumer, so that the capture readers make no record object for
// the others. A bonded link's capture is mostly data traffic; `ofl lacp decode` only wants
//   - slow-protocol frames (EtherType 0x8809, IEEE 802.1AX-2014 §6.2.11 / IEEE 802.3 Annex 57A),
//     possibly behind 802.1Q/802.1ad tags, and
//   - TCP segments to or from an OpenFlow port (LACP carried in packet-ins/packet-outs).
// Order of the checks: link type, EtherType (after the tags), then — for IPv4/IPv6 only — the IP
// header fields that decide whether the TCP ports exist, then the port pair against a 64 Ki bitmap.
//
// The filter is exact with respect to the decoders behind it (../capture/linktype.ts linkView and
// ../openflow/stream/tcp.ts parseTcp): a frame is rejected only when those would either throw or not
// reach a slow-protocol PDU / a TCP segment on one of the ports. Every other frame is accepted (a
// few accepted frames may still be refused later, e.g. a TCP header with a bad data offset).
import { LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2 } from './writer.js'

/**
 * Decide on one frame: `buf[start, start + len)` captured on `linkType`. Must not allocate or throw.
 * Returns true to keep the frame (a record is made), false to skip it (only the frame number advances).
 */
export type FrameFilter = (buf: Uint8Array, start: number, len: number, linkType: number) => boolean

export interface FrameFilterOptions {
  /** Keep slow-protocol frames (EtherType 0x8809, tagged or not). Default true. */
  slowProtocols?: boolean
  /** Keep IPv4/IPv6 TCP segments whose source or destination port is one of these. */
  tcpPorts?: readonly number[]
}

/** TPIDs peeled like linkView does (802.1Q, 802.1ad, the pre-standard QinQ 0x9100/0x9200), at most 8. */
const MAX_TAGS = 8
const IPV6_FRAGMENT = 44

/** The frame filter for these options (one function, one 8 KiB port bitmap). */
export function makeFrameFilter(opts: FrameFilterOptions = {}): FrameFilter {
  const slow = opts.slowProtocols !== false
  const ports = new Uint8Array(8192)
  let anyPort = false
  for (const p of opts.tcpPorts ?? []) {
    if (Number.isInteger(p) && p >= 0 && p <= 0xffff) {
      ports[p >> 3]! |= 1 << (p & 7)
      anyPort = true
    }
  }
  return (b, start, len, linkType) => {
    const end = start + len
    let t: number // EtherType
    let p: number // first byte after the link header / tag
    if (linkType === LINKTYPE_ETHERNET) {
      if (len < 14) return false // linkView: TRUNCATED
      t = (b[start + 12]! << 8) | b[start + 13]!
      p = start + 14
    } else if (linkType === LINKTYPE_LINUX_SLL) {
      if (len < 16) return false
      t = (b[start + 14]! << 8) | b[start + 15]!
      p = start + 16
    } else if (linkType === LINKTYPE_LINUX_SLL2) {
      if (len < 20) return false
      t = (b[start]! << 8) | b[start + 1]!
      p = start + 20
    } else return false
    // fast accept/reject on the outer EtherType: the common cases need no loop
    if (t === 0x8809) return slow
    if (t !== 0x0800 && t !== 0x86dd) {
      if (t !== 0x8100 && t !== 0x88a8 && t !== 0x9100 && t !== 0x9200) return false
      for (let n = 0; n < MAX_TAGS && (t === 0x8100 || t === 0x88a8 || t === 0x9100 || t === 0x9200); n++) {
        if (end - p < 4) return false // linkView: TRUNCATED 802.1Q tag
        t = (b[p + 2]! << 8) | b[p + 3]!
        p += 4
      }
      if (t === 0x8809) return slow
    }
    if (!anyPort) return false
    let l4: number
    let ipEnd: number
    if (t === 0x0800) {
      // RFC 791 §3.1, with parseTcp's checks
      if (end - p < 20) return false
      const vihl = b[p]!
      if (vihl >> 4 !== 4) return false
      const ihl = (vihl & 0x0f) << 2
      const total = (b[p + 2]! << 8) | b[p + 3]!
      if (ihl < 20 || total < ihl) return false
      if (b[p + 9] !== 6) return false // not TCP
      if ((((b[p + 6]! << 8) | b[p + 7]!) & 0x3fff) !== 0) return false // a fragment: not reassembled
      l4 = p + ihl
      ipEnd = end
    } else if (t === 0x86dd) {
      // RFC 8200 §3-4: hop-by-hop (0), routing (43), destination options (60) may precede TCP
      if (end - p < 40) return false
      let next = b[p + 6]!
      l4 = p + 40
      while (next === 0 || next === 43 || next === 60) {
        if (end - l4 < 8) return false
        next = b[l4]!
        l4 += (b[l4 + 1]! + 1) << 3
      }
      if (next === IPV6_FRAGMENT || next !== 6) return false
      ipEnd = end
    } else return false
    if (ipEnd - l4 < 20) return false // parseTcp: TRUNCATED tcp header
    const sp = (b[l4]! << 8) | b[l4 + 1]!
    const dp = (b[l4 + 2]! << 8) | b[l4 + 3]!
    return (ports[sp >> 3]! & (1 << (sp & 7))) !== 0 || (ports[dp >> 3]! & (1 << (dp & 7))) !== 0
  }
}
