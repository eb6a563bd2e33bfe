// `ofl controller`: the OpenFlow listener, the app pipeline (LACP first, then the bond-aware
// learning switch — Ryu's lacplib → EventPacketIn order), one ticker for timers, and a Unix-domain
// control socket for `ofl lacp show` / `ofl lacp show-stats`.
import * as net from 'node:net'
import { createServer, type Server, type Socket } from 'node:net'
import { existsSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SwitchSession, type ControllerApp, type SessionOptions } from './session.js'
import { LacpApp, type LacpStatus } from './apps/lacp.js'
import { LearningSwitch } from './apps/learning-switch.js'
import { validateBonds, type BondSpec } from './bond.js'
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
  private control: Server | undefined
  private ticker: NodeJS.Timeout | undefined
  private resolveClosed!: () => void
  private readonly sessionOpts: SessionOptions
  private readonly clock: Clock
  private readonly log: (line: string) => void
  private closing = false

  constructor(private readonly opts: ControllerOptions) {
    const bonds = opts.bonds ?? []
    validateBonds(bonds)
    this.log = opts.log ?? ((l) => process.stdout.write(l + '\n'))
    this.clock = opts.clock ?? systemClock
    this.sessionOpts = {
      versions: opts.versions ?? [OFP_VERSION_1_0, OFP_VERSION_1_2, OFP_VERSION_1_3],
      echoIntervalMs: opts.echoIntervalMs ?? 5000,
      deadAfterMs: opts.deadAfterMs ?? 15000,
      maxPendingBytes: 64 << 20,
      log: this.log,
    }
    this.l2 = opts.forwarding === false ? undefined : new LearningSwitch(this.log)
    this.lacp = new LacpApp({
      bonds,
      profile: opts.profile ?? 'ryu',
      mode: opts.lacpMode ?? 'passive',
      rate: opts.lacpRate,
      clock: this.clock,
      log: this.log,
      onMemberChange: (sw, bond) => {
        if (this.isMaster(sw)) this.l2?.bondChanged(sw, bond)
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
    await this.ha?.start()
    const tickMs = this.opts.tickMs ?? 100
    this.ticker = setInterval(() => this.tick(), tickMs)
    return port
  }

  private async listenControl(path: string): Promise<void> {
    this.control = await listenControlSocket(path, (cmd) => this.answer(cmd))
    this.controlPath = path
  }

  /** One control-socket command → its JSON answer. */
  answer(cmd: string): unknown {
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
    if (this.lacp.packetIn(sw, pi, buf, dv)) return
    if (this.ha && !this.ha.isMaster(sw)) return
    this.l2?.packetIn(sw, pi, buf)
  }

  flowRemoved(sw: SwitchSession, fr: Parameters<ControllerApp['flowRemoved']>[1]): void {
    this.lacp.flowRemoved(sw, fr)
  }

  portStatus(sw: SwitchSession, reason: number, port: Parameters<ControllerApp['portStatus']>[2]): void {
    // The session keeps the port table; a bond member losing carrier is a link loss (OVS patch ports
    // never report one, so the LACP timeout stays the main signal).
    if (reason === OFPPR_DELETE || port.linkDown) this.lacp.portDown(sw, port.portNo)
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

/** Ask a running controller for its status over its control socket. */
export function queryController(path: string, command = 'status', timeoutMs = 5000): Promise<ControllerStatus> {
  return new Promise((resolve, reject) => {
    const c = net.createConnection(path)
    let data = ''
    const t = setTimeout(() => {
      c.destroy()
      reject(new MalformedError('CONTROL_TIMEOUT', `no answer from ${path} within ${timeoutMs} ms`))
    }, timeoutMs)
    c.setEncoding('utf8')
    c.on('connect', () => c.write(command + '\n'))
    c.on('data', (d: string) => (data += d))
    c.on('error', (e) => {
      clearTimeout(t)
      reject(e)
    })
    c.on('end', () => {
      clearTimeout(t)
      try {
        resolve(JSON.parse(data) as ControllerStatus)
      } catch (e) {
        reject(new MalformedError('CONTROL_BAD_REPLY', `unreadable answer from ${path}`, { cause: e }))
      }
    })
  })
}
