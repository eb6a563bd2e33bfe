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
const K_TIME_END = lit('Z"')
const K_SUBTYPE = lit(',"subtype":')
const K_SRC = lit(',"srcMac":"')
const K_DST = lit(',"dstMac":"')
const K_VERSION = lit(',"version":')
const K_ACTOR = lit(',"actor":{"systemPriority":')
const K_PARTNER = lit('},"partner":{"systemPriority":')
const K_SYSTEM = lit(',"system":"')
const K_KEY = lit('","key":')
const K_PPRIO = lit(',"portPriority":')
const K_PORT = lit(',"port":')
const K_STATE = lit(',"state":')
const K_CMD = lit('},"collectorMaxDelay":')
const K_NOISSUES = lit(',"issues":[]}')

/**
 * Growable output buffer with the few writers the PDU objects need. take() hands out what was written
 * since the last take() as a view and goes on writing behind it in the same buffer (a new buffer comes
 * only when this one is full), so the memory taken is what was written. A view handed to a sink that
 * has let go of it (a synchronous write) goes back with recycle(): then the same bytes are written
 * again, and a whole decode runs in one buffer.
 */
export class JsonBuffer {
  buf: Buffer
  pos = 0
  /** Start of what take() has not handed out yet. */
  private start = 0
  /** Views handed out of `buf` and not recycled. */
  private out = 0

  constructor(private readonly size = 1 << 20) {
    this.buf = Buffer.allocUnsafe(size)
  }

  /** Make room for n more bytes. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return
    // what was taken stays where it is (views of it are out); the rest moves to a new buffer
    const keep = this.pos - this.start
    const next = Buffer.allocUnsafe(Math.max(this.size, keep * 2, keep + n))
    this.buf.copy(next, 0, this.start, this.pos)
    this.buf = next
    this.start = 0
    this.pos = keep
    this.out = 0
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

  /** Bytes written since the last take() (or recycle()). */
  get pending(): number {
    return this.pos - this.start
  }

  /** Take the bytes written since the last take(): a view that these writers never write again, unless recycled. */
  take(): Buffer {
    const out = this.buf.subarray(this.start, this.pos)
    this.start = this.pos
    this.out++
    return out
  }

  /**
   * The view take() returned last is no longer referenced by anyone: its bytes may be written again.
   * Once every view of the current buffer is back, writing starts over at its beginning.
   */
  recycle(view: Buffer): void {
    const b = this.buf
    const at = view.byteOffset - b.byteOffset
    // a view of a buffer left behind by room() (small buffers may share one pool ArrayBuffer: compare ranges)
    if (view.buffer !== b.buffer || at < 0 || at + view.length > b.length || this.out === 0) return
    if (--this.out === 0 && this.start === this.pos) this.start = this.pos = 0
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

// ---- the per-PDU writers ------------------------------------------------------------------------
// One room() check per PDU, then plain functions over (buffer, position) that return the new
// position: no property stores per field, no bounds checks beyond the typed array's own.

/** "00".."99" as byte pairs. */
const PAIRS = new Uint8Array(200)
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = 48 + Math.floor(i / 10)
  PAIRS[2 * i + 1] = 48 + (i % 10)
}

/** Copy bytes: a byte loop for a few (cheaper than a call), TypedArray#set beyond. */
function put(b: Buffer, p: number, k: Buffer): number {
  const n = k.length
  if (n > 16) b.set(k, p)
  else for (let i = 0; i < n; i++) b[p + i] = k[i]!
  return p + n
}

/** A non-negative integer below 2^53, in decimal. */
function putUint(b: Buffer, p: number, n: number): number {
  if (n < 10) {
    b[p] = 48 + n
    return p + 1
  }
  if (n < 100) {
    b[p] = PAIRS[2 * n]!
    b[p + 1] = PAIRS[2 * n + 1]!
    return p + 2
  }
  if (n < 1000) {
    const h = (n / 100) | 0
    const r = n - h * 100
    b[p] = 48 + h
    b[p + 1] = PAIRS[2 * r]!
    b[p + 2] = PAIRS[2 * r + 1]!
    return p + 3
  }
  let digits = 4
  for (let x = 10000; x <= n && digits < 16; x *= 10) digits++
  if (n >= 1e16) digits = String(n).length
  let q = p + digits
  const stop = q
  if (n < 0x80000000) {
    while (n >= 100) {
      const h = (n / 100) | 0
      const r = n - h * 100
      b[--q] = PAIRS[2 * r + 1]!
      b[--q] = PAIRS[2 * r]!
      n = h
    }
  } else {
    while (n >= 10) {
      const h = Math.floor(n / 10)
      b[--q] = 48 + (n - h * 10)
      n = h
    }
  }
  if (n >= 10) {
    b[q - 1] = PAIRS[2 * n + 1]!
    b[q - 2] = PAIRS[2 * n]!
  } else b[q - 1] = 48 + n
  return stop
}

/** 0 <= n < 1e9 as exactly 9 digits. */
function putNanos(b: Buffer, p: number, n: number): number {
  let q = p + 9
  for (let i = 0; i < 4; i++) {
    const h = (n / 100) | 0
    const r = n - h * 100
    b[--q] = PAIRS[2 * r + 1]!
    b[--q] = PAIRS[2 * r]!
    n = h
  }
  b[p] = 48 + n
  return p + 9
}

/** 6 bytes of src at off as "aa:bb:cc:dd:ee:ff". */
function putMac(b: Buffer, p: number, src: Uint8Array, off: number): number {
  for (let i = 0; i < 6; i++) {
    const x = src[off + i]!
    b[p] = HEX[x >>> 4]!
    b[p + 1] = HEX[x & 15]!
    b[p + 2] = 58
    p += 3
  }
  return p - 1
}

/** A string known to be ASCII (MAC text, numbers), byte by byte. */
function putAscii(b: Buffer, p: number, s: string): number {
  for (let i = 0; i < s.length; i++) b[p + i] = s.charCodeAt(i)
  return p + s.length
}

/**
 * A small 2-way set-associative cache of rendered bytes, keyed by three exact integers (< 2^53) and an
 * object identity (or undefined). The most recently used way of a set is kept first.
 */
class RenderCache {
  private readonly keys: Float64Array
  private readonly tags: unknown[]
  private readonly vals: (Buffer | undefined)[]
  constructor(private readonly sets: number) {
    this.keys = new Float64Array(sets * 6).fill(-1)
    this.tags = new Array<unknown>(sets * 2).fill(undefined)
    this.vals = new Array<Buffer | undefined>(sets * 2).fill(undefined)
  }

  /** The set of a key (k0 and k1 below 2^48, k2 below 2^32). */
  set(k0: number, k1: number, k2: number): number {
    const a = (k0 >>> 0) ^ Math.imul((k0 / 0x100000000) | 0, 0x27d4eb2f)
    const b = (k1 >>> 0) ^ Math.imul((k1 / 0x100000000) | 0, 0x165667b1)
    const h = Math.imul(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(k2 | 0, 0x85ebca6b), 0xc2b2ae35)
    return ((h ^ (h >>> 15)) >>> 0) % this.sets
  }

  get(set: number, k0: number, k1: number, k2: number, tag: unknown): Buffer | undefined {
    const w = set * 2
    const k = this.keys
    if (k[w * 3] === k0 && k[w * 3 + 1] === k1 && k[w * 3 + 2] === k2 && this.tags[w] === tag) return this.vals[w]
    const w1 = w + 1
    if (k[w1 * 3] === k0 && k[w1 * 3 + 1] === k1 && k[w1 * 3 + 2] === k2 && this.tags[w1] === tag) {
      const v = this.vals[w1]
      this.put(set, k0, k1, k2, tag, v!) // make it the first way
      return v
    }
    return undefined
  }

  /** Store as the first way of the set; the previous first way becomes the second. */
  put(set: number, k0: number, k1: number, k2: number, tag: unknown, v: Buffer): void {
    const w = set * 2
    const k = this.keys
    const w0 = w * 3
    k[w0 + 3] = k[w0]!
    k[w0 + 4] = k[w0 + 1]!
    k[w0 + 5] = k[w0 + 2]!
    this.tags[w + 1] = this.tags[w]
    this.vals[w + 1] = this.vals[w]
    k[w0] = k0
    k[w0 + 1] = k1
    k[w0 + 2] = k2
    this.tags[w] = tag
    this.vals[w] = v
  }
}

/**
 * Rendered actor/partner objects by the 15 bytes they are rendered from (system priority, system, key,
 * port priority, port, state). A capture holds few distinct tuples (one per port and state), so almost
 * every PDU copies its two objects from here — whatever else in the PDU differs. Direct-mapped, 256 slots.
 */
const portInfoCache = new RenderCache(1024)
const piScratch = Buffer.allocUnsafe(256)

/**
 * The port information at frame[o, o + 15), which `info` was decoded from, as `N,"system":…,"state":N`
 * followed by `suffix` (what comes after it in the document: one copy instead of two).
 */
function putPortInfoCached(b: Buffer, p: number, info: PortInfo, frame: Buffer, o: number, suffix: Buffer, role: number): number {
  // three exact integers (< 2^48) from the 15 bytes
  const k0 = ((frame[o]! << 8) | frame[o + 1]!) * 0x100000000 + (((frame[o + 2]! << 24) | (frame[o + 3]! << 16) | (frame[o + 4]! << 8) | frame[o + 5]!) >>> 0)
  const k1 = ((frame[o + 6]! << 8) | frame[o + 7]!) * 0x100000000 + (((frame[o + 8]! << 24) | (frame[o + 9]! << 16) | (frame[o + 10]! << 8) | frame[o + 11]!) >>> 0)
  const k2 = ((frame[o + 12]! << 16) | (frame[o + 13]! << 8) | frame[o + 14]!) + role * 0x1000000
  const set = portInfoCache.set(k0, k1, k2)
  let text = portInfoCache.get(set, k0, k1, k2, undefined)
  if (text === undefined) {
    text = Buffer.from(piScratch.subarray(0, put(piScratch, putPortInfo(piScratch, 0, info, frame, o + 2), suffix)))
    portInfoCache.put(set, k0, k1, k2, undefined, text)
  }
  return put(b, p, text)
}

function putPortInfo(b: Buffer, p: number, info: PortInfo, frame: Buffer, sysOff: number): number {
  p = putUint(b, p, info.systemPriority)
  p = put(b, p, K_SYSTEM)
  p = sysOff >= 0 ? putMac(b, p, frame, sysOff) : putAscii(b, p, info.system)
  p = put(b, p, K_KEY)
  p = putUint(b, p, info.key)
  p = put(b, p, K_PPRIO)
  p = putUint(b, p, info.portPriority)
  p = put(b, p, K_PORT)
  p = putUint(b, p, info.port)
  p = put(b, p, K_STATE)
  return putUint(b, p, info.state)
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
    isoHead = Buffer.from(`,"time":"${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.`, 'latin1')
    isoSec = sec
  }
  return isoHead
}

/** `{"frame":N,"time":"2026-11-21T12:42:28.143211000Z"` — the part that differs between byte-identical repeats of a PDU. */
export function writeJsonPduHead(out: JsonBuffer, e: SlowPduEntry): void {
  let sec = e.tsSec
  let ns = e.tsNsec
  if (ns >= 1e9) {
    sec += Math.floor(ns / 1e9)
    ns %= 1e9
  }
  const iso = isoSecond(sec)
  out.room(K_FRAME.length + 24 + iso.length + 9 + K_TIME_END.length)
  const b = out.buf
  let p = put(b, out.pos, K_FRAME)
  p = putUint(b, p, e.frame)
  p = put(b, p, iso)
  p = putNanos(b, p, ns)
  out.pos = put(b, p, K_TIME_END)
}

/**
 * Rendered LACPDU prefixes `,"subtype":1,<where>,"srcMac":…,"dstMac":…,"version":N,"actor":{"systemPriority":`
 * by where (object identity), the two MACs and the version: one per sender and place. Direct-mapped, 256 slots.
 */
const prefixCache = new RenderCache(1024)

function mac48(f: Buffer, o: number): number {
  return ((f[o]! << 8) | f[o + 1]!) * 0x100000000 + (((f[o + 2]! << 24) | (f[o + 3]! << 16) | (f[o + 4]! << 8) | f[o + 5]!) >>> 0)
}

/** `,"subtype":1,<where>,"srcMac":…,"dstMac":…,"version":N,"actor":{"systemPriority":` (MACs from the frame). */
function putLacpHead(b: Buffer, p: number, where: Buffer, f: Buffer, srcOffset: number, dstOffset: number, version: number): number {
  p = put(b, p, K_SUBTYPE)
  b[p++] = 49 // 1
  p = put(b, p, where)
  p = put(b, p, K_SRC)
  p = putMac(b, p, f, srcOffset)
  b[p++] = 34 // "
  p = put(b, p, K_DST)
  p = putMac(b, p, f, dstOffset)
  b[p++] = 34
  p = put(b, p, K_VERSION)
  p = putUint(b, p, version)
  return put(b, p, K_ACTOR)
}

/** Everything after the time, up to and including the closing brace. */
export function writeJsonPduTail(out: JsonBuffer, e: SlowPduEntry): void {
  const pdu = e.pdu
  if (pdu !== undefined && pdu.subtype === 1 && e.subtype === 1 && e.srcOffset >= 0 && e.dstOffset >= 0 && e.issues.length === 0) {
    // the common LACPDU: three cached pieces and a number
    const f = e.frameData
    const k0 = mac48(f, e.srcOffset)
    const k1 = mac48(f, e.dstOffset)
    const set = prefixCache.set(k0, k1, pdu.version)
    let head = prefixCache.get(set, k0, k1, pdu.version, e.where)
    if (head === undefined) {
      const w = whereBytes(e.where)
      const tmp = Buffer.allocUnsafe(w.length + 128)
      head = Buffer.from(tmp.subarray(0, putLacpHead(tmp, 0, w, f, e.srcOffset, e.dstOffset, pdu.version)))
      prefixCache.put(set, k0, k1, pdu.version, e.where, head)
    }
    out.room(head.length + 384)
    const b = out.buf
    const o = e.pduOffset
    let p = put(b, out.pos, head)
    p = putPortInfoCached(b, p, pdu.actor, f, o + 4, K_PARTNER, 0) // actor information at subtype+4
    p = putPortInfoCached(b, p, pdu.partner, f, o + 24, K_CMD, 1) // partner information at subtype+24
    p = putUint(b, p, pdu.collectorMaxDelay)
    out.pos = put(b, p, K_NOISSUES)
    return
  }
  const where = whereBytes(e.where)
  // subtype, where, two MACs, version, actor, partner, collector delay: under 400 bytes besides `where`
  out.room(where.length + 512)
  const b = out.buf
  let p = put(b, out.pos, K_SUBTYPE)
  p = putUint(b, p, e.subtype < 0 ? 0 : e.subtype)
  p = put(b, p, where)
  if (e.srcMac !== undefined) {
    p = put(b, p, K_SRC)
    p = e.srcOffset >= 0 ? putMac(b, p, e.frameData, e.srcOffset) : putAscii(b, p, e.srcMac)
    b[p++] = 34 // "
  }
  if (e.dstMac !== undefined) {
    p = put(b, p, K_DST)
    p = e.dstOffset >= 0 ? putMac(b, p, e.frameData, e.dstOffset) : putAscii(b, p, e.dstMac)
    b[p++] = 34
  }
  if (pdu !== undefined) {
    p = put(b, p, K_VERSION)
    p = putUint(b, p, pdu.version)
    if (pdu.subtype === 1) {
      const o = e.pduOffset
      p = put(b, p, K_ACTOR)
      p = putPortInfo(b, p, pdu.actor, e.frameData, o + 6) // actor system at subtype+6
      p = put(b, p, K_PARTNER)
      p = putPortInfo(b, p, pdu.partner, e.frameData, o + 26) // partner system at subtype+26
      p = put(b, p, K_CMD)
      p = putUint(b, p, pdu.collectorMaxDelay)
    } else {
      out.pos = p
      out.ascii(`,"tlvType":${pdu.tlvType},"requesterPort":${pdu.requesterPort},"requesterSystem":"${pdu.requesterSystem}","requesterTransactionId":${pdu.requesterTransactionId}`)
      p = out.pos
    }
  }
  if (e.issues.length === 0) {
    out.pos = put(out.buf, p, K_NOISSUES)
    return
  }
  out.pos = p
  out.ascii(`,"issues":${JSON.stringify(e.issues.map((i) => ({ code: i.code, message: i.message, offset: i.offset })))}}`)
}

/**
 * The part of a LACPDU's pdus[] element that a sender repeats while its tuples stay the same — from the
 * end of the time to the collector delay: `Z","subtype":1,<where>,"srcMac":…,"version":N,"actor":{…},
 * "partner":{…},"collectorMaxDelay":` — for an entry of an issue-free LACPDU with both MACs in the frame
 * (undefined for anything else). writeJsonLacpElement with it renders the bytes of writeJsonPdu.
 */
export function jsonLacpduPrefix(e: SlowPduEntry): Buffer | undefined {
  const pdu = e.pdu
  if (pdu === undefined || pdu.subtype !== 1 || e.subtype !== 1 || e.srcOffset < 0 || e.dstOffset < 0 || e.issues.length !== 0) return undefined
  const w = whereBytes(e.where)
  const b = Buffer.allocUnsafe(w.length + 512)
  const f = e.frameData
  const o = e.pduOffset
  let p = putLacpHead(b, put(b, 0, K_TIME_END), w, f, e.srcOffset, e.dstOffset, pdu.version)
  p = putPortInfo(b, p, pdu.actor, f, o + 6) // actor system at subtype+6
  p = put(b, p, K_PARTNER)
  p = putPortInfo(b, p, pdu.partner, f, o + 26) // partner system at subtype+26
  p = put(b, p, K_CMD)
  return Buffer.from(b.subarray(0, p))
}

const K_FIRST_FRAME = lit('\n{"frame":')
const K_NEXT_FRAME = lit(',\n{"frame":')

/**
 * One whole pdus[] element of a LACPDU whose repeating part is `prefix` (jsonLacpduPrefix), with the
 * separator before it (`\n` for the first element, `,\n` after): the frame number, the time, the
 * prefix, the collector delay, no issues. One room check and four copies.
 */
export function writeJsonLacpElement(out: JsonBuffer, first: boolean, frame: number, tsSec: number, tsNsec: number, prefix: Buffer, collectorMaxDelay: number): void {
  let sec = tsSec
  let ns = tsNsec
  if (ns >= 1e9) {
    sec += Math.floor(ns / 1e9)
    ns %= 1e9
  }
  const iso = isoSecond(sec)
  out.room(K_NEXT_FRAME.length + 16 + iso.length + 9 + prefix.length + 8 + K_NOISSUES.length)
  const b = out.buf
  let p = put(b, out.pos, first ? K_FIRST_FRAME : K_NEXT_FRAME)
  p = putUint(b, p, frame)
  p = put(b, p, iso)
  p = putNanos(b, p, ns)
  b.set(prefix, p)
  p = putUint(b, p + prefix.length, collectorMaxDelay)
  out.pos = put(b, p, K_NOISSUES)
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
