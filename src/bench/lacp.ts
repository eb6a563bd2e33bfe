// LACPDU decode and encode cost: the hand-written DataView decoder (hot path) against the binary-parser
// schema decoder, the zero-allocation peek, and the hand-written encoder. Inputs are 400 real-shaped
// LACPDUs back to back (one socket read's worth), varied so the JIT cannot
// constant-fold them. ns/op is per PDU.
import { blackhole, type BenchCase, type BenchSuite } from './harness.js'
import { decodeLacpdu, encodeLacpdu, lacpduToBuffer, newLacpPeek, peekLacpdu, type LacpDu } from '../lacp/lacpdu.js'
import { decodeLacpduSchema } from '../lacp/lacpdu-schema.js'
import { WireWriter } from '../wire/writer.js'

const N = 400
const SIZE = 110

function stream(): { buf: Buffer; dv: DataView; pdus: LacpDu[] } {
  const parts: Buffer[] = []
  for (let i = 0; i < N; i++) {
    parts.push(lacpduToBuffer({
      actor: { systemPriority: 65534, system: `02:00:00:00:11:${(i & 0xff).toString(16).padStart(2, '0')}`, key: 1 + (i % 7), portPriority: 65535, port: 1 + (i % 48), state: 0x3f },
      partner: { systemPriority: 65535, system: '02:00:00:00:01:00', key: 1 + (i % 7), portPriority: 255, port: 1 + (i % 48), state: i & 1 ? 0x3e : 0x3c },
      collectorMaxDelay: 0,
    }))
  }
  const buf = Buffer.concat(parts)
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const pdus = Array.from({ length: N }, (_, i) => decodeLacpdu(buf, i * SIZE, (i + 1) * SIZE, dv))
  return { buf, dv, pdus }
}

export function lacpCases(): BenchCase[] {
  const { buf, dv, pdus } = stream()
  const peek = newLacpPeek()
  const w = new WireWriter(SIZE * N)
  return [
    {
      group: 'LACPDU decode (110 B, to a plain object)', name: 'hand-written DataView decodeLacpdu', opsPerCall: N, bytesPerCall: N * SIZE,
      fn: () => {
        let k = 0
        for (let i = 0; i < N; i++) k += decodeLacpdu(buf, i * SIZE, (i + 1) * SIZE, dv).actor.key
        return k
      },
    },
    {
      group: 'LACPDU decode (110 B, to a plain object)', name: 'binary-parser schema decodeLacpduSchema', opsPerCall: N, bytesPerCall: N * SIZE,
      fn: () => {
        let k = 0
        for (let i = 0; i < N; i++) k += decodeLacpduSchema(buf, i * SIZE, (i + 1) * SIZE).actor.key
        return k
      },
    },
    {
      group: 'LACPDU decode (110 B, to a plain object)', name: 'zero-allocation peekLacpdu (reused object)', opsPerCall: N, bytesPerCall: N * SIZE,
      fn: () => {
        let k = 0
        for (let i = 0; i < N; i++) if (peekLacpdu(dv, i * SIZE, (i + 1) * SIZE, peek)) k += peek.actor.key
        return k
      },
    },
    {
      group: 'LACPDU encode (110 B)', name: 'hand-written encodeLacpdu into a reused writer', opsPerCall: N, bytesPerCall: N * SIZE,
      fn: () => {
        w.reset()
        for (let i = 0; i < N; i++) encodeLacpdu(w, pdus[i]!)
        return w.pos
      },
    },
    {
      group: 'LACPDU encode (110 B)', name: 'hand-written lacpduToBuffer (fresh Buffer each)', opsPerCall: N, bytesPerCall: N * SIZE,
      fn: () => {
        let n = 0
        for (let i = 0; i < N; i++) n += lacpduToBuffer(pdus[i]!).length
        blackhole(n)
        return n
      },
    },
  ]
}

export const suite: BenchSuite = { name: 'lacp', description: 'LACPDU decode (hand-written vs binary-parser vs peek) and encode', cases: lacpCases }
