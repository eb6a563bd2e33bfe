// A real Open vSwitch bond (lacp=active) accepts what `ofl lacp craft --reply-to … --profile ryu` builds:
// OVS's LACPDUs are captured with tcpdump on the s1 LOCAL tap, answered with craftReplies (the library
// behind the command; one round goes through the CLI binary itself), injected back with ovs-ofctl
// packet-out, and OVS must report the bond "negotiated" with both members current and attached and
// the crafted identity as partner (the recipe of fixtures/vectors/lacp/README.md, in the test suite).
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { OvsLab, ovsAvailable, waitFor, sleep, S1_MAC, H1_MAC } from '../helpers/ovs.js'
import { hasTool } from '../helpers/corpus.js'
import { runCli } from '../helpers/cli.js'
import { craftReplies } from '../../src/lacp/craft.js'
import { readCapture } from '../../src/capture/open.js'
import { toHex } from '../../src/wire/hex.js'

const available = ovsAvailable() && hasTool('tcpdump')

describe.skipIf(!available)('Open vSwitch negotiates with craft --profile ryu replies', () => {
  for (const rate of ['fast', 'slow'] as const) {
    it(`lacp-time=${rate}: bond negotiated, partner = the crafted identity`, async () => {
      const lab = await OvsLab.start()
      try {
        await lab.createTopology('1.3', 16999) // nothing listens there: s1 (fail_mode=secure) runs on our flows
        for (const p of [1, 2]) await lab.ofctl('-O', 'OpenFlow13', 'add-flow', 's1', `in_port=${p},dl_type=0x8809,actions=LOCAL`)
        const up = lab.spawnInNs('ip', ['link', 'set', 's1', 'up'])
        await new Promise((r) => up.once('exit', r))
        const pcap = join(lab.dir, 'lacp.pcap')
        lab.spawnInNs('tcpdump', ['-i', 's1', '--immediate-mode', '-U', '-w', pcap, 'ether', 'proto', '0x8809'])
        await waitFor('tcpdump started', () => existsSync(pcap), 10_000)
        await sleep(300)
        await lab.createBond(rate)
        const answered = new Set<number>()
        const show = await waitFor('bond negotiated', async () => {
          const file = readFileSync(pcap)
          if (file.length > 24) {
            const frames = readCapture(file.subarray(0, file.length)).length
            if (frames > 0) {
              // the newest LACPDU of each member gets the Ryu answer; one round through the CLI itself
              const useCli = answered.size === 0
              const replies = useCli
                ? JSON.parse(runCli(['lacp', 'craft', '--reply-to', pcap, '--profile', 'ryu', '--actor-system', S1_MAC, '--json']).stdout).frames.map((f: { hex: string; pdu: { actor: { port: number } } }) => ({ hex: f.hex, port: f.pdu.actor.port }))
                : craftReplies(file, { profile: 'ryu', actorSystem: S1_MAC }).frames.map((f) => ({ hex: toHex(f.frame), port: f.pdu.subtype === 1 ? f.pdu.actor.port : 0 }))
              const last = new Map<number, string>()
              for (const r of replies) last.set(r.port, r.hex)
              for (const [port, hex] of last) {
                await lab.ofctl('-O', 'OpenFlow13', 'packet-out', 's1', `in_port=LOCAL packet=${hex} actions=output:${port}`)
                answered.add(port)
              }
            }
          }
          const s = await lab.lacpShow()
          // converged = OVS enables both members (may_enable needs the partner's SYNC bit, Open vSwitch lib/lacp.c);
          // "current attached" alone can be seen while a reply mirroring an unsynchronised PDU is in flight
          return s.status.includes('negotiated') && s.members.length === 2 && s.members.every((m) => m.status === 'current' && m.attached && m.mayEnable) ? s : undefined
        }, 30_000, 500)
        expect(answered).toEqual(new Set([1, 2]))
        expect(show.sysId).toBe(H1_MAC)
        for (const m of show.members) {
          expect(m.partnerSysId).toBe(S1_MAC)
          expect(m.partnerSysPriority).toBe(65535)
          expect(m.partnerPortPriority).toBe(255)
          expect(m.partnerPortId).toBe(m.portId) // the reply's actor port mirrors OVS's port here (s1 port N ↔ h1 port N)
          expect(m.partnerState).toEqual(expect.arrayContaining(['aggregation', 'synchronized', 'collecting', 'distributing']))
          expect(m.partnerState).not.toContain('activity') // Ryu is passive
          if (rate === 'fast') expect(m.partnerState).toContain('timeout')
          else expect(m.partnerState).not.toContain('timeout')
        }
        // tcpdump saw OVS's side converge: its last PDUs claim sync with our identity as partner
        const tcpdumpSays = () => execFileSync('tcpdump', ['-n', '-v', '-r', pcap], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        await waitFor('an OVS LACPDU naming the crafted partner', () => tcpdumpSays().includes(`System ${S1_MAC}, System Priority 65535, Key`), 10_000, 250)
        expect(tcpdumpSays()).toMatch(/Partner Information TLV \(0x02\), length 20\n\t {2}System 02:00:00:00:01:00, System Priority 65535, Key \d+, Port [12], Port Priority 255/)
      } finally {
        await lab.stop()
      }
    }, 90_000)
  }
})
