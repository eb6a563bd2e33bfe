import { describe, it, expect } from 'vitest'
import { FakeClock } from '../../../src/controller/clock.js'

describe('FakeClock', () => {
  it('fires due timers in time order, not later ones, and honours cancel', () => {
    const c = new FakeClock(1000)
    const fired: string[] = []
    c.setTimer(300, () => fired.push(`b@${c.now()}`))
    c.setTimer(100, () => fired.push(`a@${c.now()}`))
    const t = c.setTimer(200, () => fired.push('cancelled'))
    c.setTimer(5000, () => fired.push('late'))
    t.cancel()
    c.advance(400)
    expect(fired).toEqual(['a@1100', 'b@1300'])
    expect(c.now()).toBe(1400)
    expect(c.pending).toBe(1)
  })
  it('runs timers scheduled by timers within the same advance', () => {
    const c = new FakeClock()
    const fired: number[] = []
    const tick = () => {
      fired.push(c.now())
      if (fired.length < 3) c.setTimer(10, tick)
    }
    c.setTimer(10, tick)
    c.advance(100)
    expect(fired).toEqual([10, 20, 30])
  })
})
