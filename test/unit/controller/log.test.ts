import { describe, it, expect } from 'vitest'
import { Logger } from '../../../src/controller/log.js'

const T = Date.UTC(2026, 11, 4, 16, 0, 0, 123)
function mk(level: 'error' | 'warn' | 'info' | 'debug', format: 'text' | 'json' = 'text') {
  const lines: string[] = []
  return { lines, log: new Logger({ level, format, write: (l) => lines.push(l), now: () => T }) }
}

describe('controller log', () => {
  it('text: timestamp, level, message; the level filters', () => {
    const { lines, log } = mk('info')
    log.info('switch connected', { dpid: '0000000000000001' })
    log.debug('LACP received.')
    log.warn('odd', { why: 'two words' })
    expect(lines).toEqual([
      '2026-12-04T16:00:00.123Z INFO  switch connected dpid=0000000000000001',
      '2026-12-04T16:00:00.123Z WARN  odd why="two words"',
    ])
  })

  it('Ryu-style lines keep their text and take the level from the prefix', () => {
    const { lines, log } = mk('info')
    log.line('[LACP][INFO] SW=0000000000000001 PORT=1 LACP received.', 'debug') // per-PDU: debug
    log.line('[LACP][WARN] SW=0000000000000001 PORT=9 slow-protocol frame on a port outside every bond')
    log.line('slave state changed port: 1 enabled: True')
    expect(lines).toEqual([
      '2026-12-04T16:00:00.123Z WARN  [LACP][WARN] SW=0000000000000001 PORT=9 slow-protocol frame on a port outside every bond',
      '2026-12-04T16:00:00.123Z INFO  slave state changed port: 1 enabled: True',
    ])
    const d = mk('debug')
    d.log.line('[LACP][INFO] SW=0000000000000001 PORT=1 LACP received.', 'debug')
    expect(d.lines).toEqual(['2026-12-04T16:00:00.123Z DEBUG [LACP][INFO] SW=0000000000000001 PORT=1 LACP received.'])
  })

  it('json: one object per line for log shippers', () => {
    const { lines, log } = mk('debug', 'json')
    log.error('metrics listen failed', { code: 'EADDRINUSE', port: 9464 })
    log.line('[OF][WARN] SW=1 sent OFPT_ERROR')
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { time: '2026-12-04T16:00:00.123Z', level: 'error', msg: 'metrics listen failed', code: 'EADDRINUSE', port: 9464 },
      { time: '2026-12-04T16:00:00.123Z', level: 'warn', msg: '[OF][WARN] SW=1 sent OFPT_ERROR' },
    ])
  })
})
