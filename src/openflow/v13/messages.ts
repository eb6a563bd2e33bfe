// The OpenFlow 1.3 message union (discriminated on `version` and `type`), the per-version names of the
// message modules shared with 1.2 (`FlowMod13` = `FlowMod<4>`; v12/index.ts names the `…12` ones) and
// re-exports of every message module.
import type { Hello } from './hello.js'
import type { ErrorMsg } from './error.js'
import type { EchoReply, EchoRequest } from './echo.js'
import type { Experimenter } from './experimenter.js'
import type { BarrierReply, BarrierRequest, FeaturesRequest, GetAsyncRequest13, GetConfigRequest } from './empty.js'
import type { FeaturesReply13 } from './features-reply.js'
import type { GetConfigReply, SetConfig } from './switch-config.js'
import type { PacketIn13 } from './packet-in.js'
import type { FlowRemoved } from './flow-removed.js'
import type { PortStatus } from './port-status.js'
import type { PacketOut } from './packet-out.js'
import type { FlowMod } from './flow-mod.js'
import type { GroupMod } from './group-mod.js'
import type { PortMod } from './port-mod.js'
import type { TableMod } from './table-mod.js'
import type { MultipartReply, MultipartRequest } from './multipart.js'
import type { QueueGetConfigReply, QueueGetConfigRequest } from './queue-config.js'
import type { RoleReply, RoleRequest } from './role.js'
import type { GetAsyncReply13, SetAsync13 } from './async-config.js'
import type { MeterMod13 } from './meter-mod.js'

export type Hello13 = Hello<4>
export type Error13 = ErrorMsg<4>
export type EchoRequest13 = EchoRequest<4>
export type EchoReply13 = EchoReply<4>
export type Experimenter13 = Experimenter<4>
export type FeaturesRequest13 = FeaturesRequest<4>
export type GetConfigRequest13 = GetConfigRequest<4>
export type GetConfigReply13 = GetConfigReply<4>
export type SetConfig13 = SetConfig<4>
export type FlowRemoved13 = FlowRemoved<4>
export type PortStatus13 = PortStatus<4>
export type PacketOut13 = PacketOut<4>
export type FlowMod13 = FlowMod<4>
export type GroupMod13 = GroupMod<4>
export type PortMod13 = PortMod<4>
export type TableMod13 = TableMod<4>
export type MultipartRequest13 = MultipartRequest<4>
export type MultipartReply13 = MultipartReply<4>
export type BarrierRequest13 = BarrierRequest<4>
export type BarrierReply13 = BarrierReply<4>
export type QueueGetConfigRequest13 = QueueGetConfigRequest<4>
export type QueueGetConfigReply13 = QueueGetConfigReply<4>
export type RoleRequest13 = RoleRequest<4>
export type RoleReply13 = RoleReply<4>

/** Every decoded OpenFlow 1.3 message (wire version 0x04): narrow on `type`. */
export type Message13 =
  | Hello13 | Error13 | EchoRequest13 | EchoReply13 | Experimenter13 | FeaturesRequest13 | FeaturesReply13
  | GetConfigRequest13 | GetConfigReply13 | SetConfig13 | PacketIn13 | FlowRemoved13 | PortStatus13 | PacketOut13
  | FlowMod13 | GroupMod13 | PortMod13 | TableMod13 | MultipartRequest13 | MultipartReply13 | BarrierRequest13
  | BarrierReply13 | QueueGetConfigRequest13 | QueueGetConfigReply13 | RoleRequest13 | RoleReply13 | GetAsyncRequest13
  | GetAsyncReply13 | SetAsync13 | MeterMod13

export * from './hello.js'
export * from './error.js'
export * from './echo.js'
export * from './experimenter.js'
export * from './empty.js'
export * from './features-reply.js'
export * from './switch-config.js'
export * from './packet-in.js'
export * from './flow-removed.js'
export * from './port-status.js'
export * from './packet-out.js'
export * from './flow-mod.js'
export * from './group-mod.js'
export * from './port-mod.js'
export * from './table-mod.js'
export * from './multipart.js'
export * from './queue-config.js'
export * from './role.js'
export * from './async-config.js'
export * from './meter-mod.js'
