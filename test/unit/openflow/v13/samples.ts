// One sample message per OpenFlow 1.3 / 1.2 message type, and per multipart type (request and reply),
// exercising every action, instruction, meter band, queue property, hello element and table-features
// property type. Used by the registry round-trip tests and as seeds of the mutation fuzz test.
import * as T from '../../../../src/openflow/common13/constants.js'
import type { Action } from '../../../../src/openflow/common13/actions.js'
import type { Instruction } from '../../../../src/openflow/common13/instructions.js'
import type { Match } from '../../../../src/openflow/common13/oxm.js'
import type { TableFeatures } from '../../../../src/openflow/common13/table-features.js'
import type { Port } from '../../../../src/openflow/common13/structs.js'
import { versionBitmap } from '../../../../src/openflow/v13/hello.js'

// Masked values have no 1-bits outside their mask (OpenFlow 1.3.5 §7.2.3.5, OFPBMC_BAD_WILDCARDS), so
// Open vSwitch's decoder can serve as an oracle for them (test/conformance/of13-ovs-ofp-print.test.ts).
const hex = (s: string): Buffer => Buffer.from(s.replace(/\s/g, ''), 'hex')

export const sampleMatch: Match = {
  fields: [
    { field: 'in_port', value: 1 },
    { field: 'eth_dst', value: '01:80:c2:00:00:00', mask: 'ff:ff:ff:ff:ff:f0' },
    { field: 'eth_type', value: 0x8809 },
    { field: 'metadata', value: 0x0123456700000000n, mask: 0xffffffff00000000n },
    { field: 'ipv6_src', value: '2001:db8::', mask: 'ffff:ffff::' },
    { field: 'pbb_isid', value: 0xabcdef },
    { field: 'ipv4_dst', value: '10.0.0.0', mask: '255.255.255.0' },
    { oxmClass: T.OFPXMC_NXM_1, oxmField: 33, hasMask: false, data: hex('0000002a') },
    { oxmClass: T.OFPXMC_EXPERIMENTER, oxmField: 0, hasMask: false, data: hex('4f4e4600 0a00 01') },
  ],
}

export const allActions: Action[] = [
  { type: T.OFPAT_OUTPUT, port: T.OFPP_CONTROLLER, maxLen: T.OFPCML_NO_BUFFER },
  { type: T.OFPAT_COPY_TTL_OUT },
  { type: T.OFPAT_COPY_TTL_IN },
  { type: T.OFPAT_SET_MPLS_TTL, mplsTtl: 64 },
  { type: T.OFPAT_DEC_MPLS_TTL },
  { type: T.OFPAT_PUSH_VLAN, ethertype: 0x8100 },
  { type: T.OFPAT_POP_VLAN },
  { type: T.OFPAT_PUSH_MPLS, ethertype: 0x8847 },
  { type: T.OFPAT_POP_MPLS, ethertype: 0x0800 },
  { type: T.OFPAT_SET_QUEUE, queueId: 7 },
  { type: T.OFPAT_GROUP, groupId: 3 },
  { type: T.OFPAT_SET_NW_TTL, nwTtl: 9 },
  { type: T.OFPAT_DEC_NW_TTL },
  { type: T.OFPAT_SET_FIELD, field: { field: 'vlan_vid', value: T.OFPVID_PRESENT | 10 } },
  { type: T.OFPAT_SET_FIELD, field: { field: 'ipv6_dst', value: 'fe80::1' } },
  { type: T.OFPAT_PUSH_PBB, ethertype: 0x88e7 },
  { type: T.OFPAT_POP_PBB },
  { type: T.OFPAT_EXPERIMENTER, experimenter: 0x2320, data: hex('0007 0000 0000 0000') },
  { type: 0x1234, unknown: true, data: hex('00000000') },
]

export const allInstructions: Instruction[] = [
  { type: T.OFPIT_GOTO_TABLE, tableId: 1 },
  { type: T.OFPIT_WRITE_METADATA, metadata: 0xffn, metadataMask: 0xffffffffffffffffn },
  { type: T.OFPIT_WRITE_ACTIONS, actions: allActions.slice(0, 3) },
  { type: T.OFPIT_APPLY_ACTIONS, actions: allActions },
  { type: T.OFPIT_CLEAR_ACTIONS, actions: [] },
  { type: T.OFPIT_METER, meterId: 5 },
  { type: T.OFPIT_EXPERIMENTER, experimenter: 0x00002320, data: hex('0102030405060708') },
]

const port: Port = {
  portNo: 1, hwAddr: '02:00:00:00:00:01', name: 'eth1', config: 0, state: 4, curr: 0x2008, advertised: 0x2000,
  supported: 0x2008, peer: 0, currSpeed: 10_000_000, maxSpeed: 10_000_000,
}

export const tableFeatures: TableFeatures = {
  tableId: 0, name: 'table 0', metadataMatch: 0xffffffffffffffffn, metadataWrite: 0n, config: 3, maxEntries: 1000,
  properties: [
    { type: T.OFPTFPT_INSTRUCTIONS, instructionIds: [{ type: 1 }, { type: 4 }, { type: 0xffff, data: hex('00002320') }] },
    { type: T.OFPTFPT_INSTRUCTIONS_MISS, instructionIds: [{ type: 5 }] },
    { type: T.OFPTFPT_NEXT_TABLES, tableIds: [1, 2, 3] },
    { type: T.OFPTFPT_NEXT_TABLES_MISS, tableIds: [] },
    { type: T.OFPTFPT_WRITE_ACTIONS, actionIds: [{ type: 0 }, { type: 22 }] },
    { type: T.OFPTFPT_WRITE_ACTIONS_MISS, actionIds: [{ type: 0 }] },
    { type: T.OFPTFPT_APPLY_ACTIONS, actionIds: [{ type: 25 }, { type: 0xffff, data: hex('00002320') }] },
    { type: T.OFPTFPT_APPLY_ACTIONS_MISS, actionIds: [] },
    { type: T.OFPTFPT_MATCH, oxmIds: [{ oxmClass: 0x8000, oxmField: 0, hasMask: false, length: 4 }] },
    { type: T.OFPTFPT_WILDCARDS, oxmIds: [{ oxmClass: 0x8000, oxmField: 3, hasMask: true, length: 12 }] },
    { type: T.OFPTFPT_WRITE_SETFIELD, oxmIds: [{ oxmClass: 0xffff, oxmField: 1, hasMask: false, length: 8, experimenter: 0x4f4e4600 }] },
    { type: T.OFPTFPT_WRITE_SETFIELD_MISS, oxmIds: [] },
    { type: T.OFPTFPT_APPLY_SETFIELD, oxmIds: [{ oxmClass: 0x0001, oxmField: 0, hasMask: false, length: 4 }] },
    { type: T.OFPTFPT_APPLY_SETFIELD_MISS, oxmIds: [{ oxmClass: 0x8000, oxmField: 6, hasMask: false, length: 2 }] },
    { type: T.OFPTFPT_EXPERIMENTER, experimenter: 101, expType: 1, data: [1, 2] },
    { type: T.OFPTFPT_EXPERIMENTER_MISS, experimenter: 101, expType: 2, data: [] },
    { type: 9, unknown: true, data: hex('aabb') },
  ],
}

const flowStatsReq = { tableId: T.OFPTT_ALL, outPort: T.OFPP_ANY, outGroup: T.OFPG_ANY, cookie: 0n, cookieMask: 0n, match: sampleMatch }

/** Multipart request bodies by OFPMP_* (undefined: empty body). */
export const mpRequestBodies: Record<number, unknown> = {
  [T.OFPMP_DESC]: undefined,
  [T.OFPMP_FLOW]: flowStatsReq,
  [T.OFPMP_AGGREGATE]: { ...flowStatsReq, match: { fields: [] } },
  [T.OFPMP_TABLE]: undefined,
  [T.OFPMP_PORT_STATS]: { portNo: T.OFPP_ANY },
  [T.OFPMP_QUEUE]: { portNo: 1, queueId: 0xffffffff },
  [T.OFPMP_GROUP]: { groupId: T.OFPG_ALL },
  [T.OFPMP_GROUP_DESC]: undefined,
  [T.OFPMP_GROUP_FEATURES]: undefined,
  [T.OFPMP_METER]: { meterId: 0xffffffff },
  [T.OFPMP_METER_CONFIG]: { meterId: 1 },
  [T.OFPMP_METER_FEATURES]: undefined,
  [T.OFPMP_TABLE_FEATURES]: [tableFeatures],
  [T.OFPMP_PORT_DESC]: undefined,
  [T.OFPMP_EXPERIMENTER]: { experimenter: 0x4f4e4600, expType: 1870, data: hex('0102') },
}

const bands = [
  { type: T.OFPMBT_DROP, rate: 1000, burstSize: 10 },
  { type: T.OFPMBT_DSCP_REMARK, rate: 2000, burstSize: 20, precLevel: 1 },
  { type: T.OFPMBT_EXPERIMENTER, rate: 3000, burstSize: 30, experimenter: 999, data: hex('') },
]
const buckets = [{ weight: 1, watchPort: T.OFPP_ANY, watchGroup: T.OFPG_ANY, actions: allActions.slice(0, 2) }, { weight: 2, watchPort: 2, watchGroup: 3, actions: [] }]

function mpReplyBodies(version: number): Record<number, unknown> {
  const v13 = version === 4
  const dur = v13 ? { durationSec: 5, durationNsec: 6 } : {}
  return {
    [T.OFPMP_DESC]: { mfrDesc: 'ofl', hwDesc: 'hw', swDesc: 'sw', serialNum: '42', dpDesc: 'dp 1' },
    [T.OFPMP_FLOW]: [{
      tableId: 0, durationSec: 1, durationNsec: 2, priority: 100, idleTimeout: 0, hardTimeout: 0, ...(v13 ? { flags: 1 } : {}),
      cookie: 7n, packetCount: 8n, byteCount: 9n, match: sampleMatch, instructions: allInstructions,
    }],
    [T.OFPMP_AGGREGATE]: { packetCount: 1n, byteCount: 2n, flowCount: 3 },
    [T.OFPMP_TABLE]: v13
      ? [{ tableId: 0, activeCount: 1, lookupCount: 2n, matchedCount: 3n }]
      : [{
          tableId: 0, name: 'tbl', match: 0xfffffffffn, wildcards: 0xfffffffffn, writeActions: 1, applyActions: 2,
          writeSetfields: 3n, applySetfields: 4n, metadataMatch: 5n, metadataWrite: 6n, instructions: 62, config: 0,
          maxEntries: 100, activeCount: 1, lookupCount: 2n, matchedCount: 3n,
        }],
    [T.OFPMP_PORT_STATS]: [{
      portNo: 1, rxPackets: 1n, txPackets: 2n, rxBytes: 3n, txBytes: 4n, rxDropped: 5n, txDropped: 6n, rxErrors: 7n,
      txErrors: 8n, rxFrameErr: 9n, rxOverErr: 10n, rxCrcErr: 11n, collisions: 12n, ...dur,
    }],
    [T.OFPMP_QUEUE]: [{ portNo: 1, queueId: 2, txBytes: 3n, txPackets: 4n, txErrors: 5n, ...dur }],
    [T.OFPMP_GROUP]: [{ groupId: 1, refCount: 2, packetCount: 3n, byteCount: 4n, ...dur, bucketStats: [{ packetCount: 1n, byteCount: 2n }] }],
    [T.OFPMP_GROUP_DESC]: [{ groupType: T.OFPGT_SELECT, groupId: 1, buckets }],
    [T.OFPMP_GROUP_FEATURES]: { types: 15, capabilities: 5, maxGroups: [1, 2, 3, 4], actions: [5, 6, 7, 8] },
    [T.OFPMP_METER]: [{ meterId: 1, flowCount: 2, packetInCount: 3n, byteInCount: 4n, durationSec: 5, durationNsec: 6, bandStats: [{ packetBandCount: 1n, byteBandCount: 2n }] }],
    [T.OFPMP_METER_CONFIG]: [{ flags: 1, meterId: 2, bands }],
    [T.OFPMP_METER_FEATURES]: { maxMeter: 100, bandTypes: 6, capabilities: 15, maxBands: 3, maxColor: 0 },
    [T.OFPMP_TABLE_FEATURES]: [tableFeatures],
    [T.OFPMP_PORT_DESC]: [port, { ...port, portNo: 2, name: 'eth2' }],
    [T.OFPMP_EXPERIMENTER]: { experimenter: 0xdeadbeef, expType: 0xcafebabe, data: hex('74657374') },
  }
}

type Sample = Record<string, unknown> & { version: number; type: number; xid: number }

export function samples(version: 3 | 4): Sample[] {
  const v13 = version === 4
  const m = (type: number, fields: Record<string, unknown> = {}): Sample => ({ version, type, xid: 0x1000 + type, ...fields })
  const out: Sample[] = [
    m(T.OFPT_HELLO, { elements: v13 ? [versionBitmap([1, 3, 4]), { type: 9, unknown: true, data: hex('0102') }] : [] }),
    m(T.OFPT_ERROR, { errType: T.OFPET_BAD_REQUEST, code: 3, data: hex('0412001000000001') }),
    m(T.OFPT_ERROR, { errType: T.OFPET_EXPERIMENTER, expType: 60000, experimenter: 999999, data: hex('6a696b6b656e') }),
    m(T.OFPT_ECHO_REQUEST, { data: hex('68656c6c6f') }),
    m(T.OFPT_ECHO_REPLY, { data: hex('') }),
    m(T.OFPT_EXPERIMENTER, { experimenter: 0x00abcdef, expType: 17, data: hex('00010203') }),
    m(T.OFPT_FEATURES_REQUEST),
    v13
      ? m(T.OFPT_FEATURES_REPLY, { datapathId: 0x0000000000000001n, nBuffers: 256, nTables: 254, auxiliaryId: 0, capabilities: 0x4f, reserved: 0 })
      : m(T.OFPT_FEATURES_REPLY, { datapathId: 0xffffffffffffffffn, nBuffers: 256, nTables: 254, capabilities: 0x4f, reserved: 0, ports: [port] }),
    m(T.OFPT_GET_CONFIG_REQUEST),
    m(T.OFPT_GET_CONFIG_REPLY, { flags: 0, missSendLen: 128 }),
    m(T.OFPT_SET_CONFIG, { flags: 1, missSendLen: 0xffff }),
    m(T.OFPT_PACKET_IN, {
      bufferId: T.OFP_NO_BUFFER, totalLen: 60, reason: T.OFPR_ACTION, tableId: 0, ...(v13 ? { cookie: 0xffffffffffffffffn } : {}),
      match: { fields: [{ field: 'in_port', value: 2 }] }, data: hex('0180c2000002 020000000001 8809 0101'),
    }),
    m(T.OFPT_FLOW_REMOVED, {
      cookie: 1n, priority: 2, reason: T.OFPRR_DELETE, tableId: 3, durationSec: 4, durationNsec: 5, idleTimeout: 6,
      hardTimeout: 7, packetCount: 8n, byteCount: 9n, match: sampleMatch,
    }),
    m(T.OFPT_PORT_STATUS, { reason: T.OFPPR_MODIFY, desc: port }),
    m(T.OFPT_PACKET_OUT, { bufferId: T.OFP_NO_BUFFER, inPort: T.OFPP_CONTROLLER, actions: [allActions[0]], data: hex('ffffffffffff') }),
    m(T.OFPT_FLOW_MOD, {
      cookie: 0n, cookieMask: 0n, tableId: 0, command: T.OFPFC_ADD, idleTimeout: 10, hardTimeout: 0, priority: 0,
      bufferId: T.OFP_NO_BUFFER, outPort: T.OFPP_ANY, outGroup: T.OFPG_ANY, flags: T.OFPFF_SEND_FLOW_REM, match: sampleMatch,
      instructions: allInstructions,
    }),
    m(T.OFPT_GROUP_MOD, { command: T.OFPGC_ADD, groupType: T.OFPGT_SELECT, groupId: 1, buckets }),
    m(T.OFPT_PORT_MOD, { portNo: 1, hwAddr: '02:00:00:00:00:01', config: 1, mask: 1, advertise: 0 }),
    m(T.OFPT_TABLE_MOD, { tableId: 0xff, config: 3 }),
    m(T.OFPT_BARRIER_REQUEST),
    m(T.OFPT_BARRIER_REPLY),
    m(T.OFPT_QUEUE_GET_CONFIG_REQUEST, { port: T.OFPP_ANY }),
    m(T.OFPT_QUEUE_GET_CONFIG_REPLY, {
      port: 1, queues: [{
        queueId: 1, port: 1, properties: [
          { property: T.OFPQT_MIN_RATE, rate: 10 }, { property: T.OFPQT_MAX_RATE, rate: 900 },
          { property: T.OFPQT_EXPERIMENTER, experimenter: 999, data: hex('01') }, { property: 7, unknown: true, data: hex('0000000000000000') },
        ],
      }],
    }),
    m(T.OFPT_ROLE_REQUEST, { role: T.OFPCR_ROLE_MASTER, generationId: 0xffffffffffffffffn }),
    m(T.OFPT_ROLE_REPLY, { role: T.OFPCR_ROLE_SLAVE, generationId: 1n }),
  ]
  if (v13) {
    out.push(
      m(T.OFPT_GET_ASYNC_REQUEST),
      m(T.OFPT_GET_ASYNC_REPLY, { packetInMask: [3, 1], portStatusMask: [7, 7], flowRemovedMask: [15, 0] }),
      m(T.OFPT_SET_ASYNC, { packetInMask: [1, 0], portStatusMask: [0, 0], flowRemovedMask: [0, 15] }),
      m(T.OFPT_METER_MOD, { command: T.OFPMC_ADD, flags: 14, meterId: 100, bands }),
    )
  }
  const replies = mpReplyBodies(version)
  const mpTypes = Object.keys(mpRequestBodies).map(Number).filter((t) => v13 || t <= T.OFPMP_GROUP_FEATURES || t === T.OFPMP_EXPERIMENTER)
  for (const t of mpTypes) {
    const body = mpRequestBodies[t]
    out.push(m(T.OFPT_MULTIPART_REQUEST, { mpType: t, flags: 0, ...(body === undefined ? {} : { body }) }))
    out.push(m(T.OFPT_MULTIPART_REPLY, { mpType: t, flags: T.OFPMPF_REPLY_MORE, body: replies[t] }))
  }
  // A multipart type the version does not define stays raw.
  out.push(m(T.OFPT_MULTIPART_REPLY, { mpType: 0x7777, flags: 0, unknown: true, body: hex('0102030405060708') }))
  return out
}
