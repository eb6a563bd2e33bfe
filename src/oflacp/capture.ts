// `ofl lacp decode` as a library function: read captures, pick out slow-protocol frames (Ethernet,
// SLL, SLL2; VLAN tags peeled), decode LACPDUs and Marker PDUs with the codecs in ../lacpdu.ts and
// ../marker.ts, feed the analyzer, and stream the output (human text or one JSON document) to a sink.
//
// Streaming all the way: records come in batches from the capture reader, each batch's output is
// written as one chunk, and nothing per PDU is kept beyond the analyzer's per-side state — so 1 M
// LACPDUs take constant memory and the time goes into decoding and formatting, not into GC.
import { openCapture, scanCapture, type CaptureErrorWithRecords, type CaptureProgress } from '../capture/open.js'
import { makeFrameFilter, type FrameFilter } from '../capture/filter.js'
import { linkView, LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2 } from '../capture/linktype.js'
import type { CaptureRecord } from '../capture/record.js'
import { isOflError, OflError } from '../wire/errors.js'
import { macText } from '../wire/mac.js'
import { ETH_TYPE_SLOW, LACPDU_SIZE, LACP_TLV_COLLECTOR, SLOW_SUBTYPE_LACP, SLOW_SUBTYPE_MARKER } from '../lacp/constants.js'
import { decodeLacpdu, LACP_COLLECTOR_TLV_LENGTH, LACP_OFF_COLLECTOR, type LacpDu } from '../lacp/lacpdu.js'
import { decodeMarker } from '../lacp/marker.js'
import type { OfCarriedRecord, OpenFlowLacpOptions } from './carried.js'
import { LacpAnalyzer, sideKey, type AnalyzerOptions, type SideRef, type StopInfo } from '../lacp/analysis/analyzer.js'
import { formatPduLine, formatReport } from '../lacp/analysis/format.js'
import { JsonBuffer, jsonLacpduPrefix, jsonReportTail, JSON_DOC_HEAD, writeJsonLacpElement, writeJsonPduHead, writeJsonPduTail } from '../lacp/analysis/json.js'
import type { LacpAnalysis, LacpObservation, LacpPduLike, LinkReport, PduIssue, SlowPduEntry, Where } from '../lacp/analysis/types.js'

export type { SlowPduEntry } from '../lacp/analysis/types.js' // its home is types.ts; re-exported for existing importers

export interface LacpDecodeOptions extends AnalyzerOptions {
  /** Stop after this many slow-protocol PDUs. */
  limit?: number
  /** Only PDUs and links of this link: "L2", an actor "system/port", a MAC, or an interface name. */
  link?: string
  /** 'text' (default) or 'json' (one document). */
  format?: 'text' | 'json'
  /** Text: add the field tree under each PDU line. */
  verbose?: boolean
  /** Text: do not print PDU lines (report only). */
  quiet?: boolean
  /** Text: times in UTC instead of local time. */
  utc?: boolean
  /** Readable for '-' (default stdin). */
  stdin?: NodeJS.ReadableStream
  onProgress?: (p: CaptureProgress & { file: string }) => void
  /** Called for every PDU that passes the link filter, in capture order (the entry is valid only during the call). */
  onPdu?: (e: SlowPduEntry) => void
  /** Why the input ended early (live capture stopped by --duration or an interrupt), asked at the end. */
  stopInfo?: () => StopInfo | undefined
  /**
   * Live input: awaited once reading ended (end of stream, a stop, or a broken stream); a failure it
   * returns (the capture engine died) becomes the report's `error`, so a started JSON document ends with it.
   */
  inputEnded?: () => Promise<OflError | undefined>
  /** TCP ports carrying OpenFlow (LACPDUs inside packet-ins/packet-outs); default 6653 and 6633. */
  ports?: number[]
}

export interface LacpDecodeSink {
  /**
   * May return a promise (backpressure): it is awaited before the next chunk. Returns CHUNK_CONSUMED
   * when the sink keeps no reference to `chunk` (it was written synchronously): the caller then writes
   * its next output into the same memory.
   */
  write(chunk: string | Buffer): unknown
}

/** What LacpDecodeSink.write returns when the chunk's memory may be reused at once. */
export const CHUNK_CONSUMED = 'chunk-consumed' as const

/** A sink over a writable (process.stdout): waits for 'drain', ends the process quietly on EPIPE (| head). */
export function streamSink(out: NodeJS.WritableStream & { once(ev: 'drain', fn: () => void): unknown; writableLength?: number }): LacpDecodeSink {
  out.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0)
    throw e
  })
  return {
    write(chunk: string | Buffer) {
      // stdout on a file or a pipe writes synchronously (Node: process I/O): nothing left queued means written
      if (out.write(chunk)) return out.writableLength === 0 ? CHUNK_CONSUMED : undefined
      return new Promise<void>((resolve) => out.once('drain', resolve))
    },
  }
}

async function put(sink: LacpDecodeSink, chunk: string | Buffer): Promise<void> {
  const r = sink.write(chunk)
  if (r instanceof Promise) await r
}

/** Write what the JSON buffer holds; its memory is written again when the sink is done with it. */
async function putJson(sink: LacpDecodeSink, jbuf: JsonBuffer): Promise<void> {
  const chunk = jbuf.take()
  const r = sink.write(chunk)
  if (r === CHUNK_CONSUMED) jbuf.recycle(chunk)
  else if (r instanceof Promise) await r
}

export interface LacpDecodeResult extends LacpAnalysis {
  /** Set when a capture was broken (or could not be read): what was read before is in the analysis. */
  error?: OflError | NodeJS.ErrnoException
  /** Set when reading stopped before the end of the input. */
  stop?: StopInfo
}

const FAST_SLOW_CHECK = (lt: number, d: Buffer): boolean => {
  // quick reject without allocating: is this (possibly tagged) EtherType 0x8809?
  let o: number
  if (lt === LINKTYPE_ETHERNET) o = 12
  else if (lt === LINKTYPE_LINUX_SLL) o = 14
  else if (lt === LINKTYPE_LINUX_SLL2) o = 0
  else return false
  if (d.length < o + 2) return false
  const t = (d[o]! << 8) | d[o + 1]!
  return t === ETH_TYPE_SLOW || t === 0x8100 || t === 0x88a8 || t === 0x9100 || t === 0x9200
}

/**
 * Read the captures and analyse every LACP link. Without a sink, returns the analysis only; with one,
 * streams the text or JSON output into it as it goes. A broken capture ends the reading: everything
 * before is analysed and written, then the typed error is thrown (its `partial` holds the analysis).
 */
export async function decodeLacpCapture(paths: (string | Buffer)[], opts: LacpDecodeOptions = {}, sink?: LacpDecodeSink): Promise<LacpDecodeResult> {
  let linkSides: Set<string> | undefined
  if (opts.link !== undefined && /^L\d+$/i.test(opts.link)) {
    if (paths.includes('-')) throw new OflError('LINK_FILTER_STDIN', `--link ${opts.link} needs two passes over the capture; it cannot be used with stdin (use a system/port, MAC or interface instead)`)
    const first = await decodeLacpCapture(paths, { ...opts, link: undefined, limit: undefined })
    const l = first.links.find((x) => x.id.toLowerCase() === opts.link!.toLowerCase())
    if (!l) throw new OflError('LINK_NOT_FOUND', `no link ${opts.link} (the capture has ${first.links.map((x) => x.id).join(', ') || 'none'})`)
    linkSides = new Set(l.sides.map((s) => s.id))
  }
  const filter = makeFilter(opts.link, linkSides)
  const json = opts.format === 'json'
  const analyzer = new LacpAnalyzer(opts)
  const wheres = new Map<string | number, Where>()
  const limit = opts.limit ?? Infinity
  let count = 0
  let firstEntry = true
  const jbuf = new JsonBuffer(1 << 20)
  const SEP_FIRST = Buffer.from('\n')
  const SEP = Buffer.from(',\n')
  let error: OflError | NodeJS.ErrnoException | undefined
  let stop: StopInfo | undefined
  let matched = 0
  // the JSON head goes out with the first PDU (or the report): a file that is no capture at all leaves stdout empty
  let headDone = !(sink && json)
  const head = async (): Promise<void> => {
    if (!headDone) await put(sink!, JSON_DOC_HEAD)
    headDone = true
  }
  // The scan path: only slow-protocol frames and TCP segments on the OpenFlow ports become records;
  // every other frame is refused by the reader from its bytes and only counted.
  const ofPorts = opts.ports && opts.ports.length ? opts.ports : DEFAULT_OF_PORTS
  const frameFilter = makeFrameFilter({ slowProtocols: true, tcpPorts: ofPorts })

  outer: for (const [fileIdx, input] of paths.entries()) {
    const memo = new FrameMemo()
    const path = typeof input === 'string' ? input : `buffer ${fileIdx + 1}`
    let batches: AsyncIterable<CaptureRecord[]>
    let framesRead: () => number
    if (typeof input === 'string') {
      const stream = openCapture(input, { stdin: opts.stdin, filter: frameFilter })
      if (opts.onProgress) stream.on('progress', (p: CaptureProgress) => opts.onProgress!({ ...p, file: input }))
      batches = stream.batches()
      framesRead = () => stream.frames
    } else {
      const counted = { frames: 0 }
      batches = bufferBatches(input, frameFilter, counted)
      framesRead = () => counted.frames
    }
    // LACPDUs inside OpenFlow packet-ins/packet-outs join as Ethernet records with their own `where`
    batches = withOpenFlowLacpLazily(batches, { file: paths.length > 1 ? path : undefined, ports: ofPorts })
    // frames the filter refused are counted from the gaps in the frame numbers
    let lastFrame = 0
    try {
      for await (const batch of batches) {
        let out = ''
        for (const rec of batch) {
          if (!isOfCarriedRecord(rec)) { // a frame carried in OpenFlow is not a capture frame
            analyzer.summary.frames += rec.frame - lastFrame
            lastFrame = rec.frame
          }
          if (!FAST_SLOW_CHECK(rec.linkType, rec.data)) continue
          // a sender's LACPDU with the tuples of its previous one: no decode, no lookups, one copy of JSON
          let m = memo.find(rec)
          const hit = m !== undefined
          let e: SlowPduEntry | undefined
          if (m !== undefined) e = m.entry(rec)
          else {
            e = toEntry(rec, fileIdx, paths.length > 1 ? path : undefined, wheres)
            if (e === undefined) continue
            m = memo.add(rec, e)
          }
          if (filter && !filter(e)) continue
          matched++
          if (opts.onPdu) opts.onPdu(e)
          if (e.pdu !== undefined) {
            if (hit) m!.side = analyzer.addRepeat(e as LacpObservation, m!.side)
            else {
              const side = analyzer.add(e as LacpObservation)
              if (m !== undefined) m.side = side
            }
          } else {
            analyzer.summary.slowFrames++
            if (e.subtype === SLOW_SUBTYPE_LACP || e.subtype === SLOW_SUBTYPE_MARKER) analyzer.summary.undecodable++
            else analyzer.summary.otherSlow++
          }
          if (sink) {
            if (json) {
              // a memo's first PDU goes through the render caches (a flapping sender makes a new memo per PDU)
              if (hit) writeJsonLacpElement(jbuf, firstEntry, e.frame, e.tsSec, e.tsNsec, m!.jsonPrefix(e), (e.pdu as LacpPduLike).collectorMaxDelay)
              else {
                jbuf.raw(firstEntry ? SEP_FIRST : SEP)
                writeJsonPduHead(jbuf, e)
                writeJsonPduTail(jbuf, e)
              }
              firstEntry = false
            } else if (!opts.quiet) out += formatPduLine(e, opts.verbose === true, opts)
          }
          if (++count >= limit) {
            stop = { reason: 'count', count: limit }
            if (sink && out) await put(sink, out)
            if (sink && jbuf.pending) await head().then(() => putJson(sink, jbuf))
            break outer
          }
        }
        if (sink && out) await put(sink, out)
        if (sink && jbuf.pending) await head().then(() => putJson(sink, jbuf))
      }
      analyzer.summary.frames += framesRead() - lastFrame
    } catch (e) {
      if (!isOflError(e) && typeof (e as NodeJS.ErrnoException).syscall !== 'string') throw e
      analyzer.summary.frames += Math.max(0, framesRead() - lastFrame)
      error = e as OflError | NodeJS.ErrnoException
      break
    }
  }
  // live input: the engine's failure (it died, so the stream ended or broke) is the report's error
  const ended = await opts.inputEnded?.()
  if (ended) error = ended
  stop ??= opts.stopInfo?.()
  const analysis = analyzer.finish(stop)
  if (error) analysis.verdicts = analysis.verdicts.filter((v) => v.code !== 'no-lacp') // the capture broke: absence proves nothing
  const result: LacpDecodeResult = linkSides || opts.link ? restrictToLink(analysis, opts.link!, linkSides) : analysis
  if (stop) result.stop = stop
  if (error) result.error = error
  // not a capture (nothing read before the error): an input error, no analysis to print
  if (error && analyzer.summary.frames === 0 && analyzer.summary.slowFrames === 0) throw error
  if (opts.link !== undefined && !linkSides && matched === 0 && !error) {
    throw new OflError('LINK_NOT_FOUND', `--link ${opts.link} matches no PDU (${analyzer.summary.frames} frames read); give a link id (L1), an actor system/port, a MAC or an interface name`)
  }
  if (sink && json) await head()
  if (sink) await put(sink, json ? jsonReportTail(result) : formatReport(result, { quietPdus: opts.quiet === true, utc: opts.utc, verbose: opts.verbose }))
  if (error) {
    ;(error as OflError & { partial?: LacpDecodeResult }).partial = result
    throw error
  }
  return result
}

/**
 * OpenFlow's TCP ports: 6653 (IANA; OpenFlow 1.3.5 §6.3.1 "Connection Setup") and the older 6633, the
 * same default as the OpenFlow capture decoder's.
 */
const DEFAULT_OF_PORTS: readonly number[] = [6653, 6633]

/** Kept frames that are not slow-protocol frames are TCP segments on an OpenFlow port. */
const SLOW_ONLY = makeFrameFilter({ slowProtocols: true })

/** Is this record a frame carried in an OpenFlow message (./lacp-source.ts)? */
function isOfCarriedRecord(r: CaptureRecord): r is OfCarriedRecord {
  return (r as Partial<OfCarriedRecord>).openflow !== undefined
}

/**
 * withOpenFlowLacp, with the OpenFlow reader imported only when the first TCP segment on an OpenFlow
 * port shows up (a capture without OpenFlow, most, never pays for loading it), and the OpenFlow codec
 * only when a message that may carry a LACPDU is framed (./carried.ts).
 */
async function* withOpenFlowLacpLazily(batches: AsyncIterable<CaptureRecord[]>, opts: OpenFlowLacpOptions): AsyncGenerator<CaptureRecord[]> {
  const it = batches[Symbol.asyncIterator]()
  try {
    for (;;) {
      const r = await it.next()
      if (r.done) return
      if (r.value.every((x) => SLOW_ONLY(x.data, 0, x.data.length, x.linkType))) {
        yield r.value
        continue
      }
      const { CarriedLacpReader, carryLacp } = await import('./carried.js')
      const first = r.value
      yield* carryLacp((async function* () {
        yield first
        for (let n = await it.next(); !n.done; n = await it.next()) yield n.value
      })(), new CarriedLacpReader(opts))
      return
    }
  } finally {
    await it.return?.() // closes the capture when the consumer stops early (--limit)
  }
}

/** The in-memory reader as batches: everything the filter kept, then the error (if any). */
async function* bufferBatches(buf: Buffer, filter: FrameFilter, counted: { frames: number }): AsyncGenerator<CaptureRecord[]> {
  let records: CaptureRecord[]
  try {
    const scan = scanCapture(buf, { filter })
    records = scan.records
    counted.frames = scan.frames
  } catch (e) {
    counted.frames = (e as CaptureErrorWithRecords).frames ?? 0
    const got = (e as CaptureErrorWithRecords).records
    if (got?.length) yield got
    throw e
  }
  yield records
}

const NO_TRAILING = Buffer.alloc(0)
/** The collector TLV's type and length (3, 16) as one big-endian 16-bit word. */
const PLAIN_COLLECTOR_HEADER = (LACP_TLV_COLLECTOR << 8) | LACP_COLLECTOR_TLV_LENGTH

/**
 * A sender's LACPDUs (the periodic PDUs of a link) repeat their link header, actor and partner while
 * the link is stable; what may change from one to the next besides is CollectorMaxDelay (and bytes
 * after the PDU). Per sender (source address and interface) the memo keeps the first 42 bytes of its
 * last decoded issue-free LACPDU and what came out of them: the decoded tuples (handed again, so the
 * analyzer takes its fast path), the side they were added to, and the rendered JSON up to the
 * collector delay. A frame with the same first bytes and a plain tail (isPlainLacpduTail) is then read
 * without decoding: its entry reuses the tuples and reads the collector delay from the frame.
 */
class Memo {
  /** linkType, interfaceId and direction of the sender's frames (its place). */
  private linkType = 0
  private interfaceId = 0
  private direction: CaptureRecord['direction']
  private len = 0
  /** The frame bytes up to the collector TLV (link header, subtype, version, actor and partner TLVs), as 32-bit words and the bytes after the last whole word. */
  private words = new Int32Array(0)
  private readonly rest = new Uint8Array(3)
  private restLen = 0
  private pduOffset = 0
  /**
   * The entry handed for each PDU the memo stands for and its PDU, both rewritten for every frame
   * (onPdu's entry is valid only during the call): the tuples, MACs and place are those of the frame
   * the memo was made from. No view of that frame is kept (it would hold its whole read chunk).
   */
  private pdu!: LacpDu
  private scratch: Entry | undefined
  private prefix: Buffer | undefined
  /** The analyzer's side of these tuples (addRepeat checks it). */
  side: SideRef | undefined
  /** Consecutive PDUs of this sender that differed from the kept one, and PDUs left not to compare. */
  misses = 0
  skip = 0
  constructor(rec: CaptureRecord, proto: SlowPduEntry) {
    this.reset(rec, proto)
  }

  /** The sender's next PDU differs: keep that one instead (one Memo per sender, reused). */
  reset(rec: CaptureRecord, proto: SlowPduEntry): void {
    this.linkType = rec.linkType
    this.interfaceId = rec.interfaceId
    this.direction = rec.direction
    const d = rec.data
    this.len = d.length
    const o = (this.pduOffset = proto.pduOffset)
    const n = o + LACP_OFF_COLLECTOR
    const w = n >> 2
    if (this.words.length !== w) this.words = new Int32Array(w)
    chunkOf(d)
    for (let i = 0; i < w; i++) this.words[i] = chunkDv.getInt32(d.byteOffset + 4 * i, true)
    this.restLen = n - 4 * w
    for (let i = 0; i < this.restLen; i++) this.rest[i] = d[4 * w + i]!
    const p = proto.pdu as LacpDu
    // a new object per reset: the analyzer may hold the previous one (its identity stands for its tuples)
    this.pdu = { subtype: 1, version: p.version, actor: p.actor, partner: p.partner, collectorMaxDelay: p.collectorMaxDelay, tlvs: [], trailing: NO_TRAILING, issues: NO_ISSUES }
    const e = (this.scratch ??= new Entry(0, 0, 0, 0, proto.where, undefined, undefined, NO_TRAILING, o, 1, undefined, NO_ISSUES, -1, -1))
    e.where = proto.where
    e.srcMac = proto.srcMac
    e.dstMac = proto.dstMac
    e.pduOffset = o
    e.pdu = this.pdu
    e.srcOffset = proto.srcOffset
    e.dstOffset = proto.dstOffset
    this.prefix = undefined
    this.side = undefined
  }

  /** Same place, same length, same first bytes, a plain tail. */
  matches(r: CaptureRecord): boolean {
    const d = r.data
    if (d.length !== this.len || r.linkType !== this.linkType || r.interfaceId !== this.interfaceId || r.direction !== this.direction) return false
    chunkOf(d)
    const dv = chunkDv
    const base = d.byteOffset
    const words = this.words
    const w = words.length
    // native byte order: only equality matters
    let x = 0
    for (let i = 0; i < w; i++) x |= dv.getInt32(base + 4 * i, true) ^ words[i]!
    const rest = this.rest
    for (let i = 0; i < this.restLen; i++) x |= d[4 * w + i]! ^ rest[i]!
    if (x !== 0) return false
    // the plain tail: collector TLV header 3/16, then zeros from its reserved octets to 110 (the terminator
    // at 58, the pad): then the PDU decodes without issues and without TLVs, like the memo's own
    const o = base + this.pduOffset
    if (dv.getUint16(o + LACP_OFF_COLLECTOR) !== PLAIN_COLLECTOR_HEADER) return false
    for (let i = o + LACP_OFF_COLLECTOR + 4; i < o + LACPDU_SIZE; i += 4) x |= dv.getInt32(i, true) // 64 bytes, 16 words
    return x === 0
  }

  /** The entry of a frame that matches(): valid until the next call. */
  entry(r: CaptureRecord): SlowPduEntry {
    const d = r.data
    const o = this.pduOffset
    const pdu = this.pdu
    pdu.collectorMaxDelay = (d[o + LACP_OFF_COLLECTOR + 2]! << 8) | d[o + LACP_OFF_COLLECTOR + 3]!
    if (d.length > o + LACPDU_SIZE) pdu.trailing = d.subarray(o + LACPDU_SIZE)
    const e = this.scratch!
    e.frame = r.frame
    e.time = r.tsSec + r.tsNsec / 1e9
    e.tsSec = r.tsSec
    e.tsNsec = r.tsNsec
    e.frameData = d
    return e
  }

  /** The rendered JSON of these tuples up to the collector delay (jsonLacpduPrefix). */
  jsonPrefix(e: SlowPduEntry): Buffer {
    return (this.prefix ??= jsonLacpduPrefix(e)!)
  }
}


/** An entry the memo can stand for: an issue-free LACPDU without TLVs, both MACs in the frame, not carried in OpenFlow. */
function memoizable(r: CaptureRecord, e: SlowPduEntry): boolean {
  const pdu = e.pdu
  return pdu !== undefined && pdu.subtype === 1 && e.subtype === 1 && e.issues.length === 0 && (pdu as LacpDu).tlvs.length === 0 &&
    e.srcOffset >= 0 && e.dstOffset >= 0 && r.data.length >= e.pduOffset + LACPDU_SIZE && !isOfCarriedRecord(r)
}

/** Sender key: the 6 source-address bytes (Ethernet/SLL at 6, SLL2 at 12) plus the interface id. */
function senderKey(r: CaptureRecord): number {
  const d = r.data
  const o = r.linkType === LINKTYPE_LINUX_SLL2 ? 12 : 6
  if (d.length < o + 6) return -1
  return ((d[o]! * 256 + d[o + 1]!) * 65536 + (d[o + 2]! << 8 | d[o + 3]!)) * 65536 + (d[o + 4]! << 8 | d[o + 5]!) + (r.interfaceId & 31) * 2 ** 48
}

/** Slots of the per-sender memo table (direct-mapped by sender key: no Map, no boxed key per lookup). */
const MEMO_SLOTS = 4096

function memoSlot(k: number): number {
  const h = Math.imul((k >>> 0) ^ Math.imul((k / 0x100000000) | 0, 0x9e3779b1), 0x85ebca6b)
  return (h >>> 20) & (MEMO_SLOTS - 1)
}

class FrameMemo {
  private readonly keys = new Float64Array(MEMO_SLOTS).fill(-1)
  private readonly memos: (Memo | undefined)[] = new Array<Memo | undefined>(MEMO_SLOTS).fill(undefined)

  find(r: CaptureRecord): Memo | undefined {
    if (isOfCarriedRecord(r)) return undefined // its `where` (datapath, port) is not in the frame bytes
    const k = senderKey(r)
    if (k < 0) return undefined
    const s = memoSlot(k)
    const m = this.memos[s]
    if (m === undefined || this.keys[s] !== k) return undefined
    if (m.skip > 0) {
      m.skip--
      return undefined
    }
    if (m.matches(r)) {
      m.misses = 0
      return m
    }
    // a sender whose tuples keep changing (a flapping state): stop comparing for a while
    if (++m.misses >= 8) {
      m.misses = 0
      m.skip = 64
    }
    return undefined
  }

  /** Keep a decoded entry as its sender's memo, when it can be one; returns the memo. */
  add(r: CaptureRecord, e: SlowPduEntry): Memo | undefined {
    if (!memoizable(r, e)) return undefined
    const k = senderKey(r)
    if (k < 0) return undefined
    const s = memoSlot(k)
    const m = this.memos[s]
    if (m !== undefined && this.keys[s] === k) {
      if (m.skip > 0) return undefined // a sender whose tuples keep changing: no memo for a while
      m.reset(r, e)
      return m
    }
    this.keys[s] = k
    return (this.memos[s] = new Memo(r, e))
  }
}

/** Fixed-shape entry (a class, not spreads: V8 keeps one hidden class on the hot path). */
class Entry implements SlowPduEntry {
  constructor(
    public frame: number,
    public time: number,
    public tsSec: number,
    public tsNsec: number,
    public where: Where,
    public srcMac: string | undefined,
    public dstMac: string | undefined,
    public frameData: Buffer,
    public pduOffset: number,
    public subtype: number,
    public pdu: LacpObservation['pdu'] | undefined,
    public issues: PduIssue[],
    public srcOffset: number,
    public dstOffset: number,
  ) {}
}

const NO_ISSUES: PduIssue[] = []

/** DataView and whole-buffer Buffer of the chunk a record lives in (decoders then create none per PDU). */
let chunkAb: ArrayBufferLike | undefined
let chunkBuf: Buffer = Buffer.alloc(0)
let chunkDv: DataView = new DataView(new ArrayBuffer(0))
function chunkOf(data: Buffer): void {
  if (data.buffer !== chunkAb) {
    chunkAb = data.buffer
    chunkBuf = Buffer.from(data.buffer)
    chunkDv = new DataView(data.buffer)
  }
}

/** Decode one record into an entry, or undefined if it is not a slow-protocol frame. */
function toEntry(rec: CaptureRecord, fileIdx: number, file: string | undefined, wheres: Map<string | number, Where>): SlowPduEntry | undefined {
  const data = rec.data
  let off: number
  let where: Where
  let srcOffset = -1
  let dstOffset = -1
  if (rec.linkType === LINKTYPE_ETHERNET && data.length >= 15 && data[12] === 0x88 && data[13] === 0x09) {
    // untagged Ethernet: no view object needed
    off = 14
    srcOffset = 6
    dstOffset = 0
    where = isOfCarriedRecord(rec) ? rec.where : internWhere(wheres, rec, undefined, undefined, undefined, fileIdx, file)
  } else {
    let v
    try {
      v = linkView(rec.linkType, data)
    } catch {
      return undefined
    }
    if (v.ethertype !== ETH_TYPE_SLOW) return undefined
    where = isOfCarriedRecord(rec) ? rec.where : internWhere(wheres, rec, v.direction, v.ifIndex, v.vlans.length ? v.vlans.map((t) => t.vid) : undefined, fileIdx, file)
    off = v.payloadOffset
    if (v.src) srcOffset = v.src.byteOffset - data.byteOffset
    if (v.dst) dstOffset = v.dst.byteOffset - data.byteOffset
  }
  const subtype = off < data.length ? data[off]! : -1
  const e = new Entry(rec.frame, rec.tsSec + rec.tsNsec / 1e9, rec.tsSec, rec.tsNsec, where,
    srcOffset >= 0 ? macText(data, srcOffset) : undefined, dstOffset >= 0 ? macText(data, dstOffset) : undefined,
    data, off, subtype, undefined, NO_ISSUES, srcOffset, dstOffset)
  try {
    if (subtype === SLOW_SUBTYPE_LACP) {
      chunkOf(data)
      const base = data.byteOffset
      const pdu = decodeLacpdu(chunkBuf, base + off, base + data.length, chunkDv)
      if (pdu.issues.length) for (const i of pdu.issues) i.offset -= base // offsets relative to the frame
      e.pdu = pdu
      e.issues = pdu.issues
    } else if (subtype === SLOW_SUBTYPE_MARKER) {
      const pdu = decodeMarker(data, off, data.length)
      e.pdu = pdu
      e.issues = pdu.issues
    }
  } catch (err) {
    if (!isOflError(err)) throw err
    const rel = err.offset !== undefined && subtype === SLOW_SUBTYPE_LACP ? err.offset - data.byteOffset : err.offset
    e.issues = [{ code: err.code, message: err.message, offset: rel ?? off }]
  }
  return e
}

function internWhere(cache: Map<string | number, Where>, rec: CaptureRecord, dir: 'in' | 'out' | undefined, ifIndex: number | undefined, vlans: number[] | undefined, fileIdx: number, file: string | undefined): Where {
  const d = rec.direction ?? dir
  const simple = ifIndex === undefined && vlans === undefined
  const key: string | number = simple
    ? (fileIdx * 65536 + rec.interfaceId) * 4 + (d === 'in' ? 1 : d === 'out' ? 2 : 0)
    : `${fileIdx}|${rec.interfaceId}|${d}|${ifIndex}|${vlans?.join('.')}`
  let w = cache.get(key)
  if (w === undefined) {
    w = {}
    if (file !== undefined) w.file = file
    if (rec.interfaceName !== undefined) w.interface = rec.interfaceName
    else if (rec.interfaceId !== 0) w.interface = `if${rec.interfaceId}`
    if (ifIndex !== undefined) w.ifIndex = ifIndex
    if (d !== undefined) w.direction = d
    if (vlans !== undefined) w.vlans = vlans
    cache.set(key, w)
  }
  return w
}

function makeFilter(spec: string | undefined, sides: Set<string> | undefined): ((e: SlowPduEntry) => boolean) | undefined {
  if (spec === undefined) return undefined
  if (sides) {
    return (e) => e.pdu !== undefined && (e.pdu.subtype === 1
      ? sides.has(sideKey(e.pdu.actor.system, e.pdu.actor.port))
      : sides.has(sideKey(e.pdu.requesterSystem, e.pdu.requesterPort)))
  }
  const s = spec.toLowerCase()
  return (e) => {
    if (e.where.interface === spec || e.srcMac === s) return true
    const p = e.pdu
    if (p === undefined) return false
    if (p.subtype === 1) {
      const a = sideKey(p.actor.system, p.actor.port)
      const b = sideKey(p.partner.system, p.partner.port)
      return a === s || b === s || p.actor.system === s || p.partner.system === s
    }
    return sideKey(p.requesterSystem, p.requesterPort) === s || p.requesterSystem === s
  }
}

/** With a link filter, keep only that link (and the LAGs and verdicts that concern it). */
function restrictToLink(a: LacpAnalysis, spec: string, sides: Set<string> | undefined): LacpAnalysis {
  let links: LinkReport[]
  if (sides) links = a.links.filter((l) => l.sides.some((s) => sides.has(s.id)))
  else {
    const s = spec.toLowerCase()
    links = a.links.filter((l) => l.sides.some((x) => x.id === s || x.system === s || x.macs.includes(s) || x.where.some((w) => w.interface === spec)))
  }
  if (sides && links.length === 1 && links[0]!.id !== spec.toUpperCase()) {
    // a second pass over one link numbers it L1: give it back the id the user asked for
    const from = links[0]!.id
    const to = spec.toUpperCase()
    links = [{ ...links[0]!, id: to }]
    a = {
      ...a,
      lags: a.lags.map((g) => ({ ...g, links: g.links.map((l) => (l === from ? to : l)) })),
      verdicts: a.verdicts.map((v) => (v.scope === 'link' && v.subject === from ? { ...v, subject: to } : v)),
    }
  }
  const ids = new Set(links.map((l) => l.id))
  const lags = a.lags.filter((g) => g.links.some((l) => ids.has(l)))
  const lagIds = new Set(lags.map((g) => g.id))
  return { ...a, links, lags, verdicts: a.verdicts.filter((v) => (v.scope === 'link' ? ids.has(v.subject) : v.scope === 'lag' ? lagIds.has(v.subject) : true)) }
}
