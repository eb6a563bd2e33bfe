import { writeFile } from 'node:fs/promises'
import { Args, Flags } from '@oclif/core'
import { OflCommand } from '../../cli/base.js'
import { encodeJsonTexts, readInput } from '../../openflow/files.js'

export default class OfEncode extends OflCommand {
  static override summary = 'Encode OpenFlow messages from their JSON form (as `ofl of decode --json` prints it) to bytes.'
  static override description =
    'Each JSON input holds one message {version, type, xid, …}, an array of them, or a whole `of decode --json` document ' +
    '(every message is re-encoded; entries that could not be decoded are written from their raw bytes). Messages are ' +
    'written back to back to --out, or printed as hex with --hex. Use - for stdin.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> hello.json --out hello.bin',
    '<%= config.bin %> <%= command.id %> messages.json --hex',
    '<%= config.bin %> of decode capture.pcap --json | <%= config.bin %> <%= command.id %> - --out stream.bin',
  ]
  static override strict = false
  static override args = { json: Args.string({ description: 'JSON file(s); - for stdin', required: true }) }
  static override flags = {
    out: Flags.string({ char: 'o', description: 'write the bytes to this file', exactlyOne: ['out', 'hex'] }),
    hex: Flags.boolean({ description: 'print one line of hex per message instead of writing a file', exactlyOne: ['out', 'hex'] }),
  }

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(OfEncode)
    const texts = await Promise.all((argv as string[]).map(async (p) => (await readInput(p)).toString('utf8')))
    const messages = encodeJsonTexts(texts)
    if (flags.hex) for (const m of messages) this.log(m.toString('hex'))
    else {
      await writeFile(flags.out!, Buffer.concat(messages))
      this.logToStderr(`${messages.length} message${messages.length === 1 ? '' : 's'}, ${messages.reduce((n, m) => n + m.length, 0)} bytes → ${flags.out}`)
    }
  }
}
