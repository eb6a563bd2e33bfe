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
// reach a slow-protocol PDU / a TCP segment on one of the ports, and every other frame is accepted
// (the TCP data offset is checked too, so junk behind an IP EtherType that happens to carry an
// OpenFlow port number is refused here, not after the OpenFlow reader was loaded for it).
import { LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2 } from './writer.js'

/**
 * Decide on one frame: `buf[start, start + len)` captured on `linkType`. Must not allocate or throw.
 * Returns true to keep the frame (a record is made), false to skip it (only the frame number advances).
 */
export type FrameFilter = ((buf: Uint8Array, start: number, len: number, linkType: number) => boolean) & {
  /**
   * What a filter made by makeFrameFilter keeps, for readers that inline the common cases (the
   * classic pcap scan loop in ./pcap.ts): untagged Ethernet frames decided from the EtherType and,
   * for IPv4, ipv4TcpOnPorts; everything else still goes through the function.
   */
  readonly plan?: FramePlan
}

export interface FramePlan {
  /** Keep slow-protocol frames. */
  readonly slow: boolean
  /** Bitmap of the TCP ports kept (bit p & 7 of byte p >> 3), or undefined when none is. */
  readonly ports: Uint8Array | undefined
}

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
  const bitmap = new Uint8Array(8192)
  let anyPort = false
  for (const p of opts.tcpPorts ?? []) {
    if (Number.isInteger(p) && p >= 0 && p <= 0xffff) {
      bitmap[p >> 3]! |= 1 << (p & 7)
      anyPort = true
    }
  }
  const ports = anyPort ? bitmap : undefined
  const filter = (b: Uint8Array, start: number, len: number, linkType: number): boolean => {
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
    if (ports === undefined) return false
    if (t === 0x0800) return ipv4TcpOnPorts(b, p, end, ports)
    if (t === 0x86dd) return ipv6TcpOnPorts(b, p, end, ports)
    return false
  }
  return Object.assign(filter, { plan: { slow, ports } satisfies FramePlan })
}

/** Is this port pair's source or destination port set in the bitmap? */
function onPorts(b: Uint8Array, l4: number, ports: Uint8Array): boolean {
  const sp = (b[l4]! << 8) | b[l4 + 1]!
  const dp = (b[l4 + 2]! << 8) | b[l4 + 3]!
  return (ports[sp >> 3]! & (1 << (sp & 7))) !== 0 || (ports[dp >> 3]! & (1 << (dp & 7))) !== 0
}

/**
 * The IPv4 packet at b[p, end) is a TCP segment that parseTcp reads (RFC 791 §3.1, RFC 9293 §3.1) and
 * its source or destination port is in `ports`. Small on purpose: the scan loops inline it. The port
 * pair is looked at before the TCP data offset, so a data frame costs the IPv4 checks and the ports.
 */
export function ipv4TcpOnPorts(b: Uint8Array, p: number, end: number, ports: Uint8Array): boolean {
  if (end - p < 20) return false // parseTcp: TRUNCATED ipv4 header
  const vihl = b[p]!
  const ihl = (vihl & 0x0f) << 2
  const total = (b[p + 2]! << 8) | b[p + 3]!
  // version 4, a header of 20..60 bytes inside the total length, TCP, not a fragment
  if (vihl >> 4 !== 4 || ihl < 20 || total < ihl || b[p + 9] !== 6 || (((b[p + 6]! << 8) | b[p + 7]!) & 0x3fff) !== 0) return false
  const l4 = p + ihl
  if (end - l4 < 20 || !onPorts(b, l4, ports)) return false // parseTcp: TRUNCATED tcp header
  const doff = (b[l4 + 12]! >> 4) << 2
  return doff >= 20 && ihl + doff <= total // parseTcp: IP_BAD_HEADER (data offset outside the segment)
}

/** The same for an IPv6 packet: hop-by-hop (0), routing (43), destination options (60) may precede TCP (RFC 8200 §3-4). */
function ipv6TcpOnPorts(b: Uint8Array, p: number, end: number, ports: Uint8Array): boolean {
  if (end - p < 40) return false
  let next = b[p + 6]!
  let l4 = p + 40
  while (next === 0 || next === 43 || next === 60) {
    if (end - l4 < 8) return false
    next = b[l4]!
    l4 += (b[l4 + 1]! + 1) << 3
  }
  if (next === IPV6_FRAGMENT || next !== 6) return false
  if (end - l4 < 20 || !onPorts(b, l4, ports)) return false
  const ipEnd = 40 + ((b[p + 4]! << 8) | b[p + 5]!) // relative to p, as parseTcp's `end`
  const doff = (b[l4 + 12]! >> 4) << 2
  return ipEnd >= l4 - p && doff >= 20 && l4 - p + doff <= ipEnd
}
