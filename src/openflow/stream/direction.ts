// One OpenFlow byte stream (a TCP direction, or a raw message file) → framed messages with the
// capture frames they came from, using the core framer (../framer.ts) for the framing itself.
//
// Capture decoding, unlike a controller session, must survive damage and keep going (tcpdump and
// Wireshark do): after a header length below 8 (the framer's OFPBRC_BAD_LEN), an implausible header
// (version byte outside 1..6), or a hole in the TCP stream, the framer is reset and the direction
// *hunts*: each following segment is checked for a plausible ofp_header at its first byte (switches
// and controllers start a segment with a message far more often than not) and framing resumes there.
// Every such event is reported as a typed issue; nothing is thrown.
// OpenFlow Switch Specification 1.0.0 §5.1, 1.3.x §A.1 (ofp_header).
import { OflError } from '../../wire/errors.js'
import { OfFramer } from '../framer.js'
import { OFP_HEADER_SIZE } from '../header.js'
import type { StreamData, StreamGap } from './reassembly.js'

/** Highest message type each OpenFlow version defines (1.0 … 1.5), for header plausibility. */
const MAX_TYPE: Record<number, number> = { 1: 21, 2: 23, 3: 25, 4: 29, 5: 33, 6: 35 }

/** Does `buf[off…]` start like an ofp_header (known version, defined type, length ≥ 8)? */
export function plausibleHeader(buf: Uint8Array, off: number): boolean {
  if (buf.length - off < 4) return false
  const max = MAX_TYPE[buf[off]!]
  if (max === undefined || buf[off + 1]! > max) return false
  return ((buf[off + 2]! << 8) | buf[off + 3]!) >= OFP_HEADER_SIZE
}

/** A framed message: bytes plus where it sat in the stream and the capture. */
export interface FramedMessage {
  /** The whole message (header included). View; valid as long as you hold it (it pins its chunk). */
  bytes: Buffer
  /** Stream offset of the first byte (file offset for a raw file). */
  offset: number
  /** Capture frame holding the last byte (where tshark reports a reassembled message). */
  frame: number
  /** Capture frame holding the first byte. */
  firstFrame: number
  tsSec: number
  tsNsec: number
  /** Offset of the message in `frame` when the message lies entirely in that frame. */
  frameOffset?: number
  /**
   * Set when the capture lost the end of the message (a snapped frame or a hole): `bytes` holds what
   * was captured, `announced` is the header's length.
   */
  truncated?: { announced: number }
}

export type StreamIssueCode =
  /** ofp_header.length below 8 (from the framer). */
  | 'OFPBRC_BAD_LEN'
  /** A header whose version byte is no OpenFlow version: the stream is out of step. */
  | 'OF_STREAM_BAD_HEADER'
  /** Bytes missing from the TCP stream (lost or not captured). */
  | 'TCP_GAP'
  /** Bytes skipped while looking for the next plausible header. */
  | 'OF_STREAM_SKIPPED'
  /** The stream ended inside a message. */
  | 'OF_STREAM_TRUNCATED'

export interface StreamIssue {
  code: StreamIssueCode
  message: string
  /** Stream offset. */
  offset: number
  /** Capture frame where it was noticed (0 for a raw file). */
  frame: number
  /** Bytes affected (skipped, missing, or pending). */
  bytes?: number
}

interface Chunk {
  start: number
  data: Buffer
  frame: number
  tsSec: number
  tsNsec: number
  frameOffset: number
}

export class OfDirection {
  private readonly framer = new OfFramer()
  private chunks: Chunk[] = []
  /** Stream offset of the next message start. */
  private msgStart = 0
  /** Looking for a plausible header at the next data start. */
  private hunting: boolean
  /** Bytes skipped in the current hunt, and where the hunt began. */
  private skipped = 0
  private huntFrom = 0
  private huntFrame = 0
  messages = 0

  constructor(
    private readonly onMessage: (m: FramedMessage) => void,
    private readonly onIssue: (i: StreamIssue) => void,
    /** Start hunting (for a stream that may begin inside a message). */
    midstream = false,
  ) {
    this.hunting = midstream
  }

  data(d: StreamData): void {
    const { data, streamOffset, frameOffset } = d
    if (this.hunting) {
      if (!plausibleHeader(data, 0)) {
        if (this.skipped === 0) {
          this.huntFrom = streamOffset
          this.huntFrame = d.frame
        }
        this.skipped += data.length
        return
      }
      this.endHunt(streamOffset)
    }
    this.chunks.push({ start: streamOffset, data, frame: d.frame, tsSec: d.tsSec, tsNsec: d.tsNsec, frameOffset })
    try {
      this.framer.push(data, (buf, off, len) => this.emit(buf.subarray(off, off + len)))
    } catch (e) {
      if (!(e instanceof OflError)) throw e
      // ofp_header.length < 8: the framer refuses input until reset; hunt from the next segment
      this.onIssue({ code: 'OFPBRC_BAD_LEN', message: e.message.replace(/ \(.*\)$/, ''), offset: this.msgStart + 2, frame: d.frame })
      this.startHunt(d.frame, streamOffset + data.length - this.msgStart)
      return
    }
    this.checkPending(d.frame, streamOffset + data.length)
    this.trim()
  }

  gap(g: StreamGap): void {
    const pending = this.hunting ? 0 : this.framer.pending
    if (pending >= OFP_HEADER_SIZE) {
      // the header of the message in progress is known: report it, cut short (as tshark does)
      const start = this.msgStart
      const bytes = this.peekBytes(start, pending)
      const first = this.chunkAt(start)
      const last = this.chunkAt(start + pending - 1)
      this.messages++
      const m: FramedMessage = {
        bytes, offset: start, frame: last.frame, firstFrame: first.frame, tsSec: last.tsSec, tsNsec: last.tsNsec,
        truncated: { announced: (bytes[2]! << 8) | bytes[3]! },
      }
      if (first === last) m.frameOffset = first.frameOffset + (start - first.start)
      this.onMessage(m)
    }
    this.onIssue({
      code: 'TCP_GAP',
      message: `${g.missing} bytes missing from the TCP stream (${g.reason})${pending >= OFP_HEADER_SIZE ? `; the message in progress is reported truncated` : pending ? `; the ${pending} bytes of the message in progress are dropped` : ''}`,
      offset: g.streamOffset,
      frame: g.frame,
      bytes: g.missing,
    })
    if (this.hunting && this.skipped === 0) return
    this.startHunt(g.frame)
  }

  /** End of input: report a message left incomplete and bytes skipped by an unfinished hunt. */
  finish(frame: number): void {
    const pending = this.framer.pending
    if (!this.hunting && pending > 0) {
      const head = this.peek(this.msgStart, 4)
      const len = head.length >= 4 ? (head[2]! << 8) | head[3]! : undefined
      this.onIssue({
        code: 'OF_STREAM_TRUNCATED',
        message: `the stream ends inside a message: ${pending} of ${len ?? '?'} bytes present`,
        offset: this.msgStart,
        frame,
        bytes: pending,
      })
    }
    if (this.hunting && this.skipped > 0) this.reportSkipped()
    this.framer.reset()
    this.chunks = []
  }

  private emit(bytes: Buffer): void {
    const offset = this.msgStart
    const end = offset + bytes.length
    this.msgStart = end
    this.messages++
    const first = this.chunkAt(offset)
    const last = this.chunkAt(end - 1)
    const m: FramedMessage = { bytes, offset, frame: last.frame, firstFrame: first.frame, tsSec: last.tsSec, tsNsec: last.tsNsec }
    if (first === last) m.frameOffset = first.frameOffset + (offset - first.start)
    this.onMessage(m)
  }

  /** After a push: if the next message's header is visible and implausible, the stream is out of step. */
  private checkPending(frame: number, end: number): void {
    if (this.framer.pending === 0) return
    const head = this.peek(this.msgStart, 2)
    if (head.length >= 2 && !plausibleHeader(Buffer.from([head[0]!, head[1]!, 0xff, 0xff]), 0)) {
      this.onIssue({
        code: 'OF_STREAM_BAD_HEADER',
        message: `no OpenFlow header at stream offset ${this.msgStart} (version 0x${head[0]!.toString(16).padStart(2, '0')}, type ${head[1]}): the stream is out of step`,
        offset: this.msgStart,
        frame,
        bytes: this.framer.pending,
      })
      this.startHunt(frame, end - this.msgStart)
    }
  }

  /** Reset the framer and look for a plausible header; `discarded` bytes after msgStart are dropped. */
  private startHunt(frame: number, discarded = 0): void {
    this.framer.reset()
    this.chunks = []
    this.hunting = true
    this.skipped = discarded
    this.huntFrom = this.msgStart
    this.huntFrame = frame
  }

  private endHunt(at: number): void {
    if (this.skipped > 0) this.reportSkipped()
    this.hunting = false
    this.skipped = 0
    this.msgStart = at
    this.framer.reset()
  }

  private reportSkipped(): void {
    this.onIssue({
      code: 'OF_STREAM_SKIPPED',
      message: `${this.skipped} bytes skipped looking for the next OpenFlow header`,
      offset: this.huntFrom,
      frame: this.huntFrame,
      bytes: this.skipped,
    })
  }

  private chunkAt(off: number): Chunk {
    const cs = this.chunks
    for (let i = cs.length - 1; i >= 0; i--) if (cs[i]!.start <= off) return cs[i]!
    return cs[0]!
  }

  /** A copy of n stream bytes from `off` (from the chunks still held). */
  private peekBytes(off: number, n: number): Buffer {
    return Buffer.from(this.peek(off, n))
  }

  /** Up to n stream bytes from `off` (from the chunks still held). */
  private peek(off: number, n: number): number[] {
    const out: number[] = []
    for (const c of this.chunks) {
      while (out.length < n && off + out.length >= c.start && off + out.length < c.start + c.data.length) {
        out.push(c.data[off + out.length - c.start]!)
      }
      if (out.length === n) break
    }
    return out
  }

  /** Drop chunks that end before the next message start. */
  private trim(): void {
    let i = 0
    while (i < this.chunks.length - 1 && this.chunks[i]!.start + this.chunks[i]!.data.length <= this.msgStart) i++
    if (i) this.chunks.splice(0, i)
  }
}
