// `ofl controller --workers N`: N processes on one listening port (Node cluster); each switch lives in
// one worker, and the primary's control socket aggregates every worker (`ofl lacp show`).
import { describe, it, expect } from 'vitest'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BIN, runCli } from '../helpers/cli.js'
import { FakeSwitch } from '../helpers/fake-switch.js'
import { waitFor } from '../helpers/ovs.js'
import { parseWorkers, mergeStatus } from '../../src/controller/workers.js'
import { queryController, type ControllerStatus } from '../../src/controller/server.js'

describe('parseWorkers / mergeStatus', () => {
  it('accepts 1…256 and auto; anything else is BAD_WORKERS', () => {
    expect(parseWorkers('1')).toBe(1)
    expect(parseWorkers('16')).toBe(16)
    expect(parseWorkers('auto')).toBeGreaterThanOrEqual(1)
    for (const bad of ['0', '-1', '1.5', 'two', '', '257']) expect(() => parseWorkers(bad)).toThrow(expect.objectContaining({ code: 'BAD_WORKERS' }))
  })
  it('concatenates switches and bonds, numbers the workers, sums dropped frames', () => {
    const part = (dpid: string, dropped: number): ControllerStatus => ({
      listening: 'x', switches: [{ dpid, remote: 'r', version: '1.3', state: 'ready', ports: 4, counters: {} }],
      lacp: { profile: 'ryu', mode: 'passive', rate: 'mirror', droppedSlowFrames: dropped, bonds: [] },
    })
    const m = mergeStatus('127.0.0.1:6653', [part('01', 2), part('02', 3)])
    expect(m.workers).toBe(2)
    expect(m.switches.map((s) => [s.dpid, (s as { worker?: number }).worker])).toEqual([['01', 1], ['02', 2]])
    expect(m.lacp.droppedSlowFrames).toBe(5)
    expect(m.ha).toBeUndefined()
    // Worker 1 did not answer (restarting): worker 2's switches keep their number.
    expect(mergeStatus('x', [part('02', 0)], [2]).switches.map((s) => (s as { worker?: number }).worker)).toEqual([2])
  })
})

describe('ofl controller --workers 2 (processes)', () => {
  it('spreads switch connections over both workers, shows them all through one control socket, stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ofl-workers-'))
    const sock = join(dir, 'c.sock')
    const p = spawn(process.execPath, [BIN, 'controller', '--port', '0', '--workers', '2', '--bond', '1:1,2', '--control-socket', sock], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
    let out = ''
    p.stdout.on('data', (d) => (out += d))
    p.stderr.on('data', (d) => (out += d))
    const exited = new Promise<number | null>((r) => p.on('exit', (code) => r(code)))
    const switches: FakeSwitch[] = []
    try {
      const port = Number((await waitFor('listening line', () => /listening on 127\.0\.0\.1:(\d+) with 2 workers/.exec(out), 90_000))[1])
      for (let i = 1; i <= 6; i++) switches.push(await FakeSwitch.connect(port, { version: 4, dpid: BigInt(i), ports: [1, 2, 3] }))
      const st = await waitFor('6 switches ready across the workers', async () => {
        const s = (await queryController(sock, 'status')) as ControllerStatus & { workers?: number }
        return s.switches.filter((x) => x.state === 'ready').length === 6 && s
      }, 20_000, 100)
      expect(st.workers).toBe(2)
      const byWorker = new Map<number, string[]>()
      for (const s of st.switches) {
        const w = (s as { worker?: number }).worker!
        byWorker.set(w, [...(byWorker.get(w) ?? []), s.dpid])
      }
      // Round-robin: both workers hold switches, and every dpid is in exactly one worker.
      expect([...byWorker.keys()].sort()).toEqual([1, 2])
      expect(st.switches.map((s) => s.dpid).sort()).toEqual(['0000000000000001', '0000000000000002', '0000000000000003', '0000000000000004', '0000000000000005', '0000000000000006'])
      // The bond of dpid 1 is reported once, by the worker that has that switch.
      expect(st.lacp.bonds.map((b) => b.dpid)).toEqual(['0000000000000001'])
      const show = runCli(['lacp', 'show', '--socket', sock])
      expect(show.status).toBe(0)
      expect(show.stdout).toContain('---- SW=0000000000000001 bond 1 (0000000000000001:1,2) ----')
      p.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(existsSync(sock)).toBe(false)
    } finally {
      for (const s of switches) s.close()
      if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  }, 150_000)
})

describe('ofl controller --workers 2 --config (reload)', () => {
  const config = (bonds: string[]) => `of: "1.3"\nbond:\n${bonds.map((b) => `  - name: ${b}\n    members: ${b === 'a' ? 1 : b === 'b' ? 2 : 3}:1,2\n`).join('')}`
  const count = (s: string, needle: string) => s.split(needle).length - 1

  it('`ofl controller reload` and SIGHUP reach every worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ofl-workers-reload-'))
    const sock = join(dir, 'c.sock')
    const file = join(dir, 'ofl.yaml')
    writeFileSync(file, config(['a']))
    const p = spawn(process.execPath, [BIN, 'controller', '--port', '0', '--workers', '2', '--config', file, '--control-socket', sock], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
    let out = ''
    p.stdout.on('data', (d) => (out += d))
    p.stderr.on('data', (d) => (out += d))
    const exited = new Promise<number | null>((r) => p.on('exit', (code) => r(code)))
    try {
      await waitFor('listening line', () => /listening on 127\.0\.0\.1:\d+ with 2 workers/.test(out), 90_000)
      // Before: the primary's control socket answered "unknown command reload", and SIGHUP reached no worker.
      writeFileSync(file, config(['a', 'b']))
      const r = runCli(['controller', 'reload', '--socket', sock, '--json'])
      expect(r.status, r.stdout + r.stderr).toBe(0)
      expect(JSON.parse(r.stdout)).toMatchObject({ unchanged: ['a'], added: ['b'], changed: [], removed: [] })
      await waitFor('both workers log the reload', () => count(out, 'reload: 1 unchanged, 0 changed, 1 added, 0 removed') === 2, 20_000)

      writeFileSync(file, config(['a', 'b', 'c']))
      p.kill('SIGHUP')
      await waitFor('both workers log the SIGHUP reload', () => count(out, 'reload: 2 unchanged, 0 changed, 1 added, 0 removed') === 2, 20_000)
      const st = await queryController(sock, 'status')
      expect(st.lacp.bonds.map((b) => b.dpid).sort()).toEqual(['0000000000000001', '0000000000000002', '0000000000000003'])

      // A bad file: refused, the workers keep the running configuration, the answer is the error.
      writeFileSync(file, 'bond: [')
      const bad = runCli(['controller', 'reload', '--socket', sock, '--json'])
      expect(bad.status).not.toBe(0)
      expect(JSON.parse(bad.stdout).error.code).toMatch(/CONFIG/)
      p.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  }, 150_000)
})
