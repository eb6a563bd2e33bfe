// IEEE 802.1AX-2014 / 802.3 Annex 57A: slow protocols and LACP constants.

/** EtherType of all slow protocols. */
export const ETH_TYPE_SLOW = 0x8809
/** Slow_Protocols_Multicast: the usual destination of LACPDUs and Marker PDUs. */
export const SLOW_PROTOCOLS_MULTICAST = '01:80:c2:00:00:02'
/** 802.1AX-2014 §6.2.11.2 also allows these two group addresses for LACPDUs. */
export const NEAREST_CUSTOMER_BRIDGE = '01:80:c2:00:00:00'
export const NEAREST_NON_TPMR_BRIDGE = '01:80:c2:00:00:03'
export const SLOW_DESTINATIONS: readonly string[] = [SLOW_PROTOCOLS_MULTICAST, NEAREST_CUSTOMER_BRIDGE, NEAREST_NON_TPMR_BRIDGE]

/** Slow-protocol subtypes (802.3 Table 57A-3). 0 and 11–255 are illegal, 4–9 reserved. */
export const SLOW_SUBTYPE_LACP = 1
export const SLOW_SUBTYPE_MARKER = 2
export const SLOW_SUBTYPE_OAM = 3
export const SLOW_SUBTYPE_OSSP = 10

/** Size of a v1 LACPDU or Marker PDU from the subtype byte (frame without FCS: 14 + 110 = 124). */
export const LACPDU_SIZE = 110
export const MARKER_PDU_SIZE = 110
/** Largest slow-protocol frame, FCS included (802.3 57A.2). */
export const SLOW_MAX_FRAME = 128

/** LACP TLV types (v1: 1–3 and 0; v2 adds 4–10). */
export const LACP_TLV_TERMINATOR = 0x00
export const LACP_TLV_ACTOR = 0x01
export const LACP_TLV_PARTNER = 0x02
export const LACP_TLV_COLLECTOR = 0x03
export const LACP_TLV_PORT_ALGORITHM = 0x04
export const LACP_TLV_PORT_CONVERSATION_ID_DIGEST = 0x05
export const LACP_TLV_PORT_CONVERSATION_MASK_1 = 0x06
export const LACP_TLV_PORT_CONVERSATION_MASK_2 = 0x07
export const LACP_TLV_PORT_CONVERSATION_MASK_3 = 0x08
export const LACP_TLV_PORT_CONVERSATION_MASK_4 = 0x09
export const LACP_TLV_PORT_CONVERSATION_SERVICE_MAPPING = 0x0a

/** Marker TLV types. */
export const MARKER_TLV_INFORMATION = 0x01
export const MARKER_TLV_RESPONSE = 0x02

/** Timers (802.1AX §6.4.4), seconds. */
export const FAST_PERIODIC_TIME = 1
export const SLOW_PERIODIC_TIME = 30
export const SHORT_TIMEOUT_TIME = 3
export const LONG_TIMEOUT_TIME = 90
export const AGGREGATE_WAIT_TIME = 2
