// Framing one OpenFlow byte stream with capture positions and damage recovery (direction.ts).
import { describe, expect, it } from 'vitest'
import { OfDirection, plausibleHeader, type FramedMessage, type StreamIssue } from '../../../src/openflow/stream/direction.js'
import { encodeMessage } from '../../../src/openflow/codec.js'

const hello13 = (xid: number) => encodeMessage({ version: 4, type: 0, xid, elements: [] })
const echo10 = (xid: number, data = '') => encodeMessage({ version: 1, type: 2, xid, data })

function harness() {
  const msgs: FramedMessage[] = []
  const issues: StreamIssue[] = []
  const d = new OfDirection((m) => msgs.push(m), (i) => issues.push(i))
  let off = 0
  let frame = 0
  const feed = (b: Buffer) => {
    frame++
    d.data({ streamOffset: off, data: b, frame, tsSec: 100 + frame, tsNsec: 0, frameOffset: 66 })
    off += b.length
  }
  return { d, msgs, issues, feed, gap: (n: number) => { d.gap({ streamOffset: off, missing: n, frame, reason: 'end of capture' }); off += n } }
}

describe('plausibleHeader', () => {
  it('accepts known versions/types with length >= 8 and rejects the rest', () => {
    expect(plausibleHeader(hello13(1), 0)).toBe(true)
    expect(plausibleHeader(Buffer.from([0x04, 30, 0, 8]), 0)).toBe(false) // OF1.3 has no type 30
    expect(plausibleHeader(Buffer.from([0x5c, 0x1e, 0xdb, 0xe9]), 0)).toBe(false)
    expect(plausibleHeader(Buffer.from([0x01, 0, 0, 7]), 0)).toBe(false)
  })
})

describe('OfDirection', () => {
  it('maps messages to the frames holding their first and last bytes', () => {
    const h = harness()
    const a = hello13(1)
    const b = echo10(2, '0102030405')
    const both = Buffer.concat([a, b])
    h.feed(both.subarray(0, 12)) // a + 4 bytes of b
    h.feed(both.subarray(12))
    expect(h.msgs.map((m) => [m.offset, m.firstFrame, m.frame, m.frameOffset, m.bytes.length])).toEqual([
      [0, 1, 1, 66, 8],
      [8, 1, 2, undefined, 13],
    ])
    expect(h.msgs[1]!.bytes.equals(b)).toBe(true)
    expect(h.issues).toEqual([])
  })

  it('after a length below 8 reports OFPBRC_BAD_LEN, skips to the next plausible segment start and resumes', () => {
    const h = harness()
    h.feed(Buffer.concat([hello13(1), Buffer.from('0400000400000002', 'hex')]))
    h.feed(Buffer.from('deadbeefdeadbeef', 'hex'))
    h.feed(hello13(3))
    expect(h.msgs.map((m) => m.bytes.readUInt32BE(4))).toEqual([1, 3])
    expect(h.issues.map((i) => [i.code, i.offset, i.frame])).toEqual([
      ['OFPBRC_BAD_LEN', 10, 1],
      ['OF_STREAM_SKIPPED', 8, 1],
    ])
    expect(h.issues[1]!.bytes).toBe(16) // the rest of frame 1 after the bad header, and frame 2
    expect(h.msgs[1]!.offset).toBe(24)
  })

  it('an implausible pending header (stream out of step) is reported and hunted past', () => {
    const h = harness()
    h.feed(Buffer.concat([hello13(1), Buffer.from('5c1edbe9f4ffff04', 'hex')]))
    h.feed(hello13(2))
    expect(h.msgs).toHaveLength(2)
    expect(h.issues[0]).toMatchObject({ code: 'OF_STREAM_BAD_HEADER', offset: 8, frame: 1, bytes: 8 })
  })

  it('a gap inside a message reports it truncated, then resynchronises', () => {
    const h = harness()
    const b = echo10(7, 'aabbccddeeff')
    h.feed(b.subarray(0, 10))
    h.gap(100)
    h.feed(b.subarray(3)) // not a header: skipped
    h.feed(hello13(8))
    expect(h.msgs[0]).toMatchObject({ offset: 0, truncated: { announced: 14 } })
    expect(h.msgs[0]!.bytes.equals(b.subarray(0, 10))).toBe(true)
    expect(h.msgs[1]!.bytes.readUInt32BE(4)).toBe(8)
    expect(h.issues.map((i) => i.code)).toEqual(['TCP_GAP', 'OF_STREAM_SKIPPED'])
  })

  it('reports a stream that ends inside a message', () => {
    const h = harness()
    h.feed(echo10(1, 'aabb').subarray(0, 9))
    h.d.finish(5)
    expect(h.issues).toEqual([{ code: 'OF_STREAM_TRUNCATED', message: 'the stream ends inside a message: 9 of 10 bytes present', offset: 0, frame: 5, bytes: 9 }])
  })
})
