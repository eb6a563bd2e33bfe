// MC-LAG against a REAL Open vSwitch: two switches s1 and s2 under one `ofl controller`, joined by an
// inter-switch link (s1:9 ⇄ s2:9), and a host h1 whose LACP bond has one member on each switch. Both
// switches present one actor system and key; the datapath with most attached members is nominated and
// the other's member is advertised out of sync (Faucet's approach), so a broadcast reaches h1 once and
// unicast crosses the ISL when needed. Failover: a silent member cut on the nominated switch, then the
// nominated switch losing its controller connection. Metrics are scraped during negotiation and after
// each failover. Timings are printed as `[ovs-timing]` lines.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { controlRequest } from '../../src/controller/control-client.js'
import type { ControllerStatus } from '../../src/controller/server.js'
import type { LacpStatus } from '../../src/controller/apps/lacp.js'
import { OvsLab, ovsAvailable, waitFor, sleep, testFrame, H1_MAC, H2_MAC, H3_MAC, type ControllerProcess } from '../helpers/ovs.js'
import { createMclagTopology, createMclagBond, lacpOf, bondOf, scrapeMetrics, countedPerPort, sum, MCLAG_SYSTEM } from '../helpers/ovs-mclag.js'

const available = ovsAvailable()
const OF_PORT = 16730
const METRICS_PORT = 19464
const BCAST = 'ff:ff:ff:ff:ff:ff'
const D1 = '0000000000000001'
const D2 = '0000000000000002'

describe.skipIf(!available)('MC-LAG: ofl controller ⇄ two Open vSwitch datapaths ⇄ one host bond (OpenFlow 1.3, lacp-time=fast)', () => {
  let lab: OvsLab
  let ctl: ControllerProcess
  let sock: string
  let beforeConnect: { stdout: string; status: number }
  let bondCreatedAt = 0
  let negotiation = 0
  let negotiatedShow: Awaited<ReturnType<typeof lacpOf>>
  let scrapingDuringNegotiation: ReturnType<typeof scrapeMetrics>
  let tag = 1

  const show = () => {
    const r = runCli(['lacp', 'show', '--socket', sock, '--json'])
    expect(r.status).toBe(0)
    return JSON.parse(r.stdout) as LacpStatus
  }
  /** The controller's view through its control socket (what `ofl lacp show --json` prints). */
  const query = async () => (await controlRequest<ControllerStatus>(sock, 'lacp/show')).lacp
  const member = async (dpid: string, port: number) => (await query()).bonds[0]!.members.find((m) => m.dpid === dpid && m.port === port)!
  /** ms timestamp of the first controller log line after `from` (a log length) that contains `text`. */
  const logTime = (from: number, text: string) => {
    const line = ctl.log().slice(from).split('\n').find((l) => l.includes(text))
    return line ? Date.parse(line.slice(0, 24)) : NaN
  }

  /** Emit frames until `bridge` counts one more from src to dst; returns seconds taken. */
  async function delivered(from: 'h1' | 'h2' | 'h3', src: string, to: 'h1' | 'h2' | 'h3', dst: string, what: string, timeoutMs = 15_000): Promise<number> {
    const t0 = Date.now()
    const before = sum(await countedPerPort(lab, to, src, dst))
    await waitFor(what, async () => {
      await lab.emit(from, testFrame(src, dst, tag++))
      return sum(await countedPerPort(lab, to, src, dst)) > before
    }, timeoutMs, 100)
    return (Date.now() - t0) / 1000
  }

  beforeAll(async () => {
    lab = await OvsLab.start()
    sock = `${lab.dir}/ctl.sock`
    ctl = lab.startController([
      '--of', '1.3', '--profile', 'standard', '--lacp', 'active', '--lacp-rate', 'fast', '--control-socket', sock,
      '--isl', '1:9-2:9', '--bond', `1:1+2:1;name=h1;system-id=${MCLAG_SYSTEM};key=10`, '--metrics', `127.0.0.1:${METRICS_PORT}`,
    ], OF_PORT)
    await waitFor('controller listening', () => ctl.log().includes('listening on'), 20_000)
    beforeConnect = runCli(['lacp', 'show', '--socket', sock, '--json'])
    await createMclagTopology(lab, '1.3', OF_PORT)
    await waitFor('s1 and s2 connected', () => ctl.log().includes(`SW=${D1} connected`) && ctl.log().includes(`SW=${D2} connected`), 20_000)
    // Counting flows on the hosts (frames are counted and dropped there, per in_port).
    for (const [br, src] of [['h2', H3_MAC], ['h3', H2_MAC]] as const) await lab.ofctl('add-flow', br, `priority=100,dl_src=${src},dl_dst=${BCAST},actions=drop`)
    bondCreatedAt = Date.now()
    await createMclagBond(lab, 'fast')
    scrapingDuringNegotiation = scrapeMetrics(lab, METRICS_PORT)
    negotiatedShow = await waitFor('bond0 negotiated with h1-eth1 enabled', async () => {
      const l = await lacpOf(lab, 'bond0')
      return l.status.includes('negotiated') && l.members.find((m) => m.name === 'h1-eth1')?.mayEnable && l.members.every((m) => m.status === 'current' && m.attached) && l
    }, 40_000, 20)
    negotiation = (Date.now() - bondCreatedAt) / 1000
    for (const src of [H2_MAC, H3_MAC]) {
      await lab.ofctl('add-flow', 'h1', `priority=100,dl_src=${src},dl_dst=${BCAST},actions=drop`)
      await lab.ofctl('add-flow', 'h1', `priority=100,dl_src=${src},dl_dst=${H1_MAC},actions=drop`)
    }
    await lab.ofctl('add-flow', 'h2', `priority=100,dl_src=${H1_MAC},dl_dst=${H2_MAC},actions=drop`)
    await lab.ofctl('add-flow', 'h3', `priority=100,dl_src=${H1_MAC},dl_dst=${H3_MAC},actions=drop`)
  }, 90_000)

  afterAll(async () => {
    if (process.env.OFL_OVS_DEBUG) console.log(`---- controller log\n${ctl?.log()}`)
    await lab?.stop()
  })

  it('lacp show lists the configured bond before its switches connect', () => {
    expect(beforeConnect.status).toBe(0)
    const st = JSON.parse(beforeConnect.stdout)
    expect(st.bonds).toHaveLength(1)
    expect(st.bonds[0]).toMatchObject({ name: 'h1', forwarding: false, sysId: MCLAG_SYSTEM, key: 10 })
    expect(st.bonds[0].members.map((m: { dpid: string; port: number; connected: boolean; reason: string }) => [m.dpid, m.port, m.connected, m.reason])).toEqual([
      [D1, 1, false, 'switch not connected'],
      [D2, 1, false, 'switch not connected'],
    ])
  })

  it('negotiates one partner across both switches: s1 nominated, s2\'s member out of sync', async () => {
    const s = negotiatedShow
    console.log(`[ovs-timing] MC-LAG OF1.3 fast: negotiation ${negotiation.toFixed(3)} s (bond created → member on the nominated switch enabled, polled every 20 ms)`)
    const scrapedDuring = await scrapingDuringNegotiation // scraped while LACP was converging
    expect(scrapedDuring.samples.get(`ofl_switch_connected{dpid="${D1}"}`)).toBe(1)
    expect(scrapedDuring.samples.get(`ofl_switch_connected{dpid="${D2}"}`)).toBe(1)
    const [e1, e2] = [s.members.find((m) => m.name === 'h1-eth1')!, s.members.find((m) => m.name === 'h1-eth2')!]
    // One partner: the same system id and key on both switches; port ids unique (dp_index*100+port).
    for (const m of [e1, e2]) {
      expect(m.partnerSysId).toBe(MCLAG_SYSTEM)
      expect(m.partnerKey).toBe(10)
    }
    expect(e1.partnerPortId).toBe(1)
    expect(e2.partnerPortId).toBe(101)
    expect(e1.partnerState).toEqual(expect.arrayContaining(['synchronized', 'collecting', 'distributing']))
    expect(e2.partnerState).not.toContain('synchronized')
    expect((await bondOf(lab, 'bond0')).members).toEqual({ 'h1-eth1': 'enabled', 'h1-eth2': 'disabled' })
    const st = show().bonds[0]!
    expect(st).toMatchObject({ forwarding: true, reason: null })
    expect(st.nominatedDatapath).toBe(D1)
    expect(st.members.find((m) => m.dpid === D1)).toMatchObject({ role: 'selected', status: 'current', enabled: true, reason: null })
    expect(st.members.find((m) => m.dpid === D2)).toMatchObject({ role: 'unselected', status: 'current', enabled: false })
    expect(st.members.find((m) => m.dpid === D2)!.reason).toMatch(/^MC-LAG: datapath #2 is not nominated/)
    expect(runCli(['lacp', 'show', '--socket', sock]).stdout).toContain('member: 0000000000000002:1 (s2-eth1): current attached unselected (MC-LAG: datapath #2 is not nominated')
    // Ingress on the unselected member is dropped by a flow (OVS bond_check_admissibility).
    const drops = (await lab.dumpFlows('s2')).filter((f) => f.match.includes('in_port=1') && f.actions === 'drop')
    expect(drops).toHaveLength(1)
    // Metrics agree.
    const { samples } = await scrapeMetrics(lab, METRICS_PORT)
    expect(samples.get(`ofl_lacp_port_state{dpid="${D1}",port="1"}`)).toBe(5)
    expect(samples.get(`ofl_lacp_port_role{dpid="${D1}",port="1"}`)).toBe(2)
    expect(samples.get(`ofl_lacp_port_state{dpid="${D2}",port="1"}`)).toBe(4)
    expect(samples.get(`ofl_lacp_port_role{dpid="${D2}",port="1"}`)).toBe(1)
    expect(samples.get(`ofl_lacp_pdus_received_total{dpid="${D2}",port="1"}`)).toBeGreaterThan(0)
    expect(samples.get(`ofl_lacp_pdus_sent_total{dpid="${D1}",port="1"}`)).toBeGreaterThan(0)
    expect(samples.get(`ofl_packet_in_total{dpid="${D1}"}`)).toBeGreaterThan(0)
    expect(samples.get('ofl_lacp_bond_forwarding{bond="h1"}')).toBe(1)
  }, 60_000)

  it('a broadcast reaches the host once, from either switch; unicast crosses the inter-switch link', async () => {
    const N = 5
    for (let i = 0; i < N; i++) {
      await lab.emit('h2', testFrame(H2_MAC, BCAST, tag++))
      await lab.emit('h3', testFrame(H3_MAC, BCAST, tag++))
    }
    await waitFor('broadcasts arrive at h1', async () => sum(await countedPerPort(lab, 'h1', H2_MAC, BCAST)) >= N && sum(await countedPerPort(lab, 'h1', H3_MAC, BCAST)) >= N, 10_000, 100)
    await sleep(500) // duplicates, if any, would be here by now
    expect(sum(await countedPerPort(lab, 'h1', H2_MAC, BCAST))).toBe(N)
    expect(sum(await countedPerPort(lab, 'h1', H3_MAC, BCAST))).toBe(N)
    expect(sum(await countedPerPort(lab, 'h3', H2_MAC, BCAST))).toBe(N) // s1 → ISL → s2 → h3, once
    expect(sum(await countedPerPort(lab, 'h2', H3_MAC, BCAST))).toBe(N)
    await delivered('h1', H1_MAC, 'h3', H3_MAC, 'h1 → h3 (s1 → ISL → s2)')
    await delivered('h3', H3_MAC, 'h1', H1_MAC, 'h3 → h1 (s2 → ISL → s1 → h1-eth1)')
    await delivered('h2', H2_MAC, 'h1', H1_MAC, 'h2 → h1')
  }, 60_000)

  it('fails over to s2 when s1\'s member is cut silently, within the fast LACP timeout', async () => {
    const from = ctl.log().length
    const t0 = Date.now()
    await lab.vsctl('set', 'interface', 's1-eth1', 'options:peer=unplugged')
    await waitFor('OVS enables h1-eth2', async () => (await bondOf(lab, 'bond0')).members['h1-eth2'] === 'enabled', 15_000, 20)
    const ovsEnabled = (Date.now() - t0) / 1000
    await waitFor('s2 nominated (controller)', async () => { const m = await member(D2, 1); return m.role === 'selected' && m.enabled }, 15_000, 50)
    const controllerMoved = (logTime(from, `enabled: True (SW=${D2})`) - t0) / 1000
    const h3 = await delivered('h3', H3_MAC, 'h1', H1_MAC, 'h3 → h1 after failover')
    const h2 = await delivered('h2', H2_MAC, 'h1', H1_MAC, 'h2 → h1 after failover (s1 → ISL → s2)')
    const traffic = (Date.now() - t0) / 1000
    console.log(`[ovs-timing] MC-LAG OF1.3 fast member cut: controller moved ${controllerMoved.toFixed(3)} s, OVS h1-eth2 enabled ${ovsEnabled.toFixed(3)} s, traffic h3→h1 and h2→h1 restored ${traffic.toFixed(3)} s (last probes ${h3.toFixed(2)}/${h2.toFixed(2)} s)`)
    expect(await member(D1, 1)).toMatchObject({ role: 'unselected', enabled: false })
    const { samples } = await scrapeMetrics(lab, METRICS_PORT)
    expect(samples.get(`ofl_lacp_port_state{dpid="${D2}",port="1"}`)).toBe(5)
    expect(samples.get(`ofl_lacp_port_role{dpid="${D2}",port="1"}`)).toBe(2)
    expect(samples.get(`ofl_lacp_port_state{dpid="${D1}",port="1"}`)).toBeLessThanOrEqual(2) // expired or defaulted
    expect(samples.get(`ofl_lacp_state_changes_total{dpid="${D1}",port="1"}`)).toBeGreaterThanOrEqual(2)
    expect(samples.get(`ofl_flow_removed_total{dpid="${D1}"}`)).toBeGreaterThanOrEqual(1)
  }, 60_000)

  it('the member coming back does not move the bond back (no flap on a tie)', async () => {
    await lab.vsctl('set', 'interface', 's1-eth1', 'options:peer=h1-eth1')
    await waitFor('h1-eth1 current again', async () => (await lacpOf(lab, 'bond0')).members.find((m) => m.name === 'h1-eth1')?.status === 'current', 40_000, 50)
    await sleep(1500)
    expect((await bondOf(lab, 'bond0')).members).toEqual({ 'h1-eth1': 'disabled', 'h1-eth2': 'enabled' })
    expect((await member(D2, 1)).role).toBe('selected')
    expect((await member(D1, 1)).role).toBe('unselected')
  }, 60_000)

  it('fails over to s1 when the nominated switch s2 loses its controller connection', async () => {
    const from = ctl.log().length
    const t0 = Date.now()
    await lab.vsctl('del-controller', 's2')
    await waitFor('OVS enables h1-eth1', async () => (await bondOf(lab, 'bond0')).members['h1-eth1'] === 'enabled', 15_000, 20)
    const ovsEnabled = (Date.now() - t0) / 1000
    await waitFor('s1 nominated (controller)', async () => { const m = await member(D1, 1); return m.role === 'selected' && m.enabled }, 15_000, 50)
    const controllerMoved = (logTime(from, `enabled: True (SW=${D1})`) - t0) / 1000
    await delivered('h2', H2_MAC, 'h1', H1_MAC, 'h2 → h1 after s2 disconnected')
    const traffic = (Date.now() - t0) / 1000
    console.log(`[ovs-timing] MC-LAG OF1.3 fast switch disconnect: controller moved ${controllerMoved.toFixed(3)} s, OVS h1-eth1 enabled ${ovsEnabled.toFixed(3)} s, traffic h2→h1 restored ${traffic.toFixed(3)} s`)
    expect(await member(D2, 1)).toMatchObject({ role: 'unselected', enabled: false, reason: 'switch not connected' })
    const { samples } = await scrapeMetrics(lab, METRICS_PORT)
    expect(samples.get(`ofl_switch_connected{dpid="${D2}"}`)).toBe(0)
    expect(samples.get(`ofl_lacp_port_state{dpid="${D2}",port="1"}`)).toBe(0)
    expect(samples.get(`ofl_lacp_port_state{dpid="${D1}",port="1"}`)).toBe(5)
  }, 60_000)
})
