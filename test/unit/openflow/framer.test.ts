import { describe, expect, it } from 'vitest'
import { OfFramer } from '../../../src/openflow/framer.js'
import { OflError } from '../../../src/wire/errors.js'

const msg = (type: number, xid: number, body = '') => {
  const b = Buffer.from(body, 'hex')
  const h = Buffer.alloc(8)
  h[0] = 1; h[1] = type; h.writeUInt16BE(8 + b.length, 2); h.writeUInt32BE(xid, 4)
  return Buffer.concat([h, b])
}

function collect(f: OfFramer, chunks: Buffer[]): string[] {
  const out: string[] = []
  for (const c of chunks) f.push(c, (b, o, l) => out.push(b.subarray(o, o + l).toString('hex')))
  return out
}

describe('OfFramer', () => {
  const stream = Buffer.concat([msg(0, 1), msg(10, 2, 'aabbccdd'), msg(2, 3, '00'.repeat(300)), msg(3, 4, '01')])
  const expected = [msg(0, 1), msg(10, 2, 'aabbccdd'), msg(2, 3, '00'.repeat(300)), msg(3, 4, '01')].map((b) => b.toString('hex'))

  it('emits every message of a stream split at every byte (two chunks)', () => {
    for (let i = 0; i <= stream.length; i++) {
      const f = new OfFramer()
      expect(collect(f, [stream.subarray(0, i), stream.subarray(i)])).toEqual(expected)
      expect(f.pending).toBe(0)
    }
  })

  it('emits every message fed one byte at a time, and views survive later pushes', () => {
    const f = new OfFramer()
    const views: Buffer[] = []
    for (let i = 0; i < stream.length; i++) f.push(stream.subarray(i, i + 1), (b, o, l) => views.push(b.subarray(o, o + l)))
    expect(views.map((v) => v.toString('hex'))).toEqual(expected)
    expect(f.messages).toBe(4)
  })

  it('adopts a chunk without copying when nothing is pending', () => {
    const f = new OfFramer()
    const seen: Buffer[] = []
    f.push(stream, (b) => seen.push(b))
    expect(seen.every((b) => b === stream)).toBe(true)
    expect(f.view(stream)).toBe(f.view(stream))
  })

  it('partial messages wait; length < 8 is OFPBRC_BAD_LEN at the stream offset, then input is refused until reset', () => {
    const f = new OfFramer()
    expect(collect(f, [msg(0, 1).subarray(0, 5)])).toEqual([])
    expect(f.pending).toBe(5)
    const bad = Buffer.concat([msg(0, 1).subarray(5), Buffer.from('0100000500000000', 'hex')])
    const got: string[] = []
    let err: unknown
    try {
      f.push(bad, (b, o, l) => got.push(b.subarray(o, o + l).toString('hex')))
    } catch (e) {
      err = e
    }
    expect(got).toEqual([msg(0, 1).toString('hex')]) // the good message before it was delivered
    expect(err).toBeInstanceOf(OflError)
    expect((err as OflError).code).toBe('OFPBRC_BAD_LEN')
    expect((err as OflError).offset).toBe(8 + 2)
    expect(() => f.push(msg(0, 2), () => {})).toThrow(expect.objectContaining({ code: 'OFPBRC_BAD_LEN' }))
    f.reset()
    expect(collect(f, [msg(0, 9)])).toEqual([msg(0, 9).toString('hex')])
  })

  it('a throwing callback leaves the framer usable', () => {
    const f = new OfFramer()
    expect(() => f.push(Buffer.concat([msg(0, 1), msg(0, 2)]), () => { throw new Error('app') })).toThrow('app')
    expect(collect(f, [msg(0, 3)])).toEqual([msg(0, 2), msg(0, 3)].map((b) => b.toString('hex')))
  })

  it('frames() returns views', () => {
    const f = new OfFramer()
    expect(f.frames(stream).map((b) => b.length)).toEqual([8, 12, 308, 9])
  })
})
