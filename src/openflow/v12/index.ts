// OpenFlow 1.2 (wire version 0x03) message registry: OFPT_* type → codec (types 0–25).
// Every layout that 1.3 kept unchanged reuses the v13 module; PACKET_IN (no cookie) and FEATURES_REPLY
// (with ports) have their own modules here; STATS_REQUEST/REPLY use the multipart codec, whose body
// layouts follow the message version (common13/multipart-bodies.ts).
import type { MessageCodec, VersionRegistry } from '../registry.js'
import * as T from '../common13/constants.js'
import { hello } from '../v13/hello.js'
import { errorMsg } from '../v13/error.js'
import { echoReply, echoRequest } from '../v13/echo.js'
import { experimenter } from '../v13/experimenter.js'
import { barrierReply, barrierRequest, featuresRequest, getConfigRequest } from '../v13/empty.js'
import { getConfigReply, setConfig } from '../v13/switch-config.js'
import { flowRemoved } from '../v13/flow-removed.js'
import { portStatus } from '../v13/port-status.js'
import { packetOut } from '../v13/packet-out.js'
import { flowMod } from '../v13/flow-mod.js'
import { groupMod } from '../v13/group-mod.js'
import { portMod } from '../v13/port-mod.js'
import { tableMod } from '../v13/table-mod.js'
import { statsReply, statsRequest } from '../v13/multipart.js'
import { queueGetConfigReply, queueGetConfigRequest } from '../v13/queue-config.js'
import { roleReply, roleRequest } from '../v13/role.js'
import { packetIn12 } from './packet-in.js'
import { featuresReply12 } from './features-reply.js'

export const registry: VersionRegistry = {
  [T.OFPT_HELLO]: hello,
  [T.OFPT_ERROR]: errorMsg,
  [T.OFPT_ECHO_REQUEST]: echoRequest,
  [T.OFPT_ECHO_REPLY]: echoReply,
  [T.OFPT_EXPERIMENTER]: experimenter,
  [T.OFPT_FEATURES_REQUEST]: featuresRequest,
  [T.OFPT_FEATURES_REPLY]: featuresReply12,
  [T.OFPT_GET_CONFIG_REQUEST]: getConfigRequest,
  [T.OFPT_GET_CONFIG_REPLY]: getConfigReply,
  [T.OFPT_SET_CONFIG]: setConfig,
  [T.OFPT_PACKET_IN]: packetIn12,
  [T.OFPT_FLOW_REMOVED]: flowRemoved,
  [T.OFPT_PORT_STATUS]: portStatus,
  [T.OFPT_PACKET_OUT]: packetOut,
  [T.OFPT_FLOW_MOD]: flowMod,
  [T.OFPT_GROUP_MOD]: groupMod,
  [T.OFPT_PORT_MOD]: portMod,
  [T.OFPT_TABLE_MOD]: tableMod,
  [T.OFPT_STATS_REQUEST]: statsRequest,
  [T.OFPT_STATS_REPLY]: statsReply,
  [T.OFPT_BARRIER_REQUEST]: barrierRequest,
  [T.OFPT_BARRIER_REPLY]: barrierReply,
  [T.OFPT_QUEUE_GET_CONFIG_REQUEST]: queueGetConfigRequest,
  [T.OFPT_QUEUE_GET_CONFIG_REPLY]: queueGetConfigReply,
  [T.OFPT_ROLE_REQUEST]: roleRequest,
  [T.OFPT_ROLE_REPLY]: roleReply,
} satisfies Record<number, MessageCodec>

export type { PacketIn12 } from './packet-in.js'
export type { FeaturesReply12 } from './features-reply.js'
