// Build synthetic LACP captures from scenarios with ofl's own writer and LACPDU encoder.
import { lacpduToBuffer } from '../../../src/lacp/lacpdu.js'
import { markerToBuffer } from '../../../src/lacp/marker.js'
import { parseMac } from '../../../src/wire/mac.js'
import { writePcap, type WriteRecord } from '../../../src/capture/writer.js'

export interface Port {
  system: string
  port: number
  key: number
  mac: string
  systemPriority?: number
  portPriority?: number
}

export const S = {
  ACT: 0x01, TMO: 0x02, AGG: 0x04, SYNC: 0x08, COL: 0x10, DIST: 0x20, DEF: 0x40, EXP: 0x80,
} as const
/** Active, aggregatable, in sync, collecting, distributing (+ fast). */
export const UP_SLOW = S.ACT | S.AGG | S.SYNC | S.COL | S.DIST
export const UP_FAST = UP_SLOW | S.TMO

export const T0 = 1_700_000_000

const info = (p: Port | null, state: number) => p === null
  ? { systemPriority: 0, system: '00:00:00:00:00:00', key: 0, portPriority: 0, port: 0, state }
  : { systemPriority: p.systemPriority ?? 32768, system: p.system, key: p.key, portPriority: p.portPriority ?? 32768, port: p.port, state }

export function lacpFrame(from: Port, state: number, partner: Port | null, partnerState: number): Buffer {
  return Buffer.concat([
    parseMac('01:80:c2:00:00:02'), parseMac(from.mac), Buffer.from([0x88, 0x09]),
    lacpduToBuffer({ actor: info(from, state), partner: info(partner, partnerState), collectorMaxDelay: 0 }),
  ])
}

export function markerFrame(from: Port, transactionId: number): Buffer {
  return Buffer.concat([
    parseMac('01:80:c2:00:00:02'), parseMac(from.mac), Buffer.from([0x88, 0x09]),
    markerToBuffer({ requesterPort: from.port, requesterSystem: from.system, requesterTransactionId: transactionId }),
  ])
}

export interface Tx {
  /** Seconds after T0. */
  t: number
  from: Port
  state: number
  partner: Port | null
  partnerState: number
}

export function record(tx: Tx): WriteRecord {
  const whole = Math.floor(tx.t)
  return { tsSec: T0 + whole, tsNsec: Math.round((tx.t - whole) * 1e9), data: lacpFrame(tx.from, tx.state, tx.partner, tx.partnerState) }
}

/** Periodic PDUs from `from` every `period` s in [start, end). */
export function periodic(from: Port, period: number, start: number, end: number, state: number, partner: Port | null, partnerState: number): Tx[] {
  const out: Tx[] = []
  for (let t = start; t < end - 1e-9; t += period) out.push({ t, from, state, partner, partnerState })
  return out
}

export function capture(txs: Tx[]): Buffer {
  return writePcap([...txs].sort((a, b) => a.t - b.t).map(record), { nanosecond: true })
}

export const A: Port = { system: '02:00:00:00:0a:00', port: 1, key: 9, mac: '02:00:00:00:0a:01' }
export const B: Port = { system: '02:00:00:00:0b:00', port: 5, key: 17, mac: '02:00:00:00:0b:05' }
