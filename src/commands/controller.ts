import { Flags } from '@oclif/core'
import { OflCommand } from '../cli/base.js'
import cluster from 'node:cluster'
import { hostname } from 'node:os'
import { parseWorkers, serveAsWorker, startPrimary } from '../controller/workers.js'
import { parseBondSpec, parseOfVersions, startController, DEFAULT_OF_PORT, type BondSpec } from '../controller/index.js'
import { parseEtcdEndpoints } from '../controller/ha/mastership.js'

const bondFlag = Flags.custom<BondSpec>({ parse: async (input) => parseBondSpec(input) })

export default class ControllerCommand extends OflCommand {
  static override summary = 'Run an OpenFlow controller with LACP link aggregation and a bond-aware learning switch.'
  static override description =
    'Answers LACPDUs on the configured bond ports (Ryu lacplib parity, with its fixes), installs the per-member liveness flows, ' +
    'detects member loss through FlowRemoved, and forwards traffic treating each bond as one port. Runs until SIGINT/SIGTERM.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --bond 1:1,2',
    '<%= config.bin %> <%= command.id %> --bond 0000000000000001:1,2 --bond 1:3,4 --of 1.3 --port 6633',
    '<%= config.bin %> <%= command.id %> --bond 0x1:1,2 --profile standard --lacp active --lacp-rate fast',
    '<%= config.bin %> <%= command.id %> --bond 1:1,2 --host 0.0.0.0 --etcd http://10.0.0.5:2379 --name c1',
  ]
  static override flags = {
    host: Flags.string({ description: 'address to listen on', default: '127.0.0.1' }),
    port: Flags.integer({ description: 'TCP port to listen on', default: DEFAULT_OF_PORT, min: 0, max: 65535 }),
    bond: bondFlag({ description: 'a bond: DPID:PORT,PORT[,...] (repeatable)', multiple: true }),
    of: Flags.string({ description: 'allowed OpenFlow versions', default: '1.0,1.2,1.3' }),
    lacp: Flags.string({ description: 'LACP activity', options: ['passive', 'active'], default: 'passive' }),
    'lacp-rate': Flags.string({ description: 'the rate we ask the partner for (default: mirror the partner)', options: ['fast', 'slow'] }),
    profile: Flags.string({ description: 'actor semantics', options: ['ryu', 'standard'], default: 'ryu' }),
    'control-socket': Flags.string({ description: 'Unix socket for `ofl lacp show` (default: per port, in the runtime dir)' }),
    etcd: Flags.string({ description: 'hot standby: etcd endpoints (comma-separated URLs); the elected instance masters each switch' }),
    name: Flags.string({ description: 'this instance\'s name in the etcd election (default: HOSTNAME-PID)', dependsOn: ['etcd'] }),
    workers: Flags.string({ description: 'processes sharing the listening port (a switch lives in one); auto = one per core', default: '1' }),
    'lease-ttl': Flags.integer({ description: 'etcd lease in seconds: a dead master is replaced after about this long', default: 1, min: 1 }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(ControllerCommand)
    const workers = parseWorkers(flags.workers)
    if (workers > 1 && cluster.isPrimary) {
      const p = await startPrimary(workers, { host: flags.host, port: flags.port, controlSocket: flags['control-socket'], log: (l) => this.log(l) })
      this.log(`ofl controller listening on ${p.address} with ${workers} workers; control socket ${p.controlPath}`)
      const stop = () => void p.close()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      await p.closed
      return
    }
    const c = await startController({
      host: flags.host, port: flags.port, bonds: flags.bond ?? [], versions: parseOfVersions(flags.of),
      lacpMode: flags.lacp as 'passive' | 'active', lacpRate: flags['lacp-rate'] as 'fast' | 'slow' | undefined,
      profile: flags.profile as 'ryu' | 'standard', controlSocket: cluster.isWorker ? false : flags['control-socket'],
      ha: flags.etcd === undefined ? undefined : { endpoints: parseEtcdEndpoints(flags.etcd), name: flags.name ?? `${hostname()}-${process.pid}`, ttlSeconds: flags['lease-ttl'] },
    })
    if (cluster.isWorker) {
      serveAsWorker(c)
      await c.closed
      return
    }
    this.log(`ofl controller listening on ${c.address}; control socket ${c.controlPath}`)
    const stop = () => void c.close()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    await c.closed // oclif exits 10 s after run() resolves: stay until the server is closed
  }
}
