// The hand-assembled 1.2/1.3 vectors of fixtures/vectors (four ways: decode = JSON, encode = bytes,
// JSON → encode = bytes, encode at an offset inside a larger writer), and the negative vectors of
// fixtures/vectors/of1x/invalid, each asserting the error code and the byte offset.
import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage, encodeMessageTo } from '../../../../src/openflow/codec.js'
import { OflError } from '../../../../src/wire/errors.js'
import { parseJsonLossless, toJson } from '../../../../src/wire/json.js'
import { WireWriter } from '../../../../src/wire/writer.js'
import { loadHexVectors } from '../../../helpers/vectors13.js'

const good = [...loadHexVectors('of13'), ...loadHexVectors('of12')]
const bad = [...loadHexVectors('of13/invalid'), ...loadHexVectors('of12/invalid')]

describe('1.2/1.3 vectors', () => {
  it.each(good.map((v) => [v.name, v]))('%s', (_n, v) => {
    expect(v.bytes.readUInt16BE(2)).toBe(v.bytes.length)
    const m = decodeMessage(v.bytes)
    expect(JSON.parse(toJson(m))).toEqual(JSON.parse(v.json!))
    expect(encodeMessage(m).toString('hex')).toBe(v.bytes.toString('hex'))
    const fromJson = parseJsonLossless(v.json!) as Parameters<typeof encodeMessage>[0]
    expect(encodeMessage(fromJson).toString('hex')).toBe(v.bytes.toString('hex'))
    const w = new WireWriter(8)
    w.zero(5)
    const n = encodeMessageTo(w, fromJson)
    expect(n).toBe(v.bytes.length)
    expect(w.finish().subarray(5).equals(v.bytes)).toBe(true)
  })
})

describe('1.2/1.3 negative vectors', () => {
  it('there is one for each structure loop the issue names', () => {
    expect(bad.length).toBeGreaterThanOrEqual(14)
  })
  it.each(bad.map((v) => [`${v.name} → ${v.expect!.code} at ${v.expect!.offset}`, v]))('%s', (_n, v) => {
    expect(v.bytes.readUInt16BE(2)).toBe(v.bytes.length)
    let err: unknown
    try {
      decodeMessage(v.bytes)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(OflError)
    expect({ code: (err as OflError).code, offset: (err as OflError).offset }).toEqual(v.expect)
  })
})
