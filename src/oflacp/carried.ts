// The reader behind ./lacp-source.ts, without a static import of the OpenFlow codec: `ofl lacp decode`
// loads this module when the first TCP segment on an OpenFlow port shows up, and the codec only when a
// packet-in, packet-out or features reply is framed (see CarriedLacpReader). OpenFlow 1.0.0
// §5.3.6/§5.4.1, 1.3.5 §7.3.7/§7.4.1.
import type { CaptureRecord } from '../capture/record.js'
import type { Where } from '../lacp/analysis/types.js'
import { LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2 } from '../capture/linktype.js'
import { isOflError } from '../wire/errors.js'
import type { decodeMessage } from '../openflow/codec.js'
import type { getOxm } from '../openflow/common13/oxm.js'
import { OFPT_FEATURES_REPLY, OFPT_PACKET_IN, OFPT_PACKET_OUT } from '../openflow/constants.js'
import { OfCaptureDecoder, type OfCaptureMessage, type OfCaptureOptions, type OfConnection } from '../openflow/stream/capture.js'

const ETH_TYPE_SLOW = 0x8809

/** A record synthesised from an OpenFlow message: `data` is the carried Ethernet frame. */
export interface OfCarriedRecord extends CaptureRecord {
  /** Where the LACP analysis should say the PDU was seen. */
  where: Where
  /** The OpenFlow message that carried it. */
  openflow: { connection: number; version: number; type: number; xid: number; offset: number; inPort?: number }
}

export function isOfCarriedRecord(r: CaptureRecord): r is OfCarriedRecord {
  return (r as Partial<OfCarriedRecord>).openflow !== undefined
}

/** "00:00:00:00:00:00:00:01" (the form the LACP analysis prints). */
export function datapathIdText(d: bigint): string {
  return d.toString(16).padStart(16, '0').replace(/(..)(?!$)/g, '$1:')
}

/** Port numbers above these are reserved (OFPP_MAX): not a physical output. */
const OFPP10_MAX = 0xff00
const OFPP13_MAX = 0xffffff00

/** Could this record hold IP (cheap pre-check, no allocation)? */
function mayBeIp(rec: CaptureRecord): boolean {
  const d = rec.data
  let o: number
  if (rec.linkType === LINKTYPE_ETHERNET) o = 12
  else if (rec.linkType === LINKTYPE_LINUX_SLL) o = 14
  else if (rec.linkType === LINKTYPE_LINUX_SLL2) o = 0
  else return false
  if (d.length < o + 2) return false
  const t = (d[o]! << 8) | d[o + 1]!
  return t === 0x0800 || t === 0x86dd || t === 0x8100 || t === 0x88a8 || t === 0x9100
}

/** Is `frame` a (possibly VLAN-tagged) slow-protocol frame? */
function isSlowFrame(frame: Buffer): boolean {
  let o = 12
  while (frame.length >= o + 2) {
    const t = (frame[o]! << 8) | frame[o + 1]!
    if (t === ETH_TYPE_SLOW) return true
    if (t !== 0x8100 && t !== 0x88a8 && t !== 0x9100) return false
    o += 4
  }
  return false
}

export interface OpenFlowLacpOptions extends OfCaptureOptions {
  /** Input file name to put in `where.file` (when several files are analysed together). */
  file?: string
}

/** What the reader needs from the OpenFlow codec (../openflow/codec.ts is large: loaded on first need). */
export interface OfLacpCodec {
  decodeMessage: typeof decodeMessage
  getOxm: typeof getOxm
}

/** Import the OpenFlow codec. */
export async function loadOfLacpCodec(): Promise<OfLacpCodec> {
  const [{ decodeMessage }, { getOxm }] = await Promise.all([import('../openflow/codec.js'), import('../openflow/common13/oxm.js')])
  return { decodeMessage, getOxm }
}

/**
 * Streaming: push every capture record; records holding the end of a packet-in/packet-out that
 * carries a slow-protocol frame produce OfCarriedRecords (in capture order). Made without a codec,
 * the reader frames the TCP streams but holds the messages it would have to decode (`waiting`) until
 * `provide(codec)`: a capture whose frames on the OpenFlow ports never frame a packet-in, packet-out
 * or features reply (junk that happens to carry port 6653) never loads the codec.
 */
export class CarriedLacpReader {
  private readonly dec: OfCaptureDecoder
  private out: CaptureRecord[] = []
  private readonly wheres = new Map<string, { where: Where; id: number }>()
  /** Messages framed while no codec was there, in stream order. */
  private held: OfCaptureMessage[] = []
  /** OpenFlow messages seen / slow-protocol frames found in them. */
  messages = 0
  carried = 0

  constructor(private readonly opts: OpenFlowLacpOptions = {}, private codec?: OfLacpCodec) {
    this.dec = new OfCaptureDecoder((m) => this.message(m), () => undefined, opts)
  }

  /** True when messages wait for the codec (call provide() before pushing on). */
  get waiting(): boolean {
    return this.held.length > 0
  }

  /** Give the codec: the held messages are decoded; returns the carried records they hold. */
  provide(codec: OfLacpCodec): CaptureRecord[] {
    this.codec = codec
    const held = this.held
    this.held = []
    for (const m of held) this.decode(m, codec)
    return this.take()
  }

  private take(): CaptureRecord[] {
    if (this.out.length === 0) return NONE
    const got = this.out
    this.out = []
    return got
  }

  /** Connections seen (with their datapath ids once known). */
  get connections(): readonly OfConnection[] {
    return this.dec.connections
  }

  /** Feed one record; returns the carried records it completed (often none). */
  push(rec: CaptureRecord): CaptureRecord[] {
    if (!mayBeIp(rec)) return NONE
    this.dec.push(rec)
    return this.take()
  }

  /** End of input: messages completed by flushing held segments (check `waiting` after it too). */
  finish(): CaptureRecord[] {
    this.dec.finish()
    return this.take()
  }

  private message(m: OfCaptureMessage): void {
    this.messages++
    const type = m.bytes[1]!
    if (type !== OFPT_PACKET_IN && type !== OFPT_PACKET_OUT && type !== OFPT_FEATURES_REPLY) return
    if (this.codec === undefined) this.held.push(m)
    else this.decode(m, this.codec)
  }

  private decode(m: OfCaptureMessage, { decodeMessage, getOxm }: OfLacpCodec): void {
    const type = m.bytes[1]!
    let msg
    try {
      msg = decodeMessage(m.bytes)
    } catch (e) {
      if (isOflError(e)) return // `ofl of decode` reports it; here it simply carries no LACPDU
      throw e
    }
    const conn = m.connection
    if (msg.type === OFPT_FEATURES_REPLY) {
      if (conn.datapathId === undefined && 'datapathId' in msg) conn.datapathId = msg.datapathId
      return
    }
    if (msg.type !== OFPT_PACKET_IN && msg.type !== OFPT_PACKET_OUT) return
    const data = msg.data
    if (!data || !isSlowFrame(data)) return
    const v = msg.version
    const inPort: number | undefined = msg.version === 1 || msg.type === OFPT_PACKET_OUT ? msg.inPort : getOxm(msg.match, 'in_port')?.value
    let ports: Array<number | undefined>
    if (msg.type === OFPT_PACKET_IN) ports = [inPort]
    else {
      const max = v === 1 ? OFPP10_MAX : OFPP13_MAX
      const outs: number[] = []
      for (const a of msg.actions) if (a.type === 0 && 'port' in a && a.port < max) outs.push(a.port)
      ports = outs.length ? outs : [inPort]
    }
    for (const port of ports) {
      this.carried++
      const w = this.where(conn, port, type === OFPT_PACKET_IN ? 'packet-in' : 'packet-out')
      const r: OfCarriedRecord = {
        frame: m.frame,
        tsSec: m.tsSec,
        tsNsec: m.tsNsec,
        linkType: LINKTYPE_ETHERNET,
        interfaceId: w.id,
        data,
        origLen: msg.type === OFPT_PACKET_IN ? msg.totalLen : data.length,
        offset: m.offset,
        where: w.where,
        openflow: { connection: conn.id, version: v, type, xid: msg.xid, offset: m.offset, ...(inPort !== undefined ? { inPort } : {}) },
      }
      this.out.push(r)
    }
  }

  /** One shared Where object per (connection, port, direction), with a synthetic interface id. */
  private where(conn: OfConnection, port: number | undefined, direction: 'packet-in' | 'packet-out'): { where: Where; id: number } {
    const dpid = conn.datapathId === undefined ? undefined : datapathIdText(conn.datapathId)
    const key = `${conn.id}|${dpid}|${port}|${direction}`
    let w = this.wheres.get(key)
    if (w === undefined) {
      const where: Where = {}
      if (this.opts.file !== undefined) where.file = this.opts.file
      if (dpid !== undefined) where.datapathId = dpid
      if (port !== undefined) where.ofPort = port
      where.direction = direction
      // ids above any real pcapng interface id, so per-interface caches never mix the two
      w = { where, id: 0x40000000 + this.wheres.size }
      this.wheres.set(key, w)
    }
    return w
  }
}

const NONE: CaptureRecord[] = []

/**
 * Wrap a capture's record batches: each batch gains, right after the record that completed them, the
 * slow-protocol frames carried by OpenFlow packet-ins/packet-outs (OfCarriedRecord). The original
 * records pass through unchanged. `load` is awaited when the reader first needs the codec.
 */
export async function* carryLacp(batches: AsyncIterable<CaptureRecord[]>, src: CarriedLacpReader, load: () => Promise<OfLacpCodec> = loadOfLacpCodec): AsyncGenerator<CaptureRecord[]> {
  for await (const batch of batches) {
    let out: CaptureRecord[] | undefined
    for (let i = 0; i < batch.length; i++) {
      let got = src.push(batch[i]!)
      if (src.waiting) got = [...got, ...src.provide(await load())]
      if (got.length) {
        if (out === undefined) out = batch.slice(0, i)
        out.push(batch[i]!, ...got)
      } else if (out !== undefined) out.push(batch[i]!)
    }
    yield out ?? batch
  }
  let tail = src.finish()
  if (src.waiting) tail = [...tail, ...src.provide(await load())]
  if (tail.length) yield tail
}
