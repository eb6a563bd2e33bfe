import { Flags } from '@oclif/core'
import { OflCommand } from '../../cli/base.js'
import { askController } from '../../cli/controller.js'
import { formatHaShow, formatLacpShow, DEFAULT_OF_PORT, type LacpStatus, type HaStatus } from '../../controller/index.js'

export default class LacpShow extends OflCommand {
  static override summary = 'Show the LACP state of a running `ofl controller` (like `ovs-appctl lacp/show`).'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --port 6633 --json', '<%= config.bin %> <%= command.id %> --socket /run/ofl.sock']
  static override enableJsonFlag = true
  static override flags = {
    port: Flags.integer({ description: 'OpenFlow port of the controller (selects its default control socket)', default: DEFAULT_OF_PORT }),
    socket: Flags.string({ description: 'control socket path (overrides --port)' }),
  }

  async run(): Promise<LacpStatus & { ha?: HaStatus }> {
    const { flags } = await this.parse(LacpShow)
    const status = await askController(flags.port, flags.socket, 'lacp/show')
    // With --etcd: which instance masters each switch, before the bonds.
    if (status.ha) this.log(formatHaShow(status.ha) + '\n')
    this.log(formatLacpShow(status.lacp))
    return status.ha ? { ...status.lacp, ha: status.ha } : status.lacp
  }
}
