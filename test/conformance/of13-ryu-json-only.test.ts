// Ryu's json-only vectors (ryu/of12/json-only, ryu/of13/json-only: requests from Ryu's ofctl tests, no
// binary upstream). Encode-side check: build ofl's message from Ryu's fields, encode it, check the wire
// layout against the spec sizes, decode it back and compare with Ryu's JSON through the mapping table.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage } from '../../src/openflow/codec.js'
import { parseJsonLossless } from '../../src/wire/json.js'
import { corpusPath, hasCorpus } from '../helpers/corpus.js'
import { compareRyu } from '../helpers/ryu-map.js'
import { RYU_CLASSES_13 } from '../helpers/ryu-map13.js'

/** Ryu request class → [message type, multipart type, wire size of the whole message (1.2/1.3 identical)]. */
const CLASSES: Record<string, [number, number | undefined, number]> = {
  OFPGroupStatsRequest: [18, 6, 24],
  OFPMeterConfigStatsRequest: [18, 10, 24],
  OFPMeterStatsRequest: [18, 9, 24],
  OFPPortStatsRequest: [18, 4, 24],
  OFPQueueStatsRequest: [18, 5, 24],
  OFPTableFeaturesStatsRequest: [18, 12, 16],
  OFPQueueGetConfigRequest: [22, undefined, 16],
}

const camel = (k: string): string => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

describe.skipIf(!hasCorpus)('Ryu json-only request vectors (encode side)', () => {
  const files = hasCorpus
    ? (['of12', 'of13'] as const).flatMap((v) => readdirSync(corpusPath('ryu', v, 'json-only')).map((f) => [v, f] as const))
    : []
  it('finds the 6 + 9 files the corpus README lists', () => {
    expect(files.length).toBe(15)
  })
  it.each(files)('%s/%s', (ver, file) => {
    const text = readFileSync(corpusPath('ryu', ver, 'json-only', file), 'utf8')
    const ryu = parseJsonLossless(text) as Record<string, Record<string, unknown>>
    const [cls, fields] = Object.entries(ryu)[0]!
    const [type, mpType, size] = CLASSES[cls]!
    const version = ver === 'of12' ? 3 : 4
    const msg: Record<string, unknown> = { version, type, xid: 1 }
    if (mpType === undefined) {
      for (const [k, v] of Object.entries(fields)) msg[camel(k)] = v
    } else {
      const body: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(fields)) if (k !== 'type' && k !== 'flags') body[camel(k)] = v
      Object.assign(msg, { mpType, flags: fields.flags ?? 0 }, Object.keys(body).length ? { body: mpType === 12 ? fields.body : body } : {})
    }
    const bytes = encodeMessage(msg as Parameters<typeof encodeMessage>[0])
    expect(bytes.length).toBe(size)
    expect(bytes[0]).toBe(version)
    expect(bytes[1]).toBe(type)
    if (mpType !== undefined) expect(bytes.readUInt16BE(8)).toBe(mpType)
    const back = decodeMessage(bytes)
    const cmp = compareRyu(text, back, RYU_CLASSES_13)
    expect(cmp.mismatches).toEqual([])
    expect(cmp.compared).toBeGreaterThanOrEqual(Object.keys(fields).length)
  })
})
