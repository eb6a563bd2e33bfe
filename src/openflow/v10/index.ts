// OpenFlow 1.0 message registry (type → codec): all 22 message types of OpenFlow Switch
// Specification 1.0.0 §5. An explicit table (greppable, tree-shakable), the TS analogue of Ryu's
// _MSG_PARSERS; codec.ts dispatches here on the version byte.
import type { VersionRegistry } from '../registry.js'
import { OFPT10 } from './constants.js'
import { hello10Codec, type Hello10 } from './hello.js'
import { error10Codec, type Error10 } from './error.js'
import { echoReply10Codec, echoRequest10Codec, type EchoReply10, type EchoRequest10 } from './echo.js'
import { vendor10Codec, type Vendor10 } from './vendor.js'
import { featuresReply10Codec, featuresRequest10Codec, type FeaturesReply10, type FeaturesRequest10 } from './features.js'
import {
  getConfigReply10Codec, getConfigRequest10Codec, setConfig10Codec, type GetConfigReply10, type GetConfigRequest10, type SetConfig10,
} from './switch-config.js'
import { packetIn10Codec, type PacketIn10 } from './packet-in.js'
import { flowRemoved10Codec, type FlowRemoved10 } from './flow-removed.js'
import { portStatus10Codec, type PortStatus10 } from './port-status.js'
import { packetOut10Codec, type PacketOut10 } from './packet-out.js'
import { flowMod10Codec, type FlowMod10 } from './flow-mod.js'
import { portMod10Codec, type PortMod10 } from './port-mod.js'
import { statsReply10Codec, statsRequest10Codec, type StatsReply10, type StatsRequest10 } from './stats.js'
import { barrierReply10Codec, barrierRequest10Codec, type BarrierReply10, type BarrierRequest10 } from './barrier.js'
import {
  queueGetConfigReply10Codec, queueGetConfigRequest10Codec, type QueueGetConfigReply10, type QueueGetConfigRequest10,
} from './queue-config.js'

export const registry: VersionRegistry = {
  [OFPT10.OFPT_HELLO]: hello10Codec,
  [OFPT10.OFPT_ERROR]: error10Codec,
  [OFPT10.OFPT_ECHO_REQUEST]: echoRequest10Codec,
  [OFPT10.OFPT_ECHO_REPLY]: echoReply10Codec,
  [OFPT10.OFPT_VENDOR]: vendor10Codec,
  [OFPT10.OFPT_FEATURES_REQUEST]: featuresRequest10Codec,
  [OFPT10.OFPT_FEATURES_REPLY]: featuresReply10Codec,
  [OFPT10.OFPT_GET_CONFIG_REQUEST]: getConfigRequest10Codec,
  [OFPT10.OFPT_GET_CONFIG_REPLY]: getConfigReply10Codec,
  [OFPT10.OFPT_SET_CONFIG]: setConfig10Codec,
  [OFPT10.OFPT_PACKET_IN]: packetIn10Codec,
  [OFPT10.OFPT_FLOW_REMOVED]: flowRemoved10Codec,
  [OFPT10.OFPT_PORT_STATUS]: portStatus10Codec,
  [OFPT10.OFPT_PACKET_OUT]: packetOut10Codec,
  [OFPT10.OFPT_FLOW_MOD]: flowMod10Codec,
  [OFPT10.OFPT_PORT_MOD]: portMod10Codec,
  [OFPT10.OFPT_STATS_REQUEST]: statsRequest10Codec,
  [OFPT10.OFPT_STATS_REPLY]: statsReply10Codec,
  [OFPT10.OFPT_BARRIER_REQUEST]: barrierRequest10Codec,
  [OFPT10.OFPT_BARRIER_REPLY]: barrierReply10Codec,
  [OFPT10.OFPT_QUEUE_GET_CONFIG_REQUEST]: queueGetConfigRequest10Codec,
  [OFPT10.OFPT_QUEUE_GET_CONFIG_REPLY]: queueGetConfigReply10Codec,
}

/** Every decoded OpenFlow 1.0 message (discriminate on `type`). */
export type Message10 =
  | Hello10 | Error10 | EchoRequest10 | EchoReply10 | Vendor10 | FeaturesRequest10 | FeaturesReply10 | GetConfigRequest10
  | GetConfigReply10 | SetConfig10 | PacketIn10 | FlowRemoved10 | PortStatus10 | PacketOut10 | FlowMod10 | PortMod10
  | StatsRequest10 | StatsReply10 | BarrierRequest10 | BarrierReply10 | QueueGetConfigRequest10 | QueueGetConfigReply10

export * from './constants.js'
export * from './match.js'
export * from './actions.js'
export * from './phy-port.js'
export type * from './hello.js'
export type * from './echo.js'
export * from './error.js'
export * from './vendor.js'
export * from './nx-role.js'
export * from './features.js'
export * from './switch-config.js'
export * from './packet-in.js'
export * from './flow-removed.js'
export * from './port-status.js'
export * from './packet-out.js'
export * from './flow-mod.js'
export * from './port-mod.js'
export * from './stats.js'
export * from './barrier.js'
export * from './queue-config.js'
