// WireWriter: a growable big-endian writer.
//
// Lengths are written as placeholders and back-patched (`reserve16` + `patchU16`), the pattern of
// Ryu's _serialize_header and OpenFlowJ. `finish()` returns a fresh Buffer of exactly the written
// length, so a returned message never aliases the writer's scratch space (pg-protocol's flush lesson).
// Integer setters accept the JSON forms too (bigint as decimal/0x string, bytes as hex string), so
// the lossless JSON form of a message can be encoded without a separate reviver.
import { asBigInt, asBytes, type BigIntLike, type BytesLike } from './json.js'
import { parseMac } from './mac.js'

export class WireWriter {
  private buf: Buffer
  private dv: DataView
  pos = 0

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial)
    this.dv = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength)
  }

  get length(): number {
    return this.pos
  }

  private ensure(n: number): void {
    const need = this.pos + n
    if (need <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < need) size *= 2
    const next = Buffer.allocUnsafe(size)
    this.buf.copy(next, 0, 0, this.pos)
    this.buf = next
    this.dv = new DataView(next.buffer, next.byteOffset, next.byteLength)
  }

  u8(v: number): this {
    this.ensure(1)
    this.dv.setUint8(this.pos, v & 0xff)
    this.pos += 1
    return this
  }

  u16(v: number): this {
    this.ensure(2)
    this.dv.setUint16(this.pos, v & 0xffff)
    this.pos += 2
    return this
  }

  u24(v: number): this {
    this.ensure(3)
    this.dv.setUint8(this.pos, (v >>> 16) & 0xff)
    this.dv.setUint16(this.pos + 1, v & 0xffff)
    this.pos += 3
    return this
  }

  u32(v: number): this {
    this.ensure(4)
    this.dv.setUint32(this.pos, v >>> 0)
    this.pos += 4
    return this
  }

  i32(v: number): this {
    this.ensure(4)
    this.dv.setInt32(this.pos, v | 0)
    this.pos += 4
    return this
  }

  u64(v: BigIntLike): this {
    this.ensure(8)
    this.dv.setBigUint64(this.pos, BigInt.asUintN(64, asBigInt(v)))
    this.pos += 8
    return this
  }

  bytes(b: BytesLike): this {
    const src = asBytes(b)
    this.ensure(src.length)
    this.buf.set(src, this.pos)
    this.pos += src.length
    return this
  }

  /** A 6-byte MAC from "aa:bb:cc:dd:ee:ff" (or a 6-byte buffer). */
  mac(m: string | Uint8Array): this {
    return this.bytes(typeof m === 'string' ? parseMac(m) : m)
  }

  zero(n: number): this {
    this.ensure(n)
    this.buf.fill(0, this.pos, this.pos + n)
    this.pos += n
    return this
  }

  /** A NUL-padded fixed-width Latin-1 string (truncated to n bytes); codecs use fixed-text.ts. */
  fixedString(s: string, n: number): this {
    this.ensure(n)
    this.buf.fill(0, this.pos, this.pos + n)
    this.buf.write(s, this.pos, Math.min(n, Buffer.byteLength(s, 'latin1')), 'latin1')
    this.pos += n
    return this
  }

  /** Zero-pad to the next multiple of `n` counted from absolute position `from`. */
  align(n: number, from = 0): this {
    const rem = (this.pos - from) % n
    return rem === 0 ? this : this.zero(n - rem)
  }

  /** Reserve a 16-bit field to be patched later; returns its position. */
  reserve16(): number {
    const at = this.pos
    this.u16(0)
    return at
  }

  patchU16(at: number, v: number): this {
    this.dv.setUint16(at, v & 0xffff)
    return this
  }

  patchU32(at: number, v: number): this {
    this.dv.setUint32(at, v >>> 0)
    return this
  }

  /** A fresh Buffer holding exactly what was written. The writer may be reused after `reset()`. */
  finish(): Buffer {
    const out = Buffer.allocUnsafe(this.pos)
    this.buf.copy(out, 0, 0, this.pos)
    return out
  }

  reset(): this {
    this.pos = 0
    return this
  }
}
