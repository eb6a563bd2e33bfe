// fixtures/vectors/of10/*.hex (annotated hex + expected JSON, loxigen .data style) run four ways:
// decode equals the JSON, encode equals the bytes, JSON → encode equals the bytes, messageLength
// equals the size; invalid/*.hex must fail with the stated code and offset.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage, messageLength } from '../../../../src/openflow/codec.js'
import { OflError } from '../../../../src/wire/errors.js'
import { parseHex } from '../../../../src/wire/hex.js'
import { parseJsonLossless, toJsonValue } from '../../../../src/wire/json.js'

const DIR = fileURLToPath(new URL('../../../../fixtures/vectors/of10/', import.meta.url))

interface Vector { bytes: Buffer; json?: unknown; error?: { code: string; offset: number } }

function loadVector(path: string): Vector {
  const text = readFileSync(path, 'utf8')
  const sections = text.split(/^-- /m)
  const head = sections[0]!
  const part = (name: string) => sections.find((s) => s.startsWith(name))?.slice(name.length)
  const err = /^# expect-error: (\S+) (\d+)/m.exec(head)
  const json = part('json')
  return {
    bytes: parseHex(part('binary')!),
    json: json === undefined ? undefined : parseJsonLossless(json),
    error: err ? { code: err[1]!, offset: Number(err[2]) } : undefined,
  }
}

const valid = readdirSync(DIR).filter((f) => f.endsWith('.hex'))
const invalid = readdirSync(`${DIR}/invalid`).filter((f) => f.endsWith('.hex'))

describe('OpenFlow 1.0 vectors', () => {
  it.each(valid)('%s', (f) => {
    const v = loadVector(`${DIR}/${f}`)
    const msg = decodeMessage(v.bytes)
    expect(toJsonValue(msg)).toEqual(toJsonValue(v.json))
    expect(encodeMessage(msg).equals(v.bytes)).toBe(true)
    expect(encodeMessage(v.json as never).equals(v.bytes)).toBe(true)
    expect(messageLength(msg)).toBe(v.bytes.length)
  })

  it.each(invalid)('invalid/%s', (f) => {
    const v = loadVector(`${DIR}/invalid/${f}`)
    expect(v.error).toBeDefined()
    let err: unknown
    try {
      decodeMessage(v.bytes)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(OflError)
    expect({ code: (err as OflError).code, offset: (err as OflError).offset }).toEqual(v.error)
  })
})
