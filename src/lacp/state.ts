// The LACP actor/partner state octet (IEEE 802.1AX-2014 §6.4.2.3, bit 0 = LSB).
// Three renderings people meet: the number (/proc/net/bonding prints it in decimal), tcpdump's names
// ("Activity, Timeout, …") and Wireshark's compact "EFDCSGSA" string with '*' for clear bits.
import { MalformedError } from '../wire/errors.js'

export const LacpStateBit = {
  activity: 0x01,
  timeout: 0x02,
  aggregation: 0x04,
  synchronization: 0x08,
  collecting: 0x10,
  distributing: 0x20,
  defaulted: 0x40,
  expired: 0x80,
} as const

export type LacpStateFlag = keyof typeof LacpStateBit
export const LACP_STATE_FLAGS = Object.keys(LacpStateBit) as LacpStateFlag[]

export type LacpStateFlags = Record<LacpStateFlag, boolean>

/** tcpdump print-slow.c names, bit 0 first. */
export const TCPDUMP_STATE_NAMES: Record<LacpStateFlag, string> = {
  activity: 'Activity',
  timeout: 'Timeout',
  aggregation: 'Aggregation',
  synchronization: 'Synchronization',
  collecting: 'Collecting',
  distributing: 'Distributing',
  defaulted: 'Default',
  expired: 'Expired',
}

/** Wireshark's letters, MSB (expired) first. */
const COMPACT = 'EFDCSGSA'

export function stateFlags(state: number): LacpStateFlags {
  return {
    activity: (state & 0x01) !== 0,
    timeout: (state & 0x02) !== 0,
    aggregation: (state & 0x04) !== 0,
    synchronization: (state & 0x08) !== 0,
    collecting: (state & 0x10) !== 0,
    distributing: (state & 0x20) !== 0,
    defaulted: (state & 0x40) !== 0,
    expired: (state & 0x80) !== 0,
  }
}

export function stateFromFlags(flags: Partial<LacpStateFlags>): number {
  let s = 0
  for (const f of LACP_STATE_FLAGS) if (flags[f]) s |= LacpStateBit[f]
  return s
}

/** Wireshark's `lacp.actor.state_str`: e.g. 0x3d → "**DCSG*A". */
export function stateCompact(state: number): string {
  let out = ''
  for (let bit = 7; bit >= 0; bit--) out += state & (1 << bit) ? COMPACT[7 - bit] : '*'
  return out
}

/** tcpdump's rendering: "Activity, Aggregation, Synchronization, …" ("none" for 0). */
export function stateNames(state: number): string {
  const names = LACP_STATE_FLAGS.filter((f) => state & LacpStateBit[f]).map((f) => TCPDUMP_STATE_NAMES[f])
  return names.length ? names.join(', ') : 'none'
}

/** Open vSwitch lacp/show words: "activity timeout aggregation synchronized collecting distributing defaulted expired". */
export function stateWords(state: number): string {
  const words: Record<LacpStateFlag, string> = {
    activity: 'activity', timeout: 'timeout', aggregation: 'aggregation', synchronization: 'synchronized',
    collecting: 'collecting', distributing: 'distributing', defaulted: 'defaulted', expired: 'expired',
  }
  return LACP_STATE_FLAGS.filter((f) => state & LacpStateBit[f]).map((f) => words[f]).join(' ')
}

const ALIASES: Record<string, LacpStateFlag> = {
  a: 'activity', act: 'activity', active: 'activity', activity: 'activity', lacp_activity: 'activity',
  t: 'timeout', timeout: 'timeout', short: 'timeout', fast: 'timeout', lacp_timeout: 'timeout',
  g: 'aggregation', agg: 'aggregation', aggregation: 'aggregation', aggregatable: 'aggregation',
  s: 'synchronization', sync: 'synchronization', synchronization: 'synchronization', synchronized: 'synchronization', insync: 'synchronization',
  c: 'collecting', col: 'collecting', collecting: 'collecting',
  d: 'distributing', dist: 'distributing', distributing: 'distributing',
  f: 'defaulted', def: 'defaulted', default: 'defaulted', defaulted: 'defaulted',
  e: 'expired', exp: 'expired', expired: 'expired',
}

/**
 * Parse a state given as a number (`61`, `0x3d`, `0b111101`), a list of flag names
 * (`activity,timeout,aggregation` — tcpdump, OVS and short names accepted) or a Wireshark string
 * (`**DCSG*A`). Throws MalformedError `BAD_LACP_STATE`.
 */
export function parseState(text: string): number {
  const t = text.trim()
  if (/^(0x[0-9a-f]+|0b[01]+|\d+)$/i.test(t)) {
    const n = Number(t)
    if (!Number.isInteger(n) || n < 0 || n > 255) throw new MalformedError('BAD_LACP_STATE', `state out of range 0..255: ${t}`)
    return n
  }
  if (/^[EFDCSGA*]{8}$/.test(t) && (t.includes('*') || t === COMPACT)) {
    let s = 0
    for (let i = 0; i < 8; i++) if (t[i] !== '*') {
      if (t[i] !== COMPACT[i]) throw new MalformedError('BAD_LACP_STATE', `bad letter ${t[i]} at position ${i} of ${t} (expected ${COMPACT[i]} or *)`)
      s |= 1 << (7 - i)
    }
    return s
  }
  if (t === '' || t.toLowerCase() === 'none') return 0
  let s = 0
  for (const part of t.split(/[,\s|+]+/).filter(Boolean)) {
    const f = ALIASES[part.toLowerCase()]
    if (!f) throw new MalformedError('BAD_LACP_STATE', `unknown LACP state flag ${JSON.stringify(part)}`)
    s |= LacpStateBit[f]
  }
  return s
}

export interface DecodedState {
  value: number
  hex: string
  flags: LacpStateFlags
  names: string
  compact: string
}

export function describeState(state: number): DecodedState {
  return {
    value: state,
    hex: '0x' + state.toString(16).padStart(2, '0'),
    flags: stateFlags(state),
    names: stateNames(state),
    compact: stateCompact(state),
  }
}
