// LACPDU v1 fixed layout as a binary-parser schema — IEEE 802.1AX-2014 §6.4.2.3, Figure 6-7.
//
// The declarative twin of the hand-written decoder in ./lacpdu.ts, kept for the CLI/capture paths that
// prefer a schema and for the benchmark that compares the two (src/bench/lacp.ts). binary-parser
// returns `any`, throws context-free RangeErrors and always starts at offset 0, so it sits behind a
// typed wrapper: a length pre-check (TruncatedError), a subtype check (MalformedError), the same issue
// checks as the hand-written decoder and the same TLV walk after offset 58. Both decoders must agree
// on every vector (test/unit/lacp/lacpdu.test.ts).
import { createRequire } from 'node:module'
import type { Parser as BinaryParser } from 'binary-parser'
import { MalformedError, TruncatedError } from '../wire/errors.js'
import { formatMac } from '../wire/mac.js'
import {
  LACPDU_SIZE, LACP_TLV_ACTOR, LACP_TLV_COLLECTOR, LACP_TLV_PARTNER, SLOW_SUBTYPE_LACP,
} from './constants.js'
import type { DecodeIssue } from './issues.js'
import {
  LACP_COLLECTOR_TLV_LENGTH, LACP_OFF_ACTOR, LACP_OFF_COLLECTOR, LACP_OFF_PARTNER, LACP_PORT_INFO_TLV_LENGTH,
  checkReserved, checkTlvHeader, decodeLacpTail, type LacpDu, type LacpPortInfo,
} from './lacpdu.js'

interface RawPortInfo {
  tlvType: number
  tlvLength: number
  systemPriority: number
  system: Buffer
  key: number
  portPriority: number
  port: number
  state: number
  reserved: Buffer
}
interface RawLacpdu {
  subtype: number
  version: number
  actor: RawPortInfo
  partner: RawPortInfo
  collectorType: number
  collectorLength: number
  collectorMaxDelay: number
  collectorReserved: Buffer
}

// binary-parser is loaded on the first schema decode only: the codecs and the CLI never pay for it.
let fixed: BinaryParser | undefined
function lacpduFixedParser(): BinaryParser {
  if (fixed !== undefined) return fixed
  const { Parser } = createRequire(import.meta.url)('binary-parser') as typeof import('binary-parser')
  const portInfo = new Parser()
    .uint8('tlvType')
    .uint8('tlvLength')
    .uint16be('systemPriority')
    .buffer('system', { length: 6 })
    .uint16be('key')
    .uint16be('portPriority')
    .uint16be('port')
    .uint8('state')
    .buffer('reserved', { length: 3 })
  // subtype through the collector TLV (58 bytes); the TLV walk and pad are shared with ./lacpdu.ts
  const p = new Parser()
    .uint8('subtype')
    .uint8('version')
    .nest('actor', { type: portInfo })
    .nest('partner', { type: portInfo })
    .uint8('collectorType')
    .uint8('collectorLength')
    .uint16be('collectorMaxDelay')
    .buffer('collectorReserved', { length: 12 })
  p.compile()
  // Declared layout == size: the schema covers exactly the 58 bytes before the terminator.
  if (p.sizeOf() !== LACPDU_SCHEMA_SIZE) throw new Error(`lacpdu schema is ${p.sizeOf()} bytes, expected ${LACPDU_SCHEMA_SIZE}`)
  return (fixed = p)
}

function portInfoFrom(r: RawPortInfo): LacpPortInfo {
  return { systemPriority: r.systemPriority, system: formatMac(r.system), key: r.key, portPriority: r.portPriority, port: r.port, state: r.state }
}

/** Same contract and result as `decodeLacpdu`, through the binary-parser schema. */
export function decodeLacpduSchema(buf: Buffer, off = 0, end = buf.length): LacpDu {
  if (end - off < LACPDU_SIZE) throw new TruncatedError(LACPDU_SIZE, end - off, { offset: off, field: 'lacpdu' })
  const raw = lacpduFixedParser().parse(buf.subarray(off, end)) as RawLacpdu
  if (raw.subtype !== SLOW_SUBTYPE_LACP) throw new MalformedError('LACP_BAD_SUBTYPE', `slow subtype ${raw.subtype} is not LACP (1)`, { offset: off, field: 'subtype' })
  const issues: DecodeIssue[] = []
  if (raw.version !== 1 && raw.version !== 2) issues.push({ code: 'LACP_UNKNOWN_VERSION', message: `LACP version ${raw.version}`, offset: off + 1 })
  checkTlvHeader(raw.actor.tlvType, raw.actor.tlvLength, LACP_TLV_ACTOR, LACP_PORT_INFO_TLV_LENGTH, 'actor', off + LACP_OFF_ACTOR, issues)
  checkReserved(buf, off + LACP_OFF_ACTOR + 17, off + LACP_OFF_ACTOR + 20, 'actor reserved', issues)
  checkTlvHeader(raw.partner.tlvType, raw.partner.tlvLength, LACP_TLV_PARTNER, LACP_PORT_INFO_TLV_LENGTH, 'partner', off + LACP_OFF_PARTNER, issues)
  checkReserved(buf, off + LACP_OFF_PARTNER + 17, off + LACP_OFF_PARTNER + 20, 'partner reserved', issues)
  checkTlvHeader(raw.collectorType, raw.collectorLength, LACP_TLV_COLLECTOR, LACP_COLLECTOR_TLV_LENGTH, 'collector', off + LACP_OFF_COLLECTOR, issues)
  checkReserved(buf, off + LACP_OFF_COLLECTOR + 4, off + LACP_OFF_COLLECTOR + 16, 'collector reserved', issues)
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const tail = decodeLacpTail(buf, dv, off, end, raw.version, issues)
  return {
    subtype: 1, version: raw.version, actor: portInfoFrom(raw.actor), partner: portInfoFrom(raw.partner),
    collectorMaxDelay: raw.collectorMaxDelay, tlvs: tail.tlvs, trailing: tail.trailing, issues,
  }
}

/** Bytes the binary-parser schema covers (asserted against the schema when it is built). */
export const LACPDU_SCHEMA_SIZE = 58
