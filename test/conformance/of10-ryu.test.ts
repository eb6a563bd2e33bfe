// Ryu's OpenFlow 1.0 vectors (corpus ryu/of10: binaries from the Erlang `flower` library, OVS
// libofproto and ovs-ofctl, with Ryu's decoded JSON): decode, agree with Ryu in every field it
// reports (test/helpers/ryu-map.ts), re-encode byte-exactly, and round-trip through the JSON form.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hasCorpus, corpusPath } from '../helpers/corpus.js'
import { compareRyu } from '../helpers/ryu-map.js'
import { decodeMessage, encodeMessage, messageLength } from '../../src/openflow/codec.js'
import { parseJsonLossless, toJson } from '../../src/wire/json.js'

describe.skipIf(!hasCorpus)('Ryu OpenFlow 1.0 vectors', () => {
  const dir = hasCorpus ? corpusPath('ryu', 'of10') : ''
  const files = hasCorpus ? readdirSync(dir).filter((f) => f.endsWith('.packet')).sort() : []

  it('has the 13 vectors the corpus README lists', () => {
    expect(files.length).toBe(13)
  })

  it.each(files)('%s', (f) => {
    const bytes = readFileSync(`${dir}/${f}`)
    const msg = decodeMessage(bytes)
    expect(msg.version).toBe(1)
    const cmp = compareRyu(readFileSync(`${dir}/${f}.json`, 'utf8'), msg)
    expect(cmp.mismatches).toEqual([])
    expect(cmp.compared).toBeGreaterThan(0)
    expect(encodeMessage(msg).equals(bytes)).toBe(true)
    expect(messageLength(msg)).toBe(bytes.length)
    const back = parseJsonLossless(toJson(msg)) as never
    expect(encodeMessage(back).equals(bytes)).toBe(true)
  })
})
