// Shared base for every ofl command: one exit-code scheme and one error shape, in text and --json.
//
//   0  ok
//   1  input that cannot be read or is malformed (a typed OflError from a decoder, a missing file)
//   2  usage: flags, flag values, specs (oclif's parse errors, BAD_BOND_SPEC, …)
//   3  runtime: ports, sockets, peers, capture engines
//   4  `lacp decode --fail-on`: a verdict of that severity was found
//
// On failure stderr gets one line `Error: CODE: message`; with --json stdout gets one document
// `{"error": {code, message, offset?}}` — unless the command already started its own document, in which
// case the command closes it with the same `error` member. Never oclif's internal error JSON.
import { Command, Errors } from '@oclif/core'
import { isOflError } from '../wire/errors.js'

export const EXIT_OK = 0
export const EXIT_BAD_INPUT = 1
export const EXIT_USAGE = 2
export const EXIT_RUNTIME = 3
export const EXIT_VERDICT = 4

export type ExitCode = typeof EXIT_BAD_INPUT | typeof EXIT_USAGE | typeof EXIT_RUNTIME

/** A classified failure: what the user sees and the exit code. */
export interface Failure {
  code: string
  message: string
  offset?: number
  exit: ExitCode
}

/** An error a command raises with its exit code decided (usage, runtime, …). */
export class CliError extends Error {
  constructor(readonly code: string, message: string, readonly exit: ExitCode, readonly offset?: number) {
    super(message)
    this.name = 'CliError'
  }
}

export const usageError = (code: string, message: string): CliError => new CliError(code, message, EXIT_USAGE)
export const runtimeError = (code: string, message: string): CliError => new CliError(code, message, EXIT_RUNTIME)

/** OflError codes that mean "a flag or spec is wrong" (raised while reading flag values). */
const USAGE_CODES = new Set([
  'BAD_BOND_SPEC', 'BAD_OF_VERSION', 'BAD_PROFILE', 'BAD_USAGE', 'BAD_TARGET', 'BAD_SWITCHES', 'BAD_MACS', 'BAD_DURATION',
  'BAD_DPID', 'LINK_FILTER_STDIN', 'BAD_INTERFACE',
])
/** OflError codes about the running system (sockets, peers, capture engines), not the input. */
const RUNTIME_CODES = new Set([
  'CONTROL_SOCKET_IN_USE', 'CONTROL_TIMEOUT', 'CONTROL_BAD_REPLY', 'NO_CONTROLLER', 'CAPTURE_ENGINE_MISSING',
  'CAPTURE_PERMISSION', 'CAPTURE_ENGINE_FAILED',
])
/** System calls that read input; their failures are input errors (exit 1). */
const INPUT_SYSCALLS = new Set(['open', 'read', 'stat', 'lstat', 'fstat', 'scandir', 'opendir', 'readlink', 'access'])

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory', EACCES: 'permission denied', EPERM: 'operation not permitted', EISDIR: 'is a directory',
  ENOTDIR: 'not a directory', EADDRINUSE: 'address already in use', ECONNREFUSED: 'connection refused', EADDRNOTAVAIL: 'address not available',
  ETIMEDOUT: 'timed out', ECONNRESET: 'connection reset by peer', EPIPE: 'broken pipe', ENOSPC: 'no space left on device',
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').replace(/\s+See more help with --help$/, '').trim()

/** Map anything a command can throw to a Failure. */
export function classifyError(err: unknown, opts: { usageCodes?: ReadonlySet<string> } = {}): Failure {
  if (err instanceof CliError) return { code: err.code, message: err.message, offset: err.offset, exit: err.exit }
  // oclif marks errors raised while parsing flags with the exit code configured in package.json (2)
  const parsing = (err as { oclif?: { exit?: number } } | undefined)?.oclif?.exit === EXIT_USAGE
  if (isOflError(err)) {
    const exit = parsing ? EXIT_USAGE : RUNTIME_CODES.has(err.code) ? EXIT_RUNTIME : USAGE_CODES.has(err.code) || opts.usageCodes?.has(err.code) ? EXIT_USAGE : EXIT_BAD_INPUT
    return { code: err.code, message: oneLine(err.message), offset: err.offset, exit }
  }
  const e = err as (Error & NodeJS.ErrnoException & { oclif?: { exit?: number }; parse?: unknown }) | undefined
  if (e === undefined || e === null || typeof e !== 'object') return { code: 'INTERNAL', message: String(err), exit: EXIT_RUNTIME }
  if (parsing || e.parse !== undefined || e instanceof Errors.CLIError) {
    const code = typeof e.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(e.code) ? e.code : 'USAGE'
    return { code, message: oneLine(e.message), exit: EXIT_USAGE }
  }
  if (typeof e.code === 'string' && typeof e.syscall === 'string') {
    const why = ERRNO_TEXT[e.code] ?? oneLine(e.message)
    if (INPUT_SYSCALLS.has(e.syscall) && (e as { output?: boolean }).output !== true) {
      return { code: e.code, message: `cannot read ${e.path ?? 'the input'}: ${why}`, exit: EXIT_BAD_INPUT }
    }
    const target = e.path ?? (e as { address?: string }).address
    return { code: e.code, message: `cannot ${e.syscall}${target ? ` ${target}` : ''}: ${why}`, exit: EXIT_RUNTIME }
  }
  return { code: typeof e.code === 'string' ? e.code : 'INTERNAL', message: oneLine(e.message || String(e)), exit: EXIT_RUNTIME }
}

/** The `error` member of a JSON document. */
export function errorMember(f: Failure): { code: string; message: string; offset?: number } {
  return f.offset === undefined ? { code: f.code, message: f.message } : { code: f.code, message: f.message, offset: f.offset }
}

export abstract class OflCommand extends Command {
  /** Set by streaming commands once their own JSON document is on stdout (they close it themselves). */
  protected jsonDocumentStarted = false
  /** Extra OflError codes that are usage errors in this command (flag values parsed by the library). */
  protected usageCodes: ReadonlySet<string> | undefined

  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    if (err instanceof Errors.ExitError) throw err
    const f = classifyError(err, { usageCodes: this.usageCodes })
    const offset = f.offset !== undefined && !/offset \d+/.test(f.message) ? ` (at offset ${f.offset})` : ''
    process.stderr.write(`Error: ${f.code}: ${f.message}${offset}\n`)
    if (process.env.OFL_DEBUG && err.stack) process.stderr.write(err.stack + '\n')
    if (this.jsonEnabled() && !this.jsonDocumentStarted) process.stdout.write(JSON.stringify({ error: errorMember(f) }) + '\n')
    throw new Errors.ExitError(f.exit)
  }

  /** Successful results under --json: compact, one document, one line. */
  override logJson(json: unknown): void {
    process.stdout.write(JSON.stringify(json, null, 2) + "\n")
  }
}
