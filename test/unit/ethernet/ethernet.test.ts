import { describe, expect, it } from 'vitest'
import { OflError } from '../../../src/wire/errors.js'
import {
  decodeEthernet, ethernetLength, ethernetToBuffer, newEthernetPeek, peekEthernet, ETH_TYPE_8021AD, ETH_TYPE_8021Q,
} from '../../../src/ethernet/ethernet.js'

const dvOf = (b: Buffer) => new DataView(b.buffer, b.byteOffset, b.byteLength)

describe('Ethernet framing', () => {
  // an 802.1ad S-tag (VID 10) over an 802.1Q C-tag (VID 20, PCP 5, DEI), then IPv4 — written by hand
  const qinq = Buffer.from('0180c2000002' + '020000001100' + '88a8' + '000a' + '8100' + 'b014' + '0800' + 'c0ffee', 'hex')

  it('decodes dst/src, peels 802.1ad and 802.1Q tags outermost first, payload as a view', () => {
    const f = decodeEthernet(qinq)
    expect(f).toMatchObject({
      dst: '01:80:c2:00:00:02', src: '02:00:00:00:11:00', ethertype: 0x0800, payloadOffset: 22,
      vlans: [{ tpid: ETH_TYPE_8021AD, pcp: 0, dei: false, vid: 10 }, { tpid: ETH_TYPE_8021Q, pcp: 5, dei: true, vid: 20 }],
    })
    expect(f.payload.toString('hex')).toBe('c0ffee')
    expect(f.payload.buffer).toBe(qinq.buffer) // a view, not a copy
  })

  it('encodes back byte for byte, length() exact', () => {
    const f = decodeEthernet(qinq)
    expect(ethernetToBuffer(f).equals(qinq)).toBe(true)
    expect(ethernetLength(f)).toBe(qinq.length)
    expect(ethernetToBuffer({ dst: '01:80:c2:00:00:02', src: '02:00:00:00:11:00', ethertype: 0x8809, payload: '01' }).toString('hex')).toBe('0180c20000020200000011008809' + '01')
  })

  it('throws TRUNCATED with the offset for short headers and cut tags', () => {
    const cases: Array<[Buffer, number]> = [[qinq.subarray(0, 13), 0], [qinq.subarray(0, 17), 12], [qinq.subarray(0, 21), 16]]
    for (const [b, off] of cases) {
      try {
        decodeEthernet(b)
        expect.unreachable()
      } catch (e) {
        expect(e).toBeInstanceOf(OflError)
        expect((e as OflError).code).toBe('TRUNCATED')
        expect((e as OflError).offset).toBe(off)
      }
    }
  })

  it('peekEthernet reads the same header in place into a reused object, at an offset', () => {
    const big = Buffer.concat([Buffer.alloc(7, 0xff), qinq])
    const out = newEthernetPeek()
    expect(peekEthernet(dvOf(big), 7, big.length, out)).toBe(true)
    expect(out).toEqual({ dst: 0x0180c2000002, src: 0x020000001100, ethertype: 0x0800, vlanCount: 2, vid: 10, payloadOffset: 29 })
    const plain = ethernetToBuffer({ dst: 'ff:ff:ff:ff:ff:ff', src: '02:00:00:00:00:01', ethertype: 0x8809, payload: '' })
    expect(peekEthernet(dvOf(plain), 0, plain.length, out)).toBe(true)
    expect(out).toMatchObject({ vlanCount: 0, vid: -1, ethertype: 0x8809, payloadOffset: 14, dst: 0xffffffffffff })
    expect(peekEthernet(dvOf(qinq), 0, 13, out)).toBe(false)
    expect(peekEthernet(dvOf(qinq), 0, 17, out)).toBe(false)
  })
})
