// The Nicira role extension (src/openflow/v10/nx-role.ts) against Open vSwitch's bytes and decoder:
// a reply captured from OVS 3.1 (fixtures/vectors/of10/nx-role-reply-ovs.hex) and `ovs-ofctl ofp-print`
// output recorded for our encoder's bytes (the live check runs in test/integration/role-ovs.test.ts).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeMessage } from '../../../../src/openflow/codec.js'
import { expectMessage } from '../../../helpers/messages.js'
import { parseHex } from '../../../../src/wire/hex.js'
import {
  decodeNxRole, decodeNxRoleParts, encodeNxRoleReply, encodeNxRoleRequest, encodeNxSetAsyncConfig,
  NX_ROLE_MASTER, NX_ROLE_OTHER, NX_ROLE_SLAVE, NX_VENDOR_ID, NXT_ROLE_REPLY, NXT_ROLE_REQUEST,
} from '../../../../src/openflow/v10/nx-role.js'

const ovsReply = parseHex(readFileSync(new URL('../../../../fixtures/vectors/of10/nx-role-reply-ovs.hex', import.meta.url), 'utf8').split(/^-- /m).find((s) => s.startsWith('binary'))!.slice(6))

describe('NXT_ROLE_REQUEST / NXT_ROLE_REPLY (Open vSwitch nicira-ext.h)', () => {
  it('decodes the reply OVS sent, through the OFPT_VENDOR codec', () => {
    const m = decodeMessage(ovsReply)
    expect(m.type).toBe(4)
    const vendor = expectMessage(m, 1, 4)
    expect(decodeNxRole(vendor.vendor, vendor.data)).toEqual({ subtype: NXT_ROLE_REPLY, role: NX_ROLE_MASTER })
  })
  it('encodes the reply byte for byte as OVS did', () => {
    expect(encodeNxRoleReply(NX_ROLE_MASTER, 0x65).equals(ovsReply)).toBe(true)
  })
  it('encodes requests that ovs-ofctl ofp-print reads as NXT_ROLE_REQUEST role=equal (other) / secondary (slave)', () => {
    // ovs-ofctl ofp-print 0104001400001234000023200000000a00000002 → "NXT_ROLE_REQUEST (xid=0x1234): role=secondary"
    expect(encodeNxRoleRequest(NX_ROLE_SLAVE, 0x1234).toString('hex')).toBe('0104001400001234000023200000000a00000002')
    expect(encodeNxRoleRequest(NX_ROLE_OTHER, 1).toString('hex')).toBe('0104001400000001000023200000000a00000000')
    // OpenFlow 1.3: the same body in OFPT_EXPERIMENTER (type 4, experimenter, exp_type)
    const m = decodeMessage(encodeNxRoleRequest(NX_ROLE_MASTER, 9, 4))
    expect(m).toMatchObject({ version: 4, type: 4, xid: 9, experimenter: NX_VENDOR_ID, expType: NXT_ROLE_REQUEST })
    const exp = expectMessage(m, 4, 4)
    expect(decodeNxRoleParts(exp.experimenter, exp.expType, exp.data)).toEqual({ subtype: NXT_ROLE_REQUEST, role: NX_ROLE_MASTER })
  })
  it('encodes NXT_SET_ASYNC_CONFIG as ovs-ofctl ofp-print reads it', () => {
    // ovs-ofctl ofp-print → "NXT_SET_ASYNC_CONFIG (xid=0x7): primary: PACKET_IN: no_match action,
    // PORT_STATUS: add delete modify, FLOW_REMOVED: idle; secondary: … FLOW_REMOVED: idle hard delete group_delete"
    const b = encodeNxSetAsyncConfig({ packetInMask: [3, 3], portStatusMask: [7, 7], flowRemovedMask: [1, 15] }, 7)
    expect(b.toString('hex')).toBe('0104002800000007000023200000001300000003000000030000000700000007000000010000000f')
  })
  it('ignores other vendors and subtypes; a bad role body is a typed error', () => {
    expect(decodeNxRole(0x005c16c7, Buffer.from('0000000b00000001', 'hex'))).toBeUndefined()
    expect(decodeNxRole(NX_VENDOR_ID, Buffer.from('0000001300000001', 'hex'))).toBeUndefined() // NXT_SET_ASYNC_CONFIG
    expect(decodeNxRole(NX_VENDOR_ID, Buffer.from('0000', 'hex'))).toBeUndefined()
    expect(() => decodeNxRole(NX_VENDOR_ID, Buffer.from('0000000b000000', 'hex'))).toThrow(expect.objectContaining({ code: 'NX_BAD_LEN', offset: 16 }))
    expect(() => decodeNxRoleParts(NX_VENDOR_ID, NXT_ROLE_REPLY, Buffer.from('00000003', 'hex'))).toThrow(expect.objectContaining({ code: 'NX_BAD_ROLE', offset: 16 }))
  })
})
