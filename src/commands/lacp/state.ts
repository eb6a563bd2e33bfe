import { Args } from '@oclif/core'
import { OflCommand } from '../../cli/base.js'
import { describeState, parseState, type DecodedState } from '../../lacp/state.js'

export default class LacpState extends OflCommand {
  static override summary = 'Decode LACP actor/partner state bytes (as shown in decimal by /proc/net/bonding).'
  static override description =
    'Each STATE is a number (61, 0x3d, 0b111101), a flag list (activity,timeout,aggregation) or a Wireshark string (**DCSG*A). ' +
    'Prints the value, tcpdump\'s flag names and Wireshark\'s EFDCSGSA string.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> 69',
    '<%= config.bin %> <%= command.id %> 7 69 0x3d',
    '<%= config.bin %> <%= command.id %> activity,aggregation,synchronization --json',
  ]
  static override strict = false
  static override enableJsonFlag = true
  static override args = { state: Args.string({ description: 'state byte(s) to decode', required: true }) }

  protected override usageCodes = new Set(['BAD_LACP_STATE'])

  async run(): Promise<DecodedState[]> {
    const { argv } = await this.parse(LacpState)
    const states = (argv as string[]).map((s) => describeState(parseState(s)))
    for (const s of states) this.log(`${String(s.value).padStart(3)}  ${s.hex}  ${s.compact}  ${s.names}`)
    return states
  }
}
