// Every Ryu OpenFlow 1.3 vector (corpus ryu/of13, *.packet + *.packet.json from osrg/ryu @3c86fc0):
// decodes, agrees with Ryu's JSON in every field Ryu reports (test/helpers/ryu-map13.ts documents the
// naming table and the few skipped Nicira/ONF experimenter body fields), and re-encodes byte-exactly,
// directly and through the lossless JSON form.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeMessage } from '../../src/openflow/codec.js'
import { expectMessage } from '../helpers/messages.js'
import { OflError } from '../../src/wire/errors.js'
import { parseJsonLossless } from '../../src/wire/json.js'
import { corpusPath, hasCorpus } from '../helpers/corpus.js'
import { checkRyuVector, ryuVectorNames } from '../helpers/ryu-vectors13.js'
import { compareValue, type CompareContext } from '../helpers/ryu-map.js'
import { RYU_CLASSES_13 } from '../helpers/ryu-map13.js'

describe.skipIf(!hasCorpus)('Ryu of13 vectors', () => {
  const names = hasCorpus ? ryuVectorNames('of13') : []
  it('has the 104 vectors the corpus README lists', () => {
    expect(names).toHaveLength(104)
  })
  it.each(names)('%s', (name) => {
    checkRyuVector('of13', name)
  })

  it('libofproto-OFP13-flow_mod truncated to 64 bytes → TRUNCATED at the header, as Ryu expects', () => {
    const full = readFileSync(corpusPath('ryu', 'of13', 'libofproto-OFP13-flow_mod.packet'))
    const ryu = parseJsonLossless(readFileSync(corpusPath('ryu', 'of13', 'libofproto-OFP13-flow_mod.packet.truncated64.json'), 'utf8')) as {
      OFPTruncatedMessage: Record<string, unknown>
    }
    let err: unknown
    try { decodeMessage(full.subarray(0, 64)) } catch (e) { err = e }
    expect(err).toBeInstanceOf(OflError)
    expect((err as OflError).code).toBe('TRUNCATED')
    expect((err as OflError).offset).toBe(0)
    // Ryu's truncated form reports what it could parse from 64 bytes: the fixed fields and the first
    // OXM. The complete message agrees with that prefix; instructions were out of reach (Ryu: []).
    const m = expectMessage(decodeMessage(full), 4, 14)
    const partial = { OFPFlowMod: { ...(ryu.OFPTruncatedMessage.OFPFlowMod as Record<string, unknown>) } }
    expect((partial.OFPFlowMod.instructions as unknown[]).length).toBe(0)
    delete partial.OFPFlowMod.instructions
    const match = partial.OFPFlowMod.match as { OFPMatch: { oxm_fields: unknown[] } }
    delete partial.OFPFlowMod.match
    const ctx: CompareContext = { mismatches: [], compared: 0, classes: RYU_CLASSES_13 }
    compareValue(partial, m, '$', ctx)
    expect(match.OFPMatch.oxm_fields.length).toBeGreaterThan(0)
    compareValue(match.OFPMatch.oxm_fields, m.match.fields.slice(0, match.OFPMatch.oxm_fields.length), '$.match', ctx)
    expect(ctx.mismatches).toEqual([])
    expect(ctx.compared).toBeGreaterThan(15)
  })
})
