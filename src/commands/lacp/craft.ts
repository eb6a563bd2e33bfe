import { Flags } from '@oclif/core'
import { OflCommand } from '../../cli/base.js'
import { checkInputs } from '../../cli/io.js'
import { formatCraft, runCraft, type CraftFlags, type CraftReport } from '../../lacp/craft.js'

const s = (description: string) => Flags.string({ description })
export default class LacpCraft extends OflCommand {
  static override summary = 'Build LACPDUs or Marker PDUs (Ethernet frames) from flags, from JSON, or as replies to an input.'
  static override description = 'Output is hex (one frame per line), --json, or a classic pcap with --out that tshark and tcpdump decode. ' +
    'Numbers take decimal or 0x…; states take a number, flag names (activity,timeout,aggregation,synchronization,collecting,distributing,defaulted,expired) or a Wireshark string (**DCSGSA). ' +
    '--reply-to answers each LACPDU of a hex file, vector file or pcap/pcapng, like Ryu\'s lacplib (--profile ryu) or per 802.1AX (--profile standard); Marker Information PDUs get a Marker Response.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --actor-system 02:00:00:00:11:00 --actor-key 1 --actor-port 1 --actor-state activity,timeout,aggregation',
    '<%= config.bin %> <%= command.id %> --reply-to fixtures/vectors/lacp/ovs-fast.hex --profile ryu --out reply.pcap',
    '<%= config.bin %> <%= command.id %> --marker info --requester-system 02:00:00:00:11:00 --requester-port 1 --requester-transaction-id 7 --json',
    '<%= config.bin %> <%= command.id %> --from pdus.json --out crafted.pcap',
  ]
  static override enableJsonFlag = true
  static override flags = {
    'actor-system': s('actor system MAC'), 'actor-system-priority': s('actor system priority (default 32768)'), 'actor-key': s('actor key'),
    'actor-port': s('actor port'), 'actor-port-priority': s('actor port priority (default 32768)'), 'actor-state': s('actor state: number, flags or EFDCSGSA'),
    'partner-system': s('partner system MAC'), 'partner-system-priority': s('partner system priority'), 'partner-key': s('partner key'),
    'partner-port': s('partner port'), 'partner-port-priority': s('partner port priority'), 'partner-state': s('partner state'),
    'collector-max-delay': s('collector max delay (tens of µs)'), 'lacp-version': s('LACP version number (default 1)'),
    src: s('Ethernet source (default: the actor system)'), dst: s('Ethernet destination (default 01:80:c2:00:00:02)'), vlan: s('add an 802.1Q tag with this VID'),
    marker: Flags.string({ description: 'build a Marker PDU instead', options: ['info', 'response'] }),
    'requester-port': s('Marker requester port'), 'requester-system': s('Marker requester system MAC'), 'requester-transaction-id': s('Marker transaction id'),
    from: Flags.string({ description: 'JSON file: PDUs as the decoders/--json emit them' }),
    'reply-to': Flags.string({ description: 'answer every LACPDU of this hex/vector/pcap/pcapng file' }),
    profile: Flags.string({ description: 'reply profile', options: ['ryu', 'standard'], default: 'ryu' }),
    mode: Flags.string({ description: 'standard profile: LACP activity', options: ['active', 'passive'] }),
    rate: Flags.string({ description: 'standard profile: timeout we ask for', options: ['fast', 'slow'] }),
    unselected: Flags.boolean({ description: 'standard profile: the member is not selected (no sync)' }),
    out: Flags.string({ char: 'o', description: 'write a classic pcap (Ethernet) to this file' }),
    verbose: Flags.boolean({ char: 'v', description: 'print tcpdump -v style text instead of hex' }),
  }

  async run(): Promise<CraftReport> {
    const { flags } = await this.parse(LacpCraft)
    await checkInputs([flags.from, flags['reply-to']].filter((x): x is string => x !== undefined))
    // flag values are usage errors (2); the same codes from a --from/--reply-to file are input errors (1)
    if (flags.from === undefined && flags['reply-to'] === undefined) this.usageCodes = new Set(['BAD_FIELD', 'BAD_MAC', 'BAD_LACP_STATE'])
    const f = Object.fromEntries(Object.entries(flags).map(([k, v]) => [k.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()), v])) as CraftFlags
    const { result, report } = await runCraft(f)
    this.log(formatCraft(result, { verbose: flags.verbose, out: flags.out }))
    return report
  }
}
