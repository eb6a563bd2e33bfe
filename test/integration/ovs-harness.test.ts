// The OVS lab harness itself, driven with ovs-testcontroller (OVS's own C learning switch) as the
// controller: the namespace, the daemons, the topology, frame injection and counting, teardown.
import { describe, it, expect } from 'vitest'
import { existsSync } from 'node:fs'
import { OvsLab, ovsAvailable, waitFor, testFrame, H2_MAC, H3_MAC, parseFlows } from '../helpers/ovs.js'

const available = ovsAvailable()

describe.skipIf(!available)('OVS lab harness', () => {
  it('starts OVS in a private namespace, forwards through a controller, and cleans up by PID', async () => {
    const lab = await OvsLab.start()
    const dir = lab.dir
    const pids: number[] = []
    try {
      const port = 16653
      const tc = lab.spawnInNs('ovs-testcontroller', ['-O', 'OpenFlow13', `ptcp:${port}:127.0.0.1`])
      pids.push(tc.pid!, lab.nsPid)
      await lab.createTopology('1.3', port)
      await waitFor('s1 connected', () => lab.controllerConnected(port), 20_000)
      // The controller port is inside the namespace only: nothing listens on the host's loopback.
      // s1 is fail_mode=secure: forward 3 → 4 with a flow of our own (ovs-ofctl over the mgmt socket).
      await lab.ofctl('-O', 'OpenFlow13', 'add-flow', 's1', 'priority=10,in_port=3,actions=output:4')
      await lab.addCounter('h3', H2_MAC, H3_MAC)
      await waitFor('h2 → h3 frame delivered', async () => {
        await lab.emit('h2', testFrame(H2_MAC, H3_MAC, 1))
        return (await lab.counted('h3', H2_MAC, H3_MAC)) > 0
      }, 10_000, 200)
      expect(await lab.counted('h3', H2_MAC, H3_MAC)).toBeGreaterThan(0)
      const s1 = parseFlows(await lab.ofctl('-O', 'OpenFlow13', 'dump-flows', 's1'))
      const fwd = s1.find((f) => f.match.includes('in_port=3'))
      expect(fwd?.actions).toBe('output:4')
      expect(fwd?.nPackets).toBeGreaterThan(0)
    } finally {
      await lab.stop()
    }
    expect(existsSync(dir)).toBe(false)
    for (const pid of pids) {
      let alive = true
      try {
        process.kill(pid, 0)
      } catch {
        alive = false
      }
      expect(alive, `pid ${pid} still alive`).toBe(false)
    }
  }, 60_000)
})
