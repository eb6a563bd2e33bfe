// Registry round trip (loxigen TestAllOF13): every registered 1.2 and 1.3 message type, every multipart
// type (request and reply) and every table-features property has a sample that encodes, decodes back to
// the same value, and re-encodes to the same bytes — also through the lossless JSON form.
import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage } from '../../../../src/openflow/codec.js'
import { registry as registry12 } from '../../../../src/openflow/v12/index.js'
import { registry as registry13 } from '../../../../src/openflow/v13/index.js'
import { MULTIPART_BODIES, multipartTypesFor } from '../../../../src/openflow/common13/multipart-bodies.js'
import { OFPT_MULTIPART_REPLY, OFPT_MULTIPART_REQUEST } from '../../../../src/openflow/common13/constants.js'
import { parseJsonLossless, toJson } from '../../../../src/wire/json.js'
import { samples, tableFeatures } from './samples.js'

const norm = (v: unknown): unknown => JSON.parse(toJson(v))

describe.each([[3, registry12, 26], [4, registry13, 30]] as const)('version %i registry', (version, registry, count) => {
  const list = samples(version)
  it(`registers ${count} message types and has a sample for each`, () => {
    const types = Object.keys(registry).map(Number).sort((a, b) => a - b)
    expect(types).toEqual(Array.from({ length: count }, (_, i) => i))
    expect(new Set(list.map((s) => s.type))).toEqual(new Set(types))
  })
  it('has request and reply samples for every multipart type of the version', () => {
    const mp = multipartTypesFor(version)
    expect(mp.length).toBe(version === 4 ? 15 : 10)
    for (const side of [OFPT_MULTIPART_REQUEST, OFPT_MULTIPART_REPLY]) {
      const got = new Set(list.filter((s) => s.type === side && !s.unknown).map((s) => s.mpType))
      expect(got).toEqual(new Set(mp))
    }
    expect(Object.keys(MULTIPART_BODIES)).toHaveLength(15)
  })
  it.each(list.map((s) => [`${registry[s.type]?.name ?? s.type}${s.mpType !== undefined ? ` mp=${s.mpType}` : ''}`, s]))('%s', (_n, sample) => {
    const bytes = encodeMessage(sample)
    expect(bytes.readUInt16BE(2)).toBe(bytes.length)
    expect(bytes[0]).toBe(version)
    const back = decodeMessage(bytes)
    expect(norm(back)).toEqual(norm(sample))
    expect(encodeMessage(back).equals(bytes)).toBe(true)
    expect(encodeMessage(parseJsonLossless(toJson(back)) as typeof sample).equals(bytes)).toBe(true)
  })
})

it('the table-features sample covers every property type (incl. _MISS, experimenter, unknown)', () => {
  const types = new Set(tableFeatures.properties.map((p) => p.type))
  for (const t of [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 13, 14, 15, 0xfffe, 0xffff]) expect(types.has(t)).toBe(true)
})
