// tcpdump's OpenFlow captures (real switches and controllers, plus fuzzed ones) and Ryu's OpenFlow
// pcaps, decoded by `decodeOfFiles` and compared message by message with the tshark oracles
// (`*.tshark.of.tsv`: one row per top-level message, frame/version/pos/type/length/xid; tshark
// reassembles TCP, so it is the peer to match — tcpdump decodes each segment alone, see
// corpus README). Then decode → JSON → encode must give back every message's bytes.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { corpusPath, hasCorpus } from '../helpers/corpus.js'
import { countByType, decodeOfFiles, ofReportToJson, type OfDecodeReport } from '../../src/openflow/stream/decode.js'
import { encodeJsonTexts } from '../../src/openflow/files.js'
import { toJson } from '../../src/wire/json.js'

interface Row { frame: number; version: string; pos: number; type: number; typeName: string; length: number; xid: number }

function oracle(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('frame\t'))
    .map((l) => {
      const [frame, version, pos, type, length, xid] = l.split('\t')
      const m = /^(\S+) \((\d+)\)$/.exec(type!)!
      return { frame: +frame!, version: version!, pos: +pos!, type: +m[2]!, typeName: m[1]!, length: +length!, xid: +xid! }
    })
}

/** Match every oracle row to a decoded message with the same frame, type, length and xid (and offset in the frame when tshark gives one from this frame). */
function agree(r: OfDecodeReport, rows: Row[]): { matched: number; missing: Row[]; extra: number } {
  const left = [...r.messages]
  const missing: Row[] = []
  for (const row of rows) {
    const i = left.findIndex((e) => e.frame === row.frame && e.type === row.type && e.length === row.length && e.xid === row.xid && (e.frameOffset === undefined || row.pos === 0 || e.frameOffset === row.pos))
    if (i === -1) missing.push(row)
    else left.splice(i, 1)
  }
  return { matched: rows.length - missing.length, missing, extra: left.length }
}

function tsharkCounts(rows: Row[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const r of rows) {
    const k = `OF${r.version} ${r.typeName}`
    out[k] = (out[k] ?? 0) + 1
  }
  return out
}

const CAPTURES: Array<[dir: string, file: string]> = [
  ['tcpdump', 'of10_p3295.pcap'],
  ['tcpdump', 'of10_s4810.pcap'],
  ['tcpdump', 'of10_pf5240.pcap'],
  ['tcpdump', 'of10_7050sx_bsn.pcap'],
  ['tcpdump', 'of10_7050sx_bsn-oobr.pcap'],
  ['tcpdump', 'of10_7050q.pcapng'],
  ['tcpdump', 'of10_inv_OFPST_FLOW.pcap'],
  ['tcpdump', 'of10_inv_QUEUE_GET_CONFIG_REPLY.pcap'],
  ['tcpdump', 'of13_ericsson.pcapng'],
  ['ryu/pcap', 'openflow_flowmod.pcap'],
  ['ryu/pcap', 'openflow_flowstats_req.pcap'],
]

describe.skipIf(!hasCorpus)('OpenFlow captures agree with tshark, message by message', () => {
  const agreement: string[] = []
  it.each(CAPTURES)('%s/%s', async (dir, file) => {
    const r = await decodeOfFiles([corpusPath(dir, file)])
    const rows = oracle(corpusPath(dir, `${file}.tshark.of.tsv`))
    const a = agree(r, rows)
    agreement.push(`${file}: ${a.matched}/${rows.length}`)
    expect(a.missing).toEqual([])
    expect(a.extra).toBe(0)
    expect(countByType(r.messages)).toEqual(tsharkCounts(rows))
  })

  it('per-capture agreement (messages matched/total)', () => {
    // printed for the closing note
    console.log(`tshark agreement: ${agreement.join(', ')}`)
    expect(agreement).toHaveLength(CAPTURES.length)
  })
})

describe.skipIf(!hasCorpus)('damaged captures yield typed errors and the rest still decodes', () => {
  it('of10_inv_OFPST_FLOW: both fuzzed flow-stats replies fail with OFPBAC_BAD_LEN at their action, the bogus header after them is caught, the retransmitted copy is dropped', async () => {
    const r = await decodeOfFiles([corpusPath('tcpdump', 'of10_inv_OFPST_FLOW.pcap')])
    expect(r.messages.map((e) => [e.frame, e.type, e.xid, e.error?.code, e.error?.offset, e.error?.field])).toEqual([
      [1, 17, 0xffff0100, 'OFPBAC_BAD_LEN', 102, 'ofp_action_header.len'],
      [1, 17, 0xff800000, 'OFPBAC_BAD_LEN', 230, 'ofp_action_header.len'],
    ])
    expect(r.issues.map((i) => [i.code, i.frame, i.offset])).toEqual([
      ['OF_STREAM_BAD_HEADER', 1, 256], // version 0x5c, length 56297: tcpdump prints it as "version unknown (0x5c)"
      ['TCP_GAP', 1, 362], // the frame is snapped 148 bytes short of its IP length
    ])
  })

  it('of10_inv_QUEUE_GET_CONFIG_REPLY: not IP at all (EtherType 0x7e7e): no messages, no crash', async () => {
    const r = await decodeOfFiles([corpusPath('tcpdump', 'of10_inv_QUEUE_GET_CONFIG_REPLY.pcap')])
    expect(r.inputs[0]).toMatchObject({ kind: 'pcap', messages: 0, frames: 1 })
    expect(r.messages).toEqual([])
  })

  it('of10_7050sx_bsn-oobr: the 7th VENDOR message, cut by the snap length, is reported TRUNCATED after 6 good ones', async () => {
    const r = await decodeOfFiles([corpusPath('tcpdump', 'of10_7050sx_bsn-oobr.pcap')])
    expect(r.messages.filter((e) => !e.error)).toHaveLength(6)
    const bad = r.messages[6]!
    expect(bad).toMatchObject({ type: 4, length: 30, frameOffset: 210, error: { code: 'TRUNCATED', field: 'ofp_header.length' } })
    expect(bad.bytes.length).toBe(29)
  })

  it('of10_s4810: the STATS_REPLY tcpdump shows cut ([|openflow], frame 40) continues in frame 41 and decodes whole once reassembled', async () => {
    const r = await decodeOfFiles([corpusPath('tcpdump', 'of10_s4810.pcap')])
    const spanning = r.messages.filter((e) => e.firstFrame === 40 && e.frame === 41)
    expect(spanning.map((e) => [e.type, e.length, e.xid, e.error])).toEqual([[17, 972, 58, undefined]])
    expect(r.messages.filter((e) => e.error)).toEqual([])
    // a message cut at the segment end, decoded alone as tcpdump does, is a typed error:
    const { decodeMessage } = await import('../../src/openflow/codec.js')
    const cut = spanning[0]!.bytes.subarray(0, 700)
    expect(() => decodeMessage(cut)).toThrow(expect.objectContaining({ code: 'TRUNCATED', offset: 0 }))
  })

  it('of13_ericsson: segments the capture missed (tshark: "ACKed segment that wasn\'t captured") become TCP_GAP issues at the frame that shows them, and decoding resumes', async () => {
    const r = await decodeOfFiles([corpusPath('tcpdump', 'of13_ericsson.pcapng')])
    expect(new Set(r.issues.map((i) => i.code))).toEqual(new Set(['TCP_GAP']))
    // the frames tshark flags with tcp.analysis.ack_lost_segment / lost_segment
    expect([...new Set(r.issues.map((i) => i.frame))].sort((a, b) => a! - b!)).toEqual([50, 51, 86, 87, 89, 90, 95, 96, 149, 150, 152, 153, 161, 162, 164, 165])
    expect(r.issues.every((i) => /acknowledged but not captured/.test(i.message))).toBe(true)
    expect(r.messages.filter((e) => e.error)).toEqual([])
    expect(r.messages).toHaveLength(103)
  })

  it('openflow_invalid_version (Ryu): the version-0xff message is found and reported as OFPBRC_BAD_VERSION', async () => {
    const r = await decodeOfFiles([corpusPath('ryu/pcap', 'openflow_invalid_version.pcap')])
    expect(r.messages.map((e) => [e.version, e.type, e.length, e.error?.code])).toEqual([[0xff, 14, 80, 'OFPBRC_BAD_VERSION']])
  })
})

describe.skipIf(!hasCorpus)('captures: decode → JSON → encode is byte-exact', () => {
  it.each([...CAPTURES, ['ryu/pcap', 'openflow_invalid_version.pcap'] as [string, string]])('%s/%s', async (dir, file) => {
    const r = await decodeOfFiles([corpusPath(dir, file)])
    const doc = toJson(ofReportToJson(r))
    const back = encodeJsonTexts([doc])
    expect(back).toHaveLength(r.messages.length)
    back.forEach((b, i) => {
      const e = r.messages[i]!
      expect(b.toString('hex'), `message ${e.index} (frame ${e.frame})`).toBe(e.bytes.toString('hex'))
    })
  })
})
