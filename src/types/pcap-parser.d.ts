// Local typings for the untyped `pcap-parser` 0.2.1 (kunklejr/node-pcap-parser lib/pcap-parser.js).
declare module 'pcap-parser' {
  import type { EventEmitter } from 'node:events'
  import type { Readable } from 'node:stream'

  export interface GlobalHeader {
    magicNumber: number
    majorVersion: number
    minorVersion: number
    gmtOffset: number
    timestampAccuracy: number
    snapshotLength: number
    linkLayerType: number
  }
  export interface PacketHeader {
    timestampSeconds: number
    /** Microseconds (the parser only knows µs magic numbers). */
    timestampMicroseconds: number
    capturedLength: number
    originalLength: number
  }
  export interface Packet {
    header: PacketHeader
    data: Buffer
  }
  export interface Parser extends EventEmitter {
    stream: Readable
    buffer: Buffer | null
    on(ev: 'globalHeader', fn: (h: GlobalHeader) => void): this
    on(ev: 'packetHeader', fn: (h: PacketHeader) => void): this
    on(ev: 'packetData', fn: (d: Buffer) => void): this
    on(ev: 'packet', fn: (p: Packet) => void): this
    /** Emitted for a bad magic or version — and followed by 'end'. */
    on(ev: 'error', fn: (e: Error) => void): this
    on(ev: 'end', fn: () => void): this
  }
  export function parse(input: string | Readable): Parser
}
