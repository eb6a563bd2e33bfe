import { describe, expect, it } from 'vitest'
import { decodeMatch10, encodeMatch10, OFP_MATCH10_SIZE, type Match10 } from '../../../../src/openflow/v10/match.js'
import { decodeMatch10BinaryParser } from '../../../../src/openflow/v10/match-binary-parser.js'
import { WireReader } from '../../../../src/wire/reader.js'
import { WireWriter } from '../../../../src/wire/writer.js'
import { OflError } from '../../../../src/wire/errors.js'

describe('ofp_match (1.0)', () => {
  const m: Match10 = {
    wildcards: 0x00100000, inPort: 0xfffe, dlSrc: '01:23:45:67:89:ab', dlDst: 'cd:ef:00:11:22:33', dlVlan: 0xffff, dlVlanPcp: 7,
    dlType: 0x86dd, nwTos: 0xfc, nwProto: 17, nwSrc: '255.255.255.255', nwDst: '0.0.0.1', tpSrc: 65535, tpDst: 1,
  }
  const w = new WireWriter()
  encodeMatch10(w, m)
  const bytes = w.finish()

  it('is 40 bytes with zero pads at 21 and 26-27', () => {
    expect(bytes.length).toBe(OFP_MATCH10_SIZE)
    expect([bytes[21], bytes[26], bytes[27]]).toEqual([0, 0, 0])
    expect(bytes.subarray(6, 12).toString('hex')).toBe('0123456789ab')
    expect(bytes.readUInt32BE(28)).toBe(0xffffffff)
  })

  it('hand-written and binary-parser decoders agree, at any offset', () => {
    const padded = Buffer.concat([Buffer.alloc(3, 9), bytes])
    const r = new WireReader(padded, 3)
    expect(decodeMatch10(r)).toEqual(m)
    expect(r.pos).toBe(43)
    expect(decodeMatch10BinaryParser(padded, 3)).toEqual(m)
  })

  it('both reject a short buffer with TRUNCATED', () => {
    const short = bytes.subarray(0, 39)
    expect(() => decodeMatch10(new WireReader(short))).toThrow(OflError)
    try {
      decodeMatch10BinaryParser(short, 0)
    } catch (e) {
      expect((e as OflError).code).toBe('TRUNCATED')
      return
    }
    throw new Error('no error')
  })
})
