// TCP direction reassembly: order, duplicates, overlaps, holes (held, acknowledged, end of capture),
// snapped frames, sequence wrap-around.
import { describe, expect, it } from 'vitest'
import { TcpDirection, type StreamData, type StreamGap } from '../../../src/openflow/stream/reassembly.js'

const ACK = 0x10
const SYN = 0x02
const FIN = 0x01

function harness() {
  const data: StreamData[] = []
  const gaps: StreamGap[] = []
  const sink = { data: (d: StreamData) => data.push({ ...d, data: Buffer.from(d.data) }), gap: (g: StreamGap) => gaps.push(g) }
  const dir = new TcpDirection({ maxHeldSegments: 4 })
  let frame = 0
  const push = (seq: number, bytes: string, flags = ACK, announced?: number) => {
    const b = Buffer.from(bytes)
    frame++
    dir.push(seq >>> 0, flags, b, announced ?? b.length, { frame, tsSec: frame, tsNsec: 0, frameOffset: 54 }, sink)
  }
  const text = () => data.map((d) => d.data.toString()).join('')
  return { dir, data, gaps, sink, push, text, frame: () => frame }
}

describe('TcpDirection', () => {
  it('starts after the SYN and delivers in-order data with stream offsets and frames', () => {
    const h = harness()
    h.push(1000, '', SYN)
    h.push(1001, 'abc')
    h.push(1004, 'defg')
    expect(h.text()).toBe('abcdefg')
    expect(h.data.map((d) => [d.streamOffset, d.frame, d.frameOffset])).toEqual([[0, 2, 54], [3, 3, 54]])
    expect(h.dir.synSeen).toBe(true)
    expect(h.dir.midstream).toBe(false)
  })

  it('drops retransmissions and trims overlaps', () => {
    const h = harness()
    h.push(1, 'abcd')
    h.push(1, 'abcd') // full duplicate
    h.push(3, 'cdef') // overlaps 2 bytes
    expect(h.text()).toBe('abcdef')
    expect(h.dir.retransmissions).toBe(1)
    expect(h.dir.overlaps).toBe(1)
    expect(h.data[1]).toMatchObject({ streamOffset: 4, frameOffset: 56 })
    expect(h.dir.midstream).toBe(true)
  })

  it('holds out-of-order segments until the hole fills', () => {
    const h = harness()
    h.push(1, 'ab')
    h.push(5, 'ef')
    h.push(7, 'gh')
    expect(h.text()).toBe('ab')
    h.push(3, 'cd')
    expect(h.text()).toBe('abcdefgh')
    expect(h.gaps).toEqual([])
    expect(h.dir.outOfOrder).toBe(2)
  })

  it('gives up a hole the peer acknowledged (bytes sent but not captured)', () => {
    const h = harness()
    h.push(1, 'ab')
    h.dir.acked(11, 9, h.sink) // peer has everything up to seq 11
    expect(h.gaps).toEqual([{ streamOffset: 2, missing: 8, frame: 9, reason: 'acknowledged but not captured' }])
    h.push(11, 'zz')
    expect(h.data.at(-1)).toMatchObject({ streamOffset: 10 })
  })

  it('an acknowledged FIN is not a hole', () => {
    const h = harness()
    h.push(1, 'ab', ACK | FIN)
    h.dir.acked(4, 3, h.sink)
    expect(h.gaps).toEqual([])
  })

  it('gives up a hole when too many segments are held, and at the end of the capture', () => {
    const h = harness()
    h.push(1, 'a')
    for (let i = 0; i < 5; i++) h.push(10 + i, String(i))
    expect(h.gaps[0]).toMatchObject({ streamOffset: 1, missing: 8, reason: 'out-of-order limit' })
    expect(h.text()).toBe('a01234')
    h.push(40, 'x')
    h.dir.finish(h.sink)
    expect(h.gaps[1]).toMatchObject({ streamOffset: 14, missing: 25, reason: 'end of capture' })
    expect(h.text()).toBe('a01234x')
  })

  it('reports the missing tail of a snapped frame as a gap', () => {
    const h = harness()
    h.push(1, 'abcd', ACK, 10)
    expect(h.gaps).toEqual([{ streamOffset: 4, missing: 6, frame: 1, reason: 'snapped frame' }])
    h.push(11, 'k')
    expect(h.data.at(-1)).toMatchObject({ streamOffset: 10 })
  })

  it('handles sequence number wrap-around', () => {
    const h = harness()
    h.push(0xfffffffe, 'ab')
    h.push(0, 'cd')
    h.push(0xffffffff, 'bc') // retransmission across the wrap, overlapping
    expect(h.text()).toBe('abcd')
  })
})
