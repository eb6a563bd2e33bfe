// The `ofl lacp decode --json` document, written as a stream: `{"pdus":[` + one object per PDU +
// `],"links":[…],"lags":[…],"verdicts":[…],"summary":{…}}`. Schema: docs/lacp-decode-json.md.
//
// PDU objects are formatted straight into a Buffer (ASCII digits and hex written byte by byte, MACs
// copied from the frame): formatting dominates a 1 M-PDU decode (measured with npm run bench capture: 2.75 s with
// template strings against 0.22 s into a Buffer). The report tail is small and uses JSON.stringify.
import type { LacpAnalysis, PortInfo, Where, SlowPduEntry } from './types.js'
import type { StopInfo } from './analyzer.js'
import { isoEpochSeconds } from '../../wire/time.js'

export const JSON_DOC_HEAD = '{"pdus":['

const HEX = Buffer.from('0123456789abcdef')
const lit = (s: string): Buffer => Buffer.from(s, 'latin1')
const K_FRAME = lit('{"frame":')
const K_TIME = lit(',"time":"')
const K_TIME_END = lit('Z"')
const K_SUBTYPE = lit(',"subtype":')
const K_SRC = lit(',"srcMac":"')
const K_DST = lit(',"dstMac":"')
const K_VERSION = lit(',"version":')
const K_ACTOR = lit(',"actor":{"systemPriority":')
const K_PARTNER = lit(',"partner":{"systemPriority":')
const K_SYSTEM = lit(',"system":"')
const K_KEY = lit('","key":')
const K_PPRIO = lit(',"portPriority":')
const K_PORT = lit(',"port":')
const K_STATE = lit(',"state":')
const K_CMD = lit('},"collectorMaxDelay":')
const K_NOISSUES = lit(',"issues":[]}')
const K_QUOTE = lit('"')
const K_CLOSE = lit('}')

/** Growable output buffer with the few writers the PDU objects need. */
export class JsonBuffer {
  buf: Buffer
  pos = 0

  constructor(size = 1 << 20) {
    this.buf = Buffer.allocUnsafe(size)
  }

  /** Make room for n more bytes. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n))
    this.buf.copy(next, 0, 0, this.pos)
    this.buf = next
  }

  raw(b: Buffer): void {
    const n = b.length
    this.room(n)
    if (n > 48) this.buf.set(b, this.pos)
    else {
      // tiny copies: a byte loop beats TypedArray#set's call overhead
      const d = this.buf
      let p = this.pos
      for (let i = 0; i < n; i++) d[p++] = b[i]!
    }
    this.pos += n
  }

  ascii(s: string): void {
    this.room(s.length * 3)
    this.pos += this.buf.write(s, this.pos, 'utf8')
  }

  /** A non-negative integer below 2^53. */
  uint(n: number): void {
    this.room(16)
    const b = this.buf
    if (n < 10) {
      b[this.pos++] = 48 + n
      return
    }
    let digits = 1
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++
    let p = this.pos + digits
    this.pos = p
    while (n >= 10) {
      const q = Math.floor(n / 10)
      b[--p] = 48 + (n - q * 10)
      n = q
    }
    b[p - 1] = 48 + n
  }

  /** n as exactly `width` digits (zero padded). */
  fixed(n: number, width: number): void {
    this.room(width)
    const b = this.buf
    let p = this.pos + width
    this.pos = p
    for (let i = 0; i < width; i++) {
      const q = Math.floor(n / 10)
      b[--p] = 48 + (n - q * 10)
      n = q
    }
  }

  /** 6 bytes of src at off as "aa:bb:cc:dd:ee:ff". */
  mac(src: Uint8Array, off: number): void {
    this.room(17)
    const b = this.buf
    let p = this.pos
    for (let i = 0; i < 6; i++) {
      const x = src[off + i]!
      if (i) b[p++] = 58
      b[p++] = HEX[x >>> 4]!
      b[p++] = HEX[x & 15]!
    }
    this.pos = p
  }

  /** Take the bytes written so far (a copy-free view of a buffer that is then replaced). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos)
    this.buf = Buffer.allocUnsafe(this.buf.length)
    this.pos = 0
    return out
  }
}

const whereCache = new WeakMap<Where, Buffer>()

function whereBytes(w: Where): Buffer {
  let b = whereCache.get(w)
  if (b === undefined) {
    let s = ''
    if (w.file !== undefined) s += `,"file":${JSON.stringify(w.file)}`
    if (w.interface !== undefined) s += `,"interface":${JSON.stringify(w.interface)}`
    if (w.ifIndex !== undefined) s += `,"ifIndex":${w.ifIndex}`
    if (w.direction !== undefined) s += `,"direction":"${w.direction}"`
    if (w.datapathId !== undefined) s += `,"datapathId":"${w.datapathId}"`
    if (w.ofPort !== undefined) s += `,"ofPort":${w.ofPort}`
    if (w.vlans !== undefined) s += `,"vlans":[${w.vlans.join(',')}]`
    b = Buffer.from(s, 'utf8')
    whereCache.set(w, b)
  }
  return b
}

function portInfo(out: JsonBuffer, p: PortInfo, frame: Buffer, sysOff: number): void {
  out.uint(p.systemPriority)
  out.raw(K_SYSTEM)
  if (sysOff >= 0) out.mac(frame, sysOff)
  else out.ascii(p.system)
  out.raw(K_KEY)
  out.uint(p.key)
  out.raw(K_PPRIO)
  out.uint(p.portPriority)
  out.raw(K_PORT)
  out.uint(p.port)
  out.raw(K_STATE)
  out.uint(p.state)
}

/** Append one pdus[] element. */
export function writeJsonPdu(out: JsonBuffer, e: SlowPduEntry): void {
  writeJsonPduHead(out, e)
  writeJsonPduTail(out, e)
}

/** "YYYY-MM-DDTHH:MM:SS." of the last second seen (timestamps of a capture advance slowly). */
let isoSec = NaN
let isoHead = Buffer.alloc(0)
function isoSecond(sec: number): Buffer {
  if (sec !== isoSec) {
    const d = new Date(sec * 1000)
    const p2 = (n: number) => (n < 10 ? '0' + n : String(n))
    isoHead = Buffer.from(`${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.`, 'latin1')
    isoSec = sec
  }
  return isoHead
}

/** `{"frame":N,"time":"2026-11-21T12:42:28.143211000Z"` — the part that differs between byte-identical repeats of a PDU. */
export function writeJsonPduHead(out: JsonBuffer, e: SlowPduEntry): void {
  out.raw(K_FRAME)
  out.uint(e.frame)
  out.raw(K_TIME)
  let sec = e.tsSec
  let ns = e.tsNsec
  if (ns >= 1e9) {
    sec += Math.floor(ns / 1e9)
    ns %= 1e9
  }
  out.raw(isoSecond(sec))
  out.fixed(ns, 9)
  out.raw(K_TIME_END)
}

/** Everything after the time, up to and including the closing brace. */
export function writeJsonPduTail(out: JsonBuffer, e: SlowPduEntry): void {
  out.raw(K_SUBTYPE)
  out.uint(e.subtype < 0 ? 0 : e.subtype)
  out.raw(whereBytes(e.where))
  if (e.srcMac !== undefined) {
    out.raw(K_SRC)
    if (e.srcOffset >= 0) out.mac(e.frameData, e.srcOffset)
    else out.ascii(e.srcMac)
    out.raw(K_QUOTE)
  }
  if (e.dstMac !== undefined) {
    out.raw(K_DST)
    if (e.dstOffset >= 0) out.mac(e.frameData, e.dstOffset)
    else out.ascii(e.dstMac)
    out.raw(K_QUOTE)
  }
  const p = e.pdu
  if (p !== undefined) {
    out.raw(K_VERSION)
    out.uint(p.version)
    if (p.subtype === 1) {
      const o = e.pduOffset
      out.raw(K_ACTOR)
      portInfo(out, p.actor, e.frameData, o + 6) // actor system at subtype+6
      out.raw(K_CLOSE)
      out.raw(K_PARTNER)
      portInfo(out, p.partner, e.frameData, o + 26) // partner system at subtype+26
      out.raw(K_CMD)
      out.uint(p.collectorMaxDelay)
    } else {
      out.ascii(`,"tlvType":${p.tlvType},"requesterPort":${p.requesterPort},"requesterSystem":"${p.requesterSystem}","requesterTransactionId":${p.requesterTransactionId}`)
    }
  }
  if (e.issues.length === 0) out.raw(K_NOISSUES)
  else out.ascii(`,"issues":${JSON.stringify(e.issues.map((i) => ({ code: i.code, message: i.message, offset: i.offset })))}}`)
}

/** One pdus[] element as a string (tests, small outputs). */
export function jsonPduEntry(e: SlowPduEntry): string {
  const b = new JsonBuffer(512)
  writeJsonPdu(b, e)
  return b.take().toString('utf8')
}

/** Points in time of the report (seconds since the epoch inside the analysis) as ISO 8601 strings. */
const TIME_KEYS = new Set(['time', 'firstTime', 'lastTime', 'convergedAt'])
function isoTimes(key: string, value: unknown): unknown {
  return typeof value === 'number' && TIME_KEYS.has(key) ? isoEpochSeconds(value) : value
}

/** Everything after the last PDU, closing the document. */
export function jsonReportTail(a: LacpAnalysis & { error?: { code?: string; message: string; offset?: number }; stop?: StopInfo }): string {
  let s = `\n],"links":${JSON.stringify(a.links, isoTimes)},"lags":${JSON.stringify(a.lags)},"verdicts":${JSON.stringify(a.verdicts)},"summary":${JSON.stringify(a.summary, isoTimes)}`
  if (a.stop) s += `,"stop":${JSON.stringify(a.stop)}`
  if (a.error) s += `,"error":${JSON.stringify({ code: a.error.code ?? 'ERROR', message: a.error.message, offset: a.error.offset })}`
  return s + '}\n'
}
