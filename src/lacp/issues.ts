// Problems found while decoding a slow-protocol frame that still leave it readable.
//
// Open vSwitch and Wireshark decode LACPDUs leniently (Wireshark flags `lacp.wrong_tlv_type`,
// `lacp.wrong_tlv_length` as expert info and carries on); Ryu asserts and drops the PDU. ofl follows the
// lenient peers: every such problem becomes an issue with a stable code and the absolute byte offset,
// and only input that cannot be read (truncated, a TLV running past the end) throws an OflError.

export interface DecodeIssue {
  /** Stable code, e.g. `LACP_BAD_TLV_LENGTH`. */
  code: string
  message: string
  /** Absolute offset in the decoded buffer (the frame, when decoding a frame). */
  offset: number
}

/** The issue codes the slow-protocol decoders emit (documented in one place). */
export const SlowIssueCode = {
  /** A TLV at a fixed position has the wrong type (actor 1, partner 2, collector 3, terminator 0). */
  LACP_BAD_TLV_TYPE: 'LACP_BAD_TLV_TYPE',
  /** A TLV has the wrong length (actor/partner 20, collector 16, v2 TLVs per 802.1AX-2014 §6.4.2.4). */
  LACP_BAD_TLV_LENGTH: 'LACP_BAD_TLV_LENGTH',
  /** A TLV type ofl does not know (kept as a raw view; 802.1AX-2020 §6.4.3 says not to reject it). */
  LACP_UNKNOWN_TLV: 'LACP_UNKNOWN_TLV',
  /** Reserved bytes (TLV tails, the pad after the terminator) are not zero. */
  LACP_RESERVED_NONZERO: 'LACP_RESERVED_NONZERO',
  /** Terminator TLV with a length other than 0. */
  LACP_TERMINATOR_LENGTH: 'LACP_TERMINATOR_LENGTH',
  /** No terminator TLV before the end of the input. */
  LACP_NO_TERMINATOR: 'LACP_NO_TERMINATOR',
  /** Version_Number other than 1 or 2. */
  LACP_UNKNOWN_VERSION: 'LACP_UNKNOWN_VERSION',
  MARKER_BAD_TLV_TYPE: 'MARKER_BAD_TLV_TYPE',
  MARKER_BAD_TLV_LENGTH: 'MARKER_BAD_TLV_LENGTH',
  /** Wireshark `marker.wrong_pad_value`. */
  MARKER_PAD_NONZERO: 'MARKER_PAD_NONZERO',
  MARKER_TERMINATOR_LENGTH: 'MARKER_TERMINATOR_LENGTH',
  MARKER_RESERVED_NONZERO: 'MARKER_RESERVED_NONZERO',
  MARKER_UNKNOWN_VERSION: 'MARKER_UNKNOWN_VERSION',
  /** Destination MAC is none of the three addresses 802.1AX-2014 §6.2.11.2 allows. */
  SLOW_BAD_DST_MAC: 'SLOW_BAD_DST_MAC',
  /** Frame longer than 128 octets (802.3 Annex 57A.2). */
  SLOW_FRAME_TOO_LONG: 'SLOW_FRAME_TOO_LONG',
  /** Subtype 0 or 11–255 (802.3 Table 57A-3). */
  SLOW_ILLEGAL_SUBTYPE: 'SLOW_ILLEGAL_SUBTYPE',
  /** Subtype 4–9 (reserved for future slow protocols). */
  SLOW_RESERVED_SUBTYPE: 'SLOW_RESERVED_SUBTYPE',
  /** Slow protocols are untagged by definition (57A.2); a tagged one was seen. */
  SLOW_VLAN_TAGGED: 'SLOW_VLAN_TAGGED',
} as const

/** Offset of the first non-zero byte in buf[start, end), or -1. */
export function firstNonZero(buf: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end; i++) if (buf[i] !== 0) return i
  return -1
}
