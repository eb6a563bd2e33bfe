// `ofl lacp decode FILE…` without loading oclif. Starting @oclif/core costs about as much as reading a
// 1 GiB capture (0.14–0.19 s of a 0.5 s run), so bin/run.js hands the simplest and most common forms
// here: `lacp decode [--json] [--quiet|-q] [--utc] FILE…` with regular files. Anything else (help,
// other flags, stdin, a missing file, `--`) returns false and goes through oclif, which also renders
// every usage error. The output and exit codes are those of src/commands/lacp/decode.ts (a CLI test
// runs both paths on the same captures); an error is classified by ./base.ts, loaded only then.
//
// This module imports nothing from @oclif/core, directly or through ./base.ts / ./io.ts.
import { statSync } from 'node:fs'
import { decodeLacpCapture, streamSink, type SlowPduEntry } from '../oflacp/capture.js'
import { formatPduLine } from '../lacp/analysis/format.js'
import { progressRenderer } from '../capture/progress.js'

/** PDU lines are listed after the report when the capture has at most this many (as the command does). */
const PDU_LIST_THRESHOLD = 100

interface Simple {
  json: boolean
  quiet: boolean
  utc: boolean
  files: string[]
}

/** The arguments after `lacp decode`, when they are the simple form; undefined otherwise. */
export function simpleLacpDecodeArgs(args: readonly string[]): Simple | undefined {
  const s: Simple = { json: false, quiet: false, utc: false, files: [] }
  for (const a of args) {
    if (a === '--json' && !s.json) s.json = true
    else if ((a === '--quiet' || a === '-q') && !s.quiet) s.quiet = true
    else if (a === '--utc' && !s.utc) s.utc = true
    else if (a.length > 0 && !a.startsWith('-')) s.files.push(a)
    else return undefined
  }
  if (s.files.length === 0) return undefined
  for (const f of s.files) {
    try {
      if (!statSync(f).isFile()) return undefined
    } catch {
      return undefined
    }
  }
  return s
}

/**
 * Run `lacp decode` for the simple form and return true, or return false (nothing done) when the
 * arguments are anything else. Sets process.exitCode on failure.
 */
export async function fastLacpDecode(args: readonly string[]): Promise<boolean> {
  const s = simpleLacpDecodeArgs(args)
  if (s === undefined) return false
  let started = false
  const out = streamSink(process.stdout)
  const sink = {
    write(chunk: string | Buffer): unknown {
      if (chunk.length === 0) return undefined
      started = true
      return out.write(chunk)
    },
  }
  const style = { utc: s.utc }
  const listed: string[] = []
  let pdus = 0
  const listPdus = async (): Promise<void> => {
    if (s.json || s.quiet || pdus === 0) return
    await sink.write(pdus <= PDU_LIST_THRESHOLD
      ? `\nPDUs:\n${listed.join('')}`
      : `\n${pdus} PDUs not listed (more than ${PDU_LIST_THRESHOLD}); --verbose lists them\n`)
  }
  const progress = progressRenderer()
  try {
    try {
      await decodeLacpCapture(s.files, {
        verbose: false, quiet: !s.json, utc: s.utc, format: s.json ? 'json' : 'text', onProgress: progress?.update,
        onPdu: s.json || s.quiet ? undefined : (e: SlowPduEntry) => {
          if (++pdus <= PDU_LIST_THRESHOLD) listed.push(formatPduLine(e, false, style))
        },
      }, sink)
    } finally {
      progress?.done()
    }
  } catch (err) {
    if (started) await listPdus()
    const { classifyError, errorMember } = await import('./base.js')
    const f = classifyError(err)
    const offset = f.offset !== undefined && !/offset \d+/.test(f.message) ? ` (at offset ${f.offset})` : ''
    process.stderr.write(`Error: ${f.code}: ${f.message}${offset}\n`)
    if (process.env.OFL_DEBUG && (err as Error).stack) process.stderr.write((err as Error).stack + '\n')
    if (s.json && !started) process.stdout.write(JSON.stringify({ error: errorMember(f) }) + '\n')
    process.exitCode = f.exit
    return true
  }
  await listPdus()
  return true
}
