// TCP byte stream → OpenFlow message views, following pg-protocol's Parser:
// - one growing buffer with offset/end cursors; a chunk is adopted without copying when nothing is
//   pending, and only a partial message left at the end of a chunk is ever copied;
// - a `while (off + 8 <= end)` loop that emits (buffer, offset, length) — no subarray, no copy;
// - ofp_header.length < 8 throws MalformedError `OFPBRC_BAD_LEN` (offset = absolute stream offset of
//   the length field); the framer then refuses input (rethrows that error) until `reset()`. It never
//   tries to resync the way Ryu does: the session answers OFPT_ERROR and closes;
// - partial messages wait for more bytes; "need more" is not an error;
// - messages are capped at 65535 bytes by the 16-bit length, so the pending buffer stays bounded.
// Emitted bytes are never overwritten by the framer (it appends only into buffers it owns and never
// compacts in place), so a view stays valid after the callback returns — but it keeps the whole chunk
// alive: copy what you retain. OpenFlow Switch Specification 1.0.0 §5.1 / 1.3.x §A.1 (ofp_header).
import { MalformedError, type OflError } from '../wire/errors.js'
import { OFP_HEADER_SIZE } from './header.js'

/** Called once per complete message: bytes buf[off, off+length). */
export type FrameCallback = (buf: Buffer, off: number, length: number) => void

const EMPTY = Buffer.alloc(0)

export class OfFramer {
  private buf: Buffer = EMPTY
  private off = 0
  private end = 0
  /** True when `buf` was allocated here (safe to append into), false for an adopted caller chunk. */
  private owned = false
  private dv: DataView | undefined
  private dvFor: Buffer | undefined
  private failure: OflError | undefined
  /** Absolute stream offset of the next unconsumed byte (for error offsets). */
  private consumed = 0
  /** Messages emitted since construction or the last reset. */
  messages = 0

  /** Bytes received but not yet emitted (a partial message). */
  get pending(): number {
    return this.end - this.off
  }

  /** The error that stopped this framer, if any. */
  get error(): OflError | undefined {
    return this.failure
  }

  /**
   * A DataView over the buffer the current callback's `buf` belongs to, created at most once per
   * buffer (hot-path decoders such as peekPacketIn take it instead of making their own).
   */
  view(buf: Buffer = this.buf): DataView {
    if (this.dvFor !== buf || this.dv === undefined) {
      this.dvFor = buf
      this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
    }
    return this.dv
  }

  /**
   * Feed a chunk; calls `onMessage` for every complete message, in order. Returns the number emitted.
   * If `onMessage` throws, the error propagates; the message it was given counts as consumed and the
   * remaining bytes stay pending for the next `push`.
   */
  push(chunk: Buffer, onMessage: FrameCallback): number {
    if (this.failure) throw this.failure
    if (chunk.length === 0) return 0
    this.append(chunk)
    let n = 0
    const buf = this.buf
    while (this.end - this.off >= OFP_HEADER_SIZE) {
      const off = this.off
      const length = (buf[off + 2]! << 8) | buf[off + 3]! // uint16_t length;
      if (length < OFP_HEADER_SIZE) {
        this.failure = new MalformedError('OFPBRC_BAD_LEN', `ofp_header length ${length} is below 8`, {
          offset: this.consumed + 2,
          field: 'ofp_header.length',
        })
        throw this.failure
      }
      if (this.end - off < length) break
      this.off = off + length
      this.consumed += length
      this.messages++
      n++
      onMessage(buf, off, length)
    }
    if (this.off === this.end) this.release()
    return n
  }

  /** Convenience: the complete messages of `chunk` as Buffer views (allocates one view per message). */
  frames(chunk: Buffer): Buffer[] {
    const out: Buffer[] = []
    this.push(chunk, (b, o, l) => out.push(b.subarray(o, o + l)))
    return out
  }

  /** Forget pending bytes and any failure (e.g. for a new connection). */
  reset(): void {
    this.release()
    this.failure = undefined
    this.consumed = 0
    this.messages = 0
  }

  private release(): void {
    this.buf = EMPTY
    this.off = 0
    this.end = 0
    this.owned = false
  }

  private append(chunk: Buffer): void {
    const pending = this.end - this.off
    if (pending === 0) {
      // adopt the caller's chunk: no copy
      this.buf = chunk
      this.off = 0
      this.end = chunk.length
      this.owned = false
      return
    }
    if (this.owned && this.buf.length - this.end >= chunk.length) {
      chunk.copy(this.buf, this.end)
      this.end += chunk.length
      return
    }
    const need = pending + chunk.length
    const next = Buffer.allocUnsafe(Math.max(need * 2, 4096))
    this.buf.copy(next, 0, this.off, this.end)
    chunk.copy(next, pending)
    this.buf = next
    this.off = 0
    this.end = need
    this.owned = true
  }
}
