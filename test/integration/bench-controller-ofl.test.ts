// The cbench-style load generator against `ofl controller` (in process, 127.0.0.1, port 0) in latency
// mode with buffered packet-ins: every packet-in names a switch buffer, and the controller must answer
// each one through that buffer (a flow-mod for the learned destination, a packet-out for the floods),
// so none is written off as unanswered. Counts only; no timing assertions.
import { describe, expect, it } from 'vitest'
import { startController } from '../../src/controller/server.js'
import { benchController } from '../../src/bench/controller/index.js'

describe.each([['1.0'], ['1.3']] as const)('ofl controller under the load generator, OpenFlow %s', (of) => {
  it('latency mode, buffered packet-ins: every packet-in is answered through its buffer', async () => {
    const ctl = await startController({ port: 0, controlSocket: false, log: () => undefined })
    try {
      const r = await benchController({ target: ctl.address, of, switches: 2, mode: 'latency', duration: 1, warmup: 0.5, buffered: true, validateEvery: 1, lossTimeoutMs: 3000 })
      expect(r.buffered).toBe(true)
      expect(r.switchesStreaming).toBe(2)
      expect(r.packetInsSent).toBeGreaterThan(50)
      expect(r.unanswered).toBe(0)
      // At most one packet-in per switch is still in flight when the run stops.
      expect(r.answered).toBeGreaterThanOrEqual(r.packetInsSent - r.switches)
      // One answer per packet-in: a buffered answer carries no second (frame) message.
      expect(r.extraResponses).toBe(0)
      expect(r.flowMods).toBeGreaterThan(0)
      expect([r.malformed, r.unexpected, r.errorsReceived, r.disconnects]).toEqual([0, 0, 0, 0])
    } finally {
      await ctl.close()
    }
  }, 20_000)
})
