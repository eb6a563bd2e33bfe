// The fuzz targets: one per decoder entry point. A target's `decode(input, rnd)` runs the entry point
// (timed; the decoder's error escapes when it rejects the input: the harness counts OflErrors by code
// and anything else as untyped), then `check` runs on what it returned and throws a Violation when a
// check fails:
// - OpenFlow (per version): decode → encode → decode gives the same message and the same bytes again,
//   and the JSON form re-encodes to the same bytes;
// - LACPDU / Marker: the same round trips (issue lists aside), issue offsets inside the input;
// - slow frame: issue offsets inside the input;
// - pcap / pcapng: the in-memory reader and the streaming reader (random chunk sizes and random
//   delivery chunking) give the same records and the same error;
// - framer: random chunking gives the same messages and the same error as one push;
// - TCP reassembly: messages of one direction never overlap and stay in stream order; issue codes are
//   the documented ones; every framed message decodes or fails typed.
import { openCapture, readCapture } from '../../src/capture/open.js'
import type { CaptureRecord } from '../../src/capture/record.js'
import { decodeLacpdu, lacpduToBuffer } from '../../src/lacp/lacpdu.js'
import { decodeMarker, markerToBuffer } from '../../src/lacp/marker.js'
import { decodeSlowFrame } from '../../src/lacp/slow.js'
import { decodeMessage, encodeMessage } from '../../src/openflow/codec.js'
import { OfFramer } from '../../src/openflow/framer.js'
import { OfCaptureDecoder, type OfCaptureMessage } from '../../src/openflow/stream/capture.js'
import { OflError } from '../../src/wire/errors.js'
import { parseJsonLossless, toJson } from '../../src/wire/json.js'
import type { MutateOptions, Seed } from './mutate.js'
import type { Rng } from './rng.js'
import type { SeedSet } from './seeds.js'

/** A failed check (not a decoder error): always reported, minimised and saved. */
export class Violation extends Error {
  constructor(readonly check: string, message: string) {
    super(`${check}: ${message}`)
    this.name = 'Violation'
  }
}

export interface Target {
  name: string
  seeds: Seed[]
  mutate: MutateOptions
  /** Adjust a mutated input (e.g. keep the version byte of the target most of the time). */
  fix?(x: Buffer, rnd: Rng): void
  /** The decoder entry point(s) under test (timed): returns what `check` needs, or throws the decoder's error. */
  decode(x: Buffer, rnd: Rng): unknown
  /** The checks on an accepted input (not timed); throws Violation, or rethrows a deferred decoder error. */
  check?(x: Buffer, decoded: any, rnd: Rng): void
}

/**
 * Equality of two decoded values as their JSON forms would compare (`toJson(a) === toJson(b)`, key
 * order aside), without building the text: bytes compare by content, bigints by value, properties
 * holding undefined or a function count as absent, NaN equals NaN (both become null).
 */
export function sameValue(a: unknown, b: unknown, skipKey?: string): boolean {
  if (a === b) return true
  if (typeof a !== typeof b || typeof a !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(a, b) === 0
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) {
      // JSON writes undefined and functions in arrays as null
      const x: unknown = typeof a[i] === 'function' ? undefined : a[i]
      const y: unknown = typeof b[i] === 'function' ? undefined : b[i]
      if (!sameValue(x ?? null, y ?? null)) return false
    }
    return true
  }
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  const present = (v: unknown): boolean => v !== undefined && typeof v !== 'function'
  let n = 0
  for (const k in ra) {
    if (k === skipKey || !Object.hasOwn(ra, k) || !present(ra[k])) continue
    n++
    if (!Object.hasOwn(rb, k) || !sameValue(ra[k], rb[k])) return false
  }
  for (const k in rb) if (k !== skipKey && Object.hasOwn(rb, k) && present(rb[k])) n--
  return n === 0
}

/**
 * `parseJsonLossless(text)`, faster for text without a long integer: it only differs from JSON.parse
 * for an integer token of 16 digits or more, and in compact JSON a number token always follows ':',
 * '[' or ','. Text with such a run (or a string that merely looks like one) takes the lossless parser.
 */
function parseJsonText(text: string): unknown {
  return /[:[,]-?\d{16}/.test(text) ? parseJsonLossless(text) : JSON.parse(text) as unknown
}

function must<T>(check: string, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (e instanceof Violation) throw e
    throw new Violation(check, e instanceof Error ? `${e.name}: ${e.message}` : String(e))
  }
}

function ofTarget(name: string, version: number, seeds: Seed[]): Target {
  return {
    name,
    seeds,
    mutate: { lengthAt: [2], keep: 0.05 },
    fix(x, rnd) {
      if (x.length > 0 && rnd.chance(0.9)) x[0] = version
    },
    decode: (x) => decodeMessage(x),
    check(_x, m) {
      const bytes = must('encode(decode(x))', () => encodeMessage(m))
      const m2 = must('decode(encode(decode(x)))', () => decodeMessage(bytes))
      if (!sameValue(m2, m)) throw new Violation('decode(encode(decode(x))) = decode(x)', `${toJson(m).slice(0, 300)} became ${toJson(m2).slice(0, 300)}`)
      const again = must('encode twice', () => encodeMessage(m2))
      if (!again.equals(bytes)) throw new Violation('encode stable', `${bytes.toString('hex')} then ${again.toString('hex')}`)
      const j1 = toJson(m)
      const viaJson = must('JSON → encode', () => encodeMessage(parseJsonText(j1) as never))
      if (!viaJson.equals(bytes)) throw new Violation('JSON → encode = encode', `${bytes.toString('hex')} vs ${viaJson.toString('hex')}`)
    },
  }
}

function issuesInside(issues: readonly { code: string; offset: number }[], len: number): void {
  for (const i of issues) {
    if (!(i.offset >= 0 && i.offset <= len)) throw new Violation('issue offset inside the input', `${i.code} at ${i.offset}, input ${len} bytes`)
  }
}

function withoutIssues(v: object): string {
  return toJson({ ...v, issues: undefined })
}

const lacpdu = (seeds: Seed[]): Target => ({
  name: 'lacpdu',
  seeds,
  mutate: { keep: 0.05 },
  fix(x, rnd) {
    if (x.length > 0 && rnd.chance(0.9)) x[0] = 1
  },
  decode: (x) => decodeLacpdu(x),
  check(x, p: ReturnType<typeof decodeLacpdu>) {
    issuesInside(p.issues, x.length)
    const bytes = must('encode(decode(x))', () => lacpduToBuffer(p))
    const p2 = must('decode(encode(decode(x)))', () => decodeLacpdu(bytes))
    if (!sameValue(p2, p, 'issues')) throw new Violation('decode(encode(decode(x))) = decode(x)', `${withoutIssues(p).slice(0, 300)} became ${withoutIssues(p2).slice(0, 300)}`)
    if (!must('encode twice', () => lacpduToBuffer(p2)).equals(bytes)) throw new Violation('encode stable', bytes.toString('hex'))
    const viaJson = must('JSON → encode', () => lacpduToBuffer(parseJsonText(toJson(p)) as never))
    if (!viaJson.equals(bytes)) throw new Violation('JSON → encode = encode', `${bytes.toString('hex')} vs ${viaJson.toString('hex')}`)
  },
})

const marker = (seeds: Seed[]): Target => ({
  name: 'marker',
  seeds,
  mutate: { keep: 0.05 },
  fix(x, rnd) {
    if (x.length > 0 && rnd.chance(0.9)) x[0] = 2
  },
  decode: (x) => decodeMarker(x),
  check(x, p: ReturnType<typeof decodeMarker>) {
    issuesInside(p.issues, x.length)
    const bytes = must('encode(decode(x))', () => markerToBuffer(p))
    const p2 = must('decode(encode(decode(x)))', () => decodeMarker(bytes))
    if (!sameValue(p2, p, 'issues')) throw new Violation('decode(encode(decode(x))) = decode(x)', `${withoutIssues(p)} became ${withoutIssues(p2)}`)
    const viaJson = must('JSON → encode', () => markerToBuffer(parseJsonText(toJson(p)) as never))
    if (!viaJson.equals(bytes)) throw new Violation('JSON → encode = encode', `${bytes.toString('hex')} vs ${viaJson.toString('hex')}`)
  },
})

const slowFrame = (seeds: Seed[]): Target => ({
  name: 'slow-frame',
  seeds,
  mutate: { keep: 0.05 },
  decode: (x) => decodeSlowFrame(x),
  check(x, f: ReturnType<typeof decodeSlowFrame>) {
    issuesInside(f.issues, x.length)
  },
})

// ---- captures ----------------------------------------------------------------------------------------

interface ReadResult {
  records: string[]
  error?: { typed: boolean; name: string; code?: string; offset?: number; message: string }
}

function describeRecord(r: CaptureRecord): string {
  return `${r.frame} ${r.offset} ${r.tsSec}.${r.tsNsec}${r.tsInvalid ? '!' : ''} ${r.linkType} ${r.interfaceId} ${r.interfaceName ?? ''} ${r.direction ?? ''} ${r.origLen} ${r.data.toString('hex')}`
}

function describeError(e: unknown): NonNullable<ReadResult['error']> {
  if (e instanceof OflError) return { typed: true, name: e.name, code: e.code, offset: e.offset, message: e.message }
  return { typed: false, name: e instanceof Error ? e.name : typeof e, message: e instanceof Error ? e.message : String(e) }
}

/** Deliver `x` in random pieces, as a pipe or socket would. */
function chunked(x: Buffer, rnd: Rng): AsyncIterable<Buffer> {
  const cuts: Buffer[] = []
  for (let i = 0; i < x.length;) {
    const n = rnd.chance(0.3) ? 1 + rnd.int(8) : 1 + rnd.int(Math.max(1, x.length))
    cuts.push(x.subarray(i, i + n))
    i += n
  }
  return {
    async *[Symbol.asyncIterator]() {
      yield* cuts
    },
  }
}

async function readStreaming(x: Buffer, rnd: Rng): Promise<ReadResult> {
  const records: string[] = []
  // small reads, medium reads, or one read larger than the whole input (not the reader's 1 MiB default:
  // for inputs of at most 64 KiB it reads the same way, without a 1 MiB allocation per input)
  const chunkSize = rnd.chance(0.5) ? 8 + rnd.int(64) : rnd.chance(0.5) ? 8 + rnd.int(4096) : x.length + 64 + rnd.int(4096)
  try {
    const s = openCapture('-', { chunkSize, stdin: chunked(x, rnd) as unknown as NodeJS.ReadableStream })
    for await (const batch of s.batches()) for (const r of batch) records.push(describeRecord(r))
  } catch (e) {
    return { records, error: describeError(e) }
  }
  return { records }
}

function captureTarget(name: string, seeds: Seed[]): Target {
  return {
    name,
    seeds,
    mutate: { maxLen: 1 << 16, keep: 0.05 },
    async decode(x, rnd) {
      let recs: CaptureRecord[]
      let err: unknown
      try {
        recs = readCapture(x)
      } catch (e) {
        err = e
        recs = (e as { records?: CaptureRecord[] }).records ?? []
      }
      const mem: ReadResult = { records: recs.map(describeRecord), ...(err === undefined ? {} : { error: describeError(err) }) }
      const str = await readStreaming(x, rnd)
      return { mem, str, err }
    },
    check(_x, { mem, str, err }: { mem: ReadResult; str: ReadResult; err: unknown }) {
      if (str.error && !str.error.typed) {
        const e = new Error(`streaming reader: ${str.error.message}`)
        e.name = str.error.name
        throw e
      }
      if (err !== undefined && !(err instanceof OflError)) throw err as Error
      if (!sameValue(mem, str)) {
        const i = mem.records.findIndex((r, k) => r !== str.records[k])
        throw new Violation('in-memory = streaming', i >= 0 || mem.records.length !== str.records.length
          ? `records differ at #${i === -1 ? Math.min(mem.records.length, str.records.length) : i} (${mem.records.length} vs ${str.records.length})`
          : `errors differ: ${JSON.stringify(mem.error)} vs ${JSON.stringify(str.error)}`)
      }
      if (err !== undefined) throw err
    },
  }
}

// ---- OpenFlow byte streams ------------------------------------------------------------------------------

interface Framed {
  frames: string[]
  error?: string
  pending: number
}

/** Frame `pieces`; with `decodeEach`, decode every framed message too (what it throws goes to `inner`). */
function frameAll(x: Buffer, pieces: Buffer[], decodeEach: boolean): { out: Framed; inner: unknown[] } {
  const f = new OfFramer()
  const frames: string[] = []
  const inner: unknown[] = []
  let at = 0
  const onMessage = (buf: Buffer, off: number, n: number): void => {
    const m = buf.subarray(off, off + n)
    frames.push(`${at} ${m.toString('hex')}`)
    at += n
    if (!decodeEach) return
    try {
      decodeMessage(m)
    } catch (e) {
      inner.push(e)
    }
  }
  try {
    for (const p of pieces) f.push(p, onMessage)
  } catch (e) {
    const d = describeError(e)
    if (!d.typed) throw e
    if (d.offset === undefined || d.offset < 0 || d.offset > x.length) throw new Violation('error offset inside the input', `${d.code} at ${d.offset}, input ${x.length} bytes`)
    return { out: { frames, error: `${d.code}@${d.offset}`, pending: -1 }, inner }
  }
  return { out: { frames, pending: f.pending }, inner }
}

const framer = (seeds: Seed[]): Target => ({
  name: 'framer',
  seeds,
  mutate: { lengthAt: [2], keep: 0.05 },
  decode(x, rnd) {
    const pieces: Buffer[] = []
    for (let i = 0; i < x.length;) {
      const n = rnd.chance(0.4) ? 1 + rnd.int(9) : 1 + rnd.int(x.length)
      pieces.push(Buffer.from(x.subarray(i, i + n))) // fresh buffers, as sockets deliver them
      i += n
    }
    // the framed messages are decoded once (from the one push): the split run only has to frame the same
    return { whole: frameAll(x, [x], true), split: frameAll(x, pieces, false) }
  },
  check(_x, { whole, split }: { whole: ReturnType<typeof frameAll>; split: ReturnType<typeof frameAll> }) {
    if (!sameValue(whole.out, split.out)) {
      throw new Violation('one push = random chunks', `${whole.out.frames.length} frames${whole.out.error ? ` then ${whole.out.error}` : ''} vs ${split.out.frames.length}${split.out.error ? ` then ${split.out.error}` : ''}`)
    }
    for (const e of whole.inner) if (!(e instanceof OflError)) throw e
    if (whole.out.error) {
      const [code, off] = whole.out.error.split('@')
      throw new OflErrorLike(code!, Number(off))
    }
  },
})

/** Re-raised framer rejection (keeps the code and offset for the harness's counts and checks). */
class OflErrorLike extends OflError {
  constructor(code: string, offset: number) {
    super(code, 'framer rejected the stream', { offset })
  }
}

const ISSUE_CODES = new Set(['OFPBRC_BAD_LEN', 'OF_STREAM_BAD_HEADER', 'TCP_GAP', 'OF_STREAM_SKIPPED', 'OF_STREAM_TRUNCATED'])

const tcp = (seeds: Seed[]): Target => ({
  name: 'tcp-reassembly',
  seeds,
  mutate: { maxLen: 1 << 16, keep: 0.05 },
  decode(x) {
    let recs: CaptureRecord[]
    try {
      recs = readCapture(x)
    } catch (e) {
      if (!(e instanceof OflError)) throw e
      recs = (e as { records?: CaptureRecord[] }).records ?? []
    }
    const msgs: OfCaptureMessage[] = []
    const bad: string[] = []
    const issues: string[] = []
    const dec = new OfCaptureDecoder((m) => msgs.push(m), (i) => {
      issues.push(i.code)
      if (!ISSUE_CODES.has(i.code)) bad.push(i.code)
    })
    for (const r of recs) dec.push(r)
    dec.finish()
    return { msgs, bad, issues }
  },
  check(_x, { msgs, bad, issues }: { msgs: OfCaptureMessage[]; bad: string[]; issues: string[] }) {
    if (bad.length) throw new Violation('documented issue codes', bad.join(', '))
    const last = new Map<string, number>()
    for (const m of msgs) {
      if (m.bytes.length > 0xffff) throw new Violation('message ≤ 65535 bytes', `${m.bytes.length}`)
      const key = `${m.connection.id} ${m.direction}`
      const prev = last.get(key) ?? 0
      if (m.offset < prev) throw new Violation('messages in stream order, no overlap', `${key}: message at ${m.offset} before ${prev}`)
      last.set(key, m.offset + m.bytes.length)
      if (m.truncated) continue
      try {
        decodeMessage(m.bytes)
      } catch (e) {
        if (!(e instanceof OflError)) throw e
      }
    }
    // the stream decoder reports damage as issues, not errors: count the input by its first issue
    if (issues.length) throw new OflError(issues[0]!, `stream issues: ${[...new Set(issues)].join(', ')}`)
  },
})

export function makeTargets(s: SeedSet): Target[] {
  const t: Target[] = [
    ofTarget('of10', 1, s.of.get(1) ?? []),
    ofTarget('of12', 3, s.of.get(3) ?? []),
    ofTarget('of13', 4, s.of.get(4) ?? []),
    lacpdu(s.slowPdu.get(1) ?? []),
    marker(s.slowPdu.get(2) ?? []),
    slowFrame(s.slowFrame),
    captureTarget('pcap', s.pcap),
    captureTarget('pcapng', s.pcapng),
    framer(s.ofStream),
    tcp(s.ofCapture),
  ]
  return t.filter((x) => x.seeds.length > 0)
}

export const TARGET_NAMES = ['of10', 'of12', 'of13', 'lacpdu', 'marker', 'slow-frame', 'pcap', 'pcapng', 'framer', 'tcp-reassembly'] as const
