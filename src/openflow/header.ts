// ofp_header — common to every OpenFlow version (OpenFlow Switch Specification 1.0 §5.1, 1.3 §A.1).
import { MalformedError, TruncatedError } from '../wire/errors.js'

export const OFP_HEADER_SIZE = 8
/** Messages are capped by the 16-bit length field. */
export const OFP_MAX_MESSAGE = 0xffff

export const OFP_VERSION_1_0 = 0x01
export const OFP_VERSION_1_2 = 0x03
export const OFP_VERSION_1_3 = 0x04
export const SUPPORTED_VERSIONS = [OFP_VERSION_1_0, OFP_VERSION_1_2, OFP_VERSION_1_3] as const
export type OfVersion = (typeof SUPPORTED_VERSIONS)[number]

export const VERSION_NAMES: Record<number, string> = { 1: '1.0', 2: '1.1', 3: '1.2', 4: '1.3', 5: '1.4', 6: '1.5' }

export interface OfHeader {
  version: number // uint8_t version;
  type: number // uint8_t type;
  length: number // uint16_t length;
  xid: number // uint32_t xid;
}

/** Every decoded message carries its header fields (length is implied by the encoding). */
export interface OfMessageBase {
  version: number
  type: number
  xid: number
}

/**
 * Read the 8-byte header at `off` without copying. Throws TruncatedError if fewer than 8 bytes are
 * present and MalformedError `OFPBRC_BAD_LEN` if the length field is below 8.
 */
export function peekHeader(buf: Uint8Array, off = 0): OfHeader {
  if (buf.length - off < OFP_HEADER_SIZE) {
    throw new TruncatedError(OFP_HEADER_SIZE, Math.max(0, buf.length - off), { offset: off, field: 'ofp_header' })
  }
  const length = (buf[off + 2]! << 8) | buf[off + 3]!
  if (length < OFP_HEADER_SIZE) {
    throw new MalformedError('OFPBRC_BAD_LEN', `ofp_header length ${length} is below 8`, { offset: off + 2, field: 'ofp_header.length' })
  }
  return {
    version: buf[off]!,
    type: buf[off + 1]!,
    length,
    xid: ((buf[off + 4]! << 24) | (buf[off + 5]! << 16) | (buf[off + 6]! << 8) | buf[off + 7]!) >>> 0,
  }
}
