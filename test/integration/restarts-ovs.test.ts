// Restarts and scale against a REAL Open vSwitch, black-box over `ofl controller` (bin/run.js) and the
// OvsLab of test/helpers/ovs.ts, every process inside the lab's network namespace:
// - ovs-vswitchd killed (SIGKILL) and started again: s1 reconnects, the bond renegotiates, the
//   controller's flows and bond group are back, nothing else;
// - the controller killed (SIGKILL) and started again on the same port, with the default passive
//   LACP and with `--lacp active`: s1 reconnects with its backoff, the bond renegotiates, the new
//   controller replaces what the old one (and anyone else) left: a stale learned flow and a stale
//   group are gone; restarted at once and 8 s after the kill (a slow restart). The time the bond was
//   down is printed for each case: a passive controller never speaks first, so once OVS has moved
//   its partner to defaulted (a fast-mode expiry plus 3 s) it waits for OVS's next slow-mode
//   LACPDU (up to 30 s), where an active one speaks at once;
// - 1 000 emulated switches connected at once (handshake, an echo each per second) while a real bond
//   negotiates: every handshake completes, every echo is answered, the real bond never expires.
// Measured times and memory are printed as `[restart]` / `[scale]` lines, never asserted.
import { readFileSync, existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, expect, afterEach } from 'vitest'
import { queryController } from '../../src/controller/server.js'
import { OvsLab, ovsAvailable, waitFor, sleep, type ControllerProcess } from '../helpers/ovs.js'
import { IDLE_SWITCHES_JS, type IdleSwitchesConfig, type IdleSwitchesReport } from '../helpers/idle-switches.js'

const available = ovsAvailable()

/** Bond negotiated in OVS's view: both members current, attached, enabled. */
async function bondUp(lab: OvsLab): Promise<boolean> {
  try {
    const s = await lab.lacpShow()
    return s.status.includes('negotiated') && s.members.length === 2 && s.members.every((m) => m.mayEnable && m.attached && m.status === 'current')
  } catch {
    return false // ovs-vswitchd not answering (restarting)
  }
}

const count = (text: string, what: string): number => text.split(what).length - 1
const CONNECTED = 'SW=0000000000000001 connected'

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) : NaN
}

/** Lab + controller (bond 1:1,2, OF1.3) + topology + h1's bond in fast mode, negotiated. */
async function negotiatedLab(port: number, labs: OvsLab[], extra: string[] = []): Promise<{ lab: OvsLab; ctl: ControllerProcess; sock: string }> {
  const lab = await OvsLab.start()
  labs.push(lab)
  const sock = join(lab.dir, 'ctl.sock')
  const ctl = lab.startController(['--bond', '1:1,2', '--of', '1.3', '--control-socket', sock, ...extra], port)
  await waitFor('controller listening', () => ctl.log().includes('listening on'), 60_000)
  await lab.createTopology('1.3', port)
  await waitFor('s1 connected', () => ctl.log().includes(CONNECTED), 20_000)
  await lab.createBond('fast')
  await waitFor('bond negotiated', () => bondUp(lab), 30_000, 50)
  return { lab, ctl, sock }
}

/** s1's flows as "priority match actions" without counters and with the learned MACs kept. */
async function flowSet(lab: OvsLab): Promise<string[]> {
  // the liveness flows match the member's MAC, which h1's patch ports pick afresh when ovs-vswitchd
  // starts: name it by the member that has it now
  const macs = new Map<string, string>()
  for (const n of [1, 2]) macs.set(JSON.parse((await lab.vsctl('get', 'interface', `h1-eth${n}`, 'mac_in_use')).trim()) as string, `<h1-eth${n}>`)
  return (await lab.dumpFlows('s1', '1.3'))
    .map((f) => `${f.priority} ${f.match.replace(/dl_src=([0-9a-f:]{17})/, (_m, mac: string) => `dl_src=${macs.get(mac) ?? mac}`)} ${f.actions}`)
    .sort()
}
/** The controller's select group over the bond's two members. */
const bondGroup = (g: string): boolean => g.includes('type=select') && !g.startsWith('group_id=99,') && count(g, 'bucket=') === 2

async function groups(lab: OvsLab): Promise<string[]> {
  return (await lab.ofctl('-O', 'OpenFlow13', 'dump-groups', 's1')).split('\n').map((l) => l.trim()).filter((l) => l.startsWith('group_id=')).sort()
}

describe.skipIf(!available)('controller and Open vSwitch restarts, 1 000 switches (real OVS, netns)', () => {
  const labs: OvsLab[] = []
  afterEach(async () => {
    for (const l of labs.splice(0)) await l.stop()
  })

  it('ovs-vswitchd killed and restarted: s1 reconnects, the bond renegotiates, flows and the bond group are back', async () => {
    const { lab, ctl } = await negotiatedLab(16801, labs)
    await waitFor('bond group with both members', async () => (await groups(lab)).some(bondGroup), 10_000)
    const flowsBefore = (await flowSet(lab)).filter((f) => f.startsWith('65535 ') || f.startsWith('0 '))
    const groupsBefore = await groups(lab)
    const pid = Number(readFileSync(join(lab.dir, 'ovs-vswitchd.pid'), 'utf8').trim())
    process.kill(pid, 'SIGKILL')
    await waitFor('ovs-vswitchd gone', () => !existsSync(`/proc/${pid}`) || readFileSync(`/proc/${pid}/status`, 'utf8').includes('State:\tZ'), 5_000)
    rmSync(join(lab.dir, 'ovs-vswitchd.ctl'), { force: true })
    const t0 = Date.now()
    const d = lab.dir
    lab.spawnInNs('ovs-vswitchd', [`unix:${join(d, 'db.sock')}`, `--unixctl=${join(d, 'ovs-vswitchd.ctl')}`, `--pidfile=${join(d, 'ovs-vswitchd.pid')}`, `--log-file=${join(d, 'ovs-vswitchd.log')}`, '--no-chdir', '--disable-system'])
    await waitFor('s1 reconnected', () => count(ctl.log(), CONNECTED) >= 2, 30_000, 20)
    const reconnected = Date.now() - t0
    await waitFor('bond renegotiated', () => bondUp(lab), 30_000, 20)
    const renegotiated = Date.now() - t0
    await waitFor('bond group back with both members', async () => (await groups(lab)).some(bondGroup), 10_000)
    const groupsAfter = await groups(lab)
    const flowsAfter = (await flowSet(lab)).filter((f) => f.startsWith('65535 ') || f.startsWith('0 '))
    console.log(`[restart] ovs-vswitchd SIGKILL + restart: s1 reconnected after ${reconnected} ms, bond renegotiated after ${renegotiated} ms`)
    expect(groupsAfter).toEqual(groupsBefore)
    // the table-miss flow and one liveness flow per member, for the member's current MAC (no stale one)
    expect(flowsAfter).toEqual(flowsBefore)
    expect(flowsAfter.filter((f) => /dl_src=<h1-eth[12]>/.test(f))).toHaveLength(2)
    expect(flowsAfter.filter((f) => f.startsWith('65535 ')).length).toBe(2)
  }, 120_000)

  it.each([
    ['passive', 0, 16802],
    ['active', 0, 16804],
    ['passive', 8000, 16805],
    ['active', 8000, 16806],
  ] as const)('controller (--lacp %s) killed and restarted %i ms later: s1 reconnects with its backoff, the bond renegotiates, stale flows/groups replaced', async (mode, restartAfterMs, port) => {
    const lacp = ['--lacp', mode]
    const { lab, ctl, sock } = await negotiatedLab(port, labs, lacp)
    // what a previous controller run (or an operator) left: a learned flow with our cookie, a group
    await lab.ofctl('-O', 'OpenFlow13', 'add-flow', 's1', 'cookie=0x0f1e000000000abc,priority=10,dl_dst=02:aa:00:00:00:01,actions=output:3')
    await lab.ofctl('-O', 'OpenFlow13', 'add-group', 's1', 'group_id=99,type=select,bucket=output:3')
    expect((await groups(lab)).some((g) => g.startsWith('group_id=99,'))).toBe(true)
    // watch the bond every 50 ms from the kill on
    let down: number | undefined
    let up: number | undefined
    let watching = true
    const watch = (async () => {
      while (watching) {
        const ok = await bondUp(lab)
        const now = Date.now()
        if (!ok && down === undefined) down = now
        if (ok && down !== undefined && up === undefined) up = now
        await sleep(50)
      }
    })()
    const t0 = Date.now()
    ctl.proc.kill('SIGKILL')
    await new Promise<void>((r) => (ctl.proc.exitCode !== null || ctl.proc.signalCode !== null ? r() : ctl.proc.once('exit', () => r())))
    if (restartAfterMs > 0) await sleep(restartAfterMs)
    const ctl2 = lab.startController(['--bond', '1:1,2', '--of', '1.3', '--control-socket', sock, ...lacp], port)
    try {
      // both controllers append to the same log file (one per port)
      await waitFor('the new controller listening', () => count(ctl2.log(), 'listening on') >= 2, 60_000, 20)
      const listening = Date.now() - t0
      await waitFor('s1 reconnected to the new controller', () => count(ctl2.log(), CONNECTED) >= 2, 30_000, 20)
      const reconnected = Date.now() - t0
      // a fast-mode expiry shows within 3 s of the last LACPDU the old controller sent: watch 6 s at least
      await waitFor('bond up again, 6 s after the kill', async () => Date.now() - t0 > 6_000 && (await bondUp(lab)) && (down === undefined || up !== undefined), 60_000, 50)
      const renegotiated = down === undefined ? 0 : up! - t0
      if (mode === 'active') {
        // an active controller's first PDUs set h1's pace: a wrong ask shows as an expiry 3 s after the
        // first exchange (then a flap), whether or not the bond was up when the checks below ran
        const left = t0 + reconnected + 4_500 - Date.now()
        if (left > 0) await sleep(left)
        expect(ctl2.log().split('listening on').pop()).not.toContain('LACP exchange timeout has occurred')
      }
      watching = false
      await watch
      const downMs = down === undefined ? 0 : (up ?? Date.now()) - down
      console.log(`[restart] controller (--lacp ${mode}) SIGKILL + restart ${restartAfterMs} ms later: new controller listening after ${listening} ms, s1 reconnected after ${reconnected} ms, bond back up ${renegotiated} ms after the kill, bond down for ${downMs} ms${down === undefined ? ' (never went down)' : ` (from ${down - t0} ms after the kill)`}`)
      if (process.env.OFL_OVS_DEBUG) {
        console.log(`---- new controller\n${ctl2.log()}\n---- vswitchd\n${lab.vswitchdLog().split('\n').filter((l) => /bond|lacp|rconn/i.test(l)).join('\n')}`)
      }
      expect(await bondUp(lab)).toBe(true)
      const g = await groups(lab)
      expect(g.some((x) => x.startsWith('group_id=99,'))).toBe(false)
      expect(g.filter(bondGroup)).toHaveLength(1)
      expect((await flowSet(lab)).some((f) => f.includes('02:aa:00:00:00:01'))).toBe(false)
      const st = await queryController(sock)
      expect(st.lacp.bonds?.[0]?.members?.every((m: { status: string }) => m.status === 'current')).toBe(true)
    } finally {
      watching = false
      await watch
    }
  }, 180_000)

  it('a new --lacp active controller takes over while OVS still has the old one current: no expiry, both members stay current', async () => {
    // The restart cases above land before or after h1's fast-mode expiry depending on how long the new
    // process takes to start (the machine's load): a replacement already listening on another port
    // makes "before" certain. h1 is current with the old controller's information when the new one's
    // first, unsolicited LACPDU arrives; h1 answers at once, and arms its next periodic PDU from that
    // PDU's TIMEOUT bit (Open vSwitch lib/lacp.c lacp_run): a long-timeout ask left h1 silent for 30 s
    // while the new controller, mirroring h1's short timeout, expired both members 3 s later.
    const [portOld, portNew] = [16807, 16808]
    const { lab, ctl } = await negotiatedLab(portOld, labs, ['--lacp', 'active'])
    const sock2 = join(lab.dir, 'ctl2.sock')
    const ctl2 = lab.startController(['--bond', '1:1,2', '--of', '1.3', '--control-socket', sock2, '--lacp', 'active'], portNew)
    await waitFor('the replacement listening', () => ctl2.log().includes('listening on'), 60_000, 20)
    ctl.proc.kill('SIGKILL')
    await new Promise<void>((r) => (ctl.proc.exitCode !== null || ctl.proc.signalCode !== null ? r() : ctl.proc.once('exit', () => r())))
    const t0 = Date.now()
    await lab.vsctl('--', 'set-controller', 's1', `tcp:127.0.0.1:${portNew}`, '--', 'set', 'controller', 's1', 'connection-mode=out-of-band', 'max_backoff=1000')
    await waitFor('s1 connected to the replacement', () => ctl2.log().includes(CONNECTED), 30_000, 20)
    await waitFor('both members current at the replacement', async () => (await queryController(sock2)).lacp.bonds?.[0]?.members?.every((m: { status: string }) => m.status === 'current'), 10_000, 20)
    const current = Date.now() - t0
    const h1Before = await lab.lacpShow()
    // 3 s of silence expire a fast partner: watch twice that, plus a margin for a loaded machine
    let notCurrent = 0
    const until = Date.now() + 8_000
    while (Date.now() < until) {
      const st = await queryController(sock2)
      if (!st.lacp.bonds?.[0]?.members?.every((m: { status: string }) => m.status === 'current')) notCurrent++
      await sleep(100)
    }
    const h1After = await lab.lacpShow()
    console.log(`[restart] replacement controller (--lacp active) on another port while h1 is current: both members current ${current} ms after the switch-over, not current in ${notCurrent} polls over 8 s; h1 ${h1Before.status} → ${h1After.status}`)
    if (process.env.OFL_OVS_DEBUG) console.log(`---- replacement controller\n${ctl2.log()}`)
    expect(ctl2.log()).not.toContain('LACP exchange timeout has occurred')
    expect(notCurrent).toBe(0)
    expect(await bondUp(lab)).toBe(true)
    expect((await groups(lab)).filter(bondGroup)).toHaveLength(1)
  }, 180_000)

  it('1 000 emulated switches at once (handshake + echo) while a real bond negotiates: all ready, the bond never expires', async () => {
    const port = 16803
    const lab = await OvsLab.start()
    labs.push(lab)
    const sock = join(lab.dir, 'ctl.sock')
    const ctl = lab.startController(['--bond', '1:1,2', '--of', '1.3', '--control-socket', sock], port)
    await waitFor('controller listening', () => ctl.log().includes('listening on'), 60_000)
    await lab.createTopology('1.3', port)
    await waitFor('s1 connected', () => ctl.log().includes(CONNECTED), 20_000)
    await sleep(500)
    const rssBefore = rssKb(ctl.proc.pid!)
    const N = 1000
    const cfg: IdleSwitchesConfig = { host: '127.0.0.1', port, mode: 'idle', count: N, firstDpid: 0x1000, echoMs: 1000, durationMs: 50_000 }
    const out = join(lab.dir, 'idle.json')
    const t0 = Date.now()
    const em = lab.spawnInNs(process.execPath, ['-e', IDLE_SWITCHES_JS, JSON.stringify(cfg)], { stdoutFile: out })
    await lab.createBond('fast') // negotiates while the 1 000 connect
    // the controller's view: every switch ready
    await waitFor(`${N + 1} switches ready`, async () => (await queryController(sock)).switches.filter((s) => s.state === 'ready').length === N + 1, 30_000, 100)
    const allReady = Date.now() - t0
    await waitFor('bond negotiated', () => bondUp(lab), 30_000, 50)
    const negotiated = Date.now() - t0
    await sleep(1_000)
    const rssAfter = rssKb(ctl.proc.pid!)
    // for 10 s after negotiation, with the 1 000 still connected and echoing: the bond must stay up
    let expired = 0
    let polls = 0
    const watchUntil = Date.now() + 10_000
    while (em.exitCode === null && Date.now() < watchUntil) {
      polls++
      if (!(await bondUp(lab))) expired++
      await sleep(100)
    }
    expect(em.exitCode).toBeNull() // the emulator's run covered the whole watch
    const exited = new Promise<void>((r) => (em.exitCode !== null ? r() : em.once('exit', () => r())))
    em.kill('SIGTERM') // it reports and exits
    await exited
    const rep = JSON.parse(readFileSync(out, 'utf8').trim().split('\n').pop()!) as IdleSwitchesReport
    const perSwitchKb = (rssAfter - rssBefore) / N
    console.log(`[scale] ${N} switches: all ready (controller view) ${allReady} ms after the first connect; emulator: all handshaken ${rep.allHandshakenMs} ms, ` +
      `handshake p50 ${rep.handshakeP50Ms} ms max ${rep.handshakeMaxMs} ms; echo ${rep.echoAnswered}/${rep.echoSent} answered (max RTT ${rep.echoRttMaxMs} ms); ` +
      `controller RSS ${(rssBefore / 1024).toFixed(1)} → ${(rssAfter / 1024).toFixed(1)} MiB (${perSwitchKb.toFixed(1)} KiB per switch); ` +
      `real bond negotiated ${negotiated} ms after the connects began, down in ${expired} of ${polls} polls afterwards`)
    expect(rep.handshakes).toBe(N)
    expect(rep.disconnects).toBe(0)
    expect(rep.errors).toEqual([])
    expect(rep.echoSent).toBeGreaterThan(N * 5)
    expect(rep.echoAnswered).toBeGreaterThanOrEqual(rep.echoSent - N) // at most one in flight per switch at the end
    expect(expired).toBe(0)
    expect(polls).toBeGreaterThan(10)
  }, 150_000)
})
