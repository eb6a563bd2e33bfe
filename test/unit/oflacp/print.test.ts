// ofp-print style text for decoded messages (print/format.ts), pinned on Ryu's vectors (encoded by
// independent implementations) and on hand-built messages whose fields are known.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { corpusPath, hasCorpus } from '../../helpers/corpus.js'
import { decodeMessage, encodeMessage } from '../../../src/openflow/codec.js'
import { formatAction, formatFrameSummary, formatHeaderName, formatMatch, formatMessage, formatPort } from '../../../src/oflacp/print/format.js'
import { buildSlowFrame } from '../../../src/lacp/slow.js'

const ryu = (dir: string, name: string) => decodeMessage(readFileSync(corpusPath('ryu', dir, `${name}.packet`)))

describe('header and small parts', () => {
  it('names messages like ofp-print, with the version', () => {
    expect(formatHeaderName(4, 10, 0)).toBe('OFPT_PACKET_IN (OF1.3) (xid=0x0)')
    expect(formatHeaderName(1, 17, 0xffff0100)).toBe('OFPT_STATS_REPLY (OF1.0) (xid=0xffff0100)')
    expect(formatHeaderName(0xff, 14, 1)).toBe('OFPT_UNKNOWN(14) (OF0xff) (xid=0x1)')
  })

  it('names reserved ports per version', () => {
    expect(formatPort(1, 0xfffd)).toBe('CONTROLLER')
    expect(formatPort(4, 0xfffffffd)).toBe('CONTROLLER')
    expect(formatPort(4, 0xfffd)).toBe('65533')
    expect(formatPort(1, 3)).toBe('3')
  })

  it('prints OF1.0 matches without the wildcarded fields, CIDR for partial IP wildcards', () => {
    const m = { wildcards: 0x3fffff & ~(1 | 0x10) & ~(0x3f << 14) | (8 << 14), inPort: 3, dlSrc: '00:00:00:00:00:00', dlDst: '00:00:00:00:00:00', dlVlan: 0, dlVlanPcp: 0, dlType: 0x800, nwTos: 0, nwProto: 0, nwSrc: '0.0.0.0', nwDst: '10.1.0.0', tpSrc: 0, tpDst: 0 }
    expect(formatMatch(1, m)).toBe('in_port=3,dl_type=0x0800,nw_dst=10.1.0.0/24')
    expect(formatMatch(1, { ...m, wildcards: 0x3fffff })).toBe('any')
  })

  it('prints OXM matches with masks and actions OVS-style', () => {
    expect(formatMatch(4, { fields: [{ field: 'in_port', value: 6 }, { field: 'eth_type', value: 0x88cc }, { field: 'eth_dst', value: '01:80:c2:00:00:00', mask: 'ff:ff:ff:ff:ff:f0' }] }))
      .toBe('in_port=6,eth_type=0x88cc,eth_dst=01:80:c2:00:00:00/ff:ff:ff:ff:ff:f0')
    expect(formatAction(4, { type: 0, port: 2, maxLen: 0 })).toBe('output:2')
    expect(formatAction(4, { type: 0, port: 0xfffffffd, maxLen: 128 })).toBe('CONTROLLER:128')
    expect(formatAction(4, { type: 25, field: { field: 'vlan_vid', value: 4196 } })).toBe('set_field(vlan_vid=4196)')
    expect(formatAction(1, { type: 1, vlanVid: 10 })).toBe('set_vlan_vid(vlanVid=10)')
  })

  it('summarises a carried LACPDU frame', () => {
    const frame = buildSlowFrame({
      src: '00:00:00:00:00:aa',
      pdu: { subtype: 1, actor: { systemPriority: 65535, system: '00:00:00:00:00:01', key: 9, portPriority: 255, port: 2, state: 0x3d }, partner: { systemPriority: 0, system: '00:00:00:00:00:00', key: 0, portPriority: 0, port: 0, state: 0 } },
    } as never)
    expect(formatFrameSummary(frame)).toBe(
      '00:00:00:00:00:aa > 01:80:c2:00:00:02, ethertype 0x8809, 124 bytes: LACPv1 actor 00:00:00:00:00:01 key 9 port 2 [Activity, Aggregation, Synchronization, Collecting, Distributing], partner 00:00:00:00:00:00 key 0 port 0 [none]',
    )
  })
})

describe.skipIf(!hasCorpus)('messages from Ryu vectors', () => {
  it('OF1.0 packet-in (data at offset 18, ARP frame)', () => {
    expect(formatMessage(ryu('of10', '1-4-ofp_packet_in'))).toBe(
      'OFPT_PACKET_IN (OF1.0) (xid=0x0): total_len=42 in_port=99 (via action) data_len=42 buffer=0x00000002\n' +
        '  frame: f2:0b:a4:7d:f8:ea > ff:ff:ff:ff:ff:ff, ethertype 0x0806, 42 bytes',
    )
  })

  it('OF1.0 features reply and flow-mod', () => {
    expect(formatMessage(ryu('of10', '1-6-ofp_switch_features')).split('\n')[0]).toBe(
      'OFPT_FEATURES_REPLY (OF1.0) (xid=0x0): dpid:000000ff12345678 n_tables:255 n_buffers:0 capabilities=0xa9 actions=0x843',
    )
    expect(formatMessage(ryu('of10', '1-2-ofp_flow_mod'))).toBe(
      'OFPT_FLOW_MOD (OF1.0) (xid=0x0): ADD priority=123 dl_dst=f2:0b:a4:7d:f8:ea cookie=0x0 idleTimeout=0 hardTimeout=0 bufferId=65535 outPort=ALL flags=0 actions=output:6',
    )
  })

  it('OF1.3 packet-in: in_port from the OXM match, cookie, table', () => {
    expect(formatMessage(ryu('of13', '4-4-ofp_packet_in')).split('\n')[0]).toBe(
      'OFPT_PACKET_IN (OF1.3) (xid=0x0): total_len=42 in_port=6 (via action) table_id=1 cookie=0x1020300000000 data_len=42 buffer=0x00000002 ' +
        'match=in_port=6,eth_type=0x806,eth_dst=ff:ff:ff:ff:ff:ff,eth_src=f2:0b:a4:7d:f8:ea,arp_op=1,arp_spa=10.0.0.1,arp_tpa=10.0.0.3,arp_sha=f2:0b:a4:7d:f8:ea,arp_tha=00:00:00:00:00:00',
    )
  })

  it('OF1.3 packet-out and error; OF1.2 stats reply with a nested body', () => {
    expect(formatMessage(ryu('of13', '4-1-ofp_packet_out')).split('\n')[0]).toBe('OFPT_PACKET_OUT (OF1.3) (xid=0x0): in_port=CONTROLLER actions=output:ALL data_len=98')
    expect(formatMessage(ryu('of13', '4-15-ofp_error_msg'))).toBe('OFPT_ERROR (OF1.3) (xid=0x0): OFPET_BAD_ACTION OFPBAC_UNSUPPORTED_ORDER data=6675676166756761')
    expect(formatMessage(ryu('of12', '3-0-ofp_desc_stats_reply'))).toBe(
      'OFPT_STATS_REPLY (OF1.2) (xid=0x0): desc\n  body: mfrDesc=mfr hwDesc=hw swDesc=sw serialNum=serial dpDesc=dp',
    )
  })
})

describe.skipIf(!hasCorpus)('every corpus vector prints', () => {
  it.each(['ryu/of10', 'ryu/of12', 'ryu/of13', 'kytos/v0x01', 'kytos/v0x04'])('%s: the header line names the message; verbose ends with its hexdump', (dir) => {
    let n = 0
    for (const f of readdirSync(corpusPath(dir)).filter((x) => /\.(packet|dat)$/.test(x))) {
      const bytes = readFileSync(corpusPath(dir, f))
      let m
      try {
        m = decodeMessage(bytes)
      } catch {
        continue // the malformed Kytos stubs: covered by the codec tests
      }
      const text = formatMessage(m, { verbose: true }, bytes)
      expect(text.startsWith(`${formatHeaderName(bytes[0]!, bytes[1]!, bytes.readUInt32BE(4))}:`), f).toBe(true)
      const lastRow = Math.floor((bytes.length - 1) / 16) * 16
      expect(text.split('\n').at(-1), f).toMatch(new RegExp(`^  ${lastRow.toString(16).padStart(8, '0')}  `))
      expect(text, f).not.toMatch(/undefined|NaN|\[object Object\]/)
      n++
    }
    expect(n).toBeGreaterThan(10)
  })
})

describe('verbose and errors carrying a request', () => {
  it('names the offending request inside an error and adds hexdumps when verbose', () => {
    const req = encodeMessage({ version: 4, type: 5, xid: 9 })
    const err = encodeMessage({ version: 4, type: 1, xid: 9, errType: 1, code: 1, data: req })
    const text = formatMessage(decodeMessage(err), { verbose: true }, err)
    expect(text.split('\n')[0]).toBe('OFPT_ERROR (OF1.3) (xid=0x9): OFPET_BAD_REQUEST OFPBRC_BAD_TYPE data: OFPT_FEATURES_REQUEST (OF1.3) (xid=0x9) length 8, 8 bytes present data=0405000800000009')
    expect(text.split('\n')[1]).toBe('  00000000  04 01 00 14 00 00 00 09 00 01 00 01 04 05 00 08  |................|')
  })
})
