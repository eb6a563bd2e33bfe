import { Args, Flags } from '@oclif/core'
import { OflCommand } from '../../cli/base.js'
import { checkInputs } from '../../cli/io.js'
import { formatDecodeBench, runDecodeBench, type DecodeBenchReport } from '../../bench/openflow.js'
import { toJsonValue } from '../../wire/json.js'

export default class BenchDecode extends OflCommand {
  static override summary = 'Benchmark OpenFlow framing, packet-in view/full decode and LACPDU reads (medians of several runs).'
  static override description =
    'Without FILE: a built-in stream of 400 back-to-back OF1.0 and OF1.3 packet-ins carrying 124-byte LACPDU frames. ' +
    'FILE may be a raw OpenFlow byte stream or a pcap/pcapng capture (TCP 6653/6633 payloads). ' +
    'Reports msgs/s and MB/s per case with the ratio to the framing-only baseline, hand-written and binary-parser side by side.'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --runs 9 --json',
    '<%= config.bin %> <%= command.id %> capture.pcapng',
  ]
  static override enableJsonFlag = true
  static override args = { file: Args.string({ description: 'raw OpenFlow stream or pcap/pcapng capture' }) }
  static override flags = {
    runs: Flags.integer({ description: 'timed runs per case (the median is reported)', min: 1, default: 7 }),
    'min-ms': Flags.integer({ description: 'minimum milliseconds per run', min: 1, default: 200 }),
    clock: Flags.string({ description: 'time runs by process CPU time (shared machines) or wall time', options: ['cpu', 'wall'], default: 'cpu' }),
  }

  async run(): Promise<DecodeBenchReport> {
    const { args, flags } = await this.parse(BenchDecode)
    if (args.file !== undefined) await checkInputs([args.file])
    const report = await runDecodeBench({ file: args.file, runs: flags.runs, minMs: flags['min-ms'], clock: flags.clock as 'cpu' | 'wall' })
    this.log(formatDecodeBench(report))
    return toJsonValue<DecodeBenchReport>(report)
  }
}
