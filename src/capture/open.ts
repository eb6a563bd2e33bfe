// Open a capture whatever its container: the format comes from the magic number, never the file name
// (".pcap" files are often pcapng). Two ways in:
// - `readCapture(buf)`: synchronous, whole file in memory (tests, small files).
// - `openCapture(path | '-')`: streaming with constant memory (chunked reads into fresh buffers, so
//   record views stay valid while a batch is processed), async iteration per record or per batch, and
//   'progress' events ({bytes, total, frames}) for a command to render.
// Broken input yields every record read before the problem, then throws the typed error (the batch
// holding the records before the error is delivered first).
import { EventEmitter } from 'node:events'
import { open as openFile, stat } from 'node:fs/promises'
import { MalformedError, TruncatedError } from '../wire/errors.js'
import { ClassicPcapParser, decodePcapHeader, PCAP_FILE_HEADER_SIZE, PCAP_MAGIC_NS, PCAP_MAGIC_US, readPcapWithPcapParser } from './pcap.js'
import { PcapngParser, PCAPNG_SHB } from './pcapng.js'
import type { CaptureFormat, CaptureParser, CaptureRecord } from './record.js'

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

/** Thrown errors carry `records`: what was read before the problem (in-memory reader only). */
export type CaptureErrorWithRecords = Error & { records?: CaptureRecord[] }

/**
 * Read a whole capture held in memory. Returns every record; on broken input throws the typed error
 * with `err.records` set to the records read before it.
 */
export function readCapture(buf: Buffer): CaptureRecord[] {
  const out: CaptureRecord[] = []
  try {
    const { parser, start } = makeParser(buf)
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
    const pos = parser.parse(buf, dv, start, buf.length, 0, out)
    parser.finish(dv, pos, buf.length, 0)
  } catch (e) {
    ;(e as CaptureErrorWithRecords).records = out
    throw e
  }
  return out
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
  /** Read size (default 1 MiB). */
  chunkSize?: number
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

async function fileSource(path: string): Promise<{ src: ByteSource; size: number }> {
  const fh = await openFile(path, 'r')
  const { size } = await fh.stat()
  return {
    size,
    src: {
      read: async (buf, off, len) => (await fh.read(buf, off, len, null)).bytesRead,
      close: () => fh.close(),
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
    const chunk = Math.max(this.opts.chunkSize ?? 1 << 20, 8)
    try {
      if (this.opts.engine === 'pcap-parser') {
        yield* this.viaPcapParser(src)
        return
      }
      // fill the first chunk (at least the 24-byte pcap header if the file has one)
      let buf = Buffer.allocUnsafe(Math.max(chunk, 64))
      let end = 0
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
      let pos = start
      let base = 0 // absolute offset of buf[0]
      let eof = end < PCAP_FILE_HEADER_SIZE
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
        if (eof) {
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
        if (n === 0) eof = true
        end += n
      }
    } finally {
      await src.close()
    }
  }

  private async *viaPcapParser(src: ByteSource): AsyncGenerator<CaptureRecord[]> {
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
      const last = batch[batch.length - 1]
      if (last !== undefined) bytes = last.offset + 16 + last.data.length
      yield batch
      this.emit('progress', { bytes, total: this.size, frames } satisfies CaptureProgress)
    }
  }

  /** Records one by one. */
  async *[Symbol.asyncIterator](): AsyncGenerator<CaptureRecord> {
    for await (const batch of this.batches()) yield* batch
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
