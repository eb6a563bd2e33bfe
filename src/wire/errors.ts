// Error taxonomy shared by every codec, reader and command in ofl.
//
// Every error that bad input can cause is an OflError with a stable `code` (for programs and tests),
// the byte `offset` where the problem was found and, where known, the `field`.
// "Truncated" (more bytes would help: a stream reader waits, a file reader reports a short file) is kept
// apart from "malformed" (no amount of extra bytes makes this valid) and "unsupported" (valid, but not
// something ofl decodes, such as an unknown OpenFlow version).

export interface OflErrorOptions {
  offset?: number
  field?: string
  cause?: unknown
}

export class OflError extends Error {
  /** Stable machine-readable code, e.g. `TRUNCATED`, `LACP_BAD_TLV`, `OFPBRC_BAD_LEN`. */
  readonly code: string
  /** Byte offset into the input where the problem was detected, when known. */
  readonly offset: number | undefined
  /** Name of the field or structure being read, when known. */
  readonly field: string | undefined

  constructor(code: string, message: string, opts: OflErrorOptions = {}) {
    super(formatMessage(message, opts), opts.cause === undefined ? undefined : { cause: opts.cause })
    this.name = new.target.name
    this.code = code
    this.offset = opts.offset
    this.field = opts.field
  }

  toJSON(): { name: string; code: string; message: string; offset?: number; field?: string } {
    const out: { name: string; code: string; message: string; offset?: number; field?: string } = {
      name: this.name,
      code: this.code,
      message: this.message,
    }
    if (this.offset !== undefined) out.offset = this.offset
    if (this.field !== undefined) out.field = this.field
    return out
  }
}

/** The input ended before a structure did: `needed` bytes were required, `available` were present. */
export class TruncatedError extends OflError {
  readonly needed: number
  readonly available: number
  constructor(needed: number, available: number, opts: OflErrorOptions & { code?: string } = {}) {
    super(opts.code ?? 'TRUNCATED', `truncated: need ${needed} bytes, have ${available}`, opts)
    this.needed = needed
    this.available = available
  }
}

/** The bytes are present but violate the format (bad length field, bad TLV type, bad magic, …). */
export class MalformedError extends OflError {}

/** Well-formed input that ofl does not handle (unknown version, unknown link type, …). */
export class UnsupportedError extends OflError {}

export function isOflError(e: unknown): e is OflError {
  return e instanceof OflError
}

function formatMessage(message: string, opts: OflErrorOptions): string {
  const where: string[] = []
  if (opts.field !== undefined) where.push(opts.field)
  if (opts.offset !== undefined) where.push(`at offset ${opts.offset}`)
  return where.length ? `${message} (${where.join(' ')})` : message
}
