// Registry round trip (loxigen TestAllOF13 idea): a sample of EVERY OpenFlow 1.0 message type (and
// every stats type, action type, queue property) is encoded, decoded and compared, so a newly
// registered type cannot escape testing. Layout sizes are asserted against the spec's sizeof values.
import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage, messageLength } from '../../../../src/openflow/codec.js'
import { OFPT10 } from '../../../../src/openflow/constants.js'
import { registry } from '../../../../src/openflow/v10/index.js'
import { matchAll10, type Match10 } from '../../../../src/openflow/v10/match.js'
import type { Action10 } from '../../../../src/openflow/v10/actions.js'
import type { PhyPort10 } from '../../../../src/openflow/v10/phy-port.js'
import { parseJsonLossless, toJson } from '../../../../src/wire/json.js'

const match: Match10 = {
  wildcards: 0x3820ef, inPort: 3, dlSrc: '00:11:22:33:44:55', dlDst: 'ff:ff:ff:ff:ff:ff', dlVlan: 100, dlVlanPcp: 5, dlType: 0x0800,
  nwTos: 4, nwProto: 6, nwSrc: '10.0.0.1', nwDst: '192.168.255.254', tpSrc: 1234, tpDst: 80,
}
const actions: Action10[] = [
  { type: 0, port: 0xfffd, maxLen: 128 },
  { type: 1, vlanVid: 10 },
  { type: 2, vlanPcp: 3 },
  { type: 3 },
  { type: 4, dlAddr: '02:00:00:00:00:01' },
  { type: 5, dlAddr: '02:00:00:00:00:02' },
  { type: 6, nwAddr: '1.2.3.4' },
  { type: 7, nwAddr: '5.6.7.8' },
  { type: 8, nwTos: 0x10 },
  { type: 9, tpPort: 53 },
  { type: 10, tpPort: 443 },
  { type: 11, port: 2, queueId: 7 },
  { type: 0xffff, vendor: 0x2320, data: Buffer.from('001a000000000000', 'hex') },
  { type: 0x1234, data: Buffer.from('abcd0000', 'hex') },
]
const port: PhyPort10 = { portNo: 1, hwAddr: 'aa:bb:cc:dd:ee:01', name: 'eth1', config: 1, state: 0x200, curr: 0x288, advertised: 0x280, supported: 0x288, peer: 0 }
const u64 = 0xfedcba9876543210n

const SAMPLES: Record<string, Array<Record<string, unknown>>> = {
  OFPT_HELLO: [{ data: Buffer.alloc(0) }, { data: Buffer.from('00010008000000 02'.replace(/ /g, ''), 'hex') }],
  OFPT_ERROR: [{ errType: 2, code: 1, data: Buffer.from('010e00480000002a', 'hex') }],
  OFPT_ECHO_REQUEST: [{ data: Buffer.from('deadbeef', 'hex') }],
  OFPT_ECHO_REPLY: [{ data: Buffer.alloc(0) }],
  OFPT_VENDOR: [{ vendor: 0x5c16c7, data: Buffer.from('0000000a', 'hex') }],
  OFPT_FEATURES_REQUEST: [{}],
  OFPT_FEATURES_REPLY: [{ datapathId: u64, nBuffers: 256, nTables: 1, capabilities: 0xc7, actions: 0xfff, ports: [port, { ...port, portNo: 0xfffe, name: 'br0' }] }],
  OFPT_GET_CONFIG_REQUEST: [{}],
  OFPT_GET_CONFIG_REPLY: [{ flags: 0, missSendLen: 128 }],
  OFPT_SET_CONFIG: [{ flags: 1, missSendLen: 0xffff }],
  OFPT_PACKET_IN: [{ bufferId: 0xffffffff, totalLen: 60, inPort: 2, reason: 0, data: Buffer.alloc(60, 7) }],
  OFPT_FLOW_REMOVED: [{ match, cookie: u64, priority: 0x8000, reason: 2, durationSec: 5, durationNsec: 999, idleTimeout: 10, packetCount: 3n, byteCount: 300n }],
  OFPT_PORT_STATUS: [{ reason: 2, desc: port }],
  OFPT_PACKET_OUT: [{ bufferId: 0xffffffff, inPort: 0xffff, actions, data: Buffer.from('0102', 'hex') }, { bufferId: 9, inPort: 1, actions: [], data: Buffer.alloc(0) }],
  OFPT_FLOW_MOD: [{ match, cookie: 1n, command: 0, idleTimeout: 60, hardTimeout: 0, priority: 100, bufferId: 0xffffffff, outPort: 0xffff, flags: 1, actions }],
  OFPT_PORT_MOD: [{ portNo: 3, hwAddr: '00:00:00:00:00:03', config: 1, mask: 1, advertise: 0 }],
  OFPT_STATS_REQUEST: [
    { statsType: 0, flags: 0, body: {} },
    { statsType: 1, flags: 0, body: { match: matchAll10(), tableId: 0xff, outPort: 0xffff } },
    { statsType: 2, flags: 0, body: { match, tableId: 0, outPort: 1 } },
    { statsType: 3, flags: 0, body: {} },
    { statsType: 4, flags: 0, body: { portNo: 0xffff } },
    { statsType: 5, flags: 0, body: { portNo: 0xfffc, queueId: 0xffffffff } },
    { statsType: 0xffff, flags: 0, body: { vendor: 0x2320, data: Buffer.from('00000000', 'hex') } },
    { statsType: 77, flags: 0, body: { data: Buffer.from('0102', 'hex') } },
  ],
  OFPT_STATS_REPLY: [
    { statsType: 0, flags: 0, body: { mfrDesc: 'Nicira, Inc.', hwDesc: 'Open vSwitch', swDesc: '3.1.0', serialNum: 'None', dpDesc: 'br0' } },
    { statsType: 1, flags: 1, body: { flows: [
      { tableId: 0, match, durationSec: 1, durationNsec: 2, priority: 3, idleTimeout: 4, hardTimeout: 5, cookie: u64, packetCount: 6n, byteCount: 7n, actions },
      { tableId: 1, match: matchAll10(), durationSec: 0, durationNsec: 0, priority: 0, idleTimeout: 0, hardTimeout: 0, cookie: 0n, packetCount: 0n, byteCount: 0n, actions: [] },
    ] } },
    { statsType: 2, flags: 0, body: { packetCount: u64, byteCount: 2n, flowCount: 3 } },
    { statsType: 3, flags: 0, body: { tables: [{ tableId: 0, name: 'classifier', wildcards: 0x3fffff, maxEntries: 1000000, activeCount: 5, lookupCount: 100n, matchedCount: 90n }] } },
    { statsType: 4, flags: 0, body: { ports: [{ portNo: 1, rxPackets: 1n, txPackets: 2n, rxBytes: 3n, txBytes: 4n, rxDropped: 5n, txDropped: 6n, rxErrors: 7n, txErrors: 8n, rxFrameErr: 9n, rxOverErr: 10n, rxCrcErr: 11n, collisions: u64 }] } },
    { statsType: 5, flags: 0, body: { queues: [{ portNo: 1, queueId: 2, txBytes: 3n, txPackets: 4n, txErrors: 5n }, { portNo: 2, queueId: 0, txBytes: 0n, txPackets: 0n, txErrors: 0n }] } },
    { statsType: 0xffff, flags: 0, body: { vendor: 0x5c16c7, data: Buffer.alloc(12, 1) } },
    { statsType: 9, flags: 0, body: { data: Buffer.alloc(0) } },
  ],
  OFPT_BARRIER_REQUEST: [{}],
  OFPT_BARRIER_REPLY: [{}],
  OFPT_QUEUE_GET_CONFIG_REQUEST: [{ port: 1 }],
  OFPT_QUEUE_GET_CONFIG_REPLY: [{ port: 1, queues: [
    { queueId: 1, properties: [{ property: 1, rate: 500 }, { property: 0, data: Buffer.alloc(0) }, { property: 9, data: Buffer.alloc(8, 2) }] },
    { queueId: 2, properties: [] },
  ] }],
}

describe('OpenFlow 1.0 registry', () => {
  it('registers all 22 message types and the samples cover each of them', () => {
    expect(Object.keys(registry).length).toBe(22)
    for (const [name, type] of Object.entries(OFPT10)) {
      expect(registry[type]?.name).toBe(name)
      expect(SAMPLES[name]?.length).toBeGreaterThan(0)
    }
  })

  const cases = Object.entries(SAMPLES).flatMap(([name, list]) => list.map((body, i) => [`${name}#${i}`, name, body] as const))
  it.each(cases)('%s encodes, decodes back equal, and round-trips through JSON', (_label, name, fields) => {
    const type = OFPT10[name as keyof typeof OFPT10]
    const msg = { version: 1, type, xid: 0x01020304, ...fields }
    const bytes = encodeMessage(msg)
    expect(bytes[0]).toBe(1)
    expect(bytes[1]).toBe(type)
    expect(bytes.readUInt16BE(2)).toBe(bytes.length)
    expect(messageLength(msg)).toBe(bytes.length)
    const back = decodeMessage(bytes)
    expect(back).toEqual(msg)
    expect(encodeMessage(back).equals(bytes)).toBe(true)
    // into a larger buffer at an offset
    const padded = Buffer.concat([Buffer.alloc(5, 0xee), bytes, Buffer.alloc(3, 0xee)])
    expect(decodeMessage(padded, 5)).toEqual(msg)
    expect(encodeMessage(parseJsonLossless(toJson(back)) as never).equals(bytes)).toBe(true)
  })

  it('fixed sizes match the spec (sizeof)', () => {
    const len = (name: string, i = 0) => encodeMessage({ version: 1, type: OFPT10[name as keyof typeof OFPT10], xid: 0, ...SAMPLES[name]![i] }).length
    expect(len('OFPT_FLOW_REMOVED')).toBe(88)
    expect(len('OFPT_PORT_STATUS')).toBe(64)
    expect(len('OFPT_PORT_MOD')).toBe(32)
    expect(len('OFPT_FEATURES_REPLY')).toBe(32 + 2 * 48)
    expect(len('OFPT_PACKET_IN')).toBe(18 + 60) // data at offsetof(ofp_packet_in, data) == 18
    expect(len('OFPT_STATS_REPLY', 0)).toBe(12 + 1056)
    expect(len('OFPT_STATS_REQUEST', 1)).toBe(12 + 44)
    expect(len('OFPT_STATS_REPLY', 3)).toBe(12 + 64)
    expect(len('OFPT_STATS_REPLY', 4)).toBe(12 + 104)
    expect(len('OFPT_STATS_REPLY', 5)).toBe(12 + 2 * 32)
    expect(len('OFPT_STATS_REPLY', 2)).toBe(12 + 24)
    expect(len('OFPT_QUEUE_GET_CONFIG_REQUEST')).toBe(12)
  })
})
