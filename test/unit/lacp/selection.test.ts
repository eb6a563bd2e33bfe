// Selection logic (IEEE 802.1AX-2014 §6.4.14 with OVS/Faucet's rules) on an injected clock.
import { describe, it, expect } from 'vitest'
import { BondSelector, selectBond, decisionStateBits, type PartnerInfo, type SelectionConfig, type MemberSnapshot } from '../../../src/lacp/selection.js'
import { FakeClock } from '../../../src/controller/clock.js'
import { LacpStateBit as B } from '../../../src/lacp/state.js'

const US = 0x020000000100 // 02:00:00:00:01:00
const HOST = 0x020000001100 // 02:00:00:00:11:00
const OTHER = 0x020000002200
const IN_SYNC = B.activity | B.timeout | B.aggregation | B.synchronization | B.collecting | B.distributing // 0x3f

const partner = (port: number, o: Partial<PartnerInfo> = {}): PartnerInfo => ({ systemPriority: 65534, system: HOST, key: 1, portPriority: 65535, port, state: IN_SYNC, ...o })
const cfg = (o: Partial<SelectionConfig> = {}): SelectionConfig => ({ systemPriority: 32768, system: US, key: 1, maxActive: 0, minLinks: 1, fallbackAb: false, ...o })
type M = Omit<MemberSnapshot, 'partner' | 'lastRx'>
const mem = (port: number, o: Partial<M> = {}): M => ({ id: `0:${port}`, dp: 0, portId: port, portPriority: 32768, linkUp: true, rxTimeoutMs: 3000, ...o })

function bond(members: M[], c: Partial<SelectionConfig> = {}) {
  const clock = new FakeClock(1000)
  const sel = new BondSelector(cfg(c), members, clock)
  return { clock, sel }
}
const byId = (sel: BondSelector, id: string) => sel.evaluate().decision.members.find((m) => m.id === id)!

describe('selection: attach and forward', () => {
  it('two members with one partner in sync: both selected, collecting and distributing', () => {
    const { sel } = bond([mem(1), mem(2)])
    sel.rx('0:1', partner(1))
    sel.rx('0:2', partner(2))
    const { decision, changed } = sel.evaluate()
    expect(decision).toMatchObject({ forwarding: true, reason: null, active: 2, lead: '0:1', nominatedDp: 0, fallback: false })
    expect(changed.map((d) => d.id)).toEqual(['0:1', '0:2'])
    for (const d of decision.members) {
      expect(d).toMatchObject({ status: 'current', attached: true, role: 'selected', reason: null, sync: true, collecting: true, distributing: true, forwarding: true })
      expect(decisionStateBits(d)).toBe(B.aggregation | B.synchronization | B.collecting | B.distributing)
    }
    expect(sel.evaluate().changed).toEqual([]) // nothing moved
  })

  it('a member whose partner is not yet in sync is selected and advertises sync, but does not collect', () => {
    const { sel } = bond([mem(1)])
    sel.rx('0:1', partner(1, { state: B.activity | B.aggregation }))
    const d = byId(sel, '0:1')
    expect(d).toMatchObject({ role: 'selected', sync: true, collecting: false, forwarding: false, partnerSync: false, reason: 'waiting for the partner to synchronize' })
    expect(sel.decision!.forwarding).toBe(false)
  })

  it('detaches a member whose partner system differs from the lead, naming both', () => {
    const { sel } = bond([mem(1), mem(2)])
    sel.rx('0:1', partner(1))
    sel.rx('0:2', partner(2, { system: OTHER, systemPriority: 1 })) // better system, but not in sync with…
    sel.rx('0:2', partner(2, { system: OTHER, systemPriority: 1, state: B.aggregation })) // …us: the synced member leads
    const d = sel.evaluate().decision
    expect(d.lead).toBe('0:1')
    expect(d.members[1]).toMatchObject({ attached: false, role: 'unselected', sync: false, forwarding: false })
    expect(d.members[1]!.reason).toBe('partner 02:00:00:00:22:00 key 1 differs from the lead\'s 02:00:00:00:11:00 key 1')
    expect(d.members[0]!.forwarding).toBe(true)
  })

  it('detaches a member whose partner key differs from the lead', () => {
    const { sel } = bond([mem(1), mem(2)])
    sel.rx('0:1', partner(1))
    sel.rx('0:2', partner(2, { key: 9 }))
    expect(byId(sel, '0:2').reason).toBe('partner 02:00:00:00:11:00 key 9 differs from the lead\'s 02:00:00:00:11:00 key 1')
  })

  it('detects loopback (the partner is this system) and an individual partner', () => {
    const { sel } = bond([mem(1), mem(2)])
    sel.rx('0:1', partner(1, { system: US }))
    sel.rx('0:2', partner(2, { state: IN_SYNC & ~B.aggregation }))
    const d = sel.evaluate().decision
    expect(d.members[0]!.reason).toBe('loopback: the partner is this system')
    expect(d.members[1]!.reason).toBe('partner is individual (aggregation bit clear)')
    expect(d.forwarding).toBe(false)
    expect(d.reason).toBe('no active member')
  })
})

describe('selection: controller-side expiry on the injected clock (3 × the partner period)', () => {
  it('fast: current until 3 s after the last PDU, expired for 3 s more, then defaulted', () => {
    const { clock, sel } = bond([mem(1), mem(2)])
    sel.rx('0:1', partner(1))
    sel.rx('0:2', partner(2))
    expect(sel.evaluate().decision.nextChangeAt).toBe(1000 + 3000 + 1)
    clock.advance(2000)
    sel.rx('0:2', partner(2)) // member 2 keeps talking
    clock.advance(1000) // t = 4000: member 1's last PDU is exactly 3 s old
    expect(byId(sel, '0:1').status).toBe('current')
    clock.advance(1)
    const { decision, changed } = sel.evaluate()
    expect(changed.map((d) => d.id)).toEqual(['0:1'])
    expect(decision.members[0]).toMatchObject({ status: 'expired', attached: false, forwarding: false, reason: 'partner timed out (no LACPDU for 3 s)' })
    expect(decision.members[1]!.forwarding).toBe(true)
    expect(decision.active).toBe(1)
    expect(decision.nextChangeAt).toBe(3000 + 3000 + 1) // member 2 expires (6001) before member 1 defaults (7001)
    clock.advance(3000)
    expect(byId(sel, '0:1')).toMatchObject({ status: 'defaulted', reason: 'no LACPDU received' })
    expect(sel.stateChanges.get('0:1')).toBe(2) // up, then down
  })

  it('slow: 90 s', () => {
    const { clock, sel } = bond([mem(1, { rxTimeoutMs: 90_000 })])
    sel.rx('0:1', partner(1, { state: IN_SYNC & ~B.timeout }))
    clock.advance(89_999)
    expect(byId(sel, '0:1').forwarding).toBe(true)
    clock.advance(2)
    expect(byId(sel, '0:1')).toMatchObject({ status: 'expired', reason: 'partner timed out (no LACPDU for 90 s)' })
  })

  it('link down acts at once, without waiting for the timeout', () => {
    const { sel } = bond([mem(1), mem(2)])
    sel.rx('0:1', partner(1))
    sel.rx('0:2', partner(2))
    sel.evaluate()
    sel.link('0:2', false)
    const { decision, changed } = sel.evaluate()
    expect(changed.map((d) => d.id)).toEqual(['0:2'])
    expect(decision.members[1]).toMatchObject({ status: 'expired', reason: 'link down', forwarding: false, sync: false })
    sel.link('0:2', true) // carrier back, but the partner must speak again first
    expect(byId(sel, '0:2')).toMatchObject({ forwarding: false, partnerSync: false })
    sel.rx('0:2', partner(2))
    expect(byId(sel, '0:2').forwarding).toBe(true)
  })

  it('expire() (FlowRemoved idle) ends a member now', () => {
    const { sel } = bond([mem(1)])
    sel.rx('0:1', partner(1))
    sel.expire('0:1')
    expect(byId(sel, '0:1')).toMatchObject({ status: 'expired', forwarding: false })
  })
})

describe('selection: max-active, standby and min-links', () => {
  it('max-active 1: the best port priority is selected, the other is standby (in sync, not collecting)', () => {
    const { sel } = bond([mem(1, { portPriority: 200 }), mem(2, { portPriority: 100 })], { maxActive: 1 })
    sel.rx('0:1', partner(1))
    sel.rx('0:2', partner(2))
    const d = sel.evaluate().decision
    expect(d.members[1]).toMatchObject({ role: 'selected', forwarding: true })
    expect(d.members[0]).toMatchObject({ role: 'standby', attached: true, sync: true, collecting: false, distributing: false, forwarding: false, reason: 'standby: max-active 1' })
    expect(decisionStateBits(d.members[0]!)).toBe(B.aggregation | B.synchronization)
    expect(d.active).toBe(1)
  })

  it('standbySync false advertises standby members out of sync', () => {
    const { sel } = bond([mem(1), mem(2)], { maxActive: 1, standbySync: false })
    sel.rx('0:1', partner(1))
    sel.rx('0:2', partner(2))
    expect(byId(sel, '0:2')).toMatchObject({ role: 'standby', sync: false })
  })

  it('when the partner has the better system id, its port priorities decide who is standby', () => {
    const { sel } = bond([mem(1, { portPriority: 1 }), mem(2, { portPriority: 2 })], { maxActive: 1, systemPriority: 65535 })
    sel.rx('0:1', partner(1, { portPriority: 500 }))
    sel.rx('0:2', partner(2, { portPriority: 10 }))
    const d = sel.evaluate().decision
    expect(d.members.map((m) => m.role)).toEqual(['standby', 'selected'])
  })

  it('a standby member takes over when the active one expires', () => {
    const { clock, sel } = bond([mem(1), mem(2)], { maxActive: 1 })
    sel.rx('0:1', partner(1))
    sel.rx('0:2', partner(2))
    expect(sel.evaluate().decision.members.map((m) => m.role)).toEqual(['selected', 'standby'])
    clock.advance(2500)
    sel.rx('0:2', partner(2))
    clock.advance(600)
    const { decision, changed } = sel.evaluate()
    expect(decision.members.map((m) => m.role)).toEqual(['unselected', 'selected'])
    expect(changed.map((m) => m.id)).toEqual(['0:1', '0:2'])
    expect(decision.forwarding).toBe(true)
  })

  it('min-links 2: losing one of two members stops the whole bond, which says so and goes out of sync', () => {
    const { sel } = bond([mem(1), mem(2)], { minLinks: 2 })
    sel.rx('0:1', partner(1))
    sel.rx('0:2', partner(2))
    expect(sel.evaluate().decision).toMatchObject({ forwarding: true, active: 2 })
    sel.link('0:1', false)
    const d = sel.evaluate().decision
    expect(d).toMatchObject({ forwarding: false, active: 0, reason: 'min-links 2 not met: 1 member(s) active' })
    expect(d.members[1]).toMatchObject({ role: 'selected', sync: false, collecting: false, forwarding: false, reason: 'min-links 2 not met: 1 member(s) active' })
  })
})

describe('selection: fallback-ab (OVS lacp-fallback-ab)', () => {
  it('off by default: a silent partner means no member forwards', () => {
    const { sel } = bond([mem(1), mem(2)])
    const d = sel.evaluate().decision
    expect(d).toMatchObject({ forwarding: false, fallback: false, reason: 'no active member' })
    expect(d.members.every((m) => m.reason === 'no LACPDU received' && !m.forwarding)).toBe(true)
  })

  it('on: one member (best port priority, link up) forwards while the partner is silent; LACP takes over when it speaks', () => {
    const { clock, sel } = bond([mem(1, { portPriority: 9 }), mem(2, { portPriority: 5 }), mem(3, { portPriority: 1, linkUp: false })], { fallbackAb: true })
    let d = sel.evaluate().decision
    expect(d).toMatchObject({ forwarding: true, fallback: true, active: 1, nominatedDp: 0 })
    expect(d.members.map((m) => m.role)).toEqual(['standby', 'selected', 'unselected'])
    expect(d.members[1]).toMatchObject({ sync: true, collecting: true, distributing: true, forwarding: true })
    expect(d.members[2]!.reason).toBe('link down')
    sel.rx('0:1', partner(1))
    d = sel.evaluate().decision
    expect(d.fallback).toBe(false)
    expect(d.members.map((m) => m.role)).toEqual(['selected', 'unselected', 'unselected'])
    expect(d.members[1]!.reason).toBe('no LACPDU received')
    // The partner falls silent again: after expiry + defaulting, fallback resumes.
    clock.advance(6002)
    expect(sel.evaluate().decision.fallback).toBe(true)
  })
})

describe('selection: MC-LAG across two datapaths', () => {
  const two = () => bond([mem(1, { id: '0:1', dp: 0, portId: 1 }), mem(1, { id: '1:1', dp: 1, portId: 101 })])

  it('one member per datapath: the lower index is nominated on a tie; the other is unselected and out of sync', () => {
    const { sel } = two()
    sel.rx('0:1', partner(1))
    sel.rx('1:1', partner(2))
    const d = sel.evaluate().decision
    expect(d.nominatedDp).toBe(0)
    expect(d.members[0]).toMatchObject({ role: 'selected', forwarding: true })
    expect(d.members[1]).toMatchObject({ attached: true, role: 'unselected', sync: false, forwarding: false })
    expect(d.members[1]!.reason).toBe('MC-LAG: datapath #2 is not nominated (1 attached member(s) here, 1 on datapath #1)')
  })

  it('fails over to the other datapath when the nominated member expires, and does not flap back on a tie', () => {
    const { clock, sel } = two()
    sel.rx('0:1', partner(1))
    sel.rx('1:1', partner(2))
    sel.evaluate()
    clock.advance(2000)
    sel.rx('1:1', partner(2))
    clock.advance(1500) // 0:1 silent for 3.5 s
    let r = sel.evaluate()
    expect(r.decision.nominatedDp).toBe(1)
    expect(r.changed.map((m) => m.id)).toEqual(['0:1', '1:1'])
    expect(r.decision.members[1]).toMatchObject({ role: 'selected', sync: true, forwarding: true })
    sel.rx('0:1', partner(1)) // back: 1 vs 1, keep datapath 1
    sel.rx('1:1', partner(2))
    r = sel.evaluate()
    expect(r.decision.nominatedDp).toBe(1)
    expect(r.decision.members[0]).toMatchObject({ role: 'unselected', attached: true })
  })

  it('a datapath disconnecting (links down) moves the bond at once', () => {
    const { sel } = two()
    sel.rx('0:1', partner(1))
    sel.rx('1:1', partner(2))
    sel.evaluate()
    sel.link('0:1', false)
    const d = sel.evaluate().decision
    expect(d).toMatchObject({ nominatedDp: 1, forwarding: true, active: 1 })
  })

  it('the datapath with more attached members wins', () => {
    const { sel } = bond([mem(1, { id: '0:1', dp: 0 }), mem(1, { id: '1:1', dp: 1, portId: 101 }), mem(2, { id: '1:2', dp: 1, portId: 102 })])
    for (const [id, p] of [['0:1', 1], ['1:1', 2], ['1:2', 3]] as const) sel.rx(id, partner(p))
    const d = sel.evaluate().decision
    expect(d.nominatedDp).toBe(1)
    expect(d.members.map((m) => m.role)).toEqual(['unselected', 'selected', 'selected'])
    expect(d.active).toBe(2)
  })
})

describe('selectBond (pure)', () => {
  it('is a function of its inputs and now', () => {
    const m: MemberSnapshot = { id: 'a', dp: 0, portId: 1, portPriority: 1, linkUp: true, partner: partner(1), lastRx: 0, rxTimeoutMs: 3000 }
    expect(selectBond(cfg(), [m], 3000).members[0]!.status).toBe('current')
    expect(selectBond(cfg(), [m], 3001).members[0]!.status).toBe('expired')
    expect(selectBond(cfg(), [m], 6001).members[0]!.status).toBe('defaulted')
  })
})
