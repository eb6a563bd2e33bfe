// OpenFlow 1.0 constants (OpenFlow Switch Specification 1.0.0, openflow.h of the reference switch).
// Spec names kept so they can be grepped in the PDF, Wireshark and OVS.
import { nameTable } from '../constants.js'

export { OFPT10 } from '../constants.js'
export const OFP_VERSION = 0x01

/** enum ofp_port: reserved port numbers (§5.2.1). */
export const OFPP10 = {
  OFPP_MAX: 0xff00,
  OFPP_IN_PORT: 0xfff8,
  OFPP_TABLE: 0xfff9,
  OFPP_NORMAL: 0xfffa,
  OFPP_FLOOD: 0xfffb,
  OFPP_ALL: 0xfffc,
  OFPP_CONTROLLER: 0xfffd,
  OFPP_LOCAL: 0xfffe,
  OFPP_NONE: 0xffff,
} as const
export const OFPP10_NAMES = nameTable(OFPP10)

/** enum ofp_action_type (§5.2.4). */
export const OFPAT10 = {
  OFPAT_OUTPUT: 0,
  OFPAT_SET_VLAN_VID: 1,
  OFPAT_SET_VLAN_PCP: 2,
  OFPAT_STRIP_VLAN: 3,
  OFPAT_SET_DL_SRC: 4,
  OFPAT_SET_DL_DST: 5,
  OFPAT_SET_NW_SRC: 6,
  OFPAT_SET_NW_DST: 7,
  OFPAT_SET_NW_TOS: 8,
  OFPAT_SET_TP_SRC: 9,
  OFPAT_SET_TP_DST: 10,
  OFPAT_ENQUEUE: 11,
  OFPAT_VENDOR: 0xffff,
} as const
export const OFPAT10_NAMES = nameTable(OFPAT10)

/** enum ofp_stats_types (§5.3.5). */
export const OFPST10 = {
  OFPST_DESC: 0,
  OFPST_FLOW: 1,
  OFPST_AGGREGATE: 2,
  OFPST_TABLE: 3,
  OFPST_PORT: 4,
  OFPST_QUEUE: 5,
  OFPST_VENDOR: 0xffff,
} as const
export const OFPST10_NAMES = nameTable(OFPST10)

/** enum ofp_flow_wildcards (§5.2.3). */
export const OFPFW10 = {
  OFPFW_IN_PORT: 1 << 0,
  OFPFW_DL_VLAN: 1 << 1,
  OFPFW_DL_SRC: 1 << 2,
  OFPFW_DL_DST: 1 << 3,
  OFPFW_DL_TYPE: 1 << 4,
  OFPFW_NW_PROTO: 1 << 5,
  OFPFW_TP_SRC: 1 << 6,
  OFPFW_TP_DST: 1 << 7,
  OFPFW_NW_SRC_SHIFT: 8,
  OFPFW_NW_SRC_MASK: 0x3f << 8,
  OFPFW_NW_DST_SHIFT: 14,
  OFPFW_NW_DST_MASK: 0x3f << 14,
  OFPFW_DL_VLAN_PCP: 1 << 20,
  OFPFW_NW_TOS: 1 << 21,
  OFPFW_ALL: (1 << 22) - 1,
} as const

/** enum ofp_flow_mod_command. */
export const OFPFC10 = { OFPFC_ADD: 0, OFPFC_MODIFY: 1, OFPFC_MODIFY_STRICT: 2, OFPFC_DELETE: 3, OFPFC_DELETE_STRICT: 4 } as const
/** enum ofp_flow_mod_flags. */
export const OFPFF10 = { OFPFF_SEND_FLOW_REM: 1, OFPFF_CHECK_OVERLAP: 2, OFPFF_EMERG: 4 } as const
/** enum ofp_packet_in_reason. */
export const OFPR10 = { OFPR_NO_MATCH: 0, OFPR_ACTION: 1 } as const
/** enum ofp_flow_removed_reason. */
export const OFPRR10 = { OFPRR_IDLE_TIMEOUT: 0, OFPRR_HARD_TIMEOUT: 1, OFPRR_DELETE: 2 } as const
/** enum ofp_port_reason. */
export const OFPPR10 = { OFPPR_ADD: 0, OFPPR_DELETE: 1, OFPPR_MODIFY: 2 } as const
/** enum ofp_queue_properties. */
export const OFPQT10 = { OFPQT_NONE: 0, OFPQT_MIN_RATE: 1 } as const
/** ofp_stats_reply flags. */
export const OFPSF_REPLY_MORE = 1
/** Length of ofp_phy_port.name and ofp_table_stats.name. */
export const OFP_MAX_PORT_NAME_LEN = 16
export const OFP_MAX_TABLE_NAME_LEN = 32
export const DESC_STR_LEN = 256
export const SERIAL_NUM_LEN = 32
