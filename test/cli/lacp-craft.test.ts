import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { decodeSlowFrame } from '../../src/lacp/slow.js'
import { writePcap } from '../../src/capture/writer.js'
import { parseHex } from '../../src/wire/hex.js'
import { pcapFrames } from '../unit/lacp/pcap.js'

const dir = mkdtempSync(join(tmpdir(), 'ofl-craft-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const OVS_FAST = 'fixtures/vectors/lacp/ovs-fast.hex'

describe('ofl lacp craft', () => {
  it('builds a LACPDU frame from flags and prints it as hex', () => {
    const r = runCli(['lacp', 'craft', '--actor-system', '02:00:00:00:11:00', '--actor-key', '0x21', '--actor-port', '7',
      '--actor-state', 'activity,timeout,aggregation', '--partner-state', '0x3c', '--partner-system', '02-00-00-00-01-00', '--collector-max-delay', '5'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const lines = r.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    const f = decodeSlowFrame(parseHex(lines[0]!))
    expect(f.eth.src).toBe('02:00:00:00:11:00')
    expect(f.eth.dst).toBe('01:80:c2:00:00:02')
    expect(f.pdu).toMatchObject({
      subtype: 1, version: 1, collectorMaxDelay: 5,
      actor: { systemPriority: 32768, system: '02:00:00:00:11:00', key: 33, portPriority: 32768, port: 7, state: 0x07 },
      partner: { systemPriority: 0, system: '02:00:00:00:01:00', key: 0, portPriority: 0, port: 0, state: 0x3c },
    })
    expect(f.issues).toEqual([])
  })

  it('--json returns the frames with their decoded PDU, and that JSON is accepted back by --from', () => {
    const r = runCli(['lacp', 'craft', '--marker', 'info', '--requester-system', '02:00:00:00:11:00', '--requester-port', '3', '--requester-transaction-id', '0xdeadbeef', '--vlan', '9', '--json'])
    expect(r.status).toBe(0)
    const rep = JSON.parse(r.stdout)
    expect(rep.frames).toHaveLength(1)
    expect(rep.frames[0].eth).toEqual({ src: '00:00:00:00:00:00', dst: '01:80:c2:00:00:02', vlans: [{ vid: 9 }] })
    expect(rep.frames[0].pdu).toMatchObject({ subtype: 2, tlvType: 1, requesterPort: 3, requesterSystem: '02:00:00:00:11:00', requesterTransactionId: 0xdeadbeef })
    const file = join(dir, 'marker.json')
    writeFileSync(file, r.stdout)
    const back = runCli(['lacp', 'craft', '--from', file])
    expect(back.status).toBe(0)
    expect(back.stdout.trim()).toBe(rep.frames[0].hex)
  })

  it('--reply-to a real OVS LACPDU (hex vector) with --profile ryu --out writes a pcap with the Ryu answer', () => {
    const out = join(dir, 'reply.pcap')
    const r = runCli(['lacp', 'craft', '--reply-to', OVS_FAST, '--profile', 'ryu', '--out', out])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain(`wrote 1 frame(s) to ${out}`)
    const frames = pcapFrames(readFileSync(out))
    expect(frames).toHaveLength(1)
    const f = decodeSlowFrame(frames[0]!.data)
    // os_ken lacplib: sys prio 65535, port prio 255, key echoed, state 0x3e for OVS's 0x3f, partner = OVS actor
    expect(f.pdu).toMatchObject({
      actor: { systemPriority: 65535, system: '02:00:00:00:01:00', key: 1, portPriority: 255, port: 2, state: 0x3e },
      partner: { systemPriority: 65534, system: '02:00:00:00:11:00', key: 1, portPriority: 65535, port: 2, state: 0x3f },
      collectorMaxDelay: 0,
    })
  })

  it('--reply-to a pcap answers each LACPDU (real OVS capture, 13 frames) and --profile standard uses the identity flags', () => {
    const r = runCli(['lacp', 'craft', '--reply-to', 'fixtures/vectors/lacp/ovs-bond-fast.pcap', '--profile', 'standard', '--actor-system', '02:00:00:00:01:00',
      '--actor-key', '9', '--mode', 'passive', '--rate', 'fast', '--json'])
    expect(r.status).toBe(0)
    const rep = JSON.parse(r.stdout)
    expect(rep.frames).toHaveLength(13)
    expect(rep.frames.map((f: any) => f.inReplyTo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
    for (const f of rep.frames) {
      expect(f.pdu.actor).toMatchObject({ system: '02:00:00:00:01:00', key: 9, systemPriority: 32768 })
      expect(f.pdu.actor.state & 0x01).toBe(0) // passive
      expect(f.pdu.actor.state & 0x02).toBe(2) // fast
      expect([1, 2]).toContain(f.pdu.partner.port)
    }
  })

  it('--reply-to answers a Marker Information PDU with a Marker Response', () => {
    const file = join(dir, 'markers.pcap')
    const info = readFileSync('fixtures/vectors/lacp/marker-info.hex', 'utf8')
    const pdu = parseHex(/-- binary([\s\S]*?)-- json/.exec(info)![1]!)
    const frame = Buffer.concat([Buffer.from('0180c2000002020000001100' + '8809', 'hex'), pdu])
    writeFileSync(file, writePcap([{ tsSec: 1, data: frame }]))
    const r = runCli(['lacp', 'craft', '--reply-to', file, '--json'])
    expect(r.status).toBe(0)
    const rep = JSON.parse(r.stdout)
    expect(rep.frames).toHaveLength(1)
    expect(rep.frames[0].pdu).toMatchObject({ subtype: 2, tlvType: 2, requesterPort: 1, requesterSystem: '02:00:00:00:11:00', requesterTransactionId: 0x12345678 })
  })

  it('-v prints tcpdump -v style text', () => {
    const r = runCli(['lacp', 'craft', '--actor-system', '02:00:00:00:11:00', '--actor-state', '61', '-v'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('02:00:00:00:11:00 > 01:80:c2:00:00:02, ethertype Slow Protocols (0x8809), length 124: LACPv1, length 110\n\tActor Information TLV (0x01), length 20')
    expect(r.stdout).toContain('State Flags [Activity, Aggregation, Synchronization, Collecting, Distributing]')
  })

  it.each([
    [['--actor-key', '70000'], 'BAD_FIELD'],
    [['--actor-system', 'not-a-mac'], 'BAD_MAC'],
    [['--actor-state', 'sleepy'], 'BAD_LACP_STATE'],
    [['--vlan', '5000'], 'BAD_FIELD'],
  ])('bad flag %j is a usage error: exit 2 and code %s', (args, code) => {
    const r = runCli(['lacp', 'craft', ...args])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(code)
  })

  it('fails with typed codes on bad --from / --reply-to input', () => {
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{"actor": {"system": "02:00:00:00:00:01"}}')
    let r = runCli(['lacp', 'craft', '--from', bad])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('BAD_JSON')
    const none = join(dir, 'none.hex')
    writeFileSync(none, '# an IPv4 frame\n0180c20000020200000000010800' + '00'.repeat(46) + '\n')
    r = runCli(['lacp', 'craft', '--reply-to', none])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('NO_LACPDU')
    const garbage = join(dir, 'garbage.hex')
    writeFileSync(garbage, 'zz zz\n')
    r = runCli(['lacp', 'craft', '--reply-to', garbage])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('BAD_HEX')
  })
})

describe('ofl lacp decode --json → ofl lacp craft --from', () => {
  it('re-crafts every frame of the real OVS capture byte for byte', () => {
    const dec = runCli(['lacp', 'decode', 'fixtures/vectors/lacp/ovs-bond-fast.pcap', '--json'])
    expect(dec.status).toBe(0)
    const file = join(dir, 'decoded.json')
    writeFileSync(file, dec.stdout)
    const r = runCli(['lacp', 'craft', '--from', file])
    expect(r.status).toBe(0)
    const original = pcapFrames(readFileSync('fixtures/vectors/lacp/ovs-bond-fast.pcap')).map((f) => f.data.toString('hex'))
    expect(r.stdout.trim().split('\n')).toEqual(original)
  })
})
