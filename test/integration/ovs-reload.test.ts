// Live reload against a REAL Open vSwitch: one switch s1 with two host bonds (hA on s1:1,2, hB on
// s1:3,4), `ofl controller --config FILE`. SIGHUP with bond b changed (new key) renegotiates b while a
// keeps negotiating (no member of a leaves current/attached/enabled on OVS meanwhile); `ofl controller
// reload` with b removed cleans b's flows and group; a bad file is refused with its line and the
// running configuration stays.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { writeFileSync } from 'node:fs'
import { runCli } from '../helpers/cli.js'
import { OvsLab, ovsAvailable, waitFor, sleep, type ControllerProcess } from '../helpers/ovs.js'
import { createReloadTopology, createHostBonds, lacpOf, scrapeMetrics } from '../helpers/ovs-mclag.js'

const available = ovsAvailable()
const OF_PORT = 16731
const METRICS_PORT = 19465

const config = (b: string) => `# ofl controller configuration (reload test)
of: "1.3"
profile: standard
lacp: active
lacp-rate: fast
metrics: 127.0.0.1:${METRICS_PORT}
bond:
  - name: a
    members: 1:1,2
    key: 11
${b}`
const B12 = '  - name: b\n    members: 1:3,4\n    key: 12\n'
const B22 = '  - name: b\n    members: 1:3,4\n    key: 22\n'

describe.skipIf(!available)('live reload: ofl controller --config ⇄ Open vSwitch (OpenFlow 1.3, fast)', () => {
  let lab: OvsLab
  let ctl: ControllerProcess
  let file: string
  let sock: string

  const negotiated = async (bond: string, key: number) => {
    const l = await lacpOf(lab, bond)
    return l.status.includes('negotiated') && l.members.length === 2 && l.members.every((m) => m.status === 'current' && m.attached && m.mayEnable && m.partnerKey === key)
  }
  /** Poll bond-ha every 50 ms; any sample where a member is not current+attached+enabled is a flap. */
  function watchA(): { stop: () => Promise<string[]> } {
    const flaps: string[] = []
    let run = true
    const loop = (async () => {
      while (run) {
        const l = await lacpOf(lab, 'bond-ha')
        for (const m of l.members) if (!(m.status === 'current' && m.attached && m.mayEnable)) flaps.push(`${m.name}: ${m.status} ${m.attached ? 'attached' : 'detached'} may_enable=${m.mayEnable}`)
        await sleep(50)
      }
    })()
    return { stop: async () => ((run = false), await loop, flaps) }
  }

  beforeAll(async () => {
    lab = await OvsLab.start()
    file = `${lab.dir}/ofl.yaml`
    sock = `${lab.dir}/ctl.sock`
    writeFileSync(file, config(B12))
    ctl = lab.startController(['--config', file, '--control-socket', sock], OF_PORT)
    await waitFor('controller listening', () => ctl.log().includes('listening on'), 20_000)
    await createReloadTopology(lab, '1.3', OF_PORT)
    await waitFor('s1 connected', () => ctl.log().includes('SW=0000000000000001 connected'), 20_000)
    await createHostBonds(lab)
    await waitFor('both bonds negotiated', async () => (await negotiated('bond-ha', 11)) && (await negotiated('bond-hb', 12)), 40_000, 50)
  }, 90_000)

  afterAll(async () => {
    if (process.env.OFL_OVS_DEBUG) console.log(`---- controller log\n${ctl?.log()}`)
    await lab?.stop()
  })

  it('SIGHUP: the changed bond renegotiates with its new key, the unchanged one does not flap', async () => {
    const stateChanges = async () => (await scrapeMetrics(lab, METRICS_PORT)).samples.get('ofl_lacp_state_changes_total{dpid="0000000000000001",port="1"}')
    const changesBefore = await stateChanges()
    const w = watchA()
    await sleep(300)
    writeFileSync(file, config(B22))
    const t0 = Date.now()
    ctl.proc.kill('SIGHUP')
    await waitFor('controller logs the reload', () => ctl.log().includes('reload: 1 unchanged, 1 changed, 0 added, 0 removed'), 10_000)
    await waitFor('bond b renegotiated with key 22', () => negotiated('bond-hb', 22), 40_000, 50)
    console.log(`[ovs-timing] reload (SIGHUP) changed bond renegotiated in ${((Date.now() - t0) / 1000).toFixed(3)} s`)
    await sleep(1500)
    const flaps = await w.stop()
    expect(flaps).toEqual([])
    expect(await stateChanges()).toBe(changesBefore)
  }, 60_000)

  it('`ofl controller reload`: a removed bond is cleaned up (flows and group), the other keeps running', async () => {
    writeFileSync(file, config(''))
    const w = watchA()
    const r = runCli(['controller', 'reload', '--socket', sock, '--json'])
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ unchanged: ['a'], changed: [], added: [], removed: ['b'] })
    await waitFor('b\'s flows gone from s1', async () => {
      const flows = await lab.dumpFlows('s1')
      return !flows.some((f) => /in_port=(3|4)\b/.test(f.match))
    }, 10_000, 100)
    const groups = await lab.ofctl('-O', 'OpenFlow13', 'dump-groups', 's1')
    expect(groups.match(/group_id=/g) ?? []).toHaveLength(1) // bond a's only
    // Nobody answers hB any more: OVS expires its members (fast: 3 s).
    await waitFor('hB members no longer enabled', async () => (await lacpOf(lab, 'bond-hb')).members.every((m) => !m.mayEnable), 15_000, 100)
    const shown = JSON.parse(runCli(['lacp', 'show', '--socket', sock, '--json']).stdout)
    expect(shown.bonds.map((b: { name: string }) => b.name)).toEqual(['a'])
    expect(await w.stop()).toEqual([])
  }, 60_000)

  it('a bad file is refused with its line and field; the running configuration stays', async () => {
    writeFileSync(file, config(B12).replace('key: 11', 'key: eleven'))
    const r = runCli(['controller', 'reload', '--socket', sock])
    expect(r.status).toBe(1)
    expect(r.stderr.replace(/\s*›\s*/g, ' ').replace(/\s+/g, ' ')).toContain(`BAD_CONFIG: ${file}:10:10: bond[0].key: expected an integer 1..65535, got "eleven"`)
    ctl.proc.kill('SIGHUP')
    await waitFor('the SIGHUP failure is logged', () => ctl.log().includes(`reload failed, keeping the running configuration: ${file}:10:10`), 10_000)
    expect(await negotiated('bond-ha', 11)).toBe(true)
    const shown = JSON.parse(runCli(['lacp', 'show', '--socket', sock, '--json']).stdout)
    expect(shown.bonds.map((b: { name: string }) => b.name)).toEqual(['a'])
  }, 30_000)
})
