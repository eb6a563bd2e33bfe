import { describe, expect, it } from 'vitest'
import { LatencyHistogram } from '../../../src/bench/controller/histogram.js'

describe('LatencyHistogram', () => {
  it('percentiles of a uniform 1…100000 ns distribution are within the 5-bit (~3%) bucket resolution', () => {
    const h = new LatencyHistogram()
    for (let v = 1; v <= 100_000; v++) h.record(v)
    expect(h.count).toBe(100_000)
    expect(Math.abs(h.percentile(50) - 50_000) / 50_000).toBeLessThan(0.035)
    expect(Math.abs(h.percentile(99) - 99_000) / 99_000).toBeLessThan(0.035)
    expect(h.percentile(100)).toBeLessThanOrEqual(100_000)
    expect(h.mean()).toBeCloseTo(50_000.5, 3)
    expect(h.maxNs).toBe(100_000)
  })

  it('small values are exact, empty gives NaN, huge values are clamped, merge and reset work', () => {
    const h = new LatencyHistogram()
    expect(h.percentile(50)).toBeNaN()
    for (const v of [3, 3, 3, 7]) h.record(v)
    expect(h.percentile(50)).toBe(3)
    expect(h.percentile(100)).toBe(7)
    const g = new LatencyHistogram()
    g.record(5e12)
    expect(g.maxNs).toBe(0x7fffffff)
    h.merge(g)
    expect(h.count).toBe(5)
    expect(h.percentile(100)).toBeLessThanOrEqual(0x7fffffff)
    expect(h.percentile(100)).toBeGreaterThan(0x7fffffff * 0.96)
    h.reset()
    expect(h.count).toBe(0)
    expect(h.percentile(99)).toBeNaN()
  })
})
