import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

describe('ofl lacp state', () => {
  it('decodes decimal state bytes as /proc/net/bonding prints them', () => {
    const r = runCli(['lacp', 'state', '7', '69'])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('  7  0x07  *****GSA  Activity, Timeout, Aggregation\n 69  0x45  *F***G*A  Activity, Aggregation, Default\n')
  })

  it('emits JSON with --json', () => {
    const r = runCli(['lacp', 'state', '0x3d', '--json'])
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out[0]).toMatchObject({ value: 61, compact: '**DCSG*A', flags: { synchronization: true, timeout: false } })
  })

  it('a bad STATE argument is a usage error: exit 2 with its typed code', () => {
    const r = runCli(['lacp', 'state', '300'])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('BAD_LACP_STATE')
  })
})
