// `ofl controller` (in process) against scripted fake switches over 127.0.0.1, OF1.0 and OF1.3.
// Everything the controller sends is decoded by the general codecs (src/openflow, src/lacp), not by
// the hot-path encoders it runs.
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startController, queryController, type Controller } from '../../src/controller/server.js'
import { parseBondSpec } from '../../src/controller/bond.js'
import { buildSlowFrame, decodeSlowFrame, isLacpdu, isMarkerPdu } from '../../src/lacp/slow.js'
import { FakeSwitch, lacpFlowRemoved, portMac, LOCAL_MAC, type SeenMessage } from '../helpers/fake-switch.js'

const OVS_MEMBER_MAC = ['', '5e:82:fe:fe:e7:95', '2e:9f:81:ce:5e:52']
const H1_SYSTEM = '02:00:00:00:11:00'

/** A LACPDU as OVS 3.1 sends it from h1's member `port`. */
function ovsLacpdu(port: number, state = 0x3f, opts: { version?: number; trailing?: Buffer; system?: string } = {}): Buffer {
  return buildSlowFrame({
    src: OVS_MEMBER_MAC[port] ?? '02:aa:00:00:00:01',
    pdu: {
      version: opts.version ?? 1,
      actor: { systemPriority: 65534, system: opts.system ?? H1_SYSTEM, key: 2, portPriority: 65535, port, state },
      partner: { systemPriority: 0, system: '00:00:00:00:00:00', key: 0, portPriority: 0, port: 0, state: 0x02 },
      collectorMaxDelay: 0,
      trailing: opts.trailing,
    },
  })
}

const isPacketOut = (m: SeenMessage) => m.type === 13
const isFlowMod = (m: SeenMessage) => m.type === 14
const actionsOf = (m: SeenMessage): any[] => (m.version === 1 ? m.actions : m.instructions?.[0]?.actions ?? [])

for (const [name, version] of [['1.0', 1], ['1.3', 4]] as const) {
  const P = version === 1 ? { IN_PORT: 0xfff8, CONTROLLER: 0xfffd } : { IN_PORT: 0xfffffff8, CONTROLLER: 0xfffffffd }
  const maxLen = version === 1 ? 65535 : 65509

  describe(`controller ⇄ fake switch, OpenFlow ${name}`, () => {
    let ctl: Controller
    let port: number
    let dir: string
    let logs: string[]
    const switches: FakeSwitch[] = []

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ofl-ctl-'))
      logs = []
      ctl = await startController({ port: 0, bonds: [parseBondSpec('1:1,2')], controlSocket: join(dir, 'ctl.sock'), log: (l) => logs.push(l), echoIntervalMs: 200, deadAfterMs: 800, tickMs: 50 })
      port = Number(ctl.address.split(':')[1])
    })
    afterEach(async () => {
      for (const s of switches.splice(0)) s.close()
      await ctl.close()
      rmSync(dir, { recursive: true, force: true })
    })

    async function ready(dpid = 1n, ports = [1, 2, 3, 4]): Promise<FakeSwitch> {
      const sw = await FakeSwitch.connect(port, { version, bitmap: version === 4 ? [1, 4] : undefined, dpid, ports })
      switches.push(sw)
      await sw.waitFor((m) => m.type === 9) // SET_CONFIG comes after FEATURES_REPLY
      if (version === 4) await sw.waitFor((m) => m.type === 15) // group setup after PORT_DESC
      await sw.settle(30)
      return sw
    }

    it('handshakes: HELLO with a version bitmap, FEATURES_REQUEST, SET_CONFIG, (1.3) PORT_DESC, table-miss and groups', async () => {
      const sw = await ready()
      const hello = sw.received[0]!
      expect(hello.type).toBe(0)
      expect(hello.version).toBe(4)
      expect(hello.elements[0].bitmaps[0]).toBe((1 << 1) | (1 << 3) | (1 << 4))
      const feat = sw.received.find((m) => m.type === 5)!
      expect(feat.version).toBe(version)
      const cfg = sw.received.find((m) => m.type === 9)!
      expect(cfg.missSendLen).toBe(0xffff)
      if (version === 4) {
        expect(sw.received.find((m) => m.type === 18)?.mpType).toBe(13)
        const miss = sw.received.find((m) => isFlowMod(m) && m.priority === 0 && m.command === 0)!
        expect(miss.match.fields).toEqual([])
        expect(actionsOf(miss)).toEqual([{ type: 0, port: P.CONTROLLER, maxLen: 0xffff }])
        const add = sw.received.find((m) => m.type === 15 && m.command === 0)!
        expect(add).toMatchObject({ groupType: 1, groupId: 1, buckets: [] })
      }
      expect(logs.some((l) => l.includes(`SW=0000000000000001 connected`) && l.includes(`OpenFlow ${name}`))).toBe(true)
      expect(ctl.status().switches[0]).toMatchObject({ dpid: '0000000000000001', version: name, state: 'ready' })
    })

    it('answers a LACPDU on a bond port with a Ryu-style packet-out and installs the liveness flow', async () => {
      const sw = await ready()
      const from = sw.received.length
      sw.packetIn(1, ovsLacpdu(1, 0xbf))
      const po = await sw.waitFor(isPacketOut, 2000, from)
      expect(po.inPort).toBe(1)
      expect(po.bufferId).toBe(0xffffffff)
      expect(po.actions).toEqual([{ type: 0, port: P.IN_PORT, maxLen: 0 }])
      const f = decodeSlowFrame(po.data)
      expect(f.eth.dst).toBe('01:80:c2:00:00:02')
      expect(f.eth.src).toBe(portMac(1))
      expect(isLacpdu(f.pdu)).toBe(true)
      if (!isLacpdu(f.pdu)) return
      expect(f.pdu.version).toBe(1)
      expect(f.pdu.actor).toEqual({ systemPriority: 65535, system: LOCAL_MAC, key: 2, portPriority: 255, port: 1, state: 0x3e })
      expect(f.pdu.partner).toEqual({ systemPriority: 65534, system: H1_SYSTEM, key: 2, portPriority: 65535, port: 1, state: 0xbf })
      expect(f.pdu.collectorMaxDelay).toBe(0)
      expect(f.issues).toEqual([])
      const fm = await sw.waitFor(isFlowMod, 2000, from)
      expect(fm).toMatchObject({ command: 0, priority: 65535, idleTimeout: 3, hardTimeout: 0, flags: 1, bufferId: 0xffffffff })
      expect(actionsOf(fm)).toEqual([{ type: 0, port: P.CONTROLLER, maxLen }])
      if (version === 1) expect(fm.match).toMatchObject({ inPort: 1, dlSrc: OVS_MEMBER_MAC[1], dlType: 0x8809, wildcards: ((1 << 22) - 1) & ~(1 | 4 | 16) })
      else expect(fm.match.fields).toEqual([{ field: 'in_port', value: 1 }, { field: 'eth_src', value: OVS_MEMBER_MAC[1] }, { field: 'eth_type', value: 0x8809 }])
      expect(logs).toEqual(expect.arrayContaining([
        '[LACP][INFO] SW=0000000000000001 PORT=1 LACP received.',
        '[LACP][INFO] SW=0000000000000001 PORT=1 the slave i/f has just been up.',
        '[LACP][INFO] SW=0000000000000001 PORT=1 the timeout time has changed.',
        '[LACP][INFO] SW=0000000000000001 PORT=1 LACP sent.',
        'slave state changed port: 1 enabled: True',
      ]))
      // A second PDU at the same rate: reply, but no new flow-mod; a slow PDU re-installs with 90.
      const n = sw.received.length
      sw.packetIn(1, ovsLacpdu(1, 0x3f))
      await sw.waitFor(isPacketOut, 2000, n)
      await sw.settle()
      expect(sw.received.slice(n).filter((m) => isFlowMod(m) && m.priority === 65535)).toEqual([])
      const k = sw.received.length
      sw.packetIn(1, ovsLacpdu(1, 0x3d))
      const fm90 = await sw.waitFor((m) => isFlowMod(m) && m.priority === 65535, 2000, k)
      expect(fm90.idleTimeout).toBe(90)
    })

    it('accepts padded and version-2 LACPDUs (Ryu asserts on both)', async () => {
      const sw = await ready()
      const from = sw.received.length
      sw.packetIn(2, ovsLacpdu(2, 0x3f, { trailing: Buffer.from('deadbeef', 'hex') }))
      await sw.waitFor((m) => isPacketOut(m) && m.inPort === 2, 2000, from)
      const n = sw.received.length
      sw.packetIn(1, ovsLacpdu(1, 0x3f, { version: 2 }))
      const po = await sw.waitFor((m) => isPacketOut(m) && m.inPort === 1, 2000, n)
      const f = decodeSlowFrame(po.data)
      expect(isLacpdu(f.pdu) && f.pdu.version).toBe(1)
    })

    it('drops slow-protocol frames on non-bond ports: no reply, no flow, counted', async () => {
      const sw = await ready()
      const from = sw.received.length
      sw.packetIn(3, ovsLacpdu(3))
      sw.packetIn(4, buildSlowFrame({ src: '02:aa:00:00:00:04', pdu: { subtype: 2, requesterPort: 4, requesterSystem: H1_SYSTEM, requesterTransactionId: 1 } }))
      await sw.settle(150)
      expect(sw.received.slice(from).filter((m) => isPacketOut(m) || isFlowMod(m))).toEqual([])
      const st = await queryController(join(dir, 'ctl.sock'))
      expect(st.lacp.droppedSlowFrames).toBe(2)
      expect(st.lacp.bonds[0]!.members.map((m) => m.counters.rxPdus)).toEqual([0, 0])
    })

    it('answers a Marker Information PDU on a bond port with a Marker Response', async () => {
      const sw = await ready()
      const from = sw.received.length
      sw.packetIn(2, buildSlowFrame({ src: OVS_MEMBER_MAC[2]!, pdu: { subtype: 2, requesterPort: 2, requesterSystem: H1_SYSTEM, requesterTransactionId: 0x12345678 } }))
      const po = await sw.waitFor(isPacketOut, 2000, from)
      expect(po.inPort).toBe(2)
      const f = decodeSlowFrame(po.data)
      expect(f.eth.src).toBe(portMac(2))
      expect(isMarkerPdu(f.pdu)).toBe(true)
      expect(f.pdu).toMatchObject({ tlvType: 2, requesterPort: 2, requesterSystem: H1_SYSTEM, requesterTransactionId: 0x12345678 })
      const st = await queryController(join(dir, 'ctl.sock'))
      expect(st.lacp.bonds[0]!.members[1]!.counters).toMatchObject({ rxMarker: 1, txMarkerResponse: 1 })
    })

    it('FlowRemoved: DELETE is not a link loss; IDLE_TIMEOUT disables the member and flushes only that bond; the next LACPDU restores it', async () => {
      const sw = await ready()
      sw.packetIn(1, ovsLacpdu(1))
      sw.packetIn(2, ovsLacpdu(2))
      await sw.waitFor((m) => isPacketOut(m) && m.inPort === 2)
      await sw.settle()
      let n = sw.received.length
      sw.send(lacpFlowRemoved(version, 1, OVS_MEMBER_MAC[1]!, 2 /* OFPRR_DELETE */))
      await sw.settle(150)
      let st = await queryController(join(dir, 'ctl.sock'))
      expect(st.lacp.bonds[0]!.members.map((m) => m.enabled)).toEqual([true, true])
      expect(logs.some((l) => l.includes('PORT=1 LACP flow removed (reason delete)'))).toBe(true)
      expect(sw.received.slice(n).filter((m) => isFlowMod(m) || m.type === 15)).toEqual([])

      n = sw.received.length
      sw.send(lacpFlowRemoved(version, 1, OVS_MEMBER_MAC[1]!, 0 /* OFPRR_IDLE_TIMEOUT */))
      const del = await sw.waitFor((m) => isFlowMod(m) && m.command === 3, 2000, n)
      expect(logs).toContain('[LACP][INFO] SW=0000000000000001 PORT=1 LACP exchange timeout has occurred.')
      expect(logs).toContain('slave state changed port: 1 enabled: False')
      if (version === 4) {
        const gm = await sw.waitFor((m) => m.type === 15 && m.command === 1, 2000, n)
        expect(gm.buckets.map((b: any) => b.actions[0].port)).toEqual([2])
        expect(del.cookieMask).toBe(0xffffffffffffffffn)
        expect(del.cookie).toBe(0x0f1e000000000001n)
      } else {
        // 1.0: flows forwarding into either member are deleted (out_port filter), nothing else.
        const dels = sw.received.slice(n).filter((m) => isFlowMod(m) && m.command === 3)
        expect(dels.map((m) => m.outPort).sort()).toEqual([1, 2])
        expect(dels.every((m) => m.match.wildcards === (1 << 22) - 1)).toBe(true)
      }
      st = await queryController(join(dir, 'ctl.sock'))
      expect(st.lacp.bonds[0]!.members.map((m) => m.enabled)).toEqual([false, true])
      expect(st.lacp.bonds[0]!.members[0]).toMatchObject({ status: 'expired', reason: 'LACP exchange timeout', flowIdleTimeout: 0 })
      expect(st.lacp.bonds[0]!.members[0]!.counters.expirations).toBe(1)

      n = sw.received.length
      sw.packetIn(1, ovsLacpdu(1))
      const again = await sw.waitFor((m) => isFlowMod(m) && m.priority === 65535, 2000, n)
      expect(again.idleTimeout).toBe(3)
      st = await queryController(join(dir, 'ctl.sock'))
      expect(st.lacp.bonds[0]!.members.map((m) => m.enabled)).toEqual([true, true])
    })

    it('a PORT_STATUS with link down on a member disables it at once', async () => {
      const sw = await ready()
      sw.packetIn(1, ovsLacpdu(1))
      await sw.waitFor((m) => isPacketOut(m) && m.inPort === 1)
      const desc = { portNo: 1, hwAddr: portMac(1), name: 's1-eth1', config: 0, state: 1 /* OFPPS_LINK_DOWN */, curr: 0, advertised: 0, supported: 0, peer: 0, ...(version === 4 ? { currSpeed: 0, maxSpeed: 0 } : {}) }
      sw.send({ version, type: 12, xid: 0, reason: 2 /* OFPPR_MODIFY */, desc })
      await sw.settle(150)
      expect(logs).toContain('[LACP][INFO] SW=0000000000000001 PORT=1 link down.')
      expect(logs).toContain('slave state changed port: 1 enabled: False')
      const st = await queryController(join(dir, 'ctl.sock'))
      expect(st.lacp.bonds[0]!.members[0]).toMatchObject({ enabled: false, status: 'expired' })
    })

    it('forwards like a learning switch that treats the bond as one port', async () => {
      const sw = await ready()
      sw.packetIn(1, ovsLacpdu(1))
      sw.packetIn(2, ovsLacpdu(2))
      await sw.waitFor((m) => isPacketOut(m) && m.inPort === 2)
      await sw.settle()
      const A = Buffer.from('020000000012', 'hex') // host on port 3
      const B = Buffer.from('020000000011', 'hex') // host behind the bond
      const frame = (dst: Buffer, src: Buffer) => Buffer.concat([dst, src, Buffer.from([0x08, 0x00]), Buffer.alloc(46)])
      // Broadcast from port 3: out port 4 and exactly one bond member, never back to 3.
      let n = sw.received.length
      sw.packetIn(3, frame(Buffer.from('ffffffffffff', 'hex'), A))
      let po = await sw.waitFor(isPacketOut, 2000, n)
      const outs = po.actions.map((a: any) => a.port)
      expect(outs).toContain(4)
      expect(outs).not.toContain(3)
      expect(outs.filter((p: number) => p === 1 || p === 2)).toHaveLength(1)
      // From the bond (member 2) to A: flow in_port=2, eth_dst=A → output 3.
      n = sw.received.length
      sw.packetIn(2, frame(A, B))
      let fm = await sw.waitFor((m) => isFlowMod(m) && m.priority === 1, 2000, n)
      expect(actionsOf(fm)).toEqual([{ type: 0, port: 3, maxLen: 0 }])
      po = await sw.waitFor(isPacketOut, 2000, n)
      expect(po.actions).toEqual([{ type: 0, port: 3, maxLen: 0 }])
      // A broadcast from the bond never goes back into the bond.
      n = sw.received.length
      sw.packetIn(1, frame(Buffer.from('ffffffffffff', 'hex'), B))
      po = await sw.waitFor(isPacketOut, 2000, n)
      expect(po.actions.map((a: any) => a.port).sort()).toEqual([3, 4])
      // From A to B: through the bond's select group (1.3) or one live member (1.0).
      n = sw.received.length
      sw.packetIn(3, frame(B, A))
      fm = await sw.waitFor((m) => isFlowMod(m) && m.priority === 1, 2000, n)
      if (version === 4) {
        expect(actionsOf(fm)).toEqual([{ type: 22, groupId: 1 }])
        expect(fm.cookie).toBe(0x0f1e000000000001n)
      } else {
        expect([1, 2]).toContain(actionsOf(fm)[0].port)
      }
    })

    it('answers echo requests with the same xid and body', async () => {
      const sw = await ready()
      const from = sw.received.length
      sw.send({ version, type: 2, xid: 0xabcdef, data: Buffer.from('ping!') })
      const rep = await sw.waitFor((m) => m.type === 3 && m.xid === 0xabcdef, 2000, from)
      expect(Buffer.from(rep.data).toString()).toBe('ping!')
    })

    it('sends echo requests to a silent switch and closes it after the dead-peer timeout', async () => {
      const sw = await ready()
      ;(sw.opts as { auto?: boolean }).auto = false // stop answering
      await sw.waitFor((m) => m.type === 2, 2000)
      await sw.waitClosed(3000)
      expect(logs.some((l) => l.includes('silent for'))).toBe(true)
    })

    it('sends OFPT_ERROR to a misbehaving switch and closes only that one', async () => {
      const good = await ready(1n)
      const bad = await ready(2n)
      const from = bad.received.length
      const garbage = Buffer.from([version, 2, 0, 4, 0, 0, 0, 9]) // ofp_header.length 4 < 8
      bad.sendRaw(garbage)
      const err = await bad.waitFor((m) => m.type === 1, 2000, from)
      expect(err.version).toBe(version)
      const raw = bad.raw[bad.raw.length - 1]!
      expect(raw[1]).toBe(1) // OFPT_ERROR
      expect(raw.readUInt16BE(8)).toBe(1) // OFPET_BAD_REQUEST
      expect(raw.readUInt16BE(10)).toBe(6) // OFPBRC_BAD_LEN
      expect(raw.subarray(12)).toEqual(garbage)
      await bad.waitClosed()
      // The other switch keeps working.
      const n = good.received.length
      good.packetIn(1, ovsLacpdu(1))
      await good.waitFor(isPacketOut, 2000, n)
      expect(good.closed).toBe(false)
      expect(ctl.status().switches.map((s) => s.dpid)).toEqual(['0000000000000001'])
    })

    it('rejects a message of another version mid-session with OFPT_ERROR BAD_VERSION and closes', async () => {
      const sw = await ready()
      const other = version === 1 ? 4 : 1
      sw.sendRaw(Buffer.from([other, 2, 0, 8, 0, 0, 0, 42]))
      await sw.waitClosed()
      const raw = sw.raw.find((b) => b[1] === 1)!
      expect(raw[0]).toBe(version)
      expect(raw.readUInt32BE(4)).toBe(42) // xid of the offending message
      expect([raw.readUInt16BE(8), raw.readUInt16BE(10)]).toEqual([1, 0]) // OFPET_BAD_REQUEST, OFPBRC_BAD_VERSION
    })

    it('closes gracefully: close() resolves and switches see the connection end', async () => {
      const sw = await ready()
      await ctl.close()
      await sw.waitClosed()
      await expect(ctl.closed).resolves.toBeUndefined()
    })
  })
}

// Ryu's simple_switch: a packet-in that names a switch buffer is answered by a flow-mod (known
// destination) or packet-out (flood) that references the buffer and carries no frame.
describe('buffer_id is honoured (OpenFlow 1.0, 1.2, 1.3)', () => {
  for (const version of [1, 3, 4]) {
    it(`OF version ${version}: buffered packet-ins are answered through their buffer, unbuffered ones with the frame`, async () => {
      const ctl = await startController({ port: 0, controlSocket: false, log: () => undefined, versions: [version] })
      const sw = await FakeSwitch.connect(Number(ctl.address.split(':')[1]), { version, bitmap: version === 4 ? [4] : undefined, dpid: 9n, ports: [1, 2, 3] })
      try {
        await sw.waitFor((m) => m.type === 9)
        await sw.settle(50)
        const A = Buffer.from('020000000012', 'hex')
        const B = Buffer.from('020000000011', 'hex')
        const frame = (dst: Buffer, src: Buffer) => Buffer.concat([dst, src, Buffer.from([0x08, 0x00]), Buffer.alloc(46)])
        // Unknown destination, buffered: a flood packet-out on buffer 41, no data.
        let n = sw.received.length
        sw.packetIn(1, frame(B, A), 0, 41)
        const flood = await sw.waitFor(isPacketOut, 2000, n)
        expect(flood.bufferId).toBe(41)
        expect(flood.data.length).toBe(0)
        expect(flood.actions.map((a: any) => a.port).sort()).toEqual([2, 3])
        // Known destination (A on port 1), buffered: one flow-mod on buffer 42, and no packet-out.
        n = sw.received.length
        sw.packetIn(2, frame(A, B), 0, 42)
        const fm = await sw.waitFor(isFlowMod, 2000, n)
        expect(fm.bufferId).toBe(42)
        expect(actionsOf(fm)).toEqual([{ type: 0, port: 1, maxLen: 0 }])
        // The same unbuffered: a flow-mod without a buffer, then a packet-out carrying the frame.
        sw.packetIn(2, frame(A, B))
        const po = await sw.waitFor((m) => isPacketOut(m) && m.bufferId === 0xffffffff, 2000, n)
        expect(po.data).toEqual(frame(A, B))
        await sw.settle(50)
        const answers = sw.received.slice(n).filter((m) => isPacketOut(m) || isFlowMod(m))
        expect(answers.map((m) => [m.type, m.bufferId])).toEqual([[14, 42], [14, 0xffffffff], [13, 0xffffffff]])
      } finally {
        sw.close()
        await ctl.close()
      }
    })
  }
})

describe('version negotiation', () => {
  let ctl: Controller
  let port: number
  afterEach(async () => ctl?.close())

  it('negotiates the highest common version from the bitmaps', async () => {
    ctl = await startController({ port: 0, controlSocket: false, log: () => undefined, versions: [1, 3, 4] })
    port = Number(ctl.address.split(':')[1])
    const sw = await FakeSwitch.connect(port, { version: 4, bitmap: [1, 3], dpid: 5n, ports: [1] })
    const feat = await sw.waitFor((m) => m.type === 5)
    expect(feat.version).toBe(3)
    sw.close()
  })

  it('without a bitmap takes the lower header version (1.0 switch, 1.3 controller hello)', async () => {
    ctl = await startController({ port: 0, controlSocket: false, log: () => undefined })
    port = Number(ctl.address.split(':')[1])
    const sw = await FakeSwitch.connect(port, { version: 1, dpid: 5n, ports: [1] })
    const feat = await sw.waitFor((m) => m.type === 5)
    expect(feat.version).toBe(1)
    sw.close()
  })

  it('refuses a switch with no common version: OFPT_ERROR HELLO_FAILED/INCOMPATIBLE, then close', async () => {
    const logs: string[] = []
    ctl = await startController({ port: 0, controlSocket: false, log: (l) => logs.push(l), versions: [4] })
    port = Number(ctl.address.split(':')[1])
    const sw = await FakeSwitch.connect(port, { version: 1, dpid: 5n, ports: [1] })
    await sw.waitClosed()
    const raw = sw.raw.find((b) => b[1] === 1)!
    expect(raw.readUInt16BE(8)).toBe(0) // OFPET_HELLO_FAILED
    expect(raw.readUInt16BE(10)).toBe(0) // OFPHFC_INCOMPATIBLE
    expect(logs.some((l) => l.includes('no common OpenFlow version'))).toBe(true)
  })
})

describe('several bonds on one datapath (OpenFlow 1.3)', () => {
  it('keeps them apart: one group and one flood member each, a member change touches only its bond', async () => {
    const ctl = await startController({ port: 0, bonds: [parseBondSpec('1:1,2'), parseBondSpec('0000000000000001:3,4')], controlSocket: false, log: () => undefined })
    const sw = await FakeSwitch.connect(Number(ctl.address.split(':')[1]), { version: 4, bitmap: [4], dpid: 1n, ports: [1, 2, 3, 4, 5] })
    try {
      await sw.waitFor((m) => m.type === 15 && m.groupId === 2)
      for (const p of [1, 2, 3, 4]) sw.packetIn(p, ovsLacpdu(p))
      await sw.waitFor((m) => isPacketOut(m) && m.inPort === 4)
      await sw.settle()
      let n = sw.received.length
      sw.packetIn(5, Buffer.concat([Buffer.from('ffffffffffff020000000055', 'hex'), Buffer.from([0x08, 0x00]), Buffer.alloc(46)]))
      const po = await sw.waitFor(isPacketOut, 2000, n)
      const outs: number[] = po.actions.map((a: any) => a.port)
      expect(outs.filter((p) => p === 1 || p === 2)).toHaveLength(1)
      expect(outs.filter((p) => p === 3 || p === 4)).toHaveLength(1)
      expect(outs).toHaveLength(2)
      n = sw.received.length
      sw.send(lacpFlowRemoved(4, 3, OVS_MEMBER_MAC[1]!, 0))
      const gm = await sw.waitFor((m) => m.type === 15 && m.command === 1, 2000, n)
      expect(gm.groupId).toBe(2)
      expect(gm.buckets.map((b: any) => b.actions[0].port)).toEqual([4])
      await sw.settle()
      const touched = sw.received.slice(n).filter((m) => m.type === 15 || m.type === 14)
      expect(touched.filter((m) => m.type === 15).map((m) => m.groupId)).toEqual([2])
      expect(touched.filter((m) => m.type === 14).map((m) => m.cookie)).toEqual([0x0f1e000000000002n])
    } finally {
      sw.close()
      await ctl.close()
    }
  })
})
