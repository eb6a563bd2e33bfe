// The HA block of `ofl lacp show`: every field reads as words, never an empty or placeholder value.
import { describe, expect, it } from 'vitest'
import { formatHaShow } from '../../../src/controller/format.js'

describe('formatHaShow', () => {
  it('says what is not known yet instead of printing a placeholder', () => {
    const text = formatHaShow({ name: 'c1', etcd: 'connected', datapaths: [{ dpid: '0000000000000001', role: 'slave', master: null, generationId: null }] })
    expect(text.split('\n')).toEqual([
      '---- instance c1 (etcd connected) ----',
      '  SW=0000000000000001: slave; master not elected yet; generation not known yet',
    ])
  })

  it('names the master and its generation id once elected, and says when no switch is connected', () => {
    const text = formatHaShow({ name: 'c2', etcd: 'connected', datapaths: [{ dpid: '0000000000000002', role: 'master', master: 'c2', generationId: '42' }] })
    expect(text).toContain('  SW=0000000000000002: master; master c2; generation 42')
    expect(formatHaShow({ name: 'c3', etcd: 'connected', datapaths: [] })).toContain('  no switch connected')
  })
})
