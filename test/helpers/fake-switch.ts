// A scripted OpenFlow switch for controller tests, over 127.0.0.1. It builds what it sends and decodes
// what it receives with the project's general codecs (src/openflow/codec.ts, written independently
// of the hot-path encoders the controller runs, src/openflow/hot.ts), so every controller message
// in these tests is checked by a second implementation.
import { connect, type Socket } from 'node:net'
import { decodeMessage, encodeMessage, type AnyMessage } from '../../src/openflow/codec.js'
import type { MessageInput } from '../../src/openflow/messages.js'
import { OfFramer } from '../../src/openflow/framer.js'

/**
 * What the fake switch received, as the controller tests read it: a decoded message whose fields are
 * read by name across versions without narrowing each assertion (the library's own type is OfMessage).
 */
export type SeenMessage = AnyMessage & Record<string, any>

export const OFPP10_LOCAL = 0xfffe
export const OFPP13_LOCAL = 0xfffffffe

export interface FakeSwitchOptions {
  /** Version byte of our HELLO (and the version we speak). */
  version: number
  /** HELLO version bitmap element (1.3.1+); omitted when undefined. */
  bitmap?: number[]
  dpid: bigint
  ports: number[]
  /** Answer FEATURES/PORT_DESC/ECHO requests automatically (default true). */
  auto?: boolean
}

export const portMac = (n: number) => `02:00:00:00:01:${(n & 0xff).toString(16).padStart(2, '0')}`
export const LOCAL_MAC = '02:00:00:00:01:00'

export class FakeSwitch {
  readonly socket: Socket
  readonly received: SeenMessage[] = []
  /** Raw bytes of every received message (for decode-independent checks). */
  readonly raw: Buffer[] = []
  closed = false
  private readonly framer = new OfFramer()
  private waiters: Array<() => void> = []
  decodeErrors: unknown[] = []

  private constructor(socket: Socket, readonly opts: FakeSwitchOptions) {
    this.socket = socket
    socket.on('data', (chunk) => {
      this.framer.push(chunk, (buf, off, len) => {
        const bytes = Buffer.from(buf.subarray(off, off + len))
        this.raw.push(bytes)
        let m: AnyMessage
        try {
          m = decodeMessage(bytes)
        } catch (e) {
          this.decodeErrors.push(e)
          return
        }
        this.received.push(m)
        if (opts.auto !== false) this.autoAnswer(m)
      })
      this.wake()
    })
    socket.on('close', () => {
      this.closed = true
      this.wake()
    })
    socket.on('error', () => undefined)
  }

  static connect(port: number, opts: FakeSwitchOptions): Promise<FakeSwitch> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port }, () => {
        const fs = new FakeSwitch(s, opts)
        fs.send(helloMessage(opts.version, opts.bitmap))
        resolve(fs)
      })
      s.once('error', reject)
    })
  }

  private wake(): void {
    const w = this.waiters
    this.waiters = []
    for (const f of w) f()
  }

  send(msg: MessageInput): void {
    this.socket.write(encodeMessage(msg))
  }
  sendRaw(bytes: Uint8Array): void {
    this.socket.write(bytes)
  }

  /** Wait until a received message satisfies `pred` (searching from index `from`). */
  async waitFor(pred: (m: SeenMessage) => boolean, timeoutMs = 3000, from = 0): Promise<SeenMessage> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const hit = this.received.slice(from).find(pred)
      if (hit) return hit
      if (this.closed) throw new Error('connection closed while waiting')
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out; received types: ${this.received.map((m) => m.type).join(',')}`)
      await new Promise<void>((r) => {
        const t = setTimeout(r, left)
        this.waiters.push(() => {
          clearTimeout(t)
          r()
        })
      })
    }
  }

  /** Wait until the controller closes the connection. */
  async waitClosed(timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('connection not closed')
      await new Promise((r) => setTimeout(r, 10))
    }
  }

  /** Let the controller's pending writes arrive and be decoded. */
  async settle(ms = 80): Promise<void> {
    await new Promise((r) => setTimeout(r, ms))
  }

  private autoAnswer(m: SeenMessage): void {
    const v = this.opts.version
    if (m.type === 5) this.send(featuresReply(v, this.opts.dpid, this.opts.ports, m.xid))
    else if (m.type === 2) this.send({ version: v, type: 3, xid: m.xid, data: m.data ?? Buffer.alloc(0) })
    else if (v === 4 && m.type === 18 && m.mpType === 13) this.send(portDescReply(this.opts.ports, m.xid))
  }

  /** A PACKET_IN of `frame`; with `bufferId` the switch says it kept the packet in that buffer. */
  packetIn(inPort: number, frame: Buffer, reason = 0, bufferId = 0xffffffff): void {
    this.send(packetInMessage(this.opts.version, inPort, frame, reason, bufferId))
  }

  close(): void {
    this.socket.destroy()
  }
}

export function helloMessage(version: number, bitmap?: number[]): MessageInput {
  const elements = bitmap ? [{ type: 1, bitmaps: [bitmap.reduce((a, v) => a | (1 << v), 0)] }] : []
  return version >= 4 ? { version, type: 0, xid: 1, elements } : { version, type: 0, xid: 1, body: Buffer.alloc(0) }
}

function port10(n: number) {
  return { portNo: n, hwAddr: n === OFPP10_LOCAL ? LOCAL_MAC : portMac(n), name: n === OFPP10_LOCAL ? 's1' : `s1-eth${n}`, config: 0, state: 0, curr: 0, advertised: 0, supported: 0, peer: 0 }
}
function port13(n: number) {
  return { portNo: n, hwAddr: n === OFPP13_LOCAL ? LOCAL_MAC : portMac(n), name: n === OFPP13_LOCAL ? 's1' : `s1-eth${n}`, config: 0, state: 0, curr: 0, advertised: 0, supported: 0, peer: 0, currSpeed: 0, maxSpeed: 0 }
}

export function featuresReply(version: number, dpid: bigint, ports: number[], xid: number): MessageInput {
  if (version === 1) {
    return { version, type: 6, xid, datapathId: dpid, nBuffers: 0, nTables: 254, capabilities: 0, actions: 0xfff, ports: [...ports, OFPP10_LOCAL].map(port10) }
  }
  // 1.2 lists the ports in the features reply; 1.3 answers OFPMP_PORT_DESC instead.
  if (version === 3) return { version, type: 6, xid, datapathId: dpid, nBuffers: 0, nTables: 254, capabilities: 0, reserved: 0, ports: [...ports, OFPP13_LOCAL].map(port13) }
  return { version, type: 6, xid, datapathId: dpid, nBuffers: 0, nTables: 254, auxiliaryId: 0, capabilities: 0, reserved: 0 }
}

export function portDescReply(ports: number[], xid: number): MessageInput {
  return { version: 4, type: 19, xid, mpType: 13, flags: 0, body: [...ports, OFPP13_LOCAL].map(port13) }
}

export function packetInMessage(version: number, inPort: number, frame: Buffer, reason = 0, bufferId = 0xffffffff): MessageInput {
  if (version === 1) return { version, type: 10, xid: 0, bufferId, totalLen: frame.length, inPort, reason, data: frame }
  return { version, type: 10, xid: 0, bufferId, totalLen: frame.length, reason, tableId: 0, cookie: 0n, match: { fields: [{ field: 'in_port', value: inPort }] }, data: frame }
}

/** OFPT_FLOW_REMOVED for the LACP liveness flow of `inPort` (match in_port + eth_src + eth_type). */
export function lacpFlowRemoved(version: number, inPort: number, ethSrc: string, reason: number): MessageInput {
  if (version === 1) {
    const OFPFW_ALL = (1 << 22) - 1
    const wildcards = OFPFW_ALL & ~(1 | 4 | 16)
    return {
      version, type: 11, xid: 0, cookie: 0n, priority: 65535, reason, durationSec: 7, durationNsec: 0, idleTimeout: 3, packetCount: 4n, byteCount: 496n,
      match: { wildcards, inPort, dlSrc: ethSrc, dlDst: '00:00:00:00:00:00', dlVlan: 0, dlVlanPcp: 0, dlType: 0x8809, nwTos: 0, nwProto: 0, nwSrc: '0.0.0.0', nwDst: '0.0.0.0', tpSrc: 0, tpDst: 0 },
    }
  }
  return {
    version, type: 11, xid: 0, cookie: 0n, priority: 65535, reason, tableId: 0, durationSec: 7, durationNsec: 0, idleTimeout: 3, hardTimeout: 0, packetCount: 4n, byteCount: 496n,
    match: { fields: [{ field: 'in_port', value: inPort }, { field: 'eth_src', value: ethSrc }, { field: 'eth_type', value: 0x8809 }] },
  }
}
