// Run the built `ofl` binary (dist/ is built by `pretest`) as a user would.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

export interface CliResult {
  status: number
  stdout: string
  stderr: string
}

/** Runs with TZ=UTC unless opts.env says otherwise (golden text has local times). */
export function runCli(args: string[], opts: { input?: string | Buffer; cwd?: string; timeout?: number; env?: Record<string, string> } = {}): CliResult {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input: opts.input,
    cwd: opts.cwd,
    timeout: opts.timeout ?? 60_000,
    env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', ...opts.env },
  })
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}
