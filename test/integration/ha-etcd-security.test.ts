// etcd with TLS and with user authentication, for `ofl controller --etcd`: a REAL etcd (Debian
// etcd-server) on 127.0.0.1, once with `auth enable` and a user allowed only under ofl/mastership/,
// once serving https only with client-certificate authentication (certificates made by openssl in
// the test). The right credentials win the election, through the library and through the CLI
// flags; wrong or missing ones never get a lease. The password never appears on the command line.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BIN } from '../helpers/cli.js'
import { FakeSwitch } from '../helpers/fake-switch.js'
import { waitFor } from '../helpers/ovs.js'
import { EtcdServer, etcdAvailable, makeTestPki, type TestPki } from '../helpers/etcd.js'
import { Mastership, etcdSecurityFromFiles, type EtcdSecurity } from '../../src/controller/ha/mastership.js'
import { queryController } from '../../src/controller/server.js'

const HTTPS = ['https://127.0.0.1:2379']

describe('etcdSecurityFromFiles (--etcd-ca/--etcd-cert/--etcd-key/--etcd-user/--etcd-password-file)', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ofl-etcd-sec-'))
    for (const n of ['ca.pem', 'c.pem', 'c.key']) writeFileSync(join(dir, n), `-----BEGIN ${n}-----\n`)
    writeFileSync(join(dir, 'pw'), 's3cret\n')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const p = (n: string) => join(dir, n)

  it('reads the PEM files and the password file (one line, newline dropped); nothing given → undefined', () => {
    const s = etcdSecurityFromFiles({ ca: p('ca.pem'), cert: p('c.pem'), key: p('c.key'), user: 'ofl', passwordFile: p('pw') }, HTTPS, {})
    expect(s?.ca?.toString()).toBe('-----BEGIN ca.pem-----\n')
    expect(s?.cert?.toString()).toBe('-----BEGIN c.pem-----\n')
    expect(s?.key?.toString()).toBe('-----BEGIN c.key-----\n')
    expect([s?.username, s?.password]).toEqual(['ofl', 's3cret'])
    expect(etcdSecurityFromFiles({}, ['http://127.0.0.1:2379'], {})).toBeUndefined()
  })
  it('takes the password from OFL_ETCD_PASSWORD when there is no file', () => {
    expect(etcdSecurityFromFiles({ user: 'ofl' }, ['http://127.0.0.1:2379'], { OFL_ETCD_PASSWORD: 'from-env' })).toEqual({ username: 'ofl', password: 'from-env' })
  })
  it('refuses half a client certificate, TLS over http://, a user without a password, a password file without a user', () => {
    expect(() => etcdSecurityFromFiles({ cert: p('c.pem') }, HTTPS, {})).toThrow(expect.objectContaining({ code: 'BAD_ETCD_TLS' }))
    expect(() => etcdSecurityFromFiles({ key: p('c.key') }, HTTPS, {})).toThrow(expect.objectContaining({ code: 'BAD_ETCD_TLS' }))
    expect(() => etcdSecurityFromFiles({ ca: p('ca.pem') }, ['https://a:2379', 'http://b:2379'], {})).toThrow(expect.objectContaining({ code: 'BAD_ETCD_TLS' }))
    expect(() => etcdSecurityFromFiles({ user: 'ofl' }, HTTPS, {})).toThrow(expect.objectContaining({ code: 'ETCD_PASSWORD_MISSING' }))
    expect(() => etcdSecurityFromFiles({ passwordFile: p('pw') }, HTTPS, {})).toThrow(expect.objectContaining({ code: 'BAD_ETCD_AUTH' }))
    expect(() => etcdSecurityFromFiles({ ca: p('missing.pem') }, HTTPS, {})).toThrow(expect.objectContaining({ code: 'ENOENT' }))
  })
})

const available = etcdAvailable()

/** One candidate for dpid 1; resolves with it, its log lines and a promise of its first role change. */
async function candidate(endpoint: string, name: string, prefix: string, security: EtcdSecurity | undefined, live: Mastership[]) {
  const logs: string[] = []
  const m = new Mastership({ endpoints: [endpoint], name, prefix, ttlSeconds: 1, security, log: (l) => logs.push(l) })
  live.push(m)
  await m.start()
  m.join(1n)
  return { m, logs }
}

/** `ofl controller --etcd …` with one fake switch (dpid 1); resolves once it masters it. */
async function controllerMasters(dir: string, args: string[], env: Record<string, string> = {}): Promise<{ p: ChildProcess; cmdline: string }> {
  const sock = join(dir, `c-${Math.random().toString(36).slice(2)}.sock`)
  const p = spawn(process.execPath, [BIN, 'controller', '--port', '0', '--bond', '1:1,2', '--control-socket', sock, '--name', 'c1', '--lease-ttl', '1', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } })
  let out = ''
  p.stdout.on('data', (d) => (out += d))
  p.stderr.on('data', (d) => (out += d))
  const exited = new Promise<void>((r) => p.once('exit', () => r()))
  let sw: FakeSwitch | undefined
  try {
    const port = Number((await waitFor('listening line', () => /listening on 127\.0\.0\.1:(\d+)/.exec(out), 60_000))[1])
    const cmdline = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').replace(/\0/g, ' ')
    sw = await FakeSwitch.connect(port, { version: 4, dpid: 1n, ports: [1, 2, 3] })
    await waitFor(`c1 masters dpid 1 (log: ${out.slice(-400)})`, async () => {
      const st = await queryController(sock, 'status', 2000).catch(() => undefined)
      return st?.ha?.etcd === 'connected' && st.ha.datapaths.some((d) => d.dpid === '0000000000000001' && d.role === 'master' && d.master === 'c1')
    }, 20_000, 100)
    return { p, cmdline }
  } finally {
    sw?.close()
    p.kill('SIGTERM')
    const t = setTimeout(() => p.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(t)
  }
}

describe.skipIf(!available)('etcd with user authentication (auth enable)', () => {
  let etcd: EtcdServer
  let dir: string
  const live: Mastership[] = []
  const PASSWORD = `ofl-${Math.random().toString(36).slice(2)}`

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ofl-etcd-auth-'))
    etcd = await EtcdServer.start()
    await etcd.enableAuth('ofl', PASSWORD, 'ofl/')
  }, 60_000)
  afterEach(async () => {
    await Promise.all(live.splice(0).map((m) => m.close()))
  })
  afterAll(async () => {
    await etcd?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('the right user and password win the election; a wrong password gets no lease, no user cannot campaign', async () => {
    const bad = await candidate(etcd.endpoint, 'intruder', 'ofl/auth-a', { username: 'ofl', password: 'wrong' }, live)
    const anon = await candidate(etcd.endpoint, 'anonymous', 'ofl/auth-a', undefined, live)
    const good = await candidate(etcd.endpoint, 'c1', 'ofl/auth-a', { username: 'ofl', password: PASSWORD }, live)
    await waitFor('c1 master of dpid 1', () => good.m.get(1n)?.role === 'master', 10_000)
    expect(good.m.get(1n)?.master).toBe('c1')
    await waitFor('the wrong password is refused', () => bad.logs.some((l) => /\[HA\]\[WARN\] etcd lease .*authentication failed/.test(l)), 10_000)
    expect(bad.m.etcdState).not.toBe('connected')
    // etcd 3.4 grants a lease to anyone, but refuses the anonymous campaign key.
    await waitFor('no credentials: the campaign is refused', () => anon.logs.some((l) => /\[HA\]\[WARN\] campaign for 0000000000000001 failed: .*user name is empty/.test(l)), 10_000)
    for (const x of [bad, anon]) expect(x.m.get(1n)?.role).toBe('slave')
    // Only c1's key exists, written as user ofl under its prefix.
    expect((await etcd.etcdctl('get', '--prefix', 'ofl/auth-a/', '--print-value-only')).trim()).toBe('c1')
  }, 30_000)

  it('ofl controller --etcd-user ofl --etcd-password-file F masters the switch; the password is not on its command line', async () => {
    const pw = join(dir, 'pw')
    writeFileSync(pw, PASSWORD + '\n', { mode: 0o600 })
    const r = await controllerMasters(dir, ['--etcd', etcd.endpoint, '--etcd-user', 'ofl', '--etcd-password-file', pw])
    expect(r.cmdline).toContain('--etcd-user ofl')
    expect(r.cmdline).not.toContain(PASSWORD)
    // The same through the environment.
    await controllerMasters(dir, ['--etcd', etcd.endpoint, '--etcd-user', 'ofl'], { OFL_ETCD_PASSWORD: PASSWORD })
  }, 90_000)
})

describe.skipIf(!available)('etcd over TLS with client certificates (--client-cert-auth)', () => {
  let etcd: EtcdServer
  let dir: string
  let pki: TestPki
  const live: Mastership[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ofl-etcd-tls-'))
    pki = makeTestPki(dir)
    etcd = await EtcdServer.start({ tls: pki })
    expect(etcd.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
  }, 60_000)
  afterEach(async () => {
    await Promise.all(live.splice(0).map((m) => m.close()))
  })
  afterAll(async () => {
    await etcd?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('CA + client certificate win the election; the CA alone (no client certificate) never gets a lease', async () => {
    const ca = readFileSync(pki.ca)
    const noCert = await candidate(etcd.endpoint, 'no-cert', 'ofl/tls-a', { ca }, live)
    const good = await candidate(etcd.endpoint, 'c1', 'ofl/tls-a', { ca, cert: readFileSync(pki.clientCert), key: readFileSync(pki.clientKey) }, live)
    await waitFor('c1 master of dpid 1 over TLS', () => good.m.get(1n)?.role === 'master', 10_000)
    await waitFor(`no client certificate: refused`, () => noCert.logs.some((l) => /\[HA\]\[WARN\] etcd lease/.test(l)), 10_000)
    expect(noCert.m.etcdState).not.toBe('connected')
    expect((await etcd.etcdctl('get', '--prefix', 'ofl/tls-a/', '--print-value-only')).trim()).toBe('c1')
  }, 30_000)

  it('ofl controller --etcd https://… --etcd-ca --etcd-cert --etcd-key masters the switch', async () => {
    await controllerMasters(dir, ['--etcd', etcd.endpoint, '--etcd-ca', pki.ca, '--etcd-cert', pki.clientCert, '--etcd-key', pki.clientKey])
  }, 60_000)
})
