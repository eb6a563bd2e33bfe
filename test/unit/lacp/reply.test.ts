// Reply construction. The `ryu` profile must reproduce what os_ken's lacplib sends, as observed on the
// wire against Open vSwitch (os_ken/lib/lacplib.py); the inputs are real
// OVS 3.1 LACPDUs (fixtures/vectors/lacp/ovs-*.hex), and OVS itself negotiated with these replies when
// the vectors were captured ("status: active negotiated").
import { describe, expect, it } from 'vitest'
import { decodeSlowFrame, isLacpdu } from '../../../src/lacp/slow.js'
import { decodeLacpdu, lacpduToBuffer, type LacpDu } from '../../../src/lacp/lacpdu.js'
import { buildLacpReply, buildLacpReplyFrame, replyActor } from '../../../src/lacp/reply.js'
import { loadVectors } from './vectors.js'

function ovs(name: string): LacpDu {
  const f = decodeSlowFrame(loadVectors('lacp', name)[0]!.bytes)
  if (!isLacpdu(f.pdu)) throw new Error('not LACP')
  return f.pdu
}
const S1 = { system: '02:00:00:00:01:00', port: 1 } // the switch's LOCAL MAC and OpenFlow port

describe('ryu profile (os_ken lacplib _create_lacp)', () => {
  it('answers OVS fast 0x3f with 0x3e and slow 0x3d with 0x3c; first PDU 0xbf with 0x3e', () => {
    expect(ovs('ovs-fast').actor.state).toBe(0x3f)
    expect(buildLacpReply(ovs('ovs-fast'), S1).actor.state).toBe(0x3e)
    expect(ovs('ovs-slow').actor.state).toBe(0x3d)
    expect(buildLacpReply(ovs('ovs-slow'), S1).actor.state).toBe(0x3c)
    expect(ovs('ovs-first').actor.state).toBe(0xbf)
    expect(buildLacpReply(ovs('ovs-first'), S1).actor.state).toBe(0x3e)
  })

  it('sends the fixed Ryu values and mirrors the key; partner = OVS actor verbatim incl. 0xbf', () => {
    const rx = ovs('ovs-first')
    const r = buildLacpReply(rx, S1, { profile: 'ryu' })
    expect(r.actor).toEqual({ systemPriority: 0xffff, system: '02:00:00:00:01:00', key: rx.actor.key, portPriority: 0xff, port: 1, state: 0x3e })
    expect(r.partner).toEqual(rx.actor)
    expect(r.partner.state).toBe(0xbf)
    expect(r.collectorMaxDelay).toBe(0)
    expect(r.version).toBe(1)
  })

  it('ignores the local priorities, key, mode and rate (Ryu hard-codes them)', () => {
    const r = buildLacpReply(ovs('ovs-fast'), { ...S1, systemPriority: 1, portPriority: 2, key: 99, mode: 'active', rate: 'slow', collectorMaxDelay: 5 }, { profile: 'ryu' })
    expect(r.actor.systemPriority).toBe(0xffff)
    expect(r.actor.portPriority).toBe(0xff)
    expect(r.actor.key).toBe(1)
    expect(r.actor.state & 1).toBe(0)
    expect(r.collectorMaxDelay).toBe(0)
  })

  it('the reply to the real OVS fast PDU is byte for byte the partner block OVS then sent back', () => {
    // ovs-fast.hex was sent by OVS after receiving ofl's ryu reply from 02:00:00:00:01:00 port 2:
    // its partner block is OVS's record of that reply.
    const rx = ovs('ovs-fast')
    const r = buildLacpReply(rx, { system: '02:00:00:00:01:00', port: 2 })
    expect(r.actor).toEqual(rx.partner)
  })

  it('mirrors every combination of the five bits and never sets activity, defaulted or expired', () => {
    const rx = decodeLacpdu(loadVectors('lacp', 'ryu-test-slow')[0]!.bytes)
    for (let s = 0; s < 256; s++) {
      const a = replyActor({ actor: { ...rx.actor, state: s } }, S1)
      expect(a.state).toBe(s & 0x3e)
    }
  })

  it('the frame is 124 bytes: 01:80:c2:00:00:02, src = the port MAC, 0x8809', () => {
    const f = buildLacpReplyFrame(ovs('ovs-fast'), { ...S1, portMac: '02:00:00:00:01:01' })
    expect(f.length).toBe(124)
    expect(f.subarray(0, 14).toString('hex')).toBe('0180c2000002' + '020000000101' + '8809')
    expect(f.subarray(14).equals(lacpduToBuffer(buildLacpReply(ovs('ovs-fast'), S1)))).toBe(true)
    expect(() => buildLacpReplyFrame(ovs('ovs-fast'), S1)).toThrowError(expect.objectContaining({ code: 'NO_PORT_MAC' }))
  })
})

describe('standard profile (802.1AX actor semantics)', () => {
  const local = { system: '02:00:00:00:01:00', port: 3, key: 33, systemPriority: 100, portPriority: 200 }
  it('uses its own key and priorities, activity from the mode, timeout from the rate', () => {
    const rx = ovs('ovs-fast')
    const r = buildLacpReply(rx, { ...local, mode: 'active', rate: 'fast' }, { profile: 'standard' })
    expect(r.actor).toEqual({ systemPriority: 100, system: '02:00:00:00:01:00', key: 33, portPriority: 200, port: 3, state: 0x3f })
    expect(r.partner).toEqual(rx.actor)
    const p = buildLacpReply(rx, { ...local, mode: 'passive', rate: 'slow' }, { profile: 'standard' })
    expect(p.actor.state).toBe(0x3c)
  })
  it('synchronization only when selected; collecting/distributing only when the partner is in sync too', () => {
    const rx = ovs('ovs-fast')
    expect(buildLacpReply(rx, local, { profile: 'standard', selected: false }).actor.state).toBe(0x05) // activity, aggregation
    const outOfSync = { actor: { ...rx.actor, state: rx.actor.state & ~0x08 } }
    expect(buildLacpReply(outOfSync, local, { profile: 'standard', selected: true }).actor.state).toBe(0x0d) // + sync, no coll/dist
    expect(buildLacpReply(rx, { ...local, aggregatable: false }, { profile: 'standard' }).actor.state).toBe(0x39)
  })
  it('defaults: priorities 32768, key 1, active, slow', () => {
    const r = buildLacpReply(ovs('ovs-first'), { system: '02:00:00:00:01:00', port: 1 }, { profile: 'standard' })
    expect(r.actor).toMatchObject({ systemPriority: 32768, key: 1, portPriority: 32768 })
    expect(r.actor.state).toBe(0x3d)
  })
  it('rejects bad identities with typed codes', () => {
    expect(() => buildLacpReply(ovs('ovs-fast'), { ...local, key: 70000 }, { profile: 'standard' })).toThrowError(expect.objectContaining({ code: 'BAD_FIELD', field: 'key' }))
    expect(() => buildLacpReply(ovs('ovs-fast'), { ...local, system: 'nope' })).toThrowError(expect.objectContaining({ code: 'BAD_MAC' }))
    expect(() => buildLacpReply(ovs('ovs-fast'), local, { profile: 'x' as 'ryu' })).toThrowError(expect.objectContaining({ code: 'BAD_PROFILE' }))
  })
})
