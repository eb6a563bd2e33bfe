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

/** "L2" before "L10": String#localeCompare(…, 'en', { numeric: true }) without making a collator per call. */
const SUBJECT_ORDER = new Intl.Collator('en', { numeric: true })

/** Errors first, then warnings, then ok; within a severity by rank, then subject. */
export function sortVerdicts(vs: Verdict[]): Verdict[] {
  return [...vs].sort((x, y) => SEV[x.severity] - SEV[y.severity] || x.rank - y.rank || SUBJECT_ORDER.compare(x.subject, y.subject))
}
