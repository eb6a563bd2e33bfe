// ofl_role{dpid}: 1 while this instance masters the datapath, 0 while it is a standby; absent without --etcd.
import { describe, expect, it } from 'vitest'
import { ControllerMetrics, type MetricsSnapshot } from '../../../src/controller/metrics.js'

const base: MetricsSnapshot = { switches: [], members: [], bonds: [] }

describe('ofl_role', () => {
  it('exposes one sample per datapath with 1 = master, 0 = slave', async () => {
    const text = await new ControllerMetrics(() => ({ ...base, roles: [{ dpid: '0000000000000001', role: 'master' }, { dpid: '0000000000000002', role: 'slave' }] })).text()
    expect(text).toContain('# TYPE ofl_role gauge')
    expect(text).toMatch(/^ofl_role\{dpid="0000000000000001"\} 1$/m)
    expect(text).toMatch(/^ofl_role\{dpid="0000000000000002"\} 0$/m)
  })
  it('has no samples without --etcd', async () => {
    const text = await new ControllerMetrics(() => base).text()
    expect(text).not.toMatch(/^ofl_role\{/m)
  })
})
