// OFPT_GET_ASYNC_REPLY / OFPT_SET_ASYNC — OpenFlow 1.3.5 §7.3.10, struct ofp_async_config:
// uint32_t packet_in_mask[2]; uint32_t port_status_mask[2]; uint32_t flow_removed_mask[2]
// (element 0: master/equal role, element 1: slave role).
import type { MessageCodec } from '../registry.js'
import { OFPT_GET_ASYNC_REPLY, OFPT_SET_ASYNC } from '../common13/constants.js'
import { expectEnd, type MsgBase } from './base.js'

export type MaskPair = [number, number]
export interface AsyncConfigBody { packetInMask: MaskPair; portStatusMask: MaskPair; flowRemovedMask: MaskPair }
export interface GetAsyncReply13 extends MsgBase<typeof OFPT_GET_ASYNC_REPLY, 0x04>, AsyncConfigBody {}
export interface SetAsync13 extends MsgBase<typeof OFPT_SET_ASYNC, 0x04>, AsyncConfigBody {}

function asyncConfig<M extends GetAsyncReply13 | SetAsync13>(name: string): MessageCodec<M> {
  return {
    name,
    decode(r, h) {
      r.need(24, 'ofp_async_config')
      const packetInMask: MaskPair = [r.u32(), r.u32()] // uint32_t packet_in_mask[2];
      const portStatusMask: MaskPair = [r.u32(), r.u32()] // uint32_t port_status_mask[2];
      const flowRemovedMask: MaskPair = [r.u32(), r.u32()] // uint32_t flow_removed_mask[2];
      expectEnd(r, 'ofp_async_config')
      return { version: h.version, type: h.type, xid: h.xid, packetInMask, portStatusMask, flowRemovedMask } as M
    },
    encode(w, m) {
      for (const pair of [m.packetInMask, m.portStatusMask, m.flowRemovedMask]) w.u32(pair[0]).u32(pair[1])
    },
  }
}

export const getAsyncReply = asyncConfig<GetAsyncReply13>('OFPT_GET_ASYNC_REPLY')
export const setAsync = asyncConfig<SetAsync13>('OFPT_SET_ASYNC')
