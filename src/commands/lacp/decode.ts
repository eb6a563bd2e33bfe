import { Args, Flags } from '@oclif/core'
import { OflCommand, usageError, EXIT_VERDICT } from '../../cli/base.js'
import { checkInputs, stdoutSink } from '../../cli/io.js'
import { progressRenderer } from '../../capture/progress.js'
import { startLiveCapture, type LiveCapture } from '../../capture/live.js'
import { decodeLacpCapture, type LacpDecodeResult, type SlowPduEntry } from '../../oflacp/capture.js'
import { formatPduLine } from '../../lacp/analysis/format.js'
import { LiveStatePrinter } from '../../lacp/analysis/live.js'
import type { StopInfo } from '../../lacp/analysis/analyzer.js'

/** PDU lines are listed without --verbose when the capture has at most this many slow-protocol PDUs. */
export const PDU_LIST_THRESHOLD = 100

export default class LacpDecode extends OflCommand {
  static override summary = 'Explain, per link, whether LACP negotiated and why not — from pcap/pcapng captures or live interfaces.'
  static override description =
    'Reads classic pcap (µs/ns, either byte order) and pcapng (any number of sections/interfaces); Ethernet, Linux SLL and SLL2 ' +
    'link types; VLAN tags peeled; LACPDUs inside OpenFlow packet-ins/packet-outs (TCP 6653/6633 or --port). Prints the summary ' +
    'and the ranked verdicts first (alike verdicts grouped with their links), then per link a report in the words of ' +
    '`ovs-appctl lacp/show`, a state timeline and the LAGs; PDU lines follow for small captures (up to 100 PDUs) or with --verbose. ' +
    'Times are local like tshark (--utc for UTC). With -i it captures live through dumpcap or tcpdump (filter "ether proto 0x8809"), ' +
    'prints state changes as they happen and the whole report at the end (Ctrl-C, --count or --duration). ' +
    '--json emits one document {pdus, links, lags, verdicts, summary, stop?, error?} (schema: docs/lacp-decode-json.md). ' +
    'Exit codes: 0 ok, 1 unreadable or malformed capture, 2 usage, 3 runtime (capture engine, permissions), 4 --fail-on matched.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> fixtures/captures/ovs-bond-fast.pcap',
    '<%= config.bin %> <%= command.id %> capture.pcapng --verbose --count 10',
    '<%= config.bin %> <%= command.id %> capture.pcap --link L2 --utc',
    '<%= config.bin %> <%= command.id %> -i eth0 -i eth1 --duration 95',
    '<%= config.bin %> <%= command.id %> capture.pcap --json --fail-on warn',
    'tcpdump -i eth0 -w - ether proto 0x8809 | <%= config.bin %> <%= command.id %> -',
  ]
  static override strict = false
  static override enableJsonFlag = true
  static override args = { capture: Args.string({ description: 'pcap or pcapng file(s), - for stdin (not with -i)' }) }
  static override flags = {
    interface: Flags.string({ char: 'i', description: 'capture live on this interface (repeatable) through dumpcap or tcpdump', multiple: true }),
    count: Flags.integer({ char: 'c', description: 'stop after N slow-protocol PDUs (LACPDUs and Markers)', min: 1, aliases: ['limit'] }),
    duration: Flags.integer({ description: 'live capture: stop after S seconds', min: 1 }),
    link: Flags.string({ description: 'only this link: its id (L1), an actor system/port (aa:bb:cc:dd:ee:ff/2), a MAC or an interface name' }),
    port: Flags.integer({ description: 'TCP port carrying OpenFlow, for LACPDUs inside packet-ins (repeatable; default 6653 and 6633)', multiple: true, min: 1, max: 65535 }),
    verbose: Flags.boolean({ char: 'v', description: 'list every PDU with its field tree, and every verdict of a group' }),
    quiet: Flags.boolean({ char: 'q', description: 'no PDU lines, only the report' }),
    utc: Flags.boolean({ description: 'print times in UTC instead of local time' }),
    'fail-on': Flags.string({ description: 'exit 4 when a verdict of this severity (or worse) is found', options: ['error', 'warn'] }),
  }

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(LacpDecode)
    const files = argv as string[]
    const live = flags.interface ?? []
    if (live.length && files.length) throw usageError('BAD_USAGE', 'give capture files or -i INTERFACE, not both')
    if (!live.length && !files.length) throw usageError('BAD_USAGE', 'give a capture file (- for stdin) or -i INTERFACE for a live capture')
    if (flags.duration !== undefined && !live.length) throw usageError('BAD_USAGE', '--duration applies to live capture (-i)')
    if (flags.verbose && flags.quiet) throw usageError('BAD_USAGE', '--verbose and --quiet exclude each other')
    await checkInputs(files)
    const json = this.jsonEnabled()
    const sink = stdoutSink()
    const style = { utc: flags.utc }

    // PDU lines: streamed before the report with --verbose; otherwise kept for a small capture and
    // printed after the report, or counted only
    const listed: string[] = []
    let pdus = 0
    const onPduList = (e: SlowPduEntry): void => {
      if (++pdus <= PDU_LIST_THRESHOLD) listed.push(formatPduLine(e, false, style))
    }

    let capture: LiveCapture | undefined
    let printer: LiveStatePrinter | undefined
    let stopReason: StopInfo | undefined
    const onSignal = (): void => {
      stopReason ??= { reason: 'interrupted', seconds: capture?.elapsed(), endTime: Date.now() / 1000 }
      void capture?.stop()
    }
    if (live.length) {
      capture = await startLiveCapture({ interfaces: live, duration: flags.duration })
      process.stderr.write(`capturing LACP on ${live.join(', ')} with ${capture.engine} (filter "${capture.filter}")${flags.duration ? ` for ${flags.duration} s` : ''}${flags.count ? ` until ${flags.count} PDUs` : ''}; Ctrl-C for the report\n`)
      if (!json) printer = new LiveStatePrinter((s) => void sink.write(s), style)
      process.on('SIGINT', onSignal)
      process.on('SIGTERM', onSignal)
    }

    const listPdus = async (): Promise<void> => {
      if (json || flags.verbose || flags.quiet || pdus === 0) return
      await sink.write(pdus <= PDU_LIST_THRESHOLD
        ? `\nPDUs:\n${listed.join('')}`
        : `\n${pdus} PDUs not listed (more than ${PDU_LIST_THRESHOLD}); --verbose lists them\n`)
    }
    const progress = live.length ? undefined : progressRenderer()
    let result: LacpDecodeResult
    try {
      this.jsonDocumentStarted = false
      result = await decodeLacpCapture(capture ? ['-'] : files, {
        limit: flags.count, link: flags.link, verbose: flags.verbose, quiet: json ? false : !flags.verbose, utc: flags.utc,
        ports: flags.port, format: json ? 'json' : 'text', stdin: capture?.stream, onProgress: progress?.update,
        onPdu: json || flags.verbose || flags.quiet ? printer?.onPdu : (e) => {
          onPduList(e)
          printer?.onPdu(e)
        },
        stopInfo: () => stopReason ?? capture?.stopInfo(),
        inputEnded: capture && (async () => {
          await capture.stop()
          return capture.failure()
        }),
      }, sink)
    } catch (e) {
      this.jsonDocumentStarted = sink.started
      if (sink.started) await listPdus() // the report of what was read is out: add its PDU lines
      await capture?.stop()
      throw capture?.failure() ?? e
    } finally {
      progress?.done()
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
    await capture?.stop()
    const failed = capture?.failure()
    if (failed) {
      this.jsonDocumentStarted = sink.started
      throw failed
    }
    await listPdus()
    if (flags['fail-on']) {
      const worst = new Set(flags['fail-on'] === 'warn' ? ['error', 'warning'] : ['error'])
      const hit = result.verdicts.filter((v) => worst.has(v.severity))
      if (hit.length) {
        process.stderr.write(`--fail-on ${flags['fail-on']}: ${hit.length} verdict${hit.length === 1 ? '' : 's'} (${[...new Set(hit.map((v) => v.code))].join(', ')})\n`)
        process.exitCode = EXIT_VERDICT
      }
    }
  }
}
