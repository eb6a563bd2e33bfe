// OpenFlow 1.3 (wire version 0x04) message registry: OFPT_* type → codec (all 30 types).
// Structures shared with 1.2 live in ../common13/; the message modules live here and v12/ reuses the
// ones whose layout did not change.
import type { MessageCodec, VersionRegistry } from '../registry.js'
import * as T from '../common13/constants.js'
import { hello } from './hello.js'
import { errorMsg } from './error.js'
import { echoReply, echoRequest } from './echo.js'
import { experimenter } from './experimenter.js'
import { barrierReply, barrierRequest, featuresRequest, getAsyncRequest, getConfigRequest } from './empty.js'
import { featuresReply } from './features-reply.js'
import { getConfigReply, setConfig } from './switch-config.js'
import { packetIn } from './packet-in.js'
import { flowRemoved } from './flow-removed.js'
import { portStatus } from './port-status.js'
import { packetOut } from './packet-out.js'
import { flowMod } from './flow-mod.js'
import { groupMod } from './group-mod.js'
import { portMod } from './port-mod.js'
import { tableMod } from './table-mod.js'
import { multipartReply, multipartRequest } from './multipart.js'
import { queueGetConfigReply, queueGetConfigRequest } from './queue-config.js'
import { roleReply, roleRequest } from './role.js'
import { getAsyncReply, setAsync } from './async-config.js'
import { meterMod } from './meter-mod.js'

export const registry: VersionRegistry = {
  [T.OFPT_HELLO]: hello,
  [T.OFPT_ERROR]: errorMsg,
  [T.OFPT_ECHO_REQUEST]: echoRequest,
  [T.OFPT_ECHO_REPLY]: echoReply,
  [T.OFPT_EXPERIMENTER]: experimenter,
  [T.OFPT_FEATURES_REQUEST]: featuresRequest,
  [T.OFPT_FEATURES_REPLY]: featuresReply,
  [T.OFPT_GET_CONFIG_REQUEST]: getConfigRequest,
  [T.OFPT_GET_CONFIG_REPLY]: getConfigReply,
  [T.OFPT_SET_CONFIG]: setConfig,
  [T.OFPT_PACKET_IN]: packetIn,
  [T.OFPT_FLOW_REMOVED]: flowRemoved,
  [T.OFPT_PORT_STATUS]: portStatus,
  [T.OFPT_PACKET_OUT]: packetOut,
  [T.OFPT_FLOW_MOD]: flowMod,
  [T.OFPT_GROUP_MOD]: groupMod,
  [T.OFPT_PORT_MOD]: portMod,
  [T.OFPT_TABLE_MOD]: tableMod,
  [T.OFPT_MULTIPART_REQUEST]: multipartRequest,
  [T.OFPT_MULTIPART_REPLY]: multipartReply,
  [T.OFPT_BARRIER_REQUEST]: barrierRequest,
  [T.OFPT_BARRIER_REPLY]: barrierReply,
  [T.OFPT_QUEUE_GET_CONFIG_REQUEST]: queueGetConfigRequest,
  [T.OFPT_QUEUE_GET_CONFIG_REPLY]: queueGetConfigReply,
  [T.OFPT_ROLE_REQUEST]: roleRequest,
  [T.OFPT_ROLE_REPLY]: roleReply,
  [T.OFPT_GET_ASYNC_REQUEST]: getAsyncRequest,
  [T.OFPT_GET_ASYNC_REPLY]: getAsyncReply,
  [T.OFPT_SET_ASYNC]: setAsync,
  [T.OFPT_METER_MOD]: meterMod,
} satisfies Record<number, MessageCodec>

export * from './messages.js'
