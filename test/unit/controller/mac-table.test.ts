// The learning switch's open-addressing MAC table against a Map doing the same operations: seeded
// random inserts, overwrites and deletions over MACs that collide in the table (backward-shift
// deletion must keep every other entry reachable), growth, and deleteWhere.
import { describe, it, expect } from 'vitest'
import { MacTable } from '../../../src/controller/apps/mac-table.js'
import { mulberry32 } from '../../helpers/prng.js'

const sorted = (t: MacTable) => [...t.entries()].sort((a, b) => a[0] - b[0])
const sortedMap = (m: Map<number, number>) => [...m].sort((a, b) => a[0] - b[0])

describe('MacTable', () => {
  it('behaves as a Map under random set/get/delete, through growth and wrap-around probe runs', () => {
    const rnd = mulberry32(0x5eed)
    // A few hundred distinct MACs, many near the 48-bit extremes (both halves exercised), so probe
    // runs cross the end of the arrays and deletions shift entries across it.
    const pool: number[] = []
    for (let i = 0; i < 400; i++) {
      const hi = i % 3 === 0 ? 0xffff : Math.floor(rnd() * 0x10000)
      pool.push(hi * 0x100000000 + Math.floor(rnd() * 0x100000000))
    }
    pool.push(0, 0xffffffffffff, 1)
    const t = new MacTable()
    const m = new Map<number, number>()
    for (let step = 0; step < 20000; step++) {
      const mac = pool[Math.floor(rnd() * pool.length)]!
      const op = rnd()
      if (op < 0.55) {
        const port = rnd() < 0.3 ? -(1 + Math.floor(rnd() * 4)) : Math.floor(rnd() * 0xffffffff)
        t.set(mac, port)
        m.set(mac, port)
      } else if (op < 0.85) {
        expect(t.delete(mac)).toBe(m.delete(mac))
      } else {
        expect(t.get(mac)).toBe(m.get(mac))
      }
      expect(t.size).toBe(m.size)
    }
    for (const mac of pool) expect(t.get(mac)).toBe(m.get(mac))
    expect(sorted(t)).toEqual(sortedMap(m))
  })

  it('keeps 10^5 entries and finds every one after growing from the minimum', () => {
    const t = new MacTable()
    for (let i = 0; i < 100_000; i++) t.set(0x020000000000 + i * 7919, i)
    expect(t.size).toBe(100_000)
    for (let i = 0; i < 100_000; i += 97) expect(t.get(0x020000000000 + i * 7919)).toBe(i)
    expect(t.get(0x020000000000 + 3)).toBeUndefined()
  })

  it('deleteWhere removes exactly the entries whose port matches and leaves the rest findable', () => {
    const t = new MacTable()
    const m = new Map<number, number>()
    for (let i = 0; i < 5000; i++) {
      const mac = 0x0a0000000000 + i * 131
      const port = i % 5 === 0 ? -1 : (i % 7) + 1
      t.set(mac, port)
      m.set(mac, port)
    }
    const gone = t.deleteWhere((port) => port === -1 || port === 3)
    for (const [mac, port] of m) if (port === -1 || port === 3) m.delete(mac)
    expect(gone).toBe(5000 - m.size)
    expect(sorted(t)).toEqual(sortedMap(m))
    for (const [mac, port] of m) expect(t.get(mac)).toBe(port)
  })

  it('refuses keys that are not 48-bit MACs', () => {
    const t = new MacTable()
    expect(() => t.set(-1, 1)).toThrow(RangeError)
    expect(() => t.set(2 ** 48, 1)).toThrow(RangeError)
    expect(() => t.set(1.5, 1)).toThrow(RangeError)
    expect(t.size).toBe(0)
  })
})
