// Per-datapath mastership against a REAL etcd (Debian etcd-server, one member on 127.0.0.1 with
// --heartbeat-interval 50 --election-timeout 500 so a 1 s lease is granted): one master per datapath,
// failover when the master dies (its lease expires), generation ids that only grow, step-down when
// etcd is unreachable, and campaigning again when it is back. Takeover times print as `[ha-timing]`.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest'
import { Mastership, parseEtcdEndpoints, type DatapathMastership } from '../../src/controller/ha/mastership.js'
import { EtcdServer, etcdAvailable } from '../helpers/etcd.js'
import { waitFor } from '../helpers/ovs.js'
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const CHILD = fileURLToPath(new URL('../helpers/mastership-child.mjs', import.meta.url))

const available = etcdAvailable()

describe('parseEtcdEndpoints', () => {
  it('accepts a comma-separated list of http(s) URLs', () => {
    expect(parseEtcdEndpoints('http://127.0.0.1:2379, https://etcd-b:2379')).toEqual(['http://127.0.0.1:2379', 'https://etcd-b:2379'])
  })
  it('rejects an empty list, a non-URL and another scheme with BAD_ETCD_ENDPOINT', () => {
    for (const bad of ['', ' , ', '127.0.0.1:2379x y', 'unix:///run/etcd.sock']) {
      expect(() => parseEtcdEndpoints(bad)).toThrow(expect.objectContaining({ code: 'BAD_ETCD_ENDPOINT' }))
    }
  })
  it('rejects a fractional or zero TTL and a missing name', () => {
    expect(() => new Mastership({ endpoints: ['http://127.0.0.1:1'], name: 'a', ttlSeconds: 0.5 })).toThrow(expect.objectContaining({ code: 'BAD_LEASE_TTL' }))
    expect(() => new Mastership({ endpoints: ['http://127.0.0.1:1'], name: '' })).toThrow(expect.objectContaining({ code: 'BAD_INSTANCE_NAME' }))
  })
})

describe.skipIf(!available)('Mastership ⇄ real etcd', () => {
  let etcd: EtcdServer
  const live: Mastership[] = []
  let prefixSeq = 0
  let prefix = ''

  beforeAll(async () => {
    etcd = await EtcdServer.start()
  })
  afterAll(async () => {
    await etcd?.stop()
  })
  afterEach(async () => {
    etcd.resume()
    for (const p of children.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL')
    await Promise.all(live.splice(0).map((m) => m.close()))
  })

  /** A candidate; every test uses its own key prefix so leftovers cannot interfere. */
  async function candidate(name: string, ttlSeconds = 1): Promise<{ m: Mastership; logs: string[]; changes: DatapathMastership[] }> {
    const logs: string[] = []
    const changes: DatapathMastership[] = []
    const m = new Mastership({ endpoints: [etcd.endpoint], name, ttlSeconds, prefix, log: (l) => logs.push(l) })
    m.on('change', (c) => changes.push(c))
    live.push(m)
    await m.start()
    return { m, logs, changes }
  }
  interface Change { role: string; master: string | null; generationId: string | null; t: number }
  const children: ChildProcess[] = []
  /** A candidate in its own process (test/helpers/mastership-child.mjs), killed by PID at the end. */
  function child(name: string, dpid: bigint): { name: string; proc: ChildProcess; last(): Change | undefined } {
    const proc = spawn(process.execPath, [CHILD, etcd.endpoint, name, prefix, '1', String(dpid)], { stdio: ['ignore', 'pipe', 'ignore'] })
    children.push(proc)
    const changes: Change[] = []
    let buf = ''
    proc.stdout.setEncoding('utf8').on('data', (d: string) => {
      buf += d
      let i
      while ((i = buf.indexOf('\n')) >= 0) {
        changes.push(JSON.parse(buf.slice(0, i)) as Change)
        buf = buf.slice(i + 1)
      }
    })
    return { name, proc, last: () => changes[changes.length - 1] }
  }
  const newPrefix = () => (prefix = `test/ha-${process.pid}-${++prefixSeq}`)

  it('elects exactly one master per datapath; the generation id is the winner key’s create revision', async () => {
    newPrefix()
    const a = await candidate('c1')
    const b = await candidate('c2')
    a.m.join(1n)
    await waitFor('c1 master of dpid 1', () => a.m.role(1n) === 'master', 10_000)
    b.m.join(1n)
    b.m.join(2n)
    await waitFor('c2 knows c1 masters dpid 1', () => b.m.get(1n)?.master === 'c1', 10_000)
    await waitFor('c2 master of dpid 2 (alone there)', () => b.m.role(2n) === 'master', 10_000)
    expect(b.m.role(1n)).toBe('slave')
    expect(b.m.get(1n)?.generationId).toBe(a.m.get(1n)?.generationId)
    // Independent check with etcdctl: the oldest key under the datapath's prefix holds "c1", and its
    // create revision is the generation id both instances report.
    const out = await etcd.etcdctl('get', '--prefix', `${prefix}/0000000000000001/`, '--sort-by=CREATE', '--order=ASCEND', '-w', 'json')
    const kvs = (JSON.parse(out) as { kvs: { key: string; value: string; create_revision: number }[] }).kvs
    expect(kvs).toHaveLength(2)
    expect(Buffer.from(kvs[0]!.value, 'base64').toString()).toBe('c1')
    expect(BigInt(kvs[0]!.create_revision)).toBe(a.m.get(1n)?.generationId)
  })

  it('SIGKILL of the master process (lease left to expire): the standby wins within ~lease time, generation grows', async () => {
    newPrefix()
    const gens: bigint[] = []
    const first = child('c1', 9n)
    await waitFor('c1 master', () => first.last()?.role === 'master', 10_000)
    gens.push(BigInt(first.last()!.generationId!))
    let master = first
    let standby = child('c2', 9n)
    await waitFor('c2 standby, sees c1', () => standby.last()?.master === 'c1', 10_000)
    expect(standby.last()?.role).toBe('slave')
    for (let round = 0; round < 3; round++) {
      const t0 = Date.now()
      master.proc.kill('SIGKILL')
      await waitFor(`${standby.name} takes over`, () => standby.last()?.role === 'master', 10_000, 10)
      const took = standby.last()!.t - t0
      console.log(`[ha-timing] etcd takeover after SIGKILL (ttl 1 s, round ${round + 1}): ${took} ms`)
      gens.push(BigInt(standby.last()!.generationId!))
      const revived = child(master.name, 9n)
      await waitFor('restarted instance is a standby', () => revived.last()?.master === standby.name, 10_000)
      expect(revived.last()?.role).toBe('slave')
      ;[master, standby] = [standby, revived]
    }
    for (let i = 1; i < gens.length; i++) expect(gens[i]! > gens[i - 1]!).toBe(true)
  })

  it('a graceful close revokes the lease: the standby takes over at once', async () => {
    newPrefix()
    const a = await candidate('c1', 5)
    const b = await candidate('c2', 5)
    a.m.join(3n)
    await waitFor('c1 master', () => a.m.role(3n) === 'master', 10_000)
    b.m.join(3n)
    await waitFor('c2 sees c1', () => b.m.get(3n)?.master === 'c1', 10_000)
    const g1 = b.m.get(3n)!.generationId!
    await a.m.close()
    // Well inside the 5 s TTL: only a revoke explains it.
    await waitFor('c2 master before the lease could expire', () => b.m.role(3n) === 'master', 3_000, 10)
    expect(b.m.get(3n)!.generationId! > g1).toBe(true)
    expect(a.m.role(3n)).toBe('slave')
  })

  it('leave() hands the datapath over (switch disconnected from the master)', async () => {
    newPrefix()
    const a = await candidate('c1', 5)
    const b = await candidate('c2', 5)
    a.m.join(4n)
    await waitFor('c1 master', () => a.m.role(4n) === 'master', 10_000)
    b.m.join(4n)
    await waitFor('c2 sees c1', () => b.m.get(4n)?.master === 'c1', 10_000)
    await a.m.leave(4n)
    await waitFor('c2 master', () => b.m.role(4n) === 'master', 3_000, 10)
    expect(a.m.role(4n)).toBeUndefined()
  })

  it('etcd unreachable: the master keeps its role for the lease time, then steps down (logged, state unreachable); back: master again', async () => {
    newPrefix()
    const a = await candidate('c1', 2)
    a.m.join(5n)
    await waitFor('c1 master', () => a.m.role(5n) === 'master', 10_000)
    const states: string[] = []
    a.m.on('etcd', (s) => states.push(s))
    const t0 = performance.now()
    etcd.pause()
    await sleep(500)
    expect(a.m.role(5n)).toBe('master') // still inside the lease time
    await waitFor('c1 steps down', () => a.m.role(5n) === 'slave', 10_000, 10)
    const held = performance.now() - t0
    console.log(`[ha-timing] master held its role ${held.toFixed(0)} ms after etcd froze (ttl 2 s)`)
    expect(a.m.etcdState).toBe('unreachable')
    expect(states).toContain('unreachable')
    expect(a.logs.join('\n')).toMatch(/etcd unreachable for the lease time \(2 s\); stepping down to slave/)
    etcd.resume()
    await waitFor('c1 master again after etcd is back', () => a.m.role(5n) === 'master', 20_000, 20)
    expect(a.m.etcdState).toBe('connected')
  })
})

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
