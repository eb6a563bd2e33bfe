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
import { packetIn12, type PacketIn12 } from './packet-in.js'
import { featuresReply12, type FeaturesReply12 } from './features-reply.js'
import type { Hello } from '../v13/hello.js'
import type { ErrorMsg } from '../v13/error.js'
import type { EchoReply, EchoRequest } from '../v13/echo.js'
import type { Experimenter } from '../v13/experimenter.js'
import type { BarrierReply, BarrierRequest, FeaturesRequest, GetConfigRequest } from '../v13/empty.js'
import type { GetConfigReply, SetConfig } from '../v13/switch-config.js'
import type { FlowRemoved } from '../v13/flow-removed.js'
import type { PortStatus } from '../v13/port-status.js'
import type { PacketOut } from '../v13/packet-out.js'
import type { FlowMod } from '../v13/flow-mod.js'
import type { GroupMod } from '../v13/group-mod.js'
import type { PortMod } from '../v13/port-mod.js'
import type { TableMod } from '../v13/table-mod.js'
import type { MultipartReply, MultipartRequest } from '../v13/multipart.js'
import type { QueueGetConfigReply, QueueGetConfigRequest } from '../v13/queue-config.js'
import type { RoleReply, RoleRequest } from '../v13/role.js'

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

// The 1.2 names of the message modules shared with 1.3 (the layout is 1.3's, the version literal 0x03).
export type Hello12 = Hello<3>
export type Error12 = ErrorMsg<3>
export type EchoRequest12 = EchoRequest<3>
export type EchoReply12 = EchoReply<3>
export type Experimenter12 = Experimenter<3>
export type FeaturesRequest12 = FeaturesRequest<3>
export type GetConfigRequest12 = GetConfigRequest<3>
export type GetConfigReply12 = GetConfigReply<3>
export type SetConfig12 = SetConfig<3>
export type FlowRemoved12 = FlowRemoved<3>
export type PortStatus12 = PortStatus<3>
export type PacketOut12 = PacketOut<3>
export type FlowMod12 = FlowMod<3>
export type GroupMod12 = GroupMod<3>
export type PortMod12 = PortMod<3>
export type TableMod12 = TableMod<3>
/** OFPT_STATS_REQUEST (1.2's name for the multipart request; same codec and body layouts). */
export type StatsRequest12 = MultipartRequest<3>
export type StatsReply12 = MultipartReply<3>
export type BarrierRequest12 = BarrierRequest<3>
export type BarrierReply12 = BarrierReply<3>
export type QueueGetConfigRequest12 = QueueGetConfigRequest<3>
export type QueueGetConfigReply12 = QueueGetConfigReply<3>
export type RoleRequest12 = RoleRequest<3>
export type RoleReply12 = RoleReply<3>

/** Every decoded OpenFlow 1.2 message (wire version 0x03): narrow on `type`. */
export type Message12 =
  | Hello12 | Error12 | EchoRequest12 | EchoReply12 | Experimenter12 | FeaturesRequest12 | FeaturesReply12
  | GetConfigRequest12 | GetConfigReply12 | SetConfig12 | PacketIn12 | FlowRemoved12 | PortStatus12 | PacketOut12
  | FlowMod12 | GroupMod12 | PortMod12 | TableMod12 | StatsRequest12 | StatsReply12 | BarrierRequest12 | BarrierReply12
  | QueueGetConfigRequest12 | QueueGetConfigReply12 | RoleRequest12 | RoleReply12
