import { describe, expect, it } from 'vitest'
import { errorNames, errorReply, errorTypeCode, errorTypeCodeFor, errorTypes } from '../../../src/openflow/errors.js'
import { MalformedError, TruncatedError, UnsupportedError } from '../../../src/wire/errors.js'

describe('OpenFlow error numbers', () => {
  it('maps spec names to numbers per version', () => {
    expect(errorTypeCode(1, 'OFPBRC_BAD_LEN')).toEqual({ type: 1, code: 6 })
    expect(errorTypeCode(1, 'OFPBAC_BAD_LEN')).toEqual({ type: 2, code: 1 })
    expect(errorTypeCode(1, 'OFPFMFC_UNSUPPORTED')).toEqual({ type: 3, code: 5 })
    expect(errorTypeCode(4, 'OFPFMFC_BAD_FLAGS')).toEqual({ type: 5, code: 7 })
    expect(errorTypeCode(4, 'OFPBMC_BAD_PREREQ')).toEqual({ type: 4, code: 9 })
    expect(errorTypeCode(4, 'OFPTFFC_EPERM')).toEqual({ type: 13, code: 5 })
    expect(errorTypeCode(4, 'OFPBRC_MULTIPART_BUFFER_OVERFLOW')).toEqual({ type: 1, code: 13 })
    expect(errorTypeCode(3, 'OFPBRC_MULTIPART_BUFFER_OVERFLOW')).toBeUndefined()
    expect(errorTypeCode(1, 'OFPBIC_BAD_LEN')).toBeUndefined()
    expect(errorTypes(4).OFPET_METER_MOD_FAILED).toBe(12)
    expect(errorTypes(1).OFPET_QUEUE_OP_FAILED).toBe(5)
  })

  it('names numbers for printing', () => {
    expect(errorNames(1, 2, 1)).toEqual({ type: 'OFPET_BAD_ACTION', code: 'OFPBAC_BAD_LEN' })
    expect(errorNames(4, 1, 2)).toEqual({ type: 'OFPET_BAD_REQUEST', code: 'OFPBRC_BAD_MULTIPART' })
    expect(errorNames(4, 99, 1).type).toBe('OFPET_UNKNOWN(99)')
  })

  it('maps decode failures to type/code', () => {
    expect(errorTypeCodeFor(new TruncatedError(4, 2), 1)).toEqual({ type: 1, code: 6 })
    expect(errorTypeCodeFor(new UnsupportedError('OFPBRC_BAD_VERSION', 'x'), 4)).toEqual({ type: 1, code: 0 })
    expect(errorTypeCodeFor(new MalformedError('OFPBRC_BAD_VENDOR', 'x'), 4)).toEqual({ type: 1, code: 3 })
    expect(errorTypeCodeFor(new MalformedError('OFPBAC_BAD_EXPERIMENTER', 'x'), 1)).toEqual({ type: 2, code: 2 })
    expect(errorTypeCodeFor(new Error('x'), 4)).toEqual({ type: 1, code: 5 })
  })

  it('builds the OFPT_ERROR reply with the first 64 bytes and the xid of the offending message', () => {
    const offending = Buffer.alloc(100, 0xab)
    offending.set([0x01, 0x0e, 0x00, 0x64, 0x00, 0x00, 0x12, 0x34])
    const r = errorReply(new MalformedError('OFPBAC_BAD_LEN', 'zero-length action'), offending, 1)
    expect(r.length).toBe(8 + 4 + 64)
    expect(r.subarray(0, 12).toString('hex')).toBe('0101004c0000123400020001')
    expect(r.subarray(12).equals(offending.subarray(0, 64))).toBe(true)
    const short = errorReply(new TruncatedError(8, 3), Buffer.from([4, 0, 0]), 4)
    expect(short.toString('hex')).toBe('0401000f000000000001000604' + '0000')
  })
})

import { MESSAGE_TYPE_COUNT, messageTypeName, OFPT12, OFPT13 } from '../../../src/openflow/constants.js'

describe('message type names', () => {
  it('counts and names the types of each version', () => {
    expect(MESSAGE_TYPE_COUNT).toEqual({ 1: 22, 3: 26, 4: 30 })
    expect(Object.values(OFPT12)).toEqual([...Array(26).keys()])
    expect(Object.values(OFPT13)).toEqual([...Array(30).keys()])
    expect(messageTypeName(1, 4)).toBe('OFPT_VENDOR')
    expect(messageTypeName(3, 18)).toBe('OFPT_STATS_REQUEST')
    expect(messageTypeName(4, 18)).toBe('OFPT_MULTIPART_REQUEST')
    expect(messageTypeName(4, 29)).toBe('OFPT_METER_MOD')
    expect(messageTypeName(4, 30)).toBe('OFPT_UNKNOWN(30)')
  })
})
