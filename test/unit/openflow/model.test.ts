// The version-independent model: the same model message round-trips through every version's wire
// form (fromModel → encode → decode → toModel), independent vectors of different versions give the same
// model, and 1.0 wildcard/port translation is pinned.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hasCorpus, corpusPath } from '../../helpers/corpus.js'
import { decodeMessage, encodeMessage } from '../../../src/openflow/codec.js'
import {
  fromModel, toModel, matchTo10, matchFrom10, portFrom10, portTo10, PORT_CONTROLLER, PORT_ANY, PORT_ALL, VLAN_NONE,
  type FlowMod, type ModelMessage,
} from '../../../src/openflow/model.js'
import { OflError } from '../../../src/wire/errors.js'

const frame = Buffer.from('ffffffffffff0013c4120f0d0806' + '00'.repeat(28), 'hex')

const flowMod: FlowMod = {
  kind: 'flowMod', command: 0, cookie: 0x1234n, cookieMask: 0n, tableId: 0, idleTimeout: 30, hardTimeout: 0, priority: 100, bufferId: 0xffffffff,
  outPort: PORT_ANY, outGroup: 0xffffffff, flags: 1,
  match: { inPort: 1, ethDst: '00:00:00:00:00:02', ethType: 0x0800, vlanVid: 10, ipProto: 6, ipv4Src: '10.0.0.0/8', ipv4Dst: '192.168.1.1', tpDst: 80 },
  actions: [
    { type: 'setField', field: 'ethDst', value: '00:00:00:00:00:03' },
    { type: 'setField', field: 'tpDst', value: 8080 },
    { type: 'popVlan' },
    { type: 'output', port: 2, maxLen: 0xffff },
    { type: 'output', port: PORT_CONTROLLER, maxLen: 128 },
  ],
}

const SAMPLES: ModelMessage[] = [
  { kind: 'packetIn', bufferId: 0xffffffff, totalLen: 42, inPort: 3, reason: 0, tableId: 0, cookie: 0n, match: { inPort: 3 }, data: frame },
  { kind: 'packetOut', bufferId: 0xffffffff, inPort: PORT_CONTROLLER, actions: [{ type: 'output', port: PORT_ALL, maxLen: 0xffff }], data: frame },
  flowMod,
  {
    kind: 'flowRemoved', match: { ethDst: 'f2:0b:a4:7d:f8:ea' }, cookie: 7n, priority: 65535, reason: 0, tableId: 0, durationSec: 3, durationNsec: 48825000,
    idleTimeout: 3, hardTimeout: 0, packetCount: 1n, byteCount: 86n,
  },
  {
    kind: 'portStatus', reason: 2,
    port: { portNo: 7, hwAddr: 'f2:0b:a4:d0:3f:70', name: 'eth7', config: 0, state: 4, curr: 0x288, advertised: 0x280, supported: 0x288, peer: 0 },
  },
]

const VERSIONS = [1, 3, 4] as const

function roundTrip(version: number, m: ModelMessage): ModelMessage | undefined {
  const wire = encodeMessage(fromModel(version, m, 77))
  expect(wire[0]).toBe(version)
  return toModel(decodeMessage(wire))
}

describe('model round trips in every version', () => {
  for (const v of VERSIONS) {
    it.each(SAMPLES.map((s) => [s.kind, s] as const))(`v${v} %s`, (_k, m) => {
      const back = roundTrip(v, m) as unknown as Record<string, unknown>
      const want: Record<string, unknown> = { ...m, version: v, xid: 77 }
      if (m.kind === 'portStatus' && v !== 1) want.port = { ...m.port, currSpeed: 0, maxSpeed: 0 }
      if (m.kind === 'flowRemoved' && v === 1) want.hardTimeout = 0
      expect(back).toEqual(want)
    })
  }

  it('features: ports travel with the features reply in 1.0/1.2, via port-desc in 1.3', () => {
    const ports = [{ portNo: 1, hwAddr: '02:00:00:00:00:01', name: 'p1', config: 0, state: 0, curr: 0, advertised: 0, supported: 0, peer: 0 }]
    const f: ModelMessage = { kind: 'features', datapathId: 0xfedcba9876543210n, nBuffers: 256, nTables: 254, capabilities: 0x47, auxiliaryId: 0, ports }
    expect(roundTrip(1, f)).toMatchObject({ kind: 'features', datapathId: 0xfedcba9876543210n, ports })
    expect(roundTrip(3, f)).toMatchObject({ kind: 'features', ports: [{ ...ports[0], currSpeed: 0, maxSpeed: 0 }] })
    const f13 = roundTrip(4, f) as { ports?: unknown; datapathId: bigint }
    expect(f13.datapathId).toBe(0xfedcba9876543210n)
    expect(f13.ports).toBeUndefined()
    const pd = roundTrip(4, { kind: 'portDesc', ports, more: false })
    expect(pd).toMatchObject({ kind: 'portDesc', ports: [{ ...ports[0], currSpeed: 0, maxSpeed: 0 }], more: false })
    // what to send to learn ports
    expect(encodeMessage(fromModel(1, { kind: 'portDescRequest' })).toString('hex')).toBe('0105000800000000')
    expect(encodeMessage(fromModel(4, { kind: 'portDescRequest' }, 5)).toString('hex')).toBe('041200100000000500' + '0d' + '0000' + '00000000')
  })
})

describe('OpenFlow 1.0 translation', () => {
  it('maps reserved ports between 16 and 32 bits', () => {
    expect(portFrom10(0xfffd)).toBe(PORT_CONTROLLER)
    expect(portFrom10(0xffff)).toBe(PORT_ANY)
    expect(portFrom10(5)).toBe(5)
    expect(portTo10(PORT_CONTROLLER)).toBe(0xfffd)
    expect(() => portTo10(0x10000)).toThrow(expect.objectContaining({ code: 'MODEL_UNSUPPORTED' }))
  })

  it('builds wildcards from present fields (nw_src prefix bits included) and reads them back', () => {
    const m = matchTo10(flowMod.match)
    // ALL(0x3fffff) minus IN_PORT, DL_VLAN, DL_DST, DL_TYPE, NW_PROTO, TP_DST; nw_src /8 → 24 << 8; nw_dst exact → 0
    expect(m.wildcards).toBe((0x3fffff & ~(0x1 | 0x2 | 0x8 | 0x10 | 0x20 | 0x80) & ~(0x3f << 8) & ~(0x3f << 14)) | (24 << 8))
    expect(m).toMatchObject({ inPort: 1, dlVlan: 10, dlType: 0x800, nwProto: 6, nwSrc: '10.0.0.0', nwDst: '192.168.1.1', tpDst: 80 })
    expect(matchFrom10(m)).toEqual(flowMod.match)
    expect(matchFrom10(matchTo10({}))).toEqual({})
  })

  it('constructs a version lacks are typed errors', () => {
    const code = (fn: () => unknown) => {
      try {
        fn()
      } catch (e) {
        expect(e).toBeInstanceOf(OflError)
        return (e as OflError).code
      }
      return 'none'
    }
    expect(code(() => fromModel(1, { ...flowMod, actions: [{ type: 'group', groupId: 1 }] }))).toBe('MODEL_UNSUPPORTED')
    expect(code(() => fromModel(4, { ...flowMod, match: { tpDst: 80 } }))).toBe('MODEL_UNSUPPORTED')
    expect(code(() => fromModel(1, { kind: 'portDesc', ports: [], more: false }))).toBe('MODEL_UNSUPPORTED')
    expect(code(() => fromModel(9, flowMod))).toBe('OFPBRC_BAD_VERSION')
  })

  it('vlanVid: VLAN_NONE ↔ 1.0 OFP_VLAN_NONE and 1.3 OFPVID_NONE; tagged ids carry OFPVID_PRESENT in 1.3', () => {
    const fm = { ...flowMod, match: { vlanVid: VLAN_NONE }, actions: [] }
    const w13 = fromModel(4, fm) as unknown as { match: { fields: Array<{ field: string; value: number }> } }
    expect(w13.match.fields).toEqual([{ field: 'vlan_vid', value: 0 }])
    expect((fromModel(4, { ...fm, match: { vlanVid: 10 } }) as unknown as typeof w13).match.fields[0]!.value).toBe(0x100a)
    expect((toModel(decodeMessage(encodeMessage(fromModel(1, fm)))) as FlowMod).match).toEqual({ vlanVid: VLAN_NONE })
  })
})

describe.skipIf(!hasCorpus)('model from independent vectors', () => {
  const load = (v: string, f: string) => decodeMessage(readFileSync(corpusPath('ryu', v, f)))

  it('Ryu OF1.0 and OF1.3 packet-outs of the same frame give the same model', () => {
    const a = toModel(load('of10', '1-1-ofp_packet_out.packet'))!
    const b = toModel(load('of13', '4-1-ofp_packet_out.packet'))!
    expect({ ...a, version: 0, xid: 0 }).toEqual({ ...b, version: 0, xid: 0 })
    expect(a).toMatchObject({ kind: 'packetOut', inPort: PORT_CONTROLLER, actions: [{ type: 'output', port: PORT_ALL, maxLen: 0xffff }] })
  })

  it('packet-ins (1.0: in_port 99; 1.3: OXM in_port 6 and the ARP fields outside the model in `other`)', () => {
    expect(toModel(load('of10', '1-4-ofp_packet_in.packet'))).toMatchObject({ kind: 'packetIn', inPort: 99, bufferId: 2, totalLen: 42, reason: 1 })
    const p13 = toModel(load("of13", "4-4-ofp_packet_in.packet")) as unknown as { inPort: number; cookie: bigint; match: Record<string, unknown> }
    expect(p13).toMatchObject({ kind: 'packetIn', inPort: 6, cookie: 283686884868096n })
    expect(p13.match).toMatchObject({ inPort: 6, ethType: 0x0806, ethDst: 'ff:ff:ff:ff:ff:ff', ethSrc: 'f2:0b:a4:7d:f8:ea' })
    expect((p13.match.other as unknown[]).length).toBeGreaterThan(0)
  })

  it('flow-removed, port-status, features and port-desc vectors', () => {
    expect(toModel(load('of13', '4-40-ofp_flow_removed.packet'))).toMatchObject({
      kind: 'flowRemoved', match: { ethDst: 'f2:0b:a4:7d:f8:ea' }, priority: 65535, idleTimeout: 3, packetCount: 1n, byteCount: 86n,
    })
    expect(toModel(load('of13', '4-39-ofp_port_status.packet'))).toMatchObject({ kind: 'portStatus', reason: 0, port: { portNo: 7, currSpeed: 5000 } })
    const f10 = toModel(load('of10', '1-6-ofp_switch_features.packet')) as { datapathId: bigint; ports: Array<{ portNo: number }> }
    expect(f10.datapathId).toBe(1095522080376n)
    expect(f10.ports.map((p) => p.portNo).sort()).toEqual([6, 7])
    const pd = toModel(load('of13', '4-54-ofp_port_desc_reply.packet')) as { kind: string; ports: unknown[] }
    expect(pd.kind).toBe('portDesc')
    expect(pd.ports.length).toBeGreaterThan(0)
  })

  it('Ryu OF1.0 flow-mod: model match from wildcards (only dl_dst set)', () => {
    expect(toModel(load('of10', '1-2-ofp_flow_mod.packet'))).toMatchObject({
      kind: 'flowMod', priority: 123, match: { ethDst: 'f2:0b:a4:7d:f8:ea' }, actions: [{ type: 'output', port: 6 }],
    })
  })
})
