// Per-datapath mastership for several `ofl controller` instances, coordinated by etcd.
//
// The recipe is etcd's own election (etcd client/v3/concurrency/election.go): every candidate holds
// one lease and, for each datapath it has a connection to, puts `<prefix>/<dpid>/<lease id>` under
// that lease; the key with the lowest create revision wins. The winner's create revision is the
// OpenFlow generation id (OpenFlow 1.3.5 §6.3.7): a new key always gets a revision above every key
// alive at that moment, and the winner is the oldest live key, so successive masters of a datapath
// get strictly increasing ids, across failovers and restarts, with no counter of our own.
//
// One lease per instance (etcd's concurrency.Session), kept alive by the etcd3 client at TTL/3. A
// crashed instance's keys vanish when its lease expires; the next-oldest candidate learns it from a
// watch and becomes master. When etcd is unreachable the instance keeps what it masters until its
// own lease would have expired (measured from the last keep-alive etcd acknowledged, so it steps
// down no later than etcd lets another instance in), then steps down to slave everywhere and logs
// it; once etcd answers again it takes a new lease and campaigns again.
import { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'
import { rootCertificates } from 'node:tls'
import { Etcd3, type IOptions, type Lease, type Watcher, type IKeyValue } from 'etcd3'
import { MalformedError } from '../../wire/errors.js'

export type Role = 'master' | 'slave'
/** `connecting`: no lease yet; `connected`: lease alive; `unreachable`: lease time ran out without etcd. */
export type EtcdState = 'connecting' | 'connected' | 'unreachable' | 'closed'

/**
 * How to reach a secured etcd: TLS (etcd's --cert-file/--trusted-ca-file, with --client-cert-auth a
 * client certificate) and/or a user (etcd's `auth enable`; the client trades the password for a token).
 */
export interface EtcdSecurity {
  /** PEM CA bundle that signed etcd's server certificate (default: Node's bundled public roots). */
  ca?: Buffer
  /** PEM client certificate and its key (both or neither). */
  cert?: Buffer
  key?: Buffer
  username?: string
  password?: string
}

export interface MastershipOptions {
  /** etcd client URLs, e.g. `http://10.0.0.5:2379`. */
  endpoints: readonly string[]
  /** TLS and user authentication (see etcdSecurityFromFiles). */
  security?: EtcdSecurity
  /** This instance's name (unique per instance; shown as the master of a switch). */
  name: string
  /** Lease TTL in seconds (etcd grants no less than 1.5 × its election timeout). Default 2. */
  ttlSeconds?: number
  /** Key prefix. Default `ofl/mastership`. */
  prefix?: string
  log?: (line: string) => void
  /** Milliseconds, monotonic. Default `performance.now`. */
  now?: () => number
}

/** What this instance knows about one datapath it campaigns for. */
export interface DatapathMastership {
  dpid: bigint
  role: Role
  /** The current master's generation id (its election key's create revision), when known. */
  generationId: bigint | undefined
  /** The current master instance's name, when known. */
  master: string | undefined
}

export interface MastershipStatus {
  name: string
  etcd: EtcdState
  leaseId: string | undefined
  datapaths: DatapathMastership[]
}

export interface MastershipEvents {
  change: [DatapathMastership]
  etcd: [EtcdState]
}

const dpidHex = (dpid: bigint) => dpid.toString(16).padStart(16, '0')

/** Parse `--etcd http://a:2379,http://b:2379`. Throws `BAD_ETCD_ENDPOINT`. */
export function parseEtcdEndpoints(text: string): string[] {
  const out = text.split(',').map((s) => s.trim()).filter(Boolean)
  if (!out.length) throw new MalformedError('BAD_ETCD_ENDPOINT', 'no etcd endpoint given')
  for (const e of out) {
    let u: URL
    try {
      u = new URL(e)
    } catch (cause) {
      throw new MalformedError('BAD_ETCD_ENDPOINT', `not a URL: ${JSON.stringify(e)} (expected http://HOST:2379)`, { cause })
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new MalformedError('BAD_ETCD_ENDPOINT', `unsupported scheme in ${JSON.stringify(e)} (http or https)`)
  }
  return out
}

/** Where `ofl controller` reads etcd credentials from (file paths; the password never on the command line). */
export interface EtcdCredentialFiles {
  ca?: string
  cert?: string
  key?: string
  user?: string
  /** A file holding the password (one line); otherwise env OFL_ETCD_PASSWORD. */
  passwordFile?: string
}

/**
 * Read `--etcd-ca/--etcd-cert/--etcd-key/--etcd-user/--etcd-password-file` into EtcdSecurity. Throws
 * `BAD_ETCD_TLS` (a certificate without its key, or TLS files with an http:// endpoint),
 * `ETCD_PASSWORD_MISSING` (a user without a password), `BAD_ETCD_AUTH` (a password file without a user);
 * an unreadable file throws the read error (ENOENT, EACCES).
 */
export function etcdSecurityFromFiles(f: EtcdCredentialFiles, endpoints: readonly string[], env: NodeJS.ProcessEnv = process.env): EtcdSecurity | undefined {
  const out: EtcdSecurity = {}
  if ((f.cert === undefined) !== (f.key === undefined)) throw new MalformedError('BAD_ETCD_TLS', '--etcd-cert and --etcd-key go together (the client certificate and its private key)')
  if (f.ca !== undefined || f.cert !== undefined) {
    const plain = endpoints.filter((e) => !e.startsWith('https:'))
    if (plain.length) throw new MalformedError('BAD_ETCD_TLS', `TLS to etcd needs https:// endpoints; got ${plain.join(', ')}`)
    if (f.ca !== undefined) out.ca = readFileSync(f.ca)
    if (f.cert !== undefined) out.cert = readFileSync(f.cert)
    if (f.key !== undefined) out.key = readFileSync(f.key)
  }
  if (f.passwordFile !== undefined && f.user === undefined) throw new MalformedError('BAD_ETCD_AUTH', '--etcd-password-file needs --etcd-user')
  if (f.user !== undefined) {
    const password = f.passwordFile !== undefined ? readFileSync(f.passwordFile, 'utf8').replace(/\r?\n$/, '') : env.OFL_ETCD_PASSWORD
    if (password === undefined) throw new MalformedError('ETCD_PASSWORD_MISSING', `--etcd-user ${f.user} needs a password: --etcd-password-file FILE or env OFL_ETCD_PASSWORD`)
    out.username = f.user
    out.password = password
  }
  return Object.keys(out).length ? out : undefined
}

export class Mastership extends EventEmitter<MastershipEvents> {
  readonly name: string
  readonly ttlSeconds: number
  private readonly prefix: string
  private readonly client: Etcd3
  private readonly log: (line: string) => void
  private readonly now: () => number
  private lease: Lease | undefined
  private leaseId: string | undefined
  /** Lease id (hex) → the lease is believed alive on etcd until this time. */
  private validUntil = 0
  private fired: number[] = []
  private watcher: Watcher | undefined
  private readonly wanted = new Map<bigint, DatapathMastership>()
  private readonly evaluating = new Map<bigint, { again: boolean }>()
  private checker: NodeJS.Timeout | undefined
  private retry: NodeJS.Timeout | undefined
  private state: EtcdState = 'connecting'
  private closed = false

  constructor(opts: MastershipOptions) {
    super()
    if (!opts.name) throw new MalformedError('BAD_INSTANCE_NAME', 'an instance name is required for etcd mastership')
    this.name = opts.name
    this.ttlSeconds = opts.ttlSeconds ?? 2
    if (!Number.isInteger(this.ttlSeconds) || this.ttlSeconds < 1) throw new MalformedError('BAD_LEASE_TTL', `lease TTL must be a whole number of seconds ≥ 1, got ${opts.ttlSeconds}`)
    this.prefix = (opts.prefix ?? 'ofl/mastership').replace(/\/+$/, '')
    this.log = opts.log ?? (() => undefined)
    this.now = opts.now ?? (() => performance.now())
    const ttlMs = this.ttlSeconds * 1000
    const sec = opts.security ?? {}
    const tls: Pick<IOptions, 'credentials'> = sec.ca || sec.cert
      ? { credentials: { rootCertificate: sec.ca ?? Buffer.from(rootCertificates.join('\n')), privateKey: sec.key, certChain: sec.cert } }
      : {}
    const auth: Pick<IOptions, 'auth'> = sec.username === undefined
      ? {}
      : { auth: { username: sec.username, password: sec.password ?? '', callOptions: () => ({ deadline: Date.now() + ttlMs }) } }
    this.client = new Etcd3({
      hosts: [...opts.endpoints],
      dialTimeout: ttlMs,
      ...tls,
      ...auth,
      // Unary calls must fail within the lease time, or a hung etcd would freeze an election.
      defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + ttlMs }),
    })
  }

  /**
   * Start watching and take a lease. Resolves after the first attempt; if etcd did not answer, the
   * instance stays slave everywhere (state `connecting`) and keeps trying.
   */
  async start(): Promise<void> {
    this.checker = setInterval(() => this.checkLease(), 50)
    this.checker.unref()
    this.watch()
    await this.openSession()
  }

  get etcdState(): EtcdState {
    return this.state
  }

  /** Campaign for `dpid` (this instance has a connection to that switch). */
  join(dpid: bigint): void {
    if (this.wanted.has(dpid)) return
    this.wanted.set(dpid, { dpid, role: 'slave', generationId: undefined, master: undefined })
    void this.campaign(dpid)
  }

  /** Withdraw from `dpid` (the switch disconnected from this instance): another instance takes over. */
  async leave(dpid: bigint): Promise<void> {
    if (!this.wanted.delete(dpid)) return
    const id = this.leaseId
    if (id !== undefined && this.state === 'connected') {
      await this.client.delete().key(this.key(dpid, id)).exec().catch((e: unknown) => this.log(`[HA][WARN] could not withdraw from ${dpidHex(dpid)}: ${errText(e)}`))
    }
  }

  role(dpid: bigint): Role | undefined {
    return this.wanted.get(dpid)?.role
  }

  get(dpid: bigint): DatapathMastership | undefined {
    const m = this.wanted.get(dpid)
    return m && { ...m }
  }

  status(): MastershipStatus {
    return { name: this.name, etcd: this.state, leaseId: this.leaseId, datapaths: [...this.wanted.values()].map((m) => ({ ...m })) }
  }

  /** Resign everything (revoke the lease: the others take over at once) and disconnect. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (this.checker) clearInterval(this.checker)
    if (this.retry) clearTimeout(this.retry)
    const lease = this.lease
    this.lease = undefined
    this.leaseId = undefined
    if (lease) await lease.revoke({ deadline: Date.now() + 1000 }).catch(() => undefined)
    await this.watcher?.cancel().catch(() => undefined)
    this.setState('closed')
    for (const m of this.wanted.values()) this.update(m, 'slave', m.generationId, m.master)
    this.client.close()
  }

  // ---------------------------------------------------------------------------------------------

  private key(dpid: bigint, leaseId: string): string {
    return `${this.prefix}/${dpidHex(dpid)}/${leaseId}`
  }

  /** Watch every election key; (re)evaluate a datapath whenever one of its keys changes. */
  private watch(): void {
    if (this.closed) return
    this.client
      .watch()
      .prefix(`${this.prefix}/`)
      .create()
      .then((w) => {
        if (this.closed) return void w.cancel().catch(() => undefined)
        this.watcher = w
        const onKey = (kv: IKeyValue) => {
          const dpid = this.dpidOf(kv.key.toString())
          if (dpid !== undefined && this.wanted.has(dpid)) void this.evaluate(dpid)
        }
        w.on('put', onKey)
        w.on('delete', onKey)
        // After a reconnect the client replays events from its last revision, but a compaction can
        // drop them: look again at everything, now and on every reconnect.
        const all = () => {
          for (const dpid of this.wanted.keys()) void this.evaluate(dpid)
        }
        w.on('connected', all)
        w.on('error', (e) => {
          this.log(`[HA][WARN] etcd watch failed: ${errText(e)}; watching again`)
          this.watcher = undefined
          setTimeout(() => this.watch(), 250).unref()
        })
        all()
      })
      .catch((e: unknown) => {
        this.log(`[HA][WARN] etcd watch not established: ${errText(e)}; retrying`)
        setTimeout(() => this.watch(), 250).unref()
      })
  }

  private dpidOf(key: string): bigint | undefined {
    const rest = key.startsWith(`${this.prefix}/`) ? key.slice(this.prefix.length + 1) : undefined
    const hex = rest?.split('/')[0]
    return hex && /^[0-9a-f]{16}$/.test(hex) ? BigInt(`0x${hex}`) : undefined
  }

  /** Grant a lease, start keep-alives, (re)put every campaign key. Retries until it works. */
  private async openSession(): Promise<void> {
    if (this.closed) return
    const asked = this.now()
    const lease = this.client.lease(this.ttlSeconds, { deadline: Date.now() + this.ttlSeconds * 1000 })
    this.lease = lease
    this.fired = []
    lease.on('keepaliveFired', () => this.fired.push(this.now()))
    lease.on('keepaliveSucceeded', () => {
      const at = this.fired.shift()
      if (at !== undefined && lease === this.lease) this.validUntil = Math.max(this.validUntil, at + this.ttlSeconds * 1000)
      if (lease === this.lease && this.state !== 'connected') {
        this.setState('connected')
        for (const dpid of this.wanted.keys()) void this.evaluate(dpid)
      }
    })
    lease.on('keepaliveFailed', () => (this.fired = []))
    lease.on('lost', (e) => {
      if (lease !== this.lease || this.closed) return
      this.log(`[HA][WARN] etcd lease ${this.leaseId ?? '?'} lost: ${errText(e)}`)
      this.dropSession()
      this.scheduleSession()
    })
    let id: string
    try {
      id = BigInt(await lease.grant()).toString(16)
    } catch (e) {
      if (lease === this.lease) {
        this.log(`[HA][WARN] etcd lease not granted (${errText(e)}); retrying`)
        this.dropSession()
        this.scheduleSession()
      }
      return
    }
    if (lease !== this.lease || this.closed) return
    this.leaseId = id
    this.validUntil = asked + this.ttlSeconds * 1000
    this.setState('connected')
    this.log(`[HA][INFO] instance ${this.name}: etcd lease ${id} granted (ttl ${this.ttlSeconds} s)`)
    for (const dpid of this.wanted.keys()) void this.campaign(dpid)
  }

  private dropSession(): void {
    const lease = this.lease
    this.lease = undefined
    this.leaseId = undefined
    this.validUntil = 0
    lease?.release()
  }

  private scheduleSession(): void {
    if (this.closed || this.retry) return
    this.retry = setTimeout(() => {
      this.retry = undefined
      this.openSession().catch(() => undefined)
    }, 250)
    this.retry.unref()
  }

  /** Local lease expiry: etcd has not confirmed the lease for a whole TTL. Step down everywhere. */
  private checkLease(): void {
    if (this.state !== 'connected' || this.now() < this.validUntil) return
    this.log(`[HA][WARN] instance ${this.name}: etcd unreachable for the lease time (${this.ttlSeconds} s); stepping down to slave on every switch`)
    this.setState('unreachable')
    for (const m of this.wanted.values()) this.update(m, 'slave', m.generationId, m.master)
    // Keep the lease object: if etcd answers the next keep-alive the lease was never lost.
    // If it is lost, `lost` opens a new session.
    if (this.lease && this.now() > this.validUntil + this.ttlSeconds * 1000) {
      this.dropSession()
      this.scheduleSession()
    }
  }

  private async campaign(dpid: bigint): Promise<void> {
    const id = this.leaseId
    const lease = this.lease
    if (id === undefined || !lease || !this.wanted.has(dpid)) return
    try {
      await lease.put(this.key(dpid, id)).value(this.name).exec()
    } catch (e) {
      this.log(`[HA][WARN] campaign for ${dpidHex(dpid)} failed: ${errText(e)}`)
      return
    }
    await this.evaluate(dpid)
  }

  /** Who is master of `dpid`? The oldest key under its prefix. Serialised per datapath. */
  private async evaluate(dpid: bigint): Promise<void> {
    const running = this.evaluating.get(dpid)
    if (running) {
      running.again = true
      return
    }
    const flag = { again: true }
    this.evaluating.set(dpid, flag)
    try {
      while (flag.again) {
        flag.again = false
        const m = this.wanted.get(dpid)
        if (!m) break
        let first: IKeyValue | undefined
        try {
          const res = await this.client.getAll().prefix(`${this.prefix}/${dpidHex(dpid)}/`).sort('Create', 'Ascend').limit(1).exec()
          first = res.kvs[0]
        } catch (e) {
          this.log(`[HA][WARN] mastership lookup for ${dpidHex(dpid)} failed: ${errText(e)}`)
          break
        }
        if (!this.wanted.has(dpid)) break
        const mine = this.leaseId !== undefined && first !== undefined && first.key.toString() === this.key(dpid, this.leaseId)
        const role: Role = mine && this.state === 'connected' && this.now() < this.validUntil ? 'master' : 'slave'
        this.update(m, role, first ? BigInt(first.create_revision) : m.generationId, first ? first.value.toString() : undefined)
        // Our own key missing (lease lost and renewed, or deleted by an operator): campaign again.
        if (first === undefined && this.leaseId !== undefined && this.state === 'connected') void this.campaign(dpid)
      }
    } finally {
      this.evaluating.delete(dpid)
    }
  }

  private update(m: DatapathMastership, role: Role, generationId: bigint | undefined, master: string | undefined): void {
    if (m.role === role && m.generationId === generationId && m.master === master) return
    const was = m.role
    m.role = role
    m.generationId = generationId
    m.master = master
    if (was !== role) this.log(`[HA][INFO] SW=${dpidHex(m.dpid)} instance ${this.name} is now ${role} (master ${master ?? 'none'}, generation ${generationId ?? '-'})`)
    this.emit('change', { ...m })
  }

  private setState(s: EtcdState): void {
    if (this.state === s) return
    this.state = s
    this.emit('etcd', s)
  }
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
