import { Flags } from '@oclif/core'
import { OflCommand } from '../../cli/base.js'
import { askController } from '../../cli/controller.js'
import { formatLacpStats, DEFAULT_OF_PORT, type LacpStatus } from '../../controller/index.js'

export default class LacpShowStats extends OflCommand {
  static override summary = 'Show the LACP counters of a running `ofl controller` (like `ovs-appctl lacp/show-stats`).'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --port 6633 --json']
  static override enableJsonFlag = true
  static override flags = {
    port: Flags.integer({ description: 'OpenFlow port of the controller (selects its default control socket)', default: DEFAULT_OF_PORT }),
    socket: Flags.string({ description: 'control socket path (overrides --port)' }),
  }

  async run(): Promise<LacpStatus> {
    const { flags } = await this.parse(LacpShowStats)
    const status = await askController(flags.port, flags.socket, 'lacp/show-stats')
    this.log(formatLacpStats(status.lacp))
    return status.lacp
  }
}
