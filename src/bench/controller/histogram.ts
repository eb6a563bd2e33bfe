// Fixed-size log-linear latency histogram (HdrHistogram's idea, 5 significant bits: ~3% resolution),
// so recording a round trip in the hot loop allocates nothing. Values are nanoseconds, 0 … 2^31 (~2.1 s;
// larger values land in the last bucket).

const SUB_BITS = 5
const SUB = 1 << SUB_BITS
const MAX_EXP = 30
const BUCKETS = SUB + (MAX_EXP - SUB_BITS + 1) * SUB

export class LatencyHistogram {
  readonly counts = new Uint32Array(BUCKETS)
  count = 0
  sumNs = 0
  maxNs = 0

  record(ns: number): void {
    const v = ns < 0 ? 0 : ns > 0x7fffffff ? 0x7fffffff : Math.round(ns)
    if (v > this.maxNs) this.maxNs = v
    this.sumNs += v
    this.count++
    let idx: number
    if (v < SUB) {
      idx = v
    } else {
      const e = 31 - Math.clz32(v) // floor(log2 v) >= SUB_BITS
      idx = SUB + (e - SUB_BITS) * SUB + ((v >>> (e - SUB_BITS)) & (SUB - 1))
    }
    this.counts[idx]!++
  }

  reset(): void {
    this.counts.fill(0)
    this.count = 0
    this.sumNs = 0
    this.maxNs = 0
  }

  /** Add another histogram's samples to this one. */
  merge(o: LatencyHistogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i]! += o.counts[i]!
    this.count += o.count
    this.sumNs += o.sumNs
    if (o.maxNs > this.maxNs) this.maxNs = o.maxNs
  }

  /** The value (bucket midpoint, ns) at percentile p (0–100); NaN without samples. */
  percentile(p: number): number {
    if (this.count === 0) return NaN
    const rank = Math.max(1, Math.ceil((p / 100) * this.count))
    let seen = 0
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!
      if (seen >= rank) return Math.min(bucketMid(i), this.maxNs)
    }
    return this.maxNs
  }

  mean(): number {
    return this.count === 0 ? NaN : this.sumNs / this.count
  }
}

function bucketLow(i: number): number {
  if (i < SUB) return i
  const e = SUB_BITS + Math.floor((i - SUB) / SUB)
  return (SUB + ((i - SUB) % SUB)) * 2 ** (e - SUB_BITS)
}

function bucketMid(i: number): number {
  if (i < SUB) return i
  return (bucketLow(i) + bucketLow(i + 1)) / 2
}
