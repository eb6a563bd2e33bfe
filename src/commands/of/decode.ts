import { Args, Flags } from '@oclif/core'
import { OflCommand } from '../../cli/base.js'
import { writeOfDecode } from '../../openflow/print/report.js'
import { stdoutWriter } from '../../openflow/files.js'

export default class OfDecode extends OflCommand {
  static override summary = 'Decode OpenFlow 1.0/1.2/1.3 messages from raw files, hex text or pcap/pcapng captures.'
  static override description =
    'The input kind is sniffed from the content: pcap/pcapng (TCP on ports 6653 and 6633, or --port, reassembled per ' +
    'direction), hex text, or raw messages back to back. Prints one ofp-print style line per message plus details; ' +
    'malformed messages and stream damage are reported inline with a code and offset and decoding goes on. ' +
    '--json streams one document {messages[{frame, time, connection, direction, offset, message}], errors, inputs, ' +
    'summary}, which `ofl of encode` turns back into the same bytes. Use - for stdin.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> packet_in.bin',
    '<%= config.bin %> <%= command.id %> capture.pcapng --port 6634',
    '<%= config.bin %> <%= command.id %> capture.pcap --json > messages.json',
    "echo '04 00 00 08 00 00 00 01' | <%= config.bin %> <%= command.id %> -",
  ]
  static override strict = false
  static override enableJsonFlag = true
  static override args = { file: Args.string({ description: 'raw, hex or capture file(s); - for stdin', required: true }) }
  static override flags = {
    port: Flags.integer({ description: 'TCP port carrying OpenFlow (repeatable; default 6653 and 6633)', multiple: true, min: 1, max: 65535 }),
    verbose: Flags.boolean({ char: 'v', description: 'add hexdumps of every message and payload' }),
    limit: Flags.integer({ description: 'stop after N messages', min: 1 }),
  }

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(OfDecode)
    await writeOfDecode(argv as string[], { ports: flags.port, limit: flags.limit, verbose: flags.verbose, json: this.jsonEnabled() }, stdoutWriter())
  }

  // The JSON document is streamed by writeOfDecode; oclif must not print a second one.
  override logJson(): void {}
}
