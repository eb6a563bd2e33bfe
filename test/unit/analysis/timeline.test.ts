// The timeline of a link lists its changes in time order (then frame), the first maxTimeline of them,
// and counts the rest. The analyzer keeps only the earliest events while counting all (a flapping link
// has millions); this checks it against a reference built here from the observations themselves, with
// states and keys that flip back and forth, timestamps that go backwards, and several caps.
import { describe, expect, it } from 'vitest'
import { LacpAnalyzer } from '../../../src/lacp/analysis/analyzer.js'
import type { LacpObservation, PortInfo, TimelineEvent } from '../../../src/lacp/analysis/types.js'
import { mulberry32 as rng } from '../../helpers/prng.js'

const FIELDS = ['systemPriority', 'system', 'key', 'portPriority', 'port'] as const

function observations(seed: number, n: number, backwards: boolean): LacpObservation[] {
  const r = rng(seed)
  const a: PortInfo = { systemPriority: 1, system: '02:00:00:00:00:0a', key: 5, portPriority: 1, port: 1, state: 0x3d }
  const b: PortInfo = { systemPriority: 1, system: '02:00:00:00:00:0b', key: 6, portPriority: 1, port: 2, state: 0x3d }
  const out: LacpObservation[] = []
  let t = 1_700_000_000
  for (let i = 0; i < n; i++) {
    const x = r()
    if (x < 0.3) a.state ^= 0x08 // flips back and forth
    else if (x < 0.4) b.state ^= 0x30
    else if (x < 0.45) a.key = a.key === 5 ? 7 : 5
    else if (x < 0.5) b.portPriority = 1 + ((r() * 3) | 0)
    t += backwards && r() < 0.1 ? -0.5 : r() < 0.2 ? 0 : 0.25 // equal times now and then
    const fromA = r() < 0.5
    out.push({ frame: i + 1, time: t, where: {}, pdu: { subtype: 1, version: 1, actor: { ...(fromA ? a : b) }, partner: { ...(fromA ? b : a) }, collectorMaxDelay: 0, issues: [] } })
  }
  return out
}

/** Every change of a side against its previous PDU, in capture order, then a stable sort by time and frame. */
function reference(obs: LacpObservation[], label: (system: string) => string): TimelineEvent[] {
  const prev = new Map<string, { actor: PortInfo; partner: PortInfo }>()
  const events: TimelineEvent[] = []
  const bySide = new Map<string, TimelineEvent[]>()
  for (const o of obs) {
    if (o.pdu.subtype !== 1) continue
    const key = o.pdu.actor.system
    const p = prev.get(key)
    const list = bySide.get(key) ?? []
    bySide.set(key, list)
    for (const of of ['actor', 'partner'] as const) {
      const cur = o.pdu[of]
      const old = p?.[of]
      if (!old || old.state !== cur.state) list.push({ frame: o.frame, time: o.time, side: label(key), of, field: 'state', from: old ? old.state : null, to: cur.state })
      if (old) for (const f of FIELDS) if (old[f] !== cur[f]) list.push({ frame: o.frame, time: o.time, side: label(key), of, field: f, from: old[f], to: cur[f] })
    }
    prev.set(key, { actor: o.pdu.actor, partner: o.pdu.partner })
  }
  for (const list of bySide.values()) events.push(...list)
  return events.sort((x, y) => x.time - y.time || x.frame - y.frame)
}

describe('link timeline', () => {
  for (const backwards of [false, true]) {
    it(`keeps the earliest events and counts the others (timestamps ${backwards ? 'going backwards at times' : 'in order'})`, () => {
      const obs = observations(backwards ? 7 : 8, 2000, backwards)
      for (const max of [0, 1, 7, 100, 1_000_000]) {
        const an = new LacpAnalyzer({ maxTimeline: max })
        for (const o of obs) an.add(o)
        const res = an.finish()
        expect(res.links).toHaveLength(1)
        const link = res.links[0]!
        const label = (system: string) => link.sides.find((s) => s.system === system)!.label
        const all = reference(obs, label).map(({ change: _c, ...e }) => e)
        expect(all.length).toBeGreaterThan(1000)
        expect(link.timeline.map(({ change: _c, ...e }) => e)).toEqual(all.slice(0, max))
        expect(link.timelineDropped).toBe(Math.max(0, all.length - max))
      }
    })
  }
})
