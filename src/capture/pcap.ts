// Classic libpcap savefile reader: https://www.tcpdump.org/manpages/pcap-savefile.5.html
// (draft-ietf-opsawg-pcap). Magic 0xa1b2c3d4 (µs) or 0xa1b23c4d (ns), written in the writer's byte
// order: d4 c3 b2 a1 / 4d 3c b2 a1 on disk = little-endian, a1 b2 c3 d4 / a1 b2 3c 4d = big-endian.
//
// Two engines:
// - `ClassicPcapParser` (default): an incremental DataView parser shared by the streaming reader and
//   `readCapture`. Constant memory, views into the chunk buffer.
// - `readPcapWithPcapParser` (engine 'pcap-parser'): an adapter over the `pcap-parser` package
//   (kunklejr/node-pcap-parser 0.2.1). Kept as an independent second reader (the tests compare both on
//   the corpus) but not the default, because measured on this machine (1 M LACPDU records, 140 MB):
//     * it rejects nanosecond files ("unknown magic number: 4d3cb2a1") — worked around below by
//       rewriting the magic to the µs one in the same byte order and reading the field as ns;
//     * it emits `end` after `error` (so success must not be inferred from `end`);
//     * it silently ignores a truncated last record and waits forever-in-memory for a lying caplen
//       (the whole rest of the file is buffered) — the adapter checks both;
//     * it has no backpressure (all packets of a chunk are emitted synchronously) and re-copies the
//       pending buffer on every chunk with `new Buffer`; it needs ~1.0 s for the 1 M records before
//       any decoding, against ~0.1 s for ClassicPcapParser. `ofl lacp decode` must stay under half
//       of tcpdump's ~3 s for the same file, analysis and output included.
import { createRequire } from 'node:module'
import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import type * as PcapParserModule from 'pcap-parser'
import { MalformedError, TruncatedError, UnsupportedError } from '../wire/errors.js'
import type { CaptureParser, CaptureRecord } from './record.js'
import { ipv4TcpOnPorts, type FrameFilter, type FramePlan } from './filter.js'
import { LINKTYPE_ETHERNET } from './writer.js'

export const PCAP_MAGIC_US = 0xa1b2c3d4
export const PCAP_MAGIC_NS = 0xa1b23c4d
export const PCAP_FILE_HEADER_SIZE = 24
export const PCAP_RECORD_HEADER_SIZE = 16
/** libpcap's max_snaplen_for_dlt() for almost every link type (pcap-int.h MAXIMUM_SNAPLEN). */
export const PCAP_MAX_CAPLEN = 262144
/** Hard upper bound whatever the header's snaplen says (keeps memory constant on lying files). */
export const PCAP_HARD_MAX_CAPLEN = 16 * 1024 * 1024

export interface PcapFileHeader {
  littleEndian: boolean
  nanosecond: boolean
  versionMajor: number
  versionMinor: number
  thiszone: number
  snaplen: number
  linkType: number
}

/** Parse the 24-byte file header; throws CAPTURE_BAD_MAGIC / TRUNCATED. */
export function decodePcapHeader(buf: Buffer, base = 0): PcapFileHeader {
  if (buf.length < PCAP_FILE_HEADER_SIZE) {
    throw new TruncatedError(PCAP_FILE_HEADER_SIZE, buf.length, { offset: base, field: 'pcap file header' })
  }
  const dv = new DataView(buf.buffer, buf.byteOffset, PCAP_FILE_HEADER_SIZE)
  const be = dv.getUint32(0, false) // uint32 magic_number;
  const le = dv.getUint32(0, true)
  let littleEndian: boolean
  let nanosecond: boolean
  if (le === PCAP_MAGIC_US || le === PCAP_MAGIC_NS) {
    littleEndian = true
    nanosecond = le === PCAP_MAGIC_NS
  } else if (be === PCAP_MAGIC_US || be === PCAP_MAGIC_NS) {
    littleEndian = false
    nanosecond = be === PCAP_MAGIC_NS
  } else {
    throw new MalformedError('CAPTURE_BAD_MAGIC', `not a pcap file: magic ${buf.subarray(0, 4).toString('hex')}`, { offset: base, field: 'magic_number' })
  }
  const versionMajor = dv.getUint16(4, littleEndian) // uint16 version_major;
  const versionMinor = dv.getUint16(6, littleEndian) // uint16 version_minor;
  const thiszone = dv.getInt32(8, littleEndian) // int32 thiszone;
  // uint32 sigfigs; (ignored, always 0)
  const snaplen = dv.getUint32(16, littleEndian) // uint32 snaplen;
  const linkType = dv.getUint32(20, littleEndian) & 0x0fffffff // uint32 linktype; (upper bits: FCS info)
  if (versionMajor !== 2) {
    throw new UnsupportedError('PCAP_BAD_VERSION', `unsupported pcap version ${versionMajor}.${versionMinor}`, { offset: base + 4, field: 'version_major' })
  }
  return { littleEndian, nanosecond, versionMajor, versionMinor, thiszone, snaplen, linkType }
}

/** Incremental record parser for the body of a classic pcap file (after the 24-byte header). */
/**
 * Where ClassicPcapParser#scanEthernet stopped: module variables rather than fields, because V8
 * compiles its loop while the first long call runs, before the stores after the loop ever ran: a
 * property store there has no type feedback and threw the compiled code away at the end of every
 * later call (measured with --trace-deopt: 257 deopts per GiB); a module variable needs none. Read
 * by parse() right after the call.
 */
let scanPos = 0
let scanFrame = 0
let scanBadCaplen = false

export class ClassicPcapParser implements CaptureParser {
  readonly format = 'pcap' as const
  frame = 1
  accept: FrameFilter | undefined
  maxRecords: number | undefined
  readonly header: PcapFileHeader
  private readonly le: boolean
  private readonly nsMul: number
  private readonly fracMax: number
  private readonly maxCaplen: number

  constructor(header: PcapFileHeader) {
    this.header = header
    this.le = header.littleEndian
    this.nsMul = header.nanosecond ? 1 : 1000
    this.fracMax = header.nanosecond ? 1e9 : 1e6
    this.maxCaplen = Math.min(Math.max(header.snaplen, PCAP_MAX_CAPLEN), PCAP_HARD_MAX_CAPLEN)
  }

  parse(buf: Buffer, dv: DataView, pos: number, end: number, base: number, out: CaptureRecord[]): number {
    const le = this.le
    const linkType = this.header.linkType
    const accept = this.accept
    const maxRecords = this.maxRecords ?? Infinity
    if (accept?.plan !== undefined && linkType === LINKTYPE_ETHERNET) {
      // Ethernet with a filter from makeFrameFilter: scanEthernet passes over the refused frames and
      // notes where the kept ones are; their records are made here
      const kept = this.kept
      for (;;) {
        const room = Math.min(kept.length, maxRecords - out.length)
        if (room <= 0) return pos
        const n = this.scanEthernet(buf, pos, end, accept.plan, accept, room)
        for (let i = 0; i < n; i++) out.push(this.record(buf, dv, kept[i]!, base, this.keptFrame[i]!))
        this.frame = scanFrame
        pos = scanPos
        if (scanBadCaplen) this.badCaplen(dv.getUint32(pos + 8, le), base + pos)
        if (n < room) return pos
      }
    }
    while (end - pos >= PCAP_RECORD_HEADER_SIZE && out.length < maxRecords) {
      const caplen = dv.getUint32(pos + 8, le) // uint32 incl_len;
      if (caplen > this.maxCaplen) this.badCaplen(caplen, base + pos)
      if (end - pos - PCAP_RECORD_HEADER_SIZE < caplen) break
      if (accept !== undefined && !accept(buf, pos + PCAP_RECORD_HEADER_SIZE, caplen, linkType)) {
        // the scan path: a frame nobody wants costs the header read and the filter, no object
        this.frame++
        pos += PCAP_RECORD_HEADER_SIZE + caplen
        continue
      }
      out.push(this.record(buf, dv, pos, base, this.frame++))
      pos += PCAP_RECORD_HEADER_SIZE + caplen
    }
    return pos
  }

  /** The record whose header is at buf[pos], numbered `frame`. */
  private record(buf: Buffer, dv: DataView, pos: number, base: number, frame: number): CaptureRecord {
    const le = this.le
    const tsSec = dv.getUint32(pos, le) // uint32 ts_sec;
    const frac = dv.getUint32(pos + 4, le) // uint32 ts_usec; (ts_nsec in ns files)
    const caplen = dv.getUint32(pos + 8, le) // uint32 incl_len;
    const origLen = dv.getUint32(pos + 12, le) // uint32 orig_len;
    const start = pos + PCAP_RECORD_HEADER_SIZE
    const rec: CaptureRecord = {
      frame,
      tsSec,
      tsNsec: frac * this.nsMul,
      linkType: this.header.linkType,
      interfaceId: 0,
      data: buf.subarray(start, start + caplen),
      origLen,
      offset: base + pos,
    }
    if (frac >= this.fracMax) rec.tsInvalid = true
    return rec
  }

  /** PCAP_BAD_CAPLEN for the record header at absolute offset `at`. */
  private badCaplen(caplen: number, at: number): never {
    throw new MalformedError('PCAP_BAD_CAPLEN', `record length ${caplen} exceeds the maximum ${this.maxCaplen}`, { offset: at + 8, field: 'incl_len' })
  }

  /** scanEthernet's results: header positions and frame numbers of the kept records. */
  private readonly kept = new Uint32Array(1024)
  private readonly keptFrame = new Float64Array(1024)

  /**
   * The scan loop of a filtered Ethernet capture: pass over the records the filter refuses, counting
   * them, and note the first `room` kept ones (this.kept / this.keptFrame; returns how many). Stops at
   * the end of buf[pos, end), at a record not whole in it, or at an incl_len above the maximum
   * (scanBadCaplen); scanPos is where, scanFrame the next frame number. incl_len is read byte by byte in the file's order and the
   * common EtherTypes are decided here (slow protocols; IPv4 through the filter's ipv4TcpOnPorts); tags
   * and IPv6 go through the filter. The loop touches no object: V8 optimizes it once and never has to
   * throw that away (with records pushed in the loop, the array's map changing deoptimized it again
   * and again, each recompile costing 10-70 ms of CPU).
   */
  private scanEthernet(b: Buffer, pos: number, end: number, plan: FramePlan, accept: FrameFilter, room: number): number {
    const le = this.le
    const max = this.maxCaplen
    const slow = plan.slow
    const ports = plan.ports
    const kept = this.kept
    const keptFrame = this.keptFrame
    let n = 0
    let frame = this.frame
    let bad = false
    while (end - pos >= PCAP_RECORD_HEADER_SIZE) {
      const caplen = le // uint32 incl_len;
        ? (b[pos + 8]! | (b[pos + 9]! << 8) | (b[pos + 10]! << 16) | (b[pos + 11]! << 24)) >>> 0
        : ((b[pos + 8]! << 24) | (b[pos + 9]! << 16) | (b[pos + 10]! << 8) | b[pos + 11]!) >>> 0
      if (caplen > max) {
        bad = true
        break
      }
      const f = pos + PCAP_RECORD_HEADER_SIZE
      if (end - f < caplen) break
      if (caplen >= 14) { // shorter: no EtherType, refused (linkView: TRUNCATED)
        const t = (b[f + 12]! << 8) | b[f + 13]!
        let keep = false
        if (t === 0x0800) keep = ports !== undefined && ipv4TcpOnPorts(b, f + 14, f + caplen, ports)
        else if (t === 0x8809) keep = slow
        else if (t === 0x8100 || t === 0x88a8 || t === 0x9100 || t === 0x9200 || t === 0x86dd) keep = accept(b, f, caplen, LINKTYPE_ETHERNET)
        if (keep) {
          kept[n] = pos
          keptFrame[n] = frame
          n++
        }
      }
      frame++
      pos = f + caplen
      if (n === room) break
    }
    scanFrame = frame
    scanPos = pos
    scanBadCaplen = bad
    return n
  }

  finish(dv: DataView, pos: number, end: number, base: number): void {
    const left = end - pos
    if (left === 0) return
    if (left < PCAP_RECORD_HEADER_SIZE) throw new TruncatedError(PCAP_RECORD_HEADER_SIZE, left, { offset: base + pos, field: 'pcap record header' })
    const caplen = dv.getUint32(pos + 8, this.le) // uint32 incl_len;
    throw new TruncatedError(PCAP_RECORD_HEADER_SIZE + caplen, left, { offset: base + pos, field: 'pcap record data' })
  }
}

// ---------------------------------------------------------------------------------------------
// The pcap-parser adapter.

/**
 * Read a classic pcap file or stream through the `pcap-parser` package, as batches of records.
 * Same records, frame numbers, offsets and errors as the default engine.
 */
export async function* readPcapWithPcapParser(input: string | Readable): AsyncGenerator<CaptureRecord[]> {
  const require = createRequire(import.meta.url)
  const { parse } = require('pcap-parser') as typeof PcapParserModule
  const source: Readable = typeof input === 'string' ? createReadStream(input) : input

  // Sniff and (for ns files) rewrite the magic before pcap-parser sees it.
  let header: PcapFileHeader | undefined
  let consumed = 0 // bytes of the file accounted for by the records emitted so far
  let seen = 0 // bytes received from the source
  const queue: CaptureRecord[] = []
  let done = false
  let failure: Error | undefined
  let wake: (() => void) | undefined
  const notify = (): void => {
    const w = wake
    wake = undefined
    w?.()
  }

  const { PassThrough } = await import('node:stream')
  const feed = new PassThrough({ highWaterMark: 1 << 16 })
  let head: Buffer | null = Buffer.alloc(0)
  source.on('data', (chunk: Buffer) => {
    seen += chunk.length
    if (head !== null) {
      head = Buffer.concat([head, chunk])
      if (head.length < PCAP_FILE_HEADER_SIZE) return
      try {
        header = decodePcapHeader(head)
      } catch (e) {
        failure = e as Error
        done = true
        source.destroy()
        notify()
        return
      }
      if (header.nanosecond) {
        const magic = new DataView(head.buffer, head.byteOffset, 4)
        magic.setUint32(0, PCAP_MAGIC_US, header.littleEndian)
      }
      consumed = PCAP_FILE_HEADER_SIZE
      chunk = head
      head = null
    }
    if (!feed.write(chunk)) source.pause()
  })
  feed.on('drain', () => source.resume())
  source.on('end', () => {
    if (head !== null) {
      failure = head.length === 0
        ? new TruncatedError(PCAP_FILE_HEADER_SIZE, 0, { offset: 0, field: 'pcap file header' })
        : (() => { try { decodePcapHeader(head) } catch (e) { return e as Error } return new TruncatedError(PCAP_FILE_HEADER_SIZE, head.length, { offset: 0, field: 'pcap file header' }) })()
      done = true
      notify()
      return
    }
    feed.end()
  })
  source.on('error', (e) => {
    failure = e
    done = true
    notify()
  })

  const parser = parse(feed)
  const maxCaplen = (): number => Math.min(Math.max(header?.snaplen ?? 0, PCAP_MAX_CAPLEN), PCAP_HARD_MAX_CAPLEN)
  let frame = 1
  parser.on('packetHeader', (h) => {
    if (failure === undefined && h.capturedLength > maxCaplen()) {
      failure = new MalformedError('PCAP_BAD_CAPLEN', `record length ${h.capturedLength} exceeds the maximum ${maxCaplen()}`, { offset: consumed + 8, field: 'incl_len' })
      done = true
      source.destroy()
      feed.destroy()
      notify()
    }
  })
  parser.on('packet', (p) => {
    if (failure !== undefined) return
    const h = p.header
    const ns = header!.nanosecond
    const rec: CaptureRecord = {
      frame: frame++,
      tsSec: h.timestampSeconds,
      tsNsec: ns ? h.timestampMicroseconds : h.timestampMicroseconds * 1000,
      linkType: header!.linkType,
      interfaceId: 0,
      data: p.data,
      origLen: h.originalLength,
      offset: consumed,
    }
    if (h.timestampMicroseconds >= (ns ? 1e9 : 1e6)) rec.tsInvalid = true
    queue.push(rec)
    consumed += PCAP_RECORD_HEADER_SIZE + h.capturedLength
    if (queue.length >= 4096) feed.pause()
    notify()
  })
  // pcap-parser emits `end` after `error`: remember the error and never report success after it.
  parser.on('error', (e) => {
    if (failure === undefined) {
      failure = new MalformedError('CAPTURE_BAD_MAGIC', e.message, { offset: 0, field: 'magic_number', cause: e })
    }
  })
  parser.on('end', () => {
    if (failure === undefined && seen > consumed) {
      const left = seen - consumed
      failure = new TruncatedError(left < PCAP_RECORD_HEADER_SIZE ? PCAP_RECORD_HEADER_SIZE : left + 1, left, {
        offset: consumed, field: left < PCAP_RECORD_HEADER_SIZE ? 'pcap record header' : 'pcap record data',
      })
    }
    done = true
    notify()
  })

  try {
    for (;;) {
      if (queue.length > 0) {
        const batch = queue.splice(0, queue.length)
        if (feed.isPaused()) feed.resume()
        yield batch
        continue
      }
      if (done) break
      await new Promise<void>((r) => (wake = r))
    }
    if (failure !== undefined) throw failure
  } finally {
    source.destroy()
    feed.destroy()
  }
}
