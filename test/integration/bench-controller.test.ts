// `ofl bench controller` against a tiny in-test controller on 127.0.0.1 (port 0), then a short bounded
// run against a real ovs-testcontroller. No timing assertions: only counts and what was seen on the wire.
import { createServer, type Server, type Socket } from 'node:net'
import { spawn, type ChildProcess } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage } from '../../src/openflow/codec.js'
import { OfFramer } from '../../src/openflow/framer.js'
import { benchController } from '../../src/bench/controller/index.js'
import { hasTool } from '../helpers/corpus.js'

interface Behaviour {
  version: number
  /** How to answer packet-in number n (1-based, per connection): a flow-mod, a packet-out, both, or nothing. */
  answer?: (n: number) => 'flow-mod' | 'packet-out' | 'both' | 'none' | 'malformed' | 'bad-port'
  /** Close the connection after this many packet-ins (once per switch). */
  dropAfter?: number
  /** Answer packet-in number n this many ms late (0 or undefined: at once). */
  delayMs?: (n: number) => number
}

interface Seen {
  connections: number
  replies: Map<string, number>
  packetIns: number
  decodeErrors: string[]
  dpids: Set<string>
  missSendLen: number[]
}

const match10 = { wildcards: 0x3fffff, inPort: 0, dlSrc: '00:00:00:00:00:00', dlDst: '00:00:00:00:00:00', dlVlan: 0, dlVlanPcp: 0, dlType: 0, nwTos: 0, nwProto: 0, nwSrc: '0.0.0.0', nwDst: '0.0.0.0', tpSrc: 0, tpDst: 0 }

function flowMod(v: number, xid: number, bufferId: number, port: number): Buffer {
  if (v === 1) {
    return encodeMessage({ version: 1, type: 14, xid, match: match10, cookie: 0n, command: 0, idleTimeout: 0, hardTimeout: 0, priority: 1, bufferId, outPort: 0xffff, flags: 0, actions: [{ type: 0, port, maxLen: 0 }] })
  }
  return encodeMessage({
    version: 4, type: 14, xid, cookie: 0n, cookieMask: 0n, tableId: 0, command: 0, idleTimeout: 0, hardTimeout: 0, priority: 1, bufferId,
    outPort: 0xffffffff, outGroup: 0xffffffff, flags: 0, match: { fields: [{ field: 'in_port', value: 3 }] }, instructions: [{ type: 4, actions: [{ type: 0, port, maxLen: 0 }] }],
  })
}

function packetOut(v: number, xid: number, frame: Buffer): Buffer {
  return encodeMessage({ version: v, type: 13, xid, bufferId: 0xffffffff, inPort: 3, actions: [{ type: 0, port: v === 1 ? 0xfffb : 0xfffffffb, maxLen: 0 }], data: frame })
}

/** A minimal controller: handshake like a real one (features, config, stats, echo, barrier), then answers packet-ins. */
async function tinyController(b: Behaviour): Promise<{ server: Server; port: number; seen: Seen; sockets: Set<Socket> }> {
  const seen: Seen = { connections: 0, replies: new Map(), packetIns: 0, decodeErrors: [], dpids: new Set(), missSendLen: [] }
  const sockets = new Set<Socket>()
  const dropped = new Set<string>()
  const v = b.version
  const server = createServer((s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => {})
    seen.connections++
    const framer = new OfFramer()
    let n = 0
    let dpid = ''
    const hello = v === 1 ? encodeMessage({ version: 1, type: 0, xid: 1, data: Buffer.alloc(0) }) : encodeMessage({ version: 4, type: 0, xid: 1, elements: [{ type: 1, bitmaps: [0x12] }] })
    s.write(hello)
    s.on('data', (chunk) => framer.push(chunk, (buf, off, len) => {
      let m: Record<string, any>
      try {
        m = decodeMessage(buf.subarray(off, off + len))
      } catch (e) {
        seen.decodeErrors.push(String(e))
        return
      }
      seen.replies.set(String(m.type), (seen.replies.get(String(m.type)) ?? 0) + 1)
      if (m.type === 0) {
        s.write(encodeMessage({ version: v, type: 5, xid: 2 }))
        s.write(encodeMessage({ version: v, type: 7, xid: 3 }))
        s.write(encodeMessage({ version: v, type: 9, xid: 4, flags: 0, missSendLen: 0xffff }))
        s.write(encodeMessage(v === 1 ? { version: 1, type: 16, xid: 5, statsType: 0, flags: 0, body: {} } : { version: 4, type: 18, xid: 5, mpType: 13, flags: 0 }))
        s.write(encodeMessage(v === 1 ? { version: 1, type: 16, xid: 6, statsType: 0, flags: 0, body: {} } : { version: 4, type: 18, xid: 6, mpType: 0, flags: 0 }))
        s.write(encodeMessage({ version: v, type: 2, xid: 7, data: Buffer.from('ping') }))
        s.write(encodeMessage({ version: v, type: v === 1 ? 18 : 20, xid: 8 }))
        return
      }
      if (m.type === 6) {
        dpid = String(m.datapathId)
        seen.dpids.add(dpid)
        return
      }
      if (m.type === 8) {
        seen.missSendLen.push(m.missSendLen)
        return
      }
      if (m.type !== 10) return
      seen.packetIns++
      n++
      if (b.dropAfter && n === b.dropAfter && !dropped.has(dpid)) {
        dropped.add(dpid)
        s.destroy()
        return
      }
      const what = b.answer?.(n) ?? 'flow-mod'
      const frame = m.data as Buffer
      const delay = b.delayMs?.(n) ?? 0
      if (delay > 0) {
        const late = flowMod(v, n, m.bufferId, 4)
        setTimeout(() => s.writable && s.write(late), delay)
        return
      }
      if (what === 'flow-mod' || what === 'both') s.write(flowMod(v, n, what === 'both' ? 0xffffffff : m.bufferId, 4))
      if (what === 'packet-out' || what === 'both') s.write(packetOut(v, n, Buffer.from(frame)))
      if (what === 'bad-port') s.write(flowMod(v, n, m.bufferId, 77))
      if (what === 'malformed') {
        const fm = flowMod(v, n, m.bufferId, 4)
        fm.writeUInt16BE(12, fm.length - (v === 1 ? 8 : 16) + 2) // the output action's length: 12, not a multiple of 8
        s.write(fm)
      }
    }))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  return { server, port, seen, sockets }
}

async function close(c: { server: Server; sockets: Set<Socket> }): Promise<void> {
  for (const s of c.sockets) s.destroy()
  await new Promise<void>((r) => c.server.close(() => r()))
}

describe.each([['1.0', 1], ['1.3', 4]] as const)('against an in-test controller, OpenFlow %s', (of, version) => {
  it('completes the handshake (answers features, config, stats, echo, barrier) and counts validated responses', async () => {
    const c = await tinyController({ version, answer: (n) => (n % 3 === 0 ? 'both' : n % 3 === 1 ? 'flow-mod' : 'packet-out') })
    try {
      const r = await benchController({ target: `127.0.0.1:${c.port}`, of, switches: 2, duration: 1, warmup: 0.3, validateEvery: 1, macs: 50 })
      expect(c.seen.decodeErrors).toEqual([])
      expect([...c.seen.dpids].sort()).toEqual(['1', '2'])
      // replies: FEATURES_REPLY 6, GET_CONFIG_REPLY 8, stats/multipart reply, ECHO_REPLY 3, BARRIER_REPLY
      const statsReply = version === 1 ? '17' : '19'
      const barrierReply = version === 1 ? '19' : '21'
      for (const t of ['6', '8', '3', barrierReply]) expect(c.seen.replies.get(t)).toBe(2)
      expect(c.seen.replies.get(statsReply)).toBe(4)
      expect(c.seen.missSendLen).toEqual([128, 128])
      expect(r.switchesReady).toBe(2)
      expect(r.switchesStreaming).toBe(2)
      expect(r.handshakes).toBe(2)
      expect(r.responses).toBeGreaterThan(0)
      expect(r.responses).toBe(r.flowMods + r.packetOuts)
      expect(r.packetOuts).toBeGreaterThan(0)
      expect(r.flowMods).toBeGreaterThan(0)
      expect(r.malformed).toBe(0)
      expect(r.unexpected).toBe(0)
      expect(r.disconnects).toBe(0)
      // every third packet-in gets two responses: the second one matches no outstanding packet-in
      expect(r.extraResponses).toBeGreaterThan(0)
      // every packet-in of the window is accounted for once; answers to warm-up packet-ins apart
      expect(r.answered + r.unanswered + r.lostOnDisconnect + r.inFlight).toBe(r.packetInsSent)
      expect(r.answeredFromWarmup).toBeLessThanOrEqual(r.window * r.switches)
      expect(r.answered + r.answeredLate + r.answeredFromWarmup + r.extraResponses).toBe(r.responses)
      expect(r.latency.samples).toBe(r.answered + r.answeredLate)
      expect(r.latency.p50Us).toBeGreaterThan(0)
      expect(r.latency.p99Us!).toBeGreaterThanOrEqual(r.latency.p50Us!)
      expect(r.perSwitch.map((s) => s.dpid)).toEqual([1, 2])
      expect(r.errors).toEqual([])
    } finally {
      await close(c)
    }
  })

  it('counts malformed and wrong-port flow-mods separately and does not count them as responses', async () => {
    const c = await tinyController({ version, answer: (n) => (n % 10 === 0 ? 'malformed' : n % 10 === 5 ? 'bad-port' : 'flow-mod') })
    try {
      const r = await benchController({ target: `127.0.0.1:${c.port}`, of, switches: 1, duration: 1, warmup: 0.2, validateEvery: 1, lossTimeoutMs: 200 })
      expect(r.malformed).toBeGreaterThan(0)
      expect(r.unexpected).toBeGreaterThan(0)
      expect(r.responses).toBe(r.flowMods)
      expect(r.errors.map((e) => e.what)).toEqual(expect.arrayContaining(['malformed FLOW_MOD: bad action length', 'FLOW_MOD outputs to port 77, which the switch does not have']))
      // the packet-ins they answered were never matched: written off after the loss timeout, not answered
      expect(r.answered + r.answeredFromWarmup).toBe(r.responses)
      expect(r.answeredLate).toBe(0)
      expect(r.unanswered).toBeGreaterThan(0)
      expect(r.answered + r.unanswered + r.lostOnDisconnect + r.inFlight).toBe(r.packetInsSent)
    } finally {
      await close(c)
    }
  })

  it('survives a disconnect: reconnects, handshakes again and keeps counting; stops by itself', async () => {
    const c = await tinyController({ version, dropAfter: 2000 })
    try {
      const t0 = Date.now()
      const r = await benchController({ target: `127.0.0.1:${c.port}`, of, switches: 2, duration: 1.5, warmup: 0, mode: 'throughput' })
      expect(Date.now() - t0).toBeLessThan(1500 + 2000) // bounded by --duration (generous margin, not a timing claim)
      expect(r.disconnects).toBe(2)
      expect(c.seen.connections).toBe(4)
      expect(r.handshakes).toBe(4)
      expect(r.lostOnDisconnect).toBeGreaterThan(0)
      expect(r.answered + r.unanswered + r.lostOnDisconnect + r.inFlight).toBe(r.packetInsSent)
      expect(r.responses).toBeGreaterThan(4000)
      expect(r.switchesStreaming).toBe(2)
      // after the run every socket the load generator opened is closed
      await new Promise((res) => setTimeout(res, 100))
      expect(c.sockets.size).toBe(0)
    } finally {
      await close(c)
    }
  })
})

it('tells late answers (after the loss timeout) from packet-ins never answered', async () => {
  // packet-in 5 of every 40 is answered 400 ms late, 6 of every 40 never (a malformed answer)
  const c = await tinyController({ version: 4, delayMs: (n) => (n % 40 === 5 ? 400 : 0), answer: (n) => (n % 40 === 6 ? 'malformed' : 'flow-mod') })
  try {
    const r = await benchController({ target: `127.0.0.1:${c.port}`, of: '1.3', switches: 1, mode: 'throughput', window: 4, duration: 1.5, warmup: 0.2, lossTimeoutMs: 150 })
    expect(r.answeredLate).toBeGreaterThan(0)
    expect(r.unanswered).toBeGreaterThan(r.answeredLate) // the malformed answers never count
    expect(r.extraResponses).toBe(0)
    expect(r.answered + r.unanswered + r.lostOnDisconnect + r.inFlight).toBe(r.packetInsSent)
    expect(r.answered + r.answeredLate + r.answeredFromWarmup + r.extraResponses).toBe(r.responses)
  } finally {
    await close(c)
  }
})

it('latency mode keeps one packet-in in flight per switch', async () => {
  const c = await tinyController({ version: 4 })
  const origin = c.seen
  try {
    const r = await benchController({ target: `127.0.0.1:${c.port}`, of: '1.3', switches: 3, mode: 'latency', duration: 0.8, warmup: 0.2 })
    expect(r.window).toBe(1)
    expect(r.inFlight).toBeLessThanOrEqual(3)
    expect(r.answered + r.unanswered + r.lostOnDisconnect + r.inFlight).toBe(r.packetInsSent)
    expect(r.answered).toBeGreaterThan(0)
    expect(origin.packetIns).toBeGreaterThan(r.answered)
  } finally {
    await close(c)
  }
})

it('reports a refused connection and a version the controller does not speak, and still stops', async () => {
  const c = await tinyController({ version: 1 })
  const port = c.port
  try {
    const r = await benchController({ target: `127.0.0.1:${port}`, of: '1.3', switches: 1, duration: 0.5, warmup: 0 })
    expect(r.switchesReady).toBe(0)
    expect(r.responses).toBe(0)
    expect(r.errors.map((e) => e.what)).toContain('version negotiation failed: we speak 0x04, the controller offers 0x01')
  } finally {
    await close(c)
  }
  const r2 = await benchController({ target: `127.0.0.1:${port}`, of: '1.0', switches: 1, duration: 0.5, warmup: 0 })
  expect(r2.connects).toBe(0)
  expect(r2.errors.map((e) => e.what)).toContain('socket: ECONNREFUSED')
})

it('rejects a bad target with a typed error', async () => {
  await expect(benchController({ target: 'nohost', duration: 0.1 })).rejects.toMatchObject({ code: 'BAD_TARGET' })
  await expect(benchController({ target: '127.0.0.1:1', of: '1.2', duration: 0.1 })).rejects.toMatchObject({ code: 'BAD_VERSION' })
})

describe.skipIf(!hasTool('ovs-testcontroller'))('against a real ovs-testcontroller (bounded)', () => {
  const procs: ChildProcess[] = []
  afterAll(() => {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL')
  })

  async function start(proto: string): Promise<number> {
    // a free port: listen on 0, close, hand it to ovs-testcontroller
    const s = createServer()
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
    const port = (s.address() as { port: number }).port
    await new Promise<void>((r) => s.close(() => r()))
    const p = spawn('ovs-testcontroller', ['-O', proto, `ptcp:${port}:127.0.0.1`, `--unixctl=${process.env.TMPDIR ?? '/tmp'}/ofl-bench-otc-${process.pid}-${port}.ctl`, '-vconsole:off'], { stdio: 'ignore' })
    procs.push(p)
    await new Promise((r) => setTimeout(r, 300))
    return port
  }

  it.each([['1.0', 'OpenFlow10'], ['1.3', 'OpenFlow13']] as const)('OpenFlow %s: handshake with 2 switches, validated flow-mods, no errors', async (of, proto) => {
    const port = await start(proto)
    const r = await benchController({ target: `127.0.0.1:${port}`, of, switches: 2, duration: 1.5, warmup: 0.5, validateEvery: 4, macs: 1000 })
    expect(r.switchesReady).toBe(2)
    expect(r.switchesStreaming).toBe(2)
    expect(r.responses).toBeGreaterThan(0)
    // with the destination learned, ovs-testcontroller answers with flow-mods carrying our buffer_id
    expect(r.flowMods).toBeGreaterThan(r.packetOuts)
    expect(r.answered).toBeGreaterThan(0)
    expect(r.malformed).toBe(0)
    expect(r.unexpected).toBe(0)
    expect(r.errorsReceived).toBe(0)
    expect(r.disconnects).toBe(0)
  })
})
