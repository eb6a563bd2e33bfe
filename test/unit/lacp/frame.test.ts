// The slow-protocol hot path (src/lacp/frame.ts): classification, the in-place LACPDU read, and the
// LACPDU / Marker Response frames written in place, decoded by the general slow-protocol decoder.
import { describe, it, expect } from 'vitest'
import { classifySlow, readLacpFrame, writeLacpFrame, writeMarkerResponse, SLOW_LACP, SLOW_MARKER_INFO, SLOW_NONE, SLOW_OTHER, LACP_FRAME_SIZE } from '../../../src/lacp/frame.js'
import { buildSlowFrame, decodeSlowFrame, isLacpdu } from '../../../src/lacp/slow.js'
import { macToNumber, parseMac } from '../../../src/wire/mac.js'
import { newLacpPeek } from '../../../src/lacp/lacpdu.js'

const dvOf = (b: Buffer) => new DataView(b.buffer, b.byteOffset, b.byteLength)
const ethType = (b: Buffer) => b.readUInt16BE(12)

describe('slow-protocol frames', () => {
  const lacp = buildSlowFrame({
    src: '5e:82:fe:fe:e7:95',
    pdu: {
      actor: { systemPriority: 65534, system: '02:00:00:00:11:00', key: 2, portPriority: 65535, port: 1, state: 0xbf },
      partner: { systemPriority: 0, system: '00:00:00:00:00:00', key: 0, portPriority: 0, port: 0, state: 0x02 },
    },
  })
  it('classifies LACP, Marker, other slow subtypes and ordinary frames', () => {
    expect(classifySlow(lacp, 0, lacp.length, ethType(lacp))).toBe(SLOW_LACP)
    const marker = buildSlowFrame({ src: '02:00:00:00:00:01', pdu: { subtype: 2, requesterPort: 1, requesterSystem: '02:00:00:00:11:00', requesterTransactionId: 1 } })
    expect(classifySlow(marker, 0, marker.length, ethType(marker))).toBe(SLOW_MARKER_INFO)
    const oam = buildSlowFrame({ src: '02:00:00:00:00:01', pdu: { subtype: 3, body: '0000' } })
    expect(classifySlow(oam, 0, oam.length, ethType(oam))).toBe(SLOW_OTHER)
    const ip = Buffer.alloc(60)
    ip.writeUInt16BE(0x0800, 12)
    expect(classifySlow(ip, 0, ip.length, ethType(ip))).toBe(SLOW_NONE)
  })
  it('reads OVS-shaped LACPDUs, rejects short or mangled ones', () => {
    const out = newLacpPeek()
    expect(readLacpFrame(dvOf(lacp), 0, lacp.length, out)).toBe(true)
    expect(out.actor).toEqual({ systemPriority: 65534, system: macToNumber(parseMac('02:00:00:00:11:00')), key: 2, portPriority: 65535, port: 1, state: 0xbf })
    expect(readLacpFrame(dvOf(lacp), 0, lacp.length - 1, out)).toBe(false)
    const bad = Buffer.from(lacp)
    bad[14 + 3] = 19 // actor TLV length
    expect(readLacpFrame(dvOf(bad), 0, bad.length, out)).toBe(false)
  })
  it('writes a LACPDU frame the lacp decoder accepts without issues', () => {
    const buf = Buffer.alloc(LACP_FRAME_SIZE + 10, 0xee)
    const actor = { systemPriority: 0xffff, system: macToNumber(parseMac('02:00:00:00:01:00')), key: 2, portPriority: 0xff, port: 1, state: 0x3e }
    const partner = { systemPriority: 65534, system: macToNumber(parseMac('02:00:00:00:11:00')), key: 2, portPriority: 65535, port: 1, state: 0xbf }
    writeLacpFrame(buf, dvOf(buf), 5, macToNumber(parseMac('02:00:00:00:01:01')), actor, partner)
    const f = decodeSlowFrame(buf, 5, 5 + LACP_FRAME_SIZE)
    expect(f.issues).toEqual([])
    expect(f.eth).toMatchObject({ dst: '01:80:c2:00:00:02', src: '02:00:00:00:01:01' })
    expect(isLacpdu(f.pdu) && [f.pdu.actor, f.pdu.partner, f.pdu.collectorMaxDelay]).toEqual([
      { systemPriority: 0xffff, system: '02:00:00:00:01:00', key: 2, portPriority: 0xff, port: 1, state: 0x3e },
      { systemPriority: 65534, system: '02:00:00:00:11:00', key: 2, portPriority: 65535, port: 1, state: 0xbf },
      0,
    ])
    expect(buf[4]).toBe(0xee)
    expect(buf[5 + LACP_FRAME_SIZE]).toBe(0xee)
  })
  it('writes the Marker Response to a Marker Information PDU', () => {
    const info = buildSlowFrame({ src: '02:aa:00:00:00:01', pdu: { subtype: 2, requesterPort: 7, requesterSystem: '02:00:00:00:11:00', requesterTransactionId: 0xdeadbeef } })
    const buf = Buffer.alloc(LACP_FRAME_SIZE)
    writeMarkerResponse(buf, dvOf(buf), 0, info, 0, macToNumber(parseMac('02:00:00:00:01:07')))
    const f = decodeSlowFrame(buf)
    expect(f.issues).toEqual([])
    expect(f.pdu).toMatchObject({ subtype: 2, tlvType: 2, requesterPort: 7, requesterSystem: '02:00:00:00:11:00', requesterTransactionId: 0xdeadbeef })
  })
})
