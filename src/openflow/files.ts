// What `ofl of decode` and `ofl of encode` read, recognised by content, never by file name:
// - pcap / pcapng captures (magic number, ../capture/open.ts `sniffCapture`);
// - hex text (only printable ASCII and whitespace: hex digits with spaces, colons, `0x`, `#` comments,
//   or hexdump lines — ../wire/hex.ts `parseHex`);
// - otherwise raw OpenFlow bytes, one or many messages back to back (an ofp_header starts with a
//   version byte 0x01–0x06, which is never printable text).
// And, for encoding, the JSON forms: one message, an array of messages, or the `of decode --json`
// document (every entry's `message`, or its `raw` bytes when it could not be decoded).
import { open, readFile } from 'node:fs/promises'
import { sniffCapture } from '../capture/open.js'
import { MalformedError } from '../wire/errors.js'
import { parseHex } from '../wire/hex.js'
import { asBytes, parseJsonLossless } from '../wire/json.js'
import { encodeMessage } from './codec.js'
import type { MessageInput } from './messages.js'
import { messageTypeName } from './constants.js'

/** A message type given by name ("OFPT_ECHO_REQUEST", "echo_request") → its number in `version`, or undefined. */
export function messageTypeByName(version: number, name: string): number | undefined {
  const want = name.toUpperCase().startsWith('OFPT_') ? name.toUpperCase() : `OFPT_${name.toUpperCase()}`
  for (let t = 0; t < 64; t++) if (messageTypeName(version, t) === want) return t
  return undefined
}

export type OfInputKind = 'pcap' | 'pcapng' | 'hex' | 'raw'

/** Classify input from its first bytes (a few hundred are enough; the whole file is best for hex). */
export function sniffOfInput(head: Uint8Array): OfInputKind {
  if (head.length >= 4) {
    try {
      return sniffCapture(head).format
    } catch {
      // not a capture
    }
  }
  if (head.length === 0) return 'raw'
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!
    if (!(b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f))) return 'raw'
  }
  return 'hex'
}

/** Read a whole file, or stdin for '-'. */
export async function readInput(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<Buffer> {
  if (path !== '-') return readFile(path)
  const parts: Buffer[] = []
  for await (const c of stdin as AsyncIterable<Buffer | string>) parts.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : c)
  return Buffer.concat(parts)
}

/** The first bytes of a file (to decide whether to stream it as a capture). */
export async function readHead(path: string, n = 512): Promise<Buffer> {
  const fh = await open(path, 'r')
  try {
    const b = Buffer.alloc(n)
    const { bytesRead } = await fh.read(b, 0, n, 0)
    return b.subarray(0, bytesRead)
  } finally {
    await fh.close()
  }
}

/** Raw or hex input → the OpenFlow bytes it holds. */
export function inputBytes(buf: Buffer, kind: OfInputKind): Buffer {
  return kind === 'hex' ? parseHex(buf.toString('latin1')) : buf
}

/**
 * The messages in one JSON text: a message object, an array of messages, or an `of decode --json`
 * document `{messages: [{message | raw}]}`. Integers beyond 2^53 survive (parseJsonLossless).
 * Throws MalformedError `BAD_JSON` for text that is not JSON or holds no message.
 */
export function messagesFromJson(text: string): Array<MessageInput | Buffer> {
  let doc: unknown
  try {
    doc = parseJsonLossless(text)
  } catch (e) {
    throw new MalformedError('BAD_JSON', `not JSON: ${(e as Error).message}`)
  }
  const out: Array<MessageInput | Buffer> = []
  const take = (v: unknown, where: string): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => take(x, `${where}[${i}]`))
      return
    }
    if (v === null || typeof v !== 'object') throw new MalformedError('BAD_JSON', `${where}: expected a message object, got ${JSON.stringify(v)}`, { field: where })
    const o = v as Record<string, unknown>
    if (Array.isArray(o.messages)) {
      take(o.messages, `${where}.messages`)
      return
    }
    if (o.message !== undefined && typeof o.message === 'object') {
      take(o.message, `${where}.message`)
      return
    }
    if (typeof o.raw === 'string' && o.message === undefined) {
      out.push(asBytes(o.raw))
      return
    }
    if (typeof o.version === 'number' && typeof o.type === 'string') {
      // `of decode` prints type names: accept them back ("OFPT_ECHO_REQUEST" or "ECHO_REQUEST")
      const t = messageTypeByName(o.version, o.type)
      if (t === undefined) throw new MalformedError('BAD_JSON', `${where}.type: no message type ${JSON.stringify(o.type)} in OpenFlow version ${o.version}`, { field: `${where}.type` })
      out.push({ ...o, type: t } as MessageInput)
      return
    }
    if (typeof o.version !== 'number' || typeof o.type !== 'number') {
      throw new MalformedError('BAD_JSON', `${where}: a message needs a numeric "version" and a "type" (number or name such as "OFPT_HELLO")`, { field: where })
    }
    out.push(o as MessageInput)
  }
  take(doc, '$')
  return out
}

/** Encode every message of one or more JSON texts, in order (raw entries are passed through). */
export function encodeJsonTexts(texts: string[]): Buffer[] {
  const out: Buffer[] = []
  for (const t of texts) for (const m of messagesFromJson(t)) out.push(Buffer.isBuffer(m) ? m : encodeMessage(m))
  return out
}

/**
 * Buffered stdout for streaming commands: `write` appends, `flush` writes what is buffered and waits
 * for 'drain' when the pipe is full; EPIPE (`| head`) ends the process quietly.
 */
export function stdoutWriter(out: NodeJS.WriteStream = process.stdout): { write: (s: string) => void; flush: () => Promise<void> } {
  let buf: string[] = []
  let size = 0
  out.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0)
    throw e
  })
  const flush = async (): Promise<void> => {
    if (!buf.length) return
    const chunk = buf.join('')
    buf = []
    size = 0
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve))
  }
  return {
    write(s: string) {
      buf.push(s)
      size += s.length
      if (size > 1 << 20) void flush()
    },
    flush,
  }
}
