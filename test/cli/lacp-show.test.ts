// `ofl lacp show` for people (issue 9, item 8), against a real Open vSwitch: the configured bond is
// listed before its switch connects and says that the switch is not connected; port names from the
// switch (s1-eth1) stand beside the port numbers in text and as `portName` in JSON; no field is
// printed empty (a cut member used to show `actor state: ` with nothing after it); fields that are
// numbers in JSON are numbers or null (`"key": "mirrors partner"` used to sit in the numeric field).
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { OvsLab, ovsAvailable, waitFor, S1_MAC, type ControllerProcess } from '../helpers/ovs.js'

const available = ovsAvailable()
const PORT = 16741

/** Lines of the text output that end with a label and no value ("  actor state: "). */
const emptyFields = (text: string) => text.split('\n').filter((l) => /:\s*$/.test(l) && !/^member: /.test(l))

/** Every numeric field of `ofl lacp show --json` (bond and member level) is a number, or null where documented. */
function expectNumericFields(doc: { bonds: Array<Record<string, unknown> & { members: Array<Record<string, unknown> & { actor: Record<string, unknown>; partner: Record<string, unknown> }> }> }): void {
  for (const b of doc.bonds) {
    for (const f of ['bond', 'maxActive', 'minLinks', 'sysPriority', 'droppedSlowFrames']) expect(typeof b[f], `bond.${f}`).toBe('number')
    expect(b.key === null || typeof b.key === 'number', `bond.key = ${JSON.stringify(b.key)}`).toBe(true)
    for (const m of b.members) {
      for (const f of ['port', 'flowIdleTimeout']) expect(typeof m[f], `member.${f}`).toBe('number')
      for (const side of [m.actor, m.partner]) for (const f of ['sysPriority', 'portId', 'portPriority', 'key', 'state']) expect(typeof side[f], f).toBe('number')
    }
  }
}

describe.skipIf(!available)('ofl lacp show ⇄ Open vSwitch (issue 9 item 8)', () => {
  let lab: OvsLab
  let ctl: ControllerProcess
  const show = (json = false) => runCli(['lacp', 'show', '--socket', `${lab.dir}/ctl.sock`, ...(json ? ['--json'] : [])])

  beforeAll(async () => {
    lab = await OvsLab.start()
    ctl = lab.startController(['--bond', '1:1,2', '--of', '1.3', '--control-socket', `${lab.dir}/ctl.sock`, '--lacp-rate', 'fast'], PORT)
    await waitFor('controller listening', () => ctl.log().includes('listening on'), 20_000)
  }, 60_000)

  afterAll(async () => {
    if (process.env.OFL_OVS_DEBUG) console.log(ctl?.log())
    await lab?.stop()
  })

  it('before the switch connects: names the configured bond and says the switch is not connected, no empty field', () => {
    const t = show()
    expect(t.status).toBe(0)
    // old: "no bond on any connected switch"; then a block of zeros and `actor state: ` with nothing after it
    expect(t.stdout).toContain('---- SW=0000000000000001 bond 1 (0000000000000001:1,2) ----')
    expect(t.stdout).toContain('  switch 0000000000000001: not connected yet')
    expect(t.stdout).toContain("  sys_id: not known yet (the switch's LOCAL MAC, once it connects)")
    expect(t.stdout).toContain("  aggregation key: mirrors the partner's key (ryu profile)")
    expect(t.stdout).toContain('member: 1: not connected detached unselected (switch not connected)')
    expect(t.stdout).toContain('  partner: none received (switch not connected)')
    expect(t.stdout).not.toContain('00:00:00:00:00:00')
    expect(emptyFields(t.stdout)).toEqual([])
    const j = show(true)
    expect(j.status).toBe(0)
    const doc = JSON.parse(j.stdout)
    expect(doc.bonds[0]).toMatchObject({ name: '0000000000000001:1,2', sysId: null, key: null, keySource: 'partner' }) // old: "key": "mirrors partner"
    expect(doc.bonds[0].members.map((m: { port: number; portName: unknown; connected: boolean }) => [m.port, m.portName, m.connected])).toEqual([[1, null, false], [2, null, false]])
    expectNumericFields(doc)
  })

  it('negotiated: port names from the switch beside the numbers (text) and as portName (JSON)', async () => {
    await lab.createTopology('1.3', PORT)
    await waitFor('s1 connected', () => ctl.log().includes('SW=0000000000000001 connected'), 20_000)
    await lab.createBond('fast')
    const doc = await waitFor('both members current', () => {
      const d = JSON.parse(show(true).stdout)
      return d.bonds[0].members.every((m: { status: string; enabled: boolean }) => m.status === 'current' && m.enabled) && d
    }, 40_000, 100)
    expect(doc.bonds[0]).toMatchObject({ sysId: S1_MAC, key: null, keySource: 'partner' })
    expect(doc.bonds[0].members.map((m: { port: number; portName: string }) => [m.port, m.portName])).toEqual([[1, 's1-eth1'], [2, 's1-eth2']])
    expectNumericFields(doc)
    const t = show()
    expect(t.stdout).not.toContain('not connected yet')
    expect(t.stdout).toMatch(/^member: 1 \(s1-eth1\): current attached selected$/m) // old: "member: 1: current attached"
    expect(t.stdout).toMatch(/^member: 2 \(s1-eth2\): current attached selected$/m)
    expect(t.stdout).toContain(`  sys_id: ${S1_MAC}`)
    expect(emptyFields(t.stdout)).toEqual([])
    const stats = runCli(['lacp', 'show-stats', '--socket', `${lab.dir}/ctl.sock`])
    expect(stats.stdout).toMatch(/^member: 1 \(s1-eth1\):$/m)
  }, 90_000)

  it('a cut member prints words for every field, never an empty `actor state:`', async () => {
    await lab.cutMember(1)
    // FlowRemoved(idle) expires the member; a short timeout later its partner information is defaulted.
    for (const status of ['expired', 'defaulted']) {
      // The text itself is polled: an expired member is defaulted 3 s later, so a second query could miss it.
      const t = await waitFor(`member 1 ${status}`, () => {
        const r = show()
        return r.status === 0 && r.stdout.includes(`member: 1 (s1-eth1): ${status} detached`) && r
      }, 40_000, 50)
      const block = t.stdout.slice(t.stdout.indexOf('member: 1 (s1-eth1)'), t.stdout.indexOf('member: 2 '))
      expect(emptyFields(t.stdout), block).toEqual([]) // old (defaulted): "  actor state: " and a partner of zeros
      if (status === 'expired') {
        expect(block).toMatch(/^ {2}actor state: \S/m)
        expect(block).toContain('  partner sys_id: 02:00:00:00:11:00') // the last partner, kept while expired
      } else {
        expect(block).toContain('  actor key, state: none (ryu profile mirrors the partner; nothing sent until a LACPDU arrives)')
        expect(block).toMatch(/^ {2}partner: none current \(defaulted after \d+ LACPDUs received\)$/m)
        expect(block).not.toContain('00:00:00:00:00:00')
        const doc = JSON.parse(show(true).stdout)
        expect(doc.bonds[0].members[0]).toMatchObject({ portName: 's1-eth1', status: 'defaulted', enabled: false })
        expectNumericFields(doc)
      }
    }
}, 60_000)
})
