import { describe, expect, it } from 'vitest'
import { parseState, stateCompact, stateNames, stateWords, stateFlags, stateFromFlags } from '../../../src/lacp/state.js'
import { OflError } from '../../../src/wire/errors.js'

describe('LACP state octet', () => {
  // Values and renderings cross-checked with tshark's lacp.actor.state_str and tcpdump -v (LACP.pcap, lacp-ev.out).
  it.each([
    [0x85, '*F***GS*'.replace('*F***GS*', 'E****G*A'), 'Activity, Aggregation, Expired'],
    [0x3d, '**DCSG*A', 'Activity, Aggregation, Synchronization, Collecting, Distributing'],
    [0x45, '*F***G*A', 'Activity, Aggregation, Default'],
    [0x3f, '**DCSGSA', 'Activity, Timeout, Aggregation, Synchronization, Collecting, Distributing'],
    [0x00, '********', 'none'],
  ])('%i renders as %s / %s', (value, compact, names) => {
    expect(stateCompact(value)).toBe(compact)
    expect(stateNames(value)).toBe(names)
    expect(parseState(compact)).toBe(value)
    expect(stateFromFlags(stateFlags(value))).toBe(value)
  })

  it('parses numbers, flag lists and OVS words', () => {
    expect(parseState('69')).toBe(0x45)
    expect(parseState('0x3d')).toBe(61)
    expect(parseState('0b111')).toBe(7)
    expect(parseState('activity,timeout,aggregation')).toBe(7)
    expect(parseState(stateWords(0xbf))).toBe(0xbf)
    expect(stateWords(0x3f)).toBe('activity timeout aggregation synchronized collecting distributing')
  })

  it.each(['256', 'bogus', 'XFDCSGSA'])('rejects %s with BAD_LACP_STATE', (text) => {
    try { parseState(text); expect.unreachable() } catch (e) {
      expect((e as OflError).code).toBe('BAD_LACP_STATE')
    }
  })
})
