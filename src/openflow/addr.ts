// IPv4 addresses as dotted strings in decoded messages (the JSON convention), u32 on the wire.
import { MalformedError } from '../wire/errors.js'

/** "10.0.0.1" from a uint32. */
export function formatIpv4(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`
}

/** uint32 from "10.0.0.1" (a number is accepted as is). Throws MalformedError `BAD_IPV4`. */
export function parseIpv4(s: string | number): number {
  if (typeof s === 'number') {
    if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) throw new MalformedError('BAD_IPV4', `not an IPv4 address: ${s}`)
    return s
  }
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim())
  if (!m) throw new MalformedError('BAD_IPV4', `not an IPv4 address: ${JSON.stringify(s)}`)
  let v = 0
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i])
    if (o > 255) throw new MalformedError('BAD_IPV4', `not an IPv4 address: ${JSON.stringify(s)}`)
    v = v * 256 + o
  }
  return v
}
