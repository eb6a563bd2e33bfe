// The controller's answer to a learned packet-in — an OFPT_FLOW_MOD ADD (in_port + eth_dst, one
// output action, a cookie) and an OFPT_PACKET_OUT carrying the 64-byte frame — encoded 400 times per
// call, OpenFlow 1.0 and 1.3, three ways side by side:
// - hot path: the encoders the controller runs (src/openflow/hot.ts over v10/hot.ts and v13/hot.ts,
//   beside the codecs), writing into one reused OutBatch (batch.ts) with lengths back-patched;
// - general codec: `encodeMessage` of the message object (as decoded, MACs as strings);
// - model: `encodeMessage(fromModel(version, …))`, the version-independent form.
// Part of `ofl bench decode` (the groups "encode: …") and `npm run bench -- encode`.
import type { BenchCase, BenchSuite } from './harness.js'
import { encodeMessage } from '../openflow/codec.js'
import { fromModel, type FlowMod as ModelFlowMod, type PacketOut as ModelPacketOut } from '../openflow/model.js'
import { OutBatch, writeHotFlowMod, writeHotPacketOut, type HotAction } from '../openflow/hot.js'

const N = 400
const IN_PORT = 3
const OUT_PORT = 4
const COOKIE = 0x0f1e000000000000n
const DST = '02:ff:00:00:00:01'

function frame(): Buffer {
  const f = Buffer.alloc(64)
  f.set([0x02, 0xff, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00], 0)
  return f
}

/** The general codec's message objects for one answer (flow-mod + packet-out) in `version`. */
export function generalAnswer(version: number, data: Buffer): [Record<string, unknown> & { version: number; type: number; xid: number }, Record<string, unknown> & { version: number; type: number; xid: number }] {
  if (version === 1) {
    return [
      {
        version, type: 14, xid: 1, cookie: COOKIE, command: 0, idleTimeout: 0, hardTimeout: 0, priority: 1, bufferId: 0xffffffff, outPort: 0xffff, flags: 0,
        match: { wildcards: 0x3ffff7 & ~1, inPort: IN_PORT, dlSrc: '00:00:00:00:00:00', dlDst: DST, dlVlan: 0, dlVlanPcp: 0, dlType: 0, nwTos: 0, nwProto: 0, nwSrc: '0.0.0.0', nwDst: '0.0.0.0', tpSrc: 0, tpDst: 0 },
        actions: [{ type: 0, port: OUT_PORT, maxLen: 0 }],
      },
      { version, type: 13, xid: 2, bufferId: 0xffffffff, inPort: IN_PORT, actions: [{ type: 0, port: OUT_PORT, maxLen: 0 }], data },
    ]
  }
  return [
    {
      version, type: 14, xid: 1, cookie: COOKIE, cookieMask: 0n, tableId: 0, command: 0, idleTimeout: 0, hardTimeout: 0, priority: 1, bufferId: 0xffffffff,
      outPort: 0, outGroup: 0xffffffff, flags: 0,
      match: { fields: [{ field: 'in_port', value: IN_PORT }, { field: 'eth_dst', value: DST }] },
      instructions: [{ type: 4, actions: [{ type: 0, port: OUT_PORT, maxLen: 0 }] }],
    },
    { version, type: 13, xid: 2, bufferId: 0xffffffff, inPort: IN_PORT, actions: [{ type: 0, port: OUT_PORT, maxLen: 0 }], data },
  ]
}

export function encodeBenchCases(): BenchCase[] {
  const data = frame()
  const cases: BenchCase[] = []
  for (const [version, label] of [[1, 'OF1.0'], [4, 'OF1.3']] as const) {
    const G = `encode: learned-packet-in answer, ${label} (flow-mod + packet-out, per answer)`
    const o = new OutBatch()
    const acts: HotAction[] = [{ type: 'output', port: OUT_PORT }]
    const dst = 0x02ff00000001
    const [fm, po] = generalAnswer(version, data)
    const mfm: ModelFlowMod = { kind: 'flowMod', command: 0, priority: 1, cookie: COOKIE, match: { inPort: IN_PORT, ethDst: DST }, actions: [{ type: 'output', port: OUT_PORT }], outPort: version === 1 ? undefined : 0 }
    const mpo: ModelPacketOut = { kind: 'packetOut', bufferId: 0xffffffff, inPort: IN_PORT, actions: [{ type: 'output', port: OUT_PORT }], data }
    const bytes = encodeMessage(fm).length + encodeMessage(po).length
    cases.push(
      {
        group: G, name: 'hot path: src/openflow/hot.ts into a reused OutBatch', opsPerCall: N, bytesPerCall: N * bytes,
        fn: () => {
          for (let i = 0; i < N; i++) {
            writeHotFlowMod(o, version, i, { command: 0, priority: 1, match: { inPort: IN_PORT, ethDst: dst }, actions: acts, cookie: COOKIE })
            writeHotPacketOut(o, version, i, 0xffffffff, IN_PORT, acts, data, 0, data.length)
          }
          return o.take()
        },
      },
      {
        group: G, name: 'general: encodeMessage(message object)', opsPerCall: N, bytesPerCall: N * bytes,
        fn: () => {
          let last: unknown
          for (let i = 0; i < N; i++) {
            fm.xid = i
            po.xid = i
            last = encodeMessage(fm)
            last = encodeMessage(po)
          }
          return last
        },
      },
      {
        group: G, name: 'general: encodeMessage(fromModel(model))', opsPerCall: N, bytesPerCall: N * bytes,
        fn: () => {
          let last: unknown
          for (let i = 0; i < N; i++) {
            last = encodeMessage(fromModel(version, mfm, i))
            last = encodeMessage(fromModel(version, mpo, i))
          }
          return last
        },
      },
    )
  }
  return cases
}

export const suite: BenchSuite = {
  name: 'encode',
  description: 'OpenFlow encode of the controller\'s answers: hot path vs general codec vs model',
  cases: encodeBenchCases,
}
