import { describe, it, expect } from 'vitest'
import { ControllerMetrics, serveMetrics, type MetricsSnapshot } from '../../../src/controller/metrics.js'
import { promSamples as samples } from '../../helpers/prom.js'


describe('controller metrics (Prometheus text via prom-client)', () => {
  it('exposes every metric from the snapshot taken at scrape time', async () => {
    let snap: MetricsSnapshot = {
      switches: [{ dpid: '0000000000000001', connected: true, packetIn: 12, flowRemoved: 1 }, { dpid: '0000000000000002', connected: false, packetIn: 0, flowRemoved: 0 }],
      members: [
        { dpid: '0000000000000001', port: 1, bond: 'b', state: 'up', role: 'selected', stateChanges: 1, pdusReceived: 5, pdusSent: 6 },
        { dpid: '0000000000000002', port: 1, bond: 'b', state: 'attached', role: 'unselected', stateChanges: 0, pdusReceived: 4, pdusSent: 4 },
      ],
      bonds: [{ bond: 'b', forwarding: true, activeMembers: 1 }],
    }
    const m = new ControllerMetrics(() => snap)
    const text = await m.text()
    expect(text).toContain('# TYPE ofl_lacp_port_state gauge')
    expect(text).toContain('# TYPE ofl_lacp_pdus_received_total counter')
    const s = samples(text)
    expect(s.get('ofl_lacp_port_state{dpid="0000000000000001",port="1"}')).toBe(5)
    expect(s.get('ofl_lacp_port_state{dpid="0000000000000002",port="1"}')).toBe(4)
    expect(s.get('ofl_lacp_port_role{dpid="0000000000000001",port="1"}')).toBe(2)
    expect(s.get('ofl_lacp_port_role{dpid="0000000000000002",port="1"}')).toBe(1)
    expect(s.get('ofl_lacp_state_changes_total{dpid="0000000000000001",port="1"}')).toBe(1)
    expect(s.get('ofl_lacp_pdus_received_total{dpid="0000000000000001",port="1"}')).toBe(5)
    expect(s.get('ofl_lacp_pdus_sent_total{dpid="0000000000000001",port="1"}')).toBe(6)
    expect(s.get('ofl_switch_connected{dpid="0000000000000001"}')).toBe(1)
    expect(s.get('ofl_switch_connected{dpid="0000000000000002"}')).toBe(0)
    expect(s.get('ofl_packet_in_total{dpid="0000000000000001"}')).toBe(12)
    expect(s.get('ofl_flow_removed_total{dpid="0000000000000001"}')).toBe(1)
    expect(s.get('ofl_lacp_bond_forwarding{bond="b"}')).toBe(1)
    expect(s.get('ofl_lacp_bond_active_members{bond="b"}')).toBe(1)
    // The next scrape reads a fresh snapshot: a member gone is gone, counters move.
    snap = { ...snap, members: [{ ...snap.members[0]!, state: 'expired', role: 'unselected', stateChanges: 2, pdusReceived: 9 }] }
    const s2 = samples(await m.text())
    expect(s2.get('ofl_lacp_port_state{dpid="0000000000000001",port="1"}')).toBe(2)
    expect(s2.get('ofl_lacp_pdus_received_total{dpid="0000000000000001",port="1"}')).toBe(9)
    expect(s2.has('ofl_lacp_port_state{dpid="0000000000000002",port="1"}')).toBe(false)
  })

  it('serves /metrics over HTTP with the Prometheus content type, 404 elsewhere', async () => {
    const m = new ControllerMetrics(() => ({ switches: [{ dpid: 'x', connected: true, packetIn: 3, flowRemoved: 0 }], members: [], bonds: [] }))
    const srv = await serveMetrics(m, '127.0.0.1', 0)
    try {
      const r = await fetch(`http://${srv.address}/metrics`)
      expect(r.status).toBe(200)
      expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
      expect(samples(await r.text()).get('ofl_packet_in_total{dpid="x"}')).toBe(3)
      expect((await fetch(`http://${srv.address}/`)).status).toBe(404)
    } finally {
      await srv.close()
    }
  })

  it('a port in use is a listen error, not a crash', async () => {
    const m = new ControllerMetrics(() => ({ switches: [], members: [], bonds: [] }))
    const a = await serveMetrics(m, '127.0.0.1', 0)
    try {
      const port = Number(a.address.split(':')[1])
      await expect(serveMetrics(m, '127.0.0.1', port)).rejects.toMatchObject({ code: 'EADDRINUSE' })
    } finally {
      await a.close()
    }
  })
})
