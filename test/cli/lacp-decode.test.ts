// `ofl lacp decode` as a user runs it: golden text for the bundled Open vSwitch captures (update only with
// UPDATE_GOLDEN=1), the --json document, --limit, --link, stdin and broken files.
import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runCli } from '../helpers/cli.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const fixture = (name: string) => `fixtures/captures/${name}`

function golden(name: string, actual: string): void {
  const path = `${root}fixtures/golden/${name}`
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual)
  expect(existsSync(path), `${path} missing: run with UPDATE_GOLDEN=1`).toBe(true)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

const run = (args: string[], input?: Buffer) => runCli(args, { cwd: root, input })

describe('ofl lacp decode', () => {
  it('the README command: the real OVS bond capture decodes as negotiated (golden)', () => {
    const r = run(['lacp', 'decode', fixture('ovs-bond-fast.pcap')])
    expect(r.status, r.stderr).toBe(0)
    golden('lacp-decode-ovs-bond-fast.out', r.stdout)
    // summary and verdicts first; the two identical verdicts as one group naming both links
    expect(r.stdout.split('\n')[0]).toBe('summary: 36 frames, 36 LACPDUs, 0 Marker PDUs, 0 other slow-protocol frames, 0 undecodable; 2 links, 2 LAGs')
    expect(r.stdout).toMatch(/OK +negotiated on 2 links L1, L2: both ends in sync/)
    expect(r.stdout).not.toMatch(/ERROR|WARNING/)
  })

  it('the one-way OVS capture: partner never answered on both members (golden)', () => {
    const r = run(['lacp', 'decode', '-q', fixture('ovs-bond-one-way.pcap')])
    expect(r.status).toBe(0)
    golden('lacp-decode-ovs-bond-one-way.out', r.stdout)
    expect(r.stdout).toMatch(/ERROR +one-way on 2 links L1, L2: \(L1, the others alike\) partner never answered in 3\.00 s/)
  })

  it('--verbose --limit 2: field tree under each PDU, stops after 2 (golden)', () => {
    const r = run(['lacp', 'decode', '--verbose', '--limit', '2', fixture('ovs-bond-slow.pcap')])
    expect(r.status).toBe(0)
    golden('lacp-decode-ovs-bond-slow-verbose-limit2.out', r.stdout)
    expect(r.stdout).toContain('Actor State: 0xbd, LACP Activity, Aggregation, Synchronization, Collecting, Distributing, Expired') // slow: no Timeout bit
    expect(r.stdout).toContain('summary: 2 frames, 2 LACPDUs')
  })

  it('--json: one document {pdus, links, lags, verdicts, summary} with the documented PDU fields', () => {
    const r = run(['lacp', 'decode', '--json', fixture('ovs-bond-fast.pcap')])
    expect(r.status, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(Object.keys(doc)).toEqual(['pdus', 'links', 'lags', 'verdicts', 'summary'])
    expect(doc.pdus).toHaveLength(doc.summary.lacpdus)
    const p = doc.pdus[0]
    expect(Object.keys(p)).toEqual(['frame', 'time', 'subtype', 'srcMac', 'dstMac', 'version', 'actor', 'partner', 'collectorMaxDelay', 'issues'])
    expect(p).toMatchObject({ frame: 1, subtype: 1, version: 1, dstMac: '01:80:c2:00:00:02', collectorMaxDelay: 0, issues: [] })
    expect(p.actor).toEqual({ systemPriority: 65534, system: '02:00:00:00:00:a0', key: 1, portPriority: 65535, port: p.actor.port, state: 0xbf })
    expect(p.partner).toEqual({ systemPriority: 0, system: '00:00:00:00:00:00', key: 0, portPriority: 0, port: 0, state: 0x02 })
    expect(doc.verdicts.map((v: { code: string }) => v.code)).toEqual(['negotiated', 'negotiated'])
    expect(doc.links[0].sides.map((s: { system: string }) => s.system).sort()).toEqual(['02:00:00:00:00:a0', '02:00:00:00:00:b0'])
    expect(doc.lags.map((g: { system: string; members: string[] }) => [g.system, g.members.length])).toEqual([['02:00:00:00:00:a0', 2], ['02:00:00:00:00:b0', 2]])
  })

  it('--link L2 keeps that link only, with its id', () => {
    const all = JSON.parse(run(['lacp', 'decode', '--json', fixture('ovs-bond-fast.pcap')]).stdout)
    const r = run(['lacp', 'decode', '--json', '--link', 'L2', fixture('ovs-bond-fast.pcap')])
    expect(r.status, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout)
    const l2 = all.links.find((l: { id: string }) => l.id === 'L2')
    expect(doc.links.map((l: { id: string }) => l.id)).toEqual(['L2'])
    const ids = new Set(l2.sides.map((s: { id: string }) => s.id))
    expect(doc.pdus.length).toBe(l2.sides[0].pdus + l2.sides[1].pdus)
    for (const p of doc.pdus) expect(ids.has(`${p.actor.system}/${p.actor.port}`)).toBe(true)
    expect(doc.verdicts.map((v: { subject: string }) => v.subject)).toEqual(['L2'])
  })

  it('--link with an unknown id fails with LINK_NOT_FOUND', () => {
    const r = run(['lacp', 'decode', '--link', 'L9', fixture('ovs-bond-fast.pcap')])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('LINK_NOT_FOUND')
  })

  it("reads '-' from stdin", () => {
    const r = run(['lacp', 'decode', '--json', '-'], readFileSync(`${root}${fixture('ovs-bond-fast.pcap')}`))
    expect(r.status, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).summary.lacpdus).toBe(36)
  })

  it('a truncated capture: prints what was read and the analysis, then TRUNCATED with the offset, exit 1', () => {
    const cut = readFileSync(`${root}${fixture('ovs-bond-fast.pcap')}`).subarray(0, 24 + 3 * 140 + 50)
    const t = run(['lacp', 'decode', '-'], cut)
    expect(t.status).toBe(1)
    expect(t.stdout.match(/^ +\d+ {2}\d{4}-/gm)).toHaveLength(3)
    expect(t.stdout).toContain('capture error: TRUNCATED')
    expect(t.stderr).toContain('TRUNCATED')
    expect(t.stderr).toContain(`offset ${24 + 3 * 140}`)
    const j = run(['lacp', 'decode', '--json', '-'], cut)
    expect(j.status).toBe(1)
    const doc = JSON.parse(j.stdout)
    expect(doc.pdus).toHaveLength(3)
    expect(doc.error).toMatchObject({ code: 'TRUNCATED', offset: 24 + 3 * 140 })
  })

  it('garbage input: CAPTURE_BAD_MAGIC at offset 0', () => {
    const r = run(['lacp', 'decode', '-'], Buffer.from('definitely not a capture'))
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('CAPTURE_BAD_MAGIC')
    expect(r.stderr).toContain('offset 0')
  })

  it('a missing file is an input error (exit 1, ENOENT), one line on stderr, nothing on stdout', () => {
    const r = run(['lacp', 'decode', 'no/such/file.pcap'])
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('Error: ENOENT: cannot read no/such/file.pcap: no such file or directory\n')
  })
})
