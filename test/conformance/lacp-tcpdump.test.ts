// tcpdump 4.99 as the oracle for ofl's tcpdump-style text: every fixture vector, wrapped in a frame,
// is printed by `tcpdump -n -e -v` and by formatSlowFrame; they must match line for line, except
// where ofl deliberately says more (issue lines "\t[CODE …]", LACP version 2, which tcpdump refuses,
// and the Marker Response TLV, which tcpdump hex-dumps as "Unknown").
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { corpusFile, corpusPath, hasCorpus, hasTool } from '../helpers/corpus.js'
import { decodeSlowFrame } from '../../src/lacp/slow.js'
import { formatSlowFrame, formatSlowVerbose } from '../../src/lacp/format.js'
import { writePcap } from '../../src/capture/writer.js'
import { loadVectors } from '../unit/lacp/vectors.js'
import { pcapFrames } from '../unit/lacp/pcap.js'

const dir = mkdtempSync(join(tmpdir(), 'ofl-tcpdump-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ETH = Buffer.from('0180c2000002' + '020000001100' + '8809', 'hex')
const asFrame = (codec: string, b: Buffer) => (codec === 'slow-frame' ? b : Buffer.concat([ETH, b]))

describe.skipIf(!hasTool('tcpdump'))('tcpdump -e -v agrees with formatSlowFrame', () => {
  it('on every v1 LACPDU, Marker Information and other-subtype vector', () => {
    const vectors = loadVectors('lacp').filter((v) => !v.name.startsWith('v2-') && v.name !== 'marker-response.hex')
    expect(vectors.length).toBeGreaterThanOrEqual(12)
    const frames = vectors.map((v) => asFrame(v.codec, v.bytes))
    const file = join(dir, 'all.pcap')
    writeFileSync(file, writePcap(frames.map((data) => ({ tsSec: 0, data }))))
    const out = execFileSync('tcpdump', ['-n', '-e', '-v', '-r', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, TZ: 'UTC' } })
    const records = out.trimEnd().split(/\n(?=\d\d:\d\d:\d\d\.\d{6} )/).map((r) => r.replace(/^\S+ /, ''))
    expect(records).toHaveLength(frames.length)
    frames.forEach((f, i) => {
      const ours = formatSlowFrame(decodeSlowFrame(f), { verbose: true }).split('\n').filter((l) => !l.startsWith('\t[')).join('\n')
      expect(ours, vectors[i]!.name).toBe(records[i])
    })
  })
})

describe.skipIf(!hasCorpus)('corpus lacp/slow-ossp.pcap against tcpdump -v (slow-ossp.out)', () => {
  it('prints the OSSP PDU as tcpdump does', () => {
    const golden = readFileSync(corpusPath('lacp', 'slow-ossp.out'), 'utf8').trimEnd().replace(/^\s*\d+\s+\S+\s+\S+\s/, '')
    const [f] = pcapFrames(corpusFile('lacp', 'slow-ossp.pcap'))
    expect(formatSlowVerbose(decodeSlowFrame(f!.data).pdu)).toBe(golden)
  })
})
