// Timestamps and durations as ofl prints them, one style everywhere:
// - text: local time by default, like tshark and tcpdump ("2026-11-21 13:42:28.143211"), UTC with
//   `--utc`; 6 decimals, or 9 when the capture has sub-microsecond digits;
// - JSON: ISO 8601 in UTC ("2026-11-21T12:42:28.143211000Z");
// - durations: three significant digits with one unit ("11.8 ms", "1.00 s", "30.0 s", "95 s").

export interface TimeStyle {
  /** Print UTC instead of the local time zone. */
  utc?: boolean
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n))

function fraction(tsNsec: number): string {
  return tsNsec % 1000 === 0 && tsNsec < 1e9 ? String(tsNsec / 1000).padStart(6, '0') : String(tsNsec).padStart(9, '0')
}

let dayCacheKey = NaN
let dayCacheText = ''

/** "2026-11-21 13:42:28.143211" in local time (or UTC with style.utc). */
export function formatTimestamp(tsSec: number, tsNsec: number, style: TimeStyle = {}): string {
  const key = style.utc ? tsSec : -tsSec - 1
  if (key !== dayCacheKey) {
    const d = new Date(tsSec * 1000)
    dayCacheText = style.utc
      ? `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
      : `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`
    dayCacheKey = key
  }
  return `${dayCacheText}.${fraction(tsNsec)}`
}

/** Seconds since the epoch (a float) as formatTimestamp does, to the microsecond. */
export function formatEpochSeconds(t: number, style: TimeStyle = {}): string {
  const s = Math.floor(t)
  let us = Math.round((t - s) * 1e6)
  if (us >= 1e6) us = 999_999
  return formatTimestamp(s, us * 1000, style)
}

/** "2026-11-21T12:42:28.143211000Z": ISO 8601, UTC, nanoseconds. */
export function isoTimestamp(tsSec: number, tsNsec: number): string {
  const d = new Date(tsSec * 1000)
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(tsNsec).padStart(9, '0')}Z`
}

/** ISO 8601 (UTC, microseconds) for seconds since the epoch as a float. */
export function isoEpochSeconds(t: number): string {
  const s = Math.floor(t)
  let us = Math.round((t - s) * 1e6)
  if (us >= 1e6) us = 999_999
  const d = new Date(s * 1000)
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(us).padStart(6, '0')}Z`
}

/** The local UTC offset at time t as "UTC+01:00" (or "UTC" with style.utc). */
export function zoneName(t: number, style: TimeStyle = {}): string {
  if (style.utc) return 'UTC'
  const off = -new Date(Math.floor(t) * 1000).getTimezoneOffset()
  const sign = off < 0 ? '-' : '+'
  const a = Math.abs(off)
  return `UTC${sign}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`
}

/** A duration in seconds: "850 µs", "11.8 ms", "1.00 s", "30.0 s", "95 s", "2 h 05 min". */
export function formatDuration(x: number): string {
  if (!Number.isFinite(x)) return String(x)
  const a = Math.abs(x)
  if (a === 0) return '0 s'
  if (a < 1e-3) return `${sig3(x * 1e6)} µs`
  if (a < 1) return `${sig3(x * 1e3)} ms`
  if (a < 100) return `${sig3(x)} s`
  if (a < 3600) return `${Math.round(x)} s`
  const m = Math.round(a / 60)
  return `${x < 0 ? '-' : ''}${Math.floor(m / 60)} h ${pad2(m % 60)} min`
}

function sig3(v: number): string {
  const a = Math.abs(v)
  if (a >= 99.95) return String(Math.round(v))
  if (a >= 9.995) return v.toFixed(1)
  return v.toFixed(2)
}

/** "1 LACPDU", "2 LACPDUs"; `many` for irregular plurals. */
export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`
}
