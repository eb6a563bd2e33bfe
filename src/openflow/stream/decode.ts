// `ofl of decode` as a library function: files (raw messages, hex text, pcap/pcapng captures, sniffed
// by content — ../files.ts) → framed messages → full decode (../codec.ts) → one report. A message
// that does not decode becomes an entry with a typed error (code, field, absolute stream offset) and
// its raw bytes; stream damage (bad lengths, TCP gaps, truncation) becomes an issue; neither stops
// the rest of the input. JSON form: `ofReportToJson` (lossless messages, see ../codec.ts header).
import { openCapture, readCapture, type CaptureProgress } from '../../capture/open.js'
import type { CaptureRecord } from '../../capture/record.js'
import { isOflError, type OflError } from '../../wire/errors.js'
import { toJson } from '../../wire/json.js'
import { isoTimestamp } from '../../wire/time.js'
import { decodeMessage, type AnyMessage } from '../codec.js'
import { messageTypeName, OFPT_FEATURES_REPLY, OFPT_HELLO } from '../constants.js'
import { VERSION_NAMES } from '../header.js'
import { inputBytes, readHead, readInput, sniffOfInput, type OfInputKind } from '../files.js'
import { OfCaptureDecoder, type OfCaptureOptions, type OfConnection, type OfDirectionName } from './capture.js'
import { OfDirection, type FramedMessage, type StreamIssue } from './direction.js'

export interface OfErrorInfo {
  code: string
  message: string
  /** Absolute offset: in the file (raw/hex input) or in the TCP direction's byte stream (captures). */
  offset?: number
  field?: string
}

export interface OfDecodedEntry {
  /** 1-based message number over all inputs. */
  index: number
  /** Input file (always set; '-' for stdin). */
  file: string
  /** Capture frame that completed the message (captures only). */
  frame?: number
  /** Capture frame where the message began, when different from `frame`. */
  firstFrame?: number
  /** Seconds since the epoch (captures only). */
  time?: number
  tsSec?: number
  tsNsec?: number
  connection?: OfConnection
  direction?: OfDirectionName
  /** File offset (raw/hex) or stream offset within the TCP direction (captures). */
  offset: number
  /** Offset of the message within `frame` when it lies entirely in that frame (as tshark's). */
  frameOffset?: number
  /** ofp_header.length (for a truncated message, more than `bytes.length`). */
  length: number
  version: number
  type: number
  xid: number
  /** The decoded message (lossless; views into the input). Absent when it could not be decoded. */
  message?: AnyMessage
  /** Why it could not be decoded. */
  error?: OfErrorInfo
  /** The message's bytes (view). */
  bytes: Buffer
}

export interface OfIssue extends OfErrorInfo {
  file: string
  frame?: number
  connection?: OfConnection
  direction?: OfDirectionName
  /** Bytes affected (skipped, missing, pending). */
  bytes?: number
}

export interface OfInputInfo {
  file: string
  kind: OfInputKind
  messages: number
  /** Capture records read (captures only). */
  frames?: number
  connections?: OfConnection[]
}

export interface OfDecodeSummary {
  messages: number
  decoded: number
  decodeErrors: number
  streamErrors: number
  /** "OF1.3 OFPT_PACKET_IN" → n. */
  byType: Record<string, number>
}

export interface OfDecodeReport {
  inputs: OfInputInfo[]
  /** Every entry (empty when decoding with `retain: false`). */
  messages: OfDecodedEntry[]
  issues: OfIssue[]
  summary: OfDecodeSummary
}

export interface OfDecodeOptions extends OfCaptureOptions {
  /** Readable for '-' (default process.stdin). */
  stdin?: NodeJS.ReadableStream
  /** Stop after this many messages. */
  limit?: number
  /** Called for each entry as it is decoded (e.g. streaming consumers). */
  onEntry?: (e: OfDecodedEntry) => void
  /** Called for each stream/file issue as it is found. */
  onIssue?: (i: OfIssue) => void
  /** Awaited after each batch of capture records and after each file (a streaming writer drains here). */
  flush?: () => unknown
  /** Keep every entry in `report.messages` (default true); false streams with constant memory. */
  retain?: boolean
  /** Reading progress of capture files (bytes, frames, total) for a progress line. */
  onProgress?: (p: CaptureProgress & { file: string }) => void
}

function errorInfo(e: OflError, base: number): OfErrorInfo {
  const out: OfErrorInfo = { code: e.code, message: e.message.replace(/ \((?:[^()]* )?at offset \d+\)$/, '') }
  out.offset = base + (e.offset ?? 0)
  if (e.field !== undefined) out.field = e.field
  return out
}

class Collector {
  readonly report: OfDecodeReport = { inputs: [], messages: [], issues: [], summary: { messages: 0, decoded: 0, decodeErrors: 0, streamErrors: 0, byType: {} } }
  private readonly retain: boolean
  constructor(private readonly opts: OfDecodeOptions) {
    this.retain = opts.retain !== false
  }

  get full(): boolean {
    return this.opts.limit !== undefined && this.report.summary.messages >= this.opts.limit
  }

  private addIssue(i: OfIssue): void {
    this.report.issues.push(i)
    this.report.summary.streamErrors++
    this.opts.onIssue?.(i)
  }

  message(file: string, m: FramedMessage, conn?: OfConnection, dir?: OfDirectionName): void {
    if (this.full) return
    const b = m.bytes
    const e: OfDecodedEntry = {
      index: this.report.summary.messages + 1,
      file,
      offset: m.offset,
      length: b.length,
      version: b[0]!,
      type: b[1]!,
      xid: ((b[4]! << 24) | (b[5]! << 16) | (b[6]! << 8) | b[7]!) >>> 0,
      bytes: b,
    }
    if (conn) {
      e.frame = m.frame
      if (m.firstFrame !== m.frame) e.firstFrame = m.firstFrame
      e.time = m.tsSec + m.tsNsec / 1e9
      e.tsSec = m.tsSec
      e.tsNsec = m.tsNsec
      e.connection = conn
      e.direction = dir
      if (m.frameOffset !== undefined) e.frameOffset = m.frameOffset
    }
    if (m.truncated) {
      e.length = m.truncated.announced
      e.error = {
        code: 'TRUNCATED',
        message: `the capture holds ${b.length} of the message's ${m.truncated.announced} bytes`,
        offset: m.offset + b.length,
        field: 'ofp_header.length',
      }
    } else try {
      e.message = decodeMessage(b)
    } catch (err) {
      if (!isOflError(err)) throw err
      e.error = errorInfo(err, m.offset)
    }
    if (conn && e.message) {
      if (e.type === OFPT_FEATURES_REPLY && conn.datapathId === undefined && 'datapathId' in e.message) conn.datapathId = e.message.datapathId
      if (conn.version === undefined || e.type === OFPT_HELLO) conn.version = e.version
    }
    const sum = this.report.summary
    sum.messages++
    if (e.error) sum.decodeErrors++
    else sum.decoded++
    const k = typeKey(e)
    sum.byType[k] = (sum.byType[k] ?? 0) + 1
    if (this.retain) this.report.messages.push(e)
    this.opts.onEntry?.(e)
  }

  issue(file: string, i: StreamIssue & { connection?: OfConnection; direction?: OfDirectionName }, raw: boolean): void {
    const out: OfIssue = { file, code: i.code, message: i.message, offset: i.offset }
    if (!raw) out.frame = i.frame
    if (i.connection) out.connection = i.connection
    if (i.direction) out.direction = i.direction
    if (i.bytes !== undefined) out.bytes = i.bytes
    this.addIssue(out)
  }

  error(file: string, e: OflError): void {
    const out: OfIssue = { file, code: e.code, message: e.message }
    if (e.offset !== undefined) out.offset = e.offset
    if (e.field !== undefined) out.field = e.field
    this.addIssue(out)
  }
}

/** Frame and decode a buffer of back-to-back messages (a raw file, or hex text already parsed). */
function decodeRaw(c: Collector, file: string, buf: Buffer): number {
  let n = 0
  const dir = new OfDirection(
    (m) => {
      n++
      c.message(file, m)
    },
    (i) => c.issue(file, i, true),
  )
  if (buf.length) dir.data({ streamOffset: 0, data: buf, frame: 0, tsSec: 0, tsNsec: 0, frameOffset: 0 })
  dir.finish(0)
  return n
}

function decodeRecords(c: Collector, file: string, opts: OfDecodeOptions): { dec: OfCaptureDecoder; push: (r: CaptureRecord) => void; count: () => number } {
  let n = 0
  const dec = new OfCaptureDecoder(
    (m) => {
      n++
      c.message(file, m, m.connection, m.direction)
    },
    (i) => c.issue(file, i, false),
    opts,
  )
  return { dec, push: (r) => dec.push(r), count: () => n }
}

/**
 * Decode OpenFlow messages from files (raw, hex, pcap, pcapng; '-' = stdin). Never throws for bad
 * content: broken files and undecodable messages are reported in the result. Throws only for I/O
 * errors (missing file, …).
 */
export async function decodeOfFiles(paths: string[], opts: OfDecodeOptions = {}): Promise<OfDecodeReport> {
  const c = new Collector(opts)
  for (const file of paths) {
    if (c.full) break
    const whole = file === '-' ? await readInput(file, opts.stdin) : undefined
    const head = whole ?? (await readHead(file))
    let kind = sniffOfInput(whole ?? head)
    const info: OfInputInfo = { file, kind, messages: 0 }
    c.report.inputs.push(info)
    if (kind === 'raw' || kind === 'hex') {
      const all = whole ?? (await readInput(file))
      info.kind = kind = sniffOfInput(all) // the head may look like text while the rest is not
      let buf: Buffer
      try {
        buf = inputBytes(all, kind)
      } catch (e) {
        if (!isOflError(e)) throw e
        c.error(file, e)
        continue
      }
      info.messages = decodeRaw(c, file, buf)
      await opts.flush?.()
      continue
    }
    const r = decodeRecords(c, file, opts)
    let frames = 0
    try {
      if (whole) {
        let recs
        try {
          recs = readCapture(whole)
        } catch (e) {
          for (const rec of (e as { records?: CaptureRecord[] }).records ?? []) r.push(rec)
          throw e
        }
        for (const rec of recs) r.push(rec)
        frames = recs.length
      } else {
        const cs = openCapture(file)
        if (opts.onProgress) cs.on('progress', (p: CaptureProgress) => opts.onProgress!({ ...p, file }))
        for await (const batch of cs.batches()) {
          for (const rec of batch) r.push(rec)
          frames += batch.length
          await opts.flush?.()
          if (c.full) break
        }
      }
    } catch (e) {
      if (!isOflError(e)) throw e
      c.error(file, e)
    }
    r.dec.finish()
    info.frames = r.dec.frames || frames
    info.messages = r.count()
    info.connections = r.dec.connections
    await opts.flush?.()
  }
  return c.report
}

function typeKey(e: Pick<OfDecodedEntry, 'version' | 'type'>): string {
  return `OF${VERSION_NAMES[e.version] ?? `0x${e.version.toString(16)}`} ${messageTypeName(e.version, e.type)}`
}

/** Per-type counts: "OF1.3 OFPT_PACKET_IN" → n. */
export function countByType(entries: readonly OfDecodedEntry[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const e of entries) {
    const k = typeKey(e)
    out[k] = (out[k] ?? 0) + 1
  }
  return out
}

function connectionJson(c: OfConnection): Record<string, unknown> {
  const o: Record<string, unknown> = { id: c.id, switch: c.switchEndpoint, controller: c.controllerEndpoint, firstFrame: c.firstFrame }
  if (c.datapathId !== undefined) o.datapathId = formatDatapathId(c.datapathId)
  if (c.version !== undefined) o.version = c.version
  return o
}

/** OVS style: 16 hex digits. */
export function formatDatapathId(d: bigint): string {
  return d.toString(16).padStart(16, '0')
}

/** One `messages[]` entry of the JSON document, as text (the message through the lossless toJson). */
export function entryJson(e: OfDecodedEntry): string {
  const o: Record<string, unknown> = { index: e.index, file: e.file }
  if (e.frame !== undefined) o.frame = e.frame
  if (e.firstFrame !== undefined) o.firstFrame = e.firstFrame
  // ISO 8601 in UTC with the capture's nanoseconds, as in `lacp decode --json`.
  if (e.tsSec !== undefined) o.time = isoTimestamp(e.tsSec, e.tsNsec ?? 0)
  if (e.connection) o.connection = e.connection.id
  if (e.direction) o.direction = e.direction
  o.offset = e.offset
  if (e.frameOffset !== undefined) o.frameOffset = e.frameOffset
  Object.assign(o, { length: e.length, version: e.version, type: e.type, typeName: messageTypeName(e.version, e.type), xid: e.xid })
  if (e.error) {
    o.error = e.error
    o.raw = e.bytes.toString('hex')
  }
  const head = JSON.stringify(o)
  return e.message ? `${head.slice(0, -1)},"message":${toJson(e.message)}}` : head
}

function issueJson(i: OfIssue): Record<string, unknown> {
  const o: Record<string, unknown> = { file: i.file, code: i.code, message: i.message }
  for (const k of ['offset', 'field', 'frame', 'direction', 'bytes'] as const) if (i[k] !== undefined) o[k] = i[k]
  if (i.connection) o.connection = i.connection.id
  return o
}

function inputJson(i: OfInputInfo): Record<string, unknown> {
  return { file: i.file, kind: i.kind, messages: i.messages, ...(i.frames !== undefined ? { frames: i.frames } : {}), ...(i.connections ? { connections: i.connections.map(connectionJson) } : {}) }
}

/**
 * Streaming writer of the `of decode --json` document: `head()`, then `entry(e)` per message (as
 * decodeOfFiles' onEntry), then `tail(report)` with errors, inputs and summary.
 */
export const ofJsonDocument = {
  head: (): string => '{"messages":[',
  entry: (e: OfDecodedEntry, first: boolean): string => (first ? '\n' : ',\n') + entryJson(e),
  tail: (r: OfDecodeReport): string =>
    `\n],"errors":${JSON.stringify(r.issues.map(issueJson))},"inputs":${JSON.stringify(r.inputs.map(inputJson))},"summary":${JSON.stringify(r.summary)}}\n`,
}

/**
 * The `of decode --json` document:
 * `{messages[{index, file, frame?, firstFrame?, time? (ISO 8601, UTC), connection?, direction?, offset,
 * frameOffset?, length, version, type, typeName, xid, message? | (error + raw)}], errors[], inputs[], summary}`.
 * `message` is the lossless JSON form (`of encode` accepts the whole document back).
 */
export function ofReportToJson(r: OfDecodeReport): Record<string, unknown> {
  return {
    messages: r.messages.map((e) => JSON.parse(entryJson(e)) as unknown),
    errors: r.issues.map(issueJson),
    inputs: r.inputs.map(inputJson),
    summary: r.summary,
  }
}
