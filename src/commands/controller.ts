import { Flags } from '@oclif/core'
import { OflCommand } from '../cli/base.js'
import cluster from 'node:cluster'
import { hostname } from 'node:os'
import { parseWorkers, serveAsWorker, startPrimary } from '../controller/workers.js'
import { startControllerFromConfig } from '../controller/index.js'
import { loadConfig, type RawConfig } from '../controller/config.js'
import { etcdSecurityFromFiles, parseEtcdEndpoints } from '../controller/ha/mastership.js'

export default class ControllerCommand extends OflCommand {
  static override summary = 'Run an OpenFlow controller with LACP link aggregation and a bond-aware learning switch.'
  static override description =
    'Answers LACPDUs on the configured bond ports (Ryu lacplib parity by default; --profile standard selects members like a switch: ' +
    'partner agreement, max-active/standby, min-links, fallback-ab, MC-LAG across two switches), installs the per-member liveness flows, ' +
    'detects member loss through FlowRemoved, PortStatus and its own timer, and forwards traffic treating each bond as one port. ' +
    'Every flag is also a key of the --config file (YAML or JSON); flags win. SIGHUP or `ofl controller reload` re-reads the file. ' +
    'Runs until SIGINT/SIGTERM.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --bond 1:1,2',
    '<%= config.bin %> <%= command.id %> --bond 0000000000000001:1,2 --bond 1:3,4 --of 1.3 --port 6633',
    '<%= config.bin %> <%= command.id %> --bond "0x1:1,2;max-active=1;min-links=1" --profile standard --lacp active --lacp-rate fast',
    '<%= config.bin %> <%= command.id %> --profile standard --lacp active --isl 1:9-2:9 --bond "1:1+2:1;system-id=02:00:00:00:aa:00;key=10"',
    '<%= config.bin %> <%= command.id %> --config /etc/ofl/controller.yaml --metrics 127.0.0.1:9464 --log-format json',
    '<%= config.bin %> <%= command.id %> --bond 1:1,2 --host 0.0.0.0 --etcd http://10.0.0.5:2379 --name c1',
    'OFL_ETCD_PASSWORD=… <%= config.bin %> <%= command.id %> --bond 1:1,2 --etcd https://10.0.0.5:2379 --etcd-ca ca.pem --etcd-cert c1.pem --etcd-key c1-key.pem --etcd-user ofl --name c1',
  ]
  static override flags = {
    config: Flags.string({ description: 'YAML or JSON file whose keys are these flags\' names (flags given here win)' }),
    host: Flags.string({ description: 'address to listen on [default: 127.0.0.1]' }),
    port: Flags.integer({ description: 'TCP port to listen on [default: 6653]', min: 0, max: 65535 }),
    bond: Flags.string({ description: 'a bond: DPID:PORT,PORT[+DPID:PORT,...][;key=K;max-active=N;min-links=N;fallback-ab;system-id=MAC;system-priority=P;name=N] (repeatable)', multiple: true }),
    'port-priority': Flags.string({ description: 'a member\'s LACP port priority: DPID:PORT=N (repeatable)', multiple: true }),
    'port-id': Flags.string({ description: 'a member\'s LACP port id: DPID:PORT=N (repeatable; default port, or dp_index*100+port on MC-LAG)', multiple: true }),
    isl: Flags.string({ description: 'inter-switch link for MC-LAG bonds: DPID:PORT-DPID:PORT (repeatable)', multiple: true }),
    of: Flags.string({ description: 'allowed OpenFlow versions [default: 1.0,1.2,1.3]' }),
    lacp: Flags.string({ description: 'LACP activity [default: passive]', options: ['passive', 'active'] }),
    'lacp-rate': Flags.string({ description: 'the rate we ask the partner for (default: mirror the partner)', options: ['fast', 'slow'] }),
    profile: Flags.string({ description: 'actor semantics [default: ryu]', options: ['ryu', 'standard'] }),
    'control-socket': Flags.string({ description: 'Unix socket for `ofl lacp show` and `ofl controller reload` (default: per port, in the runtime dir)' }),
    metrics: Flags.string({ description: 'serve Prometheus metrics at http://HOST:PORT/metrics' }),
    'log-level': Flags.string({ description: 'least severe level logged [default: info]; debug adds a line per LACPDU', options: ['error', 'warn', 'info', 'debug'] }),
    'log-format': Flags.string({ description: 'log line format [default: text]', options: ['text', 'json'] }),
    etcd: Flags.string({ description: 'hot standby: etcd endpoints (comma-separated URLs); the elected instance masters each switch' }),
    name: Flags.string({ description: 'this instance\'s name in the etcd election (default: HOSTNAME-PID)', dependsOn: ['etcd'] }),
    workers: Flags.string({ description: 'processes sharing the listening port (a switch lives in one); auto = one per core', default: '1' }),
    'lease-ttl': Flags.integer({ description: 'etcd lease in seconds: a dead master is replaced after about this long', default: 1, min: 1 }),
    'etcd-ca': Flags.string({ description: 'PEM CA bundle that signed etcd\'s server certificate (https:// endpoints)', dependsOn: ['etcd'] }),
    'etcd-cert': Flags.string({ description: 'PEM client certificate for etcd (--client-cert-auth); needs --etcd-key', dependsOn: ['etcd'] }),
    'etcd-key': Flags.string({ description: 'PEM private key of --etcd-cert', dependsOn: ['etcd'] }),
    'etcd-user': Flags.string({ description: 'etcd user (auth enabled); the password comes from --etcd-password-file or env OFL_ETCD_PASSWORD', dependsOn: ['etcd'] }),
    'etcd-password-file': Flags.string({ description: 'file holding the --etcd-user password (one line)', dependsOn: ['etcd-user'] }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(ControllerCommand)
    const { config: file, etcd, name, workers: workersFlag, 'lease-ttl': leaseTtl, 'etcd-ca': ca, 'etcd-cert': cert, 'etcd-key': key, 'etcd-user': user, 'etcd-password-file': passwordFile, ...given } = flags
    const raw: RawConfig = given
    const cfg = loadConfig(raw, file)
    const workers = parseWorkers(workersFlag)
    const endpoints = etcd === undefined ? undefined : parseEtcdEndpoints(etcd)
    const security = endpoints && etcdSecurityFromFiles({ ca, cert, key, user, passwordFile }, endpoints)
    if (workers > 1 && cluster.isPrimary) {
      const p = await startPrimary(workers, { host: cfg.host, port: cfg.port, controlSocket: cfg.controlSocket, metrics: cfg.metrics, log: (l) => this.log(l) })
      this.log(`ofl controller listening on ${p.address} with ${workers} workers; control socket ${p.controlPath}${p.metricsAddress ? `; metrics http://${p.metricsAddress}/metrics` : ''}`)
      const stop = () => void p.close()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      process.on('SIGHUP', () => void p.reload()) // each worker logs the outcome
      await p.closed
      process.removeAllListeners('SIGHUP')
      return
    }
    // A worker serves its metrics to the primary (which merges them), not over HTTP.
    const c = await startControllerFromConfig(cluster.isWorker ? { ...cfg, metrics: undefined } : cfg, {
      reload: file ? () => loadConfig(raw, file) : undefined,
      controlSocket: cluster.isWorker ? false : undefined,
      ha: endpoints && { endpoints, security, name: name ?? `${hostname()}-${cluster.isWorker ? process.ppid : process.pid}`, ttlSeconds: leaseTtl },
    })
    if (cluster.isWorker) {
      serveAsWorker(c)
      await c.closed
      return
    }
    this.log(`ofl controller listening on ${c.address}; control socket ${c.controlPath}${c.metricsAddress ? `; metrics http://${c.metricsAddress}/metrics` : ''}`)
    const stop = () => void c.close()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    process.on('SIGHUP', () => void c.reload().catch(() => undefined)) // the controller logs the outcome
    await c.closed // oclif exits 10 s after run() resolves: stay until the server is closed
    process.removeAllListeners('SIGHUP')
  }
}
