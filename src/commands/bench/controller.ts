import { Flags } from '@oclif/core'
import { OflCommand, usageError } from '../../cli/base.js'
import { benchController, formatBenchReport, type BenchControllerReport } from '../../bench/controller/index.js'

const seconds = Flags.custom<number>({ parse: async (s) => Number(s) })

export default class BenchController extends OflCommand {
  static override summary = 'Load a running OpenFlow controller with emulated switches (cbench-style) and measure it.'
  static override description =
    'Each emulated switch connects to TARGET, negotiates OpenFlow 1.0 or 1.3, answers the handshake and streams 64-byte ' +
    'PACKET_INs with varying source MACs. Counts FLOW_MOD (add/modify) and PACKET_OUT responses, structure-checks each one ' +
    '(every --validate-every-th also with the full ofl decoders), reports responses/s, round-trip p50/p99 and every error; ' +
    'reconnects after a disconnect; stops after --duration. --of takes a list (1.0,1.3), as `ofl controller --of` does: ' +
    'each version is run in turn, and --json then prints {"runs": [report, …]} instead of one report.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --target 127.0.0.1:6653',
    '<%= config.bin %> <%= command.id %> --target 127.0.0.1:6653 --switches 16 --of 1.0 --mode latency --duration 3',
    '<%= config.bin %> <%= command.id %> --target 127.0.0.1:6653 --of 1.0,1.3',
    '<%= config.bin %> <%= command.id %> --target 127.0.0.1:6653 --no-learn-dst --json',
  ]
  static override enableJsonFlag = true
  static override flags = {
    target: Flags.string({ description: 'controller address HOST:PORT', required: true }),
    switches: Flags.integer({ description: 'emulated switches (datapath ids 1…K)', default: 1, min: 1, max: 4096 }),
    of: Flags.string({ description: 'OpenFlow version(s) of the emulated switches, comma-separated (1.0, 1.3); each is run in turn', default: '1.3' }),
    mode: Flags.string({ description: 'throughput: a window of packet-ins in flight; latency: one per switch', options: ['throughput', 'latency'], default: 'throughput' }),
    duration: seconds({ description: 'measured seconds', default: 5 }),
    warmup: seconds({ description: 'seconds before measuring (handshakes, learning)', default: 1 }),
    macs: Flags.integer({ description: 'distinct source MACs per switch', default: 100_000, min: 1 }),
    'learn-dst': Flags.boolean({ description: 'destination MAC learned first (flow-mods), or unknown (floods)', default: true, allowNo: true }),
    buffered: Flags.boolean({ description: 'packet-ins name a switch buffer, as cbench (the answer must reference it), or carry OFP_NO_BUFFER', default: true, allowNo: true }),
    window: Flags.integer({ description: 'packet-ins in flight per switch in throughput mode (default 1024/K, at least 8)', min: 1 }),
    'validate-every': Flags.integer({ description: 'decode every Nth response with the full ofl codecs (all get a structure check)', default: 16, min: 1 }),
  }

  async run(): Promise<BenchControllerReport | { runs: BenchControllerReport[] }> {
    const { flags: f } = await this.parse(BenchController)
    const versions = benchVersions(f.of)
    const runs: BenchControllerReport[] = []
    for (const of of versions) {
      const report = await benchController({
        target: f.target, switches: f.switches, of, mode: f.mode as 'throughput' | 'latency', duration: f.duration, warmup: f.warmup,
        macs: f.macs, learnDst: f['learn-dst'], buffered: f.buffered, window: f.window, validateEvery: f['validate-every'],
      })
      this.log((runs.length ? '\n' : '') + formatBenchReport(report))
      runs.push(report)
    }
    return runs.length === 1 ? runs[0]! : { runs }
  }
}

/** The emulated switches speak OpenFlow 1.0 and 1.3: `--of 1.0,1.3` → ['1.0', '1.3'] (order kept, repeats dropped). */
function benchVersions(text: string): string[] {
  const out: string[] = []
  for (const v of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (v !== '1.0' && v !== '1.3') throw usageError('BAD_OF_VERSION', `--of: the emulated switches speak OpenFlow 1.0 and 1.3, not ${JSON.stringify(v)}`)
    if (!out.includes(v)) out.push(v)
  }
  if (!out.length) throw usageError('BAD_OF_VERSION', '--of: no OpenFlow version given')
  return out
}
