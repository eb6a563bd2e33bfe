// Interop against a REAL Open vSwitch: `ofl controller --bond 1:1,2` on switch s1
// negotiates LACP with h1's `bond0 lacp=active`, installs the liveness flows, forwards learned
// traffic between the bond and a single-port host, and detects a silent member cut through
// FlowRemoved(idle). OF1.0, 1.2 and 1.3 with lacp-time=fast, plus 1.3 slow (negotiation and the
// 90 s idle timeout only — a slow failover takes 90 s). Timings are printed as `[ovs-timing]` lines.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { runCli } from '../helpers/cli.js'
import {
  OvsLab, ovsAvailable, waitFor, sleep, testFrame, S1_MAC, H1_MAC, H2_MAC, type OfVersionName, type ControllerProcess,
} from '../helpers/ovs.js'

const available = ovsAvailable()

interface Scenario {
  version: OfVersionName
  time: 'fast' | 'slow'
  port: number
  /** `--profile standard --lacp active` (802.1AX actor) instead of the default Ryu parity. */
  standard?: boolean
}
const SCENARIOS: Scenario[] = [
  { version: '1.0', time: 'fast', port: 16710 },
  { version: '1.2', time: 'fast', port: 16712 },
  { version: '1.3', time: 'fast', port: 16713 },
  { version: '1.3', time: 'slow', port: 16714 },
  { version: '1.3', time: 'fast', port: 16715, standard: true },
]
/** How snoop tags a message of this version: "OFPT_FLOW_MOD (OF1.3) (xid=…)"; OF1.0 has no tag. */
const snoopTag = (v: OfVersionName) => (v === '1.0' ? '' : v === '1.2' ? ' (OF1.2)' : ' (OF1.3)')

for (const sc of SCENARIOS) {
  const title = `ofl controller${sc.standard ? ' --profile standard --lacp active' : ''} ⇄ Open vSwitch, OpenFlow ${sc.version}, lacp-time=${sc.time}`
  describe.skipIf(!available)(title, () => {
    let lab: OvsLab
    let ctl: ControllerProcess
    let snoop: { text: () => string }
    let bondCreatedAt = 0

    beforeAll(async () => {
      lab = await OvsLab.start()
      const profile = sc.standard ? ['--profile', 'standard', '--lacp', 'active', '--lacp-rate', 'fast'] : []
      ctl = lab.startController(['--bond', '1:1,2', '--of', sc.version, '--control-socket', `${lab.dir}/ctl.sock`, '--log-level', 'debug', ...profile], sc.port)
      await waitFor('controller listening', () => ctl.log().includes('listening on'), 20_000)
      await lab.createTopology(sc.version, sc.port)
      await waitFor('s1 connected to ofl controller', () => ctl.log().includes('SW=0000000000000001 connected'), 20_000)
      snoop = lab.startSnoop(sc.version)
      await sleep(300) // let snoop attach before the first LACP flow-mod
      bondCreatedAt = Date.now()
      await lab.createBond(sc.time)
    }, 60_000)

    afterAll(async () => {
      if (process.env.OFL_OVS_DEBUG) {
        console.log(`---- controller log (OF${sc.version})\n${ctl?.log()}\n---- snoop\n${snoop?.text()}\n---- vswitchd\n${lab?.vswitchdLog().split('\n').filter((l) => /WARN|ERR|bond|lacp/i.test(l)).join('\n')}`)
      }
      await lab?.stop()
    })

    it('negotiates: bond negotiated, both members enabled, partner = s1 (the controller system)', async () => {
      const show = await waitFor('bond0 negotiated with both members enabled', async () => {
        const s = await lab.lacpShow()
        const ok = s.status.includes('negotiated') && s.members.length === 2 && s.members.every((m) => m.mayEnable && m.attached && m.status === 'current')
        return ok && s
      }, 40_000, 20)
      const negotiation = (Date.now() - bondCreatedAt) / 1000
      console.log(`[ovs-timing] OF${sc.version} ${sc.time}${sc.standard ? ' standard/active' : ''}: negotiation ${negotiation.toFixed(3)} s`)
      expect(show.lacpTime).toBe(sc.time)
      for (const m of show.members) {
        expect(m.partnerSysId).toBe(S1_MAC)
        expect(m.partnerSysPriority).toBe(sc.standard ? 32768 : 65535)
        expect(m.partnerPortPriority).toBe(sc.standard ? 32768 : 255)
        expect(m.partnerPortId).toBe(m.portId) // s1 port n ⇄ h1 member n
        expect(m.partnerState).toContain('synchronized')
        if (sc.standard) {
          expect(m.partnerState).toContain('activity') // --lacp active
          expect(m.partnerKey).toBe(1) // our own key for bond 1, not an echo of OVS's
        } else {
          expect(m.partnerState).not.toContain('activity') // passive, like lacplib
        }
        expect(m.partnerState.includes('timeout')).toBe(sc.time === 'fast')
      }
      const bond = await lab.bondShow()
      expect(bond.lacpStatus).toBe('negotiated')
      expect(bond.members).toEqual({ 'h1-eth1': 'enabled', 'h1-eth2': 'enabled' })
      // The controller's own view, through `ofl lacp show` / `show-stats` on its control socket.
      const shown = runCli(['lacp', 'show', '--socket', `${lab.dir}/ctl.sock`, '--json'])
      expect(shown.status).toBe(0)
      const st = JSON.parse(shown.stdout)
      expect(st.bonds[0]).toMatchObject({ dpid: '0000000000000001', status: sc.standard ? 'active negotiated' : 'passive negotiated', sysId: S1_MAC })
      for (const m of st.bonds[0].members) {
        expect(m).toMatchObject({ status: 'current', attached: true, enabled: true, flowIdleTimeout: sc.time === 'fast' ? 3 : 90 })
        expect(m.partner.sysId).toBe(H1_MAC)
        expect(m.partner.sysPriority).toBe(65534)
        if (sc.standard) expect(m.actor.stateWords).toBe('activity timeout aggregation synchronized collecting distributing')
      }
      const text = runCli(['lacp', 'show-stats', '--socket', `${lab.dir}/ctl.sock`])
      expect(text.stdout).toMatch(/member: 1 \(s1-eth1\):\n {2}TX PDUs: [1-9]/)
      const log = ctl.log()
      for (const p of [1, 2]) {
        expect(log).toContain(`[LACP][INFO] SW=0000000000000001 PORT=${p} LACP received.`)
        expect(log).toContain(`[LACP][INFO] SW=0000000000000001 PORT=${p} the slave i/f has just been up.`)
        expect(log).toContain(`[LACP][INFO] SW=0000000000000001 PORT=${p} LACP sent.`)
        expect(log).toContain(`slave state changed port: ${p} enabled: True`)
      }
    }, 60_000)

    it(`installs the liveness flows: priority 65535, in_port+dl_src+0x8809 → CONTROLLER, idle ${sc.time === 'fast' ? 3 : 90}, send_flow_rem`, async () => {
      const idle = sc.time === 'fast' ? 3 : 90
      const maxLen = sc.version === '1.0' ? 65535 : 65509
      const flows = (await lab.dumpFlows('s1', sc.version)).filter((f) => f.priority === 65535)
      expect(flows.map((f) => f.match.match(/in_port=(\d+)/)?.[1]).sort()).toEqual(['1', '2'])
      for (const f of flows) {
        expect(f.match).toMatch(/dl_src=[0-9a-f:]{17}/)
        expect(f.match).toContain('dl_type=0x8809')
        expect(f.idleTimeout).toBe(idle)
        expect(f.actions).toBe(`CONTROLLER:${maxLen}`)
        if (sc.version === '1.3') expect(f.sendFlowRem).toBe(true) // 1.0/1.2 flow stats carry no flags
      }
      // OVS's own decoding of our FLOW_MODs (snoop) shows the flag for every version.
      const mods = snoop.text().split('\n').filter((l) => l.includes('OFPT_FLOW_MOD') && l.includes('dl_type=0x8809'))
      expect(mods.length).toBeGreaterThanOrEqual(2)
      for (const l of mods) {
        expect(l).toContain(`OFPT_FLOW_MOD${snoopTag(sc.version)} (xid=`)
        expect(l).toContain('ADD priority=65535')
        expect(l).toContain(`idle:${idle}`)
        expect(l).toContain('send_flow_rem')
        expect(l).toContain(`actions=CONTROLLER:${maxLen}`)
      }
    }, 30_000)

    it('forwards learned traffic between the bond and a single-port host', async () => {
      await lab.addCounter('h2', H1_MAC, H2_MAC)
      for (const p of [1, 2]) await lab.ofctl('add-flow', 'h1', `priority=100,in_port=${p},dl_src=${H2_MAC},dl_dst=${H1_MAC},actions=drop`)
      let tag = 1
      await waitFor('h1 → h2 delivered', async () => {
        await lab.emit('h1', testFrame(H1_MAC, H2_MAC, tag++))
        return (await lab.counted('h2', H1_MAC, H2_MAC)) > 0
      }, 10_000, 200)
      await waitFor('h2 → h1 delivered over the bond', async () => {
        await lab.emit('h2', testFrame(H2_MAC, H1_MAC, tag++))
        return (await lab.counted('h1', H2_MAC, H1_MAC)) > 0
      }, 10_000, 200)
      for (let i = 0; i < 5; i++) await lab.emit('h2', testFrame(H2_MAC, H1_MAC, tag++))
      const fromH1 = await lab.counted('h2', H1_MAC, H2_MAC)
      await waitFor('h1 → h2 delivered again (now to a learned destination)', async () => {
        await lab.emit('h1', testFrame(H1_MAC, H2_MAC, tag++))
        return (await lab.counted('h2', H1_MAC, H2_MAC)) > fromH1
      }, 10_000, 200)
      await sleep(200)
      const learned = (await lab.dumpFlows('s1', sc.version)).filter((f) => f.priority === 1)
      expect(learned.some((f) => f.match.includes('in_port=3') && f.match.includes(`dl_dst=${H1_MAC}`))).toBe(true)
      expect(learned.some((f) => f.match.includes(`dl_dst=${H2_MAC}`) && f.actions === 'output:3')).toBe(true)
      expect(await lab.counted('h1', H2_MAC, H1_MAC)).toBeGreaterThanOrEqual(6)
    }, 30_000)

    // Slow failover takes 90 s: only negotiation and idle_timeout=90 are checked for slow.
    if (sc.time === 'fast') it('detects a silent member cut through FlowRemoved(idle) within 3 s and moves traffic to the survivor', async () => {
      const perPort = async () => {
        const flows = await lab.dumpFlows('h1')
        const n = (p: number) => flows.filter((f) => f.match.includes(`in_port=${p}`) && f.match.includes(`dl_src=${H2_MAC}`)).reduce((a, f) => a + f.nPackets, 0)
        return { 1: n(1), 2: n(2) } // packets per member port, keyed by port number
      }
      const before = await perPort()
      const victim: 1 | 2 = before[1] >= before[2] ? 1 : 2 // cut the member that carries h2 → h1
      const survivor: 1 | 2 = victim === 1 ? 2 : 1
      const logBefore = ctl.log().length
      const t0 = Date.now()
      await lab.cutMember(victim)
      const timeoutLine = `[LACP][INFO] SW=0000000000000001 PORT=${victim} LACP exchange timeout has occurred.`
      await waitFor('controller sees the FlowRemoved', () => ctl.log().slice(logBefore).includes(timeoutLine), 8_000, 20)
      const detected = (Date.now() - t0) / 1000
      await waitFor('OVS disables the member', async () => (await lab.bondShow()).members[`h1-eth${victim}`] === 'disabled', 8_000, 20)
      const ovsDisabled = (Date.now() - t0) / 1000
      console.log(`[ovs-timing] OF${sc.version} fast${sc.standard ? ' standard/active' : ''}: failover controller ${detected.toFixed(3)} s, OVS member disabled ${ovsDisabled.toFixed(3)} s`)
      // 3 s idle timeout after the last PDU (which precedes the cut) + OVS's expiry sweep and our poll.
      expect(detected).toBeLessThanOrEqual(3.5)
      const tail = ctl.log().slice(logBefore)
      expect(tail).toContain(`slave state changed port: ${victim} enabled: False`)
      // The FlowRemoved really came from OVS with reason idle (its own decoding).
      expect(snoop.text()).toMatch(new RegExp(`OFPT_FLOW_REMOVED${snoopTag(sc.version).replace(/[()]/g, '\\$&')} \\(xid=.*in_port=${victim}.*dl_type=0x8809.*reason=idle`))
      const show = await lab.lacpShow()
      expect(show.members.find((m) => m.portId === survivor)?.mayEnable).toBe(true)
      // Traffic h2 → h1 now arrives on the survivor.
      const mid = await perPort()
      let tag = 1000
      await waitFor('h2 → h1 via the survivor', async () => {
        await lab.emit('h2', testFrame(H2_MAC, H1_MAC, tag++))
        await lab.emit('h1', testFrame(H1_MAC, H2_MAC, tag++))
        const now = await perPort()
        return now[survivor] > mid[survivor]
      }, 10_000, 200)
      const after = await perPort()
      expect(after[victim]).toBe(mid[victim])
    }, 40_000)
  })
}
