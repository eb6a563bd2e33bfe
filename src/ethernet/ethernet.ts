// Ethernet II framing with optional 802.1Q / 802.1ad tags — IEEE 802.3 §3.2, IEEE 802.1Q §9.
//
//   0 dst(6) | 6 src(6) | 12 TPID/EtherType(2) [| TCI(2) | TPID/EtherType(2) …] | payload
//
// Tags with TPID 0x8100 (C-tag), 0x88a8 (S-tag) or 0x9100 (pre-standard QinQ) are peeled, outermost
// first. The FCS is not assumed: captures usually lack it, and whatever follows a payload is the
// payload's business (slow protocols expose it as `trailing`). `peekEthernet` is the hot-path
// variant: it reads in place into a reused object and allocates nothing.
import { TruncatedError } from '../wire/errors.js'
import { asBytes, type BytesLike } from '../wire/json.js'
import { formatMac } from '../wire/mac.js'
import { WireWriter } from '../wire/writer.js'

export const ETH_HEADER_SIZE = 14
export const ETH_ALEN = 6
export const VLAN_TAG_SIZE = 4
export const ETH_TYPE_8021Q = 0x8100 // 802.1Q C-tag
export const ETH_TYPE_8021AD = 0x88a8 // 802.1ad S-tag
export const ETH_TYPE_QINQ_9100 = 0x9100 // pre-standard QinQ
/** Shortest frame on the wire without FCS (802.3 minFrameSize 64 − 4). */
export const ETH_MIN_FRAME = 60

export function isVlanTpid(t: number): boolean {
  return t === ETH_TYPE_8021Q || t === ETH_TYPE_8021AD || t === ETH_TYPE_QINQ_9100
}

export interface EthernetVlanTag {
  /** 0x8100, 0x88a8 or 0x9100. */
  tpid: number
  /** Priority code point (3 bits). */
  pcp: number
  /** Drop eligible indicator. */
  dei: boolean
  /** VLAN id (12 bits). */
  vid: number
}

export interface EthernetFrame {
  dst: string
  src: string
  /** Tags in wire order (outermost first); empty when untagged. */
  vlans: EthernetVlanTag[]
  /** The EtherType after the tags (a value < 0x0600 is an 802.3 length field). */
  ethertype: number
  /** Absolute offset of the payload in the decoded buffer. */
  payloadOffset: number
  /** Everything after the header. View into the input; copy before retaining. */
  payload: Buffer
}

export interface EthernetFrameInput {
  dst: string
  src: string
  vlans?: Array<Partial<EthernetVlanTag> & { vid: number }>
  ethertype: number
  payload: BytesLike
}

/** Decode the frame in buf[off, end). Throws TruncatedError when the header or a tag is cut short. */
export function decodeEthernet(buf: Buffer, off = 0, end = buf.length): EthernetFrame {
  if (end - off < ETH_HEADER_SIZE) throw new TruncatedError(ETH_HEADER_SIZE, end - off, { offset: off, field: 'ethernet header' })
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const dst = formatMac(buf, off) // uint8_t dst[6];
  const src = formatMac(buf, off + 6) // uint8_t src[6];
  let p = off + 12
  let type = dv.getUint16(p) // uint16_t ethertype;
  const vlans: EthernetVlanTag[] = []
  while (isVlanTpid(type)) {
    if (end - p < 2 + VLAN_TAG_SIZE) throw new TruncatedError(2 + VLAN_TAG_SIZE, end - p, { offset: p, field: 'vlan tag' })
    const tci = dv.getUint16(p + 2) // uint16_t tci;
    vlans.push({ tpid: type, pcp: tci >>> 13, dei: (tci & 0x1000) !== 0, vid: tci & 0x0fff })
    p += VLAN_TAG_SIZE
    type = dv.getUint16(p)
  }
  p += 2
  return { dst, src, vlans, ethertype: type, payloadOffset: p, payload: buf.subarray(p, end) }
}

export function encodeEthernet(w: WireWriter, f: EthernetFrameInput): void {
  w.mac(f.dst).mac(f.src)
  for (const v of f.vlans ?? []) {
    w.u16(v.tpid ?? ETH_TYPE_8021Q).u16((((v.pcp ?? 0) & 7) << 13) | (v.dei ? 0x1000 : 0) | (v.vid & 0x0fff))
  }
  w.u16(f.ethertype).bytes(f.payload)
}

export function ethernetLength(f: EthernetFrameInput): number {
  return ETH_HEADER_SIZE + VLAN_TAG_SIZE * (f.vlans?.length ?? 0) + asBytes(f.payload).length
}

export function ethernetToBuffer(f: EthernetFrameInput): Buffer {
  const w = new WireWriter(ethernetLength(f))
  encodeEthernet(w, f)
  return w.finish()
}

/** Reused output of `peekEthernet`: MACs as 48-bit integers, no strings, no views. */
export interface EthernetPeek {
  dst: number
  src: number
  ethertype: number
  /** Number of tags peeled. */
  vlanCount: number
  /** VID of the outermost tag, or -1 when untagged. */
  vid: number
  /** Absolute offset of the payload. */
  payloadOffset: number
}

export function newEthernetPeek(): EthernetPeek {
  return { dst: 0, src: 0, ethertype: 0, vlanCount: 0, vid: -1, payloadOffset: 0 }
}

/**
 * Read the Ethernet header at `off` into `out` without allocating. Returns false when the header (or a
 * tag) does not fit in [off, end). `dv` is a DataView over the whole receive buffer.
 */
export function peekEthernet(dv: DataView, off: number, end: number, out: EthernetPeek): boolean {
  if (end - off < ETH_HEADER_SIZE || end > dv.byteLength) return false
  out.dst = dv.getUint16(off) * 0x100000000 + dv.getUint32(off + 2)
  out.src = dv.getUint16(off + 6) * 0x100000000 + dv.getUint32(off + 8)
  let p = off + 12
  let type = dv.getUint16(p)
  let n = 0
  out.vid = -1
  while (type === ETH_TYPE_8021Q || type === ETH_TYPE_8021AD || type === ETH_TYPE_QINQ_9100) {
    if (end - p < 2 + VLAN_TAG_SIZE) return false
    if (n === 0) out.vid = dv.getUint16(p + 2) & 0x0fff
    n++
    p += VLAN_TAG_SIZE
    type = dv.getUint16(p)
  }
  out.ethertype = type
  out.vlanCount = n
  out.payloadOffset = p + 2
  return true
}
