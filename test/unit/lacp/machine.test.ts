// The per-member LACP machine, driven with a fake clock (OVS tests/lacp.at style: time/warp).
// The partner values are those OVS 3.1 sends: first PDU actor state 0xbf, then
// 0x3f (fast) / 0x3d (slow), sys priority 65534, sys_id = h1's bridge MAC.
import { describe, it, expect } from 'vitest'
import { LacpBond, defaultActorConfig, type LacpInfo, type ReceivedPdu } from '../../../src/lacp/machine.js'
import { FakeClock } from '../../../src/controller/clock.js'
import { buildLacpReply } from '../../../src/lacp/reply.js'
import { macFromNumber } from '../../../src/lacp/lacpdu.js'
import { macToNumber, parseMac } from '../../../src/wire/mac.js'

const S1 = macToNumber(parseMac('02:00:00:00:01:00'))
const H1 = macToNumber(parseMac('02:00:00:00:11:00'))
const OTHER = macToNumber(parseMac('02:00:00:00:99:00'))

function ovsPdu(port: number, state: number, opts: { system?: number; key?: number; partner?: Partial<LacpInfo> } = {}): ReceivedPdu {
  return {
    actor: { systemPriority: 65534, system: opts.system ?? H1, key: opts.key ?? 2, portPriority: 65535, port, state },
    partner: { systemPriority: 0, system: 0, key: 0, portPriority: 0, port: 0, state: 0x02, ...opts.partner },
  }
}
const blank = (): LacpInfo => ({ systemPriority: 0, system: 0, key: 0, portPriority: 0, port: 0, state: 0 })

function ryuBond(rate?: 'fast' | 'slow', mode: 'active' | 'passive' = 'passive') {
  const cfg = defaultActorConfig('ryu', mode, rate, 1)
  cfg.system = S1
  return new LacpBond(0, 1n, [1, 2], cfg)
}
function stdBond(mode: 'active' | 'passive' = 'passive', rate?: 'fast' | 'slow') {
  const cfg = defaultActorConfig('standard', mode, rate, 7)
  cfg.system = S1
  return new LacpBond(0, 1n, [1, 2], cfg)
}

describe('ryu profile (lacplib parity)', () => {
  it('answers the first OVS PDU with a mirror: 0x3e fast, partner = verbatim actor block, key echoed', () => {
    const b = ryuBond()
    const m = b.member(1)!
    const r = b.rx(m, ovsPdu(1, 0xbf), 0)
    expect(r).toMatchObject({ enabledChanged: true, cameUp: true, installFlow: true })
    expect(m.flowIdleTimeout).toBe(3)
    const a = blank(), p = blank()
    m.buildReply(a, p)
    // 0xbf = E DIST COLL SYNC AGG TIMEOUT ACT → mirrored TIMEOUT AGG SYNC COLL DIST, passive, no E/D.
    expect(a).toEqual({ systemPriority: 0xffff, system: S1, key: 2, portPriority: 0xff, port: 1, state: 0x3e })
    expect(p).toEqual({ systemPriority: 65534, system: H1, key: 2, portPriority: 65535, port: 1, state: 0xbf })
    expect(m.counters.rxPdus).toBe(1)
  })
  it('slow partner → idle timeout 90 and state 0x3c; rate change re-installs the flow', () => {
    const b = ryuBond()
    const m = b.member(2)!
    expect(b.rx(m, ovsPdu(2, 0x3d), 0).installFlow).toBe(true)
    expect(m.flowIdleTimeout).toBe(90)
    const a = blank(), p = blank()
    m.buildReply(a, p)
    expect(a.state).toBe(0x3c)
    expect(b.rx(m, ovsPdu(2, 0x3d), 30_000).installFlow).toBe(false)
    const r = b.rx(m, ovsPdu(2, 0x3f), 31_000)
    expect(r.installFlow).toBe(true)
    expect(r.enabledChanged).toBe(false)
    expect(m.flowIdleTimeout).toBe(3)
  })
  it('link loss disables the member; the next LACPDU brings it back and re-installs the flow', () => {
    const b = ryuBond()
    const m = b.member(1)!
    b.rx(m, ovsPdu(1, 0x3f), 0)
    b.rx(b.member(2)!, ovsPdu(2, 0x3f), 0)
    const down = b.expire(m, 3000)
    expect(down).toMatchObject({ enabledChanged: true, cameUp: false })
    expect(m.enabled).toBe(false)
    expect(m.status).toBe('expired')
    expect(m.counters.expirations).toBe(1)
    expect(b.liveMembers().map((x) => x.port)).toEqual([2])
    const up = b.rx(m, ovsPdu(1, 0x3f), 4000)
    expect(up).toMatchObject({ enabledChanged: true, cameUp: true, installFlow: true })
    expect(b.liveMembers().map((x) => x.port)).toEqual([1, 2])
  })
  it('rx timer backstop: expires after 3 s + grace of silence on fast, then defaults 3 s later', () => {
    const clock = new FakeClock()
    const b = ryuBond()
    const m = b.member(1)!
    b.rx(m, ovsPdu(1, 0x3f), clock.now())
    clock.advance(3000)
    expect(b.run(clock.now(), 500)).toEqual([])
    clock.advance(500)
    expect(b.run(clock.now(), 500)).toEqual([m])
    expect(m.status).toBe('expired')
    expect(m.enabled).toBe(false)
    clock.advance(3000)
    expect(b.run(clock.now(), 500)).toEqual([m])
    expect(m.status).toBe('defaulted')
    expect(m.partner.system).toBe(0)
    expect(m.counters.defaulted).toBe(1)
  })
  it('slow partner: still current at 89 s, expired at 90 s + grace', () => {
    const b = ryuBond()
    const m = b.member(1)!
    b.rx(m, ovsPdu(1, 0x3d), 0)
    expect(b.run(89_000, 0)).toEqual([])
    expect(b.run(90_000, 0)).toEqual([m])
  })
  it('active, nothing heard yet: the unsolicited PDU asks for short timeouts, then mirrors the partner', () => {
    // OVS arms its next periodic PDU from our TIMEOUT bit when it transmits (lib/lacp.c lacp_run): a
    // first PDU asking for long timeouts, answered by a current OVS whose own state does not change,
    // left it silent for 30 s while we expired it after 3 s (controller restarted before OVS expired).
    for (const profile of ['ryu', 'standard'] as const) {
      const b = profile === 'ryu' ? ryuBond(undefined, 'active') : stdBond('active')
      const m = b.member(1)!
      expect(m.status).toBe('defaulted')
      const a = blank(), p = blank()
      m.buildReply(a, p)
      expect(a.state & 0x03).toBe(0x03) // ACTIVITY | TIMEOUT (short)
      expect(p).toEqual(blank())
      b.rx(m, ovsPdu(1, 0x3d), 0) // a slow partner: mirrored from now on
      m.buildReply(a, p)
      expect(a.state & 0x03).toBe(0x01)
      expect(m.flowIdleTimeout).toBe(90)
    }
    // passive never speaks first: its (unsent) defaulted state stays as before
    const pm = ryuBond().member(1)!
    const a = blank(), p = blank()
    pm.buildReply(a, p)
    expect(a.state & 0x03).toBe(0)
  })
  it('an explicit --lacp-rate overrides the mirrored TIMEOUT bit and sets the flow timeout from our bit', () => {
    const b = ryuBond('slow')
    const m = b.member(1)!
    b.rx(m, ovsPdu(1, 0x3f), 0)
    const a = blank(), p = blank()
    m.buildReply(a, p)
    expect(a.state & 0x02).toBe(0)
    expect(m.flowIdleTimeout).toBe(90)
  })
})

describe('standard profile (802.1AX actor)', () => {
  it('uses its own key, claims SYNC only when selected and COLL/DIST once the partner is in sync', () => {
    const b = stdBond()
    const m = b.member(1)!
    const a = blank(), p = blank()
    m.buildReply(a, p)
    expect(a.key).toBe(7)
    expect(a.state).toBe(0x44) // AGG | DEFAULTED, passive, not selected
    b.rx(m, ovsPdu(1, 0x37), 0) // partner: ACT TIMEOUT AGG COLL DIST, no SYNC
    expect(m.selected).toBe(true)
    expect(m.enabled).toBe(false)
    m.buildReply(a, p)
    expect(a.state).toBe(0x0e) // TIMEOUT AGG SYNC
    b.rx(m, ovsPdu(1, 0x3f), 1)
    expect(m.enabled).toBe(true)
    m.buildReply(a, p)
    expect(a.state).toBe(0x3e)
    expect(a.key).toBe(7)
  })
  it('detects loopback: our own system as partner is never selected', () => {
    const b = stdBond()
    const m = b.member(1)!
    b.rx(m, ovsPdu(1, 0x3f, { system: S1 }), 0)
    expect(m.selected).toBe(false)
    expect(m.enabled).toBe(false)
    expect(m.detachReason).toMatch(/loopback/)
  })
  it('keeps a bond consistent: a member whose partner system differs from the lead is detached', () => {
    const b = stdBond()
    b.rx(b.member(1)!, ovsPdu(1, 0x3f), 0)
    const r = b.rx(b.member(2)!, ovsPdu(2, 0x3f, { system: OTHER }), 0)
    // H1 (…11:00) < OTHER (…99:00): member 1 leads, member 2 is detached.
    expect(b.member(1)!.enabled).toBe(true)
    expect(b.member(2)!.enabled).toBe(false)
    expect(b.member(2)!.detachReason).toMatch(/differ/)
    expect(r.enabledChanged).toBe(false)
    // A different key on the same system is a different aggregator too.
    b.rx(b.member(2)!, ovsPdu(2, 0x3f, { key: 9 }), 1)
    expect(b.member(2)!.enabled).toBe(false)
    b.rx(b.member(2)!, ovsPdu(2, 0x3f), 2)
    expect(b.member(2)!.enabled).toBe(true)
  })
  it('active mode transmits periodically at the partner-requested rate (fast while unknown)', () => {
    const b = stdBond('active', 'fast')
    const m = b.member(1)!
    expect(b.txDue(m, 0)).toBe(true)
    b.sent(m, 0)
    expect(b.txDue(m, 999)).toBe(false)
    expect(b.txDue(m, 1000)).toBe(true)
    b.rx(m, ovsPdu(1, 0x3d), 1000) // partner asks for slow
    b.sent(m, 1000)
    expect(b.txDue(m, 30_999)).toBe(false)
    expect(b.txDue(m, 31_000)).toBe(true)
    expect(m.counters.txPdus).toBe(2)
    const a = blank(), p = blank()
    m.buildReply(a, p)
    expect(a.state & 0x01).toBe(1)
  })
  it('passive mode never transmits on its own', () => {
    const b = stdBond('passive')
    expect(b.txDue(b.member(1)!, 1e9)).toBe(false)
  })
})

// `lacp craft --reply-to` (reply.ts) and the controller (LacpMember.buildReply) answer with the same
// function: for the same received PDU and configuration they send the same actor and partner.
describe('one actor logic for lacp craft and the controller', () => {
  const asText = (i: LacpInfo) => ({ ...i, system: macFromNumber(i.system) })
  it.each([0xbf, 0x3f, 0x3d, 0x05, 0x47])('received actor state %i: ryu and standard replies agree', (state) => {
    const rx = ovsPdu(1, state)
    const received = { actor: asText(rx.actor) }
    // ryu
    const rb = ryuBond()
    rb.rx(rb.member(1)!, rx, 0)
    const a = blank(), p = blank()
    rb.member(1)!.buildReply(a, p)
    const craft = buildLacpReply(received, { system: macFromNumber(S1), port: 1 }, { profile: 'ryu' })
    expect(asText(a)).toEqual(craft.actor)
    expect(asText(p)).toEqual(craft.partner)
    // standard, active, slow: the same configuration on both sides
    const sb = stdBond('active', 'slow')
    const m = sb.member(1)!
    sb.rx(m, rx, 0)
    m.buildReply(a, p)
    const cfg = sb.actor
    const std = buildLacpReply(received, { system: macFromNumber(S1), port: 1, systemPriority: cfg.systemPriority, key: cfg.key, portPriority: cfg.portPriority, mode: 'active', rate: 'slow' }, { profile: 'standard', selected: m.selected })
    expect(asText(a)).toEqual(std.actor)
    expect(asText(p)).toEqual(std.partner)
  })
})
