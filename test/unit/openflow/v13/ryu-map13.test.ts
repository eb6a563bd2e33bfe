// The 1.2/1.3 Ryu mapping table must be able to fail: a changed OXM value, a changed Nicira action
// field, a wrong element length or a renamed field show up as mismatches.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeMessage } from '../../../../src/openflow/codec.js'
import { compareRyu } from '../../../helpers/ryu-map.js'
import { RYU_CLASSES_13 } from '../../../helpers/ryu-map13.js'
import { corpusPath, hasCorpus } from '../../../helpers/corpus.js'

function load(name: string): { text: string; msg: any } {
  const bytes = readFileSync(corpusPath('ryu', 'of13', name))
  return { text: readFileSync(corpusPath('ryu', 'of13', `${name}.json`), 'utf8'), msg: decodeMessage(bytes) }
}

describe.skipIf(!hasCorpus)('ryu-map13', () => {
  it('agrees on an unmodified vector and counts the compared leaves', () => {
    const { text, msg } = load('ovs-ofctl-of13-match_load_nx_register.packet')
    const c = compareRyu(text, msg, RYU_CLASSES_13)
    expect(c.mismatches).toEqual([])
    expect(c.compared).toBeGreaterThan(25)
  })

  it('reports a changed basic OXM value, a changed Nicira register value and a changed NX action field', () => {
    const { text, msg } = load('ovs-ofctl-of13-match_load_nx_register.packet')
    msg.match.fields[0].data = Buffer.from('00001235', 'hex') // reg0=4660 → 4661
    const nx = msg.instructions[0].actions[0]
    nx.data = Buffer.from(nx.data)
    nx.data[15] ^= 1 // NXActionRegLoad value
    const c = compareRyu(text, msg, RYU_CLASSES_13)
    expect(c.mismatches.some((m) => m.includes('OXMTlv.value'))).toBe(true)
    expect(c.mismatches.some((m) => m.includes('NXActionRegLoad.value'))).toBe(true)
  })

  it('reports a length that differs because an element changed, and a wrong multipart type', () => {
    const { text, msg } = load('4-2-ofp_flow_mod.packet')
    msg.instructions[0].actions.pop() // OFPInstructionActions.len 176 → 160 and one entry fewer
    const c = compareRyu(text, msg, RYU_CLASSES_13)
    expect(c.mismatches.some((m) => m.includes('OFPInstructionActions.len'))).toBe(true)
    const d = load('4-0-ofp_desc_reply.packet')
    d.msg.mpType = 1
    expect(compareRyu(d.text, d.msg, RYU_CLASSES_13).mismatches.some((m) => m.includes('.type'))).toBe(true)
  })

  it('compares IPv6 as addresses, not as text', () => {
    const { text, msg } = load('4-63-onf_flow_monitor_request.packet')
    expect(compareRyu(text, msg, RYU_CLASSES_13).mismatches).toEqual([])
    const p = load('4-60-ofp_flow_mod.packet')
    const f = p.msg.match.fields.find((x: any) => x.field === 'ipv6_src')
    if (f) {
      f.value = 'fe80::1'
      expect(compareRyu(p.text, p.msg, RYU_CLASSES_13).mismatches.length).toBeGreaterThan(0)
    }
  })
})
