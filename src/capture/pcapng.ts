// pcapng reader: draft-ietf-opsawg-pcapng (PCAP Next Generation Dump File Format), §4 blocks.
//
// - Byte order is per section: each Section Header Block (type 0x0A0D0D0A, a palindrome) carries the
//   Byte-Order Magic 0x1A2B3C4D; a new SHB resets the interface table (§4.1).
// - Interface Description Blocks give link type, snaplen and options if_name (2), if_tsresol (9) and
//   if_tsoffset (14) (§4.2). Interface ids in EPBs index the IDBs of the current section.
// - Enhanced Packet Blocks (§4.3, with epb_flags direction), Simple Packet Blocks (§4.4, interface 0,
//   captured length = min(original length, snaplen, block body)) and the obsolete Packet Block (type 2)
//   carry packets. Every other block (NRB, ISB, DSB, custom, unknown) is skipped by its length.
// - Every block's total length is checked: ≥ 12, a multiple of 4, equal to the trailing copy, and
//   bounded (16 MiB, libpcap's limit) so a lying length cannot make the reader buffer the whole file.
import { MalformedError, TruncatedError, UnsupportedError } from '../wire/errors.js'
import type { CaptureParser, CaptureRecord } from './record.js'
import type { FrameFilter } from './filter.js'

export const PCAPNG_SHB = 0x0a0d0d0a
export const PCAPNG_IDB = 0x00000001
export const PCAPNG_PB = 0x00000002 // obsolete Packet Block
export const PCAPNG_SPB = 0x00000003
export const PCAPNG_NRB = 0x00000004
export const PCAPNG_ISB = 0x00000005
export const PCAPNG_EPB = 0x00000006
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d
export const PCAPNG_MAX_BLOCK = 16 * 1024 * 1024

export const OPT_ENDOFOPT = 0
export const IF_NAME = 2
export const IF_DESCRIPTION = 3
export const IF_TSRESOL = 9
export const IF_TSOFFSET = 14
export const EPB_FLAGS = 2

export interface PcapngInterface {
  linkType: number
  snaplen: number
  name?: string
  description?: string
  /** if_tsresol raw byte (default 6: microseconds). */
  tsresol: number
  /** if_tsoffset seconds. */
  tsoffset: number
  /** Timestamp units per second when a power of ten ≤ 1e9, else 0 (BigInt path). */
  unitsPerSec: number
  nsPerUnit: number
}

export interface PcapngSection {
  littleEndian: boolean
  versionMajor: number
  versionMinor: number
  offset: number
  interfaces: PcapngInterface[]
}

/** Split the 64-bit timestamp high:low (in 1/unitsPerSec) into seconds and remainder, without BigInt. */
function divTs(high: number, low: number, d: number): [number, number] {
  // long division in base 2^16: every intermediate stays below 2^53 for d ≤ 2^32
  let r = 0
  let q = 0
  const digits = [high >>> 16, high & 0xffff, low >>> 16, low & 0xffff]
  for (let i = 0; i < 4; i++) {
    const cur = r * 65536 + digits[i]!
    const qd = Math.floor(cur / d)
    r = cur - qd * d
    q = q * 65536 + qd
  }
  return [q, r]
}

export class PcapngParser implements CaptureParser {
  readonly format = 'pcapng' as const
  frame = 1
  accept: FrameFilter | undefined
  maxRecords: number | undefined
  /** Sections seen so far (the last is current). */
  readonly sections: PcapngSection[] = []
  private section: PcapngSection | undefined
  /** Blocks skipped by type (NRB, ISB, custom …), for reports and tests. */
  readonly skipped = new Map<number, number>()

  parse(buf: Buffer, dv: DataView, pos: number, end: number, base: number, out: CaptureRecord[]): number {
    const maxRecords = this.maxRecords ?? Infinity
    while (end - pos >= 12 && out.length < maxRecords) {
      let le: boolean
      const rawType = dv.getUint32(pos, true)
      if (rawType === PCAPNG_SHB) {
        const bom = dv.getUint32(pos + 8, true) // uint32 byte_order_magic;
        if (bom === PCAPNG_BYTE_ORDER_MAGIC) le = true
        else if (bom === 0x4d3c2b1a) le = false
        else throw new MalformedError('PCAPNG_BAD_BYTE_ORDER', `bad byte-order magic ${buf.subarray(pos + 8, pos + 12).toString('hex')}`, { offset: base + pos + 8, field: 'byte_order_magic' })
      } else {
        if (this.section === undefined) {
          throw new MalformedError('CAPTURE_BAD_MAGIC', `pcapng file does not start with a section header block`, { offset: base + pos, field: 'block_type' })
        }
        le = this.section.littleEndian
      }
      const type = dv.getUint32(pos, le) // uint32 block_type;
      const len = dv.getUint32(pos + 4, le) // uint32 block_total_length;
      if (len < 12 || len % 4 !== 0 || len > PCAPNG_MAX_BLOCK) {
        throw new MalformedError('PCAPNG_BAD_BLOCK_LENGTH', `block total length ${len} is invalid (type 0x${type.toString(16)})`, { offset: base + pos + 4, field: 'block_total_length' })
      }
      if (end - pos < len) break
      const trailing = dv.getUint32(pos + len - 4, le) // uint32 block_total_length; (trailing copy)
      if (trailing !== len) {
        throw new MalformedError('PCAPNG_BAD_BLOCK_LENGTH', `trailing block length ${trailing} differs from leading ${len}`, { offset: base + pos + len - 4, field: 'block_total_length (trailing)' })
      }
      const bodyEnd = pos + len - 4
      switch (type) {
        case PCAPNG_SHB:
          this.readShb(dv, pos, bodyEnd, base, le)
          break
        case PCAPNG_IDB:
          this.readIdb(buf, dv, pos, bodyEnd, base, le)
          break
        case PCAPNG_EPB:
          this.readEpb(buf, dv, pos, bodyEnd, base, le, out)
          break
        case PCAPNG_SPB:
          this.readSpb(buf, dv, pos, bodyEnd, base, le, out)
          break
        case PCAPNG_PB:
          this.readPb(buf, dv, pos, bodyEnd, base, le, out)
          break
        default:
          this.skipped.set(type, (this.skipped.get(type) ?? 0) + 1)
      }
      pos += len
    }
    return pos
  }

  finish(dv: DataView, pos: number, end: number, base: number): void {
    const left = end - pos
    if (left === 0) return
    if (left < 8) throw new TruncatedError(12, left, { offset: base + pos, field: 'pcapng block header' })
    // never read past `end`: the in-memory reader's DataView ends there (an SHB cut before its
    // byte-order magic reads its length little-endian)
    const le = dv.getUint32(pos, true) === PCAPNG_SHB ? left < 12 || dv.getUint32(pos + 8, true) === PCAPNG_BYTE_ORDER_MAGIC : this.section?.littleEndian ?? true
    throw new TruncatedError(dv.getUint32(pos + 4, le), left, { offset: base + pos, field: 'pcapng block' })
  }

  private readShb(dv: DataView, pos: number, bodyEnd: number, base: number, le: boolean): void {
    if (bodyEnd - pos < 24) {
      throw new MalformedError('PCAPNG_BAD_BLOCK_LENGTH', 'section header block shorter than 28 bytes', { offset: base + pos + 4, field: 'block_total_length' })
    }
    const versionMajor = dv.getUint16(pos + 12, le) // uint16 major_version;
    const versionMinor = dv.getUint16(pos + 14, le) // uint16 minor_version;
    // int64 section_length; (-1 = unknown; not needed for sequential reading)
    if (versionMajor !== 1) {
      throw new UnsupportedError('PCAPNG_BAD_VERSION', `unsupported pcapng version ${versionMajor}.${versionMinor}`, { offset: base + pos + 12, field: 'major_version' })
    }
    this.section = { littleEndian: le, versionMajor, versionMinor, offset: base + pos, interfaces: [] }
    this.sections.push(this.section)
  }

  private readIdb(buf: Buffer, dv: DataView, pos: number, bodyEnd: number, base: number, le: boolean): void {
    if (bodyEnd - pos < 16) {
      throw new MalformedError('PCAPNG_BAD_BLOCK_LENGTH', 'interface description block shorter than 20 bytes', { offset: base + pos + 4, field: 'block_total_length' })
    }
    const iface: PcapngInterface = {
      linkType: dv.getUint16(pos + 8, le), // uint16 link_type;
      // uint16 reserved;
      snaplen: dv.getUint32(pos + 12, le), // uint32 snaplen;
      tsresol: 6,
      tsoffset: 0,
      unitsPerSec: 1e6,
      nsPerUnit: 1000,
    }
    let o = pos + 16
    while (bodyEnd - o >= 4) {
      const code = dv.getUint16(o, le) // uint16 option_code;
      const olen = dv.getUint16(o + 2, le) // uint16 option_length;
      if (code === OPT_ENDOFOPT) break
      const v = o + 4
      if (v + olen > bodyEnd) {
        throw new MalformedError('PCAPNG_BAD_OPTION', `option ${code} length ${olen} overruns its block`, { offset: base + o + 2, field: 'option_length' })
      }
      if (code === IF_NAME) iface.name = buf.toString('utf8', v, v + olen).replace(/\0+$/, '')
      else if (code === IF_DESCRIPTION) iface.description = buf.toString('utf8', v, v + olen).replace(/\0+$/, '')
      else if (code === IF_TSRESOL) {
        if (olen !== 1) throw new MalformedError('PCAPNG_BAD_OPTION', `if_tsresol length ${olen}, expected 1`, { offset: base + o + 2, field: 'if_tsresol' })
        iface.tsresol = dv.getUint8(v)
      } else if (code === IF_TSOFFSET) {
        if (olen !== 8) throw new MalformedError('PCAPNG_BAD_OPTION', `if_tsoffset length ${olen}, expected 8`, { offset: base + o + 2, field: 'if_tsoffset' })
        iface.tsoffset = Number(dv.getBigInt64(v, le))
      }
      o = v + ((olen + 3) & ~3)
    }
    const r = iface.tsresol
    if ((r & 0x80) === 0 && r <= 9) {
      iface.unitsPerSec = 10 ** r
      iface.nsPerUnit = 10 ** (9 - r)
    } else {
      if ((r & 0x80) === 0 ? r > 18 : (r & 0x7f) > 63) {
        throw new UnsupportedError('PCAPNG_BAD_TSRESOL', `unsupported if_tsresol 0x${r.toString(16)}`, { offset: base + pos, field: 'if_tsresol' })
      }
      iface.unitsPerSec = 0
      iface.nsPerUnit = 0
    }
    this.section!.interfaces.push(iface)
  }

  private iface(id: number, pos: number, base: number): PcapngInterface {
    const i = this.section!.interfaces[id]
    if (i === undefined) {
      throw new MalformedError('PCAPNG_BAD_INTERFACE', `packet refers to interface ${id}, but the section has ${this.section!.interfaces.length}`, { offset: base + pos + 8, field: 'interface_id' })
    }
    return i
  }

  private time(iface: PcapngInterface, high: number, low: number): [number, number] {
    if (iface.unitsPerSec !== 0) {
      const [s, r] = divTs(high, low, iface.unitsPerSec)
      return [s + iface.tsoffset, r * iface.nsPerUnit]
    }
    const ts = (BigInt(high) << 32n) | BigInt(low)
    const r = iface.tsresol
    const per = (r & 0x80) === 0 ? 10n ** BigInt(r) : 1n << BigInt(r & 0x7f)
    const s = ts / per
    return [Number(s) + iface.tsoffset, Number(((ts % per) * 1_000_000_000n) / per)]
  }

  private readEpb(buf: Buffer, dv: DataView, pos: number, bodyEnd: number, base: number, le: boolean, out: CaptureRecord[]): void {
    if (bodyEnd - pos < 28) {
      throw new MalformedError('PCAPNG_BAD_BLOCK_LENGTH', 'enhanced packet block shorter than 32 bytes', { offset: base + pos + 4, field: 'block_total_length' })
    }
    const id = dv.getUint32(pos + 8, le) // uint32 interface_id;
    const iface = this.iface(id, pos, base)
    const high = dv.getUint32(pos + 12, le) // uint32 timestamp_high;
    const low = dv.getUint32(pos + 16, le) // uint32 timestamp_low;
    const caplen = dv.getUint32(pos + 20, le) // uint32 captured_packet_length;
    const origLen = dv.getUint32(pos + 24, le) // uint32 original_packet_length;
    const start = pos + 28
    if (caplen > bodyEnd - start) {
      throw new MalformedError('PCAPNG_BAD_CAPLEN', `captured length ${caplen} overruns its block (${bodyEnd - start} bytes left)`, { offset: base + pos + 20, field: 'captured_packet_length' })
    }
    if (this.accept !== undefined && !this.accept(buf, start, caplen, iface.linkType)) {
      this.frame++
      return
    }
    const [tsSec, tsNsec] = this.time(iface, high, low)
    const rec: CaptureRecord = {
      frame: this.frame++, tsSec, tsNsec, linkType: iface.linkType, interfaceId: id,
      data: buf.subarray(start, start + caplen), origLen, offset: base + pos,
    }
    if (iface.name !== undefined) rec.interfaceName = iface.name
    // options (lenient, like libpcap, which does not read EPB options at all): only epb_flags is used
    let o = start + ((caplen + 3) & ~3)
    while (bodyEnd - o >= 4) {
      const code = dv.getUint16(o, le) // uint16 option_code;
      const olen = dv.getUint16(o + 2, le) // uint16 option_length;
      if (code === OPT_ENDOFOPT || o + 4 + olen > bodyEnd) break
      if (code === EPB_FLAGS && olen === 4) {
        const dir = dv.getUint32(o + 4, le) & 3 // uint32 epb_flags; bits 0-1: inbound/outbound
        if (dir === 1) rec.direction = 'in'
        else if (dir === 2) rec.direction = 'out'
      }
      o += 4 + ((olen + 3) & ~3)
    }
    out.push(rec)
  }

  private readSpb(buf: Buffer, dv: DataView, pos: number, bodyEnd: number, base: number, le: boolean, out: CaptureRecord[]): void {
    if (bodyEnd - pos < 12) {
      throw new MalformedError('PCAPNG_BAD_BLOCK_LENGTH', 'simple packet block shorter than 16 bytes', { offset: base + pos + 4, field: 'block_total_length' })
    }
    const iface = this.iface(0, pos - 0, base)
    const origLen = dv.getUint32(pos + 8, le) // uint32 original_packet_length;
    const start = pos + 12
    let caplen = Math.min(origLen, bodyEnd - start)
    if (iface.snaplen !== 0) caplen = Math.min(caplen, iface.snaplen)
    if (this.accept !== undefined && !this.accept(buf, start, caplen, iface.linkType)) {
      this.frame++
      return
    }
    const rec: CaptureRecord = {
      // a Simple Packet Block has no timestamp
      frame: this.frame++, tsSec: 0, tsNsec: 0, linkType: iface.linkType, interfaceId: 0,
      data: buf.subarray(start, start + caplen), origLen, offset: base + pos,
    }
    if (iface.name !== undefined) rec.interfaceName = iface.name
    out.push(rec)
  }

  private readPb(buf: Buffer, dv: DataView, pos: number, bodyEnd: number, base: number, le: boolean, out: CaptureRecord[]): void {
    if (bodyEnd - pos < 28) {
      throw new MalformedError('PCAPNG_BAD_BLOCK_LENGTH', 'packet block shorter than 32 bytes', { offset: base + pos + 4, field: 'block_total_length' })
    }
    const id = dv.getUint16(pos + 8, le) // uint16 interface_id;
    // uint16 drops_count;
    const iface = this.iface(id, pos, base)
    const [tsSec, tsNsec] = this.time(iface, dv.getUint32(pos + 12, le), dv.getUint32(pos + 16, le))
    const caplen = dv.getUint32(pos + 20, le) // uint32 captured_len;
    const origLen = dv.getUint32(pos + 24, le) // uint32 packet_len;
    const start = pos + 28
    if (caplen > bodyEnd - start) {
      throw new MalformedError('PCAPNG_BAD_CAPLEN', `captured length ${caplen} overruns its block`, { offset: base + pos + 20, field: 'captured_len' })
    }
    if (this.accept !== undefined && !this.accept(buf, start, caplen, iface.linkType)) {
      this.frame++
      return
    }
    const rec: CaptureRecord = {
      frame: this.frame++, tsSec, tsNsec, linkType: iface.linkType, interfaceId: id,
      data: buf.subarray(start, start + caplen), origLen, offset: base + pos,
    }
    if (iface.name !== undefined) rec.interfaceName = iface.name
    out.push(rec)
  }
}
