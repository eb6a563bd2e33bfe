// Hot standby against a REAL Open vSwitch and a REAL etcd, both in the lab's network namespace:
// two `ofl controller --etcd … --name cN` instances on one switch (`set-controller s1 tcp:A tcp:B`),
// h1's fast-LACP bond negotiated through the elected master; SIGKILL the master and the standby
// takes over before h1's 3 s partner timeout: no member of h1's bond leaves `current` (polled every
// ~100 ms with `ovs-appctl lacp/show`, and h1's own log must not show a member going down), traffic
// keeps flowing, and the killed instance, restarted, comes back as a standby.
// Takeover times print as `[ha-timing]` lines (kill → the standby reports itself master).
// The `--workers 2` scenario runs both instances with two worker processes each and SIGKILLs the worker
// that holds s1 (not the whole instance): its primary starts another, s1 reconnects, and the instance
// comes back as standby without a restart.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { join } from 'node:path'
import { OvsLab, ovsAvailable, waitFor, sleep, testFrame, H1_MAC, H2_MAC, S1_MAC, type OfVersionName, type ControllerProcess } from '../helpers/ovs.js'
import { EtcdServer, etcdAvailable } from '../helpers/etcd.js'
import { queryController, type ControllerStatus } from '../../src/controller/server.js'
import { workerPids } from '../helpers/workers.js'

const available = ovsAvailable() && etcdAvailable()

interface Scenario { version: OfVersionName; kills: number; ports: [number, number]; workers?: number }
const SCENARIOS: Scenario[] = [
  { version: '1.3', kills: 5, ports: [16813, 16823] },
  { version: '1.2', kills: 1, ports: [16812, 16822] },
  { version: '1.0', kills: 1, ports: [16810, 16820] },
  { version: '1.3', kills: 2, ports: [16833, 16843], workers: 2 },
]

for (const sc of SCENARIOS) {
  describe.skipIf(!available)(`two ofl controllers${sc.workers ? ` (--workers ${sc.workers})` : ''} + etcd ⇄ Open vSwitch, OpenFlow ${sc.version}, lacp-time=fast`, () => {
    let lab: OvsLab
    let etcd: EtcdServer
    const ctl: Record<string, ControllerProcess> = {}
    const port: Record<string, number> = { c1: sc.ports[0], c2: sc.ports[1] }
    const sock = (name: string) => join(lab.dir, `${name}.sock`)
    const status = (name: string): Promise<ControllerStatus> => queryController(sock(name), 'status', 2000)
    const role = async (name: string) => (await status(name).catch(() => undefined))?.ha?.datapaths.find((d) => d.dpid === '0000000000000001')

    function start(name: string): ControllerProcess {
      ctl[name] = lab.startController(['--bond', '1:1,2', '--of', sc.version, '--control-socket', sock(name), '--etcd', etcd.endpoint, '--name', name, '--lease-ttl', '1', ...(sc.workers ? ['--workers', String(sc.workers)] : [])], port[name]!)
      return ctl[name]
    }
    async function masterName(): Promise<string> {
      return waitFor('a master for dpid 1', async () => {
        for (const n of ['c1', 'c2']) if ((await role(n))?.role === 'master') return n
        return undefined
      }, 20_000, 50)
    }

    beforeAll(async () => {
      lab = await OvsLab.start()
      etcd = await EtcdServer.start({ netnsPid: lab.nsPid })
      for (const n of ['c1', 'c2']) start(n)
      // Generous: on a loaded machine a niced `ofl controller` has taken ~30 s to start.
      await waitFor('both controllers listening', () => ctl.c1!.log().includes('listening on') && ctl.c2!.log().includes('listening on'), 90_000)
      await lab.createTopology(sc.version, port.c1!)
      // Both instances as controllers of s1 (fast reconnect: max_backoff 1 s).
      await lab.vsctl(
        '--', '--id=@a', 'create', 'controller', `target="tcp:127.0.0.1:${port.c1}"`, 'connection-mode=out-of-band', 'max_backoff=1000',
        '--', '--id=@b', 'create', 'controller', `target="tcp:127.0.0.1:${port.c2}"`, 'connection-mode=out-of-band', 'max_backoff=1000',
        '--', 'set', 'bridge', 's1', 'controller=@a,@b',
      )
      await waitFor('s1 connected to both', () => ['c1', 'c2'].every((n) => ctl[n]!.log().includes('SW=0000000000000001 connected')), 20_000)
      await masterName()
      await lab.createBond('fast')
      await waitFor('bond0 negotiated, both members enabled', async () => {
        const s = await lab.lacpShow()
        return s.status.includes('negotiated') && s.members.length === 2 && s.members.every((m) => m.mayEnable && m.status === 'current' && m.partnerSysId === S1_MAC)
      }, 40_000, 50)
    }, 240_000)

    afterAll(async () => {
      if (process.env.OFL_OVS_DEBUG) for (const n of ['c1', 'c2']) console.log(`---- ${n}\n${ctl[n]?.log()}`)
      await etcd?.stop()
      await lab?.stop()
    })

    it('exactly one master; OVS shows master/slave; only the master answers LACP while both are alive', async () => {
      const m = await masterName()
      const s = m === 'c1' ? 'c2' : 'c1'
      // The standby may still be campaigning (its role is slave before it has read who the master is).
      await waitFor(`${s} is standby and knows ${m}`, async () => {
        const r = await role(s)
        return r?.role === 'slave' && r.master === m
      }, 15_000, 50)
      await waitFor('Controller table: one master, one slave', async () => {
        const out = await lab.vsctl('--format=csv', '--data=bare', '--no-headings', '--columns=target,role', 'list', 'controller')
        const roles = Object.fromEntries(out.trim().split('\n').map((l) => l.split(',')).map(([t, r]) => [t!.endsWith(String(port[m])) ? 'master' : 'standby', r]))
        return roles.master === 'master' && roles.standby === 'slave'
      }, 15_000, 200)
      // The standby sees the LACPDUs (async config) but sends none: over a window in which it receives
      // at least two more LACPDUs on each member and stays standby, its transmit counters do not move
      // (cumulative counters would also count a stint as master, e.g. after a lease lost on a loaded host).
      const members = (st: ControllerStatus) => st.lacp.bonds.flatMap((b) => b.members)
      const txOf = (st: ControllerStatus) => members(st).reduce((a, x) => a + x.counters.txPdus!, 0)
      const sb0 = await waitFor('the standby has received LACPDUs on both members', async () => {
        const st = await status(s)
        return members(st).length === 2 && members(st).every((x) => x.counters.rxPdus! > 1 && x.status === 'current') && st
      }, 10_000, 100)
      const rx0 = new Map(members(sb0).map((x) => [x.port, x.counters.rxPdus!]))
      const ms0 = await status(m)
      const sb1 = await waitFor('two more LACPDUs on each member at the standby', async () => {
        const st = await status(s)
        return members(st).every((x) => x.counters.rxPdus! >= rx0.get(x.port)! + 2) && st
      }, 15_000, 100)
      expect(sb1.ha?.datapaths[0]?.role).toBe('slave')
      expect(txOf(sb1)).toBe(txOf(sb0))
      expect(txOf(await status(m))).toBeGreaterThan(txOf(ms0))
    })

    it(`SIGKILL the master ${sc.kills}×: the standby takes over, h1's bond never leaves current, traffic flows, the killed one returns as standby`, async () => {
      const times: number[] = []
      let flaps = 0
      const flapNotes: string[] = []
      let polling = true
      const poller = (async () => {
        while (polling) {
          const s = await lab.lacpShow().catch(() => undefined)
          for (const m of s?.members ?? []) {
            if (m.status !== 'current' || !m.mayEnable) {
              flaps++
              flapNotes.push(`${m.name} ${m.status} may_enable=${m.mayEnable}`)
            }
          }
          await sleep(100)
        }
      })()
      await lab.addCounter('h2', H1_MAC, H2_MAC)
      const logFrom = lab.vswitchdLog().length
      let tag = 1
      for (let k = 0; k < sc.kills; k++) {
        const victim = await masterName()
        const heir = victim === 'c1' ? 'c2' : 'c1'
        await waitFor(`${heir} is standby and knows ${victim}`, async () => (await role(heir))?.master === victim, 15_000, 50)
        // With workers: the one holding s1, found by its number among the instance's processes.
        let victimPid = ctl[victim]!.proc.pid!
        if (sc.workers) {
          const w = ((await status(victim)).switches as Array<{ dpid: string; worker?: number }>).find((x) => x.dpid === '0000000000000001')?.worker
          victimPid = workerPids(ctl[victim]!.proc.pid!).get(w!)!
          expect(victimPid).toBeGreaterThan(0)
        }
        const t0 = Date.now()
        process.kill(victimPid, 'SIGKILL')
        await waitFor(`${heir} takes over`, async () => (await role(heir))?.role === 'master', 15_000, 10)
        const took = Date.now() - t0
        times.push(took)
        console.log(`[ha-timing] OF${sc.version}${sc.workers ? ` --workers ${sc.workers}` : ''} takeover ${k + 1}/${sc.kills}: ${took} ms (${victim} killed, ${heir} master)`)
        // Past h1's 3 s timeout from the last PDU the dead master answered.
        await sleep(3500)
        const before = await lab.counted('h2', H1_MAC, H2_MAC)
        await waitFor('h1 → h2 traffic after the takeover', async () => {
          await lab.emit('h1', testFrame(H1_MAC, H2_MAC, tag++))
          return (await lab.counted('h2', H1_MAC, H2_MAC)) > before
        }, 10_000, 200)
        // Restart the killed instance (with workers, its primary restarts the worker): it must come back as a standby.
        if (!sc.workers) {
          await waitFor(`${victim} exited`, () => ctl[victim]!.proc.exitCode !== null || ctl[victim]!.proc.signalCode !== null, 5_000)
          start(victim)
        }
        await waitFor(`${victim} back as standby`, async () => {
          const r = await role(victim)
          return r?.role === 'slave' && r.master === heir
        }, 90_000, 100)
      }
      polling = false
      await poller
      const sorted = [...times].sort((a, b) => a - b)
      console.log(`[ha-timing] OF${sc.version}${sc.workers ? ` --workers ${sc.workers}` : ''} takeover ms: ${times.join(', ')}; median ${sorted[Math.floor(sorted.length / 2)]}; flaps ${flaps}`)
      expect(flapNotes).toEqual([])
      // h1's own log: no member of bond0 went down at any point.
      expect(lab.vswitchdLog().slice(logFrom).split('\n').filter((l) => /h1-eth\d/.test(l) && /link state down|disabled|expired|defaulted/.test(l))).toEqual([])
      const s = await lab.lacpShow()
      expect(s.members.every((m) => m.status === 'current' && m.mayEnable && m.partnerSysId === S1_MAC)).toBe(true)
    }, 60_000 + sc.kills * 100_000)

    it('the control socket of each instance says who masters the switch (`ofl lacp show`)', async () => {
      const m = await masterName()
      for (const n of ['c1', 'c2']) {
        const st = await status(n)
        expect(st.ha?.name).toBe(n)
        expect(st.ha?.etcd).toBe('connected')
        expect(st.ha?.datapaths).toEqual([expect.objectContaining({ dpid: '0000000000000001', master: m, role: n === m ? 'master' : 'slave' })])
        expect(BigInt(st.ha!.datapaths[0]!.generationId!)).toBeGreaterThan(0n)
      }
    })
  })
}
