// Fixed-width NUL-padded strings (OpenFlow `char name[OFP_MAX_PORT_NAME_LEN]`, table names, the
// ofp_desc strings), kept lossless.
//
// A field decodes to its text up to the first NUL (OpenFlow 1.0 as Latin-1, 1.2/1.3 as UTF-8). When
// encoding that text (NUL-padded to the width) would not give the field's bytes back — bytes that are
// not valid UTF-8, a non-NUL byte after the first NUL — the decoder
// also keeps the field's exact bytes as `<field>Raw` (a Buffer; hex in the JSON form). The encoder
// writes `<field>Raw` when its text is still the `<field>` text, so decode → JSON → encode is
// byte-exact; edit the text and the stale raw bytes are ignored.
import { MalformedError } from './errors.js'
import { asBytes, type BytesLike } from './json.js'
import type { WireReader } from './reader.js'
import type { WireWriter } from './writer.js'

export type FixedTextEncoding = 'latin1' | 'utf8'

/** A decoded fixed-width string: its text, and its bytes when the text alone does not re-encode to them. */
export interface FixedText {
  text: string
  raw: Buffer | undefined
}

/** `{ <K>Raw?: Buffer }`: the raw-bytes companions of the fixed-width string fields K of a structure. */
export type FixedTextRaw<K extends string> = { [P in K as `${P}Raw`]?: Buffer }

// ignoreBOM: a leading EF BB BF stays in the text as U+FEFF (and so re-encodes) instead of vanishing
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })

/** The text of a fixed-width field: the bytes up to the first NUL. */
export function fixedTextOf(b: Buffer, enc: FixedTextEncoding): string {
  const nul = b.indexOf(0)
  const s = nul === -1 ? b : b.subarray(0, nul)
  return enc === 'utf8' ? utf8.decode(s) : s.toString('latin1')
}

/** True when writing `text` NUL-padded gives exactly `b` (the common case: checked without allocating). */
function reencodes(b: Buffer, text: string, enc: FixedTextEncoding): boolean {
  let nul = b.indexOf(0)
  if (nul === -1) nul = b.length
  for (let i = nul + 1; i < b.length; i++) if (b[i] !== 0) return false
  if (enc === 'latin1') return true // Latin-1 maps every byte 1..255 to one character and back
  let ascii = true
  for (let i = 0; i < nul; i++) {
    if (b[i]! >= 0x80) {
      ascii = false
      break
    }
  }
  return ascii || Buffer.from(text, 'utf8').equals(b.subarray(0, nul))
}

/** Read an n-byte fixed-width string field. */
export function readFixedText(r: WireReader, n: number, enc: FixedTextEncoding, field?: string): FixedText {
  const b = r.bytes(n, field)
  const text = fixedTextOf(b, enc)
  return { text, raw: reencodes(b, text, enc) ? undefined : Buffer.from(b) }
}

/**
 * Write an n-byte fixed-width string field: `raw` (Buffer or hex) when given and its text is `text`,
 * else `text` NUL-padded (cut to n bytes). A `raw` that is not exactly n bytes is MalformedError
 * `BAD_FIXED_TEXT`.
 */
export function writeFixedText(w: WireWriter, text: string, raw: BytesLike | undefined, n: number, enc: FixedTextEncoding, field = 'string'): void {
  if (raw !== undefined) {
    const b = asBytes(raw)
    if (b.length !== n) {
      throw new MalformedError('BAD_FIXED_TEXT', `${field}Raw has ${b.length} bytes, the field has ${n}`, { field: `${field}Raw` })
    }
    if (fixedTextOf(b, enc) === text) {
      w.bytes(b)
      return
    }
  }
  const b = Buffer.from(text, enc)
  const len = Math.min(n, b.length)
  w.bytes(b.subarray(0, len)).zero(n - len)
}
