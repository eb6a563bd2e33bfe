// One direction of a TCP connection, put back in sequence order (RFC 9293 §3.4 sequence numbers,
// §3.10.7.4 segment acceptance): duplicates and retransmissions are dropped, overlapping segments
// trimmed, segments ahead of the next expected byte held back (bounded) until the hole fills, and a
// hole that never fills becomes a `gap` event so the consumer can resynchronise.
//
// Sequence numbers are compared with 32-bit signed differences, so wrap-around is handled. Out-of-order
// segments are copied (the capture reader's chunk may be large); in-order data is passed as views.

/** Where a run of stream bytes came from in the capture. */
export interface SegmentMeta {
  /** 1-based capture frame. */
  frame: number
  tsSec: number
  tsNsec: number
  /** Offset of the segment's first payload byte within the captured frame. */
  frameOffset: number
}

export interface StreamData extends SegmentMeta {
  /** Stream offset of data[0] (0 = first byte after the SYN, or the first byte seen mid-stream). */
  streamOffset: number
  data: Buffer
}

export interface StreamGap {
  /** Stream offset where bytes are missing. */
  streamOffset: number
  /** Number of missing bytes. */
  missing: number
  /** Frame at which the hole was given up on (the next data, or the end of the capture). */
  frame: number
  reason: 'out-of-order limit' | 'end of capture' | 'snapped frame' | 'acknowledged but not captured'
}

export interface ReassemblySink {
  data(d: StreamData): void
  gap(g: StreamGap): void
}

export interface ReassemblyLimits {
  /** Segments held back waiting for a hole to fill (default 64). */
  maxHeldSegments?: number
  /** Bytes held back (default 1 MiB). */
  maxHeldBytes?: number
}

interface Held extends SegmentMeta {
  seq: number
  data: Buffer
  /** Payload length the IP header announced (> data.length for a snapped frame). */
  announced: number
}

export class TcpDirection {
  /** Next expected sequence number, once known. */
  private next: number | undefined
  /** Stream offset of `next`. */
  private offset = 0
  private held: Held[] = []
  private heldBytes = 0
  private readonly maxSegs: number
  private readonly maxBytes: number
  /** True when the first bytes seen did not follow a SYN (the stream may start inside a message). */
  midstream = false
  /** Segments that carried only bytes already delivered. */
  retransmissions = 0
  /** Segments that overlapped delivered bytes and were trimmed. */
  overlaps = 0
  /** Segments that arrived ahead of a hole (held back). */
  outOfOrder = 0
  /** Bytes delivered / missing. */
  delivered = 0
  missing = 0
  synSeen = false
  finSeen = false
  /** Sequence number the FIN occupies (it counts as one byte, RFC 9293 §3.4). */
  private finAt: number | undefined

  constructor(limits: ReassemblyLimits = {}) {
    this.maxSegs = limits.maxHeldSegments ?? 64
    this.maxBytes = limits.maxHeldBytes ?? 1 << 20
  }

  /** Bytes of the stream accounted for so far (delivered + missing). */
  get streamOffset(): number {
    return this.offset
  }

  /**
   * Add one segment. `payloadLength` is what the IP header announced; when the capture holds fewer
   * bytes (snapped), the difference becomes a gap after the bytes present.
   */
  push(seq: number, flags: number, payload: Buffer, payloadLength: number, meta: SegmentMeta, sink: ReassemblySink): void {
    if (flags & 0x02) {
      // SYN: the stream starts after it (a SYN seen later on a live direction is a retransmitted SYN)
      if (this.next === undefined) {
        this.next = (seq + 1) >>> 0
        this.synSeen = true
      }
      seq = (seq + 1) >>> 0
    }
    if (flags & 0x01) {
      this.finSeen = true
      this.finAt = (seq + payloadLength) >>> 0
    }
    if (payloadLength === 0) return
    if (this.next === undefined) {
      this.next = seq
      this.midstream = true
    }
    this.accept(seq, payload, payloadLength, meta, sink)
    this.drain(sink)
    if (this.held.length > this.maxSegs || this.heldBytes > this.maxBytes) this.skipToHeld('out-of-order limit', sink)
  }

  /**
   * The peer acknowledged up to `ack`: bytes before it that were never seen were sent but not
   * captured (Wireshark's "ACKed segment that wasn't captured"), so the hole is given up at once
   * instead of holding every later segment until the end of the capture.
   */
  acked(ack: number, frame: number, sink: ReassemblySink): void {
    if (this.next === undefined) return
    if (this.finAt !== undefined && ack === ((this.finAt + 1) >>> 0)) ack = this.finAt
    const missing = (ack - this.next) | 0
    if (missing <= 0) return
    // a held segment may start inside the acknowledged range: the hole ends there
    const h = this.held[0]
    const upTo = h !== undefined && ((h.seq - ack) | 0) < 0 ? (h.seq - this.next) | 0 : missing
    if (upTo > 0) {
      sink.gap({ streamOffset: this.offset, missing: upTo, frame, reason: 'acknowledged but not captured' })
      this.offset += upTo
      this.missing += upTo
      this.next = (this.next + upTo) >>> 0
    }
    this.drain(sink)
  }

  /** End of capture: give up on holes, deliver what is held. */
  finish(sink: ReassemblySink): void {
    while (this.held.length) this.skipToHeld('end of capture', sink)
  }

  private accept(seq: number, payload: Buffer, payloadLength: number, meta: SegmentMeta, sink: ReassemblySink): void {
    const d = (seq - this.next!) | 0
    if (d + payloadLength <= 0) {
      this.retransmissions++
      return
    }
    if (d > 0) {
      this.outOfOrder++
      // keep sorted by sequence; an exact duplicate of a held segment is dropped
      const copy = Buffer.from(payload)
      let i = this.held.length
      while (i > 0 && ((this.held[i - 1]!.seq - seq) | 0) > 0) i--
      if (i > 0 && this.held[i - 1]!.seq === seq && this.held[i - 1]!.data.length >= copy.length) {
        this.retransmissions++
        return
      }
      this.held.splice(i, 0, { ...meta, seq, data: copy, announced: payloadLength })
      this.heldBytes += copy.length
      return
    }
    let data = payload
    let meta2 = meta
    if (d < 0) {
      this.overlaps++
      data = payload.subarray(-d)
      meta2 = { ...meta, frameOffset: meta.frameOffset - d }
      payloadLength += d
    }
    this.deliver(data, payloadLength, meta2, sink)
  }

  private deliver(data: Buffer, announced: number, meta: SegmentMeta, sink: ReassemblySink): void {
    if (data.length) {
      sink.data({ ...meta, streamOffset: this.offset, data })
      this.offset += data.length
      this.delivered += data.length
    }
    if (announced > data.length) {
      const missing = announced - data.length
      sink.gap({ streamOffset: this.offset, missing, frame: meta.frame, reason: 'snapped frame' })
      this.offset += missing
      this.missing += missing
    }
    this.next = (this.next! + announced) >>> 0
  }

  private drain(sink: ReassemblySink): void {
    while (this.held.length) {
      const h = this.held[0]!
      const d = (h.seq - this.next!) | 0
      if (d > 0) return
      this.held.shift()
      this.heldBytes -= h.data.length
      if (d + h.announced <= 0) {
        this.retransmissions++
        continue
      }
      this.deliver(h.data.subarray(Math.min(-d, h.data.length)), h.announced + d, { frame: h.frame, tsSec: h.tsSec, tsNsec: h.tsNsec, frameOffset: h.frameOffset - d }, sink)
    }
  }

  private skipToHeld(reason: StreamGap['reason'], sink: ReassemblySink): void {
    const h = this.held[0]
    if (!h) return
    const missing = (h.seq - this.next!) | 0
    if (missing > 0) {
      sink.gap({ streamOffset: this.offset, missing, frame: h.frame, reason })
      this.offset += missing
      this.missing += missing
      this.next = h.seq
    }
    this.drain(sink)
  }
}
