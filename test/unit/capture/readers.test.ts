import { describe, expect, it } from 'vitest'
import { PassThrough } from 'node:stream'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  linkView, openCapture, readCapture, sniffCapture, toSll, toSll2, withVlans, writePcap, writePcapng,
  LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, type CaptureRecord, type WriteRecord,
} from '../../../src/capture/index.js'
import type { OflError } from '../../../src/wire/errors.js'

/** A 124-byte LACPDU-like Ethernet frame whose bytes encode `n`, so frames are told apart. */
function frame(n: number, len = 124): Buffer {
  const f = Buffer.alloc(len)
  Buffer.from('0180c2000002', 'hex').copy(f, 0)
  Buffer.from([2, 0, 0, 0, 0, n & 0xff]).copy(f, 6)
  f.writeUInt16BE(0x8809, 12)
  f[14] = 1
  f.writeUInt32BE(n, 20)
  return f
}

const recs: WriteRecord[] = [
  { tsSec: 1_700_000_000, tsNsec: 123_456_789, data: frame(1) },
  { tsSec: 1_700_000_001, tsNsec: 999_999_000, data: frame(2), origLen: 200 },
  { tsSec: 1_700_000_002, tsNsec: 0, data: frame(3, 60) },
]

function expectRecords(got: CaptureRecord[], nanosecond: boolean): void {
  expect(got.map((r) => r.frame)).toEqual([1, 2, 3])
  expect(got.map((r) => r.tsSec)).toEqual([1_700_000_000, 1_700_000_001, 1_700_000_002])
  expect(got.map((r) => r.tsNsec)).toEqual(nanosecond ? [123_456_789, 999_999_000, 0] : [123_456_000, 999_999_000, 0])
  expect(got.map((r) => r.origLen)).toEqual([124, 200, 60])
  got.forEach((r, i) => expect(Buffer.compare(r.data, recs[i]!.data)).toBe(0))
}

function caught(fn: () => unknown): OflError & { records?: CaptureRecord[] } {
  try {
    fn()
  } catch (e) {
    return e as OflError & { records?: CaptureRecord[] }
  }
  throw new Error('expected an error')
}

async function streamAll(path: string, opts: Parameters<typeof openCapture>[1] = {}): Promise<{ records: CaptureRecord[]; error?: OflError }> {
  const records: CaptureRecord[] = []
  try {
    for await (const r of openCapture(path, opts)) records.push({ ...r, data: Buffer.from(r.data) })
  } catch (e) {
    return { records, error: e as OflError }
  }
  return { records }
}

const tmp = mkdtempSync(join(tmpdir(), 'ofl-capture-'))
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }))
function tmpFile(name: string, data: Buffer): string {
  const p = join(tmp, name)
  writeFileSync(p, data)
  return p
}

describe('classic pcap', () => {
  for (const nanosecond of [false, true]) {
    for (const bigEndian of [false, true]) {
      const name = `${bigEndian ? 'big' : 'little'}-endian ${nanosecond ? 'ns' : 'µs'}`
      it(`reads ${name} in memory and streaming (tiny chunks), with both engines`, async () => {
        const file = writePcap(recs, { nanosecond, bigEndian })
        expect(sniffCapture(file)).toEqual({ format: 'pcap', littleEndian: !bigEndian, nanosecond })
        expectRecords(readCapture(file), nanosecond)
        const p = tmpFile(`${name.replace(/\W/g, '_')}.pcap`, file)
        expectRecords((await streamAll(p, { chunkSize: 7 })).records, nanosecond)
        expectRecords((await streamAll(p, { engine: 'pcap-parser' })).records, nanosecond)
      })
    }
  }

  it('reports the record offsets', () => {
    const got = readCapture(writePcap(recs))
    expect(got.map((r) => r.offset)).toEqual([24, 24 + 16 + 124, 24 + 2 * (16 + 124)])
  })

  it('keeps invalid sub-second values and flags them', () => {
    const file = writePcap([{ tsSec: 1, tsNsec: 0, data: frame(1) }], { nanosecond: true })
    file.writeUInt32LE(1_000_000_000, 24 + 4)
    const [r] = readCapture(file)
    expect(r!.tsNsec).toBe(1_000_000_000)
    expect(r!.tsInvalid).toBe(true)
  })

  it('a truncated last record yields the records before it, then TRUNCATED at the record offset', async () => {
    const file = writePcap(recs).subarray(0, 24 + 2 * 140 + 16 + 10)
    const e = caught(() => readCapture(file))
    expect(e.code).toBe('TRUNCATED')
    expect(e.offset).toBe(24 + 2 * 140)
    expect(e.records!.map((r) => r.frame)).toEqual([1, 2])
    for (const engine of ['ofl', 'pcap-parser'] as const) {
      const s = await streamAll(tmpFile(`trunc-${engine}.pcap`, file), { engine, chunkSize: 64 })
      expect(s.error?.code).toBe('TRUNCATED')
      expect(s.error?.offset).toBe(24 + 2 * 140)
      expect(s.records.map((r) => r.frame)).toEqual([1, 2])
    }
  })

  it('a truncated record header is TRUNCATED too', () => {
    const e = caught(() => readCapture(writePcap(recs).subarray(0, 24 + 140 + 5)))
    expect(e.code).toBe('TRUNCATED')
    expect(e.offset).toBe(24 + 140)
    expect(e.field).toBe('pcap record header')
  })

  it('a lying caplen is PCAP_BAD_CAPLEN naming the field offset, without buffering the file', async () => {
    const file = writePcap(recs)
    file.writeUInt32LE(0x7fffffff, 24 + 140 + 8)
    const e = caught(() => readCapture(file))
    expect(e.code).toBe('PCAP_BAD_CAPLEN')
    expect(e.offset).toBe(24 + 140 + 8)
    expect(e.records).toHaveLength(1)
    for (const engine of ['ofl', 'pcap-parser'] as const) {
      const s = await streamAll(tmpFile(`caplen-${engine}.pcap`, file), { engine })
      expect(s.error?.code).toBe('PCAP_BAD_CAPLEN')
      expect(s.records).toHaveLength(1)
    }
  })

  it('garbage and empty input are CAPTURE_BAD_MAGIC / TRUNCATED at offset 0 (both engines)', async () => {
    const garbage = Buffer.from('this is not a capture file at all, just text\n')
    expect(caught(() => readCapture(garbage))).toMatchObject({ code: 'CAPTURE_BAD_MAGIC', offset: 0 })
    expect(caught(() => readCapture(Buffer.alloc(0)))).toMatchObject({ code: 'TRUNCATED', offset: 0 })
    expect(caught(() => readCapture(writePcap([]).subarray(0, 20)))).toMatchObject({ code: 'TRUNCATED', offset: 0 })
    for (const engine of ['ofl', 'pcap-parser'] as const) {
      const s = await streamAll(tmpFile(`garbage-${engine}.pcap`, garbage), { engine })
      expect(s.error?.code).toBe('CAPTURE_BAD_MAGIC')
      expect(s.records).toHaveLength(0)
    }
  })

  it("reads '-' from a stream (stdin)", async () => {
    const input = new PassThrough()
    const file = writePcap(recs, { nanosecond: true })
    const done = streamAll('-', { stdin: input })
    for (let i = 0; i < file.length; i += 50) input.write(file.subarray(i, i + 50))
    input.end()
    expectRecords((await done).records, true)
  })

  it('emits progress events with bytes and total', async () => {
    const p = tmpFile('progress.pcap', writePcap(recs))
    const s = openCapture(p, { chunkSize: 100 })
    const seen: { bytes: number; total?: number; frames: number }[] = []
    s.on('progress', (x) => seen.push(x))
    for await (const _ of s) void _
    expect(seen.length).toBeGreaterThan(2)
    expect(seen.at(-1)).toEqual({ bytes: 24 + 3 * 16 + 124 + 124 + 60, total: 24 + 3 * 16 + 124 + 124 + 60, frames: 3 })
  })
})

describe('pcapng', () => {
  for (const bigEndian of [false, true]) {
    it(`reads ${bigEndian ? 'big' : 'little'}-endian EPBs with µs and ns interfaces, names and directions`, async () => {
      const file = writePcapng({
        bigEndian,
        interfaces: [{ name: 'eth0' }, { name: 'bond0', tsresol: 9 }],
        records: recs.map((r, i) => ({ ...r, interfaceId: i % 2, direction: i === 0 ? 'in' : i === 1 ? 'out' : undefined })),
      })
      expect(sniffCapture(file).format).toBe('pcapng')
      const got = readCapture(file)
      expect(got.map((r) => r.interfaceId)).toEqual([0, 1, 0])
      expect(got.map((r) => r.interfaceName)).toEqual(['eth0', 'bond0', 'eth0'])
      expect(got.map((r) => r.direction)).toEqual(['in', 'out', undefined])
      // interface 0 is µs (default if_tsresol 6), interface 1 ns
      expect(got.map((r) => r.tsNsec)).toEqual([123_456_000, 999_999_000, 0])
      expect(got.map((r) => r.origLen)).toEqual([124, 200, 60])
      got.forEach((r, i) => expect(Buffer.compare(r.data, recs[i]!.data)).toBe(0))
      const s = await streamAll(tmpFile(`ng-${bigEndian}.pcapng`, file), { chunkSize: 13 })
      expect(s.records.map((r) => [r.frame, r.tsSec, r.tsNsec, r.interfaceName])).toEqual(got.map((r) => [r.frame, r.tsSec, r.tsNsec, r.interfaceName]))
    })
  }

  it('reads several sections with different byte orders; interface ids restart per section', () => {
    const file = writePcapng([
      { interfaces: [{ name: 'a' }], records: [recs[0]!] },
      { bigEndian: true, interfaces: [{ linkType: LINKTYPE_LINUX_SLL, name: 'b0' }, { name: 'b1', tsresol: 9 }], records: [{ ...recs[1]!, data: toSll(frame(2)), interfaceId: 0 }, { ...recs[2]!, interfaceId: 1 }] },
    ])
    const got = readCapture(file)
    expect(got.map((r) => [r.frame, r.interfaceId, r.interfaceName, r.linkType])).toEqual([[1, 0, 'a', 1], [2, 0, 'b0', 113], [3, 1, 'b1', 1]])
    expect(got[2]!.tsNsec).toBe(0)
    expect(got[1]!.tsNsec).toBe(999_999_000)
  })

  it('skips unknown blocks by their length and reads Simple Packet Blocks', () => {
    const file = writePcapng({
      interfaces: [{ snaplen: 100 }],
      extraBlocks: [{ type: 0x0bad, body: Buffer.from('unknown block body') }, { type: 5, body: Buffer.alloc(12) }],
      records: [{ tsSec: 0, data: frame(7), simple: true }, recs[0]!],
    })
    const got = readCapture(file)
    expect(got).toHaveLength(2)
    // SPB: captured length = min(original length, snaplen)
    expect(got[0]!.data.length).toBe(100)
    expect(got[0]!.origLen).toBe(124)
    expect(got[0]!.data.readUInt32BE(20)).toBe(7)
    expect(got[1]!.tsSec).toBe(1_700_000_000)
  })

  it('a trailing length that differs is PCAPNG_BAD_BLOCK_LENGTH at the trailing field', () => {
    const file = writePcapng({ records: recs })
    const blocks = readCapture(file).map((r) => r.offset)
    const second = blocks[1]!
    const len = file.readUInt32LE(second + 4)
    file.writeUInt32LE(len + 4, second + len - 4)
    const e = caught(() => readCapture(file))
    expect(e.code).toBe('PCAPNG_BAD_BLOCK_LENGTH')
    expect(e.offset).toBe(second + len - 4)
    expect(e.records).toHaveLength(1)
  })

  it('a block length that is not a multiple of 4, or too small, is PCAPNG_BAD_BLOCK_LENGTH at the length field', () => {
    for (const bad of [13, 8, 0x7ffffff0]) {
      const file = writePcapng({ records: recs })
      const off = readCapture(file)[2]!.offset
      file.writeUInt32LE(bad, off + 4)
      const e = caught(() => readCapture(file))
      expect(e.code).toBe('PCAPNG_BAD_BLOCK_LENGTH')
      expect(e.offset).toBe(off + 4)
      expect(e.records).toHaveLength(2)
    }
  })

  it('an EPB caplen overrunning its block is PCAPNG_BAD_CAPLEN', () => {
    const file = writePcapng({ records: recs })
    const off = readCapture(file)[0]!.offset
    file.writeUInt32LE(5000, off + 20)
    expect(caught(() => readCapture(file))).toMatchObject({ code: 'PCAPNG_BAD_CAPLEN', offset: off + 20 })
  })

  it('an EPB naming a missing interface is PCAPNG_BAD_INTERFACE', () => {
    const file = writePcapng({ records: recs })
    const off = readCapture(file)[1]!.offset
    file.writeUInt32LE(3, off + 8)
    expect(caught(() => readCapture(file))).toMatchObject({ code: 'PCAPNG_BAD_INTERFACE', offset: off + 8 })
  })

  it('a bad byte-order magic is PCAPNG_BAD_BYTE_ORDER; a truncated block is TRUNCATED (streaming too)', async () => {
    const file = writePcapng({ records: recs })
    const bad = Buffer.from(file)
    bad.writeUInt32LE(0x11223344, 8)
    expect(caught(() => readCapture(bad))).toMatchObject({ code: 'PCAPNG_BAD_BYTE_ORDER', offset: 8 })
    const cut = file.subarray(0, file.length - 10)
    const lastOff = readCapture(file)[2]!.offset
    expect(caught(() => readCapture(cut))).toMatchObject({ code: 'TRUNCATED', offset: lastOff })
    const s = await streamAll(tmpFile('cut.pcapng', cut), { chunkSize: 32 })
    expect(s.error).toMatchObject({ code: 'TRUNCATED', offset: lastOff })
    expect(s.records).toHaveLength(2)
  })
})

describe('link types', () => {
  const eth = frame(9)

  it('Ethernet', () => {
    const v = linkView(1, eth)
    expect(v.ethertype).toBe(0x8809)
    expect(v.dst!.toString('hex')).toBe('0180c2000002')
    expect(v.src!.toString('hex')).toBe('020000000009')
    expect(v.payloadOffset).toBe(14)
    expect(v.vlans).toEqual([])
  })

  it('802.1Q and QinQ (802.1ad outer, 802.1Q inner) are peeled outermost first', () => {
    const v = linkView(1, withVlans(eth, [{ tpid: 0x88a8, vid: 100, pcp: 5 }, { vid: 42 }]))
    expect(v.vlans).toEqual([{ tpid: 0x88a8, pcp: 5, dei: false, vid: 100 }, { tpid: 0x8100, pcp: 0, dei: false, vid: 42 }])
    expect(v.ethertype).toBe(0x8809)
    expect(v.payloadOffset).toBe(22)
    expect(Buffer.compare(v.payload, eth.subarray(14))).toBe(0)
  })

  it('Linux SLL: source address, direction from the packet type', () => {
    const v = linkView(LINKTYPE_LINUX_SLL, toSll(eth, 4))
    expect(v.ethertype).toBe(0x8809)
    expect(v.src!.toString('hex')).toBe('020000000009')
    expect(v.dst).toBeUndefined()
    expect(v.direction).toBe('out')
    expect(Buffer.compare(v.payload, eth.subarray(14))).toBe(0)
    expect(linkView(LINKTYPE_LINUX_SLL, toSll(eth, 0)).direction).toBe('in')
  })

  it('Linux SLL2: interface index, packet type, VLAN inside', () => {
    const v = linkView(LINKTYPE_LINUX_SLL2, toSll2(withVlans(eth, [{ vid: 7 }]), 12, 2))
    expect(v.ifIndex).toBe(12)
    expect(v.packetType).toBe(2)
    expect(v.direction).toBe('in')
    expect(v.vlans.map((t) => t.vid)).toEqual([7])
    expect(v.ethertype).toBe(0x8809)
    expect(v.payloadOffset).toBe(24)
  })

  it('short frames are TRUNCATED, other link types LINKTYPE_UNSUPPORTED', () => {
    expect(caught(() => linkView(1, eth.subarray(0, 10)))).toMatchObject({ code: 'TRUNCATED', offset: 0 })
    expect(caught(() => linkView(1, withVlans(eth, [{ vid: 1 }]).subarray(0, 16)))).toMatchObject({ code: 'TRUNCATED', offset: 14 })
    expect(caught(() => linkView(LINKTYPE_LINUX_SLL2, eth.subarray(0, 19)))).toMatchObject({ code: 'TRUNCATED' })
    expect(caught(() => linkView(105, eth))).toMatchObject({ code: 'LINKTYPE_UNSUPPORTED' })
  })
})
