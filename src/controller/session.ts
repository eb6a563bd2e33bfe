// One OpenFlow switch connection (Ryu ofp_handler's life cycle): HELLO with a version bitmap →
// negotiation → FEATURES (→ PORT_DESC on 1.3) → READY, echo answered in every state, our own echo
// requests with a dead-peer timeout, and output batching with socket backpressure.
// Decode failures become OFPT_ERROR replies (OVS ofperr_encode_reply), after which this switch —
// and only this switch — is closed. OpenFlow Switch Specification 1.3.x §6.3 (handshake), §A.5.
// Structure: server.ts (listener, ticker, app pipeline) → one SwitchSession per connection → the apps
// (apps/lacp.ts, apps/learning-switch.ts) through the ControllerApp interface. No bytes are read or
// written here: packet-ins through src/openflow/peek.ts, everything else received through
// decodeMessage + toModel, everything sent through the hot-path encoders of src/openflow/hot.ts into
// `out` (one OutBatch, flushed once per received chunk).
import type { Socket } from 'node:net'
import { OfFramer } from '../openflow/framer.js'
import { errorReply } from '../openflow/errors.js'
import { OFP_VERSION_1_3, VERSION_NAMES } from '../openflow/header.js'
import { decodeMessage } from '../openflow/codec.js'
import { toModel, PORT_LOCAL, type ModelPort } from '../openflow/model.js'
import { PacketInPeek, peekPacketIn } from '../openflow/peek.js'
import {
  OutBatch, writeHotHello, writeHotHeaderOnly, writeHotEchoReply, writeHotSetConfig, writeHotPortDescRequest, helloBitmapVersion, msgType, msgVersion,
  portNumbers, type PortNumbers,
} from '../openflow/hot.js'
import {
  OFPT_HELLO, OFPT_ERROR, OFPT_ECHO_REQUEST, OFPT_ECHO_REPLY, OFPT_FEATURES_REQUEST, OFPT_FEATURES_REPLY, OFPT_PACKET_IN, OFPT_FLOW_REMOVED,
  OFPT_PORT_STATUS, OFPPR_DELETE,
} from '../openflow/common13/constants.js'
import { MalformedError, OflError, UnsupportedError } from '../wire/errors.js'
import type { FlowRemoved } from '../openflow/model.js'

/** A switch port as the controller keeps it (port numbers in the model's 32-bit space). */
export interface SwitchPort {
  portNo: number
  /** hw_addr as a 48-bit number */
  hwAddr: number
  name: string
  linkDown: boolean
}

const OFPPS_LINK_DOWN = 1

function switchPort(p: ModelPort): SwitchPort {
  return { portNo: p.portNo, hwAddr: Number.parseInt(p.hwAddr.replaceAll(':', ''), 16), name: p.name, linkDown: (p.state & OFPPS_LINK_DOWN) !== 0 }
}

export type SessionState = 'hello' | 'features' | 'ports' | 'ready' | 'closed'

export interface ControllerApp {
  switchReady(sw: SwitchSession): void
  /** `pi` is reused for the next packet-in: read it now. Frame bytes are `buf[pi.dataOffset, +pi.dataLength)`. */
  packetIn(sw: SwitchSession, pi: PacketInPeek, buf: Buffer, dv: DataView): void
  flowRemoved(sw: SwitchSession, fr: FlowRemoved): void
  portStatus(sw: SwitchSession, reason: number, port: SwitchPort): void
  switchClosed(sw: SwitchSession): void
}

export interface SessionOptions {
  versions: readonly number[]
  /** Send an echo request after this much silence (ms); close after `deadAfterMs` of silence. */
  echoIntervalMs: number
  deadAfterMs: number
  /** Close a switch whose unsent output exceeds this many bytes (it stopped reading). */
  maxPendingBytes: number
  log: (line: string) => void
}

export interface SessionCounters {
  rxMessages: number
  txMessages: number
  errorsSent: number
  errorsReceived: number
  echoRequestsSent: number
}

/** Per-datapath messages the metrics count (ofl_packet_in_total, ofl_flow_removed_total). */
export interface DatapathCounts {
  packetIn: number
  flowRemoved: number
}

export class SwitchSession {
  readonly socket: Socket
  readonly remote: string
  readonly out = new OutBatch()
  state: SessionState = 'hello'
  version = 0
  dpid = -1n
  dpidStr = ''
  P: PortNumbers = portNumbers(OFP_VERSION_1_3)
  /** Ports by number (the model's 32-bit numbering: 1.0's OFPP_LOCAL 0xfffe is 0xfffffffe here). */
  readonly ports = new Map<number, SwitchPort>()
  readonly counters: SessionCounters = { rxMessages: 0, txMessages: 0, errorsSent: 0, errorsReceived: 0, echoRequestsSent: 0 }
  /** The datapath's message counts for the metrics, kept by the controller across reconnects (set when ready). */
  dpCounts: DatapathCounts | undefined
  /** When the switch was last heard from, to the ticker's resolution (`tick` stamps it). */
  lastRx: number
  /** Bytes arrived since the last tick: no clock read per received chunk. */
  private rxSinceTick = false
  private lastEchoSent = 0
  private xid = 1
  private readonly framer = new OfFramer()
  private readonly pi = new PacketInPeek()
  private flushScheduled = false
  private paused = false
  private closing = false

  constructor(socket: Socket, private readonly app: ControllerApp, private readonly opts: SessionOptions, now: number) {
    this.socket = socket
    this.remote = `${socket.remoteAddress}:${socket.remotePort}`
    this.lastRx = now
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => this.onData(chunk))
    socket.on('drain', () => {
      if (this.paused && !this.closing) {
        this.paused = false
        socket.resume()
      }
    })
    socket.on('error', (e) => this.opts.log(`[OF][WARN] ${this.who()} socket error: ${e.message}`))
    socket.on('close', () => this.onClose())
    writeHotHello(this.out, opts.versions, this.nextXid())
    this.flush()
  }

  who(): string {
    return this.dpidStr ? `SW=${this.dpidStr}` : `switch ${this.remote}`
  }

  nextXid(): number {
    const x = this.xid
    this.xid = (this.xid + 1) >>> 0 || 1
    return x
  }

  /** The local (OFPP_LOCAL) port's MAC, if the switch reported one. */
  localMac(): number | undefined {
    return this.ports.get(PORT_LOCAL)?.hwAddr
  }

  /** Ask for a flush at the end of the current turn (writes from timers/app code batch together). */
  scheduleFlush(): void {
    if (this.flushScheduled) return
    this.flushScheduled = true
    queueMicrotask(() => this.flush())
  }

  flush(): void {
    this.flushScheduled = false
    if (this.out.pending === 0 || this.state === 'closed') return
    const bytes = this.out.take()
    if (!this.socket.write(bytes)) {
      if (this.socket.writableLength > this.opts.maxPendingBytes) {
        this.opts.log(`[OF][WARN] ${this.who()} is not reading (${this.socket.writableLength} bytes queued); closing`)
        this.socket.destroy()
        return
      }
      if (!this.paused) {
        // Backpressure: stop reading (and so stop producing replies) until the socket drains.
        this.paused = true
        this.socket.pause()
      }
    }
  }

  /** Echo keepalive and dead-peer detection; called by the server's ticker. */
  tick(now: number): void {
    if (this.state === 'closed') return
    if (this.rxSinceTick) {
      this.rxSinceTick = false
      this.lastRx = now
    }
    const idle = now - this.lastRx
    if (idle >= this.opts.deadAfterMs) {
      this.opts.log(`[OF][WARN] ${this.who()} silent for ${Math.round(idle)} ms; closing the connection`)
      this.socket.destroy()
      return
    }
    if (this.version && idle >= this.opts.echoIntervalMs && now - this.lastEchoSent >= this.opts.echoIntervalMs) {
      this.lastEchoSent = now
      this.counters.echoRequestsSent++
      writeHotHeaderOnly(this.out, this.version, OFPT_ECHO_REQUEST, this.nextXid())
      this.scheduleFlush()
    }
  }

  close(): void {
    if (this.state === 'closed') return
    this.flush()
    this.socket.end()
    this.socket.destroySoon?.()
  }

  private onClose(): void {
    if (this.state === 'closed') return
    const wasReady = this.state === 'ready'
    this.state = 'closed'
    if (wasReady) this.app.switchClosed(this)
    this.opts.log(`[OF][INFO] ${this.who()} disconnected`)
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return
    this.rxSinceTick = true
    try {
      this.framer.push(chunk, this.onMessage)
    } catch (e) {
      this.fail(e, this.failedBytes ?? chunk)
    }
    this.failedBytes = undefined
    this.flush()
  }

  private failedBytes: Uint8Array | undefined

  private readonly onMessage = (buf: Buffer, off: number, len: number): void => {
    this.counters.rxMessages++
    const version = msgVersion(buf, off)
    const type = msgType(buf, off)
    if (this.state === 'hello') {
      if (type !== OFPT_HELLO) this.reject(buf, off, len, new MalformedError('OFPBRC_BAD_TYPE', `expected OFPT_HELLO first, got type ${type}`))
      this.negotiate(buf, off, len, version)
      return
    }
    if (version !== this.version) {
      this.reject(buf, off, len, new MalformedError('OFPBRC_BAD_VERSION', `message version ${version} on a ${VERSION_NAMES[this.version]} connection`))
    }
    const dv = this.framer.view(buf)
    switch (type) {
      case OFPT_PACKET_IN: {
        if (this.state !== 'ready') return
        const pi = this.pi
        try {
          peekPacketIn(buf, off, pi, dv)
        } catch (e) {
          this.reject(buf, off, len, e)
        }
        // OVS and every 1.2+ switch put OXM_OF_IN_PORT in the packet-in match (1.3.5 §7.4.1).
        if (pi.inPort < 0) this.reject(buf, off, len, new MalformedError('OFPBMC_BAD_FIELD', 'OFPT_PACKET_IN without in_port'))
        this.app.packetIn(this, pi, buf, dv)
        return
      }
      case OFPT_ECHO_REQUEST:
        writeHotEchoReply(this.out, buf, dv, off, len)
        return
      case OFPT_ECHO_REPLY:
        return
      default:
        this.onControl(buf, off, len)
    }
  }

  /** Everything but the per-packet messages, through the general codec and the model. */
  private onControl(buf: Buffer, off: number, len: number): void {
    let m: ReturnType<typeof decodeMessage>
    try {
      m = decodeMessage(buf, off)
    } catch (e) {
      // Never answer an error with an error (1.3.5 §6.4): count it and go on.
      if (msgType(buf, off) !== OFPT_ERROR) this.reject(buf, off, len, e)
      this.counters.errorsReceived++
      this.opts.log(`[OF][WARN] ${this.who()} sent an undecodable OFPT_ERROR (${e instanceof OflError ? e.code : String(e)})`)
      return
    }
    switch (m.type) {
      case OFPT_ERROR: {
        this.counters.errorsReceived++
        if (this.counters.errorsReceived <= 20 || this.counters.errorsReceived % 1000 === 0) {
          this.opts.log(`[OF][WARN] ${this.who()} sent OFPT_ERROR type=${m.errType} code=${'code' in m ? m.code : '-'} xid=0x${m.xid.toString(16)} (${this.counters.errorsReceived} so far)`)
        }
        return
      }
      case OFPT_FLOW_REMOVED: {
        const fr = toModel(m)
        if (this.state === 'ready' && fr?.kind === 'flowRemoved') this.app.flowRemoved(this, fr)
        return
      }
      case OFPT_PORT_STATUS: {
        const ps = toModel(m)
        if (ps?.kind !== 'portStatus') return
        const port = switchPort(ps.port)
        if (ps.reason === OFPPR_DELETE) this.ports.delete(port.portNo)
        else this.ports.set(port.portNo, port)
        if (this.state === 'ready') this.app.portStatus(this, ps.reason, port)
        return
      }
      case OFPT_FEATURES_REPLY: {
        const f = toModel(m)
        if (this.state !== 'features' || f?.kind !== 'features') return
        this.dpid = f.datapathId
        this.dpidStr = f.datapathId.toString(16).padStart(16, '0')
        for (const p of f.ports ?? []) this.ports.set(p.portNo, switchPort(p))
        // Full packets to the controller (OVS never buffers; other switches might).
        writeHotSetConfig(this.out, this.version, this.nextXid(), 0xffff)
        if (this.version === OFP_VERSION_1_3) {
          this.state = 'ports'
          writeHotPortDescRequest(this.out, this.nextXid())
        } else this.ready()
        return
      }
      default: {
        const pd = this.state === 'ports' ? toModel(m) : undefined
        if (pd?.kind !== 'portDesc') return
        for (const p of pd.ports) this.ports.set(p.portNo, switchPort(p))
        if (!pd.more) this.ready()
      }
    }
  }

  /** Throw `e` for the message at `buf[off, off+len)`: onData answers OFPT_ERROR and closes. */
  private reject(buf: Buffer, off: number, len: number, e: unknown): never {
    this.failedBytes = buf.subarray(off, off + len)
    throw e
  }

  private negotiate(buf: Buffer, off: number, len: number, peerVersion: number): void {
    const ours = this.opts.versions
    let v = helloBitmapVersion(this.framer.view(buf), off, len, ours)
    if (v === 0) {
      // No bitmap: the lower of the two header versions, if we allow it (1.3.1 §6.3.1).
      const cand = Math.min(peerVersion, Math.max(...ours))
      v = ours.includes(cand) ? cand : -1
    }
    if (v < 0) {
      const replyVersion = Math.min(peerVersion, Math.max(...ours))
      this.opts.log(`[OF][WARN] switch ${this.remote}: no common OpenFlow version (peer ${VERSION_NAMES[peerVersion] ?? peerVersion}, ours ${ours.map((x) => VERSION_NAMES[x]).join(',')})`)
      this.counters.errorsSent++
      this.closing = true
      this.socket.end(errorReply(new UnsupportedError('OFPHFC_INCOMPATIBLE', 'no common OpenFlow version'), buf.subarray(off, off + len), replyVersion))
      return
    }
    this.version = v
    this.P = portNumbers(v)
    this.state = 'features'
    writeHotHeaderOnly(this.out, v, OFPT_FEATURES_REQUEST, this.nextXid())
  }

  private ready(): void {
    this.state = 'ready'
    this.opts.log(`[OF][INFO] SW=${this.dpidStr} connected from ${this.remote}, OpenFlow ${VERSION_NAMES[this.version]}, ${this.ports.size} ports`)
    this.app.switchReady(this)
  }

  /** Answer OFPT_ERROR for the offending bytes, then close this switch (never the others). */
  private fail(e: unknown, offending: Uint8Array): void {
    const version = this.version || Math.max(...this.opts.versions)
    const code = e instanceof OflError ? e.code : 'INTERNAL'
    this.opts.log(`[OF][WARN] ${this.who()} misbehaved (${code}: ${e instanceof Error ? e.message : String(e)}); sending OFPT_ERROR and closing`)
    if (!(e instanceof OflError)) this.opts.log(String((e as Error)?.stack ?? e))
    this.counters.errorsSent++
    this.flush()
    this.closing = true
    this.socket.end(errorReply(e, offending, version))
  }
}
