// One synthetic capture per verdict, built with ofl's pcap writer and LACPDU encoder from a scenario;
// each must yield exactly the expected verdict(s) — the errors/warnings set is asserted as a whole,
// so a verdict firing where it should not fails too.
import { describe, expect, it } from 'vitest'
import { decodeLacpCapture, type LacpDecodeResult } from '../../../src/oflacp/capture.js'
import { writePcap } from '../../../src/capture/writer.js'
import { A, B, capture, markerFrame, periodic, S, T0, UP_FAST, UP_SLOW, type Port, type Tx } from './scenario.js'

async function analyze(txs: Tx[]): Promise<LacpDecodeResult> {
  return decodeLacpCapture([capture(txs)])
}
const problems = (r: LacpDecodeResult) => r.verdicts.filter((v) => v.severity !== 'ok').map((v) => v.code).sort()
const codes = (r: LacpDecodeResult) => r.verdicts.map((v) => v.code)

/** A healthy fast exchange between a and b over [start, end). */
function healthy(a: Port, b: Port, start = 0, end = 20): Tx[] {
  return [...periodic(a, 1, start, end, UP_FAST, b, UP_FAST), ...periodic(b, 1, start + 0.5, end, UP_FAST, a, UP_FAST)]
}

describe('verdicts from synthetic scenarios', () => {
  it('healthy: negotiated, and nothing else', async () => {
    const r = await analyze(healthy(A, B))
    expect(codes(r)).toEqual(['negotiated'])
    expect(r.links).toHaveLength(1)
    const l = r.links[0]!
    expect(l.negotiated).toBe(true)
    expect(l.sides.map((s) => s.id).sort()).toEqual(['02:00:00:00:0a:00/1', '02:00:00:00:0b:00/5'])
    expect(l.timeToConverge).toBe(0.5)
    expect(l.flaps).toBe(0)
    expect(l.sides[0]!.gaps).toMatchObject({ count: 19, expectedPeriod: 1, late: 0, expiring: 0 })
    expect(l.sides[0]!.gaps.median).toBeCloseTo(1, 1)
    expect(r.lags.map((g) => [g.system, g.key, g.members])).toEqual([['02:00:00:00:0a:00', 9, ['02:00:00:00:0a:00/1']], ['02:00:00:00:0b:00', 17, ['02:00:00:00:0b:00/5']]])
  })

  it('passive–passive: both-passive', async () => {
    const st = S.AGG | S.SYNC
    const r = await analyze([...periodic(A, 1, 0, 5, st, B, st), ...periodic(B, 1, 0.5, 5, st, A, st)])
    expect(problems(r)).toEqual(['both-passive'])
    expect(r.verdicts[0]!.message).toContain('both ends are passive')
  })

  it('one-way: partner never answered', async () => {
    const st = S.ACT | S.TMO | S.AGG | S.DEF
    const r = await analyze(periodic(A, 1, 0, 10, st, null, 0))
    expect(problems(r)).toEqual(['one-way'])
    expect(r.verdicts[0]).toMatchObject({ code: 'one-way', subject: 'L1', frames: [1, 10] })
    expect(r.verdicts[0]!.message).toContain('partner never answered')
  })

  it('stale partner: names the field and both values (key 33 vs 9)', async () => {
    const A33 = { ...A, key: 33 }
    // A changed its key from 9 to 33 at t=2; B keeps reporting key 9 for A
    const txs = [
      ...periodic(A, 1, 0, 2, UP_FAST, B, UP_FAST),
      ...periodic(A33, 1, 2, 10, UP_FAST, B, UP_FAST),
      ...periodic(B, 1, 0.5, 10, UP_FAST, A, UP_FAST),
    ]
    const r = await analyze(txs)
    expect(problems(r)).toEqual(['stale-partner'])
    const v = r.verdicts[0]!
    expect(v.message).toContain('key 9 vs 33')
    expect(v.evidence).toMatchObject({ side: 'B', differences: [{ field: 'partner.key', seen: 9, actual: 33 }] })
    expect(v.frames[0]).toBe(5) // A's first PDU with key 33
  })

  it('flapping: negotiated, with the flaps counted', async () => {
    const down = UP_FAST & ~(S.SYNC | S.COL | S.DIST)
    const txs = [
      ...periodic(A, 1, 0, 5, UP_FAST, B, UP_FAST), ...periodic(A, 1, 5, 7, down, B, UP_FAST),
      ...periodic(A, 1, 7, 12, UP_FAST, B, UP_FAST), ...periodic(A, 1, 12, 14, down, B, UP_FAST),
      ...periodic(A, 1, 14, 20, UP_FAST, B, UP_FAST),
      ...periodic(B, 1, 0.5, 20, UP_FAST, A, UP_FAST),
    ]
    // B's view of A follows A's sync bit one PDU later
    for (const t of txs) if (t.from === B && ((t.t > 5 && t.t < 7) || (t.t > 12 && t.t < 14))) t.partnerState = down
    const r = await analyze(txs)
    expect(problems(r)).toEqual(['flapping'])
    expect(codes(r)).toEqual(['flapping', 'negotiated'])
    expect(r.links[0]!.flaps).toBe(2)
    expect(r.links[0]!.flapFrames).toEqual([11, 25])
  })

  it('fast/slow mismatch: lacp_time differs (each side honours the other)', async () => {
    // A asks for fast (TIMEOUT bit) and B sends every second; B asks for slow and A sends every 30 s
    const txs = [...periodic(A, 30, 0, 181, UP_FAST, B, UP_SLOW), ...periodic(B, 1, 0.5, 181, UP_SLOW, A, UP_FAST)]
    const r = await analyze(txs)
    expect(problems(r)).toEqual(['fast-slow-mismatch'])
    expect(r.verdicts[0]!.evidence).toMatchObject({ lacpTimeA: 'fast', lacpTimeB: 'slow' })
    expect(codes(r)).toContain('negotiated')
  })

  it('late PDUs causing expiry: the gap, the asked period, and the partner going Expired', async () => {
    const expired = UP_FAST | S.EXP
    const txs = [
      ...periodic(A, 1, 0, 10, UP_FAST, B, UP_FAST), ...periodic(A, 1, 15, 20, UP_FAST, B, UP_FAST), // 5 s silence
      ...periodic(B, 1, 0.5, 13, UP_FAST, A, UP_FAST),
      { t: 13.5, from: B, state: expired, partner: A, partnerState: UP_FAST & ~S.SYNC },
      ...periodic(B, 1, 14.5, 20, UP_FAST, A, UP_FAST),
    ]
    const r = await analyze(txs)
    expect(problems(r)).toEqual(['flapping', 'late-pdus'])
    const v = r.verdicts[0]!
    expect(v.code).toBe('late-pdus')
    expect(v.evidence).toMatchObject({ side: 'A', askedPeriod: 1, expiring: 1, maxGap: 6 })
    expect(v.message).toContain('Expired/Defaulted')
  })

  it('fast requested but the partner sends slow: late-pdus and fast-slow-mismatch', async () => {
    const txs = [...periodic(A, 30, 0, 181, UP_SLOW, B, UP_FAST), ...periodic(B, 1, 0.5, 181, UP_FAST, A, UP_SLOW)]
    // B asks for fast (its actor TIMEOUT bit) but A keeps sending every 30 s
    const r = await analyze(txs)
    expect(problems(r)).toEqual(['fast-slow-mismatch', 'late-pdus'])
    expect(r.verdicts.find((v) => v.code === 'fast-slow-mismatch')!.message).toContain('although its partner asked for fast')
  })

  it('loopback: both ends are the same system', async () => {
    const A2: Port = { ...A, port: 2, mac: '02:00:00:00:0a:02' }
    const r = await analyze(healthy(A, A2))
    expect(problems(r)).toEqual(['loopback'])
    expect(r.verdicts[0]!.evidence).toMatchObject({ system: A.system, ports: [1, 2] })
  })

  it('mismatched members: one LAG, two partner systems', async () => {
    const A2: Port = { ...A, port: 2, mac: '02:00:00:00:0a:02' }
    const C: Port = { system: '02:00:00:00:0c:00', port: 7, key: 17, mac: '02:00:00:00:0c:07' }
    const r = await analyze([...healthy(A, B), ...healthy(A2, C)])
    expect(problems(r)).toEqual(['lag-partner-mismatch'])
    expect(r.links.map((l) => l.negotiated)).toEqual([true, true])
    const v = r.verdicts[0]!
    expect(v.scope).toBe('lag')
    expect(v.message).toContain('02:00:00:00:0b:00, 02:00:00:00:0c:00')
    expect(r.lags.find((g) => g.id === v.subject)).toMatchObject({ system: A.system, key: 9, members: ['02:00:00:00:0a:00/1', '02:00:00:00:0a:00/2'] })
  })

  it('partner defaulted: one side ignores the other', async () => {
    const def = S.ACT | S.TMO | S.AGG | S.DEF
    const r = await analyze([...periodic(A, 1, 0, 10, def, null, 0), ...periodic(B, 1, 0.5, 10, UP_FAST & ~S.SYNC, A, def)])
    expect(problems(r)).toEqual(['partner-defaulted'])
    expect(r.verdicts[0]!.evidence).toMatchObject({ side: 'A' })
  })

  it('aggregation bit off: individual', async () => {
    const ind = UP_FAST & ~S.AGG
    const r = await analyze([...periodic(A, 1, 0, 10, ind, B, UP_FAST), ...periodic(B, 1, 0.5, 10, UP_FAST, A, ind)])
    expect(problems(r)).toEqual(['individual'])
  })

  it('more than three LACPDUs in a second: rate-limit', async () => {
    // A's periodic PDUs at 5 and 6 plus a burst at 5.2…5.6: four windows of 1 s hold a 4th PDU
    const burst = [0.2, 0.3, 0.4, 0.5, 0.6].map((t) => ({ t: 5 + t, from: A, state: UP_FAST, partner: B, partnerState: UP_FAST }))
    const r = await analyze([...healthy(A, B), ...burst])
    expect(problems(r)).toEqual(['rate-limit'])
    expect(r.verdicts[0]!.evidence).toMatchObject({ side: 'A', violations: 4 })
    expect(r.verdicts[0]!.frames).toEqual([14, 16, 17, 18]) // A at 5.4, 5.5, 5.6, 6 (B at 5.5 is frame 15)
  })

  it('no LACPDU at all: no-lacp (and Marker PDUs are counted)', async () => {
    const r = await decodeLacpCapture([writePcap([{ tsSec: T0, data: markerFrame(A, 7) }])])
    expect(codes(r)).toEqual(['no-lacp'])
    expect(r.summary).toMatchObject({ markers: 1, lacpdus: 0 })
  })
})
