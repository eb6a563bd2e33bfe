// Every vector in fixtures/vectors/lacp four ways (mqtt-packet testParseGenerate + dns-packet testEncoder):
// decode equals the JSON; encode (from the JSON) equals the bytes; mirror (decode → encode → decode);
// length() equals bytes.length; plus decoding at an offset inside a larger buffer.
// Negative vectors in fixtures/vectors/invalid/lacp*, marker*: the error code and offset.
import { describe, expect, it } from 'vitest'
import { OflError } from '../../../src/wire/errors.js'
import { toJsonValue } from '../../../src/wire/json.js'
import { CODECS } from './codecs.js'
import { loadVectors } from './vectors.js'

const vectors = loadVectors('lacp')
const invalid = [...loadVectors('invalid', 'lacp'), ...loadVectors('invalid', 'marker')]

describe('LACP/Marker/slow-frame vectors', () => {
  it('has the vectors it expects', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(16)
    expect(invalid.length).toBeGreaterThanOrEqual(9)
  })

  describe.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const codec = CODECS[v.codec]!
    it('decodes to the JSON', () => {
      expect(codec).toBeDefined()
      expect(v.json).toBeDefined()
      expect(toJsonValue(codec.decode(v.bytes))).toEqual(v.json)
    })
    it.skipIf(v.only === 'decode')('encodes the JSON to the bytes', () => {
      expect(codec.encode(v.json).toString('hex')).toBe(v.bytes.toString('hex'))
    })
    it.skipIf(v.only === 'decode')('mirrors (decode → encode → decode)', () => {
      const d = codec.decode(v.bytes)
      const again = codec.encode(d)
      expect(again.equals(v.bytes)).toBe(true)
      expect(toJsonValue(codec.decode(again))).toEqual(v.json)
    })
    it.skipIf(v.only === 'decode')('length() is the byte count', () => {
      expect(codec.length(v.json)).toBe(v.bytes.length)
    })
    it('decodes at an offset inside a larger buffer (offsets shift, fields do not)', () => {
      const big = Buffer.concat([Buffer.from([0xee, 0xee, 0xee]), v.bytes, Buffer.from([0xdd])])
      const d = toJsonValue<any>(codec.decode(big, 3, 3 + v.bytes.length))
      const want = structuredClone(v.json) as any
      const shift = (issues: any[]) => issues.forEach((i) => (i.offset += 3))
      if (v.codec === 'slow-frame') {
        want.eth.payloadOffset += 3
        shift(want.issues)
        // pdu.issues are the same objects as the tail of issues in the decoded form; shift those in the copy too
        shift(want.pdu.issues)
      } else shift(want.issues)
      expect(d).toEqual(want)
    })
  })

  describe.each(invalid.map((v) => [v.name, v] as const))('invalid %s', (_name, v) => {
    it(`throws ${v.error?.code} at ${v.error?.offset}`, () => {
      expect(v.error).toBeDefined()
      let err: unknown
      try {
        CODECS[v.codec]!.decode(v.bytes)
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(OflError)
      expect((err as OflError).code).toBe(v.error!.code)
      expect((err as OflError).offset).toBe(v.error!.offset)
    })
  })
})
