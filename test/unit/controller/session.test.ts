// SwitchSession with a stub socket: the handshake bytes, backpressure (pause on a full write buffer,
// resume on drain) and the slow-consumer cut-off.
import { describe, it, expect } from 'vitest'
import { EventEmitter } from 'node:events'
import type { Socket } from 'node:net'
import { SwitchSession, type ControllerApp } from '../../../src/controller/session.js'
import { decodeMessages, encodeMessage } from '../../../src/openflow/codec.js'
import { featuresReply, helloMessage, packetInMessage } from '../../helpers/fake-switch.js'

class StubSocket extends EventEmitter {
  remoteAddress = '127.0.0.1'
  remotePort = 1
  written: Buffer[] = []
  paused = false
  destroyed = false
  accept = true
  writableLength = 0
  setNoDelay() {}
  write(b: Buffer) {
    this.written.push(Buffer.from(b))
    if (!this.accept) this.writableLength += b.length
    return this.accept
  }
  pause() {
    this.paused = true
  }
  resume() {
    this.paused = false
  }
  destroy() {
    this.destroyed = true
    this.emit('close')
  }
  end() {
    this.destroy()
  }
}

const app = (): ControllerApp & { pis: number } => {
  const a = {
    pis: 0,
    switchReady() {},
    packetIn() {
      a.pis++
    },
    flowRemoved() {},
    portStatus() {},
    switchClosed() {},
  }
  return a
}

function session(stub: StubSocket, a: ControllerApp, maxPendingBytes = 1 << 20) {
  return new SwitchSession(stub as unknown as Socket, a, { versions: [1, 4], echoIntervalMs: 1000, deadAfterMs: 3000, maxPendingBytes, log: () => undefined }, 0)
}

describe('SwitchSession', () => {
  it('sends HELLO at once, FEATURES_REQUEST after the peer HELLO, then becomes ready on OF1.0', async () => {
    const stub = new StubSocket()
    const a = app()
    const s = session(stub, a)
    expect(decodeMessages(stub.written[0]!).map((m) => m.type)).toEqual([0])
    stub.emit('data', encodeMessage(helloMessage(1)))
    expect(decodeMessages(stub.written[1]!).map((m) => [m.version, m.type])).toEqual([[1, 5]])
    stub.emit('data', encodeMessage(featuresReply(1, 7n, [1, 2], 2)))
    expect(s.state).toBe('ready')
    expect(s.dpidStr).toBe('0000000000000007')
    // Ports are kept in the model's 32-bit numbering: 1.0's OFPP_LOCAL 0xfffe is 0xfffffffe.
    expect([...s.ports.keys()].sort((x, y) => x - y)).toEqual([1, 2, 0xfffffffe])
  })

  it('stops reading while the socket buffer is full and resumes on drain', () => {
    const stub = new StubSocket()
    const a = app()
    session(stub, a)
    stub.emit('data', Buffer.concat([encodeMessage(helloMessage(1)), encodeMessage(featuresReply(1, 1n, [1, 2, 3], 2))]))
    stub.accept = false
    stub.emit('data', encodeMessage({ version: 1, type: 2, xid: 9, data: Buffer.alloc(100) })) // echo → reply write fails
    expect(stub.paused).toBe(true)
    stub.accept = true
    stub.writableLength = 0
    stub.emit('drain')
    expect(stub.paused).toBe(false)
    // Packet-ins are still delivered in one chunk, several per read.
    const frame = Buffer.alloc(60)
    stub.emit('data', Buffer.concat([1, 2, 3].map((p) => encodeMessage(packetInMessage(1, p, frame)))))
    expect(a.pis).toBe(3)
  })

  it('counts a switch alive from the tick after its bytes arrive, and closes it after deadAfterMs of silence', () => {
    const stub = new StubSocket()
    const s = session(stub, app()) // echo 1000 ms, dead after 3000 ms, created at t=0
    stub.emit('data', encodeMessage(helloMessage(1)))
    s.tick(2900) // heard from since the last tick: stamped at 2900
    expect(s.lastRx).toBe(2900)
    s.tick(5800) // silent for 2900 ms: still alive (an echo request goes out)
    expect(stub.destroyed).toBe(false)
    stub.emit('data', encodeMessage({ version: 1, type: 3, xid: 1, data: Buffer.alloc(0) })) // echo reply
    s.tick(8700) // heard from again: restamped
    expect(s.lastRx).toBe(8700)
    s.tick(11600)
    expect(stub.destroyed).toBe(false)
    s.tick(11700) // 3000 ms of silence
    expect(stub.destroyed).toBe(true)
  })

  it('closes a switch that stops reading once its queued output passes the limit', () => {
    const stub = new StubSocket()
    session(stub, app(), 64)
    stub.emit('data', encodeMessage(helloMessage(1)))
    stub.accept = false
    stub.emit('data', encodeMessage({ version: 1, type: 2, xid: 9, data: Buffer.alloc(200) }))
    expect(stub.destroyed).toBe(true)
  })
})
