// The capture workloads of the whole-process benchmarks (`ofl bench all`, bench/gen-captures.js):
// deterministic (seeded) classic pcap files, written in large chunks so a 1 GiB file takes seconds.
//
// - mixed-tcp:   a bonded link's traffic — IPv4/TCP data frames (full segments, pure ACKs, mid-size),
//                one LACPDU per 1000 frames, from 8 senders (4 links seen from both ends) at 1/s each;
// - mixed-junk:  the same layout, but behind the IPv4 EtherType: random bytes, truncated IP/TCP headers,
//                bad IHL / data offsets, lying total lengths, fragments;
// - mixed-nonip: the same layout with non-IP data frames (ARP, LLDP, local experimental EtherTypes);
// - lacp-cyclic: LACPDUs only, 96 senders (48 links, both ends) cycling, each sender's PDU identical;
// - lacp-varied: the same, but every PDU differs from its sender's previous one (the collector max
//                delay counts up), so nothing can be reused from the PDU before.
// The files are large: generate them into a cache directory (defaultWorkloadDir), never into the repo.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lacpduToBuffer } from '../lacp/lacpdu.js'
import { parseMac } from '../wire/mac.js'
import { mulberry32 } from './prng.js'

/** Every workload, in table order. */
export const WORKLOAD_NAMES = ['mixed-tcp', 'mixed-junk', 'mixed-nonip', 'lacp-cyclic', 'lacp-varied'] as const
export type WorkloadName = (typeof WORKLOAD_NAMES)[number]
export const WORKLOADS: readonly WorkloadName[] = ['mixed-tcp', 'mixed-junk', 'mixed-nonip', 'lacp-cyclic', 'lacp-varied']

export interface WorkloadSpec {
  name: WorkloadName
  /** Records in the file. */
  records: number
  description: string
}

/** Full sizes (the workloads) and the --quick ones (about a tenth). */
export function workloadSpec(name: WorkloadName, quick = false): WorkloadSpec {
  const mixed = quick ? 148_000 : 1_480_000
  const lacp = quick ? 100_000 : 1_000_000
  switch (name) {
    case 'mixed-tcp': return { name, records: mixed, description: `${mixed} IPv4/TCP data frames + 1 LACPDU per 1000 (8 senders)` }
    case 'mixed-junk': return { name, records: mixed, description: `${mixed} junk frames behind EtherType 0x0800 + 1 LACPDU per 1000` }
    case 'mixed-nonip': return { name, records: mixed, description: `${mixed} non-IP data frames + 1 LACPDU per 1000` }
    case 'lacp-cyclic': return { name, records: lacp, description: `${lacp} LACPDUs, 96 senders, each sender's PDU identical` }
    case 'lacp-varied': return { name, records: lacp, description: `${lacp} LACPDUs, 96 senders, every PDU differs` }
  }
}

export function defaultWorkloadDir(): string {
  return process.env.OFL_BENCH_DIR ?? join(tmpdir(), 'ofl-bench-captures')
}

const UP_FAST = 0x3f
/** IEEE 802.1AX-2014 §6.4.2.3: CollectorMaxDelay is at octets 45-46 of the LACPDU (0-based 44), 58 in the frame. */
const COLLECTOR_DELAY_IN_FRAME = 14 + 44

function lacpFrame(link: number, side: 0 | 1, collectorMaxDelay: number): Buffer {
  const sys = (s: number) => `02:00:00:00:${(s >> 8).toString(16).padStart(2, '0')}:${(s & 0xff).toString(16).padStart(2, '0')}`
  const port = (link % 4096) + 1
  const info = (s: number) => ({ systemPriority: 65534, system: sys(0xa0 + s), key: 1 + (link >> 2), portPriority: 255, port, state: UP_FAST })
  const mac = parseMac(`02:00:${side ? 'b0' : 'a0'}:00:${(link >> 8).toString(16).padStart(2, '0')}:${(link & 0xff).toString(16).padStart(2, '0')}`)
  return Buffer.concat([parseMac('01:80:c2:00:00:02'), mac, Buffer.from([0x88, 0x09]),
    lacpduToBuffer({ actor: info(side), partner: info(1 - side), collectorMaxDelay })])
}

/** Chunked pcap writer: records go into one reused 8 MiB buffer. */
class PcapOut {
  private readonly buf = Buffer.allocUnsafe(8 << 20)
  private pos = 0
  private readonly fd: number
  bytes = 0
  constructor(path: string) {
    this.fd = openSync(path, 'w')
    const h = this.buf
    h.writeUInt32LE(0xa1b2c3d4, 0)
    h.writeUInt16LE(2, 4)
    h.writeUInt16LE(4, 6)
    h.writeInt32LE(0, 8)
    h.writeUInt32LE(0, 12)
    h.writeUInt32LE(65535, 16)
    h.writeUInt32LE(1, 20)
    this.pos = 24
  }
  /** Reserve a record of `len` bytes at time t (µs since the epoch); returns the frame's offset in `buf`. */
  record(tUs: number, len: number): number {
    if (this.pos + 16 + len > this.buf.length) this.flush()
    const b = this.buf
    const p = this.pos
    b.writeUInt32LE(Math.floor(tUs / 1e6), p)
    b.writeUInt32LE(tUs % 1e6, p + 4)
    b.writeUInt32LE(len, p + 8)
    b.writeUInt32LE(len, p + 12)
    this.pos = p + 16 + len
    return p + 16
  }
  get data(): Buffer {
    return this.buf
  }
  flush(): void {
    writeSync(this.fd, this.buf, 0, this.pos)
    this.bytes += this.pos
    this.pos = 0
  }
  close(): void {
    this.flush()
    closeSync(this.fd)
  }
}

function ipChecksum(b: Buffer, o: number): void {
  b[o + 10] = 0
  b[o + 11] = 0
  let s = 0
  for (let i = 0; i < 20; i += 2) s += (b[o + i]! << 8) | b[o + i + 1]!
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16)
  b.writeUInt16BE(~s & 0xffff, o + 10)
}

interface Flow { a: number; b: number; pa: number; pb: number; seq: number; ack: number }

/** Write one workload to `path` (overwrites). Returns the file size. */
export function writeWorkload(path: string, name: WorkloadName, records: number, seed = 10): number {
  const out = new PcapOut(path)
  const rand = mulberry32(seed)
  const pool = Buffer.allocUnsafe(1 << 16) // random payload bytes, sliced at random offsets
  for (let i = 0; i < pool.length; i++) pool[i] = (rand() * 256) | 0
  const t0 = 1_700_000_000 * 1e6
  try {
    if (name === 'lacp-cyclic' || name === 'lacp-varied') {
      const senders = Array.from({ length: 96 }, (_, s) => lacpFrame(s >> 1, (s & 1) as 0 | 1, 0))
      for (let i = 0; i < records; i++) {
        const s = i % 96
        const f = senders[s]!
        const o = out.record(t0 + Math.floor((i * 1e6) / 96), f.length)
        f.copy(out.data, o)
        if (name === 'lacp-varied') out.data.writeUInt16BE(Math.floor(i / 96) & 0xffff, o + COLLECTOR_DELAY_IN_FRAME)
      }
      out.close()
      return out.bytes
    }
    const lacp = Array.from({ length: 8 }, (_, s) => lacpFrame(s >> 1, (s & 1) as 0 | 1, 0))
    const flows: Flow[] = Array.from({ length: 32 }, (_, i) => ({
      a: 0x0a000001 + i, b: 0x0a000101 + (i % 5), pa: 40000 + i * 7, pb: [443, 5201, 22, 80, 8080][i % 5]!,
      seq: (rand() * 2 ** 32) >>> 0, ack: (rand() * 2 ** 32) >>> 0,
    }))
    const nonIpTypes = [0x0806, 0x88cc, 0x88b5, 0x88b6, 0x22f0, 0x88f7]
    let nLacp = 0
    for (let i = 0; i < records; i++) {
      const tUs = t0 + i * 125 // 8000 frames/s: each of the 8 senders' LACPDUs once a second
      if (i % 1000 === 999) {
        const f = lacp[nLacp++ % 8]!
        f.copy(out.data, out.record(tUs, f.length))
        continue
      }
      const r = rand()
      const len = r < 0.4 ? 1514 : r < 0.9 ? 66 : 100 + ((rand() * 1300) | 0)
      const o = out.record(tUs, len)
      const b = out.data
      const fl = flows[(rand() * flows.length) | 0]!
      const dir = rand() < 0.5
      // Ethernet: dst, src, type
      b.writeUInt32BE(0x0200000b, o); b.writeUInt16BE(dir ? 0x0001 : 0x0002, o + 4)
      b.writeUInt32BE(0x0200000b, o + 6); b.writeUInt16BE(dir ? 0x0002 : 0x0001, o + 10)
      const payloadLen = len - 14
      const src = (rand() * (pool.length - 1600)) | 0
      if (name === 'mixed-nonip') {
        b.writeUInt16BE(nonIpTypes[(rand() * nonIpTypes.length) | 0]!, o + 12)
        pool.copy(b, o + 14, src, src + payloadLen)
        continue
      }
      b.writeUInt16BE(0x0800, o + 12)
      const ip = o + 14
      if (name === 'mixed-junk') {
        pool.copy(b, ip, src, src + payloadLen)
        const kind = rand()
        if (kind < 0.5) continue // random bytes
        // a plausible IPv4/TCP header with one thing wrong
        b[ip] = 0x45; b[ip + 9] = 6
        b.writeUInt16BE(payloadLen, ip + 2); b.writeUInt16BE(0, ip + 6)
        const bad = (kind * 1e6) % 6 | 0
        if (bad === 0) b[ip] = 0x4f // options claimed past the TCP header
        else if (bad === 1) b[ip] = 0x43 // IHL below 5
        else if (bad === 2) b.writeUInt16BE(0xffff, ip + 2) // total length lies
        else if (bad === 3) b.writeUInt16BE(0x2000 | ((rand() * 100) | 0), ip + 6) // fragment
        else if (bad === 4) b[ip + 32] = 0x10 // TCP data offset 4 words
        else b[ip + 32] = 0xf0 // TCP data offset past the end (short frames too)
        continue
      }
      // IPv4 (RFC 791)
      b[ip] = 0x45; b[ip + 1] = 0
      b.writeUInt16BE(payloadLen, ip + 2)
      b.writeUInt16BE(i & 0xffff, ip + 4)
      b.writeUInt16BE(0x4000, ip + 6) // DF
      b[ip + 8] = 64; b[ip + 9] = 6
      b.writeUInt32BE(dir ? fl.a : fl.b, ip + 12)
      b.writeUInt32BE(dir ? fl.b : fl.a, ip + 16)
      ipChecksum(b, ip)
      // TCP (RFC 9293) with a 12-byte timestamp option
      const tcp = ip + 20
      b.writeUInt16BE(dir ? fl.pa : fl.pb, tcp); b.writeUInt16BE(dir ? fl.pb : fl.pa, tcp + 2)
      const dataLen = payloadLen - 32
      b.writeUInt32BE(dir ? fl.seq : fl.ack, tcp + 4); b.writeUInt32BE(dir ? fl.ack : fl.seq, tcp + 8)
      if (dir) fl.seq = (fl.seq + dataLen) >>> 0
      else fl.ack = (fl.ack + dataLen) >>> 0
      b[tcp + 12] = 0x80; b[tcp + 13] = dataLen > 0 ? 0x18 : 0x10
      b.writeUInt16BE(502, tcp + 14); b.writeUInt32BE(0, tcp + 16)
      b.writeUInt32BE(0x0101080a, tcp + 20); b.writeUInt32BE(i >>> 0, tcp + 24); b.writeUInt32BE(i >>> 1, tcp + 28)
      if (dataLen > 0) pool.copy(b, tcp + 32, src, src + dataLen)
    }
    out.close()
    return out.bytes
  } catch (e) {
    try { out.close() } catch { /* already failing */ }
    throw e
  }
}

/**
 * The path of a workload file in `dir`, generated first when missing (a file is written under a
 * temporary name and renamed, so an interrupted run never leaves a short file behind).
 */
export function ensureWorkload(dir: string, name: WorkloadName, quick = false, log?: (s: string) => void): string {
  const spec = workloadSpec(name, quick)
  const path = join(dir, `${name}-${spec.records}.pcap`)
  if (existsSync(path)) return path
  mkdirSync(dir, { recursive: true })
  const t = Date.now()
  writeWorkload(`${path}.part`, name, spec.records)
  renameSync(`${path}.part`, path)
  log?.(`generated ${path} (${(statSync(path).size / 2 ** 20).toFixed(0)} MiB, ${((Date.now() - t) / 1000).toFixed(1)} s)`)
  return path
}
