// `ofl controller`: the OpenFlow listener, the app pipeline (LACP first, then the bond-aware
// learning switch — Ryu's lacplib → EventPacketIn order), one ticker for timers, and a Unix-domain
// control socket for `ofl lacp show` / `ofl lacp show-stats` / `ofl controller reload`, the optional
// Prometheus endpoint (metrics.ts) and live reload of the --config file (SIGHUP, `reload`).
import * as net from 'node:net'
import { createServer, type Server, type Socket } from 'node:net'
import { existsSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SwitchSession, type ControllerApp, type DatapathCounts, type SessionOptions } from './session.js'
import { LacpApp, type LacpStatus } from './apps/lacp.js'
import { LearningSwitch } from './apps/learning-switch.js'
import { validateBonds, formatDpid, type BondSpec } from './bond.js'
import { bondConfigFromSpec, type BondConfig, type ControllerConfig, type IslConfig } from './config.js'
import { ControllerMetrics, serveMetrics, type MetricsServer, type MetricsSnapshot } from './metrics.js'
import { Logger } from './log.js'
import { controlRequest, type ReloadResult } from './control-client.js'
import { OflError } from '../wire/errors.js'
import { systemClock, type Clock } from './clock.js'
import type { LacpMode, LacpProfile, LacpRate } from '../lacp/machine.js'
import { OFP_VERSION_1_0, OFP_VERSION_1_2, OFP_VERSION_1_3, VERSION_NAMES } from '../openflow/header.js'
import { MalformedError } from '../wire/errors.js'
import { OFPPR_DELETE } from '../openflow/common13/constants.js'
import { HaCoordinator, type HaOptions, type HaStatus } from './ha/coordinator.js'
import type { LacpBond } from '../lacp/machine.js'

export interface ControllerOptions {
  host?: string
  port?: number
  bonds?: readonly BondSpec[]
  /** Bonds with every setting (the --config form; MC-LAG, per-member port ids…). Replaces `bonds`. */
  bondConfigs?: readonly BondConfig[]
  /** Inter-switch links of MC-LAG bonds. */
  isl?: readonly IslConfig[]
  /** Serve Prometheus metrics at http://host:port/metrics. */
  metrics?: { host: string; port: number }
  /** Levelled, timestamped logging (text or JSON). Without it, `log` gets every line (per-PDU ones too). */
  logger?: Logger
  /** Re-reads the configuration for SIGHUP / `ofl controller reload` (throws ConfigError on a bad file). */
  reloadConfig?: () => ControllerConfig
  /** Allowed OpenFlow versions as wire numbers (default 1.0, 1.2, 1.3). */
  versions?: readonly number[]
  lacpMode?: LacpMode
  lacpRate?: LacpRate
  profile?: LacpProfile
  /** Unix socket path for status queries; `false` disables it. Default: controlSocketPath(port). */
  controlSocket?: string | false
  echoIntervalMs?: number
  deadAfterMs?: number
  tickMs?: number
  /** Disable the learning switch (LACP only). */
  forwarding?: boolean
  log?: (line: string) => void
  clock?: Clock
  /** Hot standby with other instances, coordinated by etcd (ha/coordinator.ts). */
  ha?: HaOptions
}

export const DEFAULT_OF_PORT = 6653

/** Where `ofl controller --port P` puts its control socket unless told otherwise. */
export function controlSocketPath(port: number): string {
  return join(process.env.XDG_RUNTIME_DIR || tmpdir(), `ofl-controller.${port}.sock`)
}

/** Parse `--of 1.0,1.2,1.3` into wire version numbers. Throws `BAD_OF_VERSION`. */
export function parseOfVersions(text: string): number[] {
  const map: Record<string, number> = { '1.0': OFP_VERSION_1_0, '1.2': OFP_VERSION_1_2, '1.3': OFP_VERSION_1_3 }
  const out: number[] = []
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const v = map[part]
    if (v === undefined) throw new MalformedError('BAD_OF_VERSION', `unsupported OpenFlow version ${JSON.stringify(part)} (1.0, 1.2, 1.3)`)
    if (!out.includes(v)) out.push(v)
  }
  if (!out.length) throw new MalformedError('BAD_OF_VERSION', 'no OpenFlow version given')
  return out
}

export interface SwitchInfo {
  dpid: string
  remote: string
  version: string
  state: string
  ports: number
  counters: Record<string, number>
  l2?: { macs: number; learned: number; flooded: number }
}

export interface ControllerStatus {
  listening: string
  switches: SwitchInfo[]
  lacp: LacpStatus
  /** Present with --etcd: this instance's name, etcd state, and who masters each switch. */
  ha?: HaStatus
}

export class Controller implements ControllerApp {
  readonly server: Server
  readonly lacp: LacpApp
  readonly l2: LearningSwitch | undefined
  readonly sessions = new Set<SwitchSession>()
  readonly closed: Promise<void>
  readonly ha: HaCoordinator | undefined
  /** Bonds of a switch whose L2 setup waits for this instance to become its master. */
  private readonly pendingL2 = new WeakMap<SwitchSession, LacpBond[]>()
  controlPath: string | undefined
  address = ''
  /** `host:port` of the metrics endpoint, when serving. */
  metricsAddress: string | undefined
  private metricsServer: MetricsServer | undefined
  /** OpenFlow messages the metrics count, per datapath (kept across reconnects). */
  private readonly swCounts = new Map<string, DatapathCounts>()
  private readonly debug: ((line: string) => void) | undefined
  private control: Server | undefined
  private ticker: NodeJS.Timeout | undefined
  private resolveClosed!: () => void
  private readonly sessionOpts: SessionOptions
  private readonly clock: Clock
  private readonly log: (line: string) => void
  private closing = false

  constructor(private readonly opts: ControllerOptions) {
    let bonds: readonly BondConfig[]
    if (opts.bondConfigs) bonds = opts.bondConfigs
    else {
      validateBonds(opts.bonds ?? [])
      bonds = (opts.bonds ?? []).map(bondConfigFromSpec)
    }
    const logger = opts.logger
    this.log = logger ? logger.line : (opts.log ?? ((l) => process.stdout.write(l + '\n')))
    this.debug = logger ? (l) => logger.line(l, 'debug') : this.log
    this.clock = opts.clock ?? systemClock
    this.sessionOpts = {
      versions: opts.versions ?? [OFP_VERSION_1_0, OFP_VERSION_1_2, OFP_VERSION_1_3],
      echoIntervalMs: opts.echoIntervalMs ?? 5000,
      deadAfterMs: opts.deadAfterMs ?? 15000,
      maxPendingBytes: 64 << 20,
      log: this.log,
    }
    this.l2 = opts.forwarding === false ? undefined : new LearningSwitch(this.log, (dpid, bond) => this.lacp.islPort(dpid, bond))
    this.lacp = new LacpApp({
      bonds,
      isl: opts.isl,
      profile: opts.profile ?? 'ryu',
      mode: opts.lacpMode ?? 'passive',
      rate: opts.lacpRate,
      clock: this.clock,
      log: this.log,
      debug: this.debug,
      onBondChange: (sw, bond) => {
        if (this.isMaster(sw)) this.l2?.bondChanged(sw, bond)
      },
      onBondAdded: (sw, bond) => {
        if (this.isMaster(sw)) this.l2?.bondAdded(sw, bond)
      },
      onBondRemoved: (sw, bond) => {
        if (this.isMaster(sw)) this.l2?.bondRemoved(sw, bond)
      },
      transmits: (sw) => this.isMaster(sw),
    })
    this.ha = opts.ha && new HaCoordinator(opts.ha, {
      log: this.log,
      promoted: (sw) => {
        this.lacp.promote(sw)
        const bonds = this.pendingL2.get(sw)
        if (bonds) this.l2?.switchReady(sw, bonds)
      },
      demoted: (sw) => this.l2?.switchClosed(sw),
    })
    this.closed = new Promise((r) => (this.resolveClosed = r))
    this.server = createServer({ noDelay: true }, (s) => this.accept(s))
  }

  /** Listen on host:port (port 0 = any) and on the control socket. Resolves with the TCP port. */
  async listen(): Promise<number> {
    const host = this.opts.host ?? '127.0.0.1'
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(this.opts.port ?? DEFAULT_OF_PORT, host, () => {
        this.server.off('error', reject)
        resolve()
      })
    })
    const addr = this.server.address()
    const port = typeof addr === 'object' && addr ? addr.port : 0
    this.address = `${host}:${port}`
    const cs = this.opts.controlSocket === undefined ? controlSocketPath(port) : this.opts.controlSocket
    if (cs) await this.listenControl(cs)
    if (this.opts.metrics) {
      const m = new ControllerMetrics(() => this.metricsSnapshot())
      this.metricsServer = await serveMetrics(m, this.opts.metrics.host, this.opts.metrics.port)
      this.metricsAddress = this.metricsServer.address
    }
    await this.ha?.start()
    const tickMs = this.opts.tickMs ?? 100
    this.ticker = setInterval(() => this.tick(), tickMs)
    return port
  }

  /** What the metrics expose, read at scrape time. */
  metricsSnapshot(): MetricsSnapshot {
    const connected = new Set<string>()
    for (const s of this.sessions) if (s.state === 'ready') connected.add(s.dpidStr)
    const dpids = new Set<string>([...this.lacp.configuredDatapaths().map(formatDpid), ...this.swCounts.keys(), ...connected])
    return {
      switches: [...dpids].map((dpid) => ({ dpid, connected: connected.has(dpid), packetIn: this.swCounts.get(dpid)?.packetIn ?? 0, flowRemoved: this.swCounts.get(dpid)?.flowRemoved ?? 0 })),
      members: this.lacp.memberMetrics(),
      bonds: this.lacp.status().bonds.map((b) => ({ bond: b.name, forwarding: b.forwarding, activeMembers: b.members.filter((m) => m.enabled).length })),
      ...(this.ha ? this.haMetrics(this.ha) : {}),
    }
  }

  private haMetrics(ha: HaCoordinator): Pick<MetricsSnapshot, 'roles' | 'ha'> {
    const st = ha.status()
    return { roles: st.datapaths.map((d) => ({ dpid: d.dpid, role: d.role })), ha: { name: st.name, etcd: st.etcd, roleChanges: ha.transitions } }
  }

  /**
   * Re-read the configuration and apply it: unchanged bonds keep negotiating, changed ones renegotiate,
   * removed ones are cleaned up. A bad file throws (ConfigError) and changes nothing.
   */
  async reload(): Promise<ReloadResult> {
    if (!this.opts.reloadConfig) throw new OflError('NO_CONFIG_FILE', 'this controller was started without --config: nothing to reload')
    let cfg: ControllerConfig
    try {
      cfg = this.opts.reloadConfig()
    } catch (e) {
      this.log(`[CONFIG][ERROR] reload failed, keeping the running configuration: ${(e as Error).message}`)
      throw e
    }
    const needsRestart: string[] = []
    const o = this.opts
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
    if (cfg.host !== (o.host ?? '127.0.0.1')) needsRestart.push('host')
    if (o.port !== undefined && cfg.port !== o.port) needsRestart.push('port')
    if (!same(cfg.of, o.versions ?? [OFP_VERSION_1_0, OFP_VERSION_1_2, OFP_VERSION_1_3])) needsRestart.push('of')
    if (cfg.profile !== (o.profile ?? 'ryu')) needsRestart.push('profile')
    if (cfg.lacp !== (o.lacpMode ?? 'passive')) needsRestart.push('lacp')
    if (cfg.lacpRate !== o.lacpRate) needsRestart.push('lacp-rate')
    if (!same(cfg.metrics, o.metrics)) needsRestart.push('metrics')
    if (cfg.controlSocket !== undefined && cfg.controlSocket !== this.controlPath) needsRestart.push('control-socket')
    if (o.logger) {
      o.logger.level = cfg.logLevel
      o.logger.format = cfg.logFormat
    }
    const d = this.lacp.reload(cfg.bonds, cfg.isl)
    const r: ReloadResult = {
      unchanged: d.unchanged.map((b) => b.name), changed: d.changed.map((c) => c.after.name),
      added: d.added.map((b) => b.name), removed: d.removed.map((b) => b.name), needsRestart,
    }
    this.log(`[CONFIG][INFO] reload: ${r.unchanged.length} unchanged, ${r.changed.length} changed, ${r.added.length} added, ${r.removed.length} removed${needsRestart.length ? `; needs a restart: ${needsRestart.join(', ')}` : ''}`)
    for (const s of this.sessions) s.scheduleFlush()
    return r
  }

  private async listenControl(path: string): Promise<void> {
    this.control = await listenControlSocket(path, (cmd) => this.answer(cmd))
    this.controlPath = path
  }

  /** One control-socket command → its JSON answer. */
  answer(cmd: string): unknown {
    if (cmd === 'reload') {
      return this.reload().catch((e: unknown) => ({ error: { code: e instanceof OflError ? e.code : 'RELOAD_FAILED', message: (e as Error).message } }))
    }
    return cmd === 'status' || cmd === 'lacp/show' || cmd === 'lacp/show-stats' ? this.status() : { error: `unknown command ${cmd}` }
  }

  status(): ControllerStatus {
    return {
      listening: this.address,
      switches: [...this.sessions].map((s) => ({
        dpid: s.dpidStr,
        remote: s.remote,
        version: VERSION_NAMES[s.version] ?? '',
        state: s.state,
        ports: s.ports.size,
        counters: { ...s.counters },
        l2: this.l2?.stats(s),
      })),
      lacp: this.lacp.status(),
      ...(this.ha ? { ha: this.ha.status() } : {}),
    }
  }

  private accept(socket: Socket): void {
    if (this.closing) {
      socket.destroy()
      return
    }
    const s = new SwitchSession(socket, this, this.sessionOpts, this.clock.now())
    this.sessions.add(s)
    socket.on('close', () => this.sessions.delete(s))
  }

  private tick(): void {
    const now = this.clock.now()
    for (const s of this.sessions) s.tick(performance.now())
    this.lacp.tick(now)
  }

  // ControllerApp --------------------------------------------------------------------------

  switchReady(sw: SwitchSession): void {
    for (const other of this.sessions) {
      if (other !== sw && other.dpid === sw.dpid && other.state === 'ready') {
        this.log(`[OF][WARN] SW=${sw.dpidStr} reconnected from ${sw.remote}; closing the old connection from ${other.remote}`)
        other.close()
      }
    }
    let counts = this.swCounts.get(sw.dpidStr)
    if (!counts) this.swCounts.set(sw.dpidStr, (counts = { packetIn: 0, flowRemoved: 0 }))
    sw.dpCounts = counts
    const bonds = this.lacp.switchReady(sw)
    if (!this.ha) {
      this.l2?.switchReady(sw, bonds)
      return
    }
    this.pendingL2.set(sw, bonds)
    this.ha.switchReady(sw)
  }

  /** Without --etcd every instance masters its switches; with it, the etcd election decides. */
  isMaster(sw: SwitchSession): boolean {
    return !this.ha || this.ha.isMaster(sw)
  }

  packetIn(sw: SwitchSession, pi: Parameters<ControllerApp['packetIn']>[1], buf: Buffer, dv: DataView): void {
    const counts = sw.dpCounts
    if (counts) counts.packetIn++
    if (this.lacp.packetIn(sw, pi, buf, dv)) return
    if (this.ha && !this.ha.isMaster(sw)) return
    this.l2?.packetIn(sw, pi, buf)
  }

  flowRemoved(sw: SwitchSession, fr: Parameters<ControllerApp['flowRemoved']>[1]): void {
    const counts = sw.dpCounts
    if (counts) counts.flowRemoved++
    this.lacp.flowRemoved(sw, fr)
  }

  portStatus(sw: SwitchSession, reason: number, port: Parameters<ControllerApp['portStatus']>[2]): void {
    // The session keeps the port table; a bond member losing carrier is a link loss (OVS patch ports
    // never report one, so the LACP timeout stays the main signal).
    this.lacp.portStatus(sw, port.portNo, !(reason === OFPPR_DELETE || port.linkDown))
  }

  switchClosed(sw: SwitchSession): void {
    this.ha?.switchClosed(sw)
    this.lacp.switchClosed(sw)
    this.l2?.switchClosed(sw)
  }

  /** Stop listening, close every switch and the control socket. Resolves when all is closed. */
  async close(): Promise<void> {
    if (this.closing) return this.closed
    this.closing = true
    if (this.ticker) clearInterval(this.ticker)
    // Resign first (the lease is revoked): a standby takes over at once, not after the lease time.
    await this.ha?.close().catch((e: unknown) => this.log(`[HA][WARN] resigning failed: ${e instanceof Error ? e.message : String(e)}`))
    for (const s of this.sessions) s.close()
    const waits: Promise<void>[] = [new Promise((r) => this.server.close(() => r()))]
    if (this.control) waits.push(new Promise((r) => this.control!.close(() => r())))
    if (this.metricsServer) waits.push(this.metricsServer.close())
    // Sockets that do not finish their close handshake quickly are destroyed.
    const t = setTimeout(() => {
      for (const s of this.sessions) s.socket.destroy()
    }, 1000)
    await Promise.all(waits)
    clearTimeout(t)
    if (this.controlPath && existsSync(this.controlPath)) {
      try {
        unlinkSync(this.controlPath)
      } catch {
        /* already gone */
      }
    }
    this.resolveClosed()
  }
}

/**
 * The control socket (`ofl lacp show`): one newline-terminated command per connection, one JSON answer.
 * Refuses to take over the socket of a live controller (`CONTROL_SOCKET_IN_USE`); removes a stale one.
 */
export async function listenControlSocket(path: string, answer: (cmd: string) => unknown): Promise<Server> {
  if (existsSync(path)) {
    // A stale socket from a crashed run, or a live controller: refuse to steal a live one.
    const live = await new Promise<boolean>((resolve) => {
      const c = new net.Socket()
      c.once('error', () => resolve(false))
      c.connect(path, () => {
        c.destroy()
        resolve(true)
      })
    })
    if (live) throw new MalformedError('CONTROL_SOCKET_IN_USE', `another controller is serving ${path}`)
    unlinkSync(path)
  }
  const srv = createServer((c: Socket) => {
    let req = ''
    c.setEncoding('utf8')
    c.on('data', (d: string) => {
      req += d
      if (!req.includes('\n')) return
      Promise.resolve()
        .then(() => answer(req.trim()))
        .then(
          (body) => c.end(JSON.stringify(body) + '\n'),
          (e: unknown) => c.end(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }) + '\n'),
        )
    })
    c.on('error', () => undefined)
  })
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject)
    srv.listen(path, () => resolve())
  })
  return srv
}

/** Create and start a controller. */
export async function startController(opts: ControllerOptions): Promise<Controller> {
  const c = new Controller(opts)
  await c.listen()
  return c
}

/** Start a controller from a validated configuration (`ofl controller`); `reload` re-reads it. */
export async function startControllerFromConfig(cfg: ControllerConfig, opts: { reload?: () => ControllerConfig; clock?: Clock; ha?: ControllerOptions['ha']; controlSocket?: false } = {}): Promise<Controller> {
  return startController({
    host: cfg.host, port: cfg.port, versions: cfg.of, bondConfigs: cfg.bonds, isl: cfg.isl, ha: opts.ha,
    profile: cfg.profile, lacpMode: cfg.lacp, lacpRate: cfg.lacpRate, controlSocket: opts.controlSocket ?? cfg.controlSocket,
    metrics: cfg.metrics, logger: new Logger({ level: cfg.logLevel, format: cfg.logFormat }), reloadConfig: opts.reload, clock: opts.clock,
  })
}

/** Ask a running controller for its status over its control socket (an `{error}` answer rejects typed). */
export function queryController(path: string, command = 'status', timeoutMs = 5000): Promise<ControllerStatus> {
  return controlRequest<ControllerStatus>(path, command, timeoutMs)
}
