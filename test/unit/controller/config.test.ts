import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, resolveConfig, parseConfigText, diffBonds, parseHostPort, ConfigError, type ControllerConfig } from '../../../src/controller/config.js'

let dir: string
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'ofl-config.'))))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const file = (name: string, text: string) => {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

const YAML = `# ofl controller configuration
port: 6633
of: 1.3
profile: standard
lacp: active
lacp-rate: fast
metrics: 127.0.0.1:9464
log-level: debug
log-format: json
isl:
  - 1:9-2:9
bond:
  - 1:1,2
  - name: host-a
    members: 1:3+2:3
    key: 7
    system-id: 02:00:00:00:0a:00
    max-active: 2
    min-links: 1
    fallback-ab: true
    port-priority:
      "1:3": 100
port-id:
  - 1:2=20
`

function thrown(f: () => unknown): ConfigError {
  try {
    f()
  } catch (e) {
    if (e instanceof ConfigError) return e
    throw e
  }
  throw new Error('did not throw')
}

describe('controller config: YAML and JSON', () => {
  it('reads every flag key, MC-LAG bonds and per-member settings', () => {
    const c = loadConfig({}, file('a.yaml', YAML))
    expect(c).toMatchObject({ host: '127.0.0.1', port: 6633, of: [4], profile: 'standard', lacp: 'active', lacpRate: 'fast', metrics: { host: '127.0.0.1', port: 9464 }, logLevel: 'debug', logFormat: 'json' })
    expect(c.isl).toEqual([{ a: { dpid: 1n, port: 9 }, b: { dpid: 2n, port: 9 } }])
    expect(c.bonds).toHaveLength(2)
    expect(c.bonds[0]).toMatchObject({ name: '0000000000000001:1,2', datapaths: [1n], maxActive: 0, minLinks: 1, fallbackAb: false, key: undefined, systemId: undefined })
    expect(c.bonds[0]!.members.map((m) => [m.port, m.portId, m.portPriority])).toEqual([[1, 1, undefined], [2, 20, undefined]])
    expect(c.bonds[1]).toMatchObject({ name: 'host-a', datapaths: [1n, 2n], key: 7, systemId: '02:00:00:00:0a:00', maxActive: 2, minLinks: 1, fallbackAb: true })
    // dp_index*100+port keeps ids unique across the two switches
    expect(c.bonds[1]!.members.map((m) => [String(m.dpid), m.dpIndex, m.port, m.portId, m.portPriority])).toEqual([['1', 0, 3, 3, 100], ['2', 1, 3, 103, undefined]])
  })

  it('reads the same configuration as JSON', () => {
    const json = JSON.stringify({ port: 6633, profile: 'standard', bond: ['1:1,2;key=5;max-active=1;name=b1'], 'port-priority': { '1:1': 10 } })
    const c = loadConfig({}, file('a.json', json))
    expect(c.bonds[0]).toMatchObject({ name: 'b1', key: 5, maxActive: 1 })
    expect(c.bonds[0]!.members[0]!.portPriority).toBe(10)
  })

  it('flags map one to one onto keys and win over the file', () => {
    const c = loadConfig({ port: 7000, 'lacp-rate': 'slow', bond: ['1:5,6'] }, file('b.yaml', YAML))
    expect(c.port).toBe(7000)
    expect(c.lacpRate).toBe('slow')
    expect(c.bonds.map((b) => b.name)).toEqual(['0000000000000001:5,6'])
    expect(c.profile).toBe('standard') // from the file
  })

  it('defaults without a file', () => {
    const c = resolveConfig({})
    expect(c).toEqual<ControllerConfig>({ host: '127.0.0.1', port: 6653, of: [1, 3, 4], profile: 'ryu', lacp: 'passive', lacpRate: undefined, controlSocket: undefined, metrics: undefined, logLevel: 'info', logFormat: 'text', bonds: [], isl: [] })
  })
})

describe('controller config: errors name the file, line and field', () => {
  it('a YAML syntax error gives its line', () => {
    const p = file('bad1.yaml', 'port: 6633\nbond: [1:1,2\nlacp: active\n')
    const e = thrown(() => loadConfig({}, p))
    expect(e.code).toBe('BAD_CONFIG')
    expect(e.line).toBeGreaterThanOrEqual(2)
    expect(e.message.startsWith(`${p}:`)).toBe(true)
  })

  it('a bad value names the field and its line', () => {
    const p = file('bad2.yaml', YAML.replace('max-active: 2', 'max-active: lots'))
    const e = thrown(() => loadConfig({}, p))
    expect(e.code).toBe('BAD_CONFIG')
    expect(e.field).toBe('bond[1].max-active')
    expect(e.line).toBe(18)
    expect(e.message).toBe(`${p}:18:17: bond[1].max-active: expected an integer 0..1024, got "lots"`)
  })

  it('an unknown key is refused with its line', () => {
    const e = thrown(() => parseAndResolve('port: 1\nlacp_rate: fast\n'))
    expect(e).toMatchObject({ code: 'BAD_CONFIG', field: 'lacp_rate', line: 3, column: 1 })
  })

  it('duplicate keys, a port in two bonds, MC-LAG without an ISL, colliding port ids', () => {
    expect(thrown(() => parseAndResolve('port: 1\nport: 2\n'))).toMatchObject({ code: 'BAD_CONFIG', line: 3 })
    expect(thrown(() => parseAndResolve('bond: ["1:1,2", "1:2,3"]\n')).message).toContain('port 2 of datapath 0000000000000001 is in bond "0000000000000001:1,2" and bond "0000000000000001:2,3"')
    expect(thrown(() => parseAndResolve('bond: ["1:1+2:1"]\n')).message).toContain('needs an inter-switch link between 0000000000000001 and 0000000000000002 (--isl 1:PORT-2:PORT)')
    expect(thrown(() => parseAndResolve('isl: [1:9-2:9]\nbond: ["1:101+2:1"]\n')).message).toContain('port id 101 is used by 0000000000000001:101 and 0000000000000002:1')
    expect(thrown(() => parseAndResolve('isl: [1:1-2:9]\nbond: ["1:1+2:1"]\n')).message).toContain('is a member of bond')
    expect(thrown(() => parseAndResolve('bond: ["1:1,2;min-links=3"]\n')).message).toContain('min-links 3 exceeds the bond\'s 2 members')
    expect(thrown(() => parseAndResolve('bond: ["1:1,2;speed=10"]\n')).message).toContain('unknown bond option "speed"')
    expect(thrown(() => parseAndResolve('bond: [{members: "1:1,2", "system-id": "nope"}]\n'))).toMatchObject({ field: 'bond[0].system-id', line: 2 })
    expect(thrown(() => parseAndResolve('metrics: localhost\n'))).toMatchObject({ field: 'metrics', line: 2, message: 'x.yaml:2:10: metrics: expected HOST:PORT, got "localhost"' })
    expect(thrown(() => parseAndResolve('profile: ryu\nisl: [1:9-2:9]\nbond: ["1:1+2:1;max-active=1"]\n')).message).toBe('x.yaml:3:8: bond[0]: MC-LAG, max-active need profile: standard (the ryu profile mirrors the partner and selects nothing)')
  })

  it('an unreadable file', () => {
    expect(thrown(() => loadConfig({}, join(dir, 'missing.yaml'))).code).toBe('CONFIG_UNREADABLE')
  })

  it('parseHostPort accepts IPv6 in brackets', () => {
    expect(parseHostPort('[::1]:9464')).toEqual({ host: '::1', port: 9464 })
    expect(thrown(() => parseHostPort('1.2.3.4:99999')).code).toBe('BAD_USAGE') // a flag value (no file): a usage error
  })
})

function parseAndResolve(text: string): ControllerConfig {
  const { raw, locate } = parseConfigText(text.includes('profile:') ? text : `profile: standard\n${text}`, 'x.yaml')
  return resolveConfig(raw, { file: 'x.yaml', locate })
}

describe('controller config: reload diff', () => {
  it('matches bonds by name: unchanged, changed, added, removed', () => {
    const a = resolveConfig({ profile: 'standard', bond: ['1:1,2;name=keep', '1:3,4;name=change', '1:5,6;name=gone'] })
    const b = resolveConfig({ profile: 'standard', bond: ['1:1,2;name=keep', '1:3,4;name=change;max-active=1', '1:7,8;name=new'] })
    const d = diffBonds(a.bonds, b.bonds)
    expect(d.unchanged.map((x) => x.name)).toEqual(['keep'])
    expect(d.changed.map((x) => x.after.name)).toEqual(['change'])
    expect(d.added.map((x) => x.name)).toEqual(['new'])
    expect(d.removed.map((x) => x.name)).toEqual(['gone'])
  })
})
