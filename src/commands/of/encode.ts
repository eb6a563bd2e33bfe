import { writeFile } from 'node:fs/promises'
import { Args, Flags } from '@oclif/core'
import { OflCommand } from '../../cli/base.js'
import { checkInputs } from '../../cli/io.js'
import { encodeJsonTexts, readInput } from '../../openflow/files.js'

export default class OfEncode extends OflCommand {
  static override summary = 'Encode OpenFlow messages from their JSON form (as `ofl of decode --json` prints it) to bytes.'
  static override description =
    'Each JSON input holds one message {version, type, xid, …}, an array of them, or a whole `of decode --json` document ' +
    '(every message is re-encoded; entries that could not be decoded are written from their raw bytes). `type` is a number ' +
    'or a name as `of decode` prints it ("OFPT_ECHO_REQUEST"). The bytes go back to back to --out, or to stdout when it is ' +
    'not a terminal (a pipe or a file); --hex (the default on a terminal) prints one line of hex per message. Use - for stdin.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> hello.json -o hello.bin',
    '<%= config.bin %> <%= command.id %> messages.json --hex',
    'echo \'{"version":4,"type":"OFPT_ECHO_REQUEST","xid":1}\' | <%= config.bin %> <%= command.id %> - > echo.bin',
    '<%= config.bin %> of decode capture.pcap --json | <%= config.bin %> <%= command.id %> - > stream.bin',
  ]
  static override strict = false
  static override args = { json: Args.string({ description: 'JSON file(s); - for stdin', required: true }) }
  static override flags = {
    out: Flags.string({ char: 'o', description: 'write the bytes to this file (default: stdout when it is not a terminal)', exclusive: ['hex'] }),
    hex: Flags.boolean({ description: 'print one line of hex per message', exclusive: ['out'] }),
  }

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(OfEncode)
    await checkInputs(argv as string[])
    const texts = await Promise.all((argv as string[]).map(async (p) => (await readInput(p)).toString('utf8')))
    const messages = encodeJsonTexts(texts)
    const hex = flags.hex || (flags.out === undefined && process.stdout.isTTY === true)
    if (hex) {
      for (const m of messages) this.log(m.toString('hex'))
      return
    }
    const bytes = Buffer.concat(messages)
    const summary = `${messages.length} message${messages.length === 1 ? '' : 's'}, ${bytes.length} bytes`
    if (flags.out !== undefined) {
      try {
        await writeFile(flags.out, bytes)
      } catch (e) {
        throw Object.assign(e as Error, { output: true }) // cannot write the output: a runtime error, not bad input
      }
      this.logToStderr(`${summary} → ${flags.out}`)
    } else {
      await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (e) => (e ? reject(e) : resolve())))
    }
  }
}
