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
