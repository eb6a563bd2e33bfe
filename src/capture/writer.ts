// Capture writers: classic pcap (libpcap format, either byte order, µs or ns) and pcapng.
// Used by `ofl lacp craft --out` and by tests and benchmarks to build fixtures.
// Formats: https://www.tcpdump.org/manpages/pcap-savefile.5.html and draft-ietf-opsawg-pcapng.

export const LINKTYPE_ETHERNET = 1
export const LINKTYPE_LINUX_SLL = 113
export const LINKTYPE_LINUX_SLL2 = 276

export interface WriteRecord {
  /** Seconds since the epoch. */
  tsSec: number
  /** Nanoseconds within the second (0..999999999). */
  tsNsec?: number
  /** Captured bytes. */
  data: Uint8Array
  /** Original length on the wire; defaults to data.length. */
  origLen?: number
}

export interface PcapWriteOptions {
  linkType?: number
  snaplen?: number
  nanosecond?: boolean
  bigEndian?: boolean
}

const MAGIC_US = 0xa1b2c3d4
const MAGIC_NS = 0xa1b23c4d

/** The 24-byte classic pcap file header. */
export function pcapHeader(opts: PcapWriteOptions = {}): Buffer {
  const le = !opts.bigEndian
  const h = Buffer.alloc(24)
  const dv = new DataView(h.buffer, h.byteOffset, 24)
  dv.setUint32(0, opts.nanosecond ? MAGIC_NS : MAGIC_US, le)
  dv.setUint16(4, 2, le) // version_major
  dv.setUint16(6, 4, le) // version_minor
  dv.setInt32(8, 0, le) // thiszone
  dv.setUint32(12, 0, le) // sigfigs
  dv.setUint32(16, opts.snaplen ?? 65535, le)
  dv.setUint32(20, opts.linkType ?? LINKTYPE_ETHERNET, le)
  return h
}

/** One classic pcap record (16-byte header + data). */
export function pcapRecord(rec: WriteRecord, opts: PcapWriteOptions = {}): Buffer {
  const le = !opts.bigEndian
  const out = Buffer.alloc(16 + rec.data.length)
  const dv = new DataView(out.buffer, out.byteOffset, 16)
  const nsec = rec.tsNsec ?? 0
  dv.setUint32(0, rec.tsSec >>> 0, le)
  dv.setUint32(4, opts.nanosecond ? nsec : Math.floor(nsec / 1000), le)
  dv.setUint32(8, rec.data.length, le)
  dv.setUint32(12, rec.origLen ?? rec.data.length, le)
  out.set(rec.data, 16)
  return out
}

/** A whole classic pcap file in memory. */
export function writePcap(records: Iterable<WriteRecord>, opts: PcapWriteOptions = {}): Buffer {
  const parts = [pcapHeader(opts)]
  for (const r of records) parts.push(pcapRecord(r, opts))
  return Buffer.concat(parts)
}

// ---------------------------------------------------------------------------------------------
// pcapng writer (draft-ietf-opsawg-pcapng §4): SHB, IDB (if_name, if_tsresol), EPB (epb_flags), SPB.

export interface PcapngInterfaceSpec {
  linkType?: number
  snaplen?: number
  name?: string
  /** if_tsresol byte (default 6 = µs; 9 = ns). Only powers of ten are written by this writer. */
  tsresol?: number
}

export interface PcapngWriteRecord extends WriteRecord {
  /** Index into the section's interfaces (default 0). */
  interfaceId?: number
  /** epb_flags direction. */
  direction?: 'in' | 'out'
  /** Write a Simple Packet Block instead of an EPB (no timestamp, interface 0). */
  simple?: boolean
}

export interface PcapngSectionSpec {
  interfaces?: PcapngInterfaceSpec[]
  records: Iterable<PcapngWriteRecord>
  bigEndian?: boolean
  /** Extra raw blocks (type, body) written right after the IDBs, e.g. to test skipping unknown blocks. */
  extraBlocks?: { type: number; body: Uint8Array }[]
}

const pad4 = (n: number): number => (n + 3) & ~3

/** One pcapng block: type, total length, body (padded to 4), trailing total length. */
export function pcapngBlock(type: number, body: Uint8Array, bigEndian = false): Buffer {
  const le = !bigEndian
  const total = 12 + pad4(body.length)
  const out = Buffer.alloc(total)
  const dv = new DataView(out.buffer, out.byteOffset, total)
  dv.setUint32(0, type, le)
  dv.setUint32(4, total, le)
  out.set(body, 8)
  dv.setUint32(total - 4, total, le)
  return out
}

function options(opts: { code: number; value: Uint8Array }[], le: boolean): Buffer {
  if (opts.length === 0) return Buffer.alloc(0)
  const parts: Buffer[] = []
  for (const o of opts) {
    const b = Buffer.alloc(4 + pad4(o.value.length))
    const dv = new DataView(b.buffer, b.byteOffset, 4)
    dv.setUint16(0, o.code, le)
    dv.setUint16(2, o.value.length, le)
    b.set(o.value, 4)
    parts.push(b)
  }
  parts.push(Buffer.alloc(4)) // opt_endofopt
  return Buffer.concat(parts)
}

function pcapngSection(spec: PcapngSectionSpec): Buffer[] {
  const le = !spec.bigEndian
  const be = !le
  const shb = Buffer.alloc(16)
  const sdv = new DataView(shb.buffer, shb.byteOffset, 16)
  sdv.setUint32(0, 0x1a2b3c4d, le) // byte_order_magic
  sdv.setUint16(4, 1, le) // major_version
  sdv.setUint16(6, 0, le) // minor_version
  sdv.setBigInt64(8, -1n, le) // section_length: unknown
  const parts = [pcapngBlock(0x0a0d0d0a, shb, be)]
  const ifaces = spec.interfaces?.length ? spec.interfaces : [{}]
  for (const i of ifaces) {
    const head = Buffer.alloc(8)
    const dv = new DataView(head.buffer, head.byteOffset, 8)
    dv.setUint16(0, i.linkType ?? LINKTYPE_ETHERNET, le)
    dv.setUint32(4, i.snaplen ?? 262144, le)
    const opts: { code: number; value: Uint8Array }[] = []
    if (i.name !== undefined) opts.push({ code: 2, value: Buffer.from(i.name, 'utf8') })
    if (i.tsresol !== undefined) opts.push({ code: 9, value: Uint8Array.of(i.tsresol) })
    parts.push(pcapngBlock(1, Buffer.concat([head, options(opts, le)]), be))
  }
  for (const x of spec.extraBlocks ?? []) parts.push(pcapngBlock(x.type, x.body, be))
  for (const r of spec.records) {
    if (r.simple) {
      const body = Buffer.alloc(4 + r.data.length)
      new DataView(body.buffer, body.byteOffset, 4).setUint32(0, r.origLen ?? r.data.length, le)
      body.set(r.data, 4)
      parts.push(pcapngBlock(3, body, be))
      continue
    }
    const id = r.interfaceId ?? 0
    const res = ifaces[id]?.tsresol ?? 6
    if (res > 9) throw new RangeError(`writer supports if_tsresol 0..9, got ${res}`)
    const ts = BigInt(r.tsSec) * 10n ** BigInt(res) + BigInt(Math.floor((r.tsNsec ?? 0) / 10 ** (9 - res)))
    const head = Buffer.alloc(20)
    const dv = new DataView(head.buffer, head.byteOffset, 20)
    dv.setUint32(0, id, le)
    dv.setUint32(4, Number(ts >> 32n), le)
    dv.setUint32(8, Number(ts & 0xffffffffn), le)
    dv.setUint32(12, r.data.length, le)
    dv.setUint32(16, r.origLen ?? r.data.length, le)
    const data = Buffer.alloc(pad4(r.data.length))
    data.set(r.data)
    const opts: { code: number; value: Uint8Array }[] = []
    if (r.direction) {
      const f = Buffer.alloc(4)
      new DataView(f.buffer, f.byteOffset, 4).setUint32(0, r.direction === 'in' ? 1 : 2, le)
      opts.push({ code: 2, value: f })
    }
    parts.push(pcapngBlock(6, Buffer.concat([head, data, options(opts, le)]), be))
  }
  return parts
}

/** A whole pcapng file: one section, or several (each with its own byte order and interfaces). */
export function writePcapng(sections: PcapngSectionSpec | PcapngSectionSpec[]): Buffer {
  const list = Array.isArray(sections) ? sections : [sections]
  return Buffer.concat(list.flatMap(pcapngSection))
}

// ---------------------------------------------------------------------------------------------
// Link-layer framing helpers for fixtures: Ethernet frame → SLL / SLL2 / VLAN-tagged Ethernet.

/** Linux cooked v1 (LINKTYPE_LINUX_SLL) from an Ethernet frame; packetType 0 host … 4 outgoing. */
export function toSll(eth: Uint8Array, packetType = 0): Buffer {
  const out = Buffer.alloc(16 + eth.length - 14)
  const dv = new DataView(out.buffer, out.byteOffset, 16)
  dv.setUint16(0, packetType) // sll_pkttype
  dv.setUint16(2, 1) // sll_hatype = ARPHRD_ETHER
  dv.setUint16(4, 6) // sll_halen
  out.set(eth.subarray(6, 12), 6) // sll_addr = source MAC
  out[14] = eth[12]!
  out[15] = eth[13]!
  out.set(eth.subarray(14), 16)
  return out
}

/** Linux cooked v2 (LINKTYPE_LINUX_SLL2) from an Ethernet frame. */
export function toSll2(eth: Uint8Array, ifIndex: number, packetType = 0): Buffer {
  const out = Buffer.alloc(20 + eth.length - 14)
  const dv = new DataView(out.buffer, out.byteOffset, 20)
  out[0] = eth[12]!
  out[1] = eth[13]! // sll2_protocol
  dv.setUint32(4, ifIndex) // sll2_if_index
  dv.setUint16(8, 1) // sll2_hatype = ARPHRD_ETHER
  out[10] = packetType // sll2_pkttype
  out[11] = 6 // sll2_halen
  out.set(eth.subarray(6, 12), 12)
  out.set(eth.subarray(14), 20)
  return out
}

/** Insert VLAN tags (outermost first) after the MACs of an Ethernet frame. */
export function withVlans(eth: Uint8Array, tags: { vid: number; pcp?: number; tpid?: number }[]): Buffer {
  const out = Buffer.alloc(eth.length + 4 * tags.length)
  out.set(eth.subarray(0, 12))
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength)
  let o = 12
  for (const t of tags) {
    dv.setUint16(o, t.tpid ?? 0x8100)
    dv.setUint16(o + 2, ((t.pcp ?? 0) << 13) | (t.vid & 0xfff))
    o += 4
  }
  out.set(eth.subarray(12), o)
  return out
}
