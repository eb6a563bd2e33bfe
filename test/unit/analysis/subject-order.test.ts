// Verdicts are listed by subject in the order of localeCompare(…, 'en', { numeric: true }); the sort
// uses a plain comparator for the subjects verdicts have. It must agree with ICU on every pair.
import { describe, expect, it } from 'vitest'
import { compareSubjects } from '../../../src/lacp/analysis/verdicts.js'

describe('compareSubjects', () => {
  it('orders like localeCompare(en, numeric) on link, LAG and capture subjects and on anything else', () => {
    const subjects = ['capture', 'G1', 'G2', 'G9', 'G10', 'G11', 'G100', 'L1', 'L2', 'L3', 'L9', 'L10', 'L19', 'L20', 'L99', 'L100', 'L101', 'L1000',
      'C1', 'C2', 'Z7', 'A123456789012345',
      // not of the plain forms: left to localeCompare
      'L01', 'l2', 'L', 'captures', 'L2a', 'G-1', '', 'Ö1', 'capture1']
    const sign = (n: number) => Math.sign(n)
    for (const a of subjects) {
      for (const b of subjects) {
        expect([a, b, sign(compareSubjects(a, b))]).toEqual([a, b, sign(a.localeCompare(b, 'en', { numeric: true }))])
      }
    }
    expect(['L10', 'capture', 'L2', 'G3', 'L1'].sort(compareSubjects)).toEqual(['capture', 'G3', 'L1', 'L2', 'L10'])
  })
})
