// One OpenFlow switch connection (Ryu ofp_handler's life cycle): HELLO with a version bitmap →
// negotiation → FEATURES (→ PORT_DESC on 1.3) → READY, echo answered in every state, our own echo
// requests with a dead-peer timeout, and output batching with socket backpressure.
// Decode failures become OFPT_ERROR replies (OVS ofperr_encode_reply), after which this switch —
// and only this switch — is closed. OpenFlow Switch Specification 1.3.x §6.3 (handshake), §A.5.
import type { Socket } from 'node:net'
import { OfFramer } from '../openflow/framer.js'
import { errorReply, errorTypeCode } from '../openflow/errors.js'
import { OFP_VERSION_1_3, VERSION_NAMES } from '../openflow/header.js'
import { MalformedError, OflError } from '../wire/errors.js'
import {
  OutBatch, writeHello, writeHeaderOnly, writeEcho, writeSetConfig, writePortDescRequest, peekPacketIn, peekFlowRemoved,
  readFeatures, readPortStatus, readPort, portSize, helloBitmapVersion,
  OFPT_HELLO, OFPT_ERROR, OFPT_ECHO_REQUEST, OFPT_ECHO_REPLY, OFPT_FEATURES_REQUEST, OFPT_FEATURES_REPLY, OFPT_PACKET_IN,
  OFPT_FLOW_REMOVED, OFPT_PORT_STATUS, OFPT13_MULTIPART_REPLY, OFPMP_PORT_DESC, OFPMPF_REPLY_MORE, OFPPR_DELETE,
  type PacketInView, type FlowRemovedView, type PortInfo, portNumbers, type PortNumbers,
} from './ofwire.js'

export type SessionState = 'hello' | 'features' | 'ports' | 'ready' | 'closed'

export interface ControllerApp {
  switchReady(sw: SwitchSession): void
  packetIn(sw: SwitchSession, pi: PacketInView, buf: Buffer, dv: DataView): void
  flowRemoved(sw: SwitchSession, fr: FlowRemovedView, buf: Buffer): void
  portStatus(sw: SwitchSession, reason: number, port: PortInfo): void
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

export class SwitchSession {
  readonly socket: Socket
  readonly remote: string
  readonly out = new OutBatch()
  state: SessionState = 'hello'
  version = 0
  dpid = -1n
  dpidStr = ''
  P: PortNumbers = portNumbers(OFP_VERSION_1_3)
  readonly ports = new Map<number, PortInfo>()
  readonly counters: SessionCounters = { rxMessages: 0, txMessages: 0, errorsSent: 0, errorsReceived: 0, echoRequestsSent: 0 }
  lastRx: number
  private lastEchoSent = 0
  private xid = 1
  private readonly framer = new OfFramer()
  private readonly pi: PacketInView = { inPort: 0, reason: 0, bufferId: 0, dataOff: 0, dataLen: 0 }
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
    writeHello(this.out, opts.versions, this.nextXid())
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
  localMac(): Buffer | undefined {
    return this.ports.get(this.P.LOCAL)?.hwAddr
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
    const idle = now - this.lastRx
    if (idle >= this.opts.deadAfterMs) {
      this.opts.log(`[OF][WARN] ${this.who()} silent for ${Math.round(idle)} ms; closing the connection`)
      this.socket.destroy()
      return
    }
    if (this.version && idle >= this.opts.echoIntervalMs && now - this.lastEchoSent >= this.opts.echoIntervalMs) {
      this.lastEchoSent = now
      this.counters.echoRequestsSent++
      writeEcho(this.out, this.version, OFPT_ECHO_REQUEST, this.nextXid())
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
    this.lastRx = performance.now()
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
    const version = buf[off]!
    const type = buf[off + 1]!
    const xid = ((buf[off + 4]! << 24) | (buf[off + 5]! << 16) | (buf[off + 6]! << 8) | buf[off + 7]!) >>> 0
    if (this.state === 'hello') {
      if (type !== OFPT_HELLO) {
        this.failedBytes = buf.subarray(off, off + len)
        throw new MalformedError('OFPBRC_BAD_TYPE', `expected OFPT_HELLO first, got type ${type}`)
      }
      this.negotiate(buf, off, len, version)
      return
    }
    if (version !== this.version) {
      this.failedBytes = buf.subarray(off, off + len)
      throw new MalformedError('OFPBRC_BAD_VERSION', `message version ${version} on a ${VERSION_NAMES[this.version]} connection`)
    }
    const dv = this.framer.view(buf)
    switch (type) {
      case OFPT_ECHO_REQUEST:
        writeEcho(this.out, this.version, OFPT_ECHO_REPLY, xid, buf, off + 8, len - 8)
        return
      case OFPT_ECHO_REPLY:
        return
      case OFPT_ERROR: {
        this.counters.errorsReceived++
        const t = len >= 12 ? dv.getUint16(off + 8) : -1
        const c = len >= 12 ? dv.getUint16(off + 10) : -1
        if (this.counters.errorsReceived <= 20 || this.counters.errorsReceived % 1000 === 0) {
          this.opts.log(`[OF][WARN] ${this.who()} sent OFPT_ERROR type=${t} code=${c} xid=0x${xid.toString(16)} (${this.counters.errorsReceived} so far)`)
        }
        return
      }
      case OFPT_PACKET_IN:
        if (this.state !== 'ready') return
        if (!peekPacketIn(this.version, buf, dv, off, len, this.pi)) {
          this.failedBytes = buf.subarray(off, off + len)
          throw new MalformedError('OFPBRC_BAD_LEN', 'malformed OFPT_PACKET_IN')
        }
        this.app.packetIn(this, this.pi, buf, dv)
        return
      case OFPT_FLOW_REMOVED: {
        if (this.state !== 'ready') return
        const fr = peekFlowRemoved(this.version, buf, dv, off, len)
        if (!fr) {
          this.failedBytes = buf.subarray(off, off + len)
          throw new MalformedError('OFPBRC_BAD_LEN', 'malformed OFPT_FLOW_REMOVED')
        }
        this.app.flowRemoved(this, fr, buf)
        return
      }
      case OFPT_PORT_STATUS: {
        const ps = readPortStatus(this.version, buf, dv, off, len)
        if (!ps) {
          this.failedBytes = buf.subarray(off, off + len)
          throw new MalformedError('OFPBRC_BAD_LEN', 'malformed OFPT_PORT_STATUS')
        }
        if (ps.reason === OFPPR_DELETE) this.ports.delete(ps.port.portNo)
        else this.ports.set(ps.port.portNo, ps.port)
        if (this.state === 'ready') this.app.portStatus(this, ps.reason, ps.port)
        return
      }
      case OFPT_FEATURES_REPLY: {
        if (this.state !== 'features') return
        const f = readFeatures(this.version, buf, dv, off, len)
        if (!f) {
          this.failedBytes = buf.subarray(off, off + len)
          throw new MalformedError('OFPBRC_BAD_LEN', 'malformed OFPT_FEATURES_REPLY')
        }
        this.dpid = f.dpid
        this.dpidStr = f.dpid.toString(16).padStart(16, '0')
        for (const p of f.ports) this.ports.set(p.portNo, p)
        // Full packets to the controller (OVS never buffers; other switches might).
        writeSetConfig(this.out, this.version, this.nextXid(), 0xffff)
        if (this.version === OFP_VERSION_1_3) {
          this.state = 'ports'
          writePortDescRequest(this.out, this.nextXid())
        } else this.ready()
        return
      }
      default:
        if (type === OFPT13_MULTIPART_REPLY && this.version === OFP_VERSION_1_3 && this.state === 'ports') {
          if (len < 16) {
            this.failedBytes = buf.subarray(off, off + len)
            throw new MalformedError('OFPBRC_BAD_LEN', 'short OFPT_MULTIPART_REPLY')
          }
          if (dv.getUint16(off + 8) !== OFPMP_PORT_DESC) return
          const size = portSize(this.version)
          for (let p = off + 16; p + size <= off + len; p += size) {
            const port = readPort(this.version, buf, dv, p)
            this.ports.set(port.portNo, port)
          }
          if ((dv.getUint16(off + 10) & OFPMPF_REPLY_MORE) === 0) this.ready()
        }
    }
  }

  private negotiate(buf: Buffer, off: number, len: number, peerVersion: number): void {
    const ours = this.opts.versions
    const dv = this.framer.view(buf)
    let v = helloBitmapVersion(buf, dv, off, len, ours)
    if (v === 0) {
      // No bitmap: the lower of the two header versions, if we allow it (1.3.1 §6.3.1).
      const cand = Math.min(peerVersion, Math.max(...ours))
      v = ours.includes(cand) ? cand : -1
    }
    if (v < 0) {
      const tc = errorTypeCode(Math.min(peerVersion, Math.max(...ours)), 'OFPHFC_INCOMPATIBLE') ?? { type: 0, code: 0 }
      this.opts.log(`[OF][WARN] switch ${this.remote}: no common OpenFlow version (peer ${VERSION_NAMES[peerVersion] ?? peerVersion}, ours ${ours.map((x) => VERSION_NAMES[x]).join(',')})`)
      const reply = Buffer.alloc(12 + Math.min(64, len))
      reply[0] = Math.min(peerVersion, Math.max(...ours))
      reply[1] = OFPT_ERROR
      reply.writeUInt16BE(reply.length, 2)
      reply.writeUInt16BE(tc.type, 8)
      reply.writeUInt16BE(tc.code, 10)
      buf.copy(reply, 12, off, off + Math.min(64, len))
      this.counters.errorsSent++
      this.closing = true
      this.socket.end(reply)
      return
    }
    this.version = v
    this.P = portNumbers(v)
    this.state = 'features'
    writeHeaderOnly(this.out, v, OFPT_FEATURES_REQUEST, this.nextXid())
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
