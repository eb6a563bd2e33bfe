// OpenFlow messages out of a pcap/pcapng capture: TCP payloads to or from the OpenFlow ports (6653 and
// the pre-IANA 6633 by default), concatenated per connection (direction) in capture order with
// retransmitted bytes dropped by sequence number, then framed by ofp_header.length and decoded one by
// one. A message that fails to decode is reported with its typed error and the walk goes on (the
// framing stays valid as long as the length field is >= 8), as tcpdump/tshark do for the corpus's
// malformed captures. Deliberately small: no out-of-order repair, IPv4 only.
import { readCapture, type CaptureErrorWithRecords } from '../capture/open.js'
import { linkView } from '../capture/linktype.js'
import type { CaptureRecord } from '../capture/record.js'
import { OflError, MalformedError, TruncatedError } from '../wire/errors.js'
import { decodeMessage, type AnyMessage, type DecodeOptions } from './codec.js'

export const OPENFLOW_PORTS = [6653, 6633] as const

export interface OpenFlowConnection {
  /** "10.0.0.1:6633>10.0.0.2:40000" */
  key: string
  /** The reassembled byte stream of this direction. */
  stream: Buffer
  /** Where each captured segment's bytes start in `stream`, with its frame number (ascending). */
  segments: Array<{ frame: number; offset: number }>
}

function recordsOf(file: Buffer): CaptureRecord[] {
  try {
    return readCapture(file)
  } catch (e) {
    // keep what was read before a broken record (the corpus has a fuzzed, truncated capture)
    const recs = (e as CaptureErrorWithRecords).records
    if (recs !== undefined && e instanceof OflError) return recs
    throw e
  }
}

/** Per-direction TCP byte streams to/from `ports`, in order of first appearance. */
export function openflowConnections(file: Buffer, ports: readonly number[] = OPENFLOW_PORTS): OpenFlowConnection[] {
  const flows = new Map<string, { next: number; parts: Buffer[]; segments: Array<{ frame: number; offset: number }>; size: number }>()
  for (const rec of recordsOf(file)) {
    let eth
    try {
      eth = linkView(rec.linkType, rec.data)
    } catch {
      continue
    }
    if (eth.ethertype !== 0x0800) continue
    const ip = eth.payload
    if (ip.length < 20 || ip[9] !== 6) continue
    const ihl = (ip[0]! & 15) * 4
    const total = Math.min(ip.length, (ip[2]! << 8) | ip[3]!)
    if (ihl < 20 || total < ihl + 20) continue
    const tcp = ip.subarray(ihl, total)
    const sport = (tcp[0]! << 8) | tcp[1]!
    const dport = (tcp[2]! << 8) | tcp[3]!
    if (!ports.includes(sport) && !ports.includes(dport)) continue
    const seq = ((tcp[4]! << 24) | (tcp[5]! << 16) | (tcp[6]! << 8) | tcp[7]!) >>> 0
    const doff = (tcp[12]! >> 4) * 4
    if (doff < 20 || doff > tcp.length) continue
    const full = tcp.subarray(doff)
    if (full.length === 0) continue
    const key = `${ip.subarray(12, 16).join('.')}:${sport}>${ip.subarray(16, 20).join('.')}:${dport}`
    let f = flows.get(key)
    if (!f) flows.set(key, (f = { next: seq, parts: [], segments: [], size: 0 }))
    let payload = full
    const behind = (f.next - seq) >>> 0
    if (behind > 0 && behind < 0x80000000) {
      if (behind >= payload.length) continue // a retransmission of bytes already taken
      payload = payload.subarray(behind)
    }
    f.segments.push({ frame: rec.frame, offset: f.size })
    f.parts.push(Buffer.from(payload))
    f.size += payload.length
    f.next = (seq + full.length) >>> 0
  }
  return [...flows.entries()].map(([key, f]) => ({ key, stream: Buffer.concat(f.parts, f.size), segments: f.segments }))
}

export interface CaptureMessage {
  connection: string
  /** Frame holding the message's first byte. */
  frame: number
  /** Offset of the message in its connection's stream. */
  offset: number
  version: number
  type: number
  length: number
  /** The decoded message, unless decoding failed. */
  message?: AnyMessage
  /** The typed error for a message that did not decode (or for a stream that cannot be framed on). */
  error?: OflError
}

function frameAt(c: OpenFlowConnection, offset: number): number {
  let lo = 0
  let hi = c.segments.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (c.segments[mid]!.offset <= offset) lo = mid
    else hi = mid - 1
  }
  return c.segments[lo]?.frame ?? 0
}

/**
 * Every OpenFlow message in a capture, decoded, in connection order. Decode failures are reported in
 * `error` and the walk continues; a length < 8 (cannot frame further) or a message cut by the end of
 * the capture ends that connection with an error entry.
 */
export function decodeCaptureMessages(file: Buffer, opts: DecodeOptions & { ports?: readonly number[] } = {}): CaptureMessage[] {
  const out: CaptureMessage[] = []
  for (const c of openflowConnections(file, opts.ports)) {
    const s = c.stream
    let off = 0
    while (off < s.length) {
      const base = { connection: c.key, frame: frameAt(c, off), offset: off }
      if (s.length - off < 8) {
        out.push({ ...base, version: s[off]!, type: -1, length: 0, error: new TruncatedError(8, s.length - off, { offset: off, field: 'ofp_header' }) })
        break
      }
      const version = s[off]!
      const type = s[off + 1]!
      const length = (s[off + 2]! << 8) | s[off + 3]!
      if (length < 8) {
        out.push({ ...base, version, type, length, error: new MalformedError('OFPBRC_BAD_LEN', `ofp_header length ${length} is below 8`, { offset: off + 2, field: 'ofp_header.length' }) })
        break
      }
      if (off + length > s.length) {
        out.push({ ...base, version, type, length, error: new TruncatedError(length, s.length - off, { offset: off, field: 'ofp_header.length' }) })
        break
      }
      try {
        out.push({ ...base, version, type, length, message: decodeMessage(s, off, opts) })
      } catch (e) {
        if (!(e instanceof OflError)) throw e
        out.push({ ...base, version, type, length, error: e })
      }
      off += length
    }
  }
  return out
}

/** The whole messages of every connection, concatenated (for benchmarks over a capture). */
export function openflowStreamFromCapture(file: Buffer, ports: readonly number[] = OPENFLOW_PORTS): Buffer {
  const parts: Buffer[] = []
  for (const c of openflowConnections(file, ports)) {
    let off = 0
    while (c.stream.length - off >= 8) {
      const len = (c.stream[off + 2]! << 8) | c.stream[off + 3]!
      if (len < 8 || off + len > c.stream.length) break
      off += len
    }
    parts.push(c.stream.subarray(0, off))
  }
  return Buffer.concat(parts)
}
