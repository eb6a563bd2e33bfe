// The slow-protocol codecs as a table, so one helper can run every vector four ways.
import { decodeLacpdu, lacpduLength, lacpduToBuffer, type LacpDuInput } from '../../../src/lacp/lacpdu.js'
import { decodeMarker, markerLength, markerToBuffer, type MarkerPduInput } from '../../../src/lacp/marker.js'
import { buildSlowFrame, decodeSlowFrame, slowFrameLength, type SlowFrameInput } from '../../../src/lacp/slow.js'

export interface Codec {
  decode(buf: Buffer, off?: number, end?: number): unknown
  encode(json: any): Buffer
  length(json: any): number
}

function frameInput(j: any): SlowFrameInput {
  return { src: j.eth.src, dst: j.eth.dst, vlans: j.eth.vlans, pdu: j.pdu }
}

export const CODECS: Record<string, Codec> = {
  lacpdu: { decode: decodeLacpdu, encode: (j: LacpDuInput) => lacpduToBuffer(j), length: (j: LacpDuInput) => lacpduLength(j) },
  marker: { decode: decodeMarker, encode: (j: MarkerPduInput) => markerToBuffer(j), length: (j: MarkerPduInput) => markerLength(j) },
  'slow-frame': { decode: decodeSlowFrame, encode: (j) => buildSlowFrame(frameInput(j)), length: (j) => slowFrameLength(frameInput(j)) },
}
