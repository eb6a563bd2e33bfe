// `ofl bench decode` end to end (built binary): JSON shape, the cases side by side, FILE inputs.
// Times are never asserted; only that every case ran and reported a rate.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { hasCorpus, corpusPath } from '../helpers/corpus.js'
import { buildPacketInStream } from '../../src/bench/openflow.js'
import { WORKLOAD_NAMES } from '../../src/bench/workloads.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

const dir = mkdtempSync(join(tmpdir(), 'ofl-bench-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('ofl bench decode', () => {
  it('built-in stream: every case reports msgs/s and MB/s, with the baseline and both match decoders', () => {
    const r = runCli(['bench', 'decode', '--runs', '1', '--min-ms', '1', '--json'])
    expect(r.status).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.source).toMatchObject({ kind: 'generated', messages: 400, packetIns: 400, lacpdus: 400, bytes: 200 * 142 + 200 * 166 })
    const names: string[] = j.results.map((x: { name: string }) => x.name)
    expect(names[0]).toBe('framing only: header walk (baseline)')
    for (const n of ['OfFramer.push', 'view: peekPacketIn (reused', 'view: peekPacketIn + LACPDU', 'full decode: decodeMessage', 'binary-parser 2.3.0', 'hand-written (DataView']) {
      expect(names.some((x) => x.startsWith(n))).toBe(true)
    }
    for (const x of j.results) {
      expect(x.opsPerSec).toBeGreaterThan(0)
      expect(x.mbPerSec).toBeGreaterThan(0)
    }
    expect(j.clock).toBe('cpu')
    expect(j.targets.viewPath.target).toBe(20e6)
    expect(j.targets.fullDecode.target).toBe(4e6)
  })

  it('FILE: a raw OpenFlow byte stream', () => {
    const f = join(dir, 'stream.bin')
    writeFileSync(f, buildPacketInStream(10))
    const r = runCli(['bench', 'decode', f, '--runs', '1', '--min-ms', '1', '--json'])
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout).source).toMatchObject({ kind: 'raw', messages: 10, packetIns: 10, lacpdus: 10 })
  })

  it('FILE: a stream ending inside a message is a typed error (exit 1)', () => {
    const f = join(dir, 'cut.bin')
    writeFileSync(f, buildPacketInStream(2).subarray(0, 150))
    const r = runCli(['bench', 'decode', f, '--runs', '1', '--min-ms', '1'])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('OFPBRC_BAD_LEN')
  })

  it.skipIf(!hasCorpus)('FILE: a capture (tcpdump of10_s4810.pcap: 155 messages as tshark counts, 2 packet-ins)', () => {
    const r = runCli(['bench', 'decode', corpusPath('tcpdump', 'of10_s4810.pcap'), '--runs', '1', '--min-ms', '1', '--json'])
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout).source).toMatchObject({ kind: 'capture', messages: 155, packetIns: 2 })
  })
})

describe('npm run bench (bench/run.js) arguments', () => {
  const runBench = (args: string[]) => spawnSync(process.execPath, [join(root, 'bench/run.js'), ...args], { encoding: 'utf8', timeout: 30_000 })

  it('--help lists the options and workloads and runs nothing', () => {
    const r = runBench(['--help'])
    expect(r.status).toBe(0)
    for (const w of WORKLOAD_NAMES) expect(r.stdout).toContain(w)
    expect(r.stdout).toContain('--controller')
    expect(r.stdout).not.toContain('JSON:')
  })

  it('an unknown option or workload exits 2 naming it, before any run', () => {
    const a = runBench(['--runs', '1', '--frobnicate'])
    expect(a.status).toBe(2)
    expect(a.stderr).toContain('unknown option --frobnicate')
    const b = runBench(['--only', 'lacp-cyclic,nope'])
    expect(b.status).toBe(2)
    expect(b.stderr).toContain('unknown workload nope')
  })
})
