// Human text for `ofl lacp decode`, readable on a capture of millions of PDUs: the summary and the
// verdicts first (identical verdicts grouped with the links they apply to), then per link a report in
// the words of `ovs-appctl lacp/show` (sys_id, sys_priority, aggregation key, port_id, port_priority,
// lacp_time, "synchronized"), a timeline, the LAGs; tcpdump-style PDU lines come only with --verbose or
// for small captures. Times are local by default (like tshark and tcpdump), UTC with `utc`.
import { stateNames, stateWords } from '../state.js'
import { formatSlowTree } from '../format.js'
import type { SlowPdu } from '../slow.js'
import { formatDuration, formatEpochSeconds, formatTimestamp, plural, zoneName, type TimeStyle } from '../../wire/time.js'
import { ovsField, stopText, type StopInfo } from './analyzer.js'
import type { LacpAnalysis, LinkReport, PortInfo, SideReport, TimelineEvent, Verdict, Where, SlowPduEntry } from './types.js'

/** "2009-11-15 05:02:10.267147" in local time (UTC with style.utc; 9 decimals when the capture has sub-µs digits). */
export function formatTime(tsSec: number, tsNsec: number, style: TimeStyle = {}): string {
  return formatTimestamp(tsSec, tsNsec, style)
}

export function formatWhere(w: Where): string {
  const parts: string[] = []
  if (w.file !== undefined) parts.push(w.file)
  if (w.interface !== undefined) parts.push(w.interface)
  if (w.ifIndex !== undefined) parts.push(`ifindex ${w.ifIndex}`)
  if (w.datapathId !== undefined) parts.push(`dpid ${w.datapathId}`)
  if (w.ofPort !== undefined) parts.push(`port ${w.ofPort}`)
  if (w.direction !== undefined) parts.push(w.direction)
  if (w.vlans !== undefined) parts.push(`vlan ${w.vlans.join('.')}`)
  return parts.join(' ')
}

const tuple = (p: PortInfo): string => `${p.system} key ${p.key} port ${p.port}`

/** One PDU: "   1  2009-11-15 05:02:10.267147  00:13:… > 01:80:…, LACPv1: actor … [flags], partner … [flags]". */
export function formatPduLine(e: SlowPduEntry, verbose: boolean, style: TimeStyle = {}): string {
  const where = formatWhere(e.where)
  let line = `${String(e.frame).padStart(5)}  ${formatTimestamp(e.tsSec, e.tsNsec, style)}${where ? `  [${where}]` : ''}  ${e.srcMac ?? '?'} > ${e.dstMac ?? '?'}, `
  const p = e.pdu
  if (p === undefined) {
    line += e.subtype === 1 || e.subtype === 2 ? `slow subtype ${e.subtype}, undecodable` : `slow subtype ${e.subtype}`
  } else if (p.subtype === 1) {
    line += `LACPv${p.version}: actor ${tuple(p.actor)} [${stateNames(p.actor.state)}], partner ${tuple(p.partner)} [${stateNames(p.partner.state)}]`
  } else {
    line += `MARKERv${p.version} ${p.tlvType === 1 ? 'Information' : p.tlvType === 2 ? 'Response' : `TLV ${p.tlvType}`}: requester ${p.requesterSystem} port ${p.requesterPort} transaction ${p.requesterTransactionId}`
  }
  for (const i of e.issues) line += `\n        ! ${i.code}: ${i.message}`
  line += '\n'
  if (verbose && p !== undefined) line += formatSlowTree(p as unknown as SlowPdu).replace(/^/gm, '        ') + '\n'
  return line
}

const secs = (x: number | null): string => (x === null ? '-' : formatDuration(x))

/** OVS lacp/show state words, or "none" (never an empty field). */
const words = (state: number): string => stateWords(state) || 'none'

function sideLines(s: SideReport): string[] {
  const a = s.actor
  const p = s.partner
  const g = s.gaps
  const seen = s.where.length && formatWhere(s.where[0]!) ? `, seen on ${s.where.map(formatWhere).join('; ')}` : ''
  return [
    `${s.label}: ${s.system} port ${s.port}: ${s.status}, ${s.mode}, lacp_time ${s.lacpTime}; ${plural(s.pdus, 'LACPDU')}${s.markers ? ` + ${plural(s.markers, 'Marker PDU')}` : ''}, frames ${s.firstFrame}..${s.lastFrame}${s.macs.length ? `, from ${s.macs.join(', ')}` : ''}${seen}`,
    `    actor sys_id: ${a.system}  sys_priority: ${a.systemPriority}  aggregation key: ${a.key}  port_id: ${a.port}  port_priority: ${a.portPriority}`,
    `    actor state: ${words(a.state)}`,
    `    partner sys_id: ${p.system}  sys_priority: ${p.systemPriority}  key: ${p.key}  port_id: ${p.port}  port_priority: ${p.portPriority}`,
    `    partner state: ${words(p.state)}`,
    `    PDU gaps: ${g.count ? `${g.count}, median ${secs(g.median)}, min ${secs(g.min)}, max ${secs(g.max)} (before frame ${g.maxFrame})` : 'none'}; partner asked for one every ${g.expectedPeriod} s; late ${g.late}, past timeout ${g.expiring}${s.rateLimitViolations ? `; more than 3 per second ${plural(s.rateLimitViolations, 'time')}` : ''}${s.issues ? `; ${plural(s.issues, 'PDU')} with decode issues` : ''}`,
  ]
}

/** "+synchronization -expired" → "+synchronized -expired" (OVS words). */
const ovsChange = (c: string): string => c.replace(/synchronization/g, 'synchronized')

function timelineLine(e: TimelineEvent, style: TimeStyle): string {
  const what = e.field === 'state' ? `${e.of} state ${ovsChange(e.change ?? '')}` : `${e.of} ${ovsField(e.field)} ${e.from} -> ${e.to}`
  return `    ${formatEpochSeconds(e.time, style)}  #${e.frame}  ${e.side}  ${what}`
}

function linkBlock(l: LinkReport, style: TimeStyle): string[] {
  const status = l.negotiated
    ? `negotiated (converged ${secs(l.timeToConverge)} after the first PDU, at frame ${l.convergedFrame}; ${plural(l.flaps, 'flap')})`
    : l.convergedAt !== null ? `not negotiated at the end (had converged at frame ${l.convergedFrame}; ${plural(l.flaps, 'flap')})` : 'not negotiated'
  const out = [`---- ${l.id}: ${l.label} ----`, `  status: ${status}`, `  verdicts: ${l.verdicts.join(', ') || 'none'}`]
  for (const s of l.sides) out.push(...sideLines(s).map((x) => '  ' + x))
  if (l.timeline.length) {
    out.push('  timeline:')
    for (const e of l.timeline) out.push(timelineLine(e, style))
    if (l.timelineDropped) out.push(`    … ${plural(l.timelineDropped, 'more change')}`)
  }
  return out
}

/** A verdict's wording with the link-specific parts (MACs, numbers, link ids) blanked: equal keys read the same. */
function wordingKey(v: Verdict): string {
  return `${v.severity}|${v.code}|${v.message.replace(/[0-9a-f]{2}(:[0-9a-f]{2}){5}/g, 'M').replace(/\d+(\.\d+)?/g, 'N')}`
}

/** "L1–L3, L5" for consecutive link/LAG ids. */
export function idRanges(ids: string[]): string {
  const out: string[] = []
  let i = 0
  while (i < ids.length) {
    const m = /^([A-Z]+)(\d+)$/.exec(ids[i]!)
    let j = i
    if (m) {
      while (j + 1 < ids.length) {
        const n = /^([A-Z]+)(\d+)$/.exec(ids[j + 1]!)
        if (!n || n[1] !== m[1] || Number(n[2]) !== Number(m[2]) + (j + 1 - i)) break
        j++
      }
    }
    out.push(j - i >= 2 ? `${ids[i]}–${ids[j]}` : ids.slice(i, j + 1).join(', '))
    i = j + 1
  }
  return out.join(', ')
}

export interface VerdictGroup {
  severity: Verdict['severity']
  code: Verdict['code']
  subjects: string[]
  verdicts: Verdict[]
}

/** Verdicts worded alike (up to the link's own identifiers and counts) as one group, in rank order. */
export function groupVerdicts(vs: Verdict[]): VerdictGroup[] {
  const groups = new Map<string, VerdictGroup>()
  for (const v of vs) {
    const k = wordingKey(v)
    let g = groups.get(k)
    if (!g) groups.set(k, (g = { severity: v.severity, code: v.code, subjects: [], verdicts: [] }))
    if (!g.subjects.includes(v.subject)) g.subjects.push(v.subject)
    g.verdicts.push(v)
  }
  return [...groups.values()]
}

const SEVERITY_TEXT: Record<Verdict['severity'], string> = { error: 'ERROR', warning: 'WARNING', ok: 'OK' }

function verdictLines(a: LacpAnalysis, verbose: boolean): string[] {
  if (a.verdicts.length === 0) return ['verdicts: none']
  const groups = groupVerdicts(a.verdicts)
  const out = [groups.length === a.verdicts.length ? 'verdicts:' : `verdicts: ${a.verdicts.length} in ${plural(groups.length, 'group')}`]
  groups.forEach((g, i) => {
    const v = g.verdicts[0]!
    const head = `  ${String(i + 1).padStart(2)}. ${SEVERITY_TEXT[g.severity].padEnd(7)} ${g.code}`
    if (g.verdicts.length === 1) {
      out.push(`${head} ${v.subject}: ${v.message}${v.frames.length ? ` [frames ${v.frames.join(', ')}]` : ''}`)
      return
    }
    const same = g.verdicts.every((x) => x.message === v.message)
    const kind = g.subjects.every((s) => /^L\d+$/.test(s)) ? 'link' : g.subjects.every((s) => /^G\d+$/.test(s)) ? 'LAG' : 'subject'
    out.push(`${head} on ${plural(g.subjects.length, kind)} ${idRanges(g.subjects)}: ${same ? v.message : `(${v.subject}, the others alike) ${v.message}`}`)
    if (verbose && !same) for (const x of g.verdicts.slice(1)) out.push(`        ${x.subject}: ${x.message}`)
  })
  return out
}

export interface ReportTextOptions extends TimeStyle {
  /** PDU lines were not printed before the report (no blank separator line needed). */
  quietPdus?: boolean
  /** List every verdict of a group. */
  verbose?: boolean
}

/** The summary line(s): counts, the time span with its zone, and why reading stopped early. */
export function summaryLines(a: LacpAnalysis & { stop?: StopInfo }, style: TimeStyle = {}): string[] {
  const s = a.summary
  const out = [`summary: ${plural(s.frames, 'frame')}, ${plural(s.lacpdus, 'LACPDU')}, ${plural(s.markers, 'Marker PDU')}, ${plural(s.otherSlow, 'other slow-protocol frame')}, ${s.undecodable} undecodable; ${plural(a.links.length, 'link')}, ${plural(a.lags.length, 'LAG')}`]
  if (s.firstTime !== null && s.lastTime !== null) {
    const from = formatEpochSeconds(s.firstTime, style)
    const to = formatEpochSeconds(s.lastTime, style)
    out.push(`  time: ${from} to ${to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to} (${formatDuration(s.lastTime - s.firstTime)}), ${style.utc ? 'UTC' : `local time, ${zoneName(s.firstTime, style)}`}`)
  }
  if (a.stop) out.push(`  stopped early: ${stopText(a.stop)}; verdicts that need a longer capture say "too short to tell"`)
  return out
}

export function formatReport(a: LacpAnalysis & { error?: { code?: string; message: string }; stop?: StopInfo }, opts: ReportTextOptions = {}): string {
  const out: string[] = []
  if (!opts.quietPdus && a.summary.slowFrames > 0) out.push('')
  out.push(...summaryLines(a, opts))
  if (a.error) out.push(`  capture error: ${a.error.code ?? 'ERROR'}: ${a.error.message} (everything before it is analysed below)`)
  out.push(...verdictLines(a, opts.verbose === true))
  for (const l of a.links) out.push(...linkBlock(l, opts))
  for (const g of a.lags) {
    out.push(`---- LAG ${g.id}: ${g.system} key ${g.key} ----`)
    out.push(`  members: ${g.members.join(', ')} (${g.links.length === 1 ? 'link' : 'links'} ${idRanges(g.links)})`)
    out.push(`  partner systems: ${g.partnerSystems.join(', ') || 'none'}  partner keys: ${g.partnerKeys.join(', ') || 'none'}`)
  }
  return out.join('\n') + '\n'
}
