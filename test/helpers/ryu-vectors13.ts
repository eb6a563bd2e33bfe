// Shared driver for the Ryu of12/of13 conformance suites: lists the vector pairs of a corpus folder and
// runs the four checks on one vector (decode, agree with Ryu's JSON, re-encode byte-exact, JSON round trip).
import { readdirSync, readFileSync } from 'node:fs'
import { expect } from 'vitest'
import { decodeMessage, encodeMessage } from '../../src/openflow/codec.js'
import { parseJsonLossless, toJson } from '../../src/wire/json.js'
import { corpusPath } from './corpus.js'
import { compareRyu } from './ryu-map.js'
import { RYU_CLASSES_13 } from './ryu-map13.js'

export function ryuVectorNames(folder: 'of12' | 'of13'): string[] {
  return readdirSync(corpusPath('ryu', folder)).filter((f) => f.endsWith('.packet')).sort()
}

export interface VectorOutcome { compared: number }

export function checkRyuVector(folder: 'of12' | 'of13', name: string): VectorOutcome {
  const bytes = readFileSync(corpusPath('ryu', folder, name))
  const ryuText = readFileSync(corpusPath('ryu', folder, `${name}.json`), 'utf8')
  const msg = decodeMessage(bytes)
  expect(msg.version).toBe(folder === 'of12' ? 3 : 4)
  // Decoded by a codec, not left as a raw unknown-type view.
  expect((msg as { body?: unknown }).body === undefined || (msg as { mpType?: number }).mpType !== undefined).toBe(true)
  const cmp = compareRyu(ryuText, msg, RYU_CLASSES_13)
  expect(cmp.mismatches).toEqual([])
  expect(cmp.compared).toBeGreaterThan(0)
  // Byte-exact re-encode of the decoded object and of its lossless JSON form.
  expect(encodeMessage(msg).toString('hex')).toBe(bytes.toString('hex'))
  const json = parseJsonLossless(toJson(msg)) as Parameters<typeof encodeMessage>[0]
  expect(encodeMessage(json).toString('hex')).toBe(bytes.toString('hex'))
  return { compared: cmp.compared }
}
