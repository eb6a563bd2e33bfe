import { Flags } from '@oclif/core'
import { OflCommand } from '../../cli/base.js'
import { controlSocketPath, DEFAULT_OF_PORT } from '../../controller/index.js'
import { controlRequest, formatReload, type ReloadResult } from '../../controller/control-client.js'

export default class ControllerReload extends OflCommand {
  static override summary = 'Make a running `ofl controller` re-read its --config file (like sending it SIGHUP).'
  static override description =
    'Unchanged bonds keep negotiating, changed bonds renegotiate, removed bonds are cleaned up (flows and groups). ' +
    'A bad file is refused with its line and field, and the running configuration stays.'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --socket /run/ofl.sock --json']
  static override enableJsonFlag = true
  static override flags = {
    port: Flags.integer({ description: 'OpenFlow port of the controller (selects its default control socket)', default: DEFAULT_OF_PORT }),
    socket: Flags.string({ description: 'control socket path (overrides --port)' }),
  }

  async run(): Promise<ReloadResult> {
    const { flags } = await this.parse(ControllerReload)
    const r = await controlRequest<ReloadResult>(flags.socket ?? controlSocketPath(flags.port), 'reload', 15_000)
    this.log(formatReload(r))
    return r
  }
}
