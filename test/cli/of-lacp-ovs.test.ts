// LACP over OpenFlow from a REAL Open vSwitch: `ofl controller --bond 1:1,2` on switch s1 (dpid 1)
// negotiates LACP with h1's `bond0 lacp=active, lacp-time=fast` through PACKET_IN/PACKET_OUT; tcpdump
// records the OpenFlow connection (127.0.0.1:6653 inside the lab's network namespace). Then
// `ofl lacp decode --json` must find the LACPDUs inside the OpenFlow messages — with datapath id,
// OpenFlow port and direction — and call both links negotiated. OF1.0, 1.2 (which tshark cannot
// dissect) and 1.3.
//
// This test also makes the committed fixtures: `OFL_REGEN_OF_LACP=1` copies each capture (cut to
// the first ~4 s after the bond appears) to fixtures/captures/of1X-lacp-ovs.pcap
// (fixtures/captures/regen-of-lacp.sh).
import { copyFileSync, existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { OvsLab, ovsAvailable, sleep, waitFor, type OfVersionName } from '../helpers/ovs.js'
import { checkOvsLacpDoc } from '../helpers/of-lacp.js'
import { hasTool } from '../helpers/corpus.js'

const available = ovsAvailable() && hasTool('tcpdump')
const REGEN = process.env.OFL_REGEN_OF_LACP === '1'
const FIXTURES = new URL('../../fixtures/captures/', import.meta.url).pathname


for (const version of ['1.0', '1.2', '1.3'] as OfVersionName[]) {
  describe.skipIf(!available)(`LACP inside OpenFlow ${version}: real Open vSwitch ⇄ ofl controller, captured`, () => {
    let lab: OvsLab
    let pcap: string

    beforeAll(async () => {
      lab = await OvsLab.start()
      pcap = join(lab.dir, 'of.pcap')
      const ctl = lab.startController(['--bond', '1:1,2', '--of', version], 6653)
      await waitFor('controller listening', () => ctl.log().includes('listening on'), 20_000)
      const dump = lab.spawnInNs('tcpdump', ['-i', 'lo', '-U', '--immediate-mode', '-s', '0', '-w', pcap, 'tcp port 6653'])
      await waitFor('tcpdump started', () => existsSync(pcap), 10_000)
      await sleep(300)
      await lab.createTopology(version, 6653)
      await waitFor('s1 connected', () => ctl.log().includes('SW=0000000000000001 connected'), 20_000)
      await lab.createBond('fast')
      await waitFor('bond0 negotiated', async () => {
        const s = await lab.lacpShow()
        return s.status.includes('negotiated') && s.members.length === 2 && s.members.every((m) => m.attached && m.status === 'current')
      }, 40_000, 50)
      await sleep(3500) // a few periodic (fast) LACPDUs each way
      dump.kill('SIGTERM')
      await waitFor('tcpdump exited', () => dump.exitCode !== null || dump.signalCode !== null, 10_000)
      if (REGEN) copyFileSync(pcap, join(FIXTURES, `of${version.replace('.', '')}-lacp-ovs.pcap`))
    }, 90_000)

    afterAll(async () => {
      await lab?.stop()
    })

    it('ofl lacp decode finds the LACPDUs in packet-ins and packet-outs with dpid, port and direction; both links negotiated', () => {
      expect(statSync(pcap).size).toBeGreaterThan(0)
      const r = runCli(['lacp', 'decode', pcap, '--json'])
      expect(r.status, r.stderr).toBe(0)
      checkOvsLacpDoc(JSON.parse(r.stdout))
    })
  })
}
