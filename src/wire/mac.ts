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
