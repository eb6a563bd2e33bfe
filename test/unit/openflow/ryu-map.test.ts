// The Ryu mapping helper must be able to fail: a wrong value, a missing field or an unmapped class
// are reported as mismatches.
import { describe, expect, it } from 'vitest'
import { compareRyu } from '../../helpers/ryu-map.js'

const ryu = JSON.stringify({ OFPPacketIn: { buffer_id: 2, data: Buffer.from('0102', 'hex').toString('base64'), in_port: 99, reason: 1, total_len: 42 } })
const ours = { version: 1, type: 10, xid: 0, bufferId: 2, totalLen: 42, inPort: 99, reason: 1, data: Buffer.from('0102', 'hex') }

describe('ryu-map compareRyu', () => {
  it('agrees on an equal message and counts what it compared', () => {
    const c = compareRyu(ryu, ours)
    expect(c.mismatches).toEqual([])
    expect(c.compared).toBe(6) // type + 5 fields
  })
  it('reports wrong values, wrong bytes and unmapped classes', () => {
    expect(compareRyu(ryu, { ...ours, inPort: 98 }).mismatches).toEqual(['$.OFPPacketIn.in_port: ryu 99 ≠ ofl 98'])
    expect(compareRyu(ryu, { ...ours, data: Buffer.from('0103', 'hex') }).mismatches.length).toBe(1)
    expect(compareRyu(ryu, { ...ours, type: 13 }).mismatches.length).toBe(1)
    expect(compareRyu(JSON.stringify({ OFPNoSuchThing: {} }), ours).mismatches).toEqual(['$: no mapping for Ryu class OFPNoSuchThing'])
  })
})
