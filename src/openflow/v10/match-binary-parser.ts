// OpenFlow 1.0 ofp_match (OpenFlow 1.0.0 §5.2.3) through binary-parser: the schema-driven decoder the
// benchmark runs side by side with decodeMatch10. A module of its own so that the codecs never load
// binary-parser; only the benchmark (and its tests) do.
import { Parser } from 'binary-parser'
import { TruncatedError } from '../../wire/errors.js'
import { formatIpv4 } from '../addr.js'
import { formatMac } from '../../wire/mac.js'
import { OFP_MATCH10_SIZE, type Match10 } from './match.js'

// binary-parser layout of the same 40 bytes, compiled once at module load.
const matchParser = new Parser()
  .endianness('big')
  .uint32('wildcards')
  .uint16('inPort')
  .buffer('dlSrc', { length: 6 })
  .buffer('dlDst', { length: 6 })
  .uint16('dlVlan')
  .uint8('dlVlanPcp')
  .skip(1)
  .uint16('dlType')
  .uint8('nwTos')
  .uint8('nwProto')
  .skip(2)
  .uint32('nwSrc')
  .uint32('nwDst')
  .uint16('tpSrc')
  .uint16('tpDst')
matchParser.compile()
if (matchParser.sizeOf() !== OFP_MATCH10_SIZE) throw new Error('ofp_match binary-parser layout is not 40 bytes')

/** The binary-parser path (benchmark comparison). Same result as decodeMatch10; bounds pre-checked. */
export function decodeMatch10BinaryParser(buf: Buffer, off: number): Match10 {
  if (buf.length - off < OFP_MATCH10_SIZE) throw new TruncatedError(OFP_MATCH10_SIZE, Math.max(0, buf.length - off), { offset: off, field: 'ofp_match' })
  const raw = matchParser.parse(buf.subarray(off, off + OFP_MATCH10_SIZE)) as {
    wildcards: number; inPort: number; dlSrc: Buffer; dlDst: Buffer; dlVlan: number; dlVlanPcp: number; dlType: number
    nwTos: number; nwProto: number; nwSrc: number; nwDst: number; tpSrc: number; tpDst: number
  }
  return {
    wildcards: raw.wildcards, inPort: raw.inPort, dlSrc: formatMac(raw.dlSrc), dlDst: formatMac(raw.dlDst), dlVlan: raw.dlVlan,
    dlVlanPcp: raw.dlVlanPcp, dlType: raw.dlType, nwTos: raw.nwTos, nwProto: raw.nwProto, nwSrc: formatIpv4(raw.nwSrc),
    nwDst: formatIpv4(raw.nwDst), tpSrc: raw.tpSrc, tpDst: raw.tpDst,
  }
}
