import assert from 'node:assert/strict'
import { describe, expect, it } from 'vitest'
import { decodeMessage, decodeMessages, encodeMessage, messageLength, isRawMessage } from '../../../src/openflow/codec.js'
import { OflError } from '../../../src/wire/errors.js'
import { toJson, parseJsonLossless } from '../../../src/wire/json.js'

function codeOf(fn: () => unknown): { code: string; offset: number | undefined } {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(OflError)
    const err = e as OflError
    return { code: err.code, offset: err.offset }
  }
  throw new Error('expected an OflError')
}

describe('decodeMessage / encodeMessage (core)', () => {
  it('unknown message types decode to a raw view and re-encode unchanged', () => {
    const bytes = Buffer.from('01630010000000070102030405060708', 'hex') // OF1.0 type 99
    const m = decodeMessage(bytes)
    expect(m).toMatchObject({ version: 1, type: 99, xid: 7 })
    expect(isRawMessage(m)).toBe(true)
    assert(isRawMessage(m))
    expect(m.body.toString('hex')).toBe('0102030405060708')
    // zero-copy: the body is a view into the input
    expect(m.body.buffer).toBe(bytes.buffer)
    expect(encodeMessage(m).equals(bytes)).toBe(true)
    expect(messageLength(m)).toBe(16)
    // JSON form round trip
    const json = parseJsonLossless(toJson(m)) as never
    expect(encodeMessage(json).equals(bytes)).toBe(true)
  })

  it('unknown versions: OFPBRC_BAD_VERSION by default, raw on request (Ryu version 0xff vector)', () => {
    const bytes = Buffer.from('ff0e000c0000002a00000001', 'hex')
    expect(codeOf(() => decodeMessage(bytes))).toEqual({ code: 'OFPBRC_BAD_VERSION', offset: 0 })
    const m = decodeMessage(bytes, 0, { unknownVersion: 'raw' })
    expect(m).toMatchObject({ version: 0xff, type: 14, xid: 42 })
    expect(encodeMessage(m).equals(bytes)).toBe(true)
    expect(codeOf(() => encodeMessage({ version: 0xff, type: 14, xid: 1 })).code).toBe('OFPBRC_BAD_VERSION')
  })

  it('negative inputs: 2-byte buffer, length below 8, length above the buffer', () => {
    expect(codeOf(() => decodeMessage(Buffer.from([1, 0])))).toEqual({ code: 'TRUNCATED', offset: 0 })
    expect(codeOf(() => decodeMessage(Buffer.from('0100000400000000', 'hex')))).toEqual({ code: 'OFPBRC_BAD_LEN', offset: 2 })
    expect(codeOf(() => decodeMessage(Buffer.from('0163002000000000', 'hex')))).toEqual({ code: 'TRUNCATED', offset: 0 })
    // at an offset: offsets are absolute
    const two = Buffer.from('aaaa0100000600000000', 'hex')
    expect(codeOf(() => decodeMessage(two, 2))).toEqual({ code: 'OFPBRC_BAD_LEN', offset: 4 })
  })

  it('decodes at an offset and only looks at header.length bytes', () => {
    const bytes = Buffer.from('eeee01630009000000010aff', 'hex')
    const m = decodeMessage(bytes, 2)
    assert(isRawMessage(m))
    expect(m.body.toString('hex')).toBe('0a')
  })

  it('decodeMessages walks back-to-back messages', () => {
    const a = Buffer.from('0163000900000001aa', 'hex')
    const b = Buffer.from('01640008000000ff', 'hex')
    const ms = decodeMessages(Buffer.concat([a, b]))
    expect(ms.map((m) => [m.type, m.xid])).toEqual([[99, 1], [100, 255]])
    expect(codeOf(() => decodeMessages(Buffer.concat([a, b.subarray(0, 5)])))).toEqual({ code: 'TRUNCATED', offset: 9 })
  })

  it('refuses to encode more than 65535 bytes', () => {
    expect(codeOf(() => encodeMessage({ version: 1, type: 99, xid: 0, body: Buffer.alloc(65535 - 7) })).code).toBe('OFPBRC_BAD_LEN')
    expect(encodeMessage({ version: 1, type: 99, xid: 0, body: Buffer.alloc(65535 - 8) }).length).toBe(65535)
  })
})
