// OFPT_ERROR type and code numbers per version, their names for printing, and the helper that turns a
// decode failure (an OflError whose `code` is a spec name such as `OFPBRC_BAD_LEN`) into the OFPT_ERROR
// reply a controller sends back (OVS `ofperr_encode_reply`).
// Sources: OpenFlow Switch Specification 1.0.0 §5.4.4 (enum ofp_error_type and code enums),
// 1.2 §A.4.4, 1.3.x §A.4.4 ("data: at least the first 64 bytes of the failed request").
import { OflError, TruncatedError, UnsupportedError } from '../wire/errors.js'
import { WireWriter } from '../wire/writer.js'
import { OFP_HEADER_SIZE, OFP_VERSION_1_0, OFP_VERSION_1_2, OFP_VERSION_1_3 } from './header.js'
import { OFPT_ERROR } from './constants.js'

interface ErrorTypeDef {
  value: number
  /** Prefix of the code names of this type, e.g. `OFPBRC_`. */
  prefix: string
  codes: readonly string[]
}

/** code names listed in numeric order starting at 0 (every enum here is dense). */
const HFC = ['INCOMPATIBLE', 'EPERM']
const BRC10 = ['BAD_VERSION', 'BAD_TYPE', 'BAD_STAT', 'BAD_VENDOR', 'BAD_SUBTYPE', 'EPERM', 'BAD_LEN', 'BUFFER_EMPTY', 'BUFFER_UNKNOWN']
const BRC12 = ['BAD_VERSION', 'BAD_TYPE', 'BAD_STAT', 'BAD_EXPERIMENTER', 'BAD_EXP_TYPE', 'EPERM', 'BAD_LEN', 'BUFFER_EMPTY',
  'BUFFER_UNKNOWN', 'BAD_TABLE_ID', 'IS_SLAVE', 'BAD_PORT', 'BAD_PACKET']
const BRC13 = ['BAD_VERSION', 'BAD_TYPE', 'BAD_MULTIPART', 'BAD_EXPERIMENTER', 'BAD_EXP_TYPE', 'EPERM', 'BAD_LEN', 'BUFFER_EMPTY',
  'BUFFER_UNKNOWN', 'BAD_TABLE_ID', 'IS_SLAVE', 'BAD_PORT', 'BAD_PACKET', 'MULTIPART_BUFFER_OVERFLOW']
const BAC10 = ['BAD_TYPE', 'BAD_LEN', 'BAD_VENDOR', 'BAD_VENDOR_TYPE', 'BAD_OUT_PORT', 'BAD_ARGUMENT', 'EPERM', 'TOO_MANY', 'BAD_QUEUE']
const BAC12 = ['BAD_TYPE', 'BAD_LEN', 'BAD_EXPERIMENTER', 'BAD_EXP_TYPE', 'BAD_OUT_PORT', 'BAD_ARGUMENT', 'EPERM', 'TOO_MANY',
  'BAD_QUEUE', 'BAD_OUT_GROUP', 'MATCH_INCONSISTENT', 'UNSUPPORTED_ORDER', 'BAD_TAG', 'BAD_SET_TYPE', 'BAD_SET_LEN', 'BAD_SET_ARGUMENT']
const BIC = ['UNKNOWN_INST', 'UNSUP_INST', 'BAD_TABLE_ID', 'UNSUP_METADATA', 'UNSUP_METADATA_MASK', 'BAD_EXPERIMENTER', 'BAD_EXP_TYPE',
  'BAD_LEN', 'EPERM']
const BMC = ['BAD_TYPE', 'BAD_LEN', 'BAD_TAG', 'BAD_DL_ADDR_MASK', 'BAD_NW_ADDR_MASK', 'BAD_WILDCARDS', 'BAD_FIELD', 'BAD_VALUE',
  'BAD_MASK', 'BAD_PREREQ', 'DUP_FIELD', 'EPERM']
const FMFC10 = ['ALL_TABLES_FULL', 'OVERLAP', 'EPERM', 'BAD_EMERG_TIMEOUT', 'BAD_COMMAND', 'UNSUPPORTED']
const FMFC12 = ['UNKNOWN', 'TABLE_FULL', 'BAD_TABLE_ID', 'OVERLAP', 'EPERM', 'BAD_TIMEOUT', 'BAD_COMMAND', 'BAD_FLAGS']
const GMFC = ['GROUP_EXISTS', 'INVALID_GROUP', 'WEIGHT_UNSUPPORTED', 'OUT_OF_GROUPS', 'OUT_OF_BUCKETS', 'CHAINING_UNSUPPORTED',
  'WATCH_UNSUPPORTED', 'LOOP', 'UNKNOWN_GROUP', 'CHAINED_GROUP', 'BAD_TYPE', 'BAD_COMMAND', 'BAD_BUCKET', 'BAD_WATCH', 'EPERM']
const PMFC10 = ['BAD_PORT', 'BAD_HW_ADDR']
const PMFC12 = ['BAD_PORT', 'BAD_HW_ADDR', 'BAD_CONFIG', 'BAD_ADVERTISE', 'EPERM']
const TMFC = ['BAD_TABLE', 'BAD_CONFIG', 'EPERM']
const QOFC = ['BAD_PORT', 'BAD_QUEUE', 'EPERM']
const SCFC = ['BAD_FLAGS', 'BAD_LEN', 'EPERM']
const RRFC = ['STALE', 'UNSUP', 'BAD_ROLE']
const MMFC = ['UNKNOWN', 'METER_EXISTS', 'INVALID_METER', 'UNKNOWN_METER', 'BAD_COMMAND', 'BAD_FLAGS', 'BAD_RATE', 'BAD_BURST',
  'BAD_BAND', 'BAD_BAND_VALUE', 'OUT_OF_METERS', 'OUT_OF_BANDS']
const TFFC = ['BAD_TABLE', 'BAD_METADATA', 'BAD_TYPE', 'BAD_LEN', 'BAD_ARGUMENT', 'EPERM']

/** OFPET_EXPERIMENTER (1.2+): the error carries exp_type and experimenter id instead of a code. */
export const OFPET_EXPERIMENTER = 0xffff

const T = (value: number, prefix: string, codes: readonly string[]): ErrorTypeDef => ({ value, prefix, codes })

const ERRORS_10: Record<string, ErrorTypeDef> = {
  OFPET_HELLO_FAILED: T(0, 'OFPHFC_', HFC),
  OFPET_BAD_REQUEST: T(1, 'OFPBRC_', BRC10),
  OFPET_BAD_ACTION: T(2, 'OFPBAC_', BAC10),
  OFPET_FLOW_MOD_FAILED: T(3, 'OFPFMFC_', FMFC10),
  OFPET_PORT_MOD_FAILED: T(4, 'OFPPMFC_', PMFC10),
  OFPET_QUEUE_OP_FAILED: T(5, 'OFPQOFC_', QOFC),
}
const ERRORS_12: Record<string, ErrorTypeDef> = {
  OFPET_HELLO_FAILED: T(0, 'OFPHFC_', HFC),
  OFPET_BAD_REQUEST: T(1, 'OFPBRC_', BRC12),
  OFPET_BAD_ACTION: T(2, 'OFPBAC_', BAC12),
  OFPET_BAD_INSTRUCTION: T(3, 'OFPBIC_', BIC),
  OFPET_BAD_MATCH: T(4, 'OFPBMC_', BMC),
  OFPET_FLOW_MOD_FAILED: T(5, 'OFPFMFC_', FMFC12),
  OFPET_GROUP_MOD_FAILED: T(6, 'OFPGMFC_', GMFC),
  OFPET_PORT_MOD_FAILED: T(7, 'OFPPMFC_', PMFC12),
  OFPET_TABLE_MOD_FAILED: T(8, 'OFPTMFC_', TMFC),
  OFPET_QUEUE_OP_FAILED: T(9, 'OFPQOFC_', QOFC),
  OFPET_SWITCH_CONFIG_FAILED: T(10, 'OFPSCFC_', SCFC),
  OFPET_ROLE_REQUEST_FAILED: T(11, 'OFPRRFC_', RRFC),
  OFPET_EXPERIMENTER: T(OFPET_EXPERIMENTER, 'OFPET_EXPERIMENTER_', []),
}
const ERRORS_13: Record<string, ErrorTypeDef> = {
  ...ERRORS_12,
  OFPET_BAD_REQUEST: T(1, 'OFPBRC_', BRC13),
  OFPET_METER_MOD_FAILED: T(12, 'OFPMMFC_', MMFC),
  OFPET_TABLE_FEATURES_FAILED: T(13, 'OFPTFFC_', TFFC),
}

const BY_VERSION: Record<number, Record<string, ErrorTypeDef>> = {
  [OFP_VERSION_1_0]: ERRORS_10,
  [OFP_VERSION_1_2]: ERRORS_12,
  [OFP_VERSION_1_3]: ERRORS_13,
}

/** Error type numbers of a version by name, e.g. errorTypes(1).OFPET_BAD_ACTION === 2. */
export function errorTypes(version: number): Readonly<Record<string, number>> {
  const defs = BY_VERSION[version] ?? {}
  return Object.fromEntries(Object.entries(defs).map(([k, d]) => [k, d.value]))
}

export interface ErrorTypeCode {
  type: number
  code: number
}

/**
 * The wire numbers of a code name in a version: `errorTypeCode(1, 'OFPBAC_BAD_LEN')` → {type 2, code 1}.
 * Undefined when the version has no such code (e.g. `OFPBIC_*` in 1.0).
 */
export function errorTypeCode(version: number, codeName: string): ErrorTypeCode | undefined {
  const defs = BY_VERSION[version]
  if (!defs) return undefined
  for (const d of Object.values(defs)) {
    if (!codeName.startsWith(d.prefix)) continue
    const i = d.codes.indexOf(codeName.slice(d.prefix.length))
    if (i !== -1) return { type: d.value, code: i }
  }
  return undefined
}

/** Names for printing: errorNames(1, 2, 1) → {type 'OFPET_BAD_ACTION', code 'OFPBAC_BAD_LEN'}. */
export function errorNames(version: number, type: number, code: number): { type: string; code: string } {
  const defs = BY_VERSION[version] ?? {}
  for (const [name, d] of Object.entries(defs)) {
    if (d.value !== type) continue
    const c = d.codes[code]
    return { type: name, code: c === undefined ? `${d.prefix}UNKNOWN(${code})` : d.prefix + c }
  }
  return { type: `OFPET_UNKNOWN(${type})`, code: `UNKNOWN(${code})` }
}

/** How many bytes of the offending message an error reply carries (spec: "at least 64"). */
export const OFP_ERROR_DATA_MAX = 64

/**
 * Type/code for an error thrown while decoding a received message. OflError codes that are spec
 * names map directly (falling back per version when the name does not exist there); TRUNCATED inside a
 * complete message is a bad length; an unsupported version is BAD_VERSION; anything else is
 * OFPBRC_BAD_LEN for malformed structure (the most common cause) or OFPBRC_EPERM as a last resort.
 */
export function errorTypeCodeFor(err: unknown, version: number): ErrorTypeCode {
  const v = BY_VERSION[version] ? version : OFP_VERSION_1_0
  if (err instanceof OflError) {
    const direct = errorTypeCode(v, err.code)
    if (direct) return direct
    if (err instanceof TruncatedError) return errorTypeCode(v, 'OFPBRC_BAD_LEN')!
    if (err instanceof UnsupportedError) return errorTypeCode(v, 'OFPBRC_BAD_TYPE')!
    // version-specific names that moved (1.0 BAD_VENDOR ⇄ 1.2+ BAD_EXPERIMENTER)
    const alt = v === OFP_VERSION_1_0
      ? err.code.replace('_BAD_EXPERIMENTER', '_BAD_VENDOR').replace('OFPBRC_BAD_EXP_TYPE', 'OFPBRC_BAD_SUBTYPE')
      : err.code.replace('_BAD_VENDOR', '_BAD_EXPERIMENTER').replace('OFPBRC_BAD_SUBTYPE', 'OFPBRC_BAD_EXP_TYPE')
    const moved = errorTypeCode(v, alt)
    if (moved) return moved
    return errorTypeCode(v, 'OFPBRC_BAD_LEN')!
  }
  return errorTypeCode(v, 'OFPBRC_EPERM')!
}

/**
 * The OFPT_ERROR reply for a message that failed to decode: type/code from `err`, data = the first
 * 64 bytes of the offending message, xid copied from its header (0 if it has none). `version` is the
 * version the session speaks (use the negotiated one when the offending version is unsupported).
 * Returns fresh bytes ready to write to the socket.
 */
export function errorReply(err: unknown, offending: Uint8Array, version: number): Buffer {
  const { type, code } = errorTypeCodeFor(err, version)
  const xid = offending.length >= OFP_HEADER_SIZE
    ? ((offending[4]! << 24) | (offending[5]! << 16) | (offending[6]! << 8) | offending[7]!) >>> 0
    : 0
  const data = offending.subarray(0, Math.min(OFP_ERROR_DATA_MAX, offending.length))
  const w = new WireWriter(OFP_HEADER_SIZE + 4 + data.length)
  w.u8(version).u8(OFPT_ERROR).u16(OFP_HEADER_SIZE + 4 + data.length).u32(xid) // ofp_header
  w.u16(type) // uint16_t type;
  w.u16(code) // uint16_t code;
  w.bytes(data) // uint8_t data[0];
  return w.finish()
}
