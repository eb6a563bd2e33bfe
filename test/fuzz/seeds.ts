// Seed inputs for every fuzz target, from the public corpus (OFL_CORPUS) and fixtures/: OpenFlow
// messages (Ryu/Kytos vectors, hex vectors, and every message the stream decoder frames out of the
// corpus captures), slow-protocol frames and PDUs, and capture files cut into windows of a few
// records (head = file header / section and interface blocks, units = records or blocks).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readCapture } from '../../src/capture/open.js'
import type { CaptureRecord } from '../../src/capture/record.js'
import { linkView } from '../../src/capture/linktype.js'
import { OfCaptureDecoder } from '../../src/openflow/stream/capture.js'
import { parseHex } from '../../src/wire/hex.js'
import type { Seed } from './mutate.js'

/** fixtures/ of the project (the fuzzer also runs compiled, from build/fuzz/test/fuzz). */
export const FIXTURES = ((): string => {
  let dir = fileURLToPath(new URL('.', import.meta.url))
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'fixtures', 'vectors'))) return join(dir, 'fixtures')
    dir = resolve(dir, '..')
  }
  throw new Error('fixtures/ not found above the fuzzer')
})()

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e)
    if (statSync(p).isDirectory()) walk(p, out)
    else out.push(p)
  }
  return out
}

export interface SeedSet {
  /** OpenFlow messages by version byte (1, 3, 4). */
  of: Map<number, Seed[]>
  /** Slow-protocol PDUs from the subtype byte on, by subtype (1 LACP, 2 Marker). */
  slowPdu: Map<number, Seed[]>
  /** Whole slow-protocol Ethernet frames. */
  slowFrame: Seed[]
  /** Capture windows by container. */
  pcap: Seed[]
  pcapng: Seed[]
  /** Back-to-back OpenFlow messages (units = messages). */
  ofStream: Seed[]
  /** Capture windows of OpenFlow-over-TCP traffic (units = records). */
  ofCapture: Seed[]
}

function hexBinary(text: string): Buffer | undefined {
  const i = text.search(/^-- binary/m)
  if (i === -1) return undefined
  const rest = text.slice(i + '-- binary'.length)
  const j = rest.search(/^-- /m)
  try {
    return parseHex(j === -1 ? rest : rest.slice(0, j))
  } catch {
    return undefined
  }
}

const one = (name: string, b: Buffer): Seed => ({ name, head: Buffer.alloc(0), units: [b] })

/** Cut a capture into windows of up to `per` records: head + record byte ranges (raw, unchanged). */
function windows(name: string, file: Buffer, records: CaptureRecord[], per: number, maxWindows: number): Seed[] {
  if (records.length === 0) return [one(name, file.subarray(0, 4096))]
  const offs = records.map((r) => r.offset)
  const head = file.subarray(0, offs[0])
  const units = offs.map((o, i) => file.subarray(o, i + 1 < offs.length ? offs[i + 1] : file.length))
  const out: Seed[] = []
  const step = Math.max(per, Math.ceil(units.length / maxWindows))
  for (let i = 0; i < units.length && out.length < maxWindows; i += step) {
    out.push({ name: `${name}#${i + 1}`, head, units: units.slice(i, i + per) })
  }
  return out
}

function recordsOf(file: Buffer): CaptureRecord[] {
  try {
    return readCapture(file)
  } catch (e) {
    return (e as { records?: CaptureRecord[] }).records ?? []
  }
}

export function loadSeeds(corpus = process.env.OFL_CORPUS): SeedSet {
  const s: SeedSet = { of: new Map(), slowPdu: new Map(), slowFrame: [], pcap: [], pcapng: [], ofStream: [], ofCapture: [] }
  const add = <K>(m: Map<K, Seed[]>, k: K, seed: Seed): void => {
    const l = m.get(k)
    if (l) l.push(seed)
    else m.set(k, [seed])
  }
  const seenOf = new Set<string>()
  const addOf = (name: string, b: Buffer): void => {
    if (b.length < 8 || b.length > 65535) return
    const key = b.toString('latin1')
    if (seenOf.has(key)) return
    seenOf.add(key)
    add(s.of, b[0]!, one(name, b))
  }
  const addSlowFrame = (name: string, b: Buffer): void => {
    s.slowFrame.push(one(name, b))
    try {
      const v = linkView(1, b)
      const pdu = v.payload
      if (v.ethertype === 0x8809 && pdu.length > 0) add(s.slowPdu, pdu[0]!, one(name, Buffer.from(pdu)))
    } catch {
      // not readable as Ethernet: a frame seed only
    }
  }

  const files = [...walk(FIXTURES), ...(corpus ? walk(resolve(corpus)) : [])]
  for (const f of files) {
    const base = f.split('/').slice(-3).join('/')
    if (f.endsWith('.packet') || f.endsWith('.dat')) {
      addOf(base, readFileSync(f))
    } else if (f.endsWith('.hex')) {
      const text = readFileSync(f, 'utf8')
      const b = hexBinary(text)
      if (b === undefined) continue
      const codec = /^# codec: (\S+)/m.exec(text)?.[1]
      if (/\/vectors\/of1\d\//.test(f)) addOf(base, b)
      else if (codec === 'slow-frame') addSlowFrame(base, b)
      else if (codec === 'lacpdu' || codec === 'marker') add(s.slowPdu, codec === 'lacpdu' ? 1 : 2, one(base, b))
      else if (/\/vectors\/capture\//.test(f)) (b.readUInt32LE(0) === 0x0a0d0d0a ? s.pcapng : s.pcap).push(one(base, b))
    } else if (f.endsWith('.pcap') || f.endsWith('.pcapng')) {
      const file = readFileSync(f)
      const recs = recordsOf(file)
      const ng = file.length >= 4 && file.readUInt32LE(0) === 0x0a0d0d0a
      ;(ng ? s.pcapng : s.pcap).push(...windows(base, file, recs, 6, 24))
      let of = 0
      const dec = new OfCaptureDecoder((m) => {
        of++
        addOf(`${base}@${m.frame}`, Buffer.from(m.bytes))
      }, () => {})
      for (const r of recs) {
        dec.push(r)
        if (r.data.length >= 14 && r.data.readUInt16BE(12) === 0x8809) addSlowFrame(`${base}@${r.frame}`, Buffer.from(r.data))
      }
      dec.finish()
      if (of > 0) s.ofCapture.push(...windows(base, file, recs, 12, 32))
    }
  }
  // streams of 1-6 consecutive messages of one version
  for (const [, list] of s.of) {
    for (let i = 0; i < list.length; i += 3) {
      const units = list.slice(i, i + 1 + (i % 6)).flatMap((x) => x.units)
      s.ofStream.push({ name: `${list[i]!.name}+${units.length - 1}`, head: Buffer.alloc(0), units })
    }
  }
  return s
}
