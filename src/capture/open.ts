// Open a capture whatever its container: the format comes from the magic number, never the file name
// (".pcap" files are often pcapng). Two ways in:
// - `readCapture(buf)`: synchronous, whole file in memory (tests, small files).
// - `openCapture(path | '-')`: streaming with constant memory (chunked reads into fresh buffers, so
//   record views stay valid while a batch is processed), async iteration per record or per batch, and
//   'progress' events ({bytes, total, frames}) for a command to render.
// Broken input yields every record read before the problem, then throws the typed error (the batch
// holding the records before the error is delivered first).
import { EventEmitter } from 'node:events'
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs'
import { open as openFile, stat } from 'node:fs/promises'
import { MalformedError, TruncatedError } from '../wire/errors.js'
import { ClassicPcapParser, decodePcapHeader, PCAP_FILE_HEADER_SIZE, PCAP_MAGIC_NS, PCAP_MAGIC_US, readPcapWithPcapParser } from './pcap.js'
import { PcapngParser, PCAPNG_SHB } from './pcapng.js'
import type { CaptureFormat, CaptureParser, CaptureRecord } from './record.js'
import type { FrameFilter } from './filter.js'

export interface SniffResult {
  format: CaptureFormat
  littleEndian?: boolean
  nanosecond?: boolean
}

/** Identify the container from the first 4 bytes. Throws CAPTURE_BAD_MAGIC (or TRUNCATED for < 4 bytes). */
export function sniffCapture(head: Uint8Array): SniffResult {
  if (head.length < 4) throw new TruncatedError(4, head.length, { offset: 0, field: 'magic number' })
  const dv = new DataView(head.buffer, head.byteOffset, 4)
  if (dv.getUint32(0, true) === PCAPNG_SHB) return { format: 'pcapng' }
  for (const le of [true, false]) {
    const m = dv.getUint32(0, le)
    if (m === PCAP_MAGIC_US || m === PCAP_MAGIC_NS) return { format: 'pcap', littleEndian: le, nanosecond: m === PCAP_MAGIC_NS }
  }
  throw new MalformedError('CAPTURE_BAD_MAGIC', `not a pcap or pcapng file: magic ${Buffer.from(head.subarray(0, 4)).toString('hex')}`, { offset: 0, field: 'magic number' })
}

/** Build the parser for a file whose first bytes are `head` (≥ 24 bytes for pcap); returns it and the body start. */
function makeParser(head: Buffer): { parser: CaptureParser; start: number } {
  const s = sniffCapture(head)
  if (s.format === 'pcapng') return { parser: new PcapngParser(), start: 0 }
  return { parser: new ClassicPcapParser(decodePcapHeader(head)), start: PCAP_FILE_HEADER_SIZE }
}

/**
 * Thrown errors carry `records`: what was read before the problem (in-memory reader only), and
 * `frames`: how many frames were read before it, kept or not.
 */
export type CaptureErrorWithRecords = Error & { records?: CaptureRecord[]; frames?: number }

export interface ReadCaptureOptions {
  /** Make records only for the frames this filter keeps (./filter.ts); the others are only counted. */
  filter?: FrameFilter
}

/** Records kept, and the number of frames in the capture (kept or not). */
export interface CaptureScan {
  records: CaptureRecord[]
  frames: number
}

/**
 * Read a whole capture held in memory: the records (the filter's, or all) and the frame count. On
 * broken input throws the typed error with `err.records` / `err.frames` for what was read before it.
 */
export function scanCapture(buf: Buffer, opts: ReadCaptureOptions = {}): CaptureScan {
  const out: CaptureRecord[] = []
  let parser: CaptureParser | undefined
  try {
    const made = makeParser(buf)
    parser = made.parser
    if (opts.filter) parser.accept = opts.filter
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
    const pos = parser.parse(buf, dv, made.start, buf.length, 0, out)
    parser.finish(dv, pos, buf.length, 0)
  } catch (e) {
    ;(e as CaptureErrorWithRecords).records = out
    ;(e as CaptureErrorWithRecords).frames = parser ? parser.frame - 1 : 0
    throw e
  }
  return { records: out, frames: parser.frame - 1 }
}

/**
 * Read a whole capture held in memory. Returns every record; on broken input throws the typed error
 * with `err.records` set to the records read before it.
 */
export function readCapture(buf: Buffer): CaptureRecord[] {
  return scanCapture(buf).records
}

export interface CaptureProgress {
  /** Bytes consumed so far. */
  bytes: number
  /** File size when known (not for stdin). */
  total?: number
  /** Records read so far. */
  frames: number
}

export interface OpenCaptureOptions {
  /** Read size (default 1 MiB; with a filter 4 MiB, see SCAN_CHUNK). */
  chunkSize?: number
  /**
   * Make records only for the frames this filter keeps (./filter.ts); the others are counted
   * (`frames`) but cost no object. With a filter the reader also reuses its read buffer: kept
   * records are copied out of it (or, when most of a chunk is kept, the chunk is handed over), so
   * their `data` stays valid for as long as it is referenced, as without a filter.
   */
  filter?: FrameFilter
  /**
   * 'ofl' (default) or 'pcap-parser' (classic pcap only, through the pcap-parser package; see pcap.ts
   * for why it is not the default).
   */
  engine?: 'ofl' | 'pcap-parser'
  /** Readable to use for '-' (default process.stdin). */
  stdin?: NodeJS.ReadableStream
}

interface ByteSource {
  /** Read up to `len` bytes into buf at `off`; 0 = end of input. */
  read(buf: Buffer, off: number, len: number): Promise<number>
  close(): Promise<void>
}

/** Bytes read from a file between two turns given to the event loop. */
const YIELD_EVERY = 64 << 20

/**
 * A regular file is read with read(2) on this thread. Reading from the page cache costs a memcpy;
 * through the thread pool (FileHandle#read) it also costs a wake-up per read, and the data then
 * arrives in another core's cache: measured on the 1 GiB mixed capture, 0.06–0.1 s more CPU for the
 * same bytes. Every YIELD_EVERY bytes the event loop gets a turn, so timers and signals are not held
 * up by a long read. Anything else (a FIFO, a device: opening or reading it may block) goes through
 * the thread pool as before.
 */
async function fileSource(path: string): Promise<{ src: ByteSource; size: number }> {
  let regular = false
  try {
    regular = statSync(path).isFile()
  } catch {
    // opening it reports the problem
  }
  if (!regular) {
    const fh = await openFile(path, 'r')
    const { size } = await fh.stat()
    return { size, src: { read: async (buf, off, len) => (await fh.read(buf, off, len, null)).bytesRead, close: () => fh.close() } }
  }
  const fd = openSync(path, 'r')
  let size: number
  try {
    size = fstatSync(fd).size
  } catch (e) {
    closeSync(fd)
    throw e
  }
  let sinceYield = 0
  let closed = false
  return {
    size,
    src: {
      async read(buf, off, len) {
        const n = readSync(fd, buf, off, len, null)
        sinceYield += n
        if (sinceYield >= YIELD_EVERY) {
          sinceYield = 0
          await new Promise<void>((resolve) => setImmediate(resolve))
        }
        return n
      },
      async close() {
        if (closed) return
        closed = true
        closeSync(fd)
      },
    },
  }
}

function streamSource(stream: NodeJS.ReadableStream): ByteSource {
  const it = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]()
  let pending: Buffer | undefined
  let ended = false
  return {
    async read(buf, off, len) {
      let n = 0
      while (n < len) {
        if (pending === undefined || pending.length === 0) {
          if (ended || n > 0) break
          const r = await it.next()
          if (r.done) {
            ended = true
            break
          }
          pending = typeof r.value === 'string' ? Buffer.from(r.value, 'latin1') : r.value
        }
        const take = Math.min(len - n, pending.length)
        pending.copy(buf, off + n, 0, take)
        pending = pending.subarray(take)
        n += take
      }
      return n
    },
    async close() {
      await it.return?.()
    },
  }
}

/** A capture being read from a file or stdin. Emits 'progress' (CaptureProgress) after each chunk. */
export class CaptureStream extends EventEmitter {
  readonly path: string
  private readonly opts: OpenCaptureOptions
  /** Set once the first bytes were read. */
  format: CaptureFormat | undefined
  /** File size, when known. */
  size: number | undefined
  /** The parser in use (ofl engine), e.g. for pcapng section/interface details after reading. */
  parser: CaptureParser | undefined

  /** Frames read so far, kept by the filter or not (up to the last batch yielded). */
  get frames(): number {
    return this.parser ? this.parser.frame - 1 : this.ppFrames
  }
  private ppFrames = 0

  constructor(path: string, opts: OpenCaptureOptions = {}) {
    super()
    this.path = path
    this.opts = opts
  }

  /** Batches of records (each batch = one chunk's worth); record views stay valid while you hold the batch. */
  async *batches(): AsyncGenerator<CaptureRecord[]> {
    let src: ByteSource
    if (this.path === '-') {
      src = streamSource(this.opts.stdin ?? process.stdin)
    } else {
      const f = await fileSource(this.path)
      src = f.src
      this.size = f.size
    }
    const filter = this.opts.engine === 'pcap-parser' ? undefined : this.opts.filter
    const chunk = Math.max(this.opts.chunkSize ?? (filter ? SCAN_CHUNK : 1 << 20), 8)
    try {
      if (this.opts.engine === 'pcap-parser') {
        yield* this.viaPcapParser(src, this.opts.filter)
        return
      }
      // fill the first chunk (at least the 24-byte pcap header if the file has one)
      let buf = Buffer.allocUnsafe(Math.max(chunk, 64))
      let end: number = 0
      while (end < PCAP_FILE_HEADER_SIZE) {
        const n = await src.read(buf, end, buf.length - end)
        if (n === 0) break
        end += n
      }
      const head = buf.subarray(0, end)
      const { parser, start } = (() => {
        if (end < PCAP_FILE_HEADER_SIZE && end >= 4 && sniffCapture(head).format === 'pcap') decodePcapHeader(head) // throws TRUNCATED
        return makeParser(head)
      })()
      this.parser = parser
      this.format = parser.format
      const eof = end < PCAP_FILE_HEADER_SIZE
      if (filter) {
        parser.accept = filter
        yield* this.scan(src, parser, buf, start, end, eof, chunk)
        return
      }
      let pos = start
      let base = 0 // absolute offset of buf[0]
      let atEnd = eof
      for (;;) {
        const out: CaptureRecord[] = []
        const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
        try {
          pos = parser.parse(buf, dv, pos, end, base, out)
        } catch (e) {
          if (out.length) yield out
          throw e
        }
        if (out.length) yield out
        this.emit('progress', { bytes: base + pos, total: this.size, frames: parser.frame - 1 } satisfies CaptureProgress)
        if (atEnd) {
          parser.finish(dv, pos, end, base)
          return
        }
        // carry the unconsumed tail into a fresh buffer (never reuse: yielded views must stay valid)
        const left = end - pos
        const next = Buffer.allocUnsafe(Math.max(chunk, left * 2))
        buf.copy(next, 0, pos, end)
        base += pos
        buf = next
        pos = 0
        end = left
        const n = await src.read(buf, end, buf.length - end)
        if (n === 0) atEnd = true
        end += n
      }
    } finally {
      await src.close()
    }
  }

  /**
   * The filtered scan: one read buffer, reused. Each read lands `FRONT` bytes into it, so the record
   * cut at the end of the previous chunk is put back in front of it with one small copy. The buffer
   * is reused once its kept records were copied out (RecordArena); when most of a chunk was kept
   * (LACP-only captures) the chunk is handed over with its records instead and a fresh buffer takes
   * its place. A record longer than FRONT that straddles two chunks gets a buffer of its own.
   */
  private async *scan(src: ByteSource, parser: CaptureParser, first: Buffer, pos: number, end: number, eof: boolean, chunk: number): AsyncGenerator<CaptureRecord[]> {
    const FRONT = 512 << 10
    const size = FRONT + chunk
    const small = Math.min(chunk, SCAN_CHUNK_KEPT)
    const arena = new RecordArena()
    let buf: Buffer = first
    let base = 0 // absolute file offset of buf[0]
    let atEnd = eof
    parser.maxRecords = SCAN_BATCH
    for (;;) {
      const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
      let handedOver = false
      for (;;) {
        // sub-batches of at most SCAN_BATCH records out of this chunk
        const out: CaptureRecord[] = []
        const from = pos
        let failure: Error | undefined
        try {
          pos = parser.parse(buf, dv, pos, end, base, out)
        } catch (e) {
          failure = e as Error
        }
        if (out.length) {
          let kept = 0
          for (const r of out) kept += r.data.length
          if (kept * 4 >= pos - from) handedOver = true
          else for (const r of out) r.data = arena.copy(r.data)
        }
        if (failure !== undefined) {
          if (out.length) yield out
          throw failure
        }
        if (out.length) yield out
        if (out.length < SCAN_BATCH) break
      }
      this.emit('progress', { bytes: base + pos, total: this.size, frames: parser.frame - 1 } satisfies CaptureProgress)
      if (atEnd) {
        parser.finish(dv, pos, end, base)
        return
      }
      const left = end - pos
      let next: Buffer
      let nextPos: number
      let len = chunk
      if (left <= FRONT) {
        // the buffer just parsed takes the next read, unless records point into it; after a chunk
        // handed over with its records, a small read (a fresh buffer per chunk: its size is memory)
        if (handedOver) len = small
        next = !handedOver && buf.length === size ? buf : Buffer.allocUnsafe(FRONT + len)
        nextPos = FRONT - left
      } else {
        next = Buffer.allocUnsafe(left + chunk)
        nextPos = 0
      }
      buf.copy(next, nextPos, pos, end)
      base += pos - nextPos
      const n = await src.read(next, nextPos + left, len)
      if (n === 0) atEnd = true
      buf = next
      pos = nextPos
      end = nextPos + left + n
    }
  }

  private async *viaPcapParser(src: ByteSource, filter: FrameFilter | undefined): AsyncGenerator<CaptureRecord[]> {
    const { Readable } = await import('node:stream')
    const readable = Readable.from((async function* () {
      for (;;) {
        const b = Buffer.allocUnsafe(1 << 16)
        const n = await src.read(b, 0, b.length)
        if (n === 0) return
        yield b.subarray(0, n)
      }
    })())
    this.format = 'pcap'
    let frames = 0
    let bytes = 0
    for await (const batch of readPcapWithPcapParser(readable)) {
      frames += batch.length
      this.ppFrames = frames
      const last = batch[batch.length - 1]
      if (last !== undefined) bytes = last.offset + 16 + last.data.length
      const kept = filter ? batch.filter((r) => filter(r.data, 0, r.data.length, r.linkType)) : batch
      if (kept.length) yield kept
      this.emit('progress', { bytes, total: this.size, frames } satisfies CaptureProgress)
    }
  }

  /** Records one by one. */
  async *[Symbol.asyncIterator](): AsyncGenerator<CaptureRecord> {
    for await (const batch of this.batches()) yield* batch
  }
}

/**
 * Read size on the filtered scan path (the buffer is reused, so its size is the memory it costs).
 * Measured on the 1 GiB mixed capture (lacp decode --json, CPU medians of interleaved runs under
 * load, two runs): 1 MiB 0.63 s, 4 MiB 0.59 s, 8 MiB 0.71 s, 16 MiB 0.84 s (the chunk no longer stays
 * in cache between the read and the scan); 1 MiB 0.55 s, 2 MiB 0.53 s, 4 MiB 0.52 s. Fewer chunks also mean fewer passes through
 * the async generators above, which then are not worth optimizing (TurboFan compiling decodeLacpCapture
 * or the scan generator costs tens of milliseconds).
 */
const SCAN_CHUNK = 4 << 20

/**
 * Read size after a chunk whose records were handed over (most of it kept: LACP-only captures). Such
 * a chunk stays alive as long as one of its records does, and every chunk is a fresh buffer: with
 * 4 MiB reads `lacp decode --json` of 1 M LACPDUs peaked at 136-146 MiB RSS and 1.4 s CPU, with 1 MiB
 * at 97-109 MiB and 1.15 s.
 */
const SCAN_CHUNK_KEPT = 1 << 20

/**
 * Records per batch on the filtered scan path. A LACP-only capture keeps every record of a 1 MiB chunk
 * (about 7 500): yielded all at once they are all alive at each young-generation GC, which copies them.
 */
const SCAN_BATCH = 1024

/**
 * Small copies of kept records out of a reused read buffer: bump allocation in 256 KiB blocks that are
 * never reused (a record's data stays valid while referenced; a block is freed with its last record).
 */
class RecordArena {
  private block: Buffer = Buffer.alloc(0)
  private used = 0

  copy(data: Buffer): Buffer {
    const n = data.length
    if (n > 65536) return Buffer.from(data)
    if (this.used + n > this.block.length) {
      this.block = Buffer.allocUnsafe(256 << 10)
      this.used = 0
    }
    const at = this.used
    data.copy(this.block, at)
    this.used = (at + n + 7) & ~7
    return this.block.subarray(at, at + n)
  }
}

/** Open a capture file (or '-' for stdin) for streaming. Nothing is read until you iterate. */
export function openCapture(path: string, opts: OpenCaptureOptions = {}): CaptureStream {
  return new CaptureStream(path, opts)
}

/** Size of a file, or undefined for stdin/non-files. */
export async function captureSize(path: string): Promise<number | undefined> {
  if (path === '-') return undefined
  try {
    return (await stat(path)).size
  } catch {
    return undefined
  }
}
