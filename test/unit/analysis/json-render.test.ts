// `ofl lacp decode --json` renders the actor/partner objects and the per-sender prefix of each PDU
// from caches keyed by the bytes they come from. These tests feed many more distinct tuples than
// the caches hold (evictions, set collisions), interleaved with repeats, and compare every pdus[]
// element with the values the frames were built from.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHUNK_CONSUMED, decodeLacpCapture } from '../../../src/oflacp/capture.js'
import { JsonBuffer } from '../../../src/lacp/analysis/json.js'
import { writePcap } from '../../../src/capture/writer.js'
import { lacpduToBuffer, type LacpPortInfo } from '../../../src/lacp/lacpdu.js'
import { formatMac, parseMac } from '../../../src/wire/mac.js'
import { mulberry32 as rng } from '../../helpers/prng.js'

interface Sent { src: string; actor: LacpPortInfo; partner: LacpPortInfo; cmd: number; tsSec: number; tsNsec: number }

/** Half the tuples share system, priorities and key and differ only in port and state (the last cache key word). */
function randomInfo(r: () => number): LacpPortInfo {
  const n16 = () => (r() < 0.2 ? [0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 65535][(r() * 11) | 0]! : (r() * 65536) | 0)
  const port = n16()
  const state = (r() * 256) | 0
  if (r() < 0.5) return { systemPriority: 32768, system: '02:00:00:00:00:0a', key: 7, portPriority: 255, port, state }
  const sys = Buffer.from(Array.from({ length: 6 }, () => (r() * 256) | 0))
  sys[0]! &= 0xfe
  return { systemPriority: n16(), system: formatMac(sys), key: n16(), portPriority: n16(), port, state }
}

async function decodeJson(...bufs: Buffer[]): Promise<{ pdus: Record<string, unknown>[] }> {
  const chunks: Buffer[] = []
  await decodeLacpCapture(bufs, { format: 'json' }, { write: (c: string | Buffer) => void chunks.push(Buffer.from(c)) })
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { pdus: Record<string, unknown>[] }
}

describe('--json PDU rendering through the render caches', () => {
  it('matches the sent fields for 6000 PDUs with 5000 distinct tuples and repeats', async () => {
    const r = rng(0x10)
    const sent: Sent[] = []
    const pool: Sent[] = []
    for (let i = 0; i < 6000; i++) {
      const tsSec = 1_700_000_000 + Math.floor(i / 7)
      const tsNsec = ((r() * 1e9) | 0)
      // a third repeat an earlier sender's tuples with a new collector delay; the rest are new
      const base = pool.length > 0 && r() < 0.33 ? pool[(r() * pool.length) | 0]! : undefined
      const s: Sent = base
        ? { ...base, cmd: (r() * 65536) | 0, tsSec, tsNsec }
        : { src: formatMac(Buffer.from([2, 0, 0, 0, (r() * 4) | 0, (r() * 256) | 0])), actor: randomInfo(r), partner: randomInfo(r), cmd: (r() * 65536) | 0, tsSec, tsNsec }
      if (!base && pool.length < 1200) pool.push(s)
      sent.push(s)
    }
    const frames = sent.map((s) => Buffer.concat([parseMac('01:80:c2:00:00:02'), parseMac(s.src), Buffer.from([0x88, 0x09]),
      lacpduToBuffer({ actor: s.actor, partner: s.partner, collectorMaxDelay: s.cmd })]))
    const doc = await decodeJson(writePcap(frames.map((data, i) => ({ tsSec: sent[i]!.tsSec, tsNsec: sent[i]!.tsNsec, data })), { nanosecond: true }))
    expect(doc.pdus).toHaveLength(sent.length)
    for (const [i, s] of sent.entries()) {
      const iso = new Date(s.tsSec * 1000).toISOString().slice(0, 19)
      expect(doc.pdus[i]).toEqual({
        frame: i + 1, time: `${iso}.${String(s.tsNsec).padStart(9, '0')}Z`, subtype: 1, srcMac: s.src, dstMac: '01:80:c2:00:00:02',
        version: 1, actor: s.actor, partner: s.partner, collectorMaxDelay: s.cmd, issues: [],
      })
    }
  })

  it('renders the same bytes whether a tuple is cached or not (second pass over the same capture)', async () => {
    const r = rng(0x11)
    const frames = Array.from({ length: 300 }, () => Buffer.concat([parseMac('01:80:c2:00:00:02'), parseMac('02:00:00:00:00:01'), Buffer.from([0x88, 0x09]),
      lacpduToBuffer({ actor: randomInfo(r), partner: randomInfo(r), collectorMaxDelay: 7 })]))
    const buf = writePcap(frames.map((data, i) => ({ tsSec: 1_700_000_000 + i, data })))
    const first = await decodeJson(buf)
    const second = await decodeJson(buf)
    expect(second.pdus).toEqual(first.pdus)
    expect((first.pdus[299]!.actor as LacpPortInfo).systemPriority).toBeTypeOf('number')
  })

  it('keeps the place of each PDU apart: the same frames from two inputs carry their own file', async () => {
    const frame = Buffer.concat([parseMac('01:80:c2:00:00:02'), parseMac('02:00:00:00:00:01'), Buffer.from([0x88, 0x09]),
      lacpduToBuffer({ actor: randomInfo(rng(1)), partner: randomInfo(rng(2)), collectorMaxDelay: 0 })])
    const buf = writePcap([0, 1, 2].map((i) => ({ tsSec: 1_700_000_000 + i, data: frame })))
    const doc = await decodeJson(buf, buf)
    expect(doc.pdus.map((p) => p.file)).toEqual(['buffer 1', 'buffer 1', 'buffer 1', 'buffer 2', 'buffer 2', 'buffer 2'])
  })
})

describe('JsonBuffer take/recycle', () => {
  it('never writes again into a view it handed out, unless it came back', () => {
    const j = new JsonBuffer(64)
    j.ascii('a'.repeat(40))
    const first = j.take()
    j.ascii('b'.repeat(20))
    const second = j.take()
    expect(second.buffer).toBe(first.buffer) // written behind the first view, in the same buffer
    j.ascii('c'.repeat(30)) // does not fit: a new buffer, the views keep their bytes
    expect(first.toString()).toBe('a'.repeat(40))
    expect(second.toString()).toBe('b'.repeat(20))
    expect(j.pending).toBe(30)
    const third = j.take()
    expect(third.toString()).toBe('c'.repeat(30))
    j.recycle(first) // a view of the buffer left behind: nothing to reuse
    j.ascii('d')
    expect(third.toString()).toBe('c'.repeat(30))
    expect(j.take().toString()).toBe('d')
  })

  it('starts over in the same memory once every view is back', () => {
    const j = new JsonBuffer(64)
    j.ascii('xyz')
    const a = j.take()
    j.ascii('uv')
    const b = j.take()
    j.recycle(a)
    j.ascii('w') // b is still out: written behind it
    expect(b.toString()).toBe('uv')
    const c = j.take()
    expect(c.byteOffset).toBe(b.byteOffset + 2)
    j.recycle(b)
    j.recycle(c)
    j.ascii('k')
    const d = j.take()
    expect(d.byteOffset).toBe(a.byteOffset)
    expect(d.toString()).toBe('k')
  })

  it('a decode into a sink that lets go of every chunk gives the same document as one that keeps them', async () => {
    const frames = Array.from({ length: 5000 }, (_, i) => Buffer.concat([parseMac('01:80:c2:00:00:02'), parseMac(`02:00:00:00:00:0${i % 4}`), Buffer.from([0x88, 0x09]),
      lacpduToBuffer({ actor: randomInfo(rng(i % 4)), partner: randomInfo(rng(9)), collectorMaxDelay: i & 0xffff })]))
    const dir = mkdtempSync(join(tmpdir(), 'ofl-json-'))
    const buf = join(dir, 'c.pcap') // a file: read in batches, one chunk of output each
    writeFileSync(buf, writePcap(frames.map((data, i) => ({ tsSec: 1_700_000_000 + i, data }))))
    const kept: Buffer[] = []
    await decodeLacpCapture([buf], { format: 'json' }, { write: (c: string | Buffer) => void kept.push(Buffer.from(c)) })
    let copied = ''
    let reused = 0
    const seenBuffers = new Set<ArrayBufferLike>()
    await decodeLacpCapture([buf], { format: 'json' }, {
      write: (c: string | Buffer) => {
        copied += c.toString()
        if (typeof c !== 'string') {
          if (seenBuffers.has(c.buffer)) reused++
          seenBuffers.add(c.buffer)
        }
        return CHUNK_CONSUMED
      },
    })
    expect(copied).toBe(Buffer.concat(kept).toString())
    expect(JSON.parse(copied).pdus).toHaveLength(5000)
    expect(reused).toBeGreaterThan(0)
    rmSync(dir, { recursive: true })
  })
})
