// `ofl bench decode` / `npm run bench openflow`: the OpenFlow decode hot path over a stream of
// back-to-back OF1.0 and OF1.3 packet-ins carrying 124-byte LACPDU frames (the workload:
// one socket read's worth, 400 messages), or over a FILE (a raw OpenFlow byte stream or a pcap/pcapng
// capture whose TCP 6653/6633 payloads are concatenated per connection).
// Cases, each per message: header walk (the baseline), OfFramer, peekPacketIn, peek + LACPDU fields in
// place (lacp's zero-alloc peekLacpdu), full decode to plain objects, full decode + decodeLacpdu;
// plus ofp_match and ofp_header, hand-written vs binary-parser, side by side. Medians of several runs.
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { Parser } from 'binary-parser'
import { blackhole, runCases, formatResults, type BenchCase, type BenchResult, type BenchSuite } from './harness.js'
import { decodeMessage, encodeMessage, codecFor } from '../openflow/codec.js'
import { OfFramer } from '../openflow/framer.js'
import { peekHeader } from '../openflow/header.js'
import { PacketInPeek, peekPacketIn } from '../openflow/peek.js'
import { decodeMatch10, encodeMatch10, OFP_MATCH10_SIZE, type Match10 } from '../openflow/v10/match.js'
import { decodeMatch10BinaryParser } from '../openflow/v10/match-binary-parser.js'
import { decodeLacpdu, lacpduToBuffer, newLacpPeek, peekLacpdu } from '../lacp/lacpdu.js'
import { sniffCapture } from '../capture/open.js'
import { openflowStreamFromCapture } from '../openflow/capture-stream.js'
import { WireReader } from '../wire/reader.js'
import { WireWriter } from '../wire/writer.js'
import { MalformedError } from '../wire/errors.js'
import { encodeBenchCases } from './encode.js'

const ETH_TYPE_SLOW = 0x8809
const LACP_DST = Buffer.from('0180c2000002', 'hex')

/** A 124-byte LACPDU frame (14-byte Ethernet header + 110-byte LACPDU) from a given port. */
export function lacpFrame(port: number): Buffer {
  const pdu = lacpduToBuffer({
    actor: { systemPriority: 32768, system: '00:13:c4:12:0f:00', key: 13, portPriority: 32768, port, state: 0x3d },
    partner: { systemPriority: 32768, system: '00:0e:83:16:f5:00', key: 13, portPriority: 32768, port: 25, state: 0x3c },
    collectorMaxDelay: 32768,
  })
  const src = Buffer.from([0x00, 0x13, 0xc4, 0x12, 0x0f, port & 0xff])
  const type = Buffer.from([ETH_TYPE_SLOW >> 8, ETH_TYPE_SLOW & 0xff])
  return Buffer.concat([LACP_DST, src, type, pdu])
}

/**
 * `n` packet-ins back to back, alternating OpenFlow 1.0 (142 bytes) and 1.3 (166 bytes: OXM match
 * with IN_PORT), each carrying a 124-byte LACPDU frame.
 */
export function buildPacketInStream(n = 400): Buffer {
  const parts: Buffer[] = []
  for (let i = 0; i < n; i++) {
    const port = 1 + (i % 8)
    const data = lacpFrame(port)
    if (i % 2 === 0) {
      parts.push(encodeMessage({ version: 1, type: 10, xid: i, bufferId: 0xffffffff, totalLen: data.length, inPort: port, reason: 1, data }))
    } else {
      parts.push(encodeMessage({
        version: 4, type: 10, xid: i, bufferId: 0xffffffff, totalLen: data.length, reason: 1, tableId: 0, cookie: 0n,
        match: { fields: [{ field: 'in_port', value: port }] }, data,
      }))
    }
  }
  return Buffer.concat(parts)
}

// ---- FILE input ---------------------------------------------------------------------------------

export interface StreamSource {
  kind: 'generated' | 'raw' | 'capture'
  path?: string
  messages: number
  bytes: number
  packetIns: number
  lacpdus: number
}

export function loadStream(file?: string): { stream: Buffer; source: StreamSource } {
  let stream: Buffer
  let kind: StreamSource['kind'] = 'generated'
  if (file === undefined) {
    stream = buildPacketInStream()
  } else {
    const raw = readFileSync(file)
    let isCapture: boolean
    try {
      isCapture = raw.length >= 4 && sniffCapture(raw.subarray(0, 16)) !== undefined
    } catch {
      isCapture = false
    }
    kind = isCapture ? 'capture' : 'raw'
    stream = isCapture ? openflowStreamFromCapture(raw) : raw
  }
  const source: StreamSource = { kind, messages: 0, bytes: stream.length, packetIns: 0, lacpdus: 0 }
  if (file !== undefined) source.path = file
  const pk = new PacketInPeek()
  let off = 0
  while (off < stream.length) {
    const h = peekHeader(stream, off)
    if (off + h.length > stream.length) throw new MalformedError('OFPBRC_BAD_LEN', 'stream ends inside a message', { offset: off })
    source.messages++
    try {
      if (peekPacketIn(stream, off, pk)) {
        source.packetIns++
        if (pk.ethType === ETH_TYPE_SLOW) source.lacpdus++
      }
    } catch {
      // counted as a message; the decode cases report errors the same way
    }
    off += h.length
  }
  return { stream, source }
}

// ---- cases ----------------------------------------------------------------------------------------

// binary-parser ofp_header (for the side-by-side header case), compiled once.
const headerParser = new Parser().endianness('big').uint8('version').uint8('type').uint16('length').uint32('xid')
headerParser.compile()

export function decodeBenchCases(stream: Buffer): BenchCase[] {
  const n = countMessages(stream)
  const bytes = stream.length
  const dv = new DataView(stream.buffer, stream.byteOffset, stream.byteLength)
  const framer = new OfFramer()
  const pk = new PacketInPeek()
  const lp = newLacpPeek()
  const G = 'openflow packet-in stream (per message)'
  const v13Full = codecFor(4, 10) !== undefined
  const cases: BenchCase[] = [
    {
      group: G, name: 'framing only: header walk (baseline)', opsPerCall: n, bytesPerCall: bytes,
      fn: () => {
        let off = 0
        let c = 0
        while (off + 8 <= bytes) {
          off += (stream[off + 2]! << 8) | stream[off + 3]!
          c++
        }
        return c
      },
    },
    {
      group: G, name: 'OfFramer.push → (buf, off, len)', opsPerCall: n, bytesPerCall: bytes,
      fn: () => {
        let c = 0
        framer.push(stream, (_b, _o, l) => {
          c += l
        })
        return c
      },
    },
    {
      group: G, name: 'view: peekPacketIn (reused object)', opsPerCall: n, bytesPerCall: bytes,
      fn: () => {
        let off = 0
        let acc = 0
        while (off < bytes) {
          if (peekPacketIn(stream, off, pk, dv)) acc += pk.inPort + pk.ethType
          off += dv.getUint16(off + 2)
        }
        return acc
      },
    },
    {
      group: G, name: 'view: peekPacketIn + LACPDU fields (peekLacpdu)', opsPerCall: n, bytesPerCall: bytes,
      fn: () => {
        let off = 0
        let acc = 0
        while (off < bytes) {
          if (peekPacketIn(stream, off, pk, dv) && pk.ethType === ETH_TYPE_SLOW) {
            const p = pk.dataOffset + pk.l2Length
            if (peekLacpdu(dv, p, pk.dataOffset + pk.dataLength, lp)) acc += lp.actor.port + lp.partner.state + lp.actor.system
          }
          off += dv.getUint16(off + 2)
        }
        return acc
      },
    },
    {
      group: G, name: `full decode: decodeMessage → plain objects${v13Full ? '' : ' (1.3 raw: no v13 codec)'}`, opsPerCall: n, bytesPerCall: bytes,
      fn: () => {
        let off = 0
        let last: unknown
        while (off < bytes) {
          last = decodeMessage(stream, off)
          off += dv.getUint16(off + 2)
        }
        return last
      },
    },
    ...perVersionFull(stream, G),
    {
      group: G, name: 'full decode + decodeLacpdu (objects, MAC strings)', opsPerCall: n, bytesPerCall: bytes,
      fn: () => {
        let off = 0
        let last: unknown
        while (off < bytes) {
          const m = decodeMessage(stream, off)
          if (m.type === 10 && m.data !== undefined && m.data.length >= 124 && m.data[12] === 0x88 && m.data[13] === 0x09) {
            last = decodeLacpdu(m.data, 14)
          }
          off += dv.getUint16(off + 2)
        }
        return last
      },
    },
  ]
  return [...cases, ...matchCases(), ...headerCases(stream, n, dv)]
}

/** Full decode of only the messages of one version (so a slow codec of one version is visible). */
function perVersionFull(stream: Buffer, group: string): BenchCase[] {
  const out: BenchCase[] = []
  for (const [v, label] of [[1, 'OF1.0'], [4, 'OF1.3']] as const) {
    const offs: number[] = []
    let off = 0
    while (off + 8 <= stream.length) {
      const l = (stream[off + 2]! << 8) | stream[off + 3]!
      if (l < 8) break
      if (stream[off] === v) offs.push(off)
      off += l
    }
    if (offs.length === 0) continue
    let bytes = 0
    for (const o of offs) bytes += (stream[o + 2]! << 8) | stream[o + 3]!
    out.push({
      group, name: `full decode, ${label} messages only`, opsPerCall: offs.length, bytesPerCall: bytes,
      fn: () => {
        let last: unknown
        for (let i = 0; i < offs.length; i++) last = decodeMessage(stream, offs[i])
        return last
      },
    })
  }
  return out
}

function countMessages(stream: Buffer): number {
  let off = 0
  let c = 0
  while (off + 8 <= stream.length) {
    const l = (stream[off + 2]! << 8) | stream[off + 3]!
    if (l < 8) break
    off += l
    c++
  }
  return Math.max(1, c)
}

/** ofp_match (1.0) decode, hand-written vs binary-parser, over 400 matches back to back. */
function matchCases(): BenchCase[] {
  const N = 400
  const w = new WireWriter(N * OFP_MATCH10_SIZE)
  for (let i = 0; i < N; i++) {
    const m: Match10 = {
      wildcards: i & 0x3fffff, inPort: i & 0xffff, dlSrc: '00:11:22:33:44:55', dlDst: '66:77:88:99:aa:bb', dlVlan: i & 0xfff, dlVlanPcp: i & 7,
      dlType: 0x0800, nwTos: 0, nwProto: 6, nwSrc: '10.0.0.1', nwDst: '10.0.0.2', tpSrc: i, tpDst: 80,
    }
    encodeMatch10(w, m)
  }
  const buf = w.finish()
  const G = 'ofp_match 1.0 decode (40 bytes → object)'
  return [
    {
      group: G, name: 'hand-written (DataView, WireReader)', opsPerCall: N, bytesPerCall: buf.length,
      fn: () => {
        const r = new WireReader(buf)
        let last: unknown
        for (let i = 0; i < N; i++) last = decodeMatch10(r)
        return last
      },
    },
    {
      group: G, name: 'binary-parser 2.3.0 (compiled)', opsPerCall: N, bytesPerCall: buf.length,
      fn: () => {
        let last: unknown
        for (let i = 0; i < N; i++) last = decodeMatch10BinaryParser(buf, i * OFP_MATCH10_SIZE)
        return last
      },
    },
  ]
}

/** ofp_header decode to an object, hand-written vs binary-parser. */
function headerCases(stream: Buffer, n: number, dv: DataView): BenchCase[] {
  const G = 'ofp_header decode (8 bytes → object)'
  return [
    {
      group: G, name: 'hand-written peekHeader', opsPerCall: n, bytesPerCall: stream.length,
      fn: () => {
        let off = 0
        let acc = 0
        while (off < stream.length) {
          const h = peekHeader(stream, off)
          acc += h.xid
          off += h.length
        }
        return acc
      },
    },
    {
      group: G, name: 'binary-parser 2.3.0 (compiled)', opsPerCall: n, bytesPerCall: stream.length,
      fn: () => {
        let off = 0
        let acc = 0
        while (off < stream.length) {
          const h = headerParser.parse(stream.subarray(off, off + 8)) as { length: number; xid: number }
          acc += h.xid
          off += h.length
        }
        blackhole(dv)
        return acc
      },
    },
  ]
}

// ---- report ---------------------------------------------------------------------------------------

export interface DecodeBenchOptions {
  file?: string
  runs?: number
  minMs?: number
  /**
   * 'cpu' (default): time each run by this process's CPU time (process.cpuUsage), so that time spent
   * descheduled on a shared, oversubscribed machine is not charged to the code; 'wall': hrtime.
   */
  clock?: 'cpu' | 'wall'
}

export interface DecodeBenchReport {
  node: string
  clock: 'cpu' | 'wall'
  /** 1- and 5-minute load average when the run started (the machine is shared: read ratios first). */
  loadAverage: [number, number]
  cpus: number
  source: StreamSource
  results: BenchResult[]
  /** The issue's targets against the measured medians (msgs/s). */
  targets: { viewPath: { target: number; measured: number; met: boolean }; fullDecode: { target: number; measured: number; met: boolean } }
}

export const VIEW_TARGET = 20e6
export const FULL_TARGET = 4e6

export async function runDecodeBench(opts: DecodeBenchOptions = {}): Promise<DecodeBenchReport> {
  const { stream, source } = loadStream(opts.file)
  if (source.messages === 0) throw new MalformedError('NO_OPENFLOW', 'no OpenFlow messages in the input')
  const clock = opts.clock ?? 'cpu'
  // `ofl bench decode` also shows the encode side of the controller's hot path (./encode.ts).
  const results = await runCases([...decodeBenchCases(stream), ...encodeBenchCases()], { runs: opts.runs ?? 7, minMs: opts.minMs ?? 200, clock })
  const find = (prefix: string) => results.find((r) => r.name.startsWith(prefix))?.opsPerSec ?? 0
  const view = find('view: peekPacketIn + LACPDU')
  const full = find('full decode: decodeMessage')
  const [l1, l5] = loadavg()
  return {
    node: process.version,
    clock,
    loadAverage: [l1!, l5!],
    cpus: cpus().length,
    source,
    results,
    targets: {
      viewPath: { target: VIEW_TARGET, measured: view, met: view >= VIEW_TARGET },
      fullDecode: { target: FULL_TARGET, measured: full, met: full >= FULL_TARGET },
    },
  }
}

export function formatDecodeBench(r: DecodeBenchReport): string {
  const s = r.source
  const lines = [
    `input: ${s.kind}${s.path ? ` ${s.path}` : ' (400 packet-ins, OF1.0 + OF1.3 alternating, 124-byte LACPDU frames)'}: ` +
      `${s.messages} messages, ${s.bytes} bytes, ${s.packetIns} packet-ins, ${s.lacpdus} carrying LACPDUs`,
    `clock: ${r.clock === 'cpu' ? 'process CPU time' : 'wall time'}; load average ${r.loadAverage.map((x) => x.toFixed(1)).join(' / ')} on ${r.cpus} CPUs`,
    formatResults(r.results),
    '',
    `targets: view path ${(r.targets.viewPath.measured / 1e6).toFixed(2)} M/s (≥ 20 M: ${r.targets.viewPath.met ? 'met' : 'NOT met'}); ` +
      `full decode ${(r.targets.fullDecode.measured / 1e6).toFixed(2)} M/s (≥ 4 M: ${r.targets.fullDecode.met ? 'met' : 'NOT met'})`,
  ]
  return lines.join('\n')
}

export const suite: BenchSuite = {
  name: 'openflow',
  description: 'OpenFlow framing, packet-in peek/full decode and LACPDU read over a packet-in stream; binary-parser vs hand-written',
  cases: () => decodeBenchCases(buildPacketInStream()),
}
