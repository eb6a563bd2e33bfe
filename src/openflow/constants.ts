// Names shared by every OpenFlow version: message type numbers per version and reverse name tables
// for printing (dns-packet `types.toString` idiom). Sources: OpenFlow Switch Specification 1.0.0 §5.1
// (enum ofp_type), 1.2 §A.1, 1.3.x §A.1. Per-version details (actions, matches, multipart) live in
// the version folders; this file holds only what the codec, framer and printers need for all of them.
import { OFP_VERSION_1_0, OFP_VERSION_1_2, OFP_VERSION_1_3 } from './header.js'

/** enum ofp_type, OpenFlow 1.0 (22 types). */
export const OFPT10 = {
  OFPT_HELLO: 0,
  OFPT_ERROR: 1,
  OFPT_ECHO_REQUEST: 2,
  OFPT_ECHO_REPLY: 3,
  OFPT_VENDOR: 4,
  OFPT_FEATURES_REQUEST: 5,
  OFPT_FEATURES_REPLY: 6,
  OFPT_GET_CONFIG_REQUEST: 7,
  OFPT_GET_CONFIG_REPLY: 8,
  OFPT_SET_CONFIG: 9,
  OFPT_PACKET_IN: 10,
  OFPT_FLOW_REMOVED: 11,
  OFPT_PORT_STATUS: 12,
  OFPT_PACKET_OUT: 13,
  OFPT_FLOW_MOD: 14,
  OFPT_PORT_MOD: 15,
  OFPT_STATS_REQUEST: 16,
  OFPT_STATS_REPLY: 17,
  OFPT_BARRIER_REQUEST: 18,
  OFPT_BARRIER_REPLY: 19,
  OFPT_QUEUE_GET_CONFIG_REQUEST: 20,
  OFPT_QUEUE_GET_CONFIG_REPLY: 21,
} as const

/** Types 0–17 of OpenFlow 1.2 and 1.3 (identical numbers and names). */
const OFPT1X_HEAD = {
  OFPT_HELLO: 0,
  OFPT_ERROR: 1,
  OFPT_ECHO_REQUEST: 2,
  OFPT_ECHO_REPLY: 3,
  OFPT_EXPERIMENTER: 4,
  OFPT_FEATURES_REQUEST: 5,
  OFPT_FEATURES_REPLY: 6,
  OFPT_GET_CONFIG_REQUEST: 7,
  OFPT_GET_CONFIG_REPLY: 8,
  OFPT_SET_CONFIG: 9,
  OFPT_PACKET_IN: 10,
  OFPT_FLOW_REMOVED: 11,
  OFPT_PORT_STATUS: 12,
  OFPT_PACKET_OUT: 13,
  OFPT_FLOW_MOD: 14,
  OFPT_GROUP_MOD: 15,
  OFPT_PORT_MOD: 16,
  OFPT_TABLE_MOD: 17,
} as const

/** Types 20–25 of OpenFlow 1.2 and 1.3. */
const OFPT1X_TAIL = {
  OFPT_BARRIER_REQUEST: 20,
  OFPT_BARRIER_REPLY: 21,
  OFPT_QUEUE_GET_CONFIG_REQUEST: 22,
  OFPT_QUEUE_GET_CONFIG_REPLY: 23,
  OFPT_ROLE_REQUEST: 24,
  OFPT_ROLE_REPLY: 25,
} as const

/** enum ofp_type, OpenFlow 1.2 (types 0–25; 1.3 renamed STATS to MULTIPART and added 26–29). */
export const OFPT12 = { ...OFPT1X_HEAD, OFPT_STATS_REQUEST: 18, OFPT_STATS_REPLY: 19, ...OFPT1X_TAIL } as const

/** enum ofp_type, OpenFlow 1.3 (30 types). */
export const OFPT13 = {
  ...OFPT1X_HEAD,
  OFPT_MULTIPART_REQUEST: 18,
  OFPT_MULTIPART_REPLY: 19,
  ...OFPT1X_TAIL,
  OFPT_GET_ASYNC_REQUEST: 26,
  OFPT_GET_ASYNC_REPLY: 27,
  OFPT_SET_ASYNC: 28,
  OFPT_METER_MOD: 29,
} as const

/** Types whose number and meaning are identical in 1.0, 1.2 and 1.3. */
export const OFPT_HELLO = 0
export const OFPT_ERROR = 1
export const OFPT_ECHO_REQUEST = 2
export const OFPT_ECHO_REPLY = 3
export const OFPT_FEATURES_REQUEST = 5
export const OFPT_FEATURES_REPLY = 6
export const OFPT_PACKET_IN = 10
export const OFPT_FLOW_REMOVED = 11
export const OFPT_PORT_STATUS = 12
export const OFPT_PACKET_OUT = 13
export const OFPT_FLOW_MOD = 14

/** Reverse table: number → spec name, e.g. nameTable(OFPT13)[29] === 'OFPT_METER_MOD'. */
export function nameTable(consts: Readonly<Record<string, number>>): Readonly<Record<number, string>> {
  const out: Record<number, string> = {}
  for (const [k, v] of Object.entries(consts)) if (!(v in out)) out[v] = k
  return out
}

const TYPE_NAMES: Readonly<Record<number, Readonly<Record<number, string>>>> = {
  [OFP_VERSION_1_0]: nameTable(OFPT10),
  [OFP_VERSION_1_2]: nameTable(OFPT12),
  [OFP_VERSION_1_3]: nameTable(OFPT13),
}

/** `OFPT_PACKET_IN`, or `OFPT_UNKNOWN(42)` for a type the version does not define. */
export function messageTypeName(version: number, type: number): string {
  return TYPE_NAMES[version]?.[type] ?? `OFPT_UNKNOWN(${type})`
}

/** The short form printers use: `PACKET_IN`. */
export function shortTypeName(version: number, type: number): string {
  return messageTypeName(version, type).replace(/^OFPT_/, '')
}

/** Number of message types each supported version defines (for coverage tests). */
export const MESSAGE_TYPE_COUNT: Readonly<Record<number, number>> = {
  [OFP_VERSION_1_0]: Object.keys(OFPT10).length,
  [OFP_VERSION_1_2]: Object.keys(OFPT12).length,
  [OFP_VERSION_1_3]: Object.keys(OFPT13).length,
}

/** Buffer id meaning "no buffer" (1.0 uses the same 0xffffffff value as 1.2/1.3's OFP_NO_BUFFER). */
export const OFP_NO_BUFFER = 0xffffffff
