// The classic pcap scan loop for a filter from makeFrameFilter (ClassicPcapParser's scanEthernet(), which reads
// the record headers byte by byte and decides the common EtherTypes inline) against the generic loop
// (the same filter called through a plain function, which has no plan): on seeded random captures in
// both byte orders, µs and ns, intact, cut at every kind of place and with a lying incl_len, the kept
// records, the frame count and the error (code and offset) must be the same, in memory and streamed
// in small chunks.
import { execFileSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { makeFrameFilter, type FrameFilter } from '../../../src/capture/filter.js'
import { openCapture, scanCapture, withVlans, writePcap, type CaptureErrorWithRecords, type CaptureRecord, type WriteRecord } from '../../../src/capture/index.js'
import { isOflError } from '../../../src/wire/errors.js'
import { mulberry32 } from '../../helpers/prng.js'

const planned = makeFrameFilter({ slowProtocols: true, tcpPorts: [6653, 6633] })
const generic: FrameFilter = (b, start, len, linkType) => planned(b, start, len, linkType)
const slowOnly = makeFrameFilter({ slowProtocols: true })
const slowOnlyGeneric: FrameFilter = (b, start, len, linkType) => slowOnly(b, start, len, linkType)

function frameOf(rand: () => number): Buffer {
  const byte = () => Math.floor(rand() * 256)
  const k = Math.floor(rand() * 12)
  const len = k === 0 ? Math.floor(rand() * 14) : 14 + Math.floor(rand() * (rand() < 0.2 ? 1500 : 90))
  const f = Buffer.alloc(len)
  for (let i = 0; i < len; i++) f[i] = byte()
  if (len < 14) return f
  const type = [0x8809, 0x0800, 0x0800, 0x0800, 0x0800, 0x86dd, 0x0806, 0x88cc, 0x8100, 0x88a8, 0x0800, 0x8809][k]!
  f.writeUInt16BE(type, 12)
  if (type === 0x0800 && len >= 34 && rand() < 0.7) {
    // a plausible IPv4/TCP header, often on an OpenFlow port, sometimes with one field wrong
    f[14] = rand() < 0.9 ? 0x45 : byte()
    f.writeUInt16BE(rand() < 0.8 ? len - 14 : Math.floor(rand() * 65536), 16)
    f.writeUInt16BE(rand() < 0.9 ? 0x4000 : byte(), 20)
    f[23] = rand() < 0.9 ? 6 : 17
    if (len >= 54) {
      f.writeUInt16BE(rand() < 0.5 ? [6653, 6633][Math.floor(rand() * 2)]! : Math.floor(rand() * 65536), rand() < 0.5 ? 34 : 36)
      f[46] = (rand() < 0.8 ? 5 + Math.floor(rand() * 3) : Math.floor(rand() * 16)) << 4
    }
  }
  if (type === 0x86dd && len >= 74) {
    f[14] = 0x60
    f[20] = 6
    f.writeUInt16BE(len - 54, 18)
    f.writeUInt16BE(6653, 54 + 2)
    f[54 + 12] = 0x50
  }
  if (type === 0x8100 && len >= 18) f.writeUInt16BE(rand() < 0.5 ? 0x8809 : 0x0800, 16)
  return f
}

/** Record header offsets (file order) of a capture written by writePcap. */
function recordOffsets(recs: WriteRecord[]): number[] {
  const out: number[] = []
  let o = 24
  for (const r of recs) {
    out.push(o)
    o += 16 + r.data.length
  }
  return out
}

interface Outcome {
  frames: number
  records: string[]
  error?: { code: string; offset: number | undefined }
}

const show = (r: CaptureRecord): string => `${r.frame}@${r.offset} ${r.tsSec}.${r.tsNsec}${r.tsInvalid ? '!' : ''} ${r.origLen} ${r.data.toString('hex')}`

function inMemory(file: Buffer, filter: FrameFilter): Outcome {
  try {
    const s = scanCapture(file, { filter })
    return { frames: s.frames, records: s.records.map(show) }
  } catch (e) {
    if (!isOflError(e)) throw e
    const c = e as CaptureErrorWithRecords
    return { frames: c.frames ?? -1, records: (c.records ?? []).map(show), error: { code: e.code, offset: e.offset } }
  }
}

async function streamed(path: string, filter: FrameFilter, chunkSize: number): Promise<Outcome> {
  const s = openCapture(path, { filter, chunkSize })
  const records: string[] = []
  try {
    for await (const b of s.batches()) for (const r of b) records.push(show(r))
  } catch (e) {
    if (!isOflError(e)) throw e
    return { frames: s.frames, records, error: { code: e.code, offset: e.offset } }
  }
  return { frames: s.frames, records }
}

const dir = mkdtempSync(join(tmpdir(), 'ofl-scan-loop-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('classic pcap scan loop (filter plan) = generic filtered loop', () => {
  it('the filter carries a plan and the generic wrapper does not (both loops are exercised)', () => {
    expect(planned.plan).toEqual({ slow: true, ports: expect.any(Uint8Array) })
    expect(slowOnly.plan).toEqual({ slow: true, ports: undefined })
    expect(generic.plan).toBeUndefined()
  })

  it('seeded random captures, both byte orders, µs and ns: intact, cut anywhere, lying incl_len', async () => {
    let cases = 0
    let errors = 0
    let kept = 0
    const codes = new Set<string>()
    for (let seed = 1; seed <= 6; seed++) {
      const rand = mulberry32(seed * 7919)
      const recs: WriteRecord[] = []
      for (let i = 0; i < 300; i++) {
        const data = frameOf(rand)
        recs.push({ tsSec: 1_700_000_000 + i, tsNsec: Math.floor(rand() * 1e9), data: rand() < 0.05 && data.length >= 14 ? withVlans(data, [{ vid: 7 }]) : data })
      }
      const offsets = recordOffsets(recs)
      for (const bigEndian of [false, true]) {
        for (const nanosecond of [false, true]) {
          const whole = writePcap(recs, { bigEndian, nanosecond })
          const variants: Buffer[] = [whole]
          // cut: at a record boundary, inside a record header, inside record data, 1 byte short of the end
          for (let v = 0; v < 4; v++) {
            const at = offsets[Math.floor(rand() * offsets.length)]!
            variants.push(whole.subarray(0, at), whole.subarray(0, at + 1 + Math.floor(rand() * 15)), whole.subarray(0, at + 16 + Math.floor(rand() * 20)))
          }
          variants.push(whole.subarray(0, whole.length - 1))
          // incl_len beyond the maximum (just above and far above), and a length that runs past the end
          for (const caplen of [262145, 0xffffffff, 200_000]) {
            const bad = Buffer.from(whole)
            const at = offsets[Math.floor(rand() * offsets.length)]!
            if (bigEndian) bad.writeUInt32BE(caplen, at + 8)
            else bad.writeUInt32LE(caplen, at + 8)
            variants.push(bad)
          }
          for (const file of variants) {
            for (const [fast, slow] of [[planned, generic], [slowOnly, slowOnlyGeneric]] as const) {
              const want = inMemory(file, slow)
              const got = inMemory(file, fast)
              expect(got).toEqual(want)
              cases++
              kept += want.records.length
              if (want.error) {
                errors++
                codes.add(want.error.code)
              }
            }
          }
          // streamed in small chunks (records cut between reads), for a few of the variants
          for (const file of [variants[0]!, variants[2]!, variants[variants.length - 3]!]) {
            const path = join(dir, `s${seed}${bigEndian ? 'be' : 'le'}${nanosecond ? 'ns' : 'us'}.pcap`)
            writeFileSync(path, file)
            const want = inMemory(file, generic)
            for (const chunk of [64, 1000 + Math.floor(rand() * 3000)]) expect(await streamed(path, planned, chunk)).toEqual(want)
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(300)
    expect(errors).toBeGreaterThan(100)
    expect(kept).toBeGreaterThan(1000)
    expect([...codes].sort()).toEqual(['PCAP_BAD_CAPLEN', 'TRUNCATED'])
  })
})

describe('openCapture on a file that is not a regular file', () => {
  it('a FIFO is opened and read without blocking the event loop (the writer is in this process)', async () => {
    const rand = mulberry32(99)
    const recs: WriteRecord[] = Array.from({ length: 2000 }, (_, i) => ({ tsSec: i, data: frameOf(rand) }))
    const file = writePcap(recs)
    const fifo = join(dir, 'capture.fifo')
    execFileSync('mkfifo', [fifo])
    const want = inMemory(file, generic)
    const reading = streamed(fifo, planned, 4096)
    // opening the FIFO for reading waits for this writer: a read on the main thread would never return
    const w = createWriteStream(fifo)
    w.end(file)
    expect(await reading).toEqual(want)
    expect(want.records.length).toBeGreaterThan(100)
  })
})
