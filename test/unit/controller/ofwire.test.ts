// The controller's fast-lane OpenFlow I/O, checked two ways:
// - its peeks against Ryu's independent OpenFlow vectors in the corpus (bytes + Ryu's JSON decode);
// - its encoders through the project's general codecs (src/openflow), an independent implementation.
import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { hasCorpus, corpusPath } from '../../helpers/corpus.js'
import {
  OutBatch, peekPacketIn, peekFlowRemoved, readFeatures, readPort, readPortStatus, helloBitmapVersion, writeFlowMod, writePacketOut,
  writeGroupMod, writeHello, writeSetConfig, writePortDescRequest, writeEcho, OFPFC_ADD, OFPFC_DELETE, OFPGC_MODIFY, OFPFF_SEND_FLOW_REM,
  type PacketInView,
} from '../../../src/controller/ofwire.js'
import { classifySlow, readLacpFrame, writeLacpFrame, writeMarkerResponse, SLOW_LACP, SLOW_MARKER_INFO, SLOW_NONE, SLOW_OTHER, LACP_FRAME_SIZE } from '../../../src/controller/slow.js'
import { decodeMessage, decodeMessages } from '../../../src/openflow/codec.js'
import { buildSlowFrame, decodeSlowFrame, isLacpdu } from '../../../src/lacp/slow.js'
import { macToNumber, parseMac } from '../../../src/wire/mac.js'
import { parseJsonLossless } from '../../../src/wire/json.js'
import type { ReceivedPdu } from '../../../src/controller/lacp-machine.js'

const dvOf = (b: Buffer) => new DataView(b.buffer, b.byteOffset, b.byteLength)
const vector = (dir: string, name: string) => ({
  bytes: readFileSync(corpusPath('ryu', dir, `${name}.packet`)),
  // lossless: cookies above 2^53 stay exact (bigint)
  json: parseJsonLossless(readFileSync(corpusPath('ryu', dir, `${name}.packet.json`), 'utf8')) as Record<string, any>,
})
const oxm = (match: any, field: string) => match.OFPMatch.oxm_fields.find((f: any) => f.OXMTlv.field === field)?.OXMTlv.value

describe.skipIf(!hasCorpus)('peeks against Ryu vectors (corpus/ryu)', () => {
  it.each([
    ['of10', '1-4-ofp_packet_in', 1],
    ['of12', '3-4-ofp_packet_in', 3],
    ['of12', '3-59-ofp_packet_in', 3],
    ['of13', '4-4-ofp_packet_in', 4],
    ['of13', '4-59-ofp_packet_in', 4],
  ])('%s/%s: in_port, reason, buffer_id and the frame', (dir, name, version) => {
    const { bytes, json } = vector(dir, name)
    const pi = json.OFPPacketIn
    const out: PacketInView = { inPort: -1, reason: -1, bufferId: -1, dataOff: -1, dataLen: -1 }
    expect(peekPacketIn(version, bytes, dvOf(bytes), 0, bytes.length, out)).toBe(true)
    expect(out.inPort).toBe(version === 1 ? pi.in_port : oxm(pi.match, 'in_port'))
    expect(out.reason).toBe(pi.reason)
    expect(out.bufferId).toBe(pi.buffer_id)
    expect(bytes.subarray(out.dataOff, out.dataOff + out.dataLen).toString('base64')).toBe(pi.data)
  })

  it.each([
    ['of12', '3-40-ofp_flow_removed', 3],
    ['of13', '4-40-ofp_flow_removed', 4],
    ['of13', 'libofproto-OFP13-flow_removed', 4],
  ])('%s/%s: reason, priority, cookie and the match fields the LACP app uses', (dir, name, version) => {
    const { bytes, json } = vector(dir, name)
    const fr = json.OFPFlowRemoved
    const v = peekFlowRemoved(version, bytes, dvOf(bytes), 0, bytes.length)!
    expect(v.reason).toBe(fr.reason)
    expect(v.priority).toBe(fr.priority)
    expect(v.cookie).toBe(BigInt(fr.cookie))
    expect(v.inPort).toBe(oxm(fr.match, 'in_port') ?? -1)
    expect(v.ethType).toBe(oxm(fr.match, 'eth_type') ?? -1)
  })

  it('of10 switch features: datapath id and every port number and MAC', () => {
    const { bytes, json } = vector('of10', '1-6-ofp_switch_features')
    const sf = json.OFPSwitchFeatures
    const f = readFeatures(1, bytes, dvOf(bytes), 0, bytes.length)!
    expect(f.dpid).toBe(BigInt(sf.datapath_id))
    expect(f.nTables).toBe(sf.n_tables)
    const want = Object.values(sf.ports).map((p: any) => [p.OFPPhyPort.port_no, p.OFPPhyPort.hw_addr, p.OFPPhyPort.name, (p.OFPPhyPort.state & 1) === 1])
    // Ryu's JSON keys the ports by number (so sorted); the wire order may differ.
    const got = f.ports.map((p) => [p.portNo, [...p.hwAddr].map((x) => x.toString(16).padStart(2, '0')).join(':'), p.name, p.linkDown])
    expect(got.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(want)
  })

  it.each([['of12', '3-6-ofp_features_reply', 3], ['of13', '4-6-ofp_features_reply', 4]])('%s/%s: datapath id (1.3 carries no ports)', (dir, name, version) => {
    const { bytes, json } = vector(dir, name)
    const f = readFeatures(version, bytes, dvOf(bytes), 0, bytes.length)!
    expect(f.dpid).toBe(BigInt(json.OFPSwitchFeatures.datapath_id))
    if (version === 4) expect(f.ports).toEqual([])
    else expect(f.ports.map((p) => p.portNo).sort()).toEqual(Object.values(json.OFPSwitchFeatures.ports).map((p: any) => p.OFPPort.port_no).sort())
  })

  it('of13 port-desc reply: ports at offset 16, 64 bytes each', () => {
    const { bytes, json } = vector('of13', '4-54-ofp_port_desc_reply')
    const dv = dvOf(bytes)
    const ports = []
    for (let p = 16; p + 64 <= bytes.length; p += 64) ports.push(readPort(4, bytes, dv, p))
    expect(ports.map((p) => [p.portNo, p.name])).toEqual(json.OFPPortDescStatsReply.body.map((b: any) => [b.OFPPort.port_no, b.OFPPort.name]))
  })

  it.each([['of12', '3-39-ofp_port_status', 3], ['of13', '4-39-ofp_port_status', 4]])('%s/%s: reason and port', (dir, name, version) => {
    const { bytes, json } = vector(dir, name)
    const ps = readPortStatus(version, bytes, dvOf(bytes), 0, bytes.length)!
    expect(ps.reason).toBe(json.OFPPortStatus.reason)
    expect(ps.port.portNo).toBe(json.OFPPortStatus.desc.OFPPort.port_no)
  })

  it('of13 hello bitmap {1,2,3,9,10,30}: highest common with {1.0,1.2,1.3} is 1.2', () => {
    const { bytes } = vector('of13', '4-10-ofp_hello')
    expect(helloBitmapVersion(bytes, dvOf(bytes), 0, bytes.length, [1, 3, 4])).toBe(3)
    expect(helloBitmapVersion(bytes, dvOf(bytes), 0, bytes.length, [4])).toBe(-1)
  })
})

describe('encoders, decoded by the general codecs', () => {
  const src = Buffer.from('5e82fefee795', 'hex')
  it.each([1, 3, 4])('OF version %i: the LACP liveness flow, a learned flow, deletes, packet-out, hello, set-config', (version) => {
    const o = new OutBatch(256) // small chunk: exercises growth
    const CONTROLLER = version === 1 ? 0xfffd : 0xfffffffd
    writeFlowMod(o, version, 1, { command: OFPFC_ADD, priority: 65535, match: { inPort: 2, ethSrc: src, ethType: 0x8809 }, actions: [{ type: 'output', port: CONTROLLER, maxLen: 65509 }], idleTimeout: 90, flags: OFPFF_SEND_FLOW_REM })
    writeFlowMod(o, version, 2, { command: OFPFC_ADD, priority: 1, match: { inPort: 3, ethDst: Buffer.concat([Buffer.alloc(4), src]), ethDstOff: 4 }, actions: [{ type: 'output', port: 1 }], cookie: 0x0f1e000000000001n })
    writeFlowMod(o, version, 3, { command: OFPFC_DELETE, priority: 0, match: {}, actions: [], outPort: 7, cookie: 5n, cookieMask: version === 1 ? undefined : 0xffn })
    writePacketOut(o, version, 4, 2, [{ type: 'output', port: 3 }, { type: 'output', port: 4 }], Buffer.from('xxabcdef'), 2, 6)
    writeHello(o, [1, 3, 4], 5)
    writeSetConfig(o, version, 6, 0xffff)
    writeEcho(o, version, 2, 7, Buffer.from('hi'), 0, 2)
    const bytes = o.take()
    const msgs = decodeMessages(bytes)
    expect(msgs.map((m) => [m.type, m.xid])).toEqual([[14, 1], [14, 2], [14, 3], [13, 4], [0, 5], [9, 6], [2, 7]])
    const [lacp, learned, del, po, hello, cfg, echo] = msgs as any[]
    const acts = (m: any) => (version === 1 ? m.actions : m.instructions[0]?.actions ?? [])
    expect(lacp).toMatchObject({ command: 0, priority: 65535, idleTimeout: 90, flags: 1, bufferId: 0xffffffff })
    expect(acts(lacp)).toEqual([{ type: 0, port: CONTROLLER, maxLen: 65509 }])
    if (version === 1) {
      expect(lacp.match).toMatchObject({ inPort: 2, dlSrc: '5e:82:fe:fe:e7:95', dlType: 0x8809 })
      expect(learned.match).toMatchObject({ inPort: 3, dlDst: '5e:82:fe:fe:e7:95', wildcards: ((1 << 22) - 1) & ~(1 | 8) })
      expect(del).toMatchObject({ command: 3, outPort: 7, cookie: 5n, match: { wildcards: (1 << 22) - 1 } })
    } else {
      expect(lacp.match.fields).toEqual([{ field: 'in_port', value: 2 }, { field: 'eth_src', value: '5e:82:fe:fe:e7:95' }, { field: 'eth_type', value: 0x8809 }])
      expect(lacp.outPort).toBe(0) // as os_ken encodes ADDs
      expect(learned.match.fields).toEqual([{ field: 'in_port', value: 3 }, { field: 'eth_dst', value: '5e:82:fe:fe:e7:95' }])
      expect(del).toMatchObject({ command: 3, tableId: 0xff, outPort: 7, outGroup: 0xffffffff, cookie: 5n, cookieMask: 0xffn, instructions: [] })
    }
    expect(learned.cookie).toBe(0x0f1e000000000001n)
    expect(po).toMatchObject({ inPort: 2, bufferId: 0xffffffff })
    expect(po.actions.map((a: any) => a.port)).toEqual([3, 4])
    expect(po.data.toString()).toBe('abcdef')
    expect(hello).toMatchObject({ version: 4, elements: [{ type: 1, bitmaps: [0b11010] }] })
    expect(cfg).toMatchObject({ version, flags: 0, missSendLen: 0xffff })
    expect(echo.data.toString()).toBe('hi')
  })

  it.each([3, 4])('OF version %i: select group and port-desc request', (version) => {
    const o = new OutBatch()
    writeGroupMod(o, version, 9, OFPGC_MODIFY, 2, [5, 6])
    if (version === 4) writePortDescRequest(o, 10)
    const msgs = decodeMessages(o.take()) as any[]
    expect(msgs[0]).toMatchObject({ type: 15, command: 1, groupType: 1, groupId: 2 })
    expect(msgs[0].buckets.map((b: any) => [b.weight, b.watchPort, b.watchGroup, b.actions[0].port])).toEqual([[1, 0xffffffff, 0xffffffff, 5], [1, 0xffffffff, 0xffffffff, 6]])
    if (version === 4) expect(msgs[1]).toMatchObject({ type: 18, mpType: 13, flags: 0 })
  })

  it('OutBatch.take() never hands out bytes it will write again', () => {
    const o = new OutBatch(8192)
    writeEcho(o, 4, 2, 1, Buffer.from('first'), 0, 5)
    const a = o.take()
    const copy = Buffer.from(a)
    for (let i = 0; i < 2000; i++) writeEcho(o, 4, 2, i, Buffer.from('second'), 0, 6)
    expect(a).toEqual(copy)
    expect(decodeMessage(o.take()).xid).toBe(0)
  })
})

describe('slow-protocol frames', () => {
  const lacp = buildSlowFrame({
    src: '5e:82:fe:fe:e7:95',
    pdu: {
      actor: { systemPriority: 65534, system: '02:00:00:00:11:00', key: 2, portPriority: 65535, port: 1, state: 0xbf },
      partner: { systemPriority: 0, system: '00:00:00:00:00:00', key: 0, portPriority: 0, port: 0, state: 0x02 },
    },
  })
  it('classifies LACP, Marker, other slow subtypes and ordinary frames', () => {
    expect(classifySlow(lacp, 0, lacp.length)).toBe(SLOW_LACP)
    const marker = buildSlowFrame({ src: '02:00:00:00:00:01', pdu: { subtype: 2, requesterPort: 1, requesterSystem: '02:00:00:00:11:00', requesterTransactionId: 1 } })
    expect(classifySlow(marker, 0, marker.length)).toBe(SLOW_MARKER_INFO)
    const oam = buildSlowFrame({ src: '02:00:00:00:00:01', pdu: { subtype: 3, body: '0000' } })
    expect(classifySlow(oam, 0, oam.length)).toBe(SLOW_OTHER)
    const ip = Buffer.alloc(60)
    ip.writeUInt16BE(0x0800, 12)
    expect(classifySlow(ip, 0, ip.length)).toBe(SLOW_NONE)
  })
  it('reads OVS-shaped LACPDUs, rejects short or mangled ones', () => {
    const out: ReceivedPdu = { actor: {} as any, partner: {} as any }
    expect(readLacpFrame(dvOf(lacp), 0, lacp.length, out)).toBe(true)
    expect(out.actor).toEqual({ systemPriority: 65534, system: macToNumber(parseMac('02:00:00:00:11:00')), key: 2, portPriority: 65535, port: 1, state: 0xbf })
    expect(readLacpFrame(dvOf(lacp), 0, lacp.length - 1, out)).toBe(false)
    const bad = Buffer.from(lacp)
    bad[14 + 3] = 19 // actor TLV length
    expect(readLacpFrame(dvOf(bad), 0, bad.length, out)).toBe(false)
  })
  it('writes a LACPDU frame the lacp decoder accepts without issues', () => {
    const buf = Buffer.alloc(LACP_FRAME_SIZE + 10, 0xee)
    const actor = { systemPriority: 0xffff, system: macToNumber(parseMac('02:00:00:00:01:00')), key: 2, portPriority: 0xff, port: 1, state: 0x3e }
    const partner = { systemPriority: 65534, system: macToNumber(parseMac('02:00:00:00:11:00')), key: 2, portPriority: 65535, port: 1, state: 0xbf }
    writeLacpFrame(buf, dvOf(buf), 5, parseMac('02:00:00:00:01:01'), actor, partner)
    const f = decodeSlowFrame(buf, 5, 5 + LACP_FRAME_SIZE)
    expect(f.issues).toEqual([])
    expect(f.eth).toMatchObject({ dst: '01:80:c2:00:00:02', src: '02:00:00:00:01:01' })
    expect(isLacpdu(f.pdu) && [f.pdu.actor, f.pdu.partner, f.pdu.collectorMaxDelay]).toEqual([
      { systemPriority: 0xffff, system: '02:00:00:00:01:00', key: 2, portPriority: 0xff, port: 1, state: 0x3e },
      { systemPriority: 65534, system: '02:00:00:00:11:00', key: 2, portPriority: 65535, port: 1, state: 0xbf },
      0,
    ])
    expect(buf[4]).toBe(0xee)
    expect(buf[5 + LACP_FRAME_SIZE]).toBe(0xee)
  })
  it('writes the Marker Response to a Marker Information PDU', () => {
    const info = buildSlowFrame({ src: '02:aa:00:00:00:01', pdu: { subtype: 2, requesterPort: 7, requesterSystem: '02:00:00:00:11:00', requesterTransactionId: 0xdeadbeef } })
    const buf = Buffer.alloc(LACP_FRAME_SIZE)
    writeMarkerResponse(buf, 0, info, 0, parseMac('02:00:00:00:01:07'))
    const f = decodeSlowFrame(buf)
    expect(f.issues).toEqual([])
    expect(f.pdu).toMatchObject({ subtype: 2, tlvType: 2, requesterPort: 7, requesterSystem: '02:00:00:00:11:00', requesterTransactionId: 0xdeadbeef })
  })
})
