// The reused output batch of the hot-path encoders (src/openflow/hot.ts and the `hot.ts` file of each
// version folder): a strict big-endian writer — numbers and bigints only, no JSON coercion, no
// per-message Buffer — that appends messages to one growing chunk, back-patches each message's
// ofp_header.length (OpenFlow 1.3.5 §7.1), and hands the pending bytes to the socket with `take()`.
// The general codec (codec.ts, WireWriter) accepts the lossless JSON forms and returns a fresh Buffer
// per message; this writer is what a controller answering 10^5 packet-ins/s needs.
export class OutBatch {
  buf: Buffer
  dv: DataView
  /** start of the bytes not yet taken */
  private start = 0
  pos = 0
  private readonly chunk: number

  constructor(chunk = 64 * 1024) {
    this.chunk = chunk
    this.buf = Buffer.allocUnsafe(chunk)
    this.dv = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength)
  }

  /** Bytes written and not yet taken. */
  get pending(): number {
    return this.pos - this.start
  }

  /** Make room for `n` more bytes (pending bytes move to a bigger chunk when needed). */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return
    const pending = this.pos - this.start
    const next = Buffer.allocUnsafe(Math.max(this.chunk, (pending + n) * 2))
    this.buf.copy(next, 0, this.start, this.pos)
    this.buf = next
    this.dv = new DataView(next.buffer, next.byteOffset, next.byteLength)
    this.start = 0
    this.pos = pending
  }

  /**
   * The pending bytes (a view); the batch never writes them again: it keeps filling the rest of the
   * chunk, or starts a new chunk when little room is left (a socket may still hold the view).
   */
  take(): Buffer {
    const out = this.buf.subarray(this.start, this.pos)
    this.start = this.pos
    if (this.buf.length - this.pos < 4096) {
      this.buf = Buffer.allocUnsafe(this.chunk)
      this.dv = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength)
      this.start = 0
      this.pos = 0
    }
    return out
  }

  u8(v: number): void {
    this.buf[this.pos++] = v
  }
  u16(v: number): void {
    this.dv.setUint16(this.pos, v)
    this.pos += 2
  }
  u32(v: number): void {
    this.dv.setUint32(this.pos, v >>> 0)
    this.pos += 4
  }
  u64(v: bigint): void {
    this.dv.setBigUint64(this.pos, v)
    this.pos += 8
  }
  /** A 48-bit number (a MAC address in the integer form the peeks produce). */
  u48(v: number): void {
    this.dv.setUint16(this.pos, Math.floor(v / 0x100000000))
    this.dv.setUint32(this.pos + 2, v >>> 0)
    this.pos += 6
  }
  zero(n: number): void {
    // pads are 2-6 bytes: a loop beats Buffer#fill's argument checks by far
    const buf = this.buf
    const end = this.pos + n
    for (let i = this.pos; i < end; i++) buf[i] = 0
    this.pos = end
  }
  bytes(src: Uint8Array, off = 0, len = src.length - off): void {
    this.buf.set(src.subarray(off, off + len), this.pos)
    this.pos += len
  }
  /** Write an ofp_header with length 0; returns its offset for `end()`. */
  header(version: number, type: number, xid: number): number {
    const at = this.pos
    this.buf[at] = version // uint8_t version;
    this.buf[at + 1] = type // uint8_t type;
    this.dv.setUint16(at + 2, 0) // uint16_t length; (back-patched by end())
    this.dv.setUint32(at + 4, xid >>> 0) // uint32_t xid;
    this.pos += 8
    return at
  }
  /** Back-patch the length of the message that started at `at`. */
  end(at: number): void {
    this.dv.setUint16(at + 2, this.pos - at)
  }
  patch16(at: number, v: number): void {
    this.dv.setUint16(at, v)
  }
}

/** A flow match as a controller's hot path uses it: any subset of in_port, eth_src, eth_dst, eth_type. */
export interface HotMatch {
  inPort?: number
  /** MACs as 48-bit integers (the form PacketInPeek and peekEthernet produce). */
  ethSrc?: number
  ethDst?: number
  ethType?: number
}

/** Output to a port (max_len for CONTROLLER), or (1.2+) to a group. */
export type HotAction = { type: 'output'; port: number; maxLen?: number } | { type: 'group'; groupId: number }

/** An OFPT_FLOW_MOD as the hot path writes it: actions go into one APPLY_ACTIONS instruction on 1.2+. */
export interface HotFlowMod {
  command: number
  priority: number
  match: HotMatch
  actions: readonly HotAction[]
  idleTimeout?: number
  hardTimeout?: number
  flags?: number
  cookie?: bigint
  /** 1.2+: non-zero restricts DELETE by cookie. */
  cookieMask?: bigint
  /** The packet-in buffer the switch applies the new flow to (OFP_NO_BUFFER when absent). */
  bufferId?: number
  /** DELETE filters (OFPP_NONE/ANY and OFPG_ANY when absent). */
  outPort?: number
  outGroup?: number
}
