// IPv4 / IPv6 → TCP segment view, enough to reassemble OpenFlow connections from a capture.
// RFC 791 §3.1 (IPv4 header), RFC 8200 §3–4 (IPv6 header and extension headers), RFC 9293 §3.1 (TCP
// header). Reads in place (one DataView per frame) and returns views; nothing is copied.
//
// Leniency, as tcpdump and Wireshark: a bad IPv4 checksum is ignored (captures taken on the sending
// host carry offloaded, unfilled checksums); the IP total length bounds the TCP payload (Ethernet
// padding after a short segment is not payload); a frame snapped shorter than the IP length yields
// the bytes present and `snapped = true`, so the reassembler can report the hole.
import { MalformedError, TruncatedError, UnsupportedError } from '../../wire/errors.js'

export const ETH_TYPE_IPV4 = 0x0800
export const ETH_TYPE_IPV6 = 0x86dd
export const IPPROTO_TCP = 6

/** TCP header flags (RFC 9293 §3.1). */
export const TCP_FIN = 0x01
export const TCP_SYN = 0x02
export const TCP_RST = 0x04
export const TCP_PSH = 0x08
export const TCP_ACK = 0x10

export interface TcpSegment {
  /** "10.0.0.1" or "2001:db8::1". */
  srcAddr: string
  dstAddr: string
  srcPort: number
  dstPort: number
  /** uint32 sequence number of the first payload byte (or of the SYN/FIN). */
  seq: number
  /** uint32 acknowledgment number (meaningful when flags has TCP_ACK). */
  ack: number
  flags: number
  /** Payload view (bounded by the IP length and by what was captured). */
  payload: Buffer
  /** True when the capture holds fewer payload bytes than the IP header announces. */
  snapped: boolean
  /** Payload bytes announced by the IP header (≥ payload.length). */
  payloadLength: number
}

function ipv4Text(b: Buffer, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`
}

/** RFC 5952 text (lower case, longest zero run compressed). */
function ipv6Text(dv: DataView, o: number): string {
  const w: number[] = []
  for (let i = 0; i < 8; i++) w.push(dv.getUint16(o + 2 * i))
  let best = -1
  let bestLen = 1
  for (let i = 0; i < 8; ) {
    if (w[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && w[j] === 0) j++
    if (j - i > bestLen) {
      best = i
      bestLen = j - i
    }
    i = j
  }
  const hex = w.map((x) => x.toString(16))
  if (best < 0) return hex.join(':')
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`
}

/** IPv6 extension headers that may precede TCP (RFC 8200 §4): hop-by-hop, routing, destination options. */
const IPV6_EXT = new Set([0, 43, 60])
const IPV6_FRAGMENT = 44

/**
 * The TCP segment in an IP packet (`ip` is the EtherType payload), or undefined when it is not TCP.
 * Throws TruncatedError for a packet shorter than its IP/TCP headers, MalformedError `IP_BAD_HEADER`
 * for impossible header lengths, UnsupportedError `IP_FRAGMENT` for fragments (not reassembled).
 */
export function parseTcp(ethertype: number, ip: Buffer): TcpSegment | undefined {
  const dv = new DataView(ip.buffer, ip.byteOffset, ip.byteLength)
  let proto: number
  let l4: number
  let end: number
  let srcAddr: string
  let dstAddr: string
  if (ethertype === ETH_TYPE_IPV4) {
    if (ip.length < 20) throw new TruncatedError(20, ip.length, { offset: 0, field: 'ipv4 header' })
    const vihl = ip[0]! // uint8 version:4, ihl:4;
    if (vihl >> 4 !== 4) throw new MalformedError('IP_BAD_HEADER', `IPv4 version field is ${vihl >> 4}`, { offset: 0, field: 'ipv4.version' })
    const ihl = (vihl & 0x0f) * 4
    const total = dv.getUint16(2) // uint16 total_length;
    if (ihl < 20 || total < ihl) throw new MalformedError('IP_BAD_HEADER', `IPv4 header length ${ihl}, total length ${total}`, { offset: 0, field: 'ipv4.ihl' })
    const frag = dv.getUint16(6) // uint16 flags:3, fragment_offset:13;
    proto = ip[9]! // uint8 protocol;
    if (proto !== IPPROTO_TCP) return undefined
    if ((frag & 0x3fff) !== 0) throw new UnsupportedError('IP_FRAGMENT', 'fragmented IPv4 packet', { offset: 6, field: 'ipv4.fragment' })
    srcAddr = ipv4Text(ip, 12) // uint32 src;
    dstAddr = ipv4Text(ip, 16) // uint32 dst;
    l4 = ihl
    end = total
  } else if (ethertype === ETH_TYPE_IPV6) {
    if (ip.length < 40) throw new TruncatedError(40, ip.length, { offset: 0, field: 'ipv6 header' })
    const plen = dv.getUint16(4) // uint16 payload_length;
    let next = ip[6]! // uint8 next_header;
    srcAddr = ipv6Text(dv, 8) // uint8 src[16];
    dstAddr = ipv6Text(dv, 24) // uint8 dst[16];
    l4 = 40
    end = 40 + plen
    while (IPV6_EXT.has(next)) {
      if (ip.length < l4 + 8) throw new TruncatedError(l4 + 8, ip.length, { offset: l4, field: 'ipv6 extension header' })
      const n = ip[l4]! // uint8 next_header;
      l4 += (ip[l4 + 1]! + 1) * 8 // uint8 hdr_ext_len; (8-octet units, not counting the first 8)
      next = n
    }
    if (next === IPV6_FRAGMENT) throw new UnsupportedError('IP_FRAGMENT', 'fragmented IPv6 packet', { offset: l4, field: 'ipv6.fragment' })
    if (next !== IPPROTO_TCP) return undefined
    if (end < l4) throw new MalformedError('IP_BAD_HEADER', `IPv6 payload length ${plen} ends inside the extension headers`, { offset: 4, field: 'ipv6.payload_length' })
  } else {
    return undefined
  }
  if (ip.length < l4 + 20) throw new TruncatedError(l4 + 20, ip.length, { offset: l4, field: 'tcp header' })
  const srcPort = dv.getUint16(l4) // uint16 src_port;
  const dstPort = dv.getUint16(l4 + 2) // uint16 dst_port;
  const seq = dv.getUint32(l4 + 4) // uint32 seq;
  const ack = dv.getUint32(l4 + 8) // uint32 ack;
  const doff = (ip[l4 + 12]! >> 4) * 4 // uint8 data_offset:4, reserved:4;
  const flags = ip[l4 + 13]! // uint8 flags;
  if (doff < 20 || l4 + doff > end) throw new MalformedError('IP_BAD_HEADER', `TCP data offset ${doff} is outside the segment`, { offset: l4 + 12, field: 'tcp.data_offset' })
  const start = l4 + doff
  const avail = Math.min(end, ip.length)
  const payload = start < avail ? ip.subarray(start, avail) : ip.subarray(0, 0)
  return { srcAddr, dstAddr, srcPort, dstPort, seq, ack, flags, payload, snapped: avail < end, payloadLength: end - start }
}

/** "10.0.0.1:6633" / "[2001:db8::1]:6633". */
export function endpointText(addr: string, port: number): string {
  return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`
}
