// Human text for `ofl lacp decode`: tcpdump-style PDU lines, then a per-link report modelled on
// `ovs-appctl lacp/show` (status, sys_id, sys_priority, aggregation key, lacp_time, per-member actor and
// partner tuples with state words — REFERENCE.md §2), a timeline, the LAGs, and the ranked verdicts.
import { stateNames, stateWords } from '../state.js'
import { formatSlowTree } from '../format.js'
import type { SlowPdu } from '../slow.js'
import type { SlowPduEntry } from './capture.js'
import type { LacpAnalysis, LinkReport, PortInfo, SideReport, TimelineEvent, Verdict, Where } from './types.js'

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n))

/** "2009-11-15 04:02:10.267147" (UTC; 9 decimals when the capture has sub-µs digits). */
export function formatTime(tsSec: number, tsNsec: number): string {
  const d = new Date(tsSec * 1000)
  const day = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`
  const tod = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
  const frac = tsNsec % 1000 === 0 && tsNsec < 1e9 ? String(tsNsec / 1000).padStart(6, '0') : String(tsNsec).padStart(9, '0')
  return `${day} ${tod}.${frac}`
}

function timeOf(t: number): string {
  const s = Math.floor(t)
  return formatTime(s, Math.round((t - s) * 1e6) * 1000)
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

/** One PDU: "   1  2009-11-15 04:02:10.267147  00:13:… > 01:80:…, LACPv1: actor … [flags], partner … [flags]". */
export function formatPduLine(e: SlowPduEntry, verbose: boolean): string {
  const where = formatWhere(e.where)
  let line = `${String(e.frame).padStart(5)}  ${formatTime(e.tsSec, e.tsNsec)}${where ? `  [${where}]` : ''}  ${e.srcMac ?? '?'} > ${e.dstMac ?? '?'}, `
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

function secs(x: number | null): string {
  if (x === null) return '-'
  return x >= 100 ? `${Math.round(x)} s` : x >= 1 ? `${Math.round(x * 100) / 100} s` : `${Math.round(x * 1e4) / 10} ms`
}

function sideLines(s: SideReport): string[] {
  const a = s.actor
  const p = s.partner
  const g = s.gaps
  const out = [
    `${s.label}: ${s.system} port ${s.port}: ${s.status}, ${s.mode}, lacp_time ${s.lacpTime}; ${s.pdus} LACPDUs${s.markers ? ` + ${s.markers} Marker` : ''}, frames ${s.firstFrame}..${s.lastFrame}${s.macs.length ? `, from ${s.macs.join(', ')}` : ''}${s.where.length && formatWhere(s.where[0]!) ? `, seen on ${s.where.map(formatWhere).join('; ')}` : ''}`,
    `    sys_id: ${a.system}  sys_priority: ${a.systemPriority}  aggregation key: ${a.key}  port_id: ${a.port}  port_priority: ${a.portPriority}`,
    `    actor state: ${stateWords(a.state) || 'none'}`,
    `    partner sys_id: ${p.system}  partner sys_priority: ${p.systemPriority}  partner port_id: ${p.port}  partner port_priority: ${p.portPriority}  partner key: ${p.key}`,
    `    partner state: ${stateWords(p.state) || 'none'}`,
    `    PDU gaps: ${g.count ? `${g.count}, median ${secs(g.median)}, min ${secs(g.min)}, max ${secs(g.max)} (before frame ${g.maxFrame})` : 'none'}; partner asked for one every ${g.expectedPeriod} s; late ${g.late}, past timeout ${g.expiring}${s.rateLimitViolations ? `; >3 per second ${s.rateLimitViolations}×` : ''}${s.issues ? `; ${s.issues} PDUs with decode issues` : ''}`,
  ]
  return out
}

function timelineLine(e: TimelineEvent): string {
  const what = e.field === 'state' ? `${e.of} state ${e.change}` : `${e.of} ${e.field} ${e.from} -> ${e.to}`
  return `    ${timeOf(e.time)}  #${e.frame}  ${e.side}  ${what}`
}

function linkBlock(l: LinkReport): string[] {
  const status = l.negotiated
    ? `negotiated (converged ${secs(l.timeToConverge)} after the first PDU, at frame ${l.convergedFrame}; ${l.flaps} flap${l.flaps === 1 ? '' : 's'})`
    : l.convergedAt !== null ? `not negotiated at the end (had converged at frame ${l.convergedFrame}; ${l.flaps} flaps)` : 'not negotiated'
  const out = [`---- ${l.id}: ${l.label} ----`, `  status: ${status}`, `  verdicts: ${l.verdicts.join(', ') || 'none'}`]
  for (const s of l.sides) out.push(...sideLines(s).map((x) => '  ' + x))
  if (l.timeline.length) {
    out.push('  timeline:')
    for (const e of l.timeline) out.push(timelineLine(e))
    if (l.timelineDropped) out.push(`    … ${l.timelineDropped} more changes`)
  }
  return out
}

function verdictLine(v: Verdict, i: number): string {
  const frames = v.frames.length ? ` [frames ${v.frames.join(', ')}]` : ''
  return `  ${String(i + 1).padStart(2)}. ${v.severity.toUpperCase().padEnd(7)} ${v.subject.padEnd(7)} ${v.code}: ${v.message}${frames}`
}

export function formatReport(a: LacpAnalysis & { error?: { code: string; message: string } }, opts: { quietPdus?: boolean } = {}): string {
  const out: string[] = []
  if (!opts.quietPdus && a.summary.slowFrames > 0) out.push('')
  for (const l of a.links) out.push(...linkBlock(l))
  for (const g of a.lags) {
    out.push(`---- LAG ${g.id}: ${g.system} key ${g.key} ----`)
    out.push(`  members: ${g.members.map((m) => `${m}`).join(', ')} (links ${g.links.join(', ')})`)
    out.push(`  partner systems: ${g.partnerSystems.join(', ') || 'none'}  partner keys: ${g.partnerKeys.join(', ') || 'none'}`)
  }
  out.push('verdicts:')
  if (a.verdicts.length === 0) out.push('  none')
  a.verdicts.forEach((v, i) => out.push(verdictLine(v, i)))
  const s = a.summary
  out.push(`summary: ${s.frames} frames, ${s.lacpdus} LACPDUs, ${s.markers} Marker PDUs, ${s.otherSlow} other slow-protocol frames, ${s.undecodable} undecodable; ${a.links.length} links, ${a.lags.length} LAGs`)
  if (a.error) out.push(`capture error: ${a.error.code}: ${a.error.message} (everything before it is analysed above)`)
  return out.join('\n') + '\n'
}
