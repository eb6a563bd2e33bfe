// Open vSwitch as an independent decoder oracle for ofl's 1.2/1.3 ENCODER: every sample message
// (test/unit/openflow/v13/samples.ts: every message type, every multipart type, every action,
// instruction, band, queue and table-features property) is encoded by ofl and handed to
// `ovs-ofctl ofp-print`. OVS must name it correctly (type, version, xid) and decode it without error —
// or reject it with exactly the error listed in OVS_REJECTS, where OVS does not implement a construct
// (COPY_TTL actions, experimenter meter bands, unknown experimenters) or checks more than the wire
// format (OXM prerequisites). A second list of controller-relevant messages is built to be OVS-valid
// and OVS's text is checked field by field.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { encodeMessage } from '../../src/openflow/codec.js'
import * as T from '../../src/openflow/common13/constants.js'
import { hasTool } from '../helpers/corpus.js'
import { samples } from '../unit/openflow/v13/samples.js'

const haveOvs = hasTool('ovs-ofctl')

function ofpPrint(bytes: Buffer): string {
  try {
    return execFileSync('ovs-ofctl', ['ofp-print', bytes.toString('hex')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 })
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string }
    return `${err.stdout ?? ''}${err.stderr ?? ''}`
  }
}

const key = (s: { version: number; type: number; mpType?: unknown; errType?: unknown }): string =>
  `${s.version}/${s.type}${s.mpType !== undefined ? `/${String(s.mpType)}` : ''}${s.type === 1 && s.errType === 0xffff ? '/exp' : ''}`

const PREREQ = 'the sample match pairs ipv6_src with eth_type 0x8809: OVS checks OXM prerequisites (§7.2.3.6), ofl only the wire format'
const COPY_TTL = 'OVS does not implement OFPAT_COPY_TTL_OUT/IN'
/** Samples OVS refuses, with OVS's error code and why. */
const OVS_REJECTS: Record<string, [string, string]> = {
  '4/1/exp': ['OFPBRC_BAD_LEN', 'OVS decodes OFPET_EXPERIMENTER errors only in its own vendor layouts'],
  '3/1/exp': ['OFPBRC_BAD_LEN', 'as above'],
  '4/4': ['OFPBRC_BAD_VENDOR', 'experimenter id 0xabcdef is unknown to OVS'],
  '3/4': ['OFPBRC_BAD_VENDOR', 'as above'],
  '4/11': ['OFPBMC_BAD_PREREQ', PREREQ], '3/11': ['OFPBMC_BAD_PREREQ', PREREQ],
  '4/14': ['OFPBMC_BAD_PREREQ', PREREQ], '3/14': ['OFPBMC_BAD_PREREQ', PREREQ],
  '4/18/1': ['OFPBMC_BAD_PREREQ', PREREQ], '3/18/1': ['OFPBMC_BAD_PREREQ', PREREQ],
  '4/19/1': ['OFPBMC_BAD_PREREQ', PREREQ], '3/19/1': ['OFPBMC_BAD_PREREQ', PREREQ],
  '4/15': ['OFPBAC_BAD_TYPE', COPY_TTL], '3/15': ['OFPBAC_BAD_TYPE', COPY_TTL],
  '4/19/7': ['OFPBAC_BAD_TYPE', COPY_TTL], '3/19/7': ['OFPBAC_BAD_TYPE', COPY_TTL],
  '4/23': ['OFPBRC_BAD_LEN', 'the sample has a 17-byte experimenter queue property (as Ryu vector 4-36); OVS wants multiples of 8'],
  '3/23': ['OFPBRC_BAD_LEN', 'as above'],
  '4/29': ['OFPMMFC_BAD_BAND', 'OVS does not accept OFPMBT_EXPERIMENTER bands'],
  '4/19/10': ['OFPMMFC_BAD_BAND', 'as above'],
  '4/18/12': ['OFPBMC_BAD_MASK', 'OVS refuses the OFPTFPT_WILDCARDS oxm id with hasmask=1'],
  '4/19/12': ['OFPBMC_BAD_MASK', 'as above'],
  '4/18/65535': ['OFPBRC_BAD_LEN', 'OVS parses ONF experimenter 1870 as a flow-monitor request; the sample body is 2 opaque bytes'],
  '3/18/65535': ['OFPBRC_BAD_SUBTYPE', 'OVS has no OF1.2 ONF flow monitor'],
  '4/19/65535': ['OFPBRC_BAD_VENDOR', 'experimenter 0xdeadbeef is unknown to OVS'],
  '3/19/65535': ['OFPBRC_BAD_VENDOR', 'as above'],
  '4/19/30583': ['OFPBRC_BAD_STAT', 'a multipart type no version defines (ofl keeps it raw)'],
  '3/19/30583': ['OFPBRC_BAD_STAT', 'as above'],
}

/** OVS's name for a sample: OFPT_X, or OFPST_X request/reply for multipart. */
function ovsName(s: { type: number; mpType?: unknown }, names: Record<number, string>): RegExp {
  if (s.type === T.OFPT_MULTIPART_REQUEST || s.type === T.OFPT_MULTIPART_REPLY) return /^(OFPST|ONFST)_\S+ (request|reply)/
  return new RegExp(`^${names[s.type]}\\b`)
}

describe.skipIf(!haveOvs)('ovs-ofctl ofp-print decodes what ofl encodes (1.2/1.3)', () => {
  const all = [...samples(4), ...samples(3)]
  it.each(all.map((s) => [key(s), s] as const))('%s', (k, s) => {
    const text = ofpPrint(encodeMessage(s))
    const reject = OVS_REJECTS[k]
    const m = /decode error: (\w+)/.exec(text)
    if (reject) {
      expect(m?.[1]).toBe(reject[0])
      return
    }
    expect(m?.[1]).toBeUndefined()
    const first = text.split('\n').find((l) => /^(OFPT|OFPST|ONFST)_/.test(l)) ?? ''
    expect(first).toMatch(ovsName(s, s.version === 4 ? T.OFPT_NAMES_13 : T.OFPT_NAMES_12))
    expect(first).toContain(`(OF1.${s.version === 4 ? 3 : 2}) (xid=0x${s.xid.toString(16)})`)
  })

  it('controller messages: OVS reads back the fields ofl wrote', () => {
    const v = 4
    const flowMod = encodeMessage({
      version: v, type: T.OFPT_FLOW_MOD, xid: 1, cookie: 0x1234n, cookieMask: 0n, tableId: 1, command: T.OFPFC_ADD, idleTimeout: 30,
      hardTimeout: 0, priority: 100, bufferId: T.OFP_NO_BUFFER, outPort: T.OFPP_ANY, outGroup: T.OFPG_ANY, flags: T.OFPFF_SEND_FLOW_REM,
      match: { fields: [
        { field: 'in_port', value: 3 }, { field: 'eth_dst', value: '02:00:00:00:00:02' },
        { field: 'eth_type', value: 0x86dd }, { field: 'ipv6_src', value: '2001:db8::', mask: 'ffff:ffff::' },
        { field: 'ip_proto', value: 17 }, { field: 'udp_dst', value: 53 },
      ] },
      instructions: [
        { type: T.OFPIT_APPLY_ACTIONS, actions: [
          { type: T.OFPAT_PUSH_VLAN, ethertype: 0x8100 }, { type: T.OFPAT_SET_FIELD, field: { field: 'vlan_vid', value: 0x1000 | 10 } },
          { type: T.OFPAT_OUTPUT, port: 2, maxLen: 0 }, { type: T.OFPAT_GROUP, groupId: 7 },
        ] },
        { type: T.OFPIT_WRITE_METADATA, metadata: 0xffn, metadataMask: 0xffffn },
        { type: T.OFPIT_GOTO_TABLE, tableId: 2 },
      ],
    })
    const fm = ofpPrint(flowMod)
    for (const part of ['ADD table:1', 'priority=100', 'cookie:0x1234', 'idle:30', 'send_flow_rem', 'in_port=3', 'dl_dst=02:00:00:00:00:02',
      'ipv6_src=2001:db8::/32', 'tp_dst=53', 'push_vlan:0x8100', 'set_field:4106->vlan_vid', 'output:2', 'group:7',
      'write_metadata:0xff/0xffff', 'goto_table:2']) expect(fm).toContain(part)

    const packetIn = ofpPrint(encodeMessage({
      version: v, type: T.OFPT_PACKET_IN, xid: 2, bufferId: T.OFP_NO_BUFFER, totalLen: 14, reason: T.OFPR_NO_MATCH, tableId: 0,
      cookie: 0n, match: { fields: [{ field: 'in_port', value: 7 }] }, data: Buffer.from('0180c2000002020000000001' + '8809', 'hex'),
    }))
    for (const part of ['OFPT_PACKET_IN (OF1.3) (xid=0x2)', 'total_len=14', 'in_port=7', '(via no_match)', 'data_len=14',
      'dl_src=02:00:00:00:00:01', 'dl_dst=01:80:c2:00:00:02', 'dl_type=0x8809']) expect(packetIn).toContain(part)

    const group = ofpPrint(encodeMessage({
      version: v, type: T.OFPT_GROUP_MOD, xid: 3, command: T.OFPGC_ADD, groupType: T.OFPGT_SELECT, groupId: 5,
      buckets: [{ weight: 10, watchPort: T.OFPP_ANY, watchGroup: T.OFPG_ANY, actions: [{ type: T.OFPAT_OUTPUT, port: 1, maxLen: 0 }] },
        { weight: 20, watchPort: T.OFPP_ANY, watchGroup: T.OFPG_ANY, actions: [{ type: T.OFPAT_OUTPUT, port: 2, maxLen: 0 }] }],
    }))
    for (const part of ['ADD group_id=5,type=select,bucket=weight:10,actions=output:1,bucket=weight:20,actions=output:2']) expect(group).toContain(part)

    const meter = ofpPrint(encodeMessage({
      version: v, type: T.OFPT_METER_MOD, xid: 4, command: T.OFPMC_ADD, flags: 0b0101, meterId: 9,
      bands: [{ type: T.OFPMBT_DROP, rate: 1000, burstSize: 100 }, { type: T.OFPMBT_DSCP_REMARK, rate: 2000, burstSize: 0, precLevel: 1 }],
    }))
    for (const part of ['ADD meter=9 kbps burst', 'type=drop rate=1000 burst_size=100', 'type=dscp_remark rate=2000 burst_size=0 prec_level=1']) expect(meter).toContain(part)

    const hello = ofpPrint(encodeMessage({ version: v, type: T.OFPT_HELLO, xid: 5, elements: [{ type: 1, bitmaps: [0x12] }] }))
    expect(hello).toContain('version bitmap: 0x01, 0x04')
  })
})
