// The `ofl controller` command as a process: it stays up (oclif would exit 10 s after run() resolves),
// prints its address and control socket, answers `ofl lacp show`, and exits cleanly on SIGTERM/SIGINT.
import { describe, it, expect } from 'vitest'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BIN, runCli } from '../helpers/cli.js'

function startCli(args: string[]) {
  const p = spawn(process.execPath, [BIN, 'controller', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
  let out = ''
  p.stdout.on('data', (d) => (out += d))
  p.stderr.on('data', (d) => (out += d))
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => p.on('exit', (code, signal) => r({ code, signal })))
  return { p, out: () => out, exited }
}

async function until(f: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms
  while (!f()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('ofl controller (process)', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serves until ${signal}, then closes and removes its control socket`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ofl-cli-'))
      const sock = join(dir, 'c.sock')
      const c = startCli(['--port', '0', '--bond', '1:1,2', '--control-socket', sock])
      try {
        await until(() => c.out().includes('listening on 127.0.0.1:'), 20_000)
        expect(c.out()).toContain(`control socket ${sock}`)
        const show = runCli(['lacp', 'show', '--socket', sock])
        expect(show.status).toBe(0)
        // Configured bonds are listed before their switch connects.
        expect(show.stdout).toContain('---- SW=0000000000000001 bond 1 (0000000000000001:1,2) ----')
        expect(show.stdout).toContain('member: 1: not connected detached unselected (switch not connected)')
        const t0 = Date.now()
        c.p.kill(signal)
        const r = await c.exited
        expect(r.code).toBe(0)
        expect(Date.now() - t0).toBeLessThan(5000)
        expect(existsSync(sock)).toBe(false)
      } finally {
        if (c.p.exitCode === null && c.p.signalCode === null) c.p.kill('SIGKILL')
        rmSync(dir, { recursive: true, force: true })
      }
    }, 40_000)
  }

  it('rejects a bad --bond with its error code (exit 2, usage)', () => {
    const r = runCli(['controller', '--bond', '1:1'])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('BAD_BOND_SPEC: bond[0]: a bond needs at least two members, got "1:1"')
  })

  it('ofl lacp show reports a missing controller as a runtime failure', () => {
    const r = runCli(['lacp', 'show', '--socket', join(tmpdir(), 'ofl-no-such-controller.sock')])
    expect(r.status).toBe(3)
    expect(r.stderr).toContain('NO_CONTROLLER')
  })
})
