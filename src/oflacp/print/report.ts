// Text for a whole `ofl of decode` report: per message a location line prefix (capture frame, time,
// connection and direction, or the file offset) and the ofp-print style message (format.ts); typed
// errors inline where they happened; stream problems (TCP gaps, bad lengths, truncation) in order of
// their frame; a summary with counts per type.
import { formatTimestamp, zoneName, type TimeStyle } from '../../wire/time.js'
import { hexdump } from '../../wire/hex.js'
import type { OfDecodedEntry, OfDecodeOptions, OfDecodeReport, OfIssue } from '../../openflow/stream/decode.js'
import { decodeOfFiles, formatDatapathId, ofJsonDocument } from '../../openflow/stream/decode.js'
import { formatHeaderName, formatMessage, type FormatOptions } from './format.js'

function where(e: OfDecodedEntry | OfIssue, multi: boolean, style: TimeStyle = {}): string {
  const parts: string[] = []
  if (multi) parts.push(e.file)
  if (e.frame !== undefined) {
    const ff = 'firstFrame' in e && e.firstFrame !== undefined ? `${e.firstFrame}-` : ''
    parts.push(`#${ff}${e.frame}`)
  }
  if ('tsSec' in e && e.tsSec !== undefined) parts.push(formatTimestamp(e.tsSec, e.tsNsec ?? 0, style))
  if (e.connection) {
    const c = e.connection
    parts.push(e.direction === 'controller-to-switch' ? `${c.controllerEndpoint} > ${c.switchEndpoint}` : `${c.switchEndpoint} > ${c.controllerEndpoint}`)
  }
  if (e.offset !== undefined) parts.push(`offset ${e.offset}`)
  return parts.join(' ')
}

export function formatEntry(e: OfDecodedEntry, opts: FormatOptions & TimeStyle, multi = false): string {
  const loc = `[${where(e, multi, opts)}]`
  if (e.message) return `${loc} ${formatMessage(e.message, opts, opts.verbose ? e.bytes : undefined)}`
  const err = e.error!
  let s = `${loc} ${formatHeaderName(e.version, e.type, e.xid)}: length ${e.length}\n  ! ${err.code}: ${err.message}${err.offset !== undefined ? ` (at offset ${err.offset}${err.field ? `, ${err.field}` : ''})` : ''}`
  const shown = opts.verbose ? e.bytes : e.bytes.subarray(0, 64)
  s += `\n${hexdump(shown, '  ')}${shown.length < e.bytes.length ? `\n  … ${e.bytes.length - shown.length} more bytes (--verbose)` : ''}`
  return s
}

export function formatIssue(i: OfIssue, multi = false, style: TimeStyle = {}): string {
  return `[${where(i, multi, style)}] ! ${i.code}: ${i.message}`
}

/**
 * Streaming text: `entry`/`issue` as they come (stream problems are printed where they are found,
 * between the messages), then `summary(report)`.
 */
export function ofTextWriter(opts: FormatOptions & TimeStyle = {}, multi = false) {
  let firstSec: number | undefined
  return {
    entry: (e: OfDecodedEntry): string => {
      firstSec ??= e.tsSec
      return formatEntry(e, opts, multi) + '\n'
    },
    issue: (i: OfIssue): string => formatIssue(i, multi, opts) + '\n',
    summary: (r: OfDecodeReport): string => '\n' + formatSummary(r, firstSec, opts).join('\n') + '\n',
  }
}

/** The summary line naming the zone of the printed times (as `lacp decode` does), when there were any. */
function timesLine(firstSec: number | undefined, style: TimeStyle): string[] {
  if (firstSec === undefined) return []
  return [`times: ${style.utc ? 'UTC' : `local time, ${zoneName(firstSec, style)} (--utc for UTC)`}`]
}

/** The whole (retained) report as text: messages and issues interleaved by frame, then a summary. */
export function formatOfReport(r: OfDecodeReport, opts: FormatOptions & TimeStyle = {}): string {
  const multi = r.inputs.length > 1
  const out: string[] = []
  const issues = [...r.issues]
  let ii = 0
  for (const e of r.messages) {
    while (ii < issues.length && issues[ii]!.file === e.file && issues[ii]!.frame !== undefined && e.frame !== undefined && issues[ii]!.frame! < e.frame) {
      out.push(formatIssue(issues[ii++]!, multi))
    }
    out.push(formatEntry(e, opts, multi))
  }
  while (ii < issues.length) out.push(formatIssue(issues[ii++]!, multi))
  out.push('', ...formatSummary(r, r.messages.find((e) => e.tsSec !== undefined)?.tsSec, opts))
  return out.join('\n') + '\n'
}

export function formatSummary(r: OfDecodeReport, firstSec?: number, style: TimeStyle = {}): string[] {
  const lines: string[] = []
  for (const i of r.inputs) {
    let s = `${i.file}: ${i.kind}, ${i.messages} OpenFlow message${i.messages === 1 ? '' : 's'}`
    if (i.frames !== undefined) s += ` in ${i.frames} frames, ${i.connections?.length ?? 0} connection${i.connections?.length === 1 ? '' : 's'}`
    lines.push(s)
    for (const c of i.connections ?? []) {
      lines.push(`  connection ${c.id}: switch ${c.switchEndpoint} <-> controller ${c.controllerEndpoint}${c.datapathId !== undefined ? `, dpid ${formatDatapathId(c.datapathId)}` : ''}`)
    }
  }
  const sum = r.summary
  lines.push(...timesLine(firstSec, style))
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`
  lines.push(`${n(sum.messages, 'message')}, ${sum.decodeErrors} undecodable, ${n(sum.streamErrors, 'stream/file error')}`)
  const counts = Object.entries(sum.byType).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  for (const [k, n] of counts) lines.push(`  ${String(n).padStart(6)}  ${k}`)
  return lines
}

/** Where streaming output goes (files.ts `stdoutWriter`, or a string collector in tests). */
export interface OutputSink {
  write(s: string): void
  flush(): unknown
}

/**
 * `ofl of decode` end to end with constant memory: decode the files and stream the text (or, with
 * `json`, the one JSON document) into `out` as messages are found. Returns the report (summary,
 * inputs, issues; `messages` empty).
 */
export interface OfDecodeFailure {
  code: string
  message: string
  offset?: number
}

/**
 * As writeOfDecode returns it: the report plus the first problem in the input (an undecodable message or
 * a stream/file error), which makes `ofl of decode` exit 1 and, under --json, is the document's `error`.
 */
export type OfDecodeOutcome = OfDecodeReport & { failure?: OfDecodeFailure }

export async function writeOfDecode(files: string[], opts: OfDecodeOptions & FormatOptions & TimeStyle & { json?: boolean }, out: OutputSink): Promise<OfDecodeOutcome> {
  const text = ofTextWriter({ verbose: opts.verbose, utc: opts.utc }, files.length > 1)
  let first = true
  let failure: OfDecodeFailure | undefined
  const fail = (code: string, message: string, offset: number | undefined, file: string): void => {
    failure ??= { code, message: `${files.length > 1 ? `${file}: ` : ''}${message}`, ...(offset !== undefined ? { offset } : {}) }
  }
  if (opts.json) out.write(ofJsonDocument.head())
  const report = await decodeOfFiles(files, {
    ...opts,
    retain: false,
    flush: () => out.flush(),
    onEntry: (e) => {
      if (e.error) fail(e.error.code, e.error.message, e.error.offset ?? e.offset, e.file)
      out.write(opts.json ? ofJsonDocument.entry(e, first) : text.entry(e))
      first = false
    },
    onIssue: (i) => {
      fail(i.code, i.message, i.offset, i.file)
      if (!opts.json) out.write(text.issue(i))
    },
  })
  const tail = opts.json ? ofJsonDocument.tail(report) : text.summary(report)
  out.write(opts.json && failure ? tail.replace(/}\n$/, `,"error":${JSON.stringify(failure)}}\n`) : tail)
  await out.flush()
  return failure ? { ...report, failure } : report
}
