// The framer over real OpenFlow 1.0 vectors (Ryu of10 + Kytos v0x01): each split at every byte, and
// all of them concatenated into one stream split at every byte, must yield exactly the messages.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hasCorpus, corpusPath } from '../helpers/corpus.js'
import { OfFramer } from '../../src/openflow/framer.js'

function frameAll(chunks: Buffer[]): string[] {
  const f = new OfFramer()
  const out: string[] = []
  for (const c of chunks) f.push(c, (b, o, l) => out.push(b.subarray(o, o + l).toString('hex')))
  expect(f.pending).toBe(0)
  return out
}

describe.skipIf(!hasCorpus)('framer over OpenFlow 1.0 vectors', () => {
  const vectors: Array<[string, Buffer]> = []
  if (hasCorpus) {
    const ryu = corpusPath('ryu', 'of10')
    for (const f of readdirSync(ryu).filter((x) => x.endsWith('.packet')).sort()) vectors.push([`ryu/${f}`, readFileSync(`${ryu}/${f}`)])
    const ky = corpusPath('kytos', 'v0x01')
    for (const f of readdirSync(ky).sort()) vectors.push([`kytos/${f}`, readFileSync(`${ky}/${f}`)])
  }

  it('uses 47 vectors', () => {
    expect(vectors.length).toBe(47)
  })

  it.each(vectors)('%s split at every byte', (_name, bytes) => {
    for (let i = 0; i <= bytes.length; i++) {
      expect(frameAll([bytes.subarray(0, i), bytes.subarray(i)])).toEqual([bytes.toString('hex')])
    }
  })

  it('all vectors back to back, split at every byte into two and into three chunks', () => {
    const stream = Buffer.concat(vectors.map(([, b]) => b))
    const want = vectors.map(([, b]) => b.toString('hex'))
    for (let i = 0; i <= stream.length; i++) {
      expect(frameAll([stream.subarray(0, i), stream.subarray(i)])).toEqual(want)
    }
    for (let i = 0; i <= stream.length; i += 7) {
      const j = Math.min(stream.length, i + 53)
      expect(frameAll([stream.subarray(0, i), stream.subarray(i, j), stream.subarray(j)])).toEqual(want)
    }
  })
})
