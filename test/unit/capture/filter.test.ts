// The scan-path frame filter (src/capture/filter.ts): what it keeps and refuses, that it never refuses a
// frame the decoders behind it would read (checked against linkView/parseTcp on seeded random frames),
// and that `lacp decode` results do not change when junk, truncated IP/TCP and non-IP frames are
// mixed into a real capture — only the frame numbers move.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { makeFrameFilter } from '../../../src/capture/filter.js'
import {
  linkView, openCapture, readCapture, scanCapture, toSll, toSll2, withVlans, writePcap, writePcapng,
  LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, type WriteRecord,
} from '../../../src/capture/index.js'
import { parseTcp } from '../../../src/openflow/stream/tcp.js'
import { decodeLacpCapture } from '../../../src/oflacp/capture.js'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const fixture = (name: string) => new URL(`../../../fixtures/captures/${name}`, import.meta.url).pathname
const OF = makeFrameFilter({ tcpPorts: [6653, 6633] })
const keep = (f: Buffer, lt = LINKTYPE_ETHERNET, filter = OF) => filter(f, 0, f.length, lt)

function eth(type: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(14)
  Buffer.from('020000000001020000000002', 'hex').copy(h)
  h.writeUInt16BE(type, 12)
  return Buffer.concat([h, payload])
}

function ipv4Tcp(sport: number, dport: number, o: { frag?: number; ihl?: number; total?: number; proto?: number; cut?: number; doff?: number } = {}): Buffer {
  const ip = Buffer.alloc(40 + 8)
  ip[0] = 0x40 | (o.ihl ?? 5)
  ip.writeUInt16BE(o.total ?? ip.length, 2)
  ip.writeUInt16BE(o.frag ?? 0x4000, 6)
  ip[8] = 64
  ip[9] = o.proto ?? 6
  ip.writeUInt32BE(0x0a000001, 12)
  ip.writeUInt32BE(0x0a000002, 16)
  ip.writeUInt16BE(sport, 20)
  ip.writeUInt16BE(dport, 22)
  ip[32] = (o.doff ?? 5) << 4
  ip[33] = 0x18
  return eth(0x0800, o.cut !== undefined ? ip.subarray(0, o.cut) : ip)
}

function ipv6Tcp(sport: number, dport: number, ext: number[] = []): Buffer {
  const hdr = Buffer.alloc(40)
  hdr[0] = 0x60
  hdr[6] = ext.length ? ext[0]! : 6
  const exts = ext.map((_, i) => {
    const e = Buffer.alloc(8)
    e[0] = i + 1 < ext.length ? ext[i + 1]! : 6
    return e
  })
  const tcp = Buffer.alloc(20)
  tcp.writeUInt16BE(sport, 0)
  tcp.writeUInt16BE(dport, 2)
  tcp[12] = 0x50
  const body = Buffer.concat([...exts, tcp])
  hdr.writeUInt16BE(body.length, 4)
  return eth(0x86dd, Buffer.concat([hdr, body]))
}

const lacp = readCapture(readFileSync(fixture('ovs-bond-fast.pcap')))[0]!.data

describe('makeFrameFilter', () => {
  it('keeps slow-protocol frames, untagged, behind 802.1Q/802.1ad/QinQ tags, and in SLL/SLL2', () => {
    expect(keep(lacp)).toBe(true)
    expect(keep(withVlans(lacp, [{ vid: 10 }]))).toBe(true)
    expect(keep(withVlans(lacp, [{ vid: 100, tpid: 0x88a8 }, { vid: 10 }]))).toBe(true)
    expect(keep(withVlans(lacp, [{ vid: 7, tpid: 0x9100 }]))).toBe(true)
    expect(keep(toSll(lacp), LINKTYPE_LINUX_SLL)).toBe(true)
    expect(keep(toSll2(lacp, 3), LINKTYPE_LINUX_SLL2)).toBe(true)
    // a 14-byte slow-protocol frame is a (bodiless) slow frame for the decoder too
    expect(keep(lacp.subarray(0, 14))).toBe(true)
    expect(keep(lacp, LINKTYPE_ETHERNET, makeFrameFilter({ slowProtocols: false }))).toBe(false)
  })

  it('refuses a tagged frame whose tag is cut, and more than 8 tags', () => {
    const tagged = withVlans(lacp, [{ vid: 10 }])
    expect(keep(tagged.subarray(0, 16))).toBe(false)
    const deep = withVlans(lacp, Array.from({ length: 9 }, (_, i) => ({ vid: i + 1 })))
    expect(keep(deep)).toBe(false)
    expect(linkView(LINKTYPE_ETHERNET, deep).ethertype).not.toBe(0x8809)
  })

  it('keeps TCP on an OpenFlow port either way, IPv4 and IPv6 (with extension headers)', () => {
    expect(keep(ipv4Tcp(40000, 6653))).toBe(true)
    expect(keep(ipv4Tcp(6633, 40000))).toBe(true)
    expect(keep(withVlans(ipv4Tcp(40000, 6653), [{ vid: 5 }]))).toBe(true)
    expect(keep(ipv6Tcp(40000, 6653))).toBe(true)
    expect(keep(ipv6Tcp(6653, 40000, [0, 60]))).toBe(true)
    expect(keep(toSll(ipv4Tcp(40000, 6653)), LINKTYPE_LINUX_SLL)).toBe(true)
  })

  it('refuses other ports, UDP, fragments, truncated and impossible IP/TCP headers, and junk behind 0x0800', () => {
    expect(keep(ipv4Tcp(40000, 443))).toBe(false)
    expect(keep(ipv4Tcp(40000, 6653, { proto: 17 }))).toBe(false)
    expect(keep(ipv4Tcp(40000, 6653, { frag: 0x2001 }))).toBe(false)
    expect(keep(ipv4Tcp(40000, 6653, { cut: 19 }))).toBe(false) // IPv4 header cut
    expect(keep(ipv4Tcp(40000, 6653, { cut: 30 }))).toBe(false) // TCP header cut
    expect(keep(ipv4Tcp(40000, 6653, { ihl: 4 }))).toBe(false)
    expect(keep(ipv4Tcp(40000, 6653, { total: 10 }))).toBe(false)
    expect(keep(ipv6Tcp(40000, 6653, [44]))).toBe(false) // IPv6 fragment header
    // a TCP data offset below 5 words or past the IP total length: parseTcp's IP_BAD_HEADER
    expect(keep(ipv4Tcp(40000, 6653, { doff: 4 }))).toBe(false)
    expect(keep(ipv4Tcp(40000, 6653, { doff: 8 }))).toBe(false) // 20 + 32 > 48
    expect(keep(ipv4Tcp(40000, 6653, { doff: 7 }))).toBe(true) // 20 + 28 = 48
    const v6 = ipv6Tcp(40000, 6653)
    v6[14 + 40 + 12] = 0x60 // 24-byte TCP header in a 20-byte payload
    expect(keep(v6)).toBe(false)
    expect(() => parseTcp(0x86dd, v6.subarray(14))).toThrow(expect.objectContaining({ code: 'IP_BAD_HEADER' }))
    expect(keep(eth(0x0800, Buffer.from('deadbeef', 'hex')))).toBe(false)
    expect(keep(eth(0x0806, Buffer.alloc(28)))).toBe(false)
    expect(keep(lacp.subarray(0, 13))).toBe(false)
    expect(keep(lacp, 147)).toBe(false) // not Ethernet, SLL or SLL2
  })

  it('reads the ports given (a non-default OpenFlow port)', () => {
    const f = makeFrameFilter({ tcpPorts: [16653] })
    expect(keep(ipv4Tcp(40000, 16653), LINKTYPE_ETHERNET, f)).toBe(true)
    expect(keep(ipv4Tcp(40000, 6653), LINKTYPE_ETHERNET, f)).toBe(false)
    expect(keep(ipv4Tcp(40000, 6653), LINKTYPE_ETHERNET, makeFrameFilter())).toBe(false)
  })

  it('keeps exactly the frames that linkView/parseTcp read as slow protocol or TCP on the ports (seeded random frames)', () => {
    let seed = 0x5eed
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / 16777216
    const bases = [lacp, withVlans(lacp, [{ vid: 3 }]), ipv4Tcp(40000, 6653), ipv4Tcp(6633, 1), ipv6Tcp(1, 6653, [0]), withVlans(ipv4Tcp(2, 6653), [{ vid: 1, tpid: 0x88a8 }])]
    let kept = 0
    for (let i = 0; i < 20_000; i++) {
      const base = bases[i % bases.length]!
      const f = Buffer.from(base.subarray(0, Math.floor(rand() * (base.length + 1))))
      for (let k = Math.floor(rand() * 4); k > 0; k--) f[Math.floor(rand() * f.length)] = rand() < 0.5 ? Math.floor(rand() * 256) : [0, 4, 6, 0x45, 0x81, 0x88, 0x19, 0xfd][Math.floor(rand() * 8)]!
      let wanted: boolean
      try {
        const v = linkView(LINKTYPE_ETHERNET, f)
        if (v.ethertype === 0x8809) wanted = true
        else {
          const seg = parseTcp(v.ethertype, v.payload)
          wanted = seg !== undefined && [6653, 6633].some((p) => p === seg.srcPort || p === seg.dstPort)
        }
      } catch {
        wanted = false
      }
      if (wanted) kept++
      expect(keep(f), f.toString('hex')).toBe(wanted)
    }
    expect(kept).toBeGreaterThan(1000)
  })
})

describe('readers with a filter', () => {
  const frames: WriteRecord[] = [
    { tsSec: 1, data: ipv4Tcp(1, 443) },
    { tsSec: 2, data: lacp },
    { tsSec: 3, data: eth(0x0800, Buffer.alloc(3)) },
    { tsSec: 4, data: ipv4Tcp(40000, 6653) },
    { tsSec: 5, data: eth(0x88cc, Buffer.alloc(40)) },
  ]

  it('pcap and pcapng, in memory: only kept records, with their real frame numbers, and the frame count', () => {
    for (const file of [writePcap(frames), writePcapng({ interfaces: [{ name: 'eth0' }], records: frames })]) {
      const s = scanCapture(file, { filter: OF })
      expect(s.frames).toBe(5)
      expect(s.records.map((r) => r.frame)).toEqual([2, 4])
      expect(s.records.map((r) => r.tsSec)).toEqual([2, 4])
      expect(Buffer.compare(s.records[0]!.data, lacp)).toBe(0)
    }
  })

  it('streaming, small reads into a reused buffer: kept data stays intact after later chunks overwrite the buffer', async () => {
    const many: WriteRecord[] = []
    for (let i = 0; i < 3000; i++) many.push(i % 50 === 7 ? { tsSec: i, data: Buffer.concat([lacp.subarray(0, 20), Buffer.from([i & 0xff, i >> 8]), lacp.subarray(22)]) } : { tsSec: i, data: ipv4Tcp(1000 + i, 443) })
    const dir = mkdtempSync(join(tmpdir(), 'ofl-filter-'))
    try {
      const p = join(dir, 'm.pcap')
      writeFileSync(p, writePcap(many))
      const s = openCapture(p, { filter: OF, chunkSize: 4096 })
      const got = []
      for await (const b of s.batches()) got.push(...b)
      expect(s.frames).toBe(3000)
      expect(got.map((r) => r.frame)).toEqual(many.flatMap((_, i) => (i % 50 === 7 ? [i + 1] : [])))
      for (const r of got) expect(Buffer.compare(r.data, many[r.frame - 1]!.data as Buffer)).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a kept record longer than the room in front of a read (2 MiB) straddling chunks arrives whole', async () => {
    const big = Buffer.alloc(2 << 20, 0x5a)
    lacp.copy(big, 0, 0, 14)
    const recs: WriteRecord[] = [{ tsSec: 1, data: ipv4Tcp(1, 443) }, { tsSec: 2, data: lacp }, { tsSec: 3, data: big }, { tsSec: 4, data: lacp }]
    const dir = mkdtempSync(join(tmpdir(), 'ofl-filter-'))
    try {
      const p = join(dir, 'big.pcap')
      writeFileSync(p, writePcap(recs, { snaplen: 4 << 20 }))
      const s = openCapture(p, { filter: OF, chunkSize: 65536 })
      const got = []
      for await (const b of s.batches()) got.push(...b)
      expect(got.map((r) => [r.frame, r.data.length])).toEqual([[2, lacp.length], [3, big.length], [4, lacp.length]])
      expect(Buffer.compare(got[1]!.data, big)).toBe(0)
      expect(Buffer.compare(got[2]!.data, lacp)).toBe(0)
      expect(got[2]!.offset).toBe(24 + 3 * 16 + recs[0]!.data.length + lacp.length + big.length)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('lacp decode: junk among the frames changes nothing but the frame numbers', () => {
  it('ovs-bond-fast.pcap interleaved with junk behind 0x0800, truncated IP/TCP, non-IP and other-port TCP', async () => {
    const orig = readCapture(readFileSync(fixture('ovs-bond-fast.pcap')))
    const junk = [
      eth(0x0800, Buffer.from('4f00ffff', 'hex')), ipv4Tcp(40000, 6653, { cut: 25 }), ipv4Tcp(1, 443), eth(0x88b5, Buffer.alloc(60, 0xab)),
      eth(0x0800, Buffer.alloc(200, 0x45)), ipv4Tcp(40000, 6653, { frag: 0x2000 }), eth(0x86dd, Buffer.alloc(10)), lacp.subarray(0, 13),
    ]
    const mixed: WriteRecord[] = []
    const map: number[] = []
    orig.forEach((r, i) => {
      for (let k = 0; k < 3; k++) mixed.push({ tsSec: r.tsSec, tsNsec: r.tsNsec, data: junk[(i * 3 + k) % junk.length]! })
      mixed.push({ tsSec: r.tsSec, tsNsec: r.tsNsec, data: r.data })
      map[r.frame] = mixed.length
    })
    const a = await decodeLacpCapture([readFileSync(fixture('ovs-bond-fast.pcap'))])
    const b = await decodeLacpCapture([writePcap(mixed)])
    expect(b.summary.frames).toBe(mixed.length)
    expect({ ...b.summary, frames: 0 }).toEqual({ ...a.summary, frames: 0 })
    const renumber = (x: unknown): unknown => JSON.parse(JSON.stringify(x), (k, v) => (k.endsWith('rame') && typeof v === 'number' ? map[v] : k === 'frames' && Array.isArray(v) ? v.map((f: number) => map[f]) : v))
    expect(b.links).toEqual(renumber(a.links))
    expect(b.verdicts).toEqual(renumber(a.verdicts))
  })

  it('OpenFlow on a non-default port is read with the ports option (--port), and only then', async () => {
    const recs = readCapture(readFileSync(fixture('of13-lacp-ovs.pcap')))
    // move the controller from 6653 to 16653 (Ethernet/IPv4/TCP frames of the fixture)
    const moved = recs.map((r) => {
      const d = Buffer.from(r.data)
      if (d.readUInt16BE(12) === 0x0800) {
        const l4 = 14 + (d[14]! & 15) * 4
        for (const o of [l4, l4 + 2]) if (d.readUInt16BE(o) === 6653) d.writeUInt16BE(16653, o)
      }
      return { tsSec: r.tsSec, tsNsec: r.tsNsec, data: d }
    })
    const ref = await decodeLacpCapture([readFileSync(fixture('of13-lacp-ovs.pcap'))])
    const onPort = await decodeLacpCapture([writePcap(moved)], { ports: [16653] })
    const offPort = await decodeLacpCapture([writePcap(moved)])
    expect(ref.summary.lacpdus).toBeGreaterThanOrEqual(8)
    expect(onPort.summary).toEqual(ref.summary)
    expect(onPort.links).toEqual(ref.links)
    expect(offPort.summary.lacpdus).toBe(0)
    expect(offPort.summary.frames).toBe(recs.length)
  })
})
