import { describe, it, expect } from 'vitest'
import { parseBondSpec, parseDpid, formatDpid, validateBonds, formatBondSpec } from '../../../src/controller/bond.js'
import { OflError } from '../../../src/wire/errors.js'

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    return e instanceof OflError ? e.code : `non-ofl:${String(e)}`
  }
  return undefined
}

describe('parseDpid', () => {
  it.each([
    ['1', 1n],
    ['0x1', 1n],
    ['0X00ff', 255n],
    ['0000000000000001', 1n],
    ['00000000000000ff', 255n],
    ['00:00:00:00:00:00:00:0a', 10n],
    ['18446744073709551615', 18446744073709551615n],
    ['0xffffffffffffffff', 18446744073709551615n],
  ])('%s → %s', (text, want) => {
    expect(parseDpid(text)).toBe(want)
  })
  it.each(['', 'x', '-1', '0x', '18446744073709551616', '0x1ffffffffffffffff', '1.5', '00:01'])('rejects %j with BAD_DPID', (text) => {
    expect(codeOf(() => parseDpid(text))).toBe('BAD_DPID')
  })
  it('formats like Ryu dpid_to_str', () => {
    expect(formatDpid(1n)).toBe('0000000000000001')
    expect(formatDpid(0xabcdefn)).toBe('0000000000abcdef')
  })
})

describe('parseBondSpec', () => {
  it('parses the Ryu book bond', () => {
    expect(parseBondSpec('1:1,2')).toEqual({ dpid: 1n, ports: [1, 2] })
  })
  it('accepts the 16-digit, hex and OVS colon DPID forms and spaces', () => {
    expect(parseBondSpec('0000000000000002:3,4,5')).toEqual({ dpid: 2n, ports: [3, 4, 5] })
    expect(parseBondSpec('0x10: 7, 8')).toEqual({ dpid: 16n, ports: [7, 8] })
    expect(parseBondSpec('00:00:00:00:00:00:00:01:1,2')).toEqual({ dpid: 1n, ports: [1, 2] })
  })
  it.each([
    ['1', 'BAD_BOND_SPEC'],
    ['1:', 'BAD_BOND_SPEC'],
    [':1,2', 'BAD_BOND_SPEC'],
    ['1:1', 'BAD_BOND_SPEC'],
    ['1:1,1', 'BAD_BOND_SPEC'],
    ['1:0,2', 'BAD_BOND_SPEC'],
    ['1:1,x', 'BAD_BOND_SPEC'],
    ['1:1,4294967040', undefined],
    ['1:1,4294967041', 'BAD_BOND_SPEC'],
    ['zz:1,2', 'BAD_DPID'],
  ])('%j → %s', (text, code) => {
    expect(codeOf(() => parseBondSpec(text))).toBe(code)
  })
  it('round-trips through formatBondSpec', () => {
    expect(formatBondSpec(parseBondSpec('0x1:1,2'))).toBe('0000000000000001:1,2')
  })
})

describe('validateBonds', () => {
  it('allows several bonds per datapath and the same port on other datapaths', () => {
    expect(() => validateBonds([parseBondSpec('1:1,2'), parseBondSpec('1:3,4'), parseBondSpec('2:1,2')])).not.toThrow()
  })
  it('rejects a port in two bonds of one datapath', () => {
    expect(codeOf(() => validateBonds([parseBondSpec('1:1,2'), parseBondSpec('1:2,3')]))).toBe('BAD_BOND_SPEC')
  })
})
