import { describe, expect, it } from 'vitest'
import { toJsonValue } from '../../../src/wire/json.js'
import { decodeMarker, markerResponse, markerToBuffer } from '../../../src/lacp/marker.js'
import { loadVectors } from './vectors.js'

const info = loadVectors('lacp', 'marker-info')[0]!.bytes

describe('Marker PDU', () => {
  it('the response echoes port, system and transaction id with TLV type 2 (802.1AX §6.5.4.2)', () => {
    const r = markerResponse(decodeMarker(info))
    const bytes = markerToBuffer(r)
    expect(bytes.length).toBe(110)
    // only the TLV type octet differs from the information PDU
    const diff = [...bytes].flatMap((b, i) => (b === info[i] ? [] : [i]))
    expect(diff).toEqual([2])
    expect(bytes[2]).toBe(2)
    expect(toJsonValue(decodeMarker(bytes))).toMatchObject({ tlvType: 2, requesterPort: 1, requesterSystem: '02:00:00:00:11:00', requesterTransactionId: 0x12345678, issues: [] })
  })

  it('refuses to answer a response (MARKER_NOT_INFORMATION)', () => {
    expect(() => markerResponse(markerResponse(decodeMarker(info)))).toThrowError(expect.objectContaining({ code: 'MARKER_NOT_INFORMATION' }))
  })

  it.each([
    [1, 2, 'MARKER_UNKNOWN_VERSION'],
    [2, 9, 'MARKER_BAD_TLV_TYPE'],
    [3, 17, 'MARKER_BAD_TLV_LENGTH'],
    [17, 1, 'MARKER_PAD_NONZERO'],
    [18, 1, 'MARKER_BAD_TLV_TYPE'],
    [19, 1, 'MARKER_TERMINATOR_LENGTH'],
    [109, 1, 'MARKER_RESERVED_NONZERO'],
  ])('byte %i = %i gives issue %s at that offset, fields still read', (at, value, code) => {
    const b = Buffer.from(info)
    b[at] = value
    const m = decodeMarker(b)
    expect(m.issues.map((i) => [i.code, i.offset])).toEqual([[code, at]])
    expect(m.requesterTransactionId).toBe(0x12345678)
  })

  it('MARKER_BAD_SUBTYPE for a LACPDU, TRUNCATED below 110 bytes', () => {
    const b = Buffer.from(info)
    b[0] = 1
    expect(() => decodeMarker(b)).toThrowError(expect.objectContaining({ code: 'MARKER_BAD_SUBTYPE', offset: 0 }))
    expect(() => decodeMarker(info.subarray(0, 109))).toThrowError(expect.objectContaining({ code: 'TRUNCATED', offset: 0 }))
  })
})
