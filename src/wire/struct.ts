// Fixed layouts declared once (a loxigen in miniature). One field table per C struct drives decode,
// encode, the encoded length and a size assertion, instead of a decoder and an encoder that mirror each
// other by hand:
//
//   export const PACKET_IN10 = messageLayout<PacketIn10>('ofp_packet_in', 10, [
//     ['bufferId', 'u32', 'uint32_t buffer_id;'],
//     ['totalLen', 'u16', 'uint16_t total_len;'],
//     ['inPort', 'u16', 'uint16_t in_port;'],
//     ['reason', 'u8', 'uint8_t reason;'],
//     ['pad', 1, 'uint8_t pad;'],
//     ['data', 'rest', 'uint8_t data[0];'],
//   ])
//
// Field kinds: 'u8' | 'u16' | 'u32' | 'u64' (bigint) | 'mac' (6 bytes ⇄ "aa:bb:…") | a number (that
// many zero pad bytes, `pad` entries produce no property) | text(n, enc) (a NUL-padded char[n], with
// the lossless `<name>Raw` bytes of wire/fixed-text.ts) | a Part (a nested or variable-length
// structure with its own read/write, e.g. ofp_match) | 'rest' (uint8_t data[0]: a view of the bytes to
// the end of the window). `size` is asserted at load time against the sum of the fixed fields.
//
// Speed: each table is compiled once, with `new Function`, into the code one would write by hand: one
// bounds check per run of fixed fields, DataView reads at constant offsets, and ONE object literal in
// field order (the shape V8 keeps monomorphic; `{...spread}` or property-by-property construction was
// measured several times slower, see the `struct` bench suite which also runs the interpreted loop).
import { MalformedError } from './errors.js'
import { asBytes, type BytesLike } from './json.js'
import { formatMac } from './mac.js'
import { readFixedText, writeFixedText, type FixedTextEncoding } from './fixed-text.js'
import type { WireReader } from './reader.js'
import type { WireWriter } from './writer.js'

/** A nested structure (fixed `size`) or a variable-length part (no `size`) with its own codec. */
export interface Part<T> {
  /** Bytes on the wire when fixed (counted into the surrounding bounds check), undefined when variable. */
  readonly size?: number
  readonly read: (r: WireReader) => T
  readonly write: (w: WireWriter, v: T) => void
  /** Encoded length of `v` (needed for the layout's `length` when the part is variable). */
  readonly length?: (v: T) => number
}

/** `char name[n]`: text up to the first NUL plus the lossless raw bytes (wire/fixed-text.ts). */
export interface TextKind {
  readonly text: number
  readonly encoding: FixedTextEncoding
}

export function text(n: number, encoding: FixedTextEncoding): TextKind {
  return { text: n, encoding }
}

export type ScalarKind = 'u8' | 'u16' | 'u32' | 'u64' | 'mac'

/** The kinds a field of type V may be declared with. */
type KindFor<V> =
  | (V extends number ? 'u8' | 'u16' | 'u32' : never)
  | (V extends bigint ? 'u64' : never)
  | (V extends string ? 'mac' | TextKind : never)
  | (V extends Buffer ? 'rest' : never)
  | Part<V>

/** One row of a field table: property name, wire kind, C declaration (as in the spec's header file). */
export type Field<T> =
  | { [K in keyof T & string]-?: readonly [name: K, kind: KindFor<T[K]>, decl: string] }[keyof T & string]
  | readonly [name: 'pad', bytes: number, decl: string]

export type FieldTable<T> = ReadonlyArray<Field<T>>

/** A compiled fixed layout: a struct inside a message (ofp_phy_port, ofp_port, …). */
export interface StructLayout<T> extends Part<T> {
  /** C struct name, used as the error `field` (e.g. `ofp_phy_port`). */
  readonly name: string
  /** Bytes of the fixed fields (variable parts count 0). */
  readonly fixedSize: number
  readonly fields: FieldTable<T>
  /** Byte offset of a field from the start of the struct (fixed prefix only). */
  offsetOf(field: keyof T & string): number
}

/** Header fields every decoded message object starts with. */
interface HeaderFields {
  version: number
  type: number
  xid: number
}

/** A compiled message body layout: decode(r, h) builds `{version, type, xid, …fields}`. */
export interface MessageLayout<M extends HeaderFields> {
  readonly name: string
  readonly fixedSize: number
  readonly fields: FieldTable<M>
  readonly decode: (r: WireReader, h: { version: M['version']; type: M['type']; xid: number }) => M
  readonly encode: (w: WireWriter, m: M) => void
  /** Whole message length including the 8-byte header; undefined if a variable part has no length(). */
  readonly length: ((m: M) => number) | undefined
}

// ---- compiler ----------------------------------------------------------------------------------

const SIZES: Record<ScalarKind, number> = { u8: 1, u16: 2, u32: 4, u64: 8, mac: 6 }
const GETTER: Record<Exclude<ScalarKind, 'mac'>, string> = { u8: 'getUint8', u16: 'getUint16', u32: 'getUint32', u64: 'getBigUint64' }
const EMPTY = Buffer.alloc(0)

type AnyKind = ScalarKind | number | TextKind | Part<unknown> | 'rest'
type AnyField = readonly [string, AnyKind, string]

function fieldSize(kind: AnyKind): number | undefined {
  if (typeof kind === 'number') return kind
  if (typeof kind === 'string') return kind === 'rest' ? undefined : SIZES[kind]
  if ('text' in kind) return kind.text
  return kind.size
}

interface Compiled {
  fixedSize: number
  offsets: Map<string, number>
  decodeBody: string
  encodeBody: string
  lengthExpr: string | undefined
  props: string[]
  extras: string[]
  deps: unknown[]
}

/** Identifier-safe JSON for generated code. */
const q = JSON.stringify

function compile(name: string, table: readonly AnyField[]): Compiled {
  const deps: unknown[] = []
  const dep = (v: unknown): string => {
    deps.push(v)
    return `D[${deps.length - 1}]`
  }
  const dec: string[] = []
  const enc: string[] = []
  const props: string[] = [] // object literal entries, in table order
  const extras: string[] = [] // conditional properties added after the literal (fixed-text raw bytes)
  const lengths: string[] = []
  const offsets = new Map<string, number>()
  let fixedSize = 0
  let prefix = true // still in the leading run of fixed fields?
  let at = 0 // offset from `p` within the current fixed run
  let run: string[] = [] // reads of the current fixed run
  let runSize = 0
  let lengthOk = true

  const flush = (): void => {
    if (runSize === 0) return
    if (run.length === 0) {
      // A run of padding only (after a variable part): skip it, naming the pad in the error.
      dec.push(`r.skip(${runSize}, ${q(`${name}.pad`)});`)
    } else {
      dec.push(`r.need(${runSize}, ${q(name)});`, 'p = r.pos;', ...run, `r.pos = p + ${runSize};`)
    }
    run = []
    runSize = 0
    at = 0
  }

  table.forEach(([prop, kind, decl], i) => {
    const v = `v${i}`
    const size = fieldSize(kind)
    if (size !== undefined) {
      if (prefix) offsets.set(prop, fixedSize)
      fixedSize += size
    } else prefix = false
    if (typeof kind === 'number') {
      // uint8_t pad[n];
      runSize += kind
      at += kind
      enc.push(`w.zero(${kind}); // ${decl}`)
      return
    }
    if (kind === 'rest') {
      flush()
      dec.push(`const ${v} = r.rest(); // ${decl}`)
      props.push(`${prop}: ${v}`)
      enc.push(`w.bytes(m.${prop} === undefined ? EMPTY : m.${prop}); // ${decl}`)
      lengths.push(`(m.${prop} === undefined ? 0 : bytesLength(m.${prop}))`)
      return
    }
    if (typeof kind === 'string') {
      if (kind === 'mac') run.push(`const ${v} = formatMac(r.buf, p + ${at}); // ${decl}`)
      else run.push(`const ${v} = dv.${GETTER[kind]}(p + ${at}); // ${decl}`)
      props.push(`${prop}: ${v}`)
      enc.push(`w.${kind}(m.${prop}); // ${decl}`)
      runSize += size!
      at += size!
      return
    }
    if ('text' in kind) {
      // char name[n]: read through the fixed-text helper at its place in the run.
      run.push(`r.pos = p + ${at}; const ${v} = readFixedText(r, ${kind.text}, ${q(kind.encoding)}); // ${decl}`)
      props.push(`${prop}: ${v}.text`)
      extras.push(`if (${v}.raw) o.${prop}Raw = ${v}.raw;`)
      enc.push(`writeFixedText(w, m.${prop}, m.${prop}Raw, ${kind.text}, ${q(kind.encoding)}, ${q(prop)}); // ${decl}`)
      runSize += kind.text
      at += kind.text
      return
    }
    // A Part: fixed-size parts stay inside the run (their own reads are bounded by the run's check).
    const d = dep(kind)
    if (kind.size !== undefined) {
      run.push(`r.pos = p + ${at}; const ${v} = ${d}.read(r); // ${decl}`)
      runSize += kind.size
      at += kind.size
    } else {
      flush()
      dec.push(`const ${v} = ${d}.read(r); // ${decl}`)
      if (kind.length) lengths.push(`${d}.length(m.${prop})`)
      else lengthOk = false
    }
    props.push(`${prop}: ${v}`)
    enc.push(`${d}.write(w, m.${prop}); // ${decl}`)
  })
  flush()
  const lengthExpr = lengthOk ? [String(fixedSize), ...lengths].join(' + ') : undefined
  return { fixedSize, offsets, decodeBody: dec.join('\n'), encodeBody: enc.join('\n'), lengthExpr, props, extras, deps }
}

function bytesLength(b: BytesLike): number {
  return typeof b === 'string' ? asBytes(b).length : b.length
}

const RUNTIME = ['formatMac', 'readFixedText', 'writeFixedText', 'bytesLength', 'EMPTY'] as const
const RUNTIME_VALUES = [formatMac, readFixedText, writeFixedText, bytesLength, EMPTY]

function build<F>(params: string, body: string, deps: unknown[]): F {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiled once per field table, from the table only
  const factory = new Function('D', ...RUNTIME, `return function (${params}) {\n${body}\n}`) as (...a: unknown[]) => F
  return factory(deps, ...RUNTIME_VALUES)
}

function checkSize(name: string, size: number | undefined, c: Compiled): void {
  if (size !== undefined && size !== c.fixedSize) {
    throw new MalformedError('BAD_LAYOUT', `${name}: fields add up to ${c.fixedSize} bytes, the struct is ${size}`, { field: name })
  }
}

/**
 * A struct inside messages. `size` is asserted against the fields (sizeof the C struct without
 * trailing variable parts). Decoding checks the bounds once per run of fixed fields, errors name the
 * struct (TruncatedError, field `name`).
 */
export function structLayout<T>(name: string, size: number | undefined, table: FieldTable<T>): StructLayout<T> {
  const c = compile(name, table as unknown as readonly AnyField[])
  checkSize(name, size, c)
  const body = `const dv = r.dv;\nlet p = r.pos;\n${c.decodeBody}\nconst o = { ${c.props.join(', ')} };\n${c.extras.join('\n')}\nreturn o;`
  const read = build<(r: WireReader) => T>('r', body, c.deps)
  const write = build<(w: WireWriter, m: T) => void>('w, m', c.encodeBody, c.deps)
  const layout: StructLayout<T> = {
    name,
    fixedSize: c.fixedSize,
    fields: table,
    read,
    write,
    offsetOf(field) {
      const o = c.offsets.get(field)
      if (o === undefined) throw new RangeError(`${name}.${field} is not in the fixed prefix`)
      return o
    },
  }
  if (c.lengthExpr !== undefined) {
    const length = build<(m: T) => number>('m', `return ${c.lengthExpr};`, c.deps)
    if (c.lengthExpr === String(c.fixedSize)) Object.assign(layout, { size: c.fixedSize, length })
    else Object.assign(layout, { length })
  }
  return layout
}

/**
 * A message body (the bytes after the 8-byte ofp_header). `decode(r, h)` returns ONE object literal
 * `{version, type, xid, …fields}`; `size` is the C sizeof including the header when given (asserted as
 * 8 + fixed fields), `length(m)` the whole encoded length.
 */
export function messageLayout<M extends HeaderFields>(name: string, size: number | undefined, table: FieldTable<M>): MessageLayout<M> {
  const c = compile(name, table as unknown as readonly AnyField[])
  checkSize(name, size === undefined ? undefined : size - 8, c)
  const literal = ['version: h.version', 'type: h.type', 'xid: h.xid', ...c.props].join(', ')
  const body = c.extras.length
    ? `const dv = r.dv;\nlet p = r.pos;\n${c.decodeBody}\nconst o = { ${literal} };\n${c.extras.join('\n')}\nreturn o;`
    : `const dv = r.dv;\nlet p = r.pos;\n${c.decodeBody}\nreturn { ${literal} };`
  return {
    name,
    fixedSize: c.fixedSize,
    fields: table,
    decode: build<MessageLayout<M>['decode']>('r, h', body, c.deps),
    encode: build<MessageLayout<M>['encode']>('w, m', c.encodeBody, c.deps),
    length: c.lengthExpr === undefined ? undefined : build<(m: M) => number>('m', `return 8 + ${c.lengthExpr};`, c.deps),
  }
}

// ---- the interpreted alternative (kept for the `struct` bench, which measures both) -------------

/** Decode `table` field by field with a loop (no code generation). Same result as structLayout().read. */
export function readInterpreted<T>(name: string, table: FieldTable<T>, r: WireReader): T {
  const o: Record<string, unknown> = {}
  for (const [prop, kind] of table as unknown as readonly AnyField[]) {
    if (typeof kind === 'number') {
      r.skip(kind, `${name}.pad`)
    } else if (kind === 'rest') {
      o[prop] = r.rest()
    } else if (typeof kind === 'string') {
      if (kind === 'mac') o[prop] = formatMac(r.bytes(6, name))
      else if (kind === 'u64') o[prop] = r.u64()
      else o[prop] = kind === 'u8' ? r.u8() : kind === 'u16' ? r.u16() : r.u32()
    } else if ('text' in kind) {
      const t = readFixedText(r, kind.text, kind.encoding, name)
      o[prop] = t.text
      if (t.raw) o[`${prop}Raw`] = t.raw
    } else {
      o[prop] = kind.read(r)
    }
  }
  return o as T
}
