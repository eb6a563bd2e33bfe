// Every Ryu OpenFlow 1.2 vector (corpus ryu/of12): decode, agree with Ryu's JSON, re-encode byte-exactly.
import { describe, expect, it } from 'vitest'
import { hasCorpus } from '../helpers/corpus.js'
import { checkRyuVector, ryuVectorNames } from '../helpers/ryu-vectors13.js'

describe.skipIf(!hasCorpus)('Ryu of12 vectors', () => {
  const names = hasCorpus ? ryuVectorNames('of12') : []
  it('has the 47 vectors the corpus README lists', () => {
    expect(names).toHaveLength(47)
  })
  it.each(names)('%s', (name) => {
    checkRyuVector('of12', name)
  })
})
