// tshark as the oracle for what ofl builds: crafted pcaps and every fixture frame vector are read back by
// Wireshark's dissectors, field by field.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { hasTool } from '../helpers/corpus.js'
import { craftFromFlags, craftPcap, craftReplies } from '../../src/lacp/craft.js'
import { decodeSlowFrame, isLacpdu, isMarkerPdu } from '../../src/lacp/slow.js'
import { formatSlowSummary } from '../../src/lacp/format.js'
import { writePcap } from '../../src/capture/writer.js'
import { loadVectors } from '../unit/lacp/vectors.js'
import { pcapFrames } from '../unit/lacp/pcap.js'
import type { LacpDu } from '../../src/lacp/lacpdu.js'

const FIELDS = ['eth.src', 'eth.dst', 'slow.subtype', 'lacp.version', 'lacp.actor.sys_priority', 'lacp.actor.sysid', 'lacp.actor.key',
  'lacp.actor.port_priority', 'lacp.actor.port', 'lacp.actor.state', 'lacp.actor.state_str', 'lacp.partner.sys_priority', 'lacp.partner.sysid',
  'lacp.partner.key', 'lacp.partner.port_priority', 'lacp.partner.port', 'lacp.partner.state', 'lacp.partner.state_str', 'lacp.collector.max_delay',
  'marker.tlvType', 'marker.requesterPort', 'marker.requesterSystem', 'marker.requesterTransId', 'vlan.id', 'ieee8021ad.id', '_ws.col.Info']

const dir = mkdtempSync(join(tmpdir(), 'ofl-tshark-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function tshark(pcap: Buffer): Array<Record<string, string>> {
  const file = join(dir, `t${Math.random().toString(36).slice(2)}.pcap`)
  writeFileSync(file, pcap)
  const out = execFileSync('tshark', ['-r', file, '-T', 'fields', '-E', 'occurrence=f', ...FIELDS.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  return out.trimEnd().split('\n').map((l) => Object.fromEntries(l.split('\t').map((v, i) => [FIELDS[i], v])))
}

const hex = (n: number) => '0x' + n.toString(16).padStart(2, '0')

/** What tshark should print for a frame, from ofl's own decode. */
function expected(frame: Buffer): Record<string, string> {
  const f = decodeSlowFrame(frame)
  const e: Record<string, string> = { 'eth.src': f.eth.src, 'eth.dst': f.eth.dst, 'slow.subtype': hex(f.pdu.subtype) }
  // Wireshark files 802.1ad S-tags under ieee8021ad.id and 802.1Q C-tags under vlan.id
  const c = f.eth.vlans.find((v) => v.tpid === 0x8100)
  const sTag = f.eth.vlans.find((v) => v.tpid === 0x88a8)
  if (c) e['vlan.id'] = String(c.vid)
  if (sTag) e['ieee8021ad.id'] = String(sTag.vid)
  const p = f.pdu
  if (isLacpdu(p)) {
    Object.assign(e, {
      'lacp.version': hex(p.version), 'lacp.collector.max_delay': String(p.collectorMaxDelay),
      'lacp.actor.sys_priority': String(p.actor.systemPriority), 'lacp.actor.sysid': p.actor.system, 'lacp.actor.key': String(p.actor.key),
      'lacp.actor.port_priority': String(p.actor.portPriority), 'lacp.actor.port': String(p.actor.port), 'lacp.actor.state': hex(p.actor.state),
      'lacp.partner.sys_priority': String(p.partner.systemPriority), 'lacp.partner.sysid': p.partner.system, 'lacp.partner.key': String(p.partner.key),
      'lacp.partner.port_priority': String(p.partner.portPriority), 'lacp.partner.port': String(p.partner.port), 'lacp.partner.state': hex(p.partner.state),
    })
  } else if (isMarkerPdu(p)) {
    Object.assign(e, { 'marker.tlvType': hex(p.tlvType), 'marker.requesterPort': String(p.requesterPort), 'marker.requesterSystem': p.requesterSystem, 'marker.requesterTransId': String(p.requesterTransactionId) })
  }
  return e
}

describe.skipIf(!hasTool('tshark'))('tshark reads what ofl builds', () => {
  it('a crafted LACPDU pcap shows exactly the fields set (tshark -T fields)', () => {
    const r = craftFromFlags({ actorSystem: '02:00:00:00:11:00', actorSystemPriority: '65534', actorKey: '33', actorPort: '7', actorPortPriority: '0x1234',
      actorState: 'activity,timeout,aggregation,synchronization', partnerSystem: '02:00:00:00:01:00', partnerKey: '9', partnerPort: '4', partnerState: '**DCSG**',
      partnerSystemPriority: '1', partnerPortPriority: '2', collectorMaxDelay: '50', src: '02:00:00:00:11:01' })
    const [row] = tshark(craftPcap(r, 1_700_000_000))
    expect(row).toMatchObject({
      'eth.src': '02:00:00:00:11:01', 'eth.dst': '01:80:c2:00:00:02', 'slow.subtype': '0x01', 'lacp.version': '0x01',
      'lacp.actor.sys_priority': '65534', 'lacp.actor.sysid': '02:00:00:00:11:00', 'lacp.actor.key': '33', 'lacp.actor.port_priority': '4660',
      'lacp.actor.port': '7', 'lacp.actor.state': '0x0f', 'lacp.actor.state_str': '****SGSA',
      'lacp.partner.sys_priority': '1', 'lacp.partner.sysid': '02:00:00:00:01:00', 'lacp.partner.key': '9', 'lacp.partner.port_priority': '2',
      'lacp.partner.port': '4', 'lacp.partner.state': '0x3c', 'lacp.partner.state_str': '**DCSG**', 'lacp.collector.max_delay': '50',
    })
  })

  it('a crafted Marker Information PDU in an 802.1Q frame', () => {
    const r = craftFromFlags({ marker: 'info', requesterSystem: '02:00:00:00:11:00', requesterPort: '3', requesterTransactionId: '305419896', vlan: '42', src: '02:00:00:00:11:00' })
    const [row] = tshark(craftPcap(r, 1))
    expect(row).toMatchObject({ 'vlan.id': '42', 'slow.subtype': '0x02', 'marker.tlvType': '0x01', 'marker.requesterPort': '3', 'marker.requesterSystem': '02:00:00:00:11:00', 'marker.requesterTransId': '305419896' })
  })

  it('the ryu-profile replies to the real OVS capture (13 LACPDUs) decode in tshark as built', () => {
    const input = readFileSync('fixtures/vectors/lacp/ovs-bond-fast.pcap')
    const received = pcapFrames(input).map((f) => decodeSlowFrame(f.data).pdu as LacpDu)
    const r = craftReplies(input, { profile: 'ryu', actorSystem: '02:00:00:00:01:00' })
    const rows = tshark(craftPcap(r, 1))
    expect(rows).toHaveLength(13)
    rows.forEach((row, i) => {
      expect(row).toMatchObject(expected(r.frames[i]!.frame))
      expect(row['lacp.actor.sys_priority']).toBe('65535')
      expect(row['lacp.actor.port_priority']).toBe('255')
      expect(Number(row['lacp.actor.state'])).toBe(received[i]!.actor.state & 0x3e)
      expect(row['lacp.partner.state']).toBe(hex(received[i]!.actor.state))
      expect(row['lacp.actor.key']).toBe(String(received[i]!.actor.key))
    })
  })

  it('every fixture frame vector (real OVS frames included) agrees with tshark field by field', () => {
    const frames = loadVectors('lacp').filter((v) => v.codec === 'slow-frame')
    expect(frames.length).toBeGreaterThanOrEqual(9)
    const rows = tshark(writePcap(frames.map((v) => ({ tsSec: 1, data: v.bytes }))))
    expect(rows).toHaveLength(frames.length)
    frames.forEach((v, i) => {
      const want = expected(v.bytes)
      for (const [k, val] of Object.entries(want)) expect(rows[i]![k], `${v.name} ${k}`).toBe(val)
      // Wireshark's Info column equals ofl's summary
      expect(formatSlowSummary(decodeSlowFrame(v.bytes).pdu), v.name).toBe(rows[i]!['_ws.col.Info'])
    })
  })
})
