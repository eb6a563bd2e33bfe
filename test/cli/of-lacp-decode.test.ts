// `ofl lacp decode` on the committed LACP-over-OpenFlow captures (real Open vSwitch ⇄ ofl controller,
// OF1.0/1.2/1.3; fixtures/captures/regen-of-lacp.sh): LACPDUs found inside PACKET_IN/PACKET_OUT with
// datapath id, port and direction, the right verdicts, and — where tshark can dissect the OpenFlow
// version (1.0, 1.3; not 1.2) — the same LACPDUs, frame by frame, as tshark finds.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { readCapture } from '../../src/capture/open.js'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { hasTool } from '../helpers/corpus.js'
import { checkOvsLacpDoc, type LacpDoc } from '../helpers/of-lacp.js'

const fixture = (v: string) => new URL(`../../fixtures/captures/of${v}-lacp-ovs.pcap`, import.meta.url).pathname
const hasTshark = hasTool('tshark')

function decode(v: string): LacpDoc {
  const r = runCli(['lacp', 'decode', fixture(v), '--json'])
  expect(r.status, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as LacpDoc
}

describe.each(['10', '12', '13'])('fixtures/captures/of%s-lacp-ovs.pcap', (v) => {
  it('--json: every LACPDU with dpid, OpenFlow port and direction; both links negotiated', () => {
    const doc = decode(v)
    checkOvsLacpDoc(doc)
    // the summary counts capture frames, not the frames carried inside OpenFlow messages
    expect(doc.summary.frames).toBe(readCapture(readFileSync(fixture(v))).length)
  })

  it.skipIf(v === '12' || !hasTshark)('the same LACPDUs (frame, actor system, actor port) as tshark dissects inside the OpenFlow messages', () => {
    const out = execFileSync('tshark', ['-r', fixture(v), '-d', 'tcp.port==6653,openflow', '-Y', 'lacp', '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=/', '-e', 'frame.number', '-e', 'lacp.actor.sysid', '-e', 'lacp.actor.port'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    const theirs: string[] = []
    for (const line of out.trim().split('\n')) {
      const [frame, systems, ports] = line.split('\t')
      const s = systems!.split(/[\\/,]/)
      ports!.split(/[\\/,]/).forEach((p, i) => theirs.push(`${frame} ${s[i]} ${p}`))
    }
    const ours = decode(v).pdus.map((p) => `${p.frame} ${p.actor.system} ${p.actor.port}`)
    expect(theirs.length).toBeGreaterThanOrEqual(8)
    expect(ours).toEqual(theirs)
  })

  it('text: PDU lines say where they were seen', () => {
    const r = runCli(['lacp', 'decode', fixture(v)])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/\[dpid 00:00:00:00:00:00:00:01 port 1 packet-in\]/)
    expect(r.stdout).toMatch(/\[dpid 00:00:00:00:00:00:00:01 port 2 packet-out\]/)
  })

  it('of decode shows the LACPDU inside the packet-in', () => {
    const r = runCli(['of', 'decode', fixture(v)])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/OFPT_PACKET_IN \(OF1\.\d\) \(xid=0x[0-9a-f]+\): total_len=124 in_port=1 .*\n {2}frame: [0-9a-f:]{17} > 01:80:c2:00:00:02, ethertype 0x8809, 124 bytes: LACPv1 actor 02:00:00:00:11:00 key \d+ port 1 /)
    expect(r.stdout).not.toMatch(/!/) // no decode errors or stream damage in a clean capture
  })
})
