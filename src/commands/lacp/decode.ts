import { Args, Flags } from '@oclif/core'
import { OflCommand } from '../../cli/base.js'
import { progressRenderer } from '../../capture/progress.js'
import { decodeLacpCapture, streamSink } from '../../lacp/analysis/capture.js'

export default class LacpDecode extends OflCommand {
  static override summary = 'Decode the LACPDUs of pcap/pcapng captures and explain, per link, whether LACP negotiated and why not.'
  static override description =
    'Reads classic pcap (µs/ns, either byte order) and pcapng (any number of sections/interfaces); Ethernet, Linux SLL and SLL2 ' +
    'link types; VLAN tags peeled. Prints one line per LACPDU/Marker PDU, then per link a report like `ovs-appctl lacp/show`, ' +
    'a state timeline, the LAGs, and ranked verdicts with evidence. --json emits one document {pdus, links, lags, verdicts, summary} ' +
    '(schema: docs/lacp-decode-json.md). Use - to read stdin.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> fixtures/captures/ovs-bond-fast.pcap',
    '<%= config.bin %> <%= command.id %> capture.pcapng --verbose --limit 10',
    '<%= config.bin %> <%= command.id %> capture.pcap --link L2',
    'tcpdump -i eth0 -w - ether proto 0x8809 | <%= config.bin %> <%= command.id %> -',
    '<%= config.bin %> <%= command.id %> capture.pcap --json',
  ]
  static override strict = false
  static override enableJsonFlag = true
  static override args = { capture: Args.string({ description: 'pcap or pcapng file(s), - for stdin', required: true }) }
  static override flags = {
    limit: Flags.integer({ description: 'stop after N slow-protocol PDUs', min: 1 }),
    link: Flags.string({ description: 'only this link: its id (L1), an actor system/port (aa:bb:cc:dd:ee:ff/2), a MAC or an interface name' }),
    verbose: Flags.boolean({ char: 'v', description: 'add the field tree under each PDU' }),
    quiet: Flags.boolean({ char: 'q', description: 'no PDU lines, only the report' }),
  }

  private streamed = false

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(LacpDecode)
    const progress = progressRenderer()
    this.streamed = true
    await decodeLacpCapture(argv as string[], {
      limit: flags.limit, link: flags.link, verbose: flags.verbose, quiet: flags.quiet,
      format: this.jsonEnabled() ? 'json' : 'text', onProgress: progress?.update,
    }, streamSink(process.stdout)).finally(() => progress?.done())
  }

  // The JSON document is streamed (and closed with an "error" member on a broken capture) by the
  // library; oclif must not print a second document after it.
  override logJson(json: unknown): void {
    if (!this.streamed) return super.logJson(json)
    const e = (json as { error?: { message?: string } }).error
    if (e?.message) process.stderr.write(`Error: ${e.message}\n`)
  }
}
