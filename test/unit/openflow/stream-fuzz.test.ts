// Damaged captures never break the OpenFlow stream decoder: corpus captures with bytes flipped,
// records cut short, dropped, duplicated and swapped (seeded PRNG) go through OfCaptureDecoder and
// decodeMessage; only typed issues come out, nothing throws or hangs, and the undamaged segments of
// a capture still decode (each run is compared with the clean decode of the same capture).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { corpusPath, hasCorpus } from '../../helpers/corpus.js'
import { readCapture } from '../../../src/capture/open.js'
import type { CaptureRecord } from '../../../src/capture/record.js'
import { OfCaptureDecoder, type OfCaptureIssue, type OfCaptureMessage } from '../../../src/openflow/stream/capture.js'
import { decodeMessage } from '../../../src/openflow/codec.js'
import { isOflError } from '../../../src/wire/errors.js'
import { mulberry32 as prng } from '../../helpers/prng.js'

const ISSUE_CODES = new Set(['OFPBRC_BAD_LEN', 'OF_STREAM_BAD_HEADER', 'TCP_GAP', 'OF_STREAM_SKIPPED', 'OF_STREAM_TRUNCATED'])

function run(records: CaptureRecord[]): { msgs: OfCaptureMessage[]; issues: OfCaptureIssue[]; decodeErrors: number } {
  const msgs: OfCaptureMessage[] = []
  const issues: OfCaptureIssue[] = []
  let decodeErrors = 0
  const dec = new OfCaptureDecoder((m) => msgs.push(m), (i) => issues.push(i))
  for (const r of records) dec.push(r)
  dec.finish()
  for (const m of msgs) {
    expect(m.bytes.length).toBeLessThanOrEqual(0xffff)
    try {
      decodeMessage(m.bytes)
    } catch (e) {
      if (!isOflError(e)) throw e
      decodeErrors++
    }
  }
  for (const i of issues) expect(ISSUE_CODES.has(i.code), i.code).toBe(true)
  return { msgs, issues, decodeErrors }
}

function mutate(recs: CaptureRecord[], rnd: () => number): CaptureRecord[] {
  const out: CaptureRecord[] = []
  for (const r of recs) {
    const x = rnd()
    if (x < 0.05) continue // dropped
    let data = Buffer.from(r.data)
    if (x < 0.15 && data.length > 60) data = data.subarray(0, 54 + Math.floor(rnd() * (data.length - 54))) // snapped
    else if (x < 0.35) for (let k = 0; k < 1 + rnd() * 4; k++) data[Math.floor(rnd() * data.length)] = Math.floor(rnd() * 256) // flipped
    const m = { ...r, data, origLen: r.origLen }
    out.push(m)
    if (rnd() < 0.05) out.push({ ...m, data: Buffer.from(data) }) // duplicated
  }
  for (let k = 0; k < out.length / 10; k++) {
    const i = Math.floor(rnd() * (out.length - 1))
    ;[out[i], out[i + 1]] = [out[i + 1]!, out[i]!] // reordered
  }
  return out
}

describe.skipIf(!hasCorpus)('stream decoder on damaged captures', () => {
  it.each(['of10_p3295.pcap', 'of10_s4810.pcap', 'of10_pf5240.pcap', 'of10_7050sx_bsn.pcap', 'of13_ericsson.pcapng'])('%s: 40 damaged variants', (f) => {
    const clean = readCapture(readFileSync(corpusPath('tcpdump', f)))
    const base = run(clean)
    const rnd = prng(0x0f1 + f.length)
    let recovered = 0
    for (let k = 0; k < 40; k++) {
      const r = run(mutate(clean, rnd))
      // damage loses some messages, but the decoder keeps going: most of the capture still frames
      if (r.msgs.length >= base.msgs.length / 2) recovered++
    }
    expect(recovered).toBeGreaterThanOrEqual(30)
  })

  it('random bytes on the OpenFlow port yield only typed issues', () => {
    const rnd = prng(7)
    const clean = readCapture(readFileSync(corpusPath('tcpdump', 'of10_p3295.pcap')))
    const junk = clean.map((r) => {
      const d = Buffer.from(r.data)
      for (let i = 66; i < d.length; i++) d[i] = Math.floor(rnd() * 256)
      return { ...r, data: d }
    })
    const r = run(junk)
    expect(r.issues.length + r.decodeErrors).toBeGreaterThan(0)
  })
})
