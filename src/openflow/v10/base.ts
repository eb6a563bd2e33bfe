// Helpers shared by the OpenFlow 1.0 message modules.
import type { OfHeader } from '../header.js'
import type { MessageCodec } from '../registry.js'
import type { WireReader } from '../../wire/reader.js'
import type { WireWriter } from '../../wire/writer.js'
import { asBytes, type BytesLike } from '../../wire/json.js'
import { OFP_HEADER_SIZE } from '../header.js'

/** Header fields every decoded 1.0 message carries. */
export interface Base10<T extends number> {
  version: 0x01
  type: T
  xid: number
}

export function base10<T extends number>(h: OfHeader): Base10<T> {
  return { version: 0x01, type: h.type as T, xid: h.xid }
}

/** Length of a bytes field given in decoded (Buffer) or JSON (hex) form. */
export function bytesLength(b: BytesLike): number {
  return typeof b === 'string' ? asBytes(b).length : b.length
}

/** A message whose whole body is one opaque `data` field (HELLO, ECHO_*). */
export interface DataMessage10<T extends number> extends Base10<T> {
  /** View into the receive buffer; copy before retaining. */
  data: Buffer
}

export function dataCodec<T extends number>(name: string): MessageCodec<DataMessage10<T>> {
  return {
    name,
    decode: (r: WireReader, h: OfHeader) => ({ version: 0x01, type: h.type as T, xid: h.xid, data: r.rest() }), // uint8_t data[0];
    encode: (w: WireWriter, m: DataMessage10<T>) => void w.bytes(m.data ?? Buffer.alloc(0)),
    length: (m: DataMessage10<T>) => OFP_HEADER_SIZE + (m.data === undefined ? 0 : bytesLength(m.data)),
  }
}

/** A message with a header only (FEATURES_REQUEST, GET_CONFIG_REQUEST, BARRIER_*). */
export type EmptyMessage10<T extends number> = Base10<T>

export function emptyCodec<T extends number>(name: string): MessageCodec<EmptyMessage10<T>> {
  return {
    name,
    decode: (_r: WireReader, h: OfHeader) => base10<T>(h),
    encode: () => {},
    length: () => OFP_HEADER_SIZE,
  }
}
