// A private etcd (Debian's etcd-server package) for mastership tests: one member, a temp data dir,
// client and peer URLs on 127.0.0.1 with free ports, and the short raft timings that let etcd grant a
// 1 s lease (etcd's minimum lease TTL is 1.5 × the election timeout: `--election-timeout 500` → 750 ms).
//
// With `netnsPid` the member runs inside that network namespace (the OVS lab's), so controllers
// started there reach it on 127.0.0.1; the health probe then runs `etcdctl` in the namespace too.
// stop() kills exactly the PID started here and removes the data dir.
import { spawn, execFile, execFileSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { mkdtempSync, rmSync, openSync, closeSync, readFileSync, existsSync } from 'node:fs'
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

export interface EtcdOptions {
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
  private constructor(
    readonly dir: string,
    readonly clientPort: number,
    readonly peerPort: number,
    private readonly opts: EtcdOptions,
  ) {
    this.endpoint = `http://127.0.0.1:${clientPort}`
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
    const [cmd, argv] = this.command('etcdctl', ['--endpoints', this.endpoint, '--dial-timeout=1s', '--command-timeout=1s', 'endpoint', 'health'])
    return new Promise((resolve) => {
      execFile(cmd, argv, { timeout: 5_000, env: { ...process.env, ETCDCTL_API: '3' } }, (err) => resolve(!err))
    })
  }

  /** Run etcdctl against this member and return its stdout. */
  etcdctl(...args: string[]): Promise<string> {
    const [cmd, argv] = this.command('etcdctl', ['--endpoints', this.endpoint, ...args])
    return new Promise((resolve, reject) => {
      execFile(cmd, argv, { timeout: 10_000, env: { ...process.env, ETCDCTL_API: '3' } }, (err, stdout, stderr) => (err ? reject(new Error(`etcdctl ${args.join(' ')}: ${stderr}`)) : resolve(stdout)))
    })
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
