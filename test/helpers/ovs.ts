// A private Open vSwitch lab for interop tests (ovs-vsctl/ovs-appctl in a private network namespace).
//
// Layout: one `unshare --net` bash (the "holder") owns a fresh network namespace with only `lo` up.
// Every other process (ovsdb-server, ovs-vswitchd, the controller under test) is started with
// `nsenter --net=/proc/<holder>/ns/net`, so the OpenFlow TCP connection and the tap devices of the
// userspace datapath stay inside the namespace, while the test process talks to the daemons over
// the Unix sockets in the temp dir (pathname sockets are not bound to a network namespace).
//
// Teardown: `ovs-appctl exit --cleanup`, then SIGTERM/SIGKILL by PID for everything started here,
// then the holder's stdin is closed (it exits, and with it the namespace), then the temp dir goes.
// If the test process dies abruptly, the holder sees EOF on stdin and kills the daemons by pidfile.
import { spawn, execFile, execFileSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, readFileSync, existsSync, openSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const OVS_TOOLS = ['ovsdb-tool', 'ovsdb-server', 'ovs-vswitchd', 'ovs-vsctl', 'ovs-ofctl', 'ovs-appctl', 'unshare', 'nsenter', 'ip']
export const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

/** Can this machine run the lab? With OFL_REQUIRE_TOOLS=1 a missing piece throws (CI fails, never skips). */
export function ovsAvailable(): boolean {
  const missing: string[] = []
  for (const t of OVS_TOOLS) {
    try {
      execFileSync('sh', ['-c', `command -v ${t}`], { stdio: 'ignore' })
    } catch {
      missing.push(t)
    }
  }
  let nsOk = missing.length === 0
  if (nsOk) {
    try {
      execFileSync('unshare', ['--net', 'true'], { stdio: 'ignore', timeout: 10_000 })
    } catch {
      nsOk = false
      missing.push('unshare --net (needs CAP_SYS_ADMIN)')
    }
  }
  if (!nsOk && process.env.OFL_REQUIRE_TOOLS === '1') throw new Error(`Open vSwitch lab unavailable: ${missing.join(', ')}`)
  return nsOk
}

export type OfVersionName = '1.0' | '1.2' | '1.3'
export const OVS_PROTOCOL: Record<OfVersionName, string> = { '1.0': 'OpenFlow10', '1.2': 'OpenFlow12', '1.3': 'OpenFlow13' }

/** Fixed addresses of the topology. */
export const S1_MAC = '02:00:00:00:01:00'
export const H1_MAC = '02:00:00:00:11:00'
export const H2_MAC = '02:00:00:00:12:00'
export const H3_MAC = '02:00:00:00:13:00'

export interface LacpMember {
  name: string
  status: string // current | expired | defaulted
  attached: boolean
  portId: number
  mayEnable: boolean
  actorState: string[]
  partnerSysId: string
  partnerSysPriority: number
  partnerPortId: number
  partnerPortPriority: number
  partnerKey: number
  partnerState: string[]
}
export interface LacpShow {
  status: string // e.g. "active negotiated"
  sysId: string
  lacpTime: string
  members: LacpMember[]
}

/** Parse `ovs-appctl lacp/show bond0` (OVS 3.1 format, Open vSwitch lib/lacp.c lacp_print_details). */
export function parseLacpShow(text: string): LacpShow {
  const out: LacpShow = { status: '', sysId: '', lacpTime: '', members: [] }
  let m: LacpMember | undefined
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    let g: RegExpMatchArray | null
    if ((g = line.match(/^member: (\S+): (\S+) (attached|detached)/))) {
      m = { name: g[1]!, status: g[2]!, attached: g[3] === 'attached', portId: 0, mayEnable: false, actorState: [], partnerSysId: '', partnerSysPriority: 0, partnerPortId: 0, partnerPortPriority: 0, partnerKey: 0, partnerState: [] }
      out.members.push(m)
      continue
    }
    if (!m) {
      if ((g = line.match(/^status: (.*)$/))) out.status = g[1]!
      else if ((g = line.match(/^sys_id: (\S+)/))) out.sysId = g[1]!
      else if ((g = line.match(/^lacp_time: (\S+)/))) out.lacpTime = g[1]!
      continue
    }
    if ((g = line.match(/^port_id: (\d+)/))) m.portId = Number(g[1])
    else if ((g = line.match(/^may_enable: (\S+)/))) m.mayEnable = g[1] === 'true'
    else if ((g = line.match(/^actor state: ?(.*)$/))) m.actorState = g[1]!.split(/\s+/).filter(Boolean)
    else if ((g = line.match(/^partner sys_id: (\S+)/))) m.partnerSysId = g[1]!
    else if ((g = line.match(/^partner sys_priority: (\d+)/))) m.partnerSysPriority = Number(g[1])
    else if ((g = line.match(/^partner port_id: (\d+)/))) m.partnerPortId = Number(g[1])
    else if ((g = line.match(/^partner port_priority: (\d+)/))) m.partnerPortPriority = Number(g[1])
    else if ((g = line.match(/^partner key: (\d+)/))) m.partnerKey = Number(g[1])
    else if ((g = line.match(/^partner state: ?(.*)$/))) m.partnerState = g[1]!.split(/\s+/).filter(Boolean)
  }
  return out
}

/** `ovs-appctl bond/show bond0` → lacp_status and member enabled/disabled, active member. */
export function parseBondShow(text: string): { lacpStatus: string; members: Record<string, 'enabled' | 'disabled'>; active: string | undefined } {
  const members: Record<string, 'enabled' | 'disabled'> = {}
  let active: string | undefined
  let lacpStatus = ''
  let current: string | undefined
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    let g: RegExpMatchArray | null
    if ((g = line.match(/^lacp_status: (\S+)/))) lacpStatus = g[1]!
    else if ((g = line.match(/^(?:member|slave) (\S+): (enabled|disabled)/))) {
      current = g[1]!
      members[current] = g[2] as 'enabled' | 'disabled'
    } else if (line === 'active member' || line === 'active slave') active = current
    else if ((g = line.match(/^active-backup primary: (\S+)/))) void g
  }
  return { lacpStatus, members, active }
}

export interface FlowLine {
  raw: string
  idleTimeout?: number
  sendFlowRem: boolean
  priority: number
  match: string
  actions: string
  nPackets: number
}

/** Parse `ovs-ofctl dump-flows` output lines. */
export function parseFlows(text: string): FlowLine[] {
  const flows: FlowLine[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line.includes('actions=')) continue
    const idle = line.match(/idle_timeout=(\d+)/)
    const prio = line.match(/priority=(\d+)/)
    const pk = line.match(/n_packets=(\d+)/)
    const actions = line.slice(line.indexOf('actions=') + 8)
    // the match is the space-separated token right before "actions="
    const before = line.slice(0, line.indexOf('actions=')).trim().split(/\s+/)
    const match = before[before.length - 1] ?? ''
    flows.push({
      raw: line,
      idleTimeout: idle ? Number(idle[1]) : undefined,
      sendFlowRem: /\bsend_flow_rem\b/.test(line),
      priority: prio ? Number(prio[1]) : 32768,
      match,
      actions,
      nPackets: pk ? Number(pk[1]) : 0,
    })
  }
  return flows
}

/** Wait until `fn` returns a truthy value, polling every `intervalMs`, at most `timeoutMs`. */
export async function waitFor<T>(what: string, fn: () => Promise<T> | T, timeoutMs: number, intervalMs = 50): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const v = await fn()
      if (v) return v as Exclude<T, false | null | undefined | 0 | ''>
      last = v
    } catch (e) {
      last = e
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : String(last)})`)
    await sleep(intervalMs)
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

const HOLDER = `
ip link set lo up || exit 3
echo READY
read -r _ || true
# stdin closed: the test process is gone or finished. Kill what is left, by pidfile.
for f in "$OFL_LAB_DIR"/*.pid; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null; done
exit 0
`

export interface ControllerProcess {
  proc: ChildProcess
  logFile: string
  port: number
  /** The controller's stdout+stderr so far. */
  log(): string
}

export class OvsLab {
  readonly dir: string
  private holder: ChildProcess | undefined
  private procs: ChildProcess[] = []
  private stopped = false

  private constructor(dir: string) {
    this.dir = dir
  }

  get env(): NodeJS.ProcessEnv {
    const d = this.dir
    return { ...process.env, OVS_RUNDIR: d, OVS_LOGDIR: d, OVS_DBDIR: d, OVS_SYSCONFDIR: d, OFL_LAB_DIR: d }
  }

  get nsPid(): number {
    return this.holder!.pid!
  }

  /** Start the namespace holder, ovsdb-server and ovs-vswitchd. */
  static async start(): Promise<OvsLab> {
    const lab = new OvsLab(mkdtempSync(join(tmpdir(), 'ofl-ovs.')))
    try {
      await lab.boot()
    } catch (e) {
      await lab.stop()
      throw e
    }
    return lab
  }

  private async boot(): Promise<void> {
    const d = this.dir
    const holder = spawn('unshare', ['--net', 'bash', '-c', HOLDER], { env: this.env, stdio: ['pipe', 'pipe', 'pipe'] })
    this.holder = holder
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('namespace holder did not start')), 10_000)
      holder.stdout.once('data', () => {
        clearTimeout(t)
        resolve()
      })
      holder.once('exit', (code) => {
        clearTimeout(t)
        reject(new Error(`namespace holder exited with ${code}`))
      })
    })
    execFileSync('ovsdb-tool', ['create', join(d, 'conf.db')], { env: this.env, timeout: 10_000 })
    this.spawnInNs('ovsdb-server', [join(d, 'conf.db'), `--remote=punix:${join(d, 'db.sock')}`, `--unixctl=${join(d, 'ovsdb-server.ctl')}`, `--pidfile=${join(d, 'ovsdb-server.pid')}`, `--log-file=${join(d, 'ovsdb-server.log')}`, '--no-chdir'])
    await waitFor('ovsdb-server socket', () => existsSync(join(d, 'db.sock')), 10_000, 20)
    await this.vsctl('--no-wait', 'init')
    this.spawnInNs('ovs-vswitchd', [`unix:${join(d, 'db.sock')}`, `--unixctl=${join(d, 'ovs-vswitchd.ctl')}`, `--pidfile=${join(d, 'ovs-vswitchd.pid')}`, `--log-file=${join(d, 'ovs-vswitchd.log')}`, '--no-chdir', '--disable-system'])
    await waitFor('ovs-vswitchd control socket', () => existsSync(join(d, 'ovs-vswitchd.ctl')), 10_000, 20)
  }

  /** Start a process inside the lab's network namespace; it is killed (by PID) on stop(). */
  spawnInNs(cmd: string, args: string[], opts: { stdoutFile?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
    let fd: number | undefined
    if (opts.stdoutFile) fd = openSync(opts.stdoutFile, 'a')
    const p = spawn('nsenter', [`--net=/proc/${this.nsPid}/ns/net`, '--', cmd, ...args], {
      env: opts.env ?? this.env,
      stdio: ['ignore', fd ?? 'ignore', fd ?? 'ignore'],
    })
    if (fd !== undefined) closeSync(fd)
    this.procs.push(p)
    return p
  }

  private run(cmd: string, args: string[], timeout = 15_000): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(cmd, args, { env: this.env, timeout, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message} ${stderr}`))
        else resolve(stdout)
      })
    })
  }

  vsctl(...args: string[]): Promise<string> {
    return this.run('ovs-vsctl', [`--db=unix:${join(this.dir, 'db.sock')}`, '--timeout=10', ...args])
  }
  ofctl(...args: string[]): Promise<string> {
    return this.run('ovs-ofctl', args)
  }
  appctl(...args: string[]): Promise<string> {
    return this.run('ovs-appctl', ['-t', join(this.dir, 'ovs-vswitchd.ctl'), ...args])
  }

  vswitchdLog(): string {
    const f = join(this.dir, 'ovs-vswitchd.log')
    return existsSync(f) ? readFileSync(f, 'utf8') : ''
  }

  /** Start `ofl controller` (the built binary) inside the namespace. */
  startController(args: string[], port: number): ControllerProcess {
    const logFile = join(this.dir, `controller-${port}.log`)
    const proc = this.spawnInNs(process.execPath, [BIN, 'controller', '--host', '127.0.0.1', '--port', String(port), ...args], { stdoutFile: logFile, env: { ...process.env, NO_COLOR: '1' } })
    return { proc, logFile, port, log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '') }
  }

  /**
   * Switch s1 (dpid 1, secure, out-of-band controller on 127.0.0.1:port) with ports 1..4 patched
   * to h1-eth1, h1-eth2, h2-eth1, h3-eth1, and the host bridges h2, h3 (h1 exists but has no bond yet).
   */
  async createTopology(version: OfVersionName, controllerPort: number): Promise<void> {
    const nd = ['datapath_type=netdev']
    const patch = (name: string, peer: string, ofport?: number) => ['--', 'set', 'interface', name, 'type=patch', `options:peer=${peer}`, ...(ofport ? [`ofport_request=${ofport}`] : [])]
    await this.vsctl(
      '--', 'add-br', 's1', '--', 'set', 'bridge', 's1', ...nd, 'fail_mode=secure', `protocols=${OVS_PROTOCOL[version]}`,
      'other-config:datapath-id=0000000000000001', `other-config:hwaddr=${S1_MAC}`, 'other-config:disable-in-band=true',
      '--', 'add-port', 's1', 's1-eth1', ...patch('s1-eth1', 'h1-eth1', 1),
      '--', 'add-port', 's1', 's1-eth2', ...patch('s1-eth2', 'h1-eth2', 2),
      '--', 'add-port', 's1', 's1-eth3', ...patch('s1-eth3', 'h2-eth1', 3),
      '--', 'add-port', 's1', 's1-eth4', ...patch('s1-eth4', 'h3-eth1', 4),
      '--', 'add-br', 'h2', '--', 'set', 'bridge', 'h2', ...nd, `other-config:hwaddr=${H2_MAC}`,
      '--', 'add-port', 'h2', 'h2-eth1', ...patch('h2-eth1', 's1-eth3', 1),
      '--', 'add-br', 'h3', '--', 'set', 'bridge', 'h3', ...nd, `other-config:hwaddr=${H3_MAC}`,
      '--', 'add-port', 'h3', 'h3-eth1', ...patch('h3-eth1', 's1-eth4', 1),
      '--', 'set-controller', 's1', `tcp:127.0.0.1:${controllerPort}`,
      '--', 'set', 'controller', 's1', 'connection-mode=out-of-band', 'max_backoff=1000',
    )
  }

  /**
   * `ovs-ofctl snoop s1`: OVS's own decoding of every message on the controller connection, to a file.
   * Attach after the controller connection exists; `-O` must match the bridge.
   */
  startSnoop(version: OfVersionName): { file: string; text: () => string } {
    const file = join(this.dir, 'snoop.txt')
    const fd = openSync(file, 'a')
    const p = spawn('ovs-ofctl', ['-O', OVS_PROTOCOL[version], 'snoop', 's1'], { env: this.env, stdio: ['ignore', fd, fd] })
    closeSync(fd)
    this.procs.push(p)
    return { file, text: () => (existsSync(file) ? readFileSync(file, 'utf8') : '') }
  }

  /** Has s1 logged its controller connection as connected (rconn line; the DB column lags, §8)? */
  controllerConnected(port: number): boolean {
    return this.vswitchdLog().includes(`s1<->tcp:127.0.0.1:${port}: connected`)
  }

  /** Create h1 and its LACP bond (do this after the controller is connected). */
  async createBond(lacpTime: 'fast' | 'slow'): Promise<void> {
    await this.vsctl(
      '--', 'add-br', 'h1', '--', 'set', 'bridge', 'h1', 'datapath_type=netdev', `other-config:hwaddr=${H1_MAC}`,
      '--', 'add-bond', 'h1', 'bond0', 'h1-eth1', 'h1-eth2', 'lacp=active', `other_config:lacp-time=${lacpTime}`,
      '--', 'set', 'interface', 'h1-eth1', 'type=patch', 'options:peer=s1-eth1', 'ofport_request=1',
      '--', 'set', 'interface', 'h1-eth2', 'type=patch', 'options:peer=s1-eth2', 'ofport_request=2',
    )
  }

  /** Silent cut of s1 port N (1 or 2): re-point its patch peer at nothing. */
  async cutMember(port: 1 | 2): Promise<void> {
    await this.vsctl('set', 'interface', `s1-eth${port}`, 'options:peer=unplugged')
  }
  async restoreMember(port: 1 | 2): Promise<void> {
    await this.vsctl('set', 'interface', `s1-eth${port}`, `options:peer=h1-eth${port}`)
  }

  async lacpShow(): Promise<LacpShow> {
    return parseLacpShow(await this.appctl('lacp/show', 'bond0'))
  }
  async bondShow(): Promise<ReturnType<typeof parseBondShow>> {
    return parseBondShow(await this.appctl('bond/show', 'bond0'))
  }
  async dumpFlows(bridge: string, version: OfVersionName = '1.3'): Promise<FlowLine[]> {
    return parseFlows(await this.ofctl('-O', OVS_PROTOCOL[version], 'dump-flows', bridge))
  }

  /** Emit an Ethernet frame (hex) from a host bridge's LOCAL port through its NORMAL pipeline. */
  async emit(bridge: 'h1' | 'h2' | 'h3', frameHex: string): Promise<void> {
    await this.ofctl('packet-out', bridge, 'LOCAL', 'NORMAL', frameHex)
  }

  /** Install a counting flow on a host bridge: frames from `src` to `dst` are counted (and dropped). */
  async addCounter(bridge: 'h1' | 'h2' | 'h3', src: string, dst: string): Promise<void> {
    await this.ofctl('add-flow', bridge, `priority=100,dl_src=${src},dl_dst=${dst},actions=drop`)
  }
  /** Packets counted per in_port by addCounter's flow. */
  async counted(bridge: 'h1' | 'h2' | 'h3', src: string, dst: string): Promise<number> {
    const flows = await this.dumpFlows(bridge)
    return flows.filter((f) => f.match.includes(`dl_src=${src}`) && f.match.includes(`dl_dst=${dst}`)).reduce((a, f) => a + f.nPackets, 0)
  }

  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    const d = this.dir
    if (existsSync(join(d, 'ovs-vswitchd.ctl'))) {
      await this.appctl('exit', '--cleanup').catch(() => undefined)
    }
    for (const p of this.procs) {
      if (p.exitCode === null && p.signalCode === null && p.pid) {
        try {
          process.kill(p.pid, 'SIGTERM')
        } catch {
          /* already gone */
        }
      }
    }
    const deadline = Date.now() + 5_000
    for (const p of this.procs) {
      while (p.exitCode === null && p.signalCode === null && Date.now() < deadline) await sleep(20)
      if (p.exitCode === null && p.signalCode === null && p.pid) {
        try {
          process.kill(p.pid, 'SIGKILL')
        } catch {
          /* gone */
        }
      }
    }
    const h = this.holder
    if (h && h.exitCode === null && h.signalCode === null) {
      h.stdin?.end()
      const t = Date.now() + 3_000
      while (h.exitCode === null && h.signalCode === null && Date.now() < t) await sleep(20)
      if (h.exitCode === null && h.signalCode === null && h.pid) process.kill(h.pid, 'SIGKILL')
    }
    rmSync(d, { recursive: true, force: true })
  }
}

/** A 60-byte Ethernet frame (IPv4 ethertype, zero payload) from src to dst, as hex for packet-out. */
export function testFrame(src: string, dst: string, tag = 0): string {
  const mac = (m: string) => m.replace(/:/g, '')
  const payload = Buffer.alloc(46)
  payload.writeUInt32BE(tag >>> 0, 0)
  return mac(dst) + mac(src) + '0800' + payload.toString('hex')
}
