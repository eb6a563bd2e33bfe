// Library-level craft tests (the CLI is covered in test/cli/lacp-craft.test.ts).
import { describe, expect, it } from 'vitest'
import { OflError } from '../../../src/wire/errors.js'
import { toJson } from '../../../src/wire/json.js'
import { craftFromFlags, craftFromJson, craftReplies, inputFrames } from '../../../src/lacp/craft.js'
import { decodeSlowFrame } from '../../../src/lacp/slow.js'
import { loadVectors } from './vectors.js'
import { writePcap } from '../../../src/capture/writer.js'

describe('craftFromJson', () => {
  it('re-crafts every fixture vector from its own decoded JSON (v2 TLVs included), byte-exact without trailing', () => {
    for (const v of loadVectors('lacp').filter((x) => x.codec !== 'slow-frame' && !x.name.startsWith('padded'))) {
      const r = craftFromJson(JSON.stringify(v.json), { src: '02:00:00:00:00:09' })
      expect(r.frames[0]!.frame.subarray(14).toString('hex'), v.name).toBe(v.bytes.toString('hex'))
    }
  })
  it('accepts {pdus:[…]} and {eth, pdu} entries; Ethernet fields from the JSON unless flags override', () => {
    const ovs = loadVectors('lacp', 'ovs-fast')[0]!
    const doc = { pdus: [ovs.json, { ...(ovs.json as object), eth: { src: '02:00:00:00:00:aa', dst: '01:80:c2:00:00:03', vlans: [{ vid: 7 }] } }] }
    const r = craftFromJson(JSON.stringify(doc))
    expect(r.frames[0]!.frame.equals(ovs.bytes)).toBe(true)
    expect(r.frames[1]!.eth).toEqual({ src: '02:00:00:00:00:aa', dst: '01:80:c2:00:00:03', vlans: [{ vid: 7 }] })
    expect(craftFromJson(JSON.stringify(doc), { vlan: '9' }).frames[1]!.eth.vlans).toEqual([{ vid: 9 }])
  })
  it.each([
    ['not json', 'BAD_JSON'],
    ['[]', 'BAD_JSON'],
    ['{"subtype": 3}', 'BAD_JSON'],
    ['{"actor": {"system": "02:00:00:00:00:01"}, "partner": {}}', 'BAD_JSON'],
    ['{"actor": {"systemPriority": 1, "system": "02:00:00:00:00:01", "key": 70000, "portPriority": 1, "port": 1, "state": 1}}', 'BAD_FIELD'],
    ['{"requesterPort": 1, "requesterSystem": "x", "requesterTransactionId": 1}', 'BAD_MAC'],
  ])('%s → %s', (text, code) => {
    expect(() => craftFromJson(text)).toThrowError(expect.objectContaining({ code }))
  })
  it('rejects malformed v2 TLVs with BAD_JSON instead of crashing', () => {
    const base = loadVectors('lacp', 'ryu-test-slow')[0]!.json as Record<string, unknown>
    for (const tlvs of [{}, [{ kind: 'nope', type: 4 }], [{ kind: 'portAlgorithm', type: 4 }], [{ kind: 'unknown', type: 300, value: '00' }], [{ kind: 'serviceMapping', type: 10, digest: 5 }], [null]]) {
      let err: unknown
      try {
        craftFromJson(toJson({ ...base, version: 2, tlvs }))
      } catch (e) {
        err = e
      }
      expect(err, JSON.stringify(tlvs)).toBeInstanceOf(OflError)
    }
  })
})

describe('craftReplies / inputFrames', () => {
  it('reads a vector file, bare PDUs and blank-line separated frames', () => {
    const ryu = loadVectors('lacp', 'ryu-test-slow')[0]!.bytes
    const ovs = loadVectors('lacp', 'ovs-first')[0]!.bytes
    const text = `# two inputs\n${ryu.toString('hex')}\n\n${ovs.toString('hex').replace(/(..)/g, '$1 ')}\n`
    const ovsKey = ovs[14 + 12]! * 256 + ovs[14 + 13]! // actor key, read straight from the bytes (OVS picks 1 or 2 per run)
    const frames = inputFrames(Buffer.from(text))
    expect(frames.map((f) => f.length)).toEqual([110, 110])
    const r = craftReplies(Buffer.from(text), { actorSystem: '02:00:00:00:01:00', actorPort: '4' })
    expect(r.frames.map((f) => f.inReplyTo)).toEqual([1, 2])
    expect(r.frames.map((f) => decodeSlowFrame(f.frame).pdu)).toMatchObject([
      { actor: { key: 1, port: 4, state: 0x3c }, partner: { system: '00:07:0d:af:f4:54', state: 0xbd } },
      { actor: { key: ovsKey, port: 4, state: 0x3e }, partner: { system: '02:00:00:00:11:00', key: ovsKey, state: 0xbf } },
    ])
  })
  it('a bare PDU whose actor key is 0x8809 is not mistaken for an Ethernet header; short capture frames are skipped', () => {
    const b = Buffer.from(loadVectors('lacp', 'ryu-test-slow')[0]!.bytes)
    b[12] = 0x88
    b[13] = 0x09 // actor key sits where an Ethernet frame has its EtherType
    expect(inputFrames(Buffer.from(b.toString('hex')))[0]!.equals(b)).toBe(true)
    const pcap = writePcap([{ tsSec: 1, data: Buffer.alloc(8) }, { tsSec: 2, data: loadVectors('lacp', 'ovs-fast')[0]!.bytes }])
    const r = craftReplies(pcap)
    expect(r.skipped).toBe(1)
    expect(r.frames.map((f) => f.inReplyTo)).toEqual([2])
  })

  it('by default keeps the identity the partner already holds for us', () => {
    const r = craftReplies(Buffer.from(`-- binary\n${loadVectors('lacp', 'ovs-slow')[0]!.bytes.toString('hex')}\n`))
    expect(r.frames[0]!.pdu).toMatchObject({ actor: { system: '02:00:00:00:01:00', port: 1, state: 0x3c } })
    expect(r.frames[0]!.eth.src).toBe('02:00:00:00:01:00')
  })
  it('craftFromFlags defaults: actor priorities 32768, partner all zero, dst 01:80:c2:00:00:02, src = actor system', () => {
    const f = craftFromFlags({ actorSystem: '02:00:00:00:11:00' }).frames[0]!
    expect(f.eth).toEqual({ src: '02:00:00:00:11:00', dst: '01:80:c2:00:00:02', vlans: [] })
    expect(f.pdu).toMatchObject({ actor: { systemPriority: 32768, portPriority: 32768, key: 0, port: 0, state: 0 }, partner: { systemPriority: 0, system: '00:00:00:00:00:00' } })
    expect(f.frame.length).toBe(124)
  })
})
