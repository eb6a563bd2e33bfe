// The learning switch's MAC table: MAC (48-bit integer, exact in a double) → logical port (any
// integer a double holds exactly). Open addressing with linear probing over two Float64Arrays, grown
// at half load, deletions by backward shift (no tombstones): a lookup is one hash and, at half load,
// about 1.5 probes into one contiguous array. Nothing per entry is allocated, so the garbage
// collector has nothing to trace or move however many hosts a switch sees — a Map of 10^5 MACs holds
// 10^5 heap-number keys that every major GC walks, and doubling it rehashes them all on the heap.

const EMPTY = -1
const MIN_CAPACITY = 64

/** The slot a MAC hashes to (murmur3's finaliser over its two halves). */
function home(mac: number, mask: number): number {
  let h = (mac >>> 0) ^ Math.imul((mac / 0x100000000) | 0, 0x9e3779b1)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) & mask
}

export class MacTable {
  private keys: Float64Array
  private vals: Float64Array
  private mask: number
  /** Entries held. */
  size = 0

  constructor(capacity = MIN_CAPACITY) {
    let cap = MIN_CAPACITY
    while (cap < capacity * 2) cap *= 2
    this.keys = new Float64Array(cap).fill(EMPTY)
    this.vals = new Float64Array(cap)
    this.mask = cap - 1
  }

  /** The port `mac` was learned on, or undefined. */
  get(mac: number): number | undefined {
    const keys = this.keys
    const mask = this.mask
    for (let i = home(mac, mask); ; i = (i + 1) & mask) {
      const k = keys[i]!
      if (k === mac) return this.vals[i]
      if (k === EMPTY) return undefined
    }
  }

  set(mac: number, port: number): void {
    if (!(mac >= 0 && mac <= 0xffffffffffff && Number.isInteger(mac))) throw new RangeError(`not a 48-bit MAC: ${mac}`)
    const keys = this.keys
    const mask = this.mask
    for (let i = home(mac, mask); ; i = (i + 1) & mask) {
      const k = keys[i]!
      if (k === mac) {
        this.vals[i] = port
        return
      }
      if (k === EMPTY) {
        keys[i] = mac
        this.vals[i] = port
        if (++this.size * 2 > mask + 1) this.grow()
        return
      }
    }
  }

  delete(mac: number): boolean {
    const keys = this.keys
    const vals = this.vals
    const mask = this.mask
    let i = home(mac, mask)
    for (; ; i = (i + 1) & mask) {
      const k = keys[i]!
      if (k === mac) break
      if (k === EMPTY) return false
    }
    // Backward shift: pull later entries of the probe run into the hole unless their home slot lies
    // cyclically in (hole, j], where moving them would put them before their home.
    for (let j = (i + 1) & mask; keys[j] !== EMPTY; j = (j + 1) & mask) {
      const h = home(keys[j]!, mask)
      const stays = i <= j ? i < h && h <= j : i < h || h <= j
      if (stays) continue
      keys[i] = keys[j]!
      vals[i] = vals[j]!
      i = j
    }
    keys[i] = EMPTY
    this.size--
    return true
  }

  /** Delete every entry whose port satisfies `pred`; returns how many went. */
  deleteWhere(pred: (port: number, mac: number) => boolean): number {
    const doomed: number[] = []
    for (const [mac, port] of this.entries()) if (pred(port, mac)) doomed.push(mac)
    for (const mac of doomed) this.delete(mac)
    return doomed.length
  }

  /** [mac, port] pairs in table order (a snapshot is safest when deleting: see deleteWhere). */
  *entries(): IterableIterator<[number, number]> {
    const keys = this.keys
    for (let i = 0; i < keys.length; i++) if (keys[i] !== EMPTY) yield [keys[i]!, this.vals[i]!]
  }

  clear(): void {
    this.keys.fill(EMPTY)
    this.size = 0
  }

  private grow(): void {
    const oldKeys = this.keys
    const oldVals = this.vals
    const cap = oldKeys.length * 2
    this.keys = new Float64Array(cap).fill(EMPTY)
    this.vals = new Float64Array(cap)
    this.mask = cap - 1
    const keys = this.keys
    const mask = this.mask
    for (let j = 0; j < oldKeys.length; j++) {
      const mac = oldKeys[j]!
      if (mac === EMPTY) continue
      let i = home(mac, mask)
      while (keys[i] !== EMPTY) i = (i + 1) & mask
      keys[i] = mac
      this.vals[i] = oldVals[j]!
    }
  }
}
