// Open vSwitch's Nicira controller-role extension, the OpenFlow 1.0 way to have several controllers
// with master/slave roles (1.2 and later have OFPT_ROLE_REQUEST, ../v13/role.ts).
//
// Carried in OFPT_VENDOR (OpenFlow 1.0.0 §5.5.4) with vendor NX_VENDOR_ID 0x00002320 and a 32-bit
// Nicira subtype (Open vSwitch include/openflow/nicira-ext.h, struct nicira_header; lib/ofp-msgs.h
// "NXT 1.0+ (10): struct nx_role_request", "(11)" for the reply, "(19): struct nx_async_config"):
//
//   struct nicira_header { struct ofp_header header; ovs_be32 vendor; ovs_be32 subtype; };
//   struct nx_role_request { ovs_be32 role; };                        /* NX_ROLE_* */
//   struct nx_async_config { ovs_be32 packet_in_mask[2]; ovs_be32 port_status_mask[2];
//                            ovs_be32 flow_removed_mask[2]; };         /* [0] master/other, [1] slave */
//
// The Nicira role has no generation id: a switch simply demotes the previous master when another
// controller asks for MASTER. In OpenFlow 1.2+ the same subtypes ride in OFPT_EXPERIMENTER, whose
// header has the identical layout (experimenter id, exp_type), so these encoders take the version.
import { WireWriter } from '../../wire/writer.js'
import { MalformedError } from '../../wire/errors.js'
import { OFP_HEADER_SIZE, OFP_VERSION_1_0 } from '../header.js'

export const NX_VENDOR_ID = 0x00002320
export const NXT_ROLE_REQUEST = 10
export const NXT_ROLE_REPLY = 11
export const NXT_SET_ASYNC_CONFIG = 19

/** enum nx_role. */
export const NX_ROLE_OTHER = 0 // Default role, full access.
export const NX_ROLE_MASTER = 1 // Full access, at most one.
export const NX_ROLE_SLAVE = 2 // Read-only access.
export type NxRole = typeof NX_ROLE_OTHER | typeof NX_ROLE_MASTER | typeof NX_ROLE_SLAVE
export const NX_ROLE_NAMES: Readonly<Record<NxRole, 'other' | 'master' | 'slave'>> = { 0: 'other', 1: 'master', 2: 'slave' }

/** OFPT_VENDOR in 1.0, OFPT_EXPERIMENTER (same number, same header) in 1.2/1.3. */
const OFPT_VENDOR = 4
const NX_ROLE_LEN = OFP_HEADER_SIZE + 8 + 4 // sizeof(struct nicira_header) + sizeof(struct nx_role_request)
const NX_ASYNC_LEN = OFP_HEADER_SIZE + 8 + 24

export interface NxRoleMessage {
  subtype: typeof NXT_ROLE_REQUEST | typeof NXT_ROLE_REPLY
  role: NxRole
}

/** packet_in/port_status/flow_removed masks; element 0 for master/other, element 1 for slave. */
export interface NxAsyncConfig {
  packetInMask: readonly [number, number]
  portStatusMask: readonly [number, number]
  flowRemovedMask: readonly [number, number]
}

function nxHeader(w: WireWriter, version: number, xid: number, length: number, subtype: number): WireWriter {
  return w.u8(version).u8(OFPT_VENDOR).u16(length).u32(xid >>> 0).u32(NX_VENDOR_ID).u32(subtype)
}

/** A complete NXT_ROLE_REQUEST (20 bytes). */
export function encodeNxRoleRequest(role: NxRole, xid: number, version: number = OFP_VERSION_1_0): Buffer {
  return nxHeader(new WireWriter(NX_ROLE_LEN), version, xid, NX_ROLE_LEN, NXT_ROLE_REQUEST).u32(role).finish()
}

/** A complete NXT_ROLE_REPLY (20 bytes), as a switch sends it. */
export function encodeNxRoleReply(role: NxRole, xid: number, version: number = OFP_VERSION_1_0): Buffer {
  return nxHeader(new WireWriter(NX_ROLE_LEN), version, xid, NX_ROLE_LEN, NXT_ROLE_REPLY).u32(role).finish()
}

/** A complete NXT_SET_ASYNC_CONFIG (40 bytes). */
export function encodeNxSetAsyncConfig(cfg: NxAsyncConfig, xid: number, version: number = OFP_VERSION_1_0): Buffer {
  const w = nxHeader(new WireWriter(NX_ASYNC_LEN), version, xid, NX_ASYNC_LEN, NXT_SET_ASYNC_CONFIG)
  for (const pair of [cfg.packetInMask, cfg.portStatusMask, cfg.flowRemovedMask]) w.u32(pair[0] >>> 0).u32(pair[1] >>> 0)
  return w.finish()
}

/**
 * Decode the body of a vendor (1.0) or experimenter (1.2/1.3) message as a Nicira role message.
 * `vendor` is the decoded vendor/experimenter id; `body` the bytes after it (for 1.0 that is the
 * Vendor10 `data`, which starts with the subtype; for 1.2/1.3 pass the exp_type as `subtype` and the
 * Experimenter `data` as `body` via decodeNxRoleParts). Returns undefined for any other vendor or
 * subtype; throws MalformedError `NX_BAD_LEN` / `NX_BAD_ROLE` for a role message with a bad body.
 */
export function decodeNxRole(vendor: number, body: Uint8Array): NxRoleMessage | undefined {
  if (vendor !== NX_VENDOR_ID || body.length < 4) return undefined
  const dv = new DataView(body.buffer, body.byteOffset, body.byteLength)
  return decodeNxRoleParts(vendor, dv.getUint32(0), body.subarray(4), OFP_HEADER_SIZE + 8)
}

/** As decodeNxRole, with the subtype already split off (OFPT_EXPERIMENTER's exp_type). */
export function decodeNxRoleParts(vendor: number, subtype: number, role: Uint8Array, bodyOffset = OFP_HEADER_SIZE + 8): NxRoleMessage | undefined {
  if (vendor !== NX_VENDOR_ID || (subtype !== NXT_ROLE_REQUEST && subtype !== NXT_ROLE_REPLY)) return undefined
  if (role.length !== 4) throw new MalformedError('NX_BAD_LEN', `nx_role_request body is ${role.length} bytes, expected 4`, { offset: bodyOffset, field: 'nx_role_request' })
  const value = new DataView(role.buffer, role.byteOffset, 4).getUint32(0)
  if (value > NX_ROLE_SLAVE) throw new MalformedError('NX_BAD_ROLE', `unknown Nicira role ${value} (0 other, 1 master, 2 slave)`, { offset: bodyOffset, field: 'role' })
  return { subtype, role: value as NxRole }
}
