// Hex text in and out: tolerant parsing of what people paste, OVS-style hexdumps.
import { MalformedError } from './errors.js'

/** Contiguous lower-case hex. */
export function toHex(buf: Uint8Array): string {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('hex')
}

/**
 * Parse hex text as people write it: whitespace, newlines, `:`/`-` separators, `0x` prefixes and
 * `#` comments to end of line are ignored; hexdump offsets (`00000010  01 02 …  |..|`) are stripped.
 * Throws MalformedError `BAD_HEX` on anything else or an odd digit count.
 */
export function parseHex(text: string): Buffer {
  const lines = text.split(/\r?\n/)
  let digits = ''
  for (let raw of lines) {
    const hash = raw.indexOf('#')
    if (hash !== -1) raw = raw.slice(0, hash)
    // hexdump -C / OVS style: leading offset then bytes then |ascii|
    const dump = /^\s*[0-9a-fA-F]{4,8}[:\s]\s+((?:[0-9a-fA-F]{2}\s+)*[0-9a-fA-F]{2})\s*(\|.*\|)?\s*$/.exec(raw)
    const body = dump && /\s/.test(raw.trim()) && raw.trim().split(/\s+/)[0]!.length >= 4 ? dump[1]! : raw
    digits += body.replace(/0x/gi, '').replace(/[\s:,-]/g, '')
  }
  if (!/^[0-9a-fA-F]*$/.test(digits)) {
    const bad = digits.search(/[^0-9a-fA-F]/)
    throw new MalformedError('BAD_HEX', `not hex: unexpected ${JSON.stringify(digits[bad])}`, { offset: bad })
  }
  if (digits.length % 2 !== 0) {
    throw new MalformedError('BAD_HEX', 'odd number of hex digits', { offset: digits.length })
  }
  return Buffer.from(digits, 'hex')
}

/** `00000000  01 0a 00 08 00 00 00 01  |........|` lines, 16 bytes each (OVS ofp-print style). */
export function hexdump(buf: Uint8Array, indent = ''): string {
  const out: string[] = []
  for (let off = 0; off < buf.length; off += 16) {
    const row = buf.subarray(off, Math.min(off + 16, buf.length))
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ')
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('')
    out.push(`${indent}${off.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  |${ascii}|`)
  }
  return out.join('\n')
}
