// A private etcd (Debian's etcd-server package) for mastership tests: one member, a temp data dir,
// client and peer URLs on 127.0.0.1 with free ports, and the short raft timings that let etcd grant a
// 1 s lease (etcd's minimum lease TTL is 1.5 × the election timeout: `--election-timeout 500` → 750 ms).
//
// With `netnsPid` the member runs inside that network namespace (the OVS lab's), so controllers
// started there reach it on 127.0.0.1; the health probe then runs `etcdctl` in the namespace too.
// stop() kills exactly the PID started here and removes the data dir.
//
// With `tls` (see makeTestPki) the member serves https only and requires a client certificate signed by
// the test CA (--client-cert-auth); enableAuth() turns on etcd's user authentication.
import { spawn, execFile, execFileSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { mkdtempSync, rmSync, openSync, closeSync, readFileSync, existsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Is the etcd binary here? With OFL_REQUIRE_TOOLS=1 a missing one throws (CI fails, never skips). */
export function etcdAvailable(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v etcd && command -v etcdctl'], { stdio: 'ignore' })
    return true
  } catch {
    if (process.env.OFL_REQUIRE_TOOLS === '1') throw new Error('etcd unavailable: install the etcd-server package')
    return false
  }
}

/** A TCP port that was free on 127.0.0.1 a moment ago (the kernel's choice for port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      const port = typeof a === 'object' && a ? a.port : 0
      s.close(() => resolve(port))
    })
  })
}

/** PEM files of a throwaway CA, an etcd server certificate for 127.0.0.1 and a client certificate. */
export interface TestPki {
  ca: string
  serverCert: string
  serverKey: string
  clientCert: string
  clientKey: string
}

/** Make a CA and two certificates with openssl in `dir` (P-256 keys, valid one day). */
export function makeTestPki(dir: string): TestPki {
  const f = (n: string) => join(dir, n)
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] })
  const key = (out: string) => ssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', f(out))
  key('ca.key')
  ssl('req', '-x509', '-new', '-key', f('ca.key'), '-out', f('ca.pem'), '-days', '1', '-subj', '/CN=ofl test CA')
  for (const [name, ext] of [['server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth'], ['client', 'extendedKeyUsage=clientAuth']] as const) {
    key(`${name}.key`)
    ssl('req', '-new', '-key', f(`${name}.key`), '-out', f(`${name}.csr`), '-subj', `/CN=ofl test ${name}`)
    writeFileSync(f(`${name}.ext`), ext + '\n')
    ssl('x509', '-req', '-in', f(`${name}.csr`), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f(`${name}.pem`), '-days', '1', '-extfile', f(`${name}.ext`))
  }
  return { ca: f('ca.pem'), serverCert: f('server.pem'), serverKey: f('server.key'), clientCert: f('client.pem'), clientKey: f('client.key') }
}

export interface EtcdOptions {
  /** Serve https with these certificates and require client certificates. */
  tls?: TestPki
  /** Run inside this process's network namespace (nsenter --net=/proc/PID/ns/net). */
  netnsPid?: number
  /** Fixed client port (inside a fresh namespace every port is free). */
  clientPort?: number
  peerPort?: number
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export class EtcdServer {
  readonly endpoint: string
  private proc: ChildProcess | undefined
  /** `--user root:PASSWORD` once enableAuth() ran. */
  private user: string | undefined
  private constructor(
    readonly dir: string,
    readonly clientPort: number,
    readonly peerPort: number,
    private readonly opts: EtcdOptions,
  ) {
    this.endpoint = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${clientPort}`
  }

  get pid(): number | undefined {
    return this.proc?.pid
  }

  static async start(opts: EtcdOptions = {}): Promise<EtcdServer> {
    const inNs = opts.netnsPid !== undefined
    const clientPort = opts.clientPort ?? (inNs ? 23790 : await freePort())
    const peerPort = opts.peerPort ?? (inNs ? 23800 : await freePort())
    const e = new EtcdServer(mkdtempSync(join(tmpdir(), 'ofl-etcd.')), clientPort, peerPort, opts)
    try {
      await e.launch()
    } catch (err) {
      await e.stop()
      throw err
    }
    return e
  }

  /** etcd's log so far (stderr and stdout). */
  log(): string {
    const f = join(this.dir, 'etcd.log')
    return existsSync(f) ? readFileSync(f, 'utf8') : ''
  }

  private command(cmd: string, args: string[]): [string, string[]] {
    return this.opts.netnsPid === undefined ? [cmd, args] : ['nsenter', [`--net=/proc/${this.opts.netnsPid}/ns/net`, '--', cmd, ...args]]
  }

  /** Start (or, after kill(), restart with the same data dir and ports) and wait until healthy. */
  async launch(): Promise<void> {
    const peer = `http://127.0.0.1:${this.peerPort}`
    const args = [
      '--name', 'ofl-test', '--data-dir', join(this.dir, 'data'),
      '--listen-client-urls', this.endpoint, '--advertise-client-urls', this.endpoint,
      '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer, '--initial-cluster', `ofl-test=${peer}`,
      '--heartbeat-interval', '50', '--election-timeout', '500', '--log-level', 'warn',
    ]
    const tls = this.opts.tls
    if (tls) args.push('--cert-file', tls.serverCert, '--key-file', tls.serverKey, '--trusted-ca-file', tls.ca, '--client-cert-auth')
    const fd = openSync(join(this.dir, 'etcd.log'), 'a')
    const [cmd, argv] = this.command('etcd', args)
    this.proc = spawn(cmd, argv, { stdio: ['ignore', fd, fd] })
    closeSync(fd)
    const deadline = Date.now() + 20_000
    for (;;) {
      if (await this.healthy()) return
      const p = this.proc
      if (p.exitCode !== null || p.signalCode !== null) throw new Error(`etcd exited (${p.exitCode ?? p.signalCode}):\n${this.log().slice(-2000)}`)
      if (Date.now() > deadline) throw new Error(`etcd not healthy after 20 s:\n${this.log().slice(-2000)}`)
      await sleep(50)
    }
  }

  /** `etcdctl endpoint health` (run in the namespace when there is one). */
  healthy(): Promise<boolean> {
    const [cmd, argv] = this.command('etcdctl', [...this.ctlArgs(), '--dial-timeout=1s', '--command-timeout=1s', 'endpoint', 'health'])
    return new Promise((resolve) => {
      execFile(cmd, argv, { timeout: 5_000, env: { ...process.env, ETCDCTL_API: '3' } }, (err) => resolve(!err))
    })
  }

  /** Run etcdctl against this member and return its stdout. */
  etcdctl(...args: string[]): Promise<string> {
    const [cmd, argv] = this.command('etcdctl', [...this.ctlArgs(), ...args])
    return new Promise((resolve, reject) => {
      execFile(cmd, argv, { timeout: 10_000, env: { ...process.env, ETCDCTL_API: '3' } }, (err, stdout, stderr) => (err ? reject(new Error(`etcdctl ${args.join(' ')}: ${stderr}`)) : resolve(stdout)))
    })
  }

  private ctlArgs(): string[] {
    const tls = this.opts.tls
    return [
      '--endpoints', this.endpoint,
      ...(tls ? ['--cacert', tls.ca, '--cert', tls.clientCert, '--key', tls.clientKey] : []),
      ...(this.user ? ['--user', this.user] : []),
    ]
  }

  /**
   * Turn on etcd's authentication with user `name` allowed to read and write under `prefix` only
   * (a role of its own), and root for this helper's etcdctl calls.
   */
  async enableAuth(name: string, password: string, prefix: string): Promise<void> {
    const rootPassword = `root-${Math.random().toString(36).slice(2)}`
    await this.etcdctl('user', 'add', 'root', `--new-user-password=${rootPassword}`)
    await this.etcdctl('role', 'add', `${name}-role`)
    await this.etcdctl('role', 'grant-permission', `${name}-role`, '--prefix=true', 'readwrite', prefix)
    await this.etcdctl('user', 'add', name, `--new-user-password=${password}`)
    await this.etcdctl('user', 'grant-role', name, `${name}-role`)
    await this.etcdctl('auth', 'enable')
    this.user = `root:${rootPassword}`
  }

  /** Freeze (SIGSTOP) or thaw (SIGCONT) the member: an unreachable etcd that keeps its TCP port. */
  pause(): void {
    if (this.proc?.pid) process.kill(this.proc.pid, 'SIGSTOP')
  }
  resume(): void {
    if (this.proc?.pid) process.kill(this.proc.pid, 'SIGCONT')
  }

  /** SIGKILL exactly the member started here and wait for it to exit (data dir kept for launch()). */
  async kill(): Promise<void> {
    const p = this.proc
    if (!p?.pid || p.exitCode !== null || p.signalCode !== null) return
    try {
      process.kill(p.pid, 'SIGCONT')
      process.kill(p.pid, 'SIGKILL')
    } catch {
      /* already gone */
    }
    const deadline = Date.now() + 5_000
    while (p.exitCode === null && p.signalCode === null && Date.now() < deadline) await sleep(20)
  }

  async stop(): Promise<void> {
    await this.kill()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
