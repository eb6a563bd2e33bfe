// The lossless JSON form used by every `--json` output and accepted back by every encoder.
//
// - bigint (64-bit counters, cookies, datapath ids) → decimal string; encoders accept bigint, a
//   decimal string, a "0x…" string or a safe integer.
// - Buffer/Uint8Array (payloads, unknown bodies) → lower-case hex string; encoders accept a Buffer or hex.
// - MAC addresses are already strings in decoded objects ("aa:bb:cc:dd:ee:ff").
// Large integers in JSON text (Ryu's vectors have cookies of 2^64-1) lose precision in JSON.parse;
// `parseJsonLossless` keeps them as bigint.
import { MalformedError } from './errors.js'

export type BigIntLike = bigint | number | string
export type BytesLike = Uint8Array | string

export function asBigInt(v: BigIntLike): bigint {
  if (typeof v === 'bigint') return v
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new MalformedError('BAD_INTEGER', `not an integer: ${v}`)
    return BigInt(v)
  }
  const s = v.trim()
  if (!/^(0x[0-9a-fA-F]+|-?[0-9]+)$/.test(s)) throw new MalformedError('BAD_INTEGER', `not an integer: ${JSON.stringify(v)}`)
  return BigInt(s)
}

export function asBytes(v: BytesLike): Buffer {
  if (typeof v === 'string') {
    const hex = v.replace(/[\s:]/g, '')
    if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new MalformedError('BAD_HEX', `not hex bytes: ${JSON.stringify(v.slice(0, 40))}`)
    return Buffer.from(hex, 'hex')
  }
  if (Buffer.isBuffer(v)) return v
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength)
}

/** JSON.stringify replacer implementing the conventions above. */
export function jsonReplacer(this: unknown, key: string, value: unknown): unknown {
  // Buffer#toJSON runs before the replacer sees the value, so look at the raw holder value.
  const raw = (this as Record<string, unknown>)[key]
  if (raw instanceof Uint8Array) return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('hex')
  if (typeof value === 'bigint') return value.toString()
  return value
}

export function toJson(value: unknown, space?: number): string {
  return JSON.stringify(value, jsonReplacer, space)
}

/** Deep copy to plain JSON data (bigint → string, bytes → hex), e.g. for oclif's `--json` return value. */
export function toJsonValue<T = unknown>(value: unknown): T {
  const s = JSON.stringify(value, jsonReplacer)
  return (s === undefined ? undefined : JSON.parse(s)) as T
}

const BIG_MARK = '\u2063bigint:'

/** JSON.parse that keeps integers outside the safe range as bigint. */
export function parseJsonLossless(text: string): unknown {
  let out = ''
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text[i]!
    if (c === '"') {
      let j = i + 1
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      out += text.slice(i, j + 1)
      i = j + 1
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1
      while (j < n && /[0-9eE.+-]/.test(text[j]!)) j++
      const tok = text.slice(i, j)
      out += /^-?\d+$/.test(tok) && !Number.isSafeInteger(Number(tok)) ? `"${BIG_MARK}${tok}"` : tok
      i = j
    } else {
      out += c
      i++
    }
  }
  return JSON.parse(out, (_k, v: unknown) => (typeof v === 'string' && v.startsWith(BIG_MARK) ? BigInt(v.slice(BIG_MARK.length)) : v)) as unknown
}
