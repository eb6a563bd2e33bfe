// Kytos python-openflow OF1.3 messages (corpus kytos/v0x04, exported from POX ↔ Open vSwitch sessions):
// every file decodes as one OpenFlow 1.3 message of the type its name says, and re-encodes byte-exactly,
// directly and through the lossless JSON form.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage } from '../../src/openflow/codec.js'
import { OFPT_NAMES_13 } from '../../src/openflow/common13/constants.js'
import { parseJsonLossless, toJson } from '../../src/wire/json.js'
import { corpusPath, hasCorpus } from '../helpers/corpus.js'

/** Kytos file name → expected OFPT name (multipart files are named after their multipart type). */
function expectedType(file: string): string {
  const base = file.replace(/^ofpt_/, '').replace(/\.dat$/, '')
  if (/_request$/.test(base) && /(stats|multipart)/.test(base)) return 'OFPT_MULTIPART_REQUEST'
  if (/(_stats|port_desc)$/.test(base)) return 'OFPT_MULTIPART_REPLY'
  return `OFPT_${base.toUpperCase()}`
}

describe.skipIf(!hasCorpus)('Kytos v0x04 vectors', () => {
  const names = hasCorpus ? readdirSync(corpusPath('kytos', 'v0x04')).filter((f) => f.endsWith('.dat')).sort() : []
  it('has the 22 files the corpus README lists', () => {
    expect(names).toHaveLength(22)
  })
  it.each(names)('%s', (name) => {
    const bytes = readFileSync(corpusPath('kytos', 'v0x04', name))
    const m = decodeMessage(bytes)
    expect(m.version).toBe(4)
    expect(OFPT_NAMES_13[m.type]).toBe(expectedType(name))
    expect('unknown' in m).toBe(false)
    expect(encodeMessage(m).toString('hex')).toBe(bytes.toString('hex'))
    const json = parseJsonLossless(toJson(m)) as Parameters<typeof encodeMessage>[0]
    expect(encodeMessage(json).toString('hex')).toBe(bytes.toString('hex'))
  })
})
