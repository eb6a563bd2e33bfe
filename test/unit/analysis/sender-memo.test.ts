// `lacp decode` reads a sender's LACPDU without decoding it when its link header, actor and partner
// are those of the sender's previous one and the rest is a plain v1/v2 tail (per-sender memo in
// src/oflacp/capture.ts). These tests change every other byte class from one PDU to the next —
// collector delay, trailing bytes, reserved and pad octets, TLV headers, v2 TLVs, state, MACs, length —
// and compare each entry and each pdus[] element with the codec's own decode of that frame alone.
import { describe, expect, it } from 'vitest'
import { decodeLacpCapture } from '../../../src/oflacp/capture.js'
import { writePcap } from '../../../src/capture/writer.js'
import { decodeLacpdu, lacpduToBuffer, type LacpDu, type LacpPortInfo } from '../../../src/lacp/lacpdu.js'
import type { SlowPduEntry } from '../../../src/lacp/analysis/types.js'
import { parseMac } from '../../../src/wire/mac.js'
import { LacpAnalyzer, type SideRef } from '../../../src/lacp/analysis/analyzer.js'
import { mulberry32 as rng } from '../../helpers/prng.js'

const actor: LacpPortInfo = { systemPriority: 32768, system: '02:00:00:00:00:0a', key: 7, portPriority: 255, port: 3, state: 0x3d }
const partner: LacpPortInfo = { systemPriority: 65535, system: '02:00:00:00:00:0b', key: 9, portPriority: 128, port: 4, state: 0x3f }

function frame(src: string, pdu: Buffer, dst = '01:80:c2:00:00:02'): Buffer {
  return Buffer.concat([parseMac(dst), parseMac(src), Buffer.from([0x88, 0x09]), pdu])
}

/** What a consumer sees of a decoded LACPDU (plain data: tuples, delay, TLV kinds, trailing bytes, issue codes and offsets). */
function seen(p: LacpDu): unknown {
  return {
    version: p.version, actor: { ...p.actor }, partner: { ...p.partner }, collectorMaxDelay: p.collectorMaxDelay,
    tlvs: p.tlvs.map((t) => t.kind), trailing: p.trailing.toString('hex'), issues: p.issues.map((i) => `${i.code}@${i.offset}`),
  }
}

/** Mutations of a plain PDU; each keeps or breaks the memo's conditions. */
const MUTATIONS: ((pdu: Buffer, r: () => number) => Buffer)[] = [
  (p) => p, // identical
  (p, r) => { p.writeUInt16BE((r() * 65536) | 0, 44); return p }, // collector delay
  (p, r) => Buffer.concat([p, Buffer.from([(r() * 256) | 0, 1, 2, 3])]), // an FCS-like trailer
  (p, r) => { p[46 + ((r() * 12) | 0)] = 1 + ((r() * 255) | 0); return p }, // collector reserved not zero
  (p, r) => { p[60 + ((r() * 50) | 0)] = 1 + ((r() * 255) | 0); return p }, // pad after the terminator not zero
  (p) => { p[59] = 2; return p }, // terminator length
  (p) => { p[42] = 4; return p }, // collector TLV type
  (p) => { p[43] = 15; return p }, // collector TLV length
  (p, r) => { p[1] = 2; p.writeUInt16BE((r() * 65536) | 0, 44); return p }, // version 2, no TLVs
  () => lacpduToBuffer({ version: 2, actor, partner, collectorMaxDelay: 5, tlvs: [{ kind: 'portAlgorithm', type: 4, algorithm: 0x0080c201 }] }),
  (p, r) => { p[2 + 17 + ((r() * 3) | 0)] = 9; return p }, // actor reserved not zero
  (p, r) => { p[2 + 2 + 14] = (r() * 256) | 0; return p }, // actor state
  (p, r) => { p[22 + 2 + 14] = (r() * 256) | 0; return p }, // partner state
  (p, r) => { p[22 + 2 + 12 + 1] = (r() * 256) | 0; return p }, // partner port
]

describe('per-sender LACPDU memo', () => {
  it('hands every PDU as the codec decodes that frame alone, whatever changes between a sender\'s PDUs', async () => {
    const r = rng(0x3e3)
    const frames: Buffer[] = []
    const senders = ['02:00:00:00:01:01', '02:00:00:00:01:02', '02:00:00:00:01:03']
    for (let i = 0; i < 3000; i++) {
      const src = senders[(r() * senders.length) | 0]!
      // mostly a plain PDU with a new delay (the memo's case), often a mutation, sometimes another destination
      const base = lacpduToBuffer({ actor, partner, collectorMaxDelay: (r() * 4) | 0 })
      const pdu = r() < 0.5 ? MUTATIONS[1]!(base, r) : MUTATIONS[(r() * MUTATIONS.length) | 0]!(base, r)
      frames.push(frame(src, pdu, r() < 0.05 ? '01:80:c2:00:00:0e' : '01:80:c2:00:00:02'))
    }
    const cap = writePcap(frames.map((data, i) => ({ tsSec: 1_700_000_000 + i, data })))
    const got: unknown[] = []
    const chunks: Buffer[] = []
    await decodeLacpCapture([cap], {
      format: 'json',
      onPdu: (e: SlowPduEntry) => got.push(e.pdu !== undefined && e.pdu.subtype === 1 ? seen(e.pdu as LacpDu) : e.issues.map((i) => i.code)),
    }, { write: (c: string | Buffer) => void chunks.push(Buffer.from(c)) })
    const want = frames.map((f) => seen(decodeLacpdu(f, 14)))
    expect(got).toEqual(want)
    // the JSON elements carry the same delay and issues
    const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { pdus: { frame: number; dstMac: string; collectorMaxDelay: number; issues: { code: string; offset: number }[] }[] }
    expect(doc.pdus.map((p) => [p.frame, p.dstMac, p.collectorMaxDelay, p.issues.map((i) => `${i.code}@${i.offset}`)]))
      .toEqual(frames.map((f, i) => {
        const p = decodeLacpdu(f, 14)
        return [i + 1, f.subarray(0, 6).toString('hex').replace(/(..)(?!$)/g, '$1:'), p.collectorMaxDelay, p.issues.map((x) => `${x.code}@${x.offset}`)]
      }))
    // and the memo did stand for most PDUs: the tuples of consecutive plain PDUs of a sender are one object
    const entries: SlowPduEntry[] = []
    await decodeLacpCapture([writePcap([0, 1, 2].map((i) => ({ tsSec: 1_700_000_000 + i, data: frame(senders[0]!, MUTATIONS[1]!(lacpduToBuffer({ actor, partner }), r)) })))], {
      onPdu: (e: SlowPduEntry) => entries.push({ ...e }),
    })
    const tuples = entries.map((e) => (e.pdu as LacpDu).actor)
    expect(tuples[1]).toBe(tuples[0])
    expect(tuples[2]).toBe(tuples[0])
  })

  it('analyzer: addRepeat with the previous tuples gives the same analysis as add with fresh objects', () => {
    const r = rng(0x3e4)
    const fresh = new LacpAnalyzer()
    const repeat = new LacpAnalyzer()
    const a = { ...actor }
    const b = { ...partner }
    // x names a partner that is never heard; y (fast) and z (slow) both name x: the period x is held to
    // is that of whichever named it last (namedBy), so x's late gaps depend on every PDU of y and z
    const x: LacpPortInfo = { ...actor, port: 7 }
    const xp: LacpPortInfo = { ...partner, port: 77 }
    const y: LacpPortInfo = { ...partner, port: 8, state: 0x3f }
    const z: LacpPortInfo = { ...partner, port: 9, state: 0x3d }
    const senders: [LacpPortInfo, LacpPortInfo][] = [[a, b], [b, a], [x, xp], [y, x], [z, x]]
    const last = new Map<string, { pdu: LacpDu; ref: SideRef | undefined }>()
    const refs: (SideRef | undefined)[] = []
    for (let i = 0; i < 3000; i++) {
      if (r() < 0.02) a.state ^= 0x08
      if (r() < 0.02) b.key ^= 1
      // runs of one of y / z, so that repeats carry the naming
      const roll = (r() * 4) | 0
      const k = roll < 3 ? roll : (i >> 6) & 1 ? 3 : 4
      const [act, par] = senders[k]!
      const time = 1_700_000_000 + i * 0.7
      const decoded = decodeLacpdu(lacpduToBuffer({ actor: act, partner: par, collectorMaxDelay: i & 0xffff }))
      fresh.add({ frame: i + 1, time, where: {}, srcMac: `02:00:00:00:00:0${k}`, pdu: decoded })
      // the capture reader's way: the previous PDU's tuple objects while they are equal, its side as ref
      const prev = last.get(String(k))
      const same = prev && JSON.stringify([prev.pdu.actor, prev.pdu.partner]) === JSON.stringify([decoded.actor, decoded.partner])
      const pdu = same ? { ...decoded, actor: prev.pdu.actor, partner: prev.pdu.partner } : decoded
      // now and then a wrong ref (another sender's side): addRepeat must notice and fall back to add
      const ref = same ? (r() < 0.05 ? refs[(r() * refs.length) | 0] : prev.ref) : undefined
      const side = repeat.addRepeat({ frame: i + 1, time, where: {}, srcMac: `02:00:00:00:00:0${k}`, pdu }, ref)
      expect(side?.id).toBe(`${act.system}/${act.port}`)
      refs.push(side)
      last.set(String(k), { pdu, ref: side })
    }
    const want = fresh.finish()
    expect(repeat.finish()).toEqual(want)
    expect(want.summary.lacpdus).toBe(3000)
    // x was held to both periods: some of its gaps were late (fast), not all (slow)
    const xs = want.links.flatMap((l) => l.sides).find((s) => s.port === 7)!
    expect(xs.gaps.late).toBeGreaterThan(0)
    expect(xs.gaps.late).toBeLessThan(xs.gaps.count)
  })
})
