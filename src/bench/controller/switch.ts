// One emulated OpenFlow switch of the load generator (cbench's fakeswitch, oflops cbench/fakeswitch.c, redone):
// connect → HELLO at once (ovs-testcontroller drops a connection whose HELLO is late)
// → version negotiation (OpenFlow 1.3.5 §6.3.1) → answer FEATURES / config / stats / echo / barrier →
// stream PACKET_INs. Throughput mode keeps `window` packet-ins outstanding (closed loop); latency mode
// keeps one. Responses (FLOW_MOD ADD/MODIFY(_STRICT), PACKET_OUT not carrying LLDP) are peeked without
// allocation, checked with ofl's full decoders, matched to their packet-in (buffer_id, else the sequence
// number echoed in the packet-out's frame, else order) and timed. A dropped connection is counted and
// re-established until the run ends.
import { connect, type Socket } from 'node:net'
import { decodeMessage } from '../../openflow/codec.js'
import { OfFramer } from '../../openflow/framer.js'
import { OFP_VERSION_1_0, OFP_VERSION_1_3 } from '../../openflow/header.js'
import { isOflError } from '../../wire/errors.js'
import {
  DATA_IN_PORT, DST_MAC_LEARNED, DST_MAC_UNKNOWN, DST_PORT, OFPT_FLOW_MOD, OFPT_PACKET_OUT, OFP_NO_BUFFER, RESP_FLOW_MOD, RESP_FLOW_MOD_OTHER,
  RESP_PACKET_OUT, RESP_PACKET_OUT_LLDP, ResponsePeek, dataFrame, learnFrame, packetInTemplate, peekResponse, writePacketIn,
  type PacketInTemplate,
} from './frames.js'
import type { LatencyHistogram } from './histogram.js'
import {
  OFPT10_BARRIER_REQUEST, OFPT10_QUEUE_GET_CONFIG_REQUEST, OFPT10_STATS_REQUEST, OFPT13_BARRIER_REQUEST, OFPT13_GET_ASYNC_REQUEST,
  OFPT13_MULTIPART_REQUEST, OFPT13_QUEUE_GET_CONFIG_REQUEST, OFPT13_ROLE_REQUEST, OFPT_ECHO_REPLY, OFPT_ECHO_REQUEST, OFPT_ERROR,
  OFPT_FEATURES_REQUEST, OFPT_GET_CONFIG_REQUEST, OFPT_HELLO, OFPT_SET_CONFIG, OFPT_VENDOR, barrierReply, echoReply, featuresReply,
  getConfigReply, helloFor, notSupported, roleReply, statsReply,
} from './replies.js'

export interface SwitchConfig {
  host: string
  port: number
  version: number
  /** 0-based; the datapath id is index + 1. */
  index: number
  /** Outstanding packet-ins allowed (1 in latency mode). */
  window: number
  macs: number
  learnDst: boolean
  /** Packet-ins name a switch buffer (cbench does; the answer must reference it) or carry OFP_NO_BUFFER. */
  buffered: boolean
  /** With learnDst: one gratuitous ARP from the destination every this many packet-ins. */
  relearnEvery: number
  /** Full decode of every Nth response (1 = all). */
  validateEvery: number
  /** Wait this long after FEATURES_REPLY before streaming (the controller finishes its setup). */
  settleMs: number
  /** A packet-in unanswered for this long is written off (so a closed loop never stalls). */
  lossTimeoutMs: number
  /** Back-off before reconnecting after a dropped or refused connection. */
  reconnectMs: number
  histogram: LatencyHistogram
  /** Called with a short description of every error (the runner counts distinct ones). */
  onError: (what: string) => void
}

/** Counters of one switch; the runner zeroes them when the warm-up ends. */
export class SwitchCounters {
  packetInsSent = 0
  /** FLOW_MOD ADD/MODIFY(_STRICT) + PACKET_OUT (not LLDP), well-formed. */
  responses = 0
  flowMods = 0
  packetOuts = 0
  /**
   * Packet-ins that got at least one response (matched), and how many were written off. Only packet-ins
   * sent in the measured window count (answers to packet-ins sent during the warm-up do not).
   */
  answered = 0
  unanswered = 0
  /** Written-off packet-ins whose answer came later, before the end (late, not lost). */
  answeredLate = 0
  /** Answers in the measured window to packet-ins sent during the warm-up (not counted above). */
  answeredFromWarmup = 0
  lostOnDisconnect = 0
  /** Responses that matched no outstanding or written-off packet-in (a second response to one). */
  extraResponses = 0
  otherFlowMods = 0
  lldpPacketOuts = 0
  malformed = 0
  unexpected = 0
  errorsReceived = 0
  otherMessages = 0
  requestsAnswered = 0
  connects = 0
  disconnects = 0
  handshakes = 0
}

type State = 'idle' | 'connecting' | 'hello' | 'features' | 'settling' | 'streaming' | 'stopped'

const MAX_BATCH = 256
const HIGH_WATER = 64 * 1024

export class EmulatedSwitch {
  readonly c = new SwitchCounters()
  readonly dpid: number
  state: State = 'idle'
  /** Set when negotiation failed: the switch does not reconnect. */
  fatal: string | undefined
  private socket: Socket | undefined
  private readonly framer = new OfFramer()
  private readonly peek = new ResponsePeek()
  private readonly data: PacketInTemplate
  private readonly learn: PacketInTemplate
  private readonly hello: Buffer
  private readonly ring: number
  private readonly mask: number
  private readonly sentAt: Float64Array
  private readonly pending: Uint8Array
  private seqNext = 0
  private seqLow = 0
  private outstanding = 0
  /** First sequence number of the measured window (see SwitchCounters). */
  private measureFrom = 0
  /** Written-off packet-ins (sequence number → send time), for late answers; the oldest go first. */
  private readonly writtenOff = new Map<number, number>()
  private sentThisConn = 0
  private macCounter = 0
  private validateCount = 0
  private missSendLen = 128
  private timer: NodeJS.Timeout | undefined
  private readonly onMessageBound = (buf: Buffer, off: number, len: number) => this.onMessage(buf, off, len)

  constructor(private readonly cfg: SwitchConfig) {
    this.dpid = cfg.index + 1
    const v = cfg.version
    this.data = packetInTemplate(v, DATA_IN_PORT, dataFrame(cfg.learnDst ? DST_MAC_LEARNED : DST_MAC_UNKNOWN))
    this.learn = packetInTemplate(v, DST_PORT, learnFrame())
    if (this.learn.bytes.length !== this.data.bytes.length) throw new Error('packet-in templates differ in length')
    this.hello = helloFor(v)
    let ring = 64
    while (ring < cfg.window * 2) ring <<= 1
    this.ring = ring
    this.mask = ring - 1
    this.sentAt = new Float64Array(ring)
    this.pending = new Uint8Array(ring)
  }

  get streaming(): boolean {
    return this.state === 'streaming'
  }

  /** The measured window starts now: later counters cover only packet-ins sent from here on. */
  startMeasuring(): void {
    this.measureFrom = this.seqNext
  }

  /** Packet-ins of the measured window sent and still awaiting their answer (at the end: in flight). */
  get inFlight(): number {
    let n = 0
    for (let seq = Math.max(this.seqLow, this.measureFrom); seq < this.seqNext; seq++) if (this.pending[seq & this.mask] === 1) n++
    return n
  }

  start(): void {
    if (this.state !== 'idle' || this.fatal) return
    this.state = 'connecting'
    this.framer.reset()
    const s = connect({ host: this.cfg.host, port: this.cfg.port })
    this.socket = s
    s.setNoDelay(true)
    s.on('connect', () => {
      if (this.socket !== s) return
      this.c.connects++
      this.state = 'hello'
      s.write(this.hello) // right away: ovs-testcontroller closes connections whose HELLO is late
    })
    s.on('data', (chunk: Buffer) => {
      if (this.socket !== s) return
      try {
        this.framer.push(chunk, this.onMessageBound)
      } catch (e) {
        this.c.malformed++
        this.fail(`framing: ${describe(e)}`)
        return
      }
      if (this.state === 'streaming') this.pump()
    })
    s.on('drain', () => {
      if (this.socket === s && this.state === 'streaming') this.pump()
    })
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (this.socket === s) this.cfg.onError(`socket: ${e.code ?? e.message}`)
    })
    s.on('close', () => {
      if (this.socket !== s) return
      this.socket = undefined
      const wasUp = this.state !== 'connecting'
      if (this.state === 'stopped') return
      if (wasUp) this.c.disconnects++
      this.dropOutstanding()
      this.state = 'idle'
      clearTimeout(this.timer)
      if (!this.fatal) this.timer = setTimeout(() => this.start(), this.cfg.reconnectMs)
    })
  }

  stop(): void {
    this.state = 'stopped'
    clearTimeout(this.timer)
    this.timer = undefined
    const s = this.socket
    this.socket = undefined
    s?.destroy()
  }

  /** Called by the runner every ~100 ms: write off packet-ins that were never answered, refill. */
  tick(now: number): void {
    if (this.state !== 'streaming') return
    const limit = now - this.cfg.lossTimeoutMs
    let freed = false
    while (this.seqLow < this.seqNext) {
      const i = this.seqLow & this.mask
      if (this.pending[i] === 1) {
        if (this.sentAt[i]! > limit) break
        this.pending[i] = 0
        this.outstanding--
        if (this.seqLow >= this.measureFrom) this.c.unanswered++
        this.writtenOff.set(this.seqLow, this.sentAt[i]!)
        if (this.writtenOff.size > 65536) this.writtenOff.delete(this.writtenOff.keys().next().value!)
        freed = true
      }
      this.seqLow++
    }
    if (freed || this.outstanding === 0) this.pump()
  }

  private fail(why: string): void {
    this.cfg.onError(why)
    this.socket?.destroy()
  }

  private dropOutstanding(): void {
    this.c.lostOnDisconnect += this.inFlight
    this.outstanding = 0
    this.pending.fill(0)
    this.seqLow = this.seqNext
  }

  private send(b: Buffer): void {
    this.socket?.write(b)
  }

  /** Write packet-ins until the window (or the socket's buffer) is full. No per-message allocation. */
  private pump(): void {
    const s = this.socket
    if (s === undefined || s.writableLength > HIGH_WATER) return
    let n = this.cfg.window - this.outstanding
    const ringRoom = this.seqLow + this.ring - this.seqNext
    if (ringRoom < n) n = ringRoom
    if (n > MAX_BATCH) n = MAX_BATCH
    if (n <= 0) return
    const len = this.data.bytes.length
    const out = Buffer.allocUnsafe(n * len)
    const now = performance.now()
    const learnDst = this.cfg.learnDst
    const relearn = this.cfg.relearnEvery
    const macs = this.cfg.macs
    const buffered = this.cfg.buffered
    let at = 0
    for (let k = 0; k < n; k++) {
      const seq = this.seqNext++
      const bufferId = buffered ? seq & 0x7fffffff : OFP_NO_BUFFER
      if (learnDst && this.sentThisConn % relearn === 0) {
        writePacketIn(this.learn, out, at, seq, bufferId, -1, seq)
      } else {
        writePacketIn(this.data, out, at, seq, bufferId, 1 + (this.macCounter++ % macs), seq)
      }
      this.sentThisConn++
      const i = seq & this.mask
      this.sentAt[i] = now
      this.pending[i] = 1
      at += len
    }
    this.outstanding += n
    this.c.packetInsSent += n
    s.write(out)
  }

  private onMessage(buf: Buffer, off: number, len: number): void {
    const version = buf[off]!
    const type = buf[off + 1]!
    if (type === OFPT_FLOW_MOD || type === OFPT_PACKET_OUT) {
      if (version !== this.cfg.version || this.state === 'hello') {
        this.c.unexpected++
        this.cfg.onError(`message of type ${type} with version ${version} before/outside the negotiated version`)
        return
      }
      this.onResponse(buf, off, len)
      return
    }
    if (this.state === 'hello') {
      if (type !== OFPT_HELLO) {
        this.c.unexpected++
        this.cfg.onError(`type ${type} before HELLO`)
        return
      }
      this.onHello(buf, off, len)
      return
    }
    this.onControl(buf, off, len, version, type)
  }

  private onHello(buf: Buffer, off: number, len: number): void {
    const theirs = buf[off]!
    const ours = this.cfg.version
    let agreed = Math.min(theirs, ours)
    if (theirs >= OFP_VERSION_1_3 && ours >= OFP_VERSION_1_3 && len > 8) {
      // Both sides sent version bitmaps: the highest common version (1.3.5 §6.3.1).
      try {
        const m = decodeMessage(buf.subarray(off, off + len), 0, { unknownVersion: 'raw' })
        const bm = 'elements' in m ? m.elements.find((e) => 'bitmaps' in e) : undefined
        if (bm !== undefined && 'bitmaps' in bm) agreed = ((bm.bitmaps[0] ?? 0) >>> ours) & 1 ? ours : -1
      } catch (e) {
        this.c.malformed++
        this.fail(`HELLO: ${describe(e)}`)
        return
      }
    }
    if (agreed !== ours) {
      this.fatal = `version negotiation failed: we speak 0x0${ours}, the controller offers 0x0${theirs}`
      this.send(notSupported(Math.min(theirs, ours), 'OFPHFC_INCOMPATIBLE', buf.subarray(off, off + len)))
      this.fail(this.fatal)
      return
    }
    this.state = 'features'
  }

  private onControl(buf: Buffer, off: number, len: number, version: number, type: number): void {
    const v = this.cfg.version
    const msg = buf.subarray(off, off + len)
    const xid = ((buf[off + 4]! << 24) | (buf[off + 5]! << 16) | (buf[off + 6]! << 8) | buf[off + 7]!) >>> 0
    let decoded: Record<string, any>
    try {
      decoded = decodeMessage(msg)
    } catch (e) {
      this.c.malformed++
      this.cfg.onError(`malformed type ${type}: ${describe(e)}`)
      return
    }
    if (version !== v) {
      this.c.unexpected++
      this.cfg.onError(`type ${type} with version ${version}, negotiated ${v}`)
      return
    }
    const v10 = v === OFP_VERSION_1_0
    switch (type) {
      case OFPT_ECHO_REQUEST:
        this.reply(echoReply(v, xid, decoded.data as Buffer))
        return
      case OFPT_ECHO_REPLY:
        return
      case OFPT_FEATURES_REQUEST:
        this.reply(featuresReply(v, xid, this.dpid))
        if (this.state === 'features') {
          this.state = 'settling'
          this.c.handshakes++
          clearTimeout(this.timer)
          this.timer = setTimeout(() => this.beginStreaming(), this.cfg.settleMs)
        }
        return
      case OFPT_GET_CONFIG_REQUEST:
        this.reply(getConfigReply(v, xid, this.missSendLen))
        return
      case OFPT_SET_CONFIG:
        this.missSendLen = decoded.missSendLen as number
        return
      case OFPT_ERROR:
        this.c.errorsReceived++
        this.cfg.onError(`OFPT_ERROR from the controller: type ${decoded.errType} code ${decoded.code}`)
        return
      case OFPT_VENDOR:
        this.reply(notSupported(v, v10 ? 'OFPBRC_BAD_VENDOR' : 'OFPBRC_BAD_EXPERIMENTER', msg))
        return
    }
    if ((v10 && type === OFPT10_STATS_REQUEST) || (!v10 && type === OFPT13_MULTIPART_REQUEST)) {
      const st = (v10 ? decoded.statsType : decoded.mpType) as number
      this.reply(statsReply(v, xid, st, this.dpid) ?? notSupported(v, v10 ? 'OFPBRC_BAD_STAT' : 'OFPBRC_BAD_MULTIPART', msg))
      return
    }
    if ((v10 && type === OFPT10_BARRIER_REQUEST) || (!v10 && type === OFPT13_BARRIER_REQUEST)) {
      this.reply(barrierReply(v, xid))
      return
    }
    if (!v10 && type === OFPT13_ROLE_REQUEST) {
      this.reply(roleReply(xid, decoded.role as number, decoded.generationId as bigint))
      return
    }
    if ((v10 && type === OFPT10_QUEUE_GET_CONFIG_REQUEST) || (!v10 && (type === OFPT13_QUEUE_GET_CONFIG_REQUEST || type === OFPT13_GET_ASYNC_REQUEST))) {
      this.reply(notSupported(v, 'OFPBRC_BAD_TYPE', msg))
      return
    }
    if (isControllerToSwitch(v, type)) {
      this.c.otherMessages++ // PORT_MOD, GROUP_MOD, TABLE_MOD, METER_MOD, SET_ASYNC: accepted silently
      return
    }
    this.c.unexpected++ // a switch-to-controller or reply type sent to a switch
    this.cfg.onError(`unexpected message type ${type} from the controller`)
  }

  private reply(b: Buffer): void {
    this.c.requestsAnswered++
    this.send(b)
  }

  private beginStreaming(): void {
    if (this.state !== 'settling') return
    this.state = 'streaming'
    this.sentThisConn = 0
    this.pump()
  }

  private onResponse(buf: Buffer, off: number, len: number): void {
    const p = peekResponse(buf, off, len, this.peek)
    const name = buf[off + 1] === OFPT_FLOW_MOD ? 'FLOW_MOD' : 'PACKET_OUT'
    if (p.malformed !== '') {
      this.c.malformed++
      this.cfg.onError(`malformed ${name}: ${p.malformed}`)
      return
    }
    if (++this.validateCount >= this.cfg.validateEvery) {
      // The full decoders allocate (objects, strings, bigints): every Nth response, or all with 1.
      this.validateCount = 0
      try {
        decodeMessage(buf, off)
      } catch (e) {
        this.c.malformed++
        this.cfg.onError(`malformed ${name}: ${describe(e)}`)
        return
      }
    }
    if (p.badPort !== 0) {
      this.c.unexpected++
      this.cfg.onError(`${name} outputs to port ${p.badPort}, which the switch does not have`)
      return
    }
    const kind = p.kind
    if (kind === RESP_FLOW_MOD_OTHER) {
      this.c.otherFlowMods++
      return
    }
    if (kind === RESP_PACKET_OUT_LLDP) {
      this.c.lldpPacketOuts++
      return
    }
    if (kind === RESP_FLOW_MOD) this.c.flowMods++
    else if (kind === RESP_PACKET_OUT) this.c.packetOuts++
    else return
    this.c.responses++
    // Which packet-in does this answer? buffer_id, else the frame's sequence number, else the oldest.
    let seq: number
    if (p.bufferId !== OFP_NO_BUFFER) seq = this.seqLow + ((p.bufferId - (this.seqLow & 0x7fffffff)) & 0x7fffffff)
    else if (p.seq >= 0) seq = this.seqLow + ((p.seq - (this.seqLow >>> 0)) >>> 0)
    else seq = this.seqLow
    if (seq >= this.seqNext || this.pending[seq & this.mask] !== 1) {
      // an answer to a packet-in already written off (its buffer id, or its frame's sequence number)?
      const late = p.bufferId !== OFP_NO_BUFFER ? p.bufferId : p.seq
      const sentAt = late >= 0 ? this.writtenOff.get(late) : undefined
      if (sentAt === undefined) {
        this.c.extraResponses++
        return
      }
      this.writtenOff.delete(late)
      if (late < this.measureFrom) {
        this.c.answeredFromWarmup++
        return
      }
      this.c.answeredLate++
      this.cfg.histogram.record((performance.now() - sentAt) * 1e6)
      return
    }
    const i = seq & this.mask
    this.pending[i] = 0
    this.outstanding--
    if (seq < this.measureFrom) {
      this.c.answeredFromWarmup++
    } else {
      this.c.answered++
      this.cfg.histogram.record((performance.now() - this.sentAt[i]!) * 1e6)
    }
    while (this.seqLow < this.seqNext && this.pending[this.seqLow & this.mask] === 0) this.seqLow++
  }
}

const C2S_10 = new Set([13, 14, 15]) // PACKET_OUT, FLOW_MOD, PORT_MOD
const C2S_13 = new Set([13, 14, 15, 16, 17, 28, 29]) // PACKET_OUT, FLOW_MOD, GROUP_MOD, PORT_MOD, TABLE_MOD, SET_ASYNC, METER_MOD

function isControllerToSwitch(version: number, type: number): boolean {
  return (version === OFP_VERSION_1_0 ? C2S_10 : C2S_13).has(type)
}

function describe(e: unknown): string {
  if (isOflError(e)) return `${e.code}: ${e.message}`
  return e instanceof Error ? e.message : String(e)
}
