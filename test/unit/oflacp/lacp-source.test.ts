// OpenFlowLacpSource on hand-built captures: datapath id learnt from FEATURES_REPLY, packet-in port
// from the OXM match (1.3) / in_port (1.0), one record per physical output of a packet-out, a
// packet-in split over two TCP segments, other traffic ignored.
import { describe, expect, it } from 'vitest'
import { encodeMessage } from '../../../src/openflow/codec.js'
import { datapathIdText, OpenFlowLacpSource, isOfCarriedRecord, type OfCarriedRecord } from '../../../src/oflacp/lacp-source.js'
import { CarriedLacpReader, carryLacp, loadOfLacpCodec } from '../../../src/oflacp/carried.js'
import { buildSlowFrame } from '../../../src/lacp/slow.js'
import type { CaptureRecord } from '../../../src/capture/record.js'
import { tcpFrame } from '../../helpers/of-lacp.js'

const SW: [string, number] = ['10.0.0.2', 40000]
const CTL: [string, number] = ['10.0.0.1', 6653]
const info = (system: string, port: number) => ({ systemPriority: 1, system, key: 1, portPriority: 1, port, state: 0x3d })
const lacpFrame = (port: number) => buildSlowFrame({ src: '02:00:00:00:00:aa', pdu: { actor: info('02:00:00:00:00:aa', port), partner: info('02:00:00:00:00:bb', port) } })

function rec(frame: number, data: Buffer): CaptureRecord {
  return { frame, tsSec: 1000 + frame, tsNsec: 0, linkType: 1, interfaceId: 0, data, origLen: data.length, offset: 0 }
}

describe('OpenFlowLacpSource', () => {
  it('OF1.3: dpid from the features reply, ports from the match and the output actions, segments reassembled', () => {
    const features = encodeMessage({ version: 4, type: 6, xid: 1, datapathId: 0x2an, nBuffers: 0, nTables: 1, auxiliaryId: 0, capabilities: 0, reserved: 0 })
    const pin = encodeMessage({ version: 4, type: 10, xid: 0, bufferId: 0xffffffff, totalLen: 124, reason: 1, tableId: 0, cookie: 0n, match: { fields: [{ field: 'in_port', value: 7 }] }, data: lacpFrame(7) })
    const pout = encodeMessage({ version: 4, type: 13, xid: 2, bufferId: 0xffffffff, inPort: 0xfffffffd, actions: [{ type: 0, port: 3, maxLen: 0 }, { type: 0, port: 0xfffffffd, maxLen: 0 }, { type: 0, port: 4, maxLen: 0 }], data: lacpFrame(3) })
    const echo = encodeMessage({ version: 4, type: 2, xid: 3, data: '' })
    const src = new OpenFlowLacpSource()
    const got: CaptureRecord[] = []
    let up = 100
    const down = 500
    got.push(...src.push(rec(1, tcpFrame(SW, CTL, up, features))))
    up += features.length
    got.push(...src.push(rec(2, tcpFrame(SW, CTL, up, pin.subarray(0, 50)))))
    expect(got).toEqual([])
    got.push(...src.push(rec(3, tcpFrame(SW, CTL, up + 50, Buffer.concat([pin.subarray(50), echo])))))
    got.push(...src.push(rec(4, tcpFrame(CTL, SW, down, pout))))
    got.push(...src.push(rec(5, Buffer.from('ffffffffffff020000000001080600010800060400010200', 'hex')))) // ARP: ignored
    got.push(...src.finish())
    expect(got.every(isOfCarriedRecord)).toBe(true)
    const c = got as OfCarriedRecord[]
    expect(c.map((r) => [r.frame, r.where.direction, r.where.ofPort, r.where.datapathId, r.linkType])).toEqual([
      [3, 'packet-in', 7, '00:00:00:00:00:00:00:2a', 1],
      [4, 'packet-out', 3, '00:00:00:00:00:00:00:2a', 1],
      [4, 'packet-out', 4, '00:00:00:00:00:00:00:2a', 1],
    ])
    expect(c[0]!.data.equals(lacpFrame(7))).toBe(true)
    expect(c[0]!.openflow).toEqual({ connection: 1, version: 4, type: 10, xid: 0, offset: features.length, inPort: 7 })
    expect(c[1]!.openflow.inPort).toBe(0xfffffffd)
    expect(c[1]!.where).not.toBe(c[2]!.where)
    expect(src.carried).toBe(3)
  })

  it('OF1.0 without a features reply (capture started mid-connection): no dpid, port from in_port; packet-out with only reserved outputs falls back to in_port', () => {
    const pin = encodeMessage({ version: 1, type: 10, xid: 0, bufferId: 0xffffffff, totalLen: 124, inPort: 2, reason: 0, data: lacpFrame(2) })
    const pout = encodeMessage({ version: 1, type: 13, xid: 9, bufferId: 0xffffffff, inPort: 5, actions: [{ type: 0, port: 0xfff8, maxLen: 0 }], data: lacpFrame(5) })
    const src = new OpenFlowLacpSource()
    const got = [...src.push(rec(1, tcpFrame(SW, CTL, 7, pin))), ...src.push(rec(2, tcpFrame(CTL, SW, 9, pout)))] as OfCarriedRecord[]
    expect(got.map((r) => r.where)).toEqual([
      { ofPort: 2, direction: 'packet-in' },
      { ofPort: 5, direction: 'packet-out' },
    ])
  })

  it('without a codec: messages that may carry a LACPDU wait for it, others never ask for it; then the same records', async () => {
    const features = encodeMessage({ version: 4, type: 6, xid: 1, datapathId: 0x2an, nBuffers: 0, nTables: 1, auxiliaryId: 0, capabilities: 0, reserved: 0 })
    const pin = encodeMessage({ version: 4, type: 10, xid: 0, bufferId: 0xffffffff, totalLen: 124, reason: 1, tableId: 0, cookie: 0n, match: { fields: [{ field: 'in_port', value: 7 }] }, data: lacpFrame(7) })
    const echo = encodeMessage({ version: 4, type: 2, xid: 3, data: '' })
    const lazy = new CarriedLacpReader()
    // an echo (and a segment the framer cannot read as OpenFlow) needs no codec
    expect(lazy.push(rec(1, tcpFrame(SW, CTL, 100, echo)))).toEqual([])
    expect(lazy.waiting).toBe(false)
    expect(lazy.push(rec(2, tcpFrame(CTL, SW, 7, Buffer.from('ff', 'hex'))))).toEqual([])
    expect(lazy.waiting).toBe(false)
    // features reply and packet-in are held until the codec comes
    expect(lazy.push(rec(3, tcpFrame(SW, CTL, 100 + echo.length, Buffer.concat([features, pin]))))).toEqual([])
    expect(lazy.waiting).toBe(true)
    const got = lazy.provide(await loadOfLacpCodec()) as OfCarriedRecord[]
    expect(lazy.waiting).toBe(false)
    const eager = new OpenFlowLacpSource()
    eager.push(rec(1, tcpFrame(SW, CTL, 100, echo)))
    eager.push(rec(2, tcpFrame(CTL, SW, 7, Buffer.from('ff', 'hex'))))
    const want = eager.push(rec(3, tcpFrame(SW, CTL, 100 + echo.length, Buffer.concat([features, pin])))) as OfCarriedRecord[]
    expect(want.map((r) => [r.frame, r.where])).toEqual([[3, { datapathId: '00:00:00:00:00:00:00:2a', ofPort: 7, direction: 'packet-in' }]])
    expect(got).toEqual(want)
    expect(lazy.carried).toBe(1)
  })

  it('carryLacp loads the codec once, only when needed, and puts the carried record after the one that completed it', async () => {
    const pin = encodeMessage({ version: 1, type: 10, xid: 0, bufferId: 0xffffffff, totalLen: 124, inPort: 2, reason: 0, data: lacpFrame(2) })
    const echo = encodeMessage({ version: 1, type: 2, xid: 3, data: '' })
    let loads = 0
    const load = () => { loads++; return loadOfLacpCodec() }
    const run = async (recs: CaptureRecord[][]) => {
      const out: number[][] = []
      for await (const b of carryLacp((async function* () { yield* recs })(), new CarriedLacpReader(), load)) out.push(b.map((r) => (isOfCarriedRecord(r) ? -r.frame : r.frame)))
      return out
    }
    expect(await run([[rec(1, tcpFrame(SW, CTL, 1, echo)), rec(2, tcpFrame(SW, CTL, 1 + echo.length, echo))]])).toEqual([[1, 2]])
    expect(loads).toBe(0)
    expect(await run([[rec(1, tcpFrame(SW, CTL, 1, echo))], [rec(2, tcpFrame(SW, CTL, 1 + echo.length, pin)), rec(3, tcpFrame(SW, CTL, 1 + echo.length + pin.length, pin))]])).toEqual([[1], [2, -2, 3, -3]])
    expect(loads).toBe(1)
  })

  it('datapath ids print as 8 colon-separated octets', () => {
    expect(datapathIdText(1n)).toBe('00:00:00:00:00:00:00:01')
    expect(datapathIdText(0xfedcba9876543210n)).toBe('fe:dc:ba:98:76:54:32:10')
  })
})
