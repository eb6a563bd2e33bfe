// bin/run.js runs `ofl lacp decode` in its simple forms without oclif (src/cli/fast-path.ts). Both
// paths must print the same bytes on stdout and stderr and exit the same way, on good and broken
// captures; every other form must go to oclif.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { simpleLacpDecodeArgs } from '../../src/cli/fast-path.js'

const FIX = (f: string): string => new URL(`../../fixtures/captures/${f}`, import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'ofl-fast-path-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const truncated = join(dir, 'truncated.pcap')
writeFileSync(truncated, readFileSync(FIX('ovs-bond-fast.pcap')).subarray(0, 700))
const garbage = join(dir, 'garbage.pcap')
writeFileSync(garbage, Buffer.from('this is not a capture file at all'))

describe('lacp decode: the oclif-free fast path', () => {
  const inputs = [[FIX('ovs-bond-fast.pcap')], [FIX('of13-lacp-ovs.pcap')], [FIX('ovs-bond-slow.pcap'), FIX('ovs-bond-one-way.pcap')], [truncated], [garbage]]
  const modes = [[], ['--json'], ['-q', '--utc'], ['--json', '--quiet']]
  for (const files of inputs) {
    for (const mode of modes) {
      it(`${files.map((f) => f.split('/').pop()).join(' ')} ${mode.join(' ')}: same output and exit code as through oclif`, () => {
        const fast = runCli(['lacp', 'decode', ...mode, ...files])
        const slow = runCli(['lacp', 'decode', ...mode, ...files], { env: { OFL_NO_FAST_PATH: '1' } })
        expect(fast.stdout).toBe(slow.stdout)
        expect(fast.stderr).toBe(slow.stderr)
        expect(fast.status).toBe(slow.status)
        expect(fast.stdout.length + fast.stderr.length).toBeGreaterThan(0)
      })
    }
  }

  it('the broken inputs fail the way the command reports them (exit 1, typed code)', () => {
    const t = runCli(['lacp', 'decode', '--json', truncated])
    expect(t.status).toBe(1)
    expect(t.stderr).toMatch(/^Error: TRUNCATED: /)
    expect((JSON.parse(t.stdout) as { error: { code: string } }).error.code).toBe('TRUNCATED')
    const g = runCli(['lacp', 'decode', '--json', garbage])
    expect(g.status).toBe(1)
    expect(JSON.parse(g.stdout)).toMatchObject({ error: { code: 'CAPTURE_BAD_MAGIC', offset: 0 } })
  })

  it('takes only the simple forms with existing regular files', () => {
    const f = FIX('ovs-bond-fast.pcap')
    expect(simpleLacpDecodeArgs([f])).toEqual({ json: false, quiet: false, utc: false, files: [f] })
    expect(simpleLacpDecodeArgs(['--json', '-q', '--utc', f, f])).toEqual({ json: true, quiet: true, utc: true, files: [f, f] })
    for (const args of [[], ['--help'], ['-h', f], ['-'], ['--count', '5', f], ['--', f], ['--json', '--json', f], ['--verbose', f],
      ['--fail-on', 'warn', f], ['--link', 'L1', f], ['-i', 'eth0'], [join(dir, 'missing.pcap')], [dir], ['--json=true', f]]) {
      expect(simpleLacpDecodeArgs(args), args.join(' ')).toBeUndefined()
    }
  })

  it('leaves help and usage errors to oclif', () => {
    const h = runCli(['lacp', 'decode', '--help'])
    expect(h.status).toBe(0)
    expect(h.stdout).toMatch(/USAGE/)
    const missing = runCli(['lacp', 'decode', '--json', join(dir, 'missing.pcap')])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toMatch(/^Error: ENOENT: cannot read .*missing\.pcap: no such file or directory/)
  })
})
