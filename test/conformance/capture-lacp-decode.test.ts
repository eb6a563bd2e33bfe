// `ofl lacp decode --json` against tshark, field by field: the corpus oracle (LACP.pcap.tshark.fields.tsv,
// tshark 4.0.17) for LACP.pcap and its nanosecond, big-endian and pcapng copies, and live tshark on
// captures made here (SLL, SLL2, VLAN/QinQ, pcapng with several interfaces).
import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../helpers/cli.js'
import { corpusFile, corpusPath, hasCorpus, hasTool } from '../helpers/corpus.js'
import { toSll, toSll2, withVlans, writePcap, writePcapng, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2 } from '../../src/capture/writer.js'
import { A, B, lacpFrame, markerFrame, S, T0, UP_FAST } from '../unit/analysis/scenario.js'

const COLS = ['frame.number', 'frame.time_epoch', 'eth.src', 'slow.subtype', 'lacp.version',
  'lacp.actor.sys_priority', 'lacp.actor.sysid', 'lacp.actor.key', 'lacp.actor.port_priority', 'lacp.actor.port', 'lacp.actor.state',
  'lacp.partner.sys_priority', 'lacp.partner.sysid', 'lacp.partner.key', 'lacp.partner.port_priority', 'lacp.partner.port', 'lacp.partner.state',
  'lacp.collector.max_delay'] as const

type Row = Record<(typeof COLS)[number], string>

interface Pdu {
  frame: number; time: number; subtype: number; version: number; srcMac?: string; collectorMaxDelay: number
  actor: Record<string, number | string>; partner: Record<string, number | string>
}

/** Our --json PDU in tshark's -T fields spelling. */
function asRow(p: Pdu, raw: string): Row {
  // exact text, not a parsed double: the ISO 8601 time (UTC, 9 decimals) as tshark's epoch seconds
  const iso = new RegExp(`"frame":${p.frame},"time":"(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)\\.(\\d{9})Z"`).exec(raw)!
  const time = `${Date.parse(iso[1]! + 'Z') / 1000}.${iso[2]}`
  const side = (x: Record<string, number | string>) => [String(x.systemPriority), x.system as string, String(x.key), String(x.portPriority), String(x.port), '0x' + Number(x.state).toString(16).padStart(2, '0')]
  const v = [String(p.frame), time, p.srcMac ?? '', '0x' + p.subtype.toString(16).padStart(2, '0'), '0x' + p.version.toString(16).padStart(2, '0'), ...side(p.actor), ...side(p.partner), String(p.collectorMaxDelay)]
  return Object.fromEntries(COLS.map((c, i) => [c, v[i]])) as Row
}

function parseTsv(text: string): Row[] {
  const [head, ...lines] = text.trim().split('\n')
  const names = head!.split('\t')
  return lines.map((l) => {
    const cells = l.split('\t')
    return Object.fromEntries(COLS.map((c) => [c, cells[names.indexOf(c)]!])) as Row
  })
}

function decodeJson(path: string): { doc: { pdus: Pdu[]; verdicts: { code: string }[] }; raw: string } {
  const r = runCli(['lacp', 'decode', '--json', path])
  expect(r.status, r.stderr).toBe(0)
  return { doc: JSON.parse(r.stdout), raw: r.stdout }
}

describe.skipIf(!hasCorpus)('lacp decode --json vs the corpus tshark oracle', () => {
  for (const f of ['LACP.pcap', 'derived/LACP.nsec.pcap', 'derived/LACP.be-nsec.pcap', 'derived/LACP.pcapng']) {
    it(`${f}: all 20 LACPDUs agree field by field`, () => {
      const want = parseTsv(corpusFile('lacp', 'LACP.pcap.tshark.fields.tsv').toString('utf8'))
      const { doc, raw } = decodeJson(corpusPath('lacp', f))
      expect(doc.pdus).toHaveLength(20)
      expect(doc.pdus.map((p) => asRow(p, raw))).toEqual(want)
    })
  }

  it('LACP.pcap also agrees with the tshark JSON oracle on the state strings', () => {
    const oracle = JSON.parse(corpusFile('lacp', 'LACP.pcap.tshark.json').toString('utf8')) as { _source: { layers: { lacp: Record<string, string | Record<string, string>> } } }[]
    const { doc } = decodeJson(corpusPath('lacp', 'LACP.pcap'))
    expect(oracle).toHaveLength(doc.pdus.length)
    // tshark's lacp.actor.state is "0x85"; compare every PDU's numeric state with it
    oracle.forEach((o, i) => {
      expect(Number(o._source.layers.lacp['lacp.actor.state'])).toBe(doc.pdus[i]!.actor.state)
      expect(Number(o._source.layers.lacp['lacp.partner.state'])).toBe(doc.pdus[i]!.partner.state)
    })
  })

  it('LACP.pcap: the real bring-up is reported as negotiated', () => {
    const { doc } = decodeJson(corpusPath('lacp', 'LACP.pcap'))
    expect(doc.verdicts.filter((v) => v.code !== 'rate-limit').map((v) => v.code)).toEqual(['negotiated'])
  })

  it('slow-ossp.pcap (subtype 10) is listed, not analysed as LACP', () => {
    const { doc } = decodeJson(corpusPath('lacp', 'slow-ossp.pcap'))
    expect(doc.pdus).toHaveLength(1)
    expect(doc.pdus[0]).toMatchObject({ frame: 1, subtype: 10 })
    expect(doc.pdus[0]!.actor).toBeUndefined()
    expect(doc.verdicts.map((v) => v.code)).toEqual(['no-lacp'])
  })
})

describe.skipIf(!hasTool('tshark'))('lacp decode --json vs live tshark on captures made here', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ofl-decode-tshark-'))
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  const fa = lacpFrame(A, UP_FAST, B, UP_FAST)
  const fb = lacpFrame(B, UP_FAST | S.EXP, A, UP_FAST & ~S.SYNC)
  const cases: [string, Buffer][] = [
    ['ethernet-vlan-qinq.pcap', writePcap([
      { tsSec: T0, tsNsec: 1, data: fa }, { tsSec: T0 + 1, tsNsec: 999_999_999, data: withVlans(fb, [{ vid: 10 }]) },
      { tsSec: T0 + 2, data: withVlans(fa, [{ tpid: 0x88a8, vid: 100 }, { vid: 20 }]) },
    ], { nanosecond: true })],
    ['sll.pcap', writePcap([{ tsSec: T0, data: toSll(fa, 4) }, { tsSec: T0 + 1, tsNsec: 5000, data: toSll(fb, 0) }], { linkType: LINKTYPE_LINUX_SLL, bigEndian: true })],
    ['sll2.pcapng', writePcapng({ interfaces: [{ linkType: LINKTYPE_LINUX_SLL2, name: 'any', tsresol: 9 }], records: [{ tsSec: T0, tsNsec: 123456789, data: toSll2(fa, 3, 4) }, { tsSec: T0, tsNsec: 923456789, data: toSll2(fb, 4, 0) }] })],
    ['multi.pcapng', writePcapng([
      { interfaces: [{ name: 'eth0' }, { name: 'eth1', tsresol: 9 }], records: [{ tsSec: T0, data: fa, interfaceId: 1, direction: 'out' }, { tsSec: T0 + 1, data: markerFrame(A, 77), interfaceId: 0 }] },
      { bigEndian: true, interfaces: [{ name: 'eth2' }], records: [{ tsSec: T0 + 2, tsNsec: 1000, data: fb, direction: 'in' }] },
    ])],
  ]
  it.each(cases)('%s', (name, data) => {
    const path = join(dir, name)
    writeFileSync(path, data)
    const out = execFileSync('tshark', ['-r', path, '-Y', 'lacp', '-T', 'fields', '-E', 'header=y', '-E', 'occurrence=f', ...COLS.flatMap((c) => ['-e', c])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    const want = parseTsv(out)
    const { doc, raw } = decodeJson(path)
    const lacp = doc.pdus.filter((p) => p.subtype === 1)
    expect(want.length).toBeGreaterThan(0)
    // tshark leaves eth.src empty for cooked captures without an Ethernet header; ofl reports the SLL address
    const got = lacp.map((p) => asRow(p, raw)).map((r, i) => ({ ...r, 'eth.src': want[i]!['eth.src'] === '' ? '' : r['eth.src'] }))
    expect(got).toEqual(want)
  })
})
