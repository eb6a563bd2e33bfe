// The LACP machine applying the switch-grade selection (src/lacp/selection.ts): per-member port ids
// and priorities, MC-LAG members on two datapaths, max-active/standby and min-links as actor bits.
import { describe, it, expect } from 'vitest'
import { LacpBond, defaultActorConfig, type LacpInfo, type ReceivedPdu } from '../../../src/lacp/machine.js'
import { LacpStateBit as B } from '../../../src/lacp/state.js'

const SYS = 0x020000aa0000
const H1 = 0x020000001100
const pdu = (port: number, state = 0x3f): ReceivedPdu => ({
  actor: { systemPriority: 65534, system: H1, key: 2, portPriority: 65535, port, state },
  partner: { systemPriority: 32768, system: SYS, key: 10, portPriority: 32768, port, state: 0 },
})
const blank = (): LacpInfo => ({ systemPriority: 0, system: 0, key: 0, portPriority: 0, port: 0, state: 0 })
function reply(b: LacpBond, i: number): LacpInfo {
  const a = blank()
  b.members[i]!.buildReply(a, blank())
  return a
}
function bond(specs: { dpid: bigint; dpIndex: number; port: number; portId: number; portPriority?: number }[], sel = {}) {
  const cfg = defaultActorConfig('standard', 'active', 'fast', 10)
  cfg.system = SYS
  return new LacpBond(0, specs[0]!.dpid, specs, cfg, { maxActive: 0, minLinks: 1, fallbackAb: false, ...sel })
}

describe('LACP machine with selection', () => {
  it('MC-LAG: one system and key on both switches, unique port ids, the other datapath out of sync', () => {
    const b = bond([{ dpid: 1n, dpIndex: 0, port: 1, portId: 1 }, { dpid: 2n, dpIndex: 1, port: 1, portId: 101 }])
    expect(b.member(1, 1n)).toBe(b.members[0])
    expect(b.member(1, 2n)).toBe(b.members[1])
    b.rx(b.members[0]!, pdu(1), 0)
    const r = b.rx(b.members[1]!, pdu(2), 0)
    expect(r.enabledChanged).toBe(false)
    expect(b.members.map((m) => [m.role, m.enabled])).toEqual([['selected', true], ['unselected', false]])
    const a0 = reply(b, 0), a1 = reply(b, 1)
    expect(a0).toMatchObject({ system: SYS, key: 10, port: 1, portPriority: 32768 })
    expect(a1).toMatchObject({ system: SYS, key: 10, port: 101 })
    expect(a0.state).toBe(B.activity | B.timeout | B.aggregation | B.synchronization | B.collecting | B.distributing)
    expect(a1.state).toBe(B.activity | B.timeout | B.aggregation)
    expect(b.members[1]!.detachReason).toMatch(/^MC-LAG: datapath #2 is not nominated/)
  })

  it('MC-LAG: the nominated switch disconnecting moves the bond and flags the new member for an immediate PDU', () => {
    const b = bond([{ dpid: 1n, dpIndex: 0, port: 1, portId: 1 }, { dpid: 2n, dpIndex: 1, port: 1, portId: 101 }])
    b.rx(b.members[0]!, pdu(1), 0)
    b.rx(b.members[1]!, pdu(2), 0)
    b.sent(b.members[0]!, 0)
    b.sent(b.members[1]!, 0)
    const r = b.setLink(b.members[0]!, true, false, 500)
    expect(r.enabledChanged).toBe(true)
    expect(r.others).toEqual([b.members[1]])
    expect(b.members[1]!).toMatchObject({ role: 'selected', enabled: true, ntt: true })
    expect(b.members[0]!).toMatchObject({ enabled: false, detachReason: 'switch not connected', status: 'expired' })
    expect(reply(b, 1).state & B.synchronization).toBe(B.synchronization)
  })

  it('per-member port priority decides standby under max-active; standby advertises sync only', () => {
    const b = bond([{ dpid: 1n, dpIndex: 0, port: 1, portId: 1, portPriority: 300 }, { dpid: 1n, dpIndex: 0, port: 2, portId: 2, portPriority: 100 }], { maxActive: 1 })
    b.rx(b.members[0]!, pdu(1), 0)
    b.rx(b.members[1]!, pdu(2), 0)
    expect(b.members.map((m) => m.role)).toEqual(['standby', 'selected'])
    expect(reply(b, 0)).toMatchObject({ portPriority: 300, state: B.activity | B.timeout | B.aggregation | B.synchronization })
    expect(b.liveMembers().map((m) => m.port)).toEqual([2])
  })

  it('min-links: below it the bond stops forwarding and says so', () => {
    const b = bond([{ dpid: 1n, dpIndex: 0, port: 1, portId: 1 }, { dpid: 1n, dpIndex: 0, port: 2, portId: 2 }], { minLinks: 2 })
    b.rx(b.members[0]!, pdu(1), 0)
    expect(b.forwarding).toBe(false)
    expect(b.decision?.reason).toBe('min-links 2 not met: 1 member(s) active')
    b.rx(b.members[1]!, pdu(2), 0)
    expect(b.forwarding).toBe(true)
    const r = b.setLink(b.members[1]!, false, true, 100)
    expect(r.others).toEqual([b.members[0]])
    expect(b.members[0]!.enabled).toBe(false)
    expect(b.members[1]!.detachReason).toBe('link down')
  })
})
