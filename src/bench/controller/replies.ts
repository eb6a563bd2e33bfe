// The emulated switch's answers to controller requests during the handshake and keep-alive, built with
// ofl's own encoders (not on the hot path). OpenFlow 1.0.0 §5.3.1 (features), §5.3.2 (switch config),
// §5.3.5 (stats: DESC and empty lists); OpenFlow 1.3.5 §7.3.1, §7.3.2, §7.3.5 (multipart DESC,
// PORT_DESC, empty lists), §7.3.9 (role), §7.5 (hello version bitmap, echo).
import { encodeMessage } from '../../openflow/codec.js'
import { errorReply } from '../../openflow/errors.js'
import { OFP_VERSION_1_0 } from '../../openflow/header.js'
import { UnsupportedError } from '../../wire/errors.js'
import { SWITCH_PORTS } from './frames.js'

export const OFPT_HELLO = 0
export const OFPT_ERROR = 1
export const OFPT_ECHO_REQUEST = 2
export const OFPT_ECHO_REPLY = 3
export const OFPT_VENDOR = 4 // OFPT_EXPERIMENTER on 1.3
export const OFPT_FEATURES_REQUEST = 5
export const OFPT_FEATURES_REPLY = 6
export const OFPT_GET_CONFIG_REQUEST = 7
export const OFPT_GET_CONFIG_REPLY = 8
export const OFPT_SET_CONFIG = 9
/** Types that differ between the versions. */
export const OFPT10_STATS_REQUEST = 16
export const OFPT10_BARRIER_REQUEST = 18
export const OFPT10_BARRIER_REPLY = 19
export const OFPT10_QUEUE_GET_CONFIG_REQUEST = 20
export const OFPT13_MULTIPART_REQUEST = 18
export const OFPT13_BARRIER_REQUEST = 20
export const OFPT13_BARRIER_REPLY = 21
export const OFPT13_QUEUE_GET_CONFIG_REQUEST = 22
export const OFPT13_ROLE_REQUEST = 24
export const OFPT13_GET_ASYNC_REQUEST = 26
const OFPHET_VERSIONBITMAP = 1
const OFPP10_LOCAL = 0xfffe
const OFPP13_LOCAL = 0xfffffffe
/** 1.0 capabilities: flow, table, port stats; actions: output, set vlan/dl/nw/tp. */
const OFPC_STATS = 0x1 | 0x2 | 0x4
const OFPAT10_BITMAP = 0xfff
/** OFPPF_1GB_FD | OFPPF_COPPER */
const PORT_FEATURES = 0x20 | 0x800

/** ofp_hello: 1.0 header only; 1.3 with a version bitmap offering exactly `version`. */
export function helloFor(version: number): Buffer {
  if (version === OFP_VERSION_1_0) return encodeMessage({ version, type: OFPT_HELLO, xid: 1, data: Buffer.alloc(0) })
  return encodeMessage({ version, type: OFPT_HELLO, xid: 1, elements: [{ type: OFPHET_VERSIONBITMAP, bitmaps: [(1 << version) >>> 0] }] })
}

const mac = (dpid: number, port: number) =>
  ['02', '00', (dpid >>> 16) & 0xff, (dpid >>> 8) & 0xff, dpid & 0xff, port & 0xff].map((x) => (typeof x === 'string' ? x : x.toString(16).padStart(2, '0'))).join(':')

function portList(version: number, dpid: number) {
  const local = version === OFP_VERSION_1_0 ? OFPP10_LOCAL : OFPP13_LOCAL
  const ports = [...SWITCH_PORTS, local]
  return ports.map((p) => ({
    portNo: p, hwAddr: mac(dpid, p === local ? 0 : p), name: p === local ? `s${dpid}` : `s${dpid}-eth${p}`,
    config: 0, state: 0, curr: PORT_FEATURES, advertised: 0, supported: 0, peer: 0,
    ...(version === OFP_VERSION_1_0 ? {} : { currSpeed: 1_000_000, maxSpeed: 1_000_000 }),
  }))
}

export function featuresReply(version: number, xid: number, dpid: number): Buffer {
  const common = { version, type: OFPT_FEATURES_REPLY, xid, datapathId: BigInt(dpid), nBuffers: 256, nTables: 254, capabilities: OFPC_STATS }
  if (version === OFP_VERSION_1_0) return encodeMessage({ ...common, actions: OFPAT10_BITMAP, ports: portList(version, dpid) })
  return encodeMessage({ ...common, auxiliaryId: 0, reserved: 0 })
}

export function getConfigReply(version: number, xid: number, missSendLen: number): Buffer {
  return encodeMessage({ version, type: OFPT_GET_CONFIG_REPLY, xid, flags: 0, missSendLen })
}

export function echoReply(version: number, xid: number, data: Buffer): Buffer {
  return encodeMessage({ version, type: OFPT_ECHO_REPLY, xid, data })
}

export function barrierReply(version: number, xid: number): Buffer {
  return encodeMessage({ version, type: version === OFP_VERSION_1_0 ? OFPT10_BARRIER_REPLY : OFPT13_BARRIER_REPLY, xid })
}

export function roleReply(xid: number, role: number, generationId: bigint): Buffer {
  return encodeMessage({ version: 4, type: OFPT13_ROLE_REQUEST + 1, xid, role, generationId })
}

const DESC = { mfrDesc: 'ofl', hwDesc: 'ofl bench controller emulated switch', swDesc: 'ofl', serialNum: 'none', dpDesc: '' }

/**
 * The reply to a 1.0 STATS_REQUEST / 1.3 MULTIPART_REQUEST of `statsType`, or undefined when the
 * emulated switch does not implement it (the caller answers OFPT_ERROR).
 */
export function statsReply(version: number, xid: number, statsType: number, dpid: number): Buffer | undefined {
  const desc = { ...DESC, dpDesc: `emulated switch ${dpid}` }
  if (version === OFP_VERSION_1_0) {
    const body: unknown = [desc, { flows: [] }, undefined, { tables: [] }, { ports: [] }, { queues: [] }][statsType]
    if (body === undefined) return undefined
    return encodeMessage({ version, type: OFPT10_STATS_REQUEST + 1, xid, statsType, flags: 0, body: body })
  }
  let body: unknown
  if (statsType === 0) body = desc // OFPMP_DESC
  else if (statsType === 13) body = portList(version, dpid) // OFPMP_PORT_DESC
  else if ([1, 3, 4, 5, 6, 7, 9, 10].includes(statsType)) body = [] // flow, table, port, queue, group, group desc, meter, meter config
  else return undefined
  return encodeMessage({ version, type: OFPT13_MULTIPART_REQUEST + 1, xid, mpType: statsType, flags: 0, body: body })
}

/** OFPT_ERROR for a request the emulated switch does not implement (`code` a spec name). */
export function notSupported(version: number, code: string, offending: Uint8Array): Buffer {
  return errorReply(new UnsupportedError(code, 'not implemented by the emulated switch'), offending, version)
}
