// MAC address helpers: 6 bytes on the wire, lower-case colon text for people and JSON.
import { MalformedError } from './errors.js'

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** "aa:bb:cc:dd:ee:ff" from 6 bytes at `off` (lower case, colon separated, as tshark prints). */
export function formatMac(buf: Uint8Array, off = 0): string {
  return (
    HEX[buf[off]!]! + ':' + HEX[buf[off + 1]!]! + ':' + HEX[buf[off + 2]!]! + ':' +
    HEX[buf[off + 3]!]! + ':' + HEX[buf[off + 4]!]! + ':' + HEX[buf[off + 5]!]!
  )
}

/**
 * formatMac through a small direct-mapped cache (1024 slots keyed by the 48-bit value): the same few
 * addresses repeat across millions of frames of a capture, so a hit costs a few compares and returns
 * the string made the first time, without allocating. A miss formats and replaces the slot.
 */
export function macText(buf: Uint8Array, off = 0): string {
  const hi = (buf[off]! << 8) | buf[off + 1]!
  const lo = ((buf[off + 2]! << 24) | (buf[off + 3]! << 16) | (buf[off + 4]! << 8) | buf[off + 5]!) >>> 0
  const slot = ((lo ^ (lo >>> 10) ^ (lo >>> 20) ^ (hi << 3) ^ hi) & 1023)
  if (cacheLo[slot] === lo && cacheHi[slot] === hi) {
    const s = cacheText[slot]
    if (s !== undefined) return s
  }
  const s = formatMac(buf, off)
  cacheLo[slot] = lo
  cacheHi[slot] = hi
  cacheText[slot] = s
  return s
}
const cacheLo = new Uint32Array(1024)
const cacheHi = new Int32Array(1024).fill(-1)
const cacheText: (string | undefined)[] = new Array<string | undefined>(1024).fill(undefined)

/**
 * Parse a MAC written as `aa:bb:cc:dd:ee:ff`, `aa-bb-cc-dd-ee-ff`, `aabb.ccdd.eeff` or `aabbccddeeff`.
 * Throws MalformedError `BAD_MAC`.
 */
export function parseMac(text: string): Buffer {
  const hex = text.trim().replace(/[:.-]/g, '')
  if (!/^[0-9a-fA-F]{12}$/.test(hex)) {
    throw new MalformedError('BAD_MAC', `not a MAC address: ${JSON.stringify(text)}`)
  }
  return Buffer.from(hex, 'hex')
}

/** Normalise any accepted MAC spelling to lower-case colon form. */
export function normalizeMac(text: string): string {
  return formatMac(parseMac(text))
}

/** The MAC as a number (48 bits fit in a double exactly); handy for hashing and comparisons. */
export function macToNumber(buf: Uint8Array, off = 0): number {
  return (
    buf[off]! * 0x10000000000 + buf[off + 1]! * 0x100000000 +
    ((buf[off + 2]! << 24) >>> 0) + (buf[off + 3]! << 16) + (buf[off + 4]! << 8) + buf[off + 5]!
  )
}

export const ZERO_MAC = '00:00:00:00:00:00'
