// The controller's log: one line per event with a timestamp and a level, `--log-level` filtering,
// `--log-format json` (one JSON object per line: time, level, msg, and the event's fields) for log
// shippers. Hand-written instead of pino: the controller logs a few lines per second at info, the
// per-PDU lines (debug) are filtered before any formatting, and 60 lines keep the dependency tree and
// the startup time where they are.
//
// Existing callers pass Ryu-style lines (`[LACP][INFO] SW=… PORT=… LACP received.`); `line()` reads
// the level from that prefix, so text output keeps them intact after the timestamp and level.
import type { LogFormat, LogLevel } from './config.js'

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 }

export type LogFields = Record<string, string | number | boolean | null | undefined>

export interface LoggerOptions {
  level?: LogLevel
  format?: LogFormat
  /** Where finished lines go (default: process.stdout). */
  write?: (line: string) => void
  /** Time source (default: Date.now) — tests inject one. */
  now?: () => number
}

export class Logger {
  level: LogLevel
  format: LogFormat
  private readonly write: (line: string) => void
  private readonly now: () => number

  constructor(opts: LoggerOptions = {}) {
    this.level = opts.level ?? 'info'
    this.format = opts.format ?? 'text'
    this.write = opts.write ?? ((l) => void process.stdout.write(l + '\n'))
    this.now = opts.now ?? Date.now
  }

  enabled(level: LogLevel): boolean {
    return RANK[level] <= RANK[this.level]
  }

  log(level: LogLevel, msg: string, fields?: LogFields): void {
    if (RANK[level] > RANK[this.level]) return
    const time = new Date(this.now()).toISOString()
    if (this.format === 'json') {
      const o: Record<string, unknown> = { time, level, msg }
      if (fields) for (const [k, v] of Object.entries(fields)) if (v !== undefined && !(k in o)) o[k] = v
      this.write(JSON.stringify(o))
      return
    }
    let extra = ''
    if (fields) for (const [k, v] of Object.entries(fields)) if (v !== undefined) extra += ` ${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : v}`
    this.write(`${time} ${level.toUpperCase().padEnd(5)} ${msg}${extra}`)
  }

  error(msg: string, fields?: LogFields): void {
    this.log('error', msg, fields)
  }
  warn(msg: string, fields?: LogFields): void {
    this.log('warn', msg, fields)
  }
  info(msg: string, fields?: LogFields): void {
    this.log('info', msg, fields)
  }
  debug(msg: string, fields?: LogFields): void {
    this.log('debug', msg, fields)
  }

  /**
   * A Ryu-style line: the level comes from a `[COMPONENT][LEVEL]` prefix (INFO when absent; `debug`
   * when the caller marks it so). Returns a `(line) => void` for code that logs plain lines.
   */
  line = (text: string, level?: LogLevel): void => {
    const m = /^\[[A-Z0-9_-]+\]\[(ERROR|WARN|WARNING|INFO|DEBUG)\]/.exec(text)
    const lv: LogLevel = level ?? (m ? ((m[1] === 'WARNING' ? 'warn' : (m[1] as string).toLowerCase()) as LogLevel) : 'info')
    this.log(lv, text)
  }
}

/** Parse a `--log-level` value. */
export function isLogLevel(v: string): v is LogLevel {
  return v in RANK
}
