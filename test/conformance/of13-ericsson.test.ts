// Real OpenFlow 1.3 traffic: tcpdump's of13_ericsson.pcapng (Wireshark bug 9283, Ericsson; all 30 OF1.3
// message types and all 14 standard multipart types). The TCP streams are reassembled here (loopback,
// no loss; retransmitted segments dropped by sequence number), framed with the project framer, and:
// - the message count per (version, type) equals the tshark oracle (*.tshark.of.tsv);
// - every OF1.3 message decodes with the v13 codecs (no raw unknown-type view) and re-encodes
//   byte-exactly, directly and through the lossless JSON form — or, for the few the capture carries
//   malformed, fails with a typed OflError that is listed below with its reason.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readCapture } from '../../src/capture/open.js'
import { linkView } from '../../src/capture/linktype.js'
import { OfFramer } from '../../src/openflow/framer.js'
import { decodeMessage, encodeMessage } from '../../src/openflow/codec.js'
import { OFPT_NAMES_13 } from '../../src/openflow/common13/constants.js'
import { OflError } from '../../src/wire/errors.js'
import { parseJsonLossless, toJson } from '../../src/wire/json.js'
import { corpusPath, hasCorpus } from '../helpers/corpus.js'

interface Segment { seq: number; payload: Buffer; frame: number }

/** Per-direction TCP payload streams (IPv4 only, which is all this capture holds). */
function tcpStreams(file: string): Map<string, Segment[]> {
  const streams = new Map<string, Segment[]>()
  for (const rec of readCapture(readFileSync(file))) {
    const eth = linkView(rec.linkType, rec.data)
    if (eth.ethertype !== 0x0800) continue
    const ip = eth.payload
    const ihl = (ip[0]! & 15) * 4
    if (ip[9] !== 6) continue
    const total = ip.readUInt16BE(2)
    const tcp = ip.subarray(ihl, total)
    const off = (tcp[12]! >> 4) * 4
    const payload = tcp.subarray(off)
    if (payload.length === 0) continue
    const key = `${ip.subarray(12, 16).join('.')}:${tcp.readUInt16BE(0)}>${ip.subarray(16, 20).join('.')}:${tcp.readUInt16BE(2)}`
    const list = streams.get(key) ?? []
    list.push({ seq: tcp.readUInt32BE(4), payload, frame: rec.frame })
    streams.set(key, list)
  }
  return streams
}

/** In-order, de-duplicated byte stream of one direction. */
function assemble(segs: Segment[]): Buffer {
  const sorted = [...segs].sort((a, b) => a.seq - b.seq)
  const parts: Buffer[] = []
  let next = sorted[0]!.seq
  for (const s of sorted) {
    if (s.seq + s.payload.length <= next) continue // retransmission
    parts.push(s.payload.subarray(Math.max(0, next - s.seq)))
    next = s.seq + s.payload.length
  }
  return Buffer.concat(parts)
}

describe.skipIf(!hasCorpus)('tcpdump of13_ericsson.pcapng', () => {
  it('message counts per type agree with tshark, and every OF1.3 message round-trips byte-exactly', () => {
    const oracle = new Map<string, number>()
    for (const line of readFileSync(corpusPath('tcpdump', 'of13_ericsson.pcapng.tshark.of.tsv'), 'utf8').split('\n')) {
      const cols = line.split('\t')
      if (line.startsWith('#') || cols[0] === 'frame' || cols.length < 6) continue
      const key = `${cols[1]} ${/\((\d+)\)/.exec(cols[3]!)![1]}`
      oracle.set(key, (oracle.get(key) ?? 0) + 1)
    }
    const seen = new Map<string, number>()
    const failures: string[] = []
    let roundTripped = 0
    for (const segs of tcpStreams(corpusPath('tcpdump', 'of13_ericsson.pcapng')).values()) {
      const framer = new OfFramer()
      framer.push(assemble(segs), (buf, off, len) => {
        const bytes = Buffer.from(buf.subarray(off, off + len))
        const key = `${bytes[0] === 4 ? '1.3' : bytes[0] === 1 ? '1.0' : '?'} ${bytes[1]}`
        seen.set(key, (seen.get(key) ?? 0) + 1)
        if (bytes[0] !== 4) return
        try {
          const m = decodeMessage(bytes)
          expect((m as { body?: unknown; mpType?: number }).body === undefined || (m as { mpType?: number }).mpType !== undefined).toBe(true)
          expect(encodeMessage(m).toString('hex')).toBe(bytes.toString('hex'))
          expect(encodeMessage(parseJsonLossless(toJson(m)) as typeof m).toString('hex')).toBe(bytes.toString('hex'))
          roundTripped++
        } catch (e) {
          if (!(e instanceof OflError)) throw e
          failures.push(`${OFPT_NAMES_13[bytes[1]!]}: ${e.code} @${e.offset} ${bytes.toString("hex")}`)
        }
      })
    }
    expect(Object.fromEntries([...seen].sort())).toEqual(Object.fromEntries([...oracle].sort()))
    expect(failures).toEqual([])
    expect(roundTripped).toBe(101)
    // All 30 OF1.3 message types occur.
    expect([...seen.keys()].filter((k) => k.startsWith('1.3')).length).toBe(30)
  })
})
