// Printer goldens (the tcpdump-style text is also checked against tcpdump itself in
// test/conformance/lacp-tcpdump.test.ts and against the corpus lacp-ev.out).
import { describe, expect, it } from 'vitest'
import { decodeLacpdu } from '../../../src/lacp/lacpdu.js'
import { decodeMarker } from '../../../src/lacp/marker.js'
import { decodeSlowFrame } from '../../../src/lacp/slow.js'
import { formatSlowLine, formatSlowSummary, formatSlowTree, formatSlowVerbose, tcpdumpHex } from '../../../src/lacp/format.js'
import { loadVectors } from './vectors.js'

const vec = (name: string) => loadVectors('lacp', name)[0]!.bytes

describe('formatters', () => {
  it('Wireshark-like field tree for the Ryu vector (labels as tshark -V prints them)', () => {
    const tree = formatSlowTree(decodeLacpdu(vec('ryu-test-slow')))
    const lines = tree.split('\n')
    expect(lines.slice(0, 12)).toEqual([
      'Slow Protocols',
      '    Slow Protocols subtype: LACP (0x01)',
      'Link Aggregation Control Protocol',
      '    LACP Version: 0x01',
      '    TLV Type: Actor Information (0x01)',
      '    TLV Length: 0x14',
      '    Actor System Priority: 65534',
      '    Actor System ID: 00:07:0d:af:f4:54',
      '    Actor Key: 1',
      '    Actor Port Priority: 65535',
      '    Actor Port: 1',
      '    Actor State: 0xbd, LACP Activity, Aggregation, Synchronization, Collecting, Distributing, Expired',
    ])
    expect(lines.slice(12, 21)).toEqual([
      '        .... ...1 = LACP Activity: Active',
      '        .... ..0. = LACP Timeout: Long Timeout',
      '        .... .1.. = Aggregation: Aggregatable',
      '        .... 1... = Synchronization: In Sync',
      '        ...1 .... = Collecting: Enabled',
      '        ..1. .... = Distributing: Enabled',
      '        .0.. .... = Defaulted: No',
      '        1... .... = Expired: Yes',
      '    [Actor State Flags: E*DCSG*A]',
    ])
    expect(tree).toContain('    Partner State: 0x02, LACP Timeout\n')
    expect(tree).toContain('    Collector Max Delay: 0\n')
    expect(tree.endsWith('    TLV Type: Terminator (0x00)\n    TLV Length: 0x00')).toBe(true)
  })

  it('v2 TLVs, issues and trailing bytes appear in the tree and -v text', () => {
    const v2 = decodeLacpdu(vec('v2-short-tlvs'))
    expect(formatSlowLine(v2)).toBe('LACPv2, length 110')
    const text = formatSlowVerbose(v2)
    expect(text).toContain('\tPort Algorithm TLV (0x04), length 6\n\t  Algorithm 0x0080c201')
    expect(text).toContain('\tPort Conversation ID Digest TLV (0x05), length 20\n\t  Link Number ID 1, Digest 00112233445566778899aabbccddeeff')
    expect(text).toContain('\tPort Conversation Service Mapping TLV (0x0a), length 18')
    const unk = decodeLacpdu(vec('v2-unknown-tlv'))
    expect(formatSlowVerbose(unk)).toContain('\tUnknown TLV (0x42), length 6\n\t  Value cafe0001\n\tTerminator TLV (0x00), length 0\n\t[LACP_UNKNOWN_TLV at 58: unknown TLV type 66]')
    const padded = decodeLacpdu(vec('padded-fcs'))
    expect(formatSlowLine(padded)).toBe('LACPv1, length 114')
    expect(formatSlowTree(padded)).toContain('[Trailing: 1a2b3c4d]')
  })

  it('Marker text, summary and tree', () => {
    const m = decodeMarker(vec('marker-response'))
    expect(formatSlowLine(m)).toBe('MARKERv1, length 110')
    expect(formatSlowSummary(m)).toBe('Response SysId=02:00:00:00:11:00, P=1, TId=305419896')
    expect(formatSlowVerbose(m).split('\n')[1]).toBe('\tMarker Response Information TLV (0x02), length 16')
    expect(formatSlowTree(m)).toContain('    Requester Transaction ID: 305419896')
  })

  it('other subtypes: tcpdump-style "unknown (N)" with its hex dump; Wireshark "Subtype = N"', () => {
    const f = decodeSlowFrame(vec('frame-reserved-subtype'))
    expect(formatSlowLine(f.pdu)).toBe('unknown (5), length 42')
    expect(formatSlowSummary(f.pdu)).toBe('Subtype = 5')
    expect(tcpdumpHex(Buffer.from('0501010101', 'hex'))).toEqual(['\t0x0000:  0501 0101 01'])
  })
})
