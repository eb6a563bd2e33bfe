// The CLI contract of issue 9, through the built binary: safe --json, one exit-code scheme per command,
// honest verdicts, one vocabulary and time style, readable big captures, oclif conventions, a clean
// package. Each case failed on the behaviour before (noted per test).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { writePcap } from '../../src/capture/writer.js'
import { BIN, runCli } from '../helpers/cli.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const cap = (n: string) => join(root, 'fixtures/captures', n)
const dir = mkdtempSync(join(tmpdir(), 'ofl-contract-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const file = (name: string, data: string | Buffer) => {
  const p = join(dir, name)
  writeFileSync(p, data)
  return p
}
const oneLine = (s: string) => expect(s.trim().split('\n'), s).toHaveLength(1)

/** A LACPDU frame (IEEE 802.1AX-2014 §6.4.2.3) from actor system ...:sys / port, partner all zero. */
function lacpdu(sys: number, port: number, state: number): Buffer {
  const f = Buffer.alloc(124)
  Buffer.from('0180c2000002', 'hex').copy(f, 0)
  Buffer.from([2, 0, 0, 0, 0x10, sys]).copy(f, 6)
  f.writeUInt16BE(0x8809, 12)
  f.set([1, 1, 1, 20], 14)
  f.writeUInt16BE(32768, 18)
  Buffer.from([2, 0, 0, 0, 0x10, sys]).copy(f, 20)
  f.writeUInt16BE(1, 26)
  f.writeUInt16BE(32768, 28)
  f.writeUInt16BE(port, 30)
  f[32] = state
  f.set([2, 20], 36)
  f.set([3, 16], 56)
  return f
}

describe('1. --json is one valid document or nothing, with an error member; stderr one line', () => {
  it('lacp decode / of decode of missing files (old: `{"pdus":[` cut off; nothing at all)', () => {
    for (const args of [['lacp', 'decode'], ['of', 'decode']]) {
      const r = runCli([...args, '--json', join(dir, 'missing.pcap'), join(dir, 'missing2.pcap')])
      expect(r.status).toBe(1)
      expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'ENOENT', message: `cannot read ${join(dir, 'missing.pcap')}: no such file or directory` } })
      oneLine(r.stderr)
    }
  })

  it('lacp show without a controller: NO_CONTROLLER, exit 3, no oclif internals (old: {"error":{…"oclif":{"exit":3}}}, exit 1)', () => {
    const j = runCli(['lacp', 'show', '--json', '--port', '1'])
    expect(j.status).toBe(3)
    const doc = JSON.parse(j.stdout)
    expect(Object.keys(doc)).toEqual(['error'])
    expect(doc.error.code).toBe('NO_CONTROLLER')
    expect(j.stdout).not.toContain('oclif')
    const t = runCli(['lacp', 'show', '--port', '1'])
    expect(t.status).toBe(3)
    expect(t.stdout).toBe('')
    expect(t.stderr).toMatch(/^Error: NO_CONTROLLER: no ofl controller is running on port 1 \(no control socket at /)
  })

  it('a usage error under --json is a JSON error document too (exit 2)', () => {
    const r = runCli(['lacp', 'decode', '--json', '--fail-on', 'sometimes', cap('ovs-bond-fast.pcap')])
    expect(r.status).toBe(2)
    expect(JSON.parse(r.stdout).error.code).toBe('USAGE')
    oneLine(r.stderr)
  })
})

describe('2. one exit-code scheme per command', () => {
  it.each([
    [['controller', '--bond', 'foo'], 2, 'BAD_BOND_SPEC'], // old: 1
    [['controller', '--of', '1.4'], 2, 'BAD_OF_VERSION'],
    [['lacp', 'craft', '--reply-to', '/nonexistent/x.hex'], 1, 'cannot read /nonexistent/x.hex: no such file or directory'], // old: "No file found at"
    [['lacp', 'state', '300'], 2, 'BAD_LACP_STATE'],
    [['of', 'encode', '/nonexistent.json'], 1, 'ENOENT'],
    [['bench', 'decode', '/nonexistent.pcap'], 1, 'ENOENT'],
    [['lacp', 'decode', '--nope', 'x'], 2, 'USAGE'],
  ])('%j exits %i (%s)', (args, status, text) => {
    const r = runCli(args)
    expect(r.status, r.stderr).toBe(status)
    expect(r.stderr).toContain(text)
    oneLine(r.stderr)
  })

  it('of decode of garbage or a truncated stream exits 1 (old: 0)', () => {
    const r = runCli(['of', 'decode', file('trunc.bin', Buffer.from('04000010000000', 'hex'))])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('OF_STREAM_TRUNCATED')
  })

  it('controller: a taken TCP port and a taken control socket are both runtime errors, exit 3 (old: 3 and 1)', async () => {
    const port = 20000 + (process.pid % 20000)
    const sock = join(dir, 'ctl.sock')
    const a = spawn(process.execPath, [BIN, 'controller', '--port', String(port), '--control-socket', sock], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      await new Promise<void>((res, rej) => {
        a.stdout.on('data', (d: Buffer) => d.toString().includes('listening') && res())
        a.once('exit', (c) => rej(new Error(`controller exited ${c}`)))
      })
      const inUse = runCli(['controller', '--port', String(port), '--control-socket', join(dir, 'other.sock')])
      expect(inUse.status).toBe(3)
      expect(inUse.stderr).toContain('EADDRINUSE')
      const sockInUse = runCli(['controller', '--port', String(port + 1), '--control-socket', sock])
      expect(sockInUse.status).toBe(3)
      expect(sockInUse.stderr).toContain('CONTROL_SOCKET_IN_USE')
      // lacp show for humans: configured bonds before their switch connects, numeric JSON
      const show = runCli(['lacp', 'show', '--socket', sock, '--json'])
      expect(show.status, show.stderr).toBe(0)
      expect(JSON.parse(show.stdout).bonds).toEqual([])
    } finally {
      if (a.pid && a.exitCode === null) process.kill(a.pid, 'SIGTERM')
    }
  })

  it('--fail-on: exit 4 on a verdict of that severity, 0 otherwise, after the whole report (old: no such option)', () => {
    const bad = runCli(['lacp', 'decode', '-q', '--fail-on', 'error', cap('ovs-bond-one-way.pcap')])
    expect(bad.status).toBe(4)
    expect(bad.stdout).toContain('summary: 8 frames')
    expect(bad.stderr).toContain('--fail-on error: 2 verdicts (one-way)')
    const json = runCli(['lacp', 'decode', '--json', '--fail-on', 'warn', cap('ovs-bond-one-way.pcap')])
    expect(json.status).toBe(4)
    expect(JSON.parse(json.stdout).verdicts).toHaveLength(2)
    expect(runCli(['lacp', 'decode', '-q', '--fail-on', 'warn', cap('ovs-bond-fast.pcap')]).status).toBe(0)
  })
})

describe('3. honest verdicts', () => {
  it('not a capture (empty, 12 bytes, random): input error, no LACP diagnosis (old: "no-lacp … LACP is off")', () => {
    for (const [name, data] of [['empty.pcap', Buffer.alloc(0)], ['twelve.pcap', Buffer.from('0123456789ab')], ['text.pcap', Buffer.from('definitely not a capture')]] as const) {
      const r = runCli(['lacp', 'decode', file(name, data)])
      expect(r.status).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).not.toContain('no-lacp')
      oneLine(r.stderr)
    }
  })

  it('--count 3 on a healthy capture: the stop is stated and the lone sides are too-short, not one-way (old: three one-way errors)', () => {
    const r = runCli(['lacp', 'decode', '--json', '--count', '3', cap('ovs-bond-fast.pcap')])
    expect(r.status).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.stop).toEqual({ reason: 'count', count: 3 })
    expect(doc.verdicts.map((v: { code: string }) => v.code)).toEqual(['too-short', 'too-short', 'too-short'])
    const t = runCli(['lacp', 'decode', '-q', '--limit', '3', cap('ovs-bond-fast.pcap')])
    expect(t.stdout).toContain('stopped early: reading stopped after --count 3')
    expect(t.stdout).not.toContain('one-way')
  })

  it('a capture shorter than one PDU period is too short to tell (old: one-way)', () => {
    const p = file('short.pcap', writePcap([{ tsSec: 1_700_000_000, tsNsec: 0, data: lacpdu(1, 1, 0x07) }, { tsSec: 1_700_000_000, tsNsec: 400_000_000, data: lacpdu(1, 1, 0x07) }]))
    const doc = JSON.parse(runCli(['lacp', 'decode', '--json', p]).stdout)
    expect(doc.verdicts.map((v: { code: string }) => v.code)).toEqual(['too-short'])
    expect(doc.verdicts[0].evidence).toMatchObject({ watched: 0.4, needed: 1 })
  })

  it('--link that matches nothing is refused like --link L9 (old: "LACP is off on both ends", exit 0)', () => {
    const r = runCli(['lacp', 'decode', '--link', 'zz:zz', cap('ovs-bond-fast.pcap')])
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('LINK_NOT_FOUND')
  })
})

describe('4. one vocabulary, units and time style', () => {
  it('exact gap statistics: every median within min..max (old: median 1.01 s > max 1 s)', () => {
    const doc = JSON.parse(runCli(['lacp', 'decode', '--json', cap('ovs-bond-fast.pcap')]).stdout)
    for (const l of doc.links) {
      for (const s of l.sides) {
        expect(s.gaps.median).toBeGreaterThanOrEqual(s.gaps.min)
        expect(s.gaps.median).toBeLessThanOrEqual(s.gaps.max)
      }
    }
    // frames 5 → 9 → … of side A are 1 s apart but for the first: the exact median of 8 gaps
    expect(doc.links[0].sides[0].gaps.median).toBeCloseTo(1.000_4, 3)
  })

  it('one duration style, OVS names in text, schema names in JSON, plurals', () => {
    const t = runCli(['lacp', 'decode', '-q', cap('ovs-bond-fast.pcap')]).stdout
    expect(t).toContain('(converged 11.8 ms after the first PDU)') // verdict text: the same style as the link status
    expect(t).not.toMatch(/0\.011811 s/)
    expect(t).toContain('partner sys_priority 0 -> 65534')
    expect(t).not.toMatch(/synchronization|systemPriority/)
    expect(runCli(['lacp', 'decode', '-q', cap('ovs-bond-one-way.pcap')]).stdout).toContain('2 links, 1 LAG\n')
    expect(runCli(['of', 'decode', '-'], { input: '04 00 00 08 00 00 00 01' }).stdout).toContain('\n1 message, 0 undecodable, 0 stream/file errors\n') // old: "1 messages"
    const doc = JSON.parse(runCli(['lacp', 'decode', '--json', cap('ovs-bond-fast.pcap')]).stdout)
    expect(doc.links[0].timeline.find((e: { field: string }) => e.field === 'systemPriority')).toBeDefined()
    expect(doc.verdicts[0].message).toContain('converged 11.8 ms')
  })

  it('local time by default like tshark, --utc, ISO 8601 in JSON; of decode the same (old: UTC unmarked, raw epoch)', () => {
    const local = runCli(['lacp', 'decode', '-q', cap('ovs-bond-fast.pcap')], { env: { TZ: 'Asia/Kolkata' } }).stdout
    expect(local).toContain('time: 2026-11-21 18:12:28.143211 to 18:12:35.158365 (7.02 s), local time, UTC+05:30')
    const utc = runCli(['lacp', 'decode', '-q', '--utc', cap('ovs-bond-fast.pcap')], { env: { TZ: 'Asia/Kolkata' } }).stdout
    expect(utc).toContain('time: 2026-11-21 12:42:28.143211 to 12:42:35.158365 (7.02 s), UTC')
    const doc = JSON.parse(runCli(['lacp', 'decode', '--json', cap('ovs-bond-fast.pcap')], { env: { TZ: 'Asia/Kolkata' } }).stdout)
    expect(doc.pdus[0].time).toBe('2026-11-21T12:42:28.143211000Z')
    expect(doc.summary.firstTime).toBe('2026-11-21T12:42:28.143211Z')
    const of = runCli(['of', 'decode', cap('of13-lacp-ovs.pcap')], { env: { TZ: 'Asia/Kolkata' } }).stdout
    expect(of.split('\n')[0]).toMatch(/^\[#\d+ 2026-11-21 \d\d:\d\d:\d\d\.\d{6} /)
    const ofUtc = runCli(['of', 'decode', '--utc', cap('of13-lacp-ovs.pcap')], { env: { TZ: 'Asia/Kolkata' } }).stdout
    expect(of.split('\n')[0]).not.toBe(ofUtc.split('\n')[0])
    // the zone is named, as in lacp decode (old: no word on the zone)
    expect(of).toContain('\ntimes: local time, UTC+05:30 (--utc for UTC)\n')
    expect(ofUtc).toContain('\ntimes: UTC\n')
    // JSON times are ISO 8601 strings like lacp decode's (old: epoch seconds 1795267699.995712)
    const ofDoc = JSON.parse(runCli(['of', 'decode', '--json', cap('of13-lacp-ovs.pcap')], { env: { TZ: 'Asia/Kolkata' } }).stdout)
    expect(ofDoc.messages[0].time).toMatch(/^2026-11-21T\d\d:\d\d:\d\d\.\d{9}Z$/)
    const [hms] = /\d\d:\d\d:\d\d\.\d{6}/.exec(ofUtc.split('\n')[0]!)!
    expect(ofDoc.messages[0].time).toBe(`2026-11-21T${hms}000Z`)
  })
})

describe('5. readable on big captures', () => {
  // 48 one-way links of 60 s each (fast rate): 48 × 60 PDUs
  const frames = []
  for (let t = 0; t < 60; t++) for (let port = 1; port <= 48; port++) frames.push({ tsSec: 1_700_000_000 + t, tsNsec: port * 1000, data: lacpdu(1, port, 0x07) })
  const big = file('big.pcap', writePcap(frames))

  it('summary and verdicts first, identical verdicts as one group naming the links, no PDU lines (old: 2880 PDU lines, 48 verdict lines)', () => {
    const r = runCli(['lacp', 'decode', big])
    expect(r.status).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines[0]).toBe('summary: 2880 frames, 2880 LACPDUs, 0 Marker PDUs, 0 other slow-protocol frames, 0 undecodable; 48 links, 1 LAG')
    expect(lines[2]).toBe('verdicts: 48 in 1 group')
    expect(lines[3]).toMatch(/^ {3}1\. ERROR {3}one-way on 48 links L1–L48: /)
    expect(r.stdout).not.toMatch(/^ +\d+ {2}\d{4}-/m)
    expect(r.stdout).toContain('2880 PDUs not listed (more than 100); --verbose lists them')
    const v = runCli(['lacp', 'decode', '--verbose', '--count', '150', big]).stdout
    expect(v.match(/^ +\d+ {2}\d{4}-/gm)).toHaveLength(150)
  })

  it.skipIf(spawnSync('script', ['--version']).status !== 0)('a progress line with rate and ETA on a terminal (old: percent only)', () => {
    const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} lacp decode -q ${big}`, '/dev/null'], {
      encoding: 'utf8', env: { ...process.env, OFL_PROGRESS_MIN_BYTES: '0', TZ: 'UTC', NO_COLOR: '1' }, timeout: 60_000,
    })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/big\.pcap {2}\d+\.\d% {2}\d+\/\d+ MiB {2}\d+\.\d MB\/s {2}\S+ ?\S* ?frames\/s {2}ETA /)
  })

  it.skipIf(spawnSync('script', ['--version']).status !== 0)('of decode: the same progress line while its output goes to a file (old: none)', () => {
    const out = join(dir, 'of-progress.txt')
    const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} of decode ${cap('of13-lacp-ovs.pcap')} > ${out}`, '/dev/null'], {
      encoding: 'utf8', env: { ...process.env, OFL_PROGRESS_MIN_BYTES: '0', TZ: 'UTC', NO_COLOR: '1' }, timeout: 60_000,
    })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/of13-lacp-ovs\.pcap {2}\d+\.\d% {2}\d+\/\d+ MiB {2}\d+\.\d MB\/s {2}\S+ ?\S* ?frames\/s {2}ETA /)
    expect(readFileSync(out, 'utf8')).toContain('34 messages, 0 undecodable') // the output itself is untouched
  })
})

describe('7. oclif conventions', () => {
  it('ofl help lacp decode, -h, did-you-mean, autocomplete (old: "command help:lacp:decode not found")', () => {
    const h = runCli(['help', 'lacp', 'decode'])
    expect(h.status).toBe(0)
    expect(h.stdout).toContain('--fail-on')
    const short = runCli(['lacp', 'decode', '-h'])
    expect(short.status).toBe(0)
    expect(short.stdout).toContain('--interface')
    const typo = runCli(['lacp', 'decod', 'x'])
    expect(typo.status).toBe(127) // the shell's "command not found"
    expect(typo.stderr).toContain('Did you mean: ofl lacp decode?')
    const ac = runCli(['autocomplete', 'bash'])
    expect(ac.status).toBe(0)
    expect(ac.stdout).toContain('ofl')
  })

  it('the same short flag means the same long flag in every command; -c, -o, -i exist where they belong', async () => {
    const cmds = join(root, 'dist/commands')
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.js') ? [join(d, e.name)] : []))
    const byChar = new Map<string, Set<string>>()
    const has = new Map<string, Set<string>>()
    for (const f of walk(cmds)) {
      const id = relative(cmds, f).replace(/\.js$/, '').replace(/\//g, ' ')
      const C = (await import(f)).default as { flags?: Record<string, { char?: string }> }
      for (const [name, def] of Object.entries(C.flags ?? {})) {
        if (!def.char) continue
        if (!byChar.has(def.char)) byChar.set(def.char, new Set())
        byChar.get(def.char)!.add(name)
        if (!has.has(id)) has.set(id, new Set())
        has.get(id)!.add(`-${def.char}`)
      }
    }
    for (const [c, names] of byChar) expect([...names], `-${c}`).toHaveLength(1)
    expect([...has.get('lacp decode')!].sort()).toEqual(['-c', '-i', '-q', '-v'])
    expect(has.get('of decode')).toEqual(new Set(['-c', '-v']))
    expect(has.get('lacp craft')).toEqual(new Set(['-o', '-v']))
    expect(has.get('of encode')).toEqual(new Set(['-o']))
  })

  it('lacp decode --port finds LACPDUs in OpenFlow on another TCP port (old: no --port)', () => {
    // move the OpenFlow connection of a real OVS capture from 6653 to 16653 (TCP ports only; checksums are not read)
    const buf = Buffer.from(readFileSync(cap('of13-lacp-ovs.pcap')))
    for (let off = 24; off + 16 <= buf.length;) {
      const incl = buf.readUInt32LE(off + 8)
      const f = off + 16
      if (buf.readUInt16BE(f + 12) === 0x0800 && buf[f + 23] === 6) {
        const tcp = f + 14 + (buf[f + 14]! & 15) * 4
        for (const o of [tcp, tcp + 2]) if (buf.readUInt16BE(o) === 6653) buf.writeUInt16BE(16653, o)
      }
      off = f + incl
    }
    const moved = file('of-16653.pcap', buf)
    const orig = JSON.parse(runCli(['lacp', 'decode', '--json', cap('of13-lacp-ovs.pcap')]).stdout).summary.lacpdus
    expect(orig).toBeGreaterThan(0)
    expect(JSON.parse(runCli(['lacp', 'decode', '--json', moved]).stdout).summary.lacpdus).toBe(0)
    expect(JSON.parse(runCli(['lacp', 'decode', '--json', moved, '--port', '16653']).stdout).summary.lacpdus).toBe(orig)
  })

  it('of encode: type names, and binary to stdout when it is not a terminal (old: BAD_JSON; --out or --hex required)', () => {
    const r = spawnSync(process.execPath, [BIN, 'of', 'encode', '-'], { input: '{"version":4,"type":"OFPT_ECHO_REQUEST","xid":1}' })
    expect(r.status, r.stderr.toString()).toBe(0)
    expect(r.stdout.toString('hex')).toBe('0402000800000001')
    const bad = runCli(['of', 'encode', '-', '--hex'], { input: '{"version":1,"type":"OFPT_NO_SUCH","xid":1}' })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('no message type "OFPT_NO_SUCH" in OpenFlow version 1')
  })
})

describe('7b. --of takes a list in every command', () => {
  it('bench controller --of 1.0,1.2 and --of , are usage errors naming what is emulated (exit 2)', () => {
    const r = runCli(['bench', 'controller', '--target', '127.0.0.1:9', '--of', '1.0,1.2', '--json'])
    expect(r.status).toBe(2)
    expect(JSON.parse(r.stdout).error).toEqual({ code: 'BAD_OF_VERSION', message: '--of: the emulated switches speak OpenFlow 1.0 and 1.3, not "1.2"' })
    oneLine(r.stderr)
    expect(runCli(['bench', 'controller', '--target', '127.0.0.1:9', '--of', ',']).status).toBe(2)
  })

  it.skipIf(spawnSync('ovs-testcontroller', ['--version']).status !== 0)('bench controller --of 1.0,1.3 runs each version against ovs-testcontroller (old: "Expected --of=1.0,1.3 to be one of: 1.0, 1.3")', async () => {
    const port = 21000 + (process.pid % 20000)
    const peer = spawn('ovs-testcontroller', ['-O', 'OpenFlow10,OpenFlow13', `ptcp:${port}:127.0.0.1`, `--unixctl=${join(dir, 'otc.ctl')}`, '-vconsole:off'], { stdio: 'ignore' })
    try {
      // wait until the peer listens: its unixctl socket appears after the listener is up
      for (let i = 0; i < 200 && !readdirSync(dir).includes('otc.ctl'); i++) await new Promise((r) => setTimeout(r, 25))
      const args = ['bench', 'controller', '--target', `127.0.0.1:${port}`, '--of', '1.0,1.3', '--mode', 'latency', '--duration', '0.5', '--warmup', '0.3']
      const j = runCli([...args, '--json'], { timeout: 30_000 })
      expect(j.status, j.stderr).toBe(0)
      const doc = JSON.parse(j.stdout)
      expect(doc.runs.map((r: { of: string; switchesReady: number; malformed: number }) => [r.of, r.switchesReady, r.malformed])).toEqual([['1.0', 1, 0], ['1.3', 1, 0]])
      for (const r of doc.runs) expect(r.responses).toBeGreaterThan(0)
      const t = runCli(args, { timeout: 30_000 })
      expect(t.status).toBe(0)
      expect(t.stdout.match(/^target .* OpenFlow (1\.[03]) /gm)?.map((l) => l.split('OpenFlow ')[1]!.slice(0, 3))).toEqual(['1.0', '1.3'])
      expect(t.stdout).not.toMatch(/:? {2,}$/m) // no label without a value ("per second    " when < 1 s)
    } finally {
      if (peer.pid && peer.exitCode === null) process.kill(peer.pid, 'SIGTERM')
    }
  }, 60_000)
})

describe('9. a clean package', () => {
  it('npm pack ships dist without maps, README, LICENSE, the schema doc; no goldens or scripts (old: 149 maps, fixtures)', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', timeout: 120_000 })
    expect(r.status, r.stderr).toBe(0)
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path)
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'docs/lacp-decode-json.md', 'bin/run.js', 'dist/index.js', 'dist/index.d.ts']))
    expect(files.filter((f) => f.endsWith('.map') || f.startsWith('fixtures/') || f.endsWith('.sh') || f.startsWith('test/'))).toEqual([])
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/)
  })

  it('require("ofl") does not fail with ERR_PACKAGE_PATH_NOT_EXPORTED', () => {
    const consumer = join(dir, 'consumer')
    spawnSync('mkdir', ['-p', join(consumer, 'node_modules')])
    spawnSync('ln', ['-sfn', root, join(consumer, 'node_modules', 'ofl')])
    const r = spawnSync(process.execPath, ['-e', "const o = require('ofl'); console.log(typeof o.decodeLacpCapture)"], { cwd: consumer, encoding: 'utf8' })
    expect(r.stderr).not.toContain('ERR_PACKAGE_PATH_NOT_EXPORTED')
    expect(r.stdout.trim()).toBe('function')
  })

  it('binary-parser and pcap-parser are not reachable from the library entry or the lacp/of commands', () => {
    const dist = join(root, 'dist')
    const seen = new Set<string>()
    const external = new Set<string>()
    const visit = (f: string): void => {
      if (seen.has(f)) return
      seen.add(f)
      const text = readFileSync(f, 'utf8')
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(['"]([^'"]+)['"]\)/g)) {
        const spec = m[1] ?? m[2]!
        if (spec.startsWith('.')) visit(resolve(dirname(f), spec))
        else external.add(spec)
      }
      for (const m of text.matchAll(/require\(['"]([^'"]+)['"]\)/g)) external.add(`require:${m[1]}`)
    }
    for (const entry of ['index.js', 'commands/lacp/decode.js', 'commands/of/decode.js', 'commands/of/encode.js', 'commands/lacp/craft.js']) visit(join(dist, entry))
    expect(external.has('binary-parser')).toBe(false)
    // pcap-parser only through a lazy require() inside the optional engine, never a static import
    expect(external.has('pcap-parser')).toBe(false)
  })
})
