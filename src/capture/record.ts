// The capture record every reader yields, whatever the container (classic pcap or pcapng).
//
// Parsers are synchronous and incremental: `parse(buf, dv, pos, end, base, out)` consumes as many
// complete records/blocks as buf[pos, end) holds, pushes records into `out`, and returns the new
// position. The streaming layer (open.ts) and the in-memory `readCapture` share them.
import type { FrameFilter } from './filter.js'

export type Direction = 'in' | 'out'

export interface CaptureRecord {
  /** 1-based frame number within the whole file (all sections and interfaces). */
  frame: number
  /** Seconds since the epoch (pcapng: if_tsoffset applied). */
  tsSec: number
  /**
   * Nanoseconds within the second. Kept raw from classic pcap even when invalid (≥ 1e9, as tcpdump's
   * timestamp_invalid_nano test shows: it prints "(invalid ns)" and goes on); see `tsInvalid`.
   */
  tsNsec: number
  /** True when the file's sub-second field is out of range (µs ≥ 1e6 or ns ≥ 1e9). */
  tsInvalid?: boolean
  /** LINKTYPE_* of the interface the frame was captured on. */
  linkType: number
  /** pcapng interface id within its section (classic pcap: 0). */
  interfaceId: number
  /** pcapng if_name, when the IDB carries one. */
  interfaceName?: string
  /** pcapng epb_flags inbound/outbound, when present. */
  direction?: Direction
  /** View into the reader's chunk buffer: copy before retaining beyond the batch. */
  data: Buffer
  /** Length on the wire (may exceed data.length when the capture was snapped). */
  origLen: number
  /** Absolute byte offset of the record (pcap record header / pcapng block) in the file. */
  offset: number
}

export type CaptureFormat = 'pcap' | 'pcapng'

export interface CaptureParser {
  readonly format: CaptureFormat
  /** Next frame number to assign (1-based). */
  frame: number
  /**
   * Scan-path filter (./filter.ts): frames it refuses get a frame number but no record object.
   * Structural checks of the container (lengths, interface ids) still apply to every record.
   */
  accept?: FrameFilter
  /**
   * Stop a parse() call once `out` holds this many records (the streaming scan then yields them and
   * calls again): a batch of small records alive at once is what the young-generation GC copies.
   */
  maxRecords?: number
  /**
   * Parse complete records from buf[pos, end); `base` is the absolute file offset of buf[0].
   * Throws an OflError for malformed input (after pushing the records before it into `out`).
   */
  parse(buf: Buffer, dv: DataView, pos: number, end: number, base: number, out: CaptureRecord[]): number
  /** Called at end of input with buf[pos, end) unconsumed (absolute offset base + pos): throws if that is a partial record. */
  finish(dv: DataView, pos: number, end: number, base: number): void
}

/** Records within the second as a JS number of seconds (µs precision survives; ns may round). */
export function recordTime(r: Pick<CaptureRecord, 'tsSec' | 'tsNsec'>): number {
  return r.tsSec + r.tsNsec / 1e9
}

/** "1258257730.267147000": exact epoch text with 9 decimals, as tshark's frame.time_epoch. */
export function formatEpoch(tsSec: number, tsNsec: number): string {
  return `${tsSec}.${String(tsNsec).padStart(9, '0')}`
}
