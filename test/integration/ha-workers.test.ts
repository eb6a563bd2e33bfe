// `ofl controller --workers 2` beyond the control socket:
// - /metrics on the primary is the merge of both workers' registries (prom-client AggregatorRegistry):
//   scraped once, it counts the packet-ins and LACPDUs of switches held by different workers, and a
//   bond member's state/role is its holder's value, not a sum over workers;
// - with --etcd (a REAL etcd on 127.0.0.1; 2 s leases, lenient to a loaded host), each worker
//   campaigns under its own lease for the switches it holds, in the instance's name: one master per switch across instances, `ofl_role` and
//   `ofl lacp show` agree with etcd, and SIGKILL of one worker hands exactly its switches to the other
//   instance while the surviving worker keeps its own.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BIN, runCli } from '../helpers/cli.js'
import { FakeSwitch } from '../helpers/fake-switch.js'
import { waitFor, testFrame } from '../helpers/ovs.js'
import { EtcdServer, etcdAvailable } from '../helpers/etcd.js'
import { promSamples, promSeries } from '../helpers/prom.js'
import { workerPids } from '../helpers/workers.js'
import { buildSlowFrame } from '../../src/lacp/slow.js'
import { queryController, type ControllerStatus } from '../../src/controller/server.js'

type WorkersStatus = Omit<ControllerStatus, 'switches'> & { workers?: number; switches: Array<ControllerStatus['switches'][number] & { worker?: number }> }

const dpidHex = (n: number) => n.toString(16).padStart(16, '0')
const H1_SYSTEM = '02:00:00:00:11:00'

/** A LACPDU from a host's bond member `port` (in sync, collecting, distributing). */
function lacpdu(port: number): Buffer {
  return buildSlowFrame({
    src: `02:aa:00:00:00:${port.toString(16).padStart(2, '0')}`,
    pdu: {
      version: 1,
      actor: { systemPriority: 65534, system: H1_SYSTEM, key: 2, portPriority: 65535, port, state: 0x3f },
      partner: { systemPriority: 0, system: '00:00:00:00:00:00', key: 0, portPriority: 0, port: 0, state: 0x02 },
      collectorMaxDelay: 0,
    },
  })
}

/** `ofl controller …` as a child process; resolves once it prints its listening line. */
class ControllerProc {
  out = ''
  readonly exited: Promise<number | null>
  private constructor(readonly proc: ChildProcess) {
    proc.stdout!.on('data', (d) => (this.out += d))
    proc.stderr!.on('data', (d) => (this.out += d))
    this.exited = new Promise((r) => proc.on('exit', (code) => r(code)))
  }
  static async start(args: string[]): Promise<{ c: ControllerProc; port: number; metrics: string | undefined }> {
    const c = new ControllerProc(spawn(process.execPath, [BIN, 'controller', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } }))
    const m = await waitFor('listening line', () => /listening on 127\.0\.0\.1:(\d+)[^\n]*?(?:metrics http:\/\/([\d.:]+)\/metrics)?\n/.exec(c.out), 90_000)
    return { c, port: Number(m[1]), metrics: m[2] }
  }
  /** Worker number (OFL_WORKER) → PID. */
  workerPids(): Map<number, number> {
    return workerPids(this.proc.pid!)
  }
  async stop(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGTERM')
    const t = setTimeout(() => this.proc.kill('SIGKILL'), 10_000)
    await this.exited
    clearTimeout(t)
  }
}

async function scrape(address: string): Promise<Map<string, number>> {
  const r = await fetch(`http://${address}/metrics`)
  expect(r.status).toBe(200)
  return promSamples(await r.text())
}

/** worker number → dpids it holds (ready connections), from the merged status. */
function byWorker(st: WorkersStatus): Map<number, string[]> {
  const out = new Map<number, string[]>()
  for (const s of st.switches.filter((x) => x.state === 'ready')) out.set(s.worker!, [...(out.get(s.worker!) ?? []), s.dpid].sort())
  return out
}

describe('ofl controller --workers 2 --metrics: one /metrics for all workers', () => {
  let dir: string
  let ctl: ControllerProc
  let port: number
  let metrics: string
  const switches: FakeSwitch[] = []
  const sock = () => join(dir, 'c.sock')

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ofl-ha-workers-'))
    const s = await ControllerProc.start(['--workers', '2', '--bond', '1:1,2', '--bond', '2:1,2', '--bond', '3:1,2', '--bond', '4:1,2', '--metrics', '127.0.0.1:0', '--control-socket', sock()])
    ctl = s.c
    port = s.port
    metrics = s.metrics!
    expect(metrics).toMatch(/^127\.0\.0\.1:\d+$/)
  }, 120_000)
  afterAll(async () => {
    for (const s of switches) s.close()
    await ctl?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('sums packet-ins and LACPDUs of switches held by different workers; member state and role are the holder\'s', async () => {
    for (let i = 1; i <= 4; i++) switches.push(await FakeSwitch.connect(port, { version: 4, dpid: BigInt(i), ports: [1, 2, 3] }))
    const st = await waitFor('4 switches ready', async () => {
      const s = (await queryController(sock(), 'status')) as WorkersStatus
      return s.switches.filter((x) => x.state === 'ready').length === 4 && s
    }, 20_000, 100)
    const split = byWorker(st)
    expect([...split.keys()].sort()).toEqual([1, 2]) // both workers hold switches
    // Switch i: i+1 L2 frames on port 3, and i LACPDUs on member 1 plus one on member 2.
    const sent = new Map<string, { frames: number; m1: number; m2: number }>()
    for (const [k, sw] of switches.entries()) {
      const i = k + 1
      for (let f = 0; f <= i; f++) sw.packetIn(3, Buffer.from(testFrame(`02:00:00:0${i}:00:${(f + 16).toString(16)}`, '02:00:00:00:ff:ff', f), 'hex'))
      for (let f = 0; f < i; f++) sw.packetIn(1, lacpdu(1))
      sw.packetIn(2, lacpdu(2))
      sent.set(dpidHex(i), { frames: i + 1, m1: i, m2: 1 })
    }
    const total = [...sent.values()].reduce((a, s) => a + s.frames + s.m1 + s.m2, 0)
    const s = await waitFor('every packet-in counted in one scrape', async () => {
      const m = await scrape(metrics)
      return promSeries(m, 'ofl_packet_in_total').reduce((a, [, v]) => a + v, 0) === total && m
    }, 20_000, 200)
    for (const [dpid, n] of sent) {
      expect(s.get(`ofl_packet_in_total{dpid="${dpid}"}`)).toBe(n.frames + n.m1 + n.m2)
      expect(s.get(`ofl_lacp_pdus_received_total{dpid="${dpid}",port="1"}`)).toBe(n.m1)
      expect(s.get(`ofl_lacp_pdus_received_total{dpid="${dpid}",port="2"}`)).toBe(n.m2)
      expect(s.get(`ofl_switch_connected{dpid="${dpid}"}`)).toBe(1)
    }
    // Per-worker label: each worker's share, as the control socket reports it.
    expect(s.get('ofl_worker_switches{worker="1"}')).toBe(split.get(1)!.length)
    expect(s.get('ofl_worker_switches{worker="2"}')).toBe(split.get(2)!.length)
    // A member is configured in both workers; the one without the switch reports it down/unselected.
    // The merge keeps the holder's value (a sum would add the other's 1 = unselected to the role).
    const merged = (await queryController(sock(), 'status')) as WorkersStatus
    const ROLE = { unselected: 1, selected: 2, standby: 3 } as const
    for (const b of merged.lacp.bonds) {
      for (const m of b.members) {
        const role = (m as { role?: keyof typeof ROLE }).role
        const state = s.get(`ofl_lacp_port_state{dpid="${b.dpid}",port="${m.port}"}`)
        expect(state).toBeGreaterThan(0) // its switch is connected: not 0 = down
        expect(state).toBeLessThanOrEqual(5)
        if (role) expect(s.get(`ofl_lacp_port_role{dpid="${b.dpid}",port="${m.port}"}`)).toBe(ROLE[role])
      }
    }
    // Without --etcd there is no role and no etcd state.
    expect(promSeries(s, 'ofl_role')).toEqual([])
    expect(promSeries(s, 'ofl_etcd_connected')).toEqual([])
  }, 60_000)

  it('a switch that leaves is no longer connected in the merged metrics; its counts stay', async () => {
    const gone = switches.pop()!
    const dpid = dpidHex(Number(gone.opts.dpid))
    const before = (await scrape(metrics)).get(`ofl_packet_in_total{dpid="${dpid}"}`)
    gone.close()
    const s = await waitFor('switch 4 disconnected', async () => {
      const m = await scrape(metrics)
      return m.get(`ofl_switch_connected{dpid="${dpid}"}`) === 0 && m
    }, 20_000, 200)
    expect(s.get(`ofl_packet_in_total{dpid="${dpid}"}`)).toBe(before)
    expect((s.get('ofl_worker_switches{worker="1"}') ?? 0) + (s.get('ofl_worker_switches{worker="2"}') ?? 0)).toBe(3)
  }, 30_000)
})

const available = etcdAvailable()

describe.skipIf(!available)('ofl controller --workers 2 --etcd ⇄ real etcd', () => {
  let dir: string
  let etcd: EtcdServer
  const ctl: Record<string, { c: ControllerProc; port: number; metrics: string }> = {}
  const conns: Record<string, FakeSwitch[]> = { c1: [], c2: [] }
  const sock = (n: string) => join(dir, `${n}.sock`)
  const status = (n: string) => queryController(sock(n), 'status', 3000) as Promise<WorkersStatus>
  const DPIDS = [1, 2, 3, 4]

  async function start(name: string, workers: number): Promise<void> {
    const s = await ControllerProc.start(['--workers', String(workers), '--bond', '1:1,2', '--metrics', '127.0.0.1:0', '--control-socket', sock(name), '--etcd', etcd.endpoint, '--name', name, '--lease-ttl', '2'])
    ctl[name] = { c: s.c, port: s.port, metrics: s.metrics! }
  }
  async function connectAll(name: string): Promise<void> {
    for (const d of DPIDS) conns[name]!.push(await FakeSwitch.connect(ctl[name]!.port, { version: 4, dpid: BigInt(d), ports: [1, 2, 3] }))
  }
  /** dpid → role of this instance, once every dpid has a known master. */
  async function roles(name: string): Promise<Map<string, { role: string; master: string | null }>> {
    const st = await status(name)
    return new Map((st.ha?.datapaths ?? []).map((d) => [d.dpid, { role: d.role, master: d.master }]))
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ofl-ha-workers-etcd-'))
    etcd = await EtcdServer.start()
    // c1 (2 workers) first: it masters every switch; then c2 (1 worker) as the standby of all.
    await start('c1', 2)
    await connectAll('c1')
    await waitFor('c1 masters all 4 switches', async () => {
      const r = await roles('c1')
      return r.size === 4 && [...r.values()].every((x) => x.role === 'master' && x.master === 'c1')
    }, 30_000, 100)
    await start('c2', 1)
    await connectAll('c2')
    await waitFor('c2 standby for all 4 switches', async () => {
      const r = await roles('c2')
      return r.size === 4 && [...r.values()].every((x) => x.role === 'slave' && x.master === 'c1')
    }, 30_000, 100)
  }, 180_000)

  afterAll(async () => {
    for (const list of Object.values(conns)) for (const s of list) s.close()
    await Promise.all(Object.values(ctl).map((x) => x.c.stop()))
    await etcd?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('one lease per worker, one key per switch connection, every key in the instance\'s name', async () => {
    const st = await status('c1')
    expect(st.ha?.name).toBe('c1')
    expect(st.ha?.etcd).toBe('connected')
    const split = byWorker(st)
    expect([...split.keys()].sort()).toEqual([1, 2])
    // Read keys and leases until they agree (a lease lost and renewed on a loaded host leaves a moment
    // with keys missing or an extra lease).
    const { pairs, listed } = await waitFor('8 keys on the listed leases', async () => {
      const kv = (await etcd.etcdctl('get', '--prefix', 'ofl/mastership/')).trim().split('\n')
      const pairs: Array<[string, string]> = []
      for (let i = 0; i + 1 < kv.length; i += 2) pairs.push([kv[i]!, kv[i + 1]!])
      const listed = (await etcd.etcdctl('lease', 'list')).split('\n').slice(1).map((l) => l.trim()).filter(Boolean)
      const used = new Set(pairs.map(([k]) => k.split('/')[3]!))
      return pairs.length === 8 && listed.length === used.size && listed.every((l) => used.has(l)) && { pairs, listed }
    }, 15_000, 200)
    const leaseOf = new Map<string, Set<string>>() // instance → lease ids
    for (const [key, value] of pairs) {
      const [, , dpid, lease] = key.split('/')
      expect(DPIDS.map(dpidHex)).toContain(dpid)
      leaseOf.set(value, new Set([...(leaseOf.get(value) ?? []), lease!]))
    }
    expect([...leaseOf.keys()].sort()).toEqual(['c1', 'c2'])
    // c1's two workers hold their own leases; c2 has one. etcd lists exactly these three.
    expect(leaseOf.get('c1')!.size).toBe(2)
    expect(leaseOf.get('c2')!.size).toBe(1)
    expect(listed.sort()).toEqual([...leaseOf.get('c1')!, ...leaseOf.get('c2')!].sort())
  })

  it('ofl_role sums to one master per switch across the two instances; `ofl lacp show` names it', async () => {
    const m1 = await scrape(ctl.c1!.metrics)
    const m2 = await scrape(ctl.c2!.metrics)
    for (const d of DPIDS.map(dpidHex)) {
      expect(m1.get(`ofl_role{dpid="${d}"}`)).toBe(1)
      expect(m2.get(`ofl_role{dpid="${d}"}`)).toBe(0)
    }
    expect(m1.get('ofl_etcd_connected{name="c1"}')).toBe(1)
    expect(m2.get('ofl_etcd_connected{name="c2"}')).toBe(1)
    expect(m1.get('ofl_role_changes_total{name="c1"}')).toBe(4) // four promotions, spread over two workers
    const show = runCli(['lacp', 'show', '--socket', sock('c2')])
    expect(show.status).toBe(0)
    expect(show.stdout).toContain('---- instance c2 (etcd connected) ----')
    for (const d of DPIDS.map(dpidHex)) expect(show.stdout).toContain(`SW=${d}: slave; master c1;`)
    const json = runCli(['lacp', 'show', '--socket', sock('c1'), '--json'])
    expect(json.status).toBe(0)
    const doc = JSON.parse(json.stdout) as { ha: { name: string; datapaths: Array<{ dpid: string; role: string; master: string }> } }
    expect(doc.ha.name).toBe('c1')
    expect(doc.ha.datapaths.map((d) => [d.dpid, d.role, d.master]).sort()).toEqual(DPIDS.map((d) => [dpidHex(d), 'master', 'c1']))
  })

  it('SIGKILL of one c1 worker: c2 takes over exactly that worker\'s switches; the other worker keeps its own', async () => {
    const split = byWorker(await status('c1'))
    const victim = 1
    const lost = split.get(victim)!
    const kept = split.get(2)!
    const pid = ctl.c1!.c.workerPids().get(victim)
    expect(pid).toBeGreaterThan(0)
    process.kill(pid!, 'SIGKILL')
    await waitFor('c2 masters the killed worker\'s switches', async () => {
      const r = await roles('c2')
      return lost.every((d) => r.get(d)?.role === 'master') && r
    }, 20_000, 50)
    // c1's /metrics still answers while its worker is down or starting: the surviving worker's switches.
    const m1 = await scrape(ctl.c1!.metrics)
    for (const d of kept) expect(m1.get(`ofl_role{dpid="${d}"}`)).toBe(1)
    const r2 = await roles('c2')
    for (const d of kept) expect(r2.get(d)).toEqual({ role: 'slave', master: 'c1' })
    const r1 = await roles('c1')
    for (const d of kept) expect(r1.get(d)?.role).toBe('master')
    // The primary replaced the worker (same number); the metrics follow the new roles.
    await waitFor('worker 1 replaced', () => ctl.c1!.c.workerPids().get(victim) !== undefined && ctl.c1!.c.workerPids().get(victim) !== pid, 30_000, 100)
    const m2 = await waitFor('c2 metrics show the takeover', async () => {
      const m = await scrape(ctl.c2!.metrics)
      return lost.every((d) => m.get(`ofl_role{dpid="${d}"}`) === 1) && m
    }, 10_000, 100)
    for (const d of kept) expect(m2.get(`ofl_role{dpid="${d}"}`)).toBe(0)
    expect(ctl.c1!.c.out).toMatch(/worker 1 exited \(SIGKILL\); starting another/)
  }, 60_000)
})
