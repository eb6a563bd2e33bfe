// Constants shared by OpenFlow 1.2 (wire version 0x03) and 1.3 (0x04).
// OpenFlow Switch Specification 1.3.5 §A (openflow.h), 1.2 §A. Spec names are kept so readers can grep
// the PDF, Wireshark (packet-openflow_v4.c) and Open vSwitch.
//
// Folder note: `src/openflow/common13/` holds every structure 1.2 and 1.3 share (OXM match, actions,
// instructions, ports, buckets, queue properties, meter bands, table-features properties). The
// per-version folders `v12/` and `v13/` hold the message modules and the registries.

/** ofp_type (1.3). 1.2 uses the same numbers up to 25, with 18/19 named STATS_REQUEST/REPLY. */
export const OFPT_HELLO = 0
export const OFPT_ERROR = 1
export const OFPT_ECHO_REQUEST = 2
export const OFPT_ECHO_REPLY = 3
export const OFPT_EXPERIMENTER = 4
export const OFPT_FEATURES_REQUEST = 5
export const OFPT_FEATURES_REPLY = 6
export const OFPT_GET_CONFIG_REQUEST = 7
export const OFPT_GET_CONFIG_REPLY = 8
export const OFPT_SET_CONFIG = 9
export const OFPT_PACKET_IN = 10
export const OFPT_FLOW_REMOVED = 11
export const OFPT_PORT_STATUS = 12
export const OFPT_PACKET_OUT = 13
export const OFPT_FLOW_MOD = 14
export const OFPT_GROUP_MOD = 15
export const OFPT_PORT_MOD = 16
export const OFPT_TABLE_MOD = 17
export const OFPT_MULTIPART_REQUEST = 18
export const OFPT_MULTIPART_REPLY = 19
/** OpenFlow 1.2 name of type 18. */
export const OFPT_STATS_REQUEST = 18
/** OpenFlow 1.2 name of type 19. */
export const OFPT_STATS_REPLY = 19
export const OFPT_BARRIER_REQUEST = 20
export const OFPT_BARRIER_REPLY = 21
export const OFPT_QUEUE_GET_CONFIG_REQUEST = 22
export const OFPT_QUEUE_GET_CONFIG_REPLY = 23
export const OFPT_ROLE_REQUEST = 24
export const OFPT_ROLE_REPLY = 25
export const OFPT_GET_ASYNC_REQUEST = 26
export const OFPT_GET_ASYNC_REPLY = 27
export const OFPT_SET_ASYNC = 28
export const OFPT_METER_MOD = 29

/** ofp_multipart_type (1.3) / ofp_stats_types (1.2: 0–8 and 0xffff). */
export const OFPMP_DESC = 0
export const OFPMP_FLOW = 1
export const OFPMP_AGGREGATE = 2
export const OFPMP_TABLE = 3
export const OFPMP_PORT_STATS = 4
export const OFPMP_QUEUE = 5
export const OFPMP_GROUP = 6
export const OFPMP_GROUP_DESC = 7
export const OFPMP_GROUP_FEATURES = 8
export const OFPMP_METER = 9
export const OFPMP_METER_CONFIG = 10
export const OFPMP_METER_FEATURES = 11
export const OFPMP_TABLE_FEATURES = 12
export const OFPMP_PORT_DESC = 13
export const OFPMP_EXPERIMENTER = 0xffff

export const OFPMP_NAMES: Record<number, string> = {
  0: 'OFPMP_DESC', 1: 'OFPMP_FLOW', 2: 'OFPMP_AGGREGATE', 3: 'OFPMP_TABLE', 4: 'OFPMP_PORT_STATS',
  5: 'OFPMP_QUEUE', 6: 'OFPMP_GROUP', 7: 'OFPMP_GROUP_DESC', 8: 'OFPMP_GROUP_FEATURES', 9: 'OFPMP_METER',
  10: 'OFPMP_METER_CONFIG', 11: 'OFPMP_METER_FEATURES', 12: 'OFPMP_TABLE_FEATURES', 13: 'OFPMP_PORT_DESC',
  0xffff: 'OFPMP_EXPERIMENTER',
}

/** ofp_multipart_request_flags / reply flags */
export const OFPMPF_REQ_MORE = 1
export const OFPMPF_REPLY_MORE = 1

/** ofp_action_type */
export const OFPAT_OUTPUT = 0
export const OFPAT_COPY_TTL_OUT = 11
export const OFPAT_COPY_TTL_IN = 12
export const OFPAT_SET_MPLS_TTL = 15
export const OFPAT_DEC_MPLS_TTL = 16
export const OFPAT_PUSH_VLAN = 17
export const OFPAT_POP_VLAN = 18
export const OFPAT_PUSH_MPLS = 19
export const OFPAT_POP_MPLS = 20
export const OFPAT_SET_QUEUE = 21
export const OFPAT_GROUP = 22
export const OFPAT_SET_NW_TTL = 23
export const OFPAT_DEC_NW_TTL = 24
export const OFPAT_SET_FIELD = 25
export const OFPAT_PUSH_PBB = 26
export const OFPAT_POP_PBB = 27
export const OFPAT_EXPERIMENTER = 0xffff

/** ofp_instruction_type */
export const OFPIT_GOTO_TABLE = 1
export const OFPIT_WRITE_METADATA = 2
export const OFPIT_WRITE_ACTIONS = 3
export const OFPIT_APPLY_ACTIONS = 4
export const OFPIT_CLEAR_ACTIONS = 5
export const OFPIT_METER = 6
export const OFPIT_EXPERIMENTER = 0xffff

/** ofp_match_type */
export const OFPMT_STANDARD = 0
export const OFPMT_OXM = 1

/** ofp_oxm_class */
export const OFPXMC_NXM_0 = 0x0000
export const OFPXMC_NXM_1 = 0x0001
export const OFPXMC_OPENFLOW_BASIC = 0x8000
export const OFPXMC_EXPERIMENTER = 0xffff

/** ofp_port_no */
export const OFPP_MAX = 0xffffff00
export const OFPP_IN_PORT = 0xfffffff8
export const OFPP_TABLE = 0xfffffff9
export const OFPP_NORMAL = 0xfffffffa
export const OFPP_FLOOD = 0xfffffffb
export const OFPP_ALL = 0xfffffffc
export const OFPP_CONTROLLER = 0xfffffffd
export const OFPP_LOCAL = 0xfffffffe
export const OFPP_ANY = 0xffffffff

export const OFPG_ANY = 0xffffffff
export const OFPG_ALL = 0xfffffffc
export const OFPTT_ALL = 0xff
export const OFP_NO_BUFFER = 0xffffffff
export const OFPCML_NO_BUFFER = 0xffff
export const OFPVID_PRESENT = 0x1000
export const OFPVID_NONE = 0x0000

/** ofp_flow_mod_command */
export const OFPFC_ADD = 0
export const OFPFC_MODIFY = 1
export const OFPFC_MODIFY_STRICT = 2
export const OFPFC_DELETE = 3
export const OFPFC_DELETE_STRICT = 4

/** ofp_flow_mod_flags */
export const OFPFF_SEND_FLOW_REM = 1 << 0
export const OFPFF_CHECK_OVERLAP = 1 << 1
export const OFPFF_RESET_COUNTS = 1 << 2
export const OFPFF_NO_PKT_COUNTS = 1 << 3
export const OFPFF_NO_BYT_COUNTS = 1 << 4

/** ofp_packet_in_reason */
export const OFPR_NO_MATCH = 0
export const OFPR_ACTION = 1
export const OFPR_INVALID_TTL = 2

/** ofp_flow_removed_reason */
export const OFPRR_IDLE_TIMEOUT = 0
export const OFPRR_HARD_TIMEOUT = 1
export const OFPRR_DELETE = 2
export const OFPRR_GROUP_DELETE = 3

/** ofp_port_reason */
export const OFPPR_ADD = 0
export const OFPPR_DELETE = 1
export const OFPPR_MODIFY = 2

/** ofp_group_mod_command, ofp_group_type */
export const OFPGC_ADD = 0
export const OFPGC_MODIFY = 1
export const OFPGC_DELETE = 2
export const OFPGT_ALL = 0
export const OFPGT_SELECT = 1
export const OFPGT_INDIRECT = 2
export const OFPGT_FF = 3

/** ofp_meter_mod_command, ofp_meter_band_type */
export const OFPMC_ADD = 0
export const OFPMC_MODIFY = 1
export const OFPMC_DELETE = 2
export const OFPMBT_DROP = 1
export const OFPMBT_DSCP_REMARK = 2
export const OFPMBT_EXPERIMENTER = 0xffff

/** ofp_queue_properties */
export const OFPQT_MIN_RATE = 1
export const OFPQT_MAX_RATE = 2
export const OFPQT_EXPERIMENTER = 0xffff

/** ofp_controller_role */
export const OFPCR_ROLE_NOCHANGE = 0
export const OFPCR_ROLE_EQUAL = 1
export const OFPCR_ROLE_MASTER = 2
export const OFPCR_ROLE_SLAVE = 3

/** ofp_hello_elem_type */
export const OFPHET_VERSIONBITMAP = 1

/** ofp_error_type (1.3; 1.2 lacks 12–13) */
export const OFPET_HELLO_FAILED = 0
export const OFPET_BAD_REQUEST = 1
export const OFPET_BAD_ACTION = 2
export const OFPET_BAD_INSTRUCTION = 3
export const OFPET_BAD_MATCH = 4
export const OFPET_FLOW_MOD_FAILED = 5
export const OFPET_GROUP_MOD_FAILED = 6
export const OFPET_PORT_MOD_FAILED = 7
export const OFPET_TABLE_MOD_FAILED = 8
export const OFPET_QUEUE_OP_FAILED = 9
export const OFPET_SWITCH_CONFIG_FAILED = 10
export const OFPET_ROLE_REQUEST_FAILED = 11
export const OFPET_METER_MOD_FAILED = 12
export const OFPET_TABLE_FEATURES_FAILED = 13
export const OFPET_EXPERIMENTER = 0xffff

/** ofp_table_feature_prop_type */
export const OFPTFPT_INSTRUCTIONS = 0
export const OFPTFPT_INSTRUCTIONS_MISS = 1
export const OFPTFPT_NEXT_TABLES = 2
export const OFPTFPT_NEXT_TABLES_MISS = 3
export const OFPTFPT_WRITE_ACTIONS = 4
export const OFPTFPT_WRITE_ACTIONS_MISS = 5
export const OFPTFPT_APPLY_ACTIONS = 6
export const OFPTFPT_APPLY_ACTIONS_MISS = 7
export const OFPTFPT_MATCH = 8
export const OFPTFPT_WILDCARDS = 10
export const OFPTFPT_WRITE_SETFIELD = 12
export const OFPTFPT_WRITE_SETFIELD_MISS = 13
export const OFPTFPT_APPLY_SETFIELD = 14
export const OFPTFPT_APPLY_SETFIELD_MISS = 15
export const OFPTFPT_EXPERIMENTER = 0xfffe
export const OFPTFPT_EXPERIMENTER_MISS = 0xffff

/** Names for printing (spec spelling). */
export const OFPT_NAMES_13: Record<number, string> = {
  0: 'OFPT_HELLO', 1: 'OFPT_ERROR', 2: 'OFPT_ECHO_REQUEST', 3: 'OFPT_ECHO_REPLY', 4: 'OFPT_EXPERIMENTER',
  5: 'OFPT_FEATURES_REQUEST', 6: 'OFPT_FEATURES_REPLY', 7: 'OFPT_GET_CONFIG_REQUEST', 8: 'OFPT_GET_CONFIG_REPLY',
  9: 'OFPT_SET_CONFIG', 10: 'OFPT_PACKET_IN', 11: 'OFPT_FLOW_REMOVED', 12: 'OFPT_PORT_STATUS', 13: 'OFPT_PACKET_OUT',
  14: 'OFPT_FLOW_MOD', 15: 'OFPT_GROUP_MOD', 16: 'OFPT_PORT_MOD', 17: 'OFPT_TABLE_MOD', 18: 'OFPT_MULTIPART_REQUEST',
  19: 'OFPT_MULTIPART_REPLY', 20: 'OFPT_BARRIER_REQUEST', 21: 'OFPT_BARRIER_REPLY', 22: 'OFPT_QUEUE_GET_CONFIG_REQUEST',
  23: 'OFPT_QUEUE_GET_CONFIG_REPLY', 24: 'OFPT_ROLE_REQUEST', 25: 'OFPT_ROLE_REPLY', 26: 'OFPT_GET_ASYNC_REQUEST',
  27: 'OFPT_GET_ASYNC_REPLY', 28: 'OFPT_SET_ASYNC', 29: 'OFPT_METER_MOD',
}
export const OFPT_NAMES_12: Record<number, string> = {
  ...Object.fromEntries(Object.entries(OFPT_NAMES_13).filter(([k]) => Number(k) <= 25)),
  18: 'OFPT_STATS_REQUEST', 19: 'OFPT_STATS_REPLY',
}
