// State changes as they happen, for `ofl lacp decode -i`: one line when a port is first heard and one
// whenever its actor state, its view of the partner, or its partner's identity changes — in the words
// of `ovs-appctl lacp/show` ("synchronized", sys_id, port_id).
import { stateWords } from '../state.js'
import { formatTimestamp, type TimeStyle } from '../../wire/time.js'
import type { SlowPduEntry } from './types.js'
import { formatWhere } from './format.js'

interface Seen {
  actorState: number
  partnerState: number
  partner: string
}

const words = (s: number): string => stateWords(s) || 'none'

function change(from: number, to: number): string {
  const a = new Set(words(from).split(' '))
  const b = new Set(words(to).split(' '))
  const parts: string[] = []
  for (const w of b) if (!a.has(w) && w !== 'none') parts.push('+' + w)
  for (const w of a) if (!b.has(w) && w !== 'none') parts.push('-' + w)
  return parts.join(' ')
}

export class LiveStatePrinter {
  private readonly seen = new Map<string, Seen>()

  constructor(private readonly write: (text: string) => void, private readonly style: TimeStyle = {}) {}

  /** Feed every PDU; prints a line when something changed. */
  readonly onPdu = (e: SlowPduEntry): void => {
    const p = e.pdu
    if (p === undefined || p.subtype !== 1) return
    const key = `${p.actor.system}/${p.actor.port}`
    const partner = `${p.partner.system} port_id ${p.partner.port} key ${p.partner.key}`
    const prev = this.seen.get(key)
    const where = formatWhere(e.where)
    const head = `${formatTimestamp(e.tsSec, e.tsNsec, this.style)}${where ? `  ${where}` : ''}  ${p.actor.system} port_id ${p.actor.port}`
    if (prev === undefined) {
      this.write(`${head}: heard; actor state: ${words(p.actor.state)}; partner ${partner}, state: ${words(p.partner.state)}\n`)
    } else {
      const parts: string[] = []
      if (prev.actorState !== p.actor.state) parts.push(`actor ${change(prev.actorState, p.actor.state)}`)
      if (prev.partner !== partner) parts.push(`partner is now ${partner}`)
      if (prev.partnerState !== p.partner.state) parts.push(`partner ${change(prev.partnerState, p.partner.state)}`)
      if (parts.length === 0) return
      this.write(`${head}: ${parts.join('; ')}\n`)
    }
    this.seen.set(key, { actorState: p.actor.state, partnerState: p.partner.state, partner })
  }
}
