// Helpers shared by the OpenFlow 1.2/1.3 structures: bounded TLV lists, 8-byte padding and IP address
// text (fixed-width strings: wire/fixed-text.ts). One align8 helper, and every list loop
// requires len >= header, len <= remaining, and gives each element a bounded sub-reader.
import { MalformedError } from '../../wire/errors.js'
import type { WireReader } from '../../wire/reader.js'
import type { WireWriter } from '../../wire/writer.js'

/** Bytes of padding that bring `n` up to a multiple of 8. */
export const pad8 = (n: number): number => (8 - (n & 7)) & 7
export const align8 = (n: number): number => n + pad8(n)

export interface ListSpec {
  /** Size of the element header that contains the length. */
  header: number
  /** Offset of the uint16 length inside the element header. */
  lenAt: number
  /** Error code for a bad element length (e.g. OFPBAC_BAD_LEN). */
  code: string
  /** Structure name for errors. */
  field: string
  /** True when the length excludes padding to 8 bytes that follows the element (OXM-style props). */
  padded?: boolean
  /** Required alignment of the length itself (actions and instructions: 8). */
  multipleOf?: number
}

/**
 * Decode a list of length-prefixed elements filling `r`. `each` gets a sub-reader bounded to the element
 * (its header included, padding excluded) and must consume it.
 */
export function readList<T>(r: WireReader, spec: ListSpec, each: (sub: WireReader) => T): T[] {
  const out: T[] = []
  while (r.pos < r.end) {
    const at = r.pos
    if (r.end - at < spec.header) {
      throw new MalformedError(spec.code, `${spec.field}: ${r.end - at} trailing bytes, shorter than a header`, { offset: at, field: spec.field })
    }
    const len = r.dv.getUint16(at + spec.lenAt)
    if (len < spec.header || len > r.end - at || (spec.multipleOf && len % spec.multipleOf !== 0)) {
      throw new MalformedError(spec.code, `${spec.field}: bad length ${len} (${r.end - at} bytes left)`, { offset: at + spec.lenAt, field: spec.field })
    }
    const sub = r.slice(len)
    out.push(each(sub))
    if (sub.pos !== sub.end) {
      throw new MalformedError(spec.code, `${spec.field}: ${sub.end - sub.pos} unexpected bytes`, { offset: sub.pos, field: spec.field })
    }
    if (spec.padded) r.skip(Math.min(pad8(len), r.end - r.pos), `${spec.field} padding`)
  }
  return out
}

/** Throw `code` unless a fixed-size element has exactly `size` bytes. */
export function expectLen(r: WireReader, size: number, code: string, field: string): void {
  const len = r.end - r.start
  if (len !== size) throw new MalformedError(code, `${field}: length ${len}, expected ${size}`, { offset: r.start, field })
}

/** Write an element whose uint16 length at `lenAt` is back-patched after `body` ran. */
export function writeWithLen(w: WireWriter, lenAt: number, body: () => void, padded = false): void {
  const start = w.pos
  body()
  const len = w.pos - start
  w.patchU16(start + lenAt, len)
  if (padded) w.zero(pad8(len))
}

export function formatIpv4(b: Uint8Array, off = 0): string {
  return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`
}

export function parseIpv4(s: string): Buffer {
  const parts = s.trim().split('.')
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
    throw new MalformedError('BAD_IP', `not an IPv4 address: ${JSON.stringify(s)}`)
  }
  return Buffer.from(parts.map(Number))
}

/** RFC 5952 canonical text: lower case, longest run (≥ 2) of zero groups compressed. */
export function formatIpv6(b: Uint8Array, off = 0): string {
  const g: number[] = []
  for (let i = 0; i < 8; i++) g.push((b[off + 2 * i]! << 8) | b[off + 2 * i + 1]!)
  let bestAt = -1
  let bestLen = 1
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue }
    let j = i
    while (j < 8 && g[j] === 0) j++
    if (j - i > bestLen) { bestAt = i; bestLen = j - i }
    i = j
  }
  const hex = g.map((x) => x.toString(16))
  if (bestAt < 0) return hex.join(':')
  return `${hex.slice(0, bestAt).join(':')}::${hex.slice(bestAt + bestLen).join(':')}`
}

export function parseIpv6(s: string): Buffer {
  const bad = () => new MalformedError('BAD_IP', `not an IPv6 address: ${JSON.stringify(s)}`)
  let text = s.trim().toLowerCase()
  const tail: number[] = []
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (v4) {
    const b = parseIpv4(v4[1]!)
    tail.push((b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!)
    text = text.slice(0, -v4[1]!.length)
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1)
  }
  const halves = text.split('::')
  if (halves.length > 2) throw bad()
  const parse = (h: string): number[] => (h === '' ? [] : h.split(':').map((x) => {
    if (!/^[0-9a-f]{1,4}$/.test(x)) throw bad()
    return parseInt(x, 16)
  }))
  const head = parse(halves[0]!)
  const rest = halves.length === 2 ? parse(halves[1]!) : []
  const known = head.length + rest.length + tail.length
  let groups: number[]
  if (halves.length === 2) {
    if (known > 7) throw bad()
    groups = [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail]
  } else {
    groups = [...head, ...tail]
  }
  if (groups.length !== 8) throw bad()
  const out = Buffer.alloc(16)
  groups.forEach((x, i) => out.writeUInt16BE(x, 2 * i))
  return out
}
