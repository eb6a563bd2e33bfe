// Topologies on top of the private Open vSwitch lab (ovs.ts) for issue 12's tests: MC-LAG across two
// switches with an inter-switch link, and one switch carrying two host bonds (live reload).
import { execFile } from 'node:child_process'
import { OvsLab, parseLacpShow, parseBondShow, OVS_PROTOCOL, type OfVersionName, type LacpShow } from './ovs.js'

export const S2_MAC = '02:00:00:00:02:00'
export const HA_MAC = '02:00:00:00:0a:00'
export const HB_MAC = '02:00:00:00:0b:00'
/** The MC-LAG bond's actor system id (one system on both switches). */
export const MCLAG_SYSTEM = '02:00:00:00:aa:00'

const nd = ['datapath_type=netdev']
const patch = (name: string, peer: string, ofport?: number) => ['--', 'set', 'interface', name, 'type=patch', `options:peer=${peer}`, ...(ofport ? [`ofport_request=${ofport}`] : [])]
const ofSwitch = (name: string, dpid: number, mac: string, version: OfVersionName, port: number) => [
  '--', 'add-br', name, '--', 'set', 'bridge', name, ...nd, 'fail_mode=secure', `protocols=${OVS_PROTOCOL[version]}`,
  `other-config:datapath-id=${dpid.toString(16).padStart(16, '0')}`, `other-config:hwaddr=${mac}`, 'other-config:disable-in-band=true',
  '--', 'set-controller', name, `tcp:127.0.0.1:${port}`,
  '--', 'set', 'controller', name, 'connection-mode=out-of-band', 'max_backoff=1000',
]
const host = (name: string, mac: string, iface: string, peer: string) => [
  '--', 'add-br', name, '--', 'set', 'bridge', name, ...nd, `other-config:hwaddr=${mac}`,
  '--', 'add-port', name, iface, ...patch(iface, peer, 1),
]

/**
 * MC-LAG lab: s1 (dpid 1) and s2 (dpid 2), inter-switch link s1:9 ⇄ s2:9; h1's bond member h1-eth1 on
 * s1:1 and h1-eth2 on s2:1 (the bond itself comes later, createMclagBond); h2 on s1:3, h3 on s2:3.
 */
export async function createMclagTopology(lab: OvsLab, version: OfVersionName, controllerPort: number): Promise<void> {
  await lab.vsctl(
    ...ofSwitch('s1', 1, '02:00:00:00:01:00', version, controllerPort),
    '--', 'add-port', 's1', 's1-eth1', ...patch('s1-eth1', 'h1-eth1', 1),
    '--', 'add-port', 's1', 's1-eth3', ...patch('s1-eth3', 'h2-eth1', 3),
    '--', 'add-port', 's1', 's1-eth9', ...patch('s1-eth9', 's2-eth9', 9),
    ...ofSwitch('s2', 2, S2_MAC, version, controllerPort),
    '--', 'add-port', 's2', 's2-eth1', ...patch('s2-eth1', 'h1-eth2', 1),
    '--', 'add-port', 's2', 's2-eth3', ...patch('s2-eth3', 'h3-eth1', 3),
    '--', 'add-port', 's2', 's2-eth9', ...patch('s2-eth9', 's1-eth9', 9),
    ...host('h2', '02:00:00:00:12:00', 'h2-eth1', 's1-eth3'),
    ...host('h3', '02:00:00:00:13:00', 'h3-eth1', 's2-eth3'),
  )
}

/** h1's LACP bond over one member on each switch (create it after both switches are connected). */
export async function createMclagBond(lab: OvsLab, lacpTime: 'fast' | 'slow' = 'fast'): Promise<void> {
  await lab.vsctl(
    '--', 'add-br', 'h1', '--', 'set', 'bridge', 'h1', ...nd, 'other-config:hwaddr=02:00:00:00:11:00',
    '--', 'add-bond', 'h1', 'bond0', 'h1-eth1', 'h1-eth2', 'lacp=active', `other_config:lacp-time=${lacpTime}`,
    ...patch('h1-eth1', 's1-eth1', 1), ...patch('h1-eth2', 's2-eth1', 2),
  )
}

/**
 * Reload lab: one switch s1 (dpid 1) with two host bonds: hA over s1:1,2 and hB over s1:3,4, plus a
 * single-port host h2 on s1:5 (hosts' bridges are created by createHostBonds after the controller is up).
 */
export async function createReloadTopology(lab: OvsLab, version: OfVersionName, controllerPort: number): Promise<void> {
  await lab.vsctl(
    ...ofSwitch('s1', 1, '02:00:00:00:01:00', version, controllerPort),
    '--', 'add-port', 's1', 's1-eth1', ...patch('s1-eth1', 'ha-eth1', 1),
    '--', 'add-port', 's1', 's1-eth2', ...patch('s1-eth2', 'ha-eth2', 2),
    '--', 'add-port', 's1', 's1-eth3', ...patch('s1-eth3', 'hb-eth1', 3),
    '--', 'add-port', 's1', 's1-eth4', ...patch('s1-eth4', 'hb-eth2', 4),
    '--', 'add-port', 's1', 's1-eth5', ...patch('s1-eth5', 'h2-eth1', 5),
    ...host('h2', '02:00:00:00:12:00', 'h2-eth1', 's1-eth5'),
  )
}

export async function createHostBonds(lab: OvsLab): Promise<void> {
  const bond = (br: string, mac: string, a: number, b: number) => [
    '--', 'add-br', br, '--', 'set', 'bridge', br, ...nd, `other-config:hwaddr=${mac}`,
    '--', 'add-bond', br, `bond-${br}`, `${br}-eth1`, `${br}-eth2`, 'lacp=active', 'other_config:lacp-time=fast',
    ...patch(`${br}-eth1`, `s1-eth${a}`, 1), ...patch(`${br}-eth2`, `s1-eth${b}`, 2),
  ]
  await lab.vsctl(...bond('ha', HA_MAC, 1, 2), ...bond('hb', HB_MAC, 3, 4))
}

/** `ovs-appctl lacp/show` / `bond/show` of a named bond (port names are unique in one vswitchd). */
export async function lacpOf(lab: OvsLab, bond: string): Promise<LacpShow> {
  return parseLacpShow(await lab.appctl('lacp/show', bond))
}
export async function bondOf(lab: OvsLab, bond: string): Promise<ReturnType<typeof parseBondShow>> {
  return parseBondShow(await lab.appctl('bond/show', bond))
}

/** Run a small node script inside the lab's namespace (to reach 127.0.0.1 services there). */
export function nsNode(lab: OvsLab, script: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('nsenter', [`--net=/proc/${lab.nsPid}/ns/net`, '--', process.execPath, '-e', script], { timeout: timeoutMs, maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message} ${stderr}`))
      else resolve(stdout)
    })
  })
}

/** GET http://127.0.0.1:port/metrics inside the namespace; returns samples `name{labels}` → value. */
export async function scrapeMetrics(lab: OvsLab, port: number): Promise<{ text: string; samples: Map<string, number> }> {
  const text = await nsNode(lab, `fetch('http://127.0.0.1:${port}/metrics').then(r => r.text()).then(t => process.stdout.write(t), e => { console.error(e.message); process.exit(1) })`)
  const samples = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const cut = line.lastIndexOf(' ')
    samples.set(line.slice(0, cut), Number(line.slice(cut + 1)))
  }
  return { text, samples }
}

/** Packets counted on `bridge` per in_port by a flow `priority=100,dl_src=src,dl_dst=dst,actions=drop`. */
export async function countedPerPort(lab: OvsLab, bridge: string, src: string, dst: string): Promise<Map<number, number>> {
  const out = new Map<number, number>()
  for (const f of await lab.dumpFlows(bridge)) {
    if (!f.match.includes(`dl_src=${src}`) || !f.match.includes(`dl_dst=${dst}`)) continue
    const p = Number(f.match.match(/in_port=(\d+)/)?.[1] ?? 0)
    out.set(p, (out.get(p) ?? 0) + f.nPackets)
  }
  return out
}

export const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0)
