// The hot path of a controller, version-independent: what `ofl controller` writes per message, into
// one reused OutBatch (./batch.ts), dispatching on the negotiated version to the per-version hot
// encoders (v10/hot.ts, v13/hot.ts — beside the general codecs they are tested against), plus the
// few header and body reads a session makes in place. The packet-in peek is ./peek.ts; everything
// that is not per packet (features, port status, port description, flow removed, errors) goes
// through the general codec and the model (decodeMessage → toModel).
// OpenFlow Switch Specification 1.0.0 §5.1 and 1.3.5 §7.1 (ofp_header), §7.3.2 (ofp_switch_config),
// §7.5.4 (echo).
import { OutBatch, type HotAction, type HotFlowMod } from './batch.js'
import { OFP_VERSION_1_0 } from './header.js'
import { OFPT_ECHO_REPLY, OFPT_SET_CONFIG } from './common13/constants.js'
import { beginHotPacketOut10, writeHotFlowMod10 } from './v10/hot.js'
import { beginHotPacketOut13, writeHotFlowMod13, writeHotGroupMod13, writeHotHello, writeHotPortDescRequest, helloBitmapVersion } from './v13/hot.js'

export { OutBatch, writeHotHello, writeHotGroupMod13 as writeHotGroupMod, writeHotPortDescRequest, helloBitmapVersion, type HotAction, type HotFlowMod }
export type { HotMatch } from './batch.js'

/** Reserved port numbers of a version family (1.0: 16 bits; 1.2/1.3: 32 bits). */
export interface PortNumbers {
  IN_PORT: number
  FLOOD: number
  ALL: number
  CONTROLLER: number
  LOCAL: number
  ANY: number
  MAX: number
}
export const PORTS_10: PortNumbers = { IN_PORT: 0xfff8, FLOOD: 0xfffb, ALL: 0xfffc, CONTROLLER: 0xfffd, LOCAL: 0xfffe, ANY: 0xffff, MAX: 0xff00 }
export const PORTS_13: PortNumbers = { IN_PORT: 0xfffffff8, FLOOD: 0xfffffffb, ALL: 0xfffffffc, CONTROLLER: 0xfffffffd, LOCAL: 0xfffffffe, ANY: 0xffffffff, MAX: 0xffffff00 }
export const portNumbers = (version: number): PortNumbers => (version === OFP_VERSION_1_0 ? PORTS_10 : PORTS_13)

/** OFPCML_MAX (1.2+): the largest max_len that still asks for the packet (Ryu's LACP flow). */
export const OFPCML_MAX = 0xffe5

/** ofp_header fields of the message at `off`, read in place. */
export const msgVersion = (buf: Uint8Array, off: number): number => buf[off]!
export const msgType = (buf: Uint8Array, off: number): number => buf[off + 1]!
export const msgXid = (dv: DataView, off: number): number => dv.getUint32(off + 4)

/** OFPT_FLOW_MOD in `version` (1.0 §5.3.3; 1.2/1.3 §7.3.4.1). */
export function writeHotFlowMod(o: OutBatch, version: number, xid: number, f: HotFlowMod): void {
  if (version === OFP_VERSION_1_0) writeHotFlowMod10(o, xid, f)
  else writeHotFlowMod13(o, version, xid, f)
}

/**
 * OFPT_PACKET_OUT in `version`: `actions` applied to the switch's buffer `bufferId`, or — when
 * `bufferId` is OFP_NO_BUFFER — to the frame `data[off, off+len)`, which is then carried.
 */
export function writeHotPacketOut(o: OutBatch, version: number, xid: number, bufferId: number, inPort: number, actions: readonly HotAction[], data?: Uint8Array, off = 0, len = 0): void {
  const n = data === undefined || bufferId !== 0xffffffff ? 0 : len
  const at = version === OFP_VERSION_1_0
    ? beginHotPacketOut10(o, xid, bufferId, inPort, actions, n)
    : beginHotPacketOut13(o, version, xid, bufferId, inPort, actions, n)
  if (n) o.bytes(data!, off, n) // uint8_t data[0];
  o.end(at)
}

/**
 * An unbuffered OFPT_PACKET_OUT whose `dataLen` bytes of frame the caller writes at the returned
 * offset in `o.buf` (a LACPDU or Marker Response built in place).
 */
export function reserveHotPacketOut(o: OutBatch, version: number, xid: number, inPort: number, actions: readonly HotAction[], dataLen: number): number {
  const at = version === OFP_VERSION_1_0
    ? beginHotPacketOut10(o, xid, 0xffffffff, inPort, actions, dataLen)
    : beginHotPacketOut13(o, version, xid, 0xffffffff, inPort, actions, dataLen)
  const dataOff = o.pos
  o.pos += dataLen
  o.end(at)
  return dataOff
}

/** A header-only message (FEATURES_REQUEST, BARRIER_REQUEST, ECHO_REQUEST without data). */
export function writeHotHeaderOnly(o: OutBatch, version: number, type: number, xid: number): void {
  o.ensure(8)
  o.end(o.header(version, type, xid))
}

/** OFPT_ECHO_REPLY to the ECHO_REQUEST at `buf[off, off+len)`: same version, xid and data. */
export function writeHotEchoReply(o: OutBatch, buf: Uint8Array, dv: DataView, off: number, len: number): void {
  o.ensure(len)
  const at = o.header(buf[off]!, OFPT_ECHO_REPLY, msgXid(dv, off))
  o.bytes(buf, off + 8, len - 8) // uint8_t data[0];
  o.end(at)
}

/** OFPT_SET_CONFIG: flags 0 (OFPC_FRAG_NORMAL), miss_send_len (same layout in 1.0/1.2/1.3). */
export function writeHotSetConfig(o: OutBatch, version: number, xid: number, missSendLen: number): void {
  o.ensure(12)
  const at = o.header(version, OFPT_SET_CONFIG, xid)
  o.u16(0) // uint16_t flags;
  o.u16(missSendLen) // uint16_t miss_send_len;
  o.end(at)
}
