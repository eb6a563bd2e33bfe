// `ofl controller --metrics HOST:PORT`: Prometheus text exposition at /metrics (prom-client), after
// Faucet's faucet/faucet_metrics.py (port_lacp_state, port_lacp_role, port_lacp_state_change_count).
// Nothing is counted on the packet path for this: the controller keeps its plain counters and every
// metric reads a snapshot at scrape time (prom-client `collect`), so the hot path pays nothing.
//
// Encodings (documented in the README as well):
//   ofl_lacp_port_state{dpid,port}: 0 down (link down or switch not connected), 1 defaulted (no LACPDU),
//     2 expired (partner went silent), 3 detached (partner disagrees: other system/key, loopback,
//     individual), 4 attached but not forwarding (waiting for sync, standby, unselected, below
//     min-links), 5 up (collecting and distributing).
//   ofl_lacp_port_role{dpid,port}: 1 unselected, 2 selected, 3 standby (Faucet's LACP_PORT_* numbers).
//   ofl_role{dpid} (with --etcd): 1 this instance masters the datapath, 0 it is a standby (slave); summed
//     over the instances of a cluster it counts the masters of a switch (1 when healthy).
//   ofl_etcd_connected{name} (with --etcd; name = the instance's --name): 1 while this instance holds a live etcd lease; 0 while it has none
//     (connecting, or unreachable for the lease time: then it has stepped down everywhere).
//
// With `--workers N` every worker keeps this registry and the primary serves their merge (prom-client's
// AggregatorRegistry.aggregate over the workers' JSON, collected over the cluster channel by workers.ts
// from the workers that are up): each metric says how its per-worker samples combine (`aggregator`). Every worker
// lists every configured member and datapath, but only the one holding the switch has it connected, so
// states and roles take the maximum (the others report 0 down / 1 unselected / 0 not connected), and
// counters the sum (a switch that moved between workers counted in both).
import { createServer, type Server } from 'node:http'
import { AggregatorRegistry, Counter, Gauge, Registry } from 'prom-client'

export const LACP_PORT_STATE = { down: 0, defaulted: 1, expired: 2, detached: 3, attached: 4, up: 5 } as const
export type LacpPortState = keyof typeof LACP_PORT_STATE
export const LACP_PORT_ROLE = { unselected: 1, selected: 2, standby: 3 } as const
export type LacpPortRole = keyof typeof LACP_PORT_ROLE

export interface MemberMetrics {
  dpid: string
  port: number
  bond: string
  state: LacpPortState
  role: LacpPortRole
  stateChanges: number
  pdusReceived: number
  pdusSent: number
}

export interface SwitchMetrics {
  dpid: string
  connected: boolean
  packetIn: number
  flowRemoved: number
}

export interface BondMetrics {
  bond: string
  forwarding: boolean
  activeMembers: number
}

/** With --etcd: this instance's role per datapath (HaCoordinator.status()). */
export interface RoleMetrics {
  dpid: string
  role: 'master' | 'slave'
}

export interface MetricsSnapshot {
  switches: SwitchMetrics[]
  members: MemberMetrics[]
  bonds: BondMetrics[]
  roles?: RoleMetrics[]
  /** With --etcd: the etcd session state and the role changes since start. */
  ha?: { name: string; etcd: 'connecting' | 'connected' | 'unreachable' | 'closed'; roleChanges: number }
}

/** Something /metrics can serve: one registry, or the merge of every worker's. */
export interface MetricsSource {
  text(): Promise<string>
  readonly contentType: string
}

/** A registry whose metrics read `source()` at every scrape. */
export class ControllerMetrics implements MetricsSource {
  readonly registry = new Registry()
  private snap: MetricsSnapshot = { switches: [], members: [], bonds: [] }

  /** `worker`: this process's worker number under --workers (1 without), the `worker` label. */
  constructor(source: () => MetricsSnapshot, opts: { worker?: number } = {}) {
    const registers = [this.registry]
    const worker = String(opts.worker ?? 1)
    const take = () => (this.snap = source())
    const self = this
    new Gauge({
      name: 'ofl_lacp_port_state', help: 'LACP state of a bond member: 0 down, 1 defaulted, 2 expired, 3 detached, 4 attached (not forwarding), 5 up (collecting+distributing)',
      labelNames: ['dpid', 'port'], registers, aggregator: 'max',
      collect() {
        take() // the first metric collected takes the snapshot the others read
        this.reset()
        for (const m of self.snap.members) this.set({ dpid: m.dpid, port: m.port }, LACP_PORT_STATE[m.state])
      },
    })
    new Gauge({
      name: 'ofl_lacp_port_role', help: 'LACP selection role of a bond member: 1 unselected, 2 selected, 3 standby',
      labelNames: ['dpid', 'port'], registers, aggregator: 'max',
      collect() {
        this.reset()
        for (const m of self.snap.members) this.set({ dpid: m.dpid, port: m.port }, LACP_PORT_ROLE[m.role])
      },
    })
    const memberCounter = (name: string, help: string, pick: (m: MemberMetrics) => number) =>
      new Counter({
        name, help, labelNames: ['dpid', 'port'], registers, aggregator: 'sum',
        collect() {
          this.reset()
          for (const m of self.snap.members) this.inc({ dpid: m.dpid, port: m.port }, pick(m))
        },
      })
    memberCounter('ofl_lacp_state_changes_total', 'Forwarding state changes of a bond member', (m) => m.stateChanges)
    memberCounter('ofl_lacp_pdus_received_total', 'LACPDUs received on a bond member', (m) => m.pdusReceived)
    memberCounter('ofl_lacp_pdus_sent_total', 'LACPDUs sent on a bond member', (m) => m.pdusSent)
    new Gauge({
      name: 'ofl_switch_connected', help: '1 while the datapath has a ready OpenFlow connection', labelNames: ['dpid'], registers, aggregator: 'max',
      collect() {
        this.reset()
        for (const s of self.snap.switches) this.set({ dpid: s.dpid }, s.connected ? 1 : 0)
      },
    })
    const switchCounter = (name: string, help: string, pick: (s: SwitchMetrics) => number) =>
      new Counter({
        name, help, labelNames: ['dpid'], registers, aggregator: 'sum',
        collect() {
          this.reset()
          for (const s of self.snap.switches) this.inc({ dpid: s.dpid }, pick(s))
        },
      })
    switchCounter('ofl_packet_in_total', 'OFPT_PACKET_IN messages received', (s) => s.packetIn)
    switchCounter('ofl_flow_removed_total', 'OFPT_FLOW_REMOVED messages received', (s) => s.flowRemoved)
    new Gauge({
      name: 'ofl_lacp_bond_forwarding', help: '1 while the bond carries traffic (min-links met)', labelNames: ['bond'], registers, aggregator: 'max',
      collect() {
        this.reset()
        for (const b of self.snap.bonds) this.set({ bond: b.bond }, b.forwarding ? 1 : 0)
      },
    })
    new Gauge({
      name: 'ofl_role', help: 'With --etcd: 1 while this instance is the master of the datapath, 0 while it is a standby (slave)', labelNames: ['dpid'], registers, aggregator: 'max',
      collect() {
        this.reset()
        for (const r of self.snap.roles ?? []) this.set({ dpid: r.dpid }, r.role === 'master' ? 1 : 0)
      },
    })
    new Gauge({
      name: 'ofl_etcd_connected', help: 'With --etcd: 1 while this instance holds a live etcd lease, 0 without one (then it is standby everywhere)', labelNames: ['name'], registers, aggregator: 'min',
      collect() {
        this.reset()
        if (self.snap.ha) this.set({ name: self.snap.ha.name }, self.snap.ha.etcd === 'connected' ? 1 : 0)
      },
    })
    new Counter({
      name: 'ofl_role_changes_total', help: 'With --etcd: promotions to master and demotions to standby on the switches of this instance', labelNames: ['name'], registers, aggregator: 'sum',
      collect() {
        this.reset()
        if (self.snap.ha) this.inc({ name: self.snap.ha.name }, self.snap.ha.roleChanges)
      },
    })
    new Gauge({
      name: 'ofl_worker_switches', help: 'Ready switch connections held by each worker process (--workers; worker 1 without)', labelNames: ['worker'], registers, aggregator: 'sum',
      collect() {
        this.reset()
        this.set({ worker }, self.snap.switches.filter((s) => s.connected).length)
      },
    })
    new Gauge({
      name: 'ofl_lacp_bond_active_members', help: 'Members of the bond collecting and distributing', labelNames: ['bond'], registers, aggregator: 'sum',
      collect() {
        this.reset()
        for (const b of self.snap.bonds) this.set({ bond: b.bond }, b.activeMembers)
      },
    })
  }

  /** The exposition text (what /metrics serves). */
  text(): Promise<string> {
    return this.registry.metrics()
  }

  get contentType(): string {
    return this.registry.contentType
  }
}

/** One worker's registry as the primary collects it (prom-client's JSON form, sent over the IPC channel). */
export type WorkerMetrics = Awaited<ReturnType<Registry['getMetricsAsJSON']>>

/**
 * In the `--workers` primary: /metrics as the merge of what `collect` gathers from the live workers,
 * combined per metric by its `aggregator` (prom-client's AggregatorRegistry.aggregate).
 */
export function mergedMetrics(collect: () => Promise<WorkerMetrics[]>): MetricsSource {
  return {
    text: async () => AggregatorRegistry.aggregate(await collect()).metrics(),
    contentType: Registry.PROMETHEUS_CONTENT_TYPE,
  }
}

export interface MetricsServer {
  server: Server
  /** `host:port` actually bound (port 0 → the chosen one). */
  address: string
  close(): Promise<void>
}

/** Serve `metrics` at http://host:port/metrics. Rejects with the listen error (EADDRINUSE, …). */
export async function serveMetrics(metrics: MetricsSource, host: string, port: number): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics\n')
      return
    }
    metrics.text().then(
      (body) => res.writeHead(200, { 'content-type': metrics.contentType }).end(body),
      (e: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${(e as Error).message}\n`),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const a = server.address()
  const bound = typeof a === 'object' && a ? a.port : port
  return {
    server,
    address: `${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
