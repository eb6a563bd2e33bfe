import { Args, Flags } from '@oclif/core'
import { CliError, EXIT_BAD_INPUT, OflCommand } from '../../cli/base.js'
import { checkInputs } from '../../cli/io.js'
import { progressRenderer } from '../../capture/progress.js'
import { writeOfDecode } from '../../oflacp/print/report.js'
import { stdoutWriter } from '../../openflow/files.js'

export default class OfDecode extends OflCommand {
  static override summary = 'Decode OpenFlow 1.0/1.2/1.3 messages from raw files, hex text or pcap/pcapng captures.'
  static override description =
    'The input kind is sniffed from the content: pcap/pcapng (TCP on ports 6653 and 6633, or --port, reassembled per ' +
    'direction), hex text, or raw messages back to back. Prints one ofp-print style line per message plus details; ' +
    'malformed messages and stream damage are reported inline with a code and offset and decoding goes on; the exit ' +
    'status is then 1 (and the --json document has an "error" member with the first problem). Times are local like tshark (--utc for UTC). ' +
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
    count: Flags.integer({ char: 'c', description: 'stop after N messages', min: 1, aliases: ['limit'] }),
    utc: Flags.boolean({ description: 'print times in UTC instead of local time' }),
  }

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(OfDecode)
    await checkInputs(argv as string[])
    const out = stdoutWriter()
    const json = this.jsonEnabled()
    let started = false
    const sink = { write: (s: string) => { started = true; out.write(s) }, flush: out.flush }
    // a progress line on a terminal's stderr while the output goes to a file or pipe (not between streamed lines)
    const progress = process.stdout.isTTY ? undefined : progressRenderer()
    let report
    try {
      report = await writeOfDecode(argv as string[], { ports: flags.port, limit: flags.count, verbose: flags.verbose, utc: flags.utc, json, onProgress: progress?.update }, sink)
    } catch (e) {
      // a failure after the document began: close it with the error member (still one valid document)
      if (json && started) {
        const { classifyError, errorMember } = await import('../../cli/base.js')
        sink.write(`\n],"error":${JSON.stringify(errorMember(classifyError(e)))}}\n`)
        await out.flush()
        this.jsonDocumentStarted = true
      }
      throw e
    } finally {
      progress?.done()
    }
    if (report.failure) {
      this.jsonDocumentStarted = true // the document carries the error member
      const more = report.summary.decodeErrors + report.summary.streamErrors - 1
      throw new CliError(report.failure.code, `${report.failure.message}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'} in the input)` : ''}`, EXIT_BAD_INPUT, report.failure.offset)
    }
  }
}
