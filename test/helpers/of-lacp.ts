// Expectations shared by the LACP-over-OpenFlow tests (live Open vSwitch run and committed fixtures),
// and a builder of synthetic OpenFlow-over-TCP frames for unit tests.
import { expect } from 'vitest'
import { H1_MAC, S1_MAC } from './ovs.js'

/** A `pdus[]` entry of `ofl lacp decode --json` (where-fields are flattened into it). */
export interface Obs { frame: number; datapathId?: string; ofPort?: number; direction?: string; srcMac?: string; actor: { system: string; port: number } }
export interface LacpDoc { pdus: Obs[]; links: Array<{ negotiated: boolean }>; verdicts: Array<{ code: string }>; summary: { frames: number; lacpdus: number } }

/** What every OVS (s1, dpid 1; h1 bond on ports 1, 2) ⇄ `ofl controller --bond 1:1,2` capture must show. */
export function checkOvsLacpDoc(doc: LacpDoc): void {
  const ins = doc.pdus.filter((p) => p.direction === 'packet-in')
  const outs = doc.pdus.filter((p) => p.direction === 'packet-out')
  expect(ins.length).toBeGreaterThanOrEqual(4)
  expect(outs.length).toBeGreaterThanOrEqual(4)
  expect(ins.length + outs.length).toBe(doc.pdus.length)
  expect(doc.summary.lacpdus).toBe(doc.pdus.length)
  for (const p of doc.pdus) {
    expect(p.datapathId).toBe('00:00:00:00:00:00:00:01')
    expect([1, 2]).toContain(p.ofPort)
    // s1 port n is patched to h1 member n, and each side numbers its LACP port like its OpenFlow port
    expect(p.actor.port).toBe(p.ofPort)
  }
  // switch → controller: h1's bond speaks; controller → switch: the controller speaks as s1
  for (const p of ins) expect(p.actor.system).toBe(H1_MAC)
  for (const p of outs) expect(p.actor.system).toBe(S1_MAC)
  expect(new Set(ins.map((p) => p.ofPort))).toEqual(new Set([1, 2]))
  expect(new Set(outs.map((p) => p.ofPort))).toEqual(new Set([1, 2]))
  expect(doc.links).toHaveLength(2)
  expect(doc.links.every((l) => l.negotiated)).toBe(true)
  expect(doc.verdicts.map((v) => v.code)).toEqual(['negotiated', 'negotiated'])
}

const mac = (m: string) => Buffer.from(m.replace(/:/g, ''), 'hex')

/** Ethernet + IPv4 + TCP (flags PSH|ACK unless given) around `payload`. */
export function tcpFrame(src: [string, number], dst: [string, number], seq: number, payload: Buffer, flags = 0x18, ack = 0): Buffer {
  const ip = Buffer.alloc(20)
  ip[0] = 0x45
  ip.writeUInt16BE(20 + 20 + payload.length, 2)
  ip[8] = 64
  ip[9] = 6
  Buffer.from(src[0].split('.').map(Number)).copy(ip, 12)
  Buffer.from(dst[0].split('.').map(Number)).copy(ip, 16)
  const tcp = Buffer.alloc(20)
  tcp.writeUInt16BE(src[1], 0)
  tcp.writeUInt16BE(dst[1], 2)
  tcp.writeUInt32BE(seq >>> 0, 4)
  tcp.writeUInt32BE(ack >>> 0, 8)
  tcp[12] = 5 << 4
  tcp[13] = flags
  return Buffer.concat([mac('02:00:00:00:00:02'), mac('02:00:00:00:00:01'), Buffer.from([0x08, 0x00]), ip, tcp, payload])
}
