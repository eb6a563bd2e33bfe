// The verdict table: what each finding is called, how bad it is, and its rank (1 = explains the most).
// Codes are stable (tests, --json consumers); messages name the side, the fields and both values.
import type { Severity, Verdict, VerdictCode } from './types.js'

export const VERDICTS: Record<VerdictCode, { severity: Severity; rank: number; title: string }> = {
  'loopback': { severity: 'error', rank: 1, title: 'loopback: a port sees its own system as partner' },
  'one-way': { severity: 'error', rank: 2, title: 'partner never answered / one-way traffic' },
  'both-passive': { severity: 'error', rank: 3, title: 'both ends passive' },
  'partner-defaulted': { severity: 'error', rank: 4, title: 'partner defaulted or all-zero partner' },
  'stale-partner': { severity: 'error', rank: 5, title: "partner's view of us is stale" },
  'lag-partner-mismatch': { severity: 'error', rank: 6, title: 'members of one LAG see different partners' },
  'late-pdus': { severity: 'error', rank: 7, title: 'late PDUs causing expiry' },
  'individual': { severity: 'warning', rank: 8, title: 'aggregation bit off (individual link)' },
  'fast-slow-mismatch': { severity: 'warning', rank: 9, title: 'fast/slow mismatch' },
  'flapping': { severity: 'warning', rank: 10, title: 'link flapping' },
  'not-negotiated': { severity: 'error', rank: 11, title: 'not negotiated' },
  'rate-limit': { severity: 'warning', rank: 12, title: 'more than 3 LACPDUs per second' },
  'no-lacp': { severity: 'error', rank: 13, title: 'no LACPDU seen' },
  'too-short': { severity: 'warning', rank: 14, title: 'capture too short to tell' },
  'negotiated': { severity: 'ok', rank: 99, title: 'negotiated' },
}

export function makeVerdict(code: VerdictCode, scope: Verdict['scope'], subject: string, message: string, frames: number[], evidence: Record<string, unknown>): Verdict {
  const v = VERDICTS[code]
  return { code, severity: v.severity, rank: v.rank, scope, subject, message, frames: [...new Set(frames)].sort((a, b) => a - b), evidence }
}

const SEV: Record<Severity, number> = { error: 0, warning: 1, ok: 2 }

/**
 * Subjects in the order of String#localeCompare(…, 'en', { numeric: true }) — "capture" < "G1" < "L2" <
 * "L10" — for the subjects verdicts have (lower-case letters or an upper-case letter and a number
 * without leading zeros; ICU's collator costs 15 ms to make and 9 µs per localeCompare); anything else
 * is left to localeCompare.
 */
export function compareSubjects(a: string, b: string): number {
  const x = /^(capture|[A-Z])([1-9]\d{0,14})?$/.exec(a)
  const y = /^(capture|[A-Z])([1-9]\d{0,14})?$/.exec(b)
  if (x === null || y === null || (x[1] === 'capture') !== (x[2] === undefined) || (y[1] === 'capture') !== (y[2] === undefined)) {
    return a.localeCompare(b, 'en', { numeric: true })
  }
  const lx = x[1]!.toLowerCase()
  const ly = y[1]!.toLowerCase()
  if (lx !== ly) return lx < ly ? -1 : 1
  return Number(x[2] ?? 0) - Number(y[2] ?? 0)
}

/** Errors first, then warnings, then ok; within a severity by rank, then subject. */
export function sortVerdicts(vs: Verdict[]): Verdict[] {
  return [...vs].sort((x, y) => SEV[x.severity] - SEV[y.severity] || x.rank - y.rank || compareSubjects(x.subject, y.subject))
}
