// wire/struct.ts: the field tables compile to decoders that agree with the interpreted loop, assert
// their size, and report truncation with the struct's name and the absolute offset.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { OflError } from '../../../src/wire/errors.js'
import { WireReader } from '../../../src/wire/reader.js'
import { WireWriter } from '../../../src/wire/writer.js'
import { messageLayout, readInterpreted, structLayout, text } from '../../../src/wire/struct.js'
import { PHY_PORT10 } from '../../../src/openflow/v10/phy-port.js'
import { PORT } from '../../../src/openflow/common13/structs.js'
import { FLOW_MOD10 } from '../../../src/openflow/v10/flow-mod.js'
import { PACKET_IN10 } from '../../../src/openflow/v10/packet-in.js'
import { decodeMessage, encodeMessage } from '../../../src/openflow/codec.js'
import { corpusPath, hasCorpus } from '../../helpers/corpus.js'

interface Pair { a: number; big: bigint; mac: string; name: string; nameRaw?: Buffer }

function codeOf(f: () => unknown): { code: string; offset: number | undefined; field: string | undefined } {
  try {
    f()
  } catch (e) {
    if (e instanceof OflError) return { code: e.code, offset: e.offset, field: e.field }
    throw e
  }
  throw new Error('no error')
}

describe('structLayout / messageLayout', () => {
  const L = structLayout<Pair>('test_struct', 36, [
    ['a', 'u16', 'uint16_t a;'],
    ['pad', 6, 'uint8_t pad[6];'],
    ['big', 'u64', 'uint64_t big;'],
    ['mac', 'mac', 'uint8_t mac[6];'],
    ['name', text(12, 'latin1'), 'char name[12];'],
    ['pad', 2, 'uint8_t pad2[2];'],
  ])

  it('asserts the declared size against the fields (BAD_LAYOUT)', () => {
    expect(codeOf(() => structLayout<Pair>('short_struct', 9, [['a', 'u16', 'uint16_t a;'], ['pad', 6, 'uint8_t pad[6];']])).code).toBe('BAD_LAYOUT')
    expect(L.fixedSize).toBe(36)
    expect(L.size).toBe(36)
    expect(L.offsetOf('big')).toBe(8)
    expect(L.offsetOf('name')).toBe(22)
  })

  it('encodes and decodes a hand-built struct, with zeroed pads and the raw bytes of a name with junk after the NUL', () => {
    const w = new WireWriter(64)
    L.write(w, { a: 0x1234, big: 0x0102030405060708n, mac: 'aa:bb:cc:dd:ee:ff', name: 'eth0' })
    const bytes = w.finish()
    expect(bytes.toString('hex')).toBe('1234000000000000' + '0102030405060708' + 'aabbccddeeff' + Buffer.from('eth0').toString('hex') + '00'.repeat(8) + '0000')
    const r = new WireReader(bytes)
    expect(L.read(r)).toEqual({ a: 0x1234, big: 0x0102030405060708n, mac: 'aa:bb:cc:dd:ee:ff', name: 'eth0' })
    expect(r.pos).toBe(36)
    const junk = Buffer.from(bytes)
    junk[22 + 5] = 0x41 // a byte after the terminating NUL: kept losslessly as nameRaw
    const got = L.read(new WireReader(junk))
    expect(got.name).toBe('eth0')
    expect(got.nameRaw?.toString('hex')).toBe(junk.subarray(22, 34).toString('hex'))
    expect(readInterpreted('test_struct', L.fields, new WireReader(junk))).toEqual(got)
  })

  it('one bounds check per run: a short buffer is TRUNCATED at the struct start with the struct name', () => {
    const buf = Buffer.alloc(41)
    expect(codeOf(() => L.read(new WireReader(buf, 6, 41)))).toEqual({ code: 'TRUNCATED', offset: 6, field: 'test_struct' })
  })

  it('pads after a variable part are skipped with their own field name', () => {
    interface M { version: number; type: number; xid: number; body: Buffer; tail: Buffer }
    const bodyPart = { read: (r: WireReader) => r.bytes(r.u8()), write: (w: WireWriter, b: Buffer) => void w.u8(b.length).bytes(b) }
    const ML = messageLayout<M>('test_msg', undefined, [['body', bodyPart, 'var'], ['pad', 3, 'uint8_t pad[3];'], ['tail', 'rest', 'uint8_t tail[0];']])
    const buf = Buffer.from('0301020300', 'hex')
    expect(codeOf(() => ML.decode(new WireReader(buf), { version: 1, type: 0, xid: 0 }))).toEqual({ code: 'TRUNCATED', offset: 4, field: 'test_msg.pad' })
    const ok = ML.decode(new WireReader(Buffer.from('0201020000000a0b', 'hex')), { version: 4, type: 99, xid: 7 })
    expect(ok).toEqual({ version: 4, type: 99, xid: 7, body: Buffer.from('0102', 'hex'), tail: Buffer.from('0a0b', 'hex') })
    expect(ML.length).toBeUndefined() // the part has no length()
  })

  it('the OpenFlow layouts declare the spec sizes', () => {
    expect(PHY_PORT10.size).toBe(48)
    expect(PORT.size).toBe(64)
    expect(PACKET_IN10.fixedSize + 8).toBe(18) // offsetof(struct ofp_packet_in, data), OpenFlow 1.0.0 §5.4.1
    expect(FLOW_MOD10.fixedSize + 8).toBe(72) // sizeof(struct ofp_flow_mod), OpenFlow 1.0.0 §5.3.3
    expect(PORT.offsetOf('name')).toBe(16)
    expect(PHY_PORT10.offsetOf('config')).toBe(24)
  })
})

describe.skipIf(!hasCorpus)('compiled layouts against independent captures', () => {
  it('ofp_phy_port / ofp_port: compiled and interpreted decoders agree on Ryu\'s features-reply and port-status vectors', () => {
    const f10 = readFileSync(corpusPath('ryu', 'of10', '1-6-ofp_switch_features.packet'))
    let n = 0
    for (let off = 8 + 24; off < f10.length; off += 48, n++) {
      expect(PHY_PORT10.read(new WireReader(f10, off, off + 48))).toEqual(readInterpreted('ofp_phy_port', PHY_PORT10.fields, new WireReader(f10, off, off + 48)))
    }
    expect(n).toBeGreaterThan(0)
    const pd = readFileSync(corpusPath('ryu', 'of13', '4-39-ofp_port_status.packet'))
    expect(pd.length).toBe(16 + 64)
    const port = PORT.read(new WireReader(pd, 16, 80))
    expect(port).toEqual(readInterpreted('ofp_port', PORT.fields, new WireReader(pd, 16, 80)))
    expect(port.hwAddr).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/)
    expect(encodeMessage(decodeMessage(pd)).equals(pd)).toBe(true)
    expect(encodeMessage(decodeMessage(f10)).equals(f10)).toBe(true)
  })
})
