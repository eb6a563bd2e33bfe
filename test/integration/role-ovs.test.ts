// Controller roles against a REAL Open vSwitch: two controller connections to one switch (two
// active `unix:` controller targets: OVS connects to Unix sockets this test listens on).
// OF1.0 uses the Nicira role extension (src/openflow/v10/nx-role.ts), OF1.2/1.3 OFPT_ROLE_REQUEST
// with generation ids. Checked against OVS's own view (Controller table `role` column, `ovs-ofctl
// ofp-print`), OVS's replies decoded by our codecs, and what a slave receives: nothing but port
// status by default, packet-ins once it asks for them with NXT_SET_ASYNC_CONFIG / OFPT_SET_ASYNC —
// which is how a standby `ofl controller` keeps its LACP state without answering.
// One reply captured this way is kept as fixtures/vectors/of10/nx-role-reply-ovs.hex.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { OvsLab, ovsAvailable, waitFor, OVS_PROTOCOL, type OfVersionName } from '../helpers/ovs.js'
import { decodeMessage, encodeMessage } from '../../src/openflow/codec.js'
import { expectMessage } from '../helpers/messages.js'
import {
  decodeNxRole, encodeNxRoleRequest, encodeNxSetAsyncConfig, NX_ROLE_MASTER, NX_ROLE_SLAVE, NX_ROLE_OTHER,
  NXT_ROLE_REPLY, type NxRole,
} from '../../src/openflow/v10/nx-role.js'

const available = ovsAvailable()

/** A bare OpenFlow connection: hello, then whole messages as raw buffers. */
class OfConn {
  readonly msgs: Buffer[] = []
  private buf = Buffer.alloc(0)
  private xid = 100
  private constructor(readonly sock: Socket, readonly version: number) {
    sock.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d])
      while (this.buf.length >= 8 && this.buf.length >= this.buf.readUInt16BE(2)) {
        const len = this.buf.readUInt16BE(2)
        const m = Buffer.from(this.buf.subarray(0, len))
        this.buf = this.buf.subarray(len)
        // echo requests keep the connection alive
        if (m[1] === 2) sock.write(Buffer.concat([Buffer.from([m[0]!, 3]), m.subarray(2)]))
        else this.msgs.push(m)
      }
    })
    sock.on('error', () => undefined)
  }
  /** Listen on a Unix socket that OVS connects to (an active `unix:` controller target = primary). */
  static async accept(server: Server, version: number): Promise<OfConn> {
    const sock = await new Promise<Socket>((resolve) => server.once('connection', resolve))
    const c = new OfConn(sock, version)
    sock.write(Buffer.from([version, 0, 0, 8, 0, 0, 0, 1]))
    await waitFor('hello from OVS', () => c.msgs.some((m) => m[1] === 0), 10_000)
    return c
  }
  nextXid(): number {
    return ++this.xid
  }
  send(b: Buffer): void {
    this.sock.write(b)
  }
  /** Wait for a message matching `pred` that arrived after index `from`. */
  async expect(what: string, pred: (m: Buffer) => boolean, from = 0): Promise<Buffer> {
    return waitFor(what, () => this.msgs.slice(from).find(pred), 10_000, 10)
  }
  count(pred: (m: Buffer) => boolean): number {
    return this.msgs.filter(pred).length
  }
  close(): void {
    this.sock.destroy()
  }
}

const VERSION: Record<OfVersionName, number> = { '1.0': 1, '1.2': 3, '1.3': 4 }
const PACKET_IN = 10
const OFPT12_ROLE_REPLY = 25
const OFPCR_ROLE_EQUAL = 1
const OFPCR_ROLE_MASTER = 2
const OFPCR_ROLE_SLAVE = 3
const OFPR_NO_MATCH = 0
const OFPR_ACTION = 1
const OFPPR_ALL = 0b111
const FRAME = 'ffffffffffff0200000000aa0800' + '00'.repeat(46)

for (const version of ['1.0', '1.2', '1.3'] as OfVersionName[]) {
  describe.skipIf(!available)(`controller roles ⇄ Open vSwitch, OpenFlow ${version}${version === '1.0' ? ' (Nicira NXT_ROLE_REQUEST)' : ' (OFPT_ROLE_REQUEST)'}`, () => {
    let lab: OvsLab
    let a: OfConn
    let b: OfConn
    const listeners: Server[] = []
    const v = VERSION[version]

    beforeAll(async () => {
      lab = await OvsLab.start()
      // `unix:` targets are primary controllers (roles, async messages, the Controller table's role
      // column); OVS connects to sockets this process listens on. (`punix:` ones are service controllers.)
      const servers = ['a', 'b'].map(() => createServer())
      listeners.push(...servers)
      await Promise.all(servers.map((srv, i) => new Promise<void>((r) => srv.listen(join(lab.dir, `ctl-${'ab'[i]}.sock`), r))))
      const accepted = servers.map((srv) => OfConn.accept(srv, v))
      await lab.vsctl(
        '--', 'add-br', 's1', '--', 'set', 'bridge', 's1', 'datapath_type=netdev', 'fail_mode=secure', `protocols=${OVS_PROTOCOL[version]}`,
        'other-config:datapath-id=0000000000000001', 'other-config:disable-in-band=true',
        '--', 'set-controller', 's1', `unix:${join(lab.dir, 'ctl-a.sock')}`, `unix:${join(lab.dir, 'ctl-b.sock')}`,
      )
      ;[a, b] = (await Promise.all(accepted)) as [OfConn, OfConn]
      if (v === 4) {
        // OF1.3 drops table misses without a table-miss flow; send them to the controllers.
        await lab.ofctl('-O', 'OpenFlow13', 'add-flow', 's1', 'priority=0,actions=CONTROLLER:65535')
      }
    }, 60_000)
    afterAll(async () => {
      a?.close()
      b?.close()
      for (const srv of listeners.splice(0)) srv.close()
      await lab?.stop()
    })

    /** Controller table: target → role, as OVS reports it. */
    async function roles(): Promise<Record<string, string>> {
      const out = await lab.vsctl('--format=csv', '--data=bare', '--no-headings', '--columns=target,role', 'list', 'controller')
      const r: Record<string, string> = {}
      for (const line of out.trim().split('\n')) {
        const [target, role] = line.split(',')
        r[target!.endsWith('ctl-a.sock') ? 'a' : 'b'] = role ?? ''
      }
      return r
    }

    /** Ask for a role; returns the role OVS granted (decoded from its reply) and the raw reply. */
    async function ask(c: OfConn, role: 'master' | 'slave' | 'equal', generationId = 0n): Promise<{ granted: string; reply: Buffer }> {
      const xid = c.nextXid()
      const from = c.msgs.length
      if (v === 1) {
        const nx: NxRole = role === 'master' ? NX_ROLE_MASTER : role === 'slave' ? NX_ROLE_SLAVE : NX_ROLE_OTHER
        c.send(encodeNxRoleRequest(nx, xid))
      } else {
        const r = role === 'master' ? OFPCR_ROLE_MASTER : role === 'slave' ? OFPCR_ROLE_SLAVE : OFPCR_ROLE_EQUAL
        c.send(encodeMessage({ version: v, type: 24, xid, role: r, generationId }))
      }
      const reply = await c.expect(`reply to xid ${xid}`, (m) => m.readUInt32BE(4) === xid, from)
      const msg = decodeMessage(reply)
      if (v === 1) {
        expect(msg.type).toBe(4) // OFPT_VENDOR
        const vendor = expectMessage(msg, 1, 4)
        const nx = decodeNxRole(vendor.vendor, vendor.data)
        expect(nx?.subtype).toBe(NXT_ROLE_REPLY)
        return { granted: ['other', 'master', 'slave'][nx!.role]!, reply }
      }
      if (msg.type === 1) return { granted: `error ${reply.readUInt16BE(8)}/${reply.readUInt16BE(10)}`, reply } // OFPT_ERROR
      expect(msg.type).toBe(OFPT12_ROLE_REPLY)
      if (!('role' in msg)) throw new Error(`not a role reply: type ${msg.type}`)
      return { granted: ['nochange', 'equal', 'master', 'slave'][msg.role]!, reply }
    }

    it('master and slave are granted, and OVS reports them in its Controller table', async () => {
      const ra = await ask(a, 'master', 5n)
      expect(ra.granted).toBe('master')
      const rb = await ask(b, 'slave', 5n)
      expect(rb.granted).toBe('slave')
      await waitFor('Controller table a=master b=slave', async () => {
        const r = await roles()
        return r.a === 'master' && r.b === 'slave'
      }, 15_000, 100)
      if (v === 1) {
        // The exact bytes OVS sent: OFPT_VENDOR, length 20, our xid, NX_VENDOR_ID, NXT_ROLE_REPLY, MASTER.
        expect(ra.reply.subarray(0, 4).toString('hex')).toBe('01040014')
        expect(ra.reply.subarray(8).toString('hex')).toBe('00002320' + '0000000b' + '00000001')
      }
    })

    it('OVS decodes our role request the same way (ovs-ofctl ofp-print)', () => {
      const bytes = v === 1 ? encodeNxRoleRequest(NX_ROLE_SLAVE, 0x1234) : encodeMessage({ version: v, type: 24, xid: 0x1234, role: OFPCR_ROLE_MASTER, generationId: 0x2an })
      const text = execFileSync('ovs-ofctl', ['ofp-print', bytes.toString('hex')], { encoding: 'utf8' })
      if (v === 1) expect(text).toMatch(/NXT_ROLE_REQUEST \(xid=0x1234\):\s*role=(?:slave|secondary)/)
      else expect(text).toMatch(new RegExp(`OFPT_ROLE_REQUEST \\(OF1\\.${v === 3 ? 2 : 3}\\) \\(xid=0x1234\\):\\s*role=(?:master|primary) generation_id=42`))
    })

    it('a slave gets no packet-in by default; with the async config a standby asks for, it gets them too', async () => {
      await ask(a, 'master', 6n)
      await ask(b, 'slave', 6n)
      const isPi = (m: Buffer) => m[1] === PACKET_IN
      const a0 = a.count(isPi)
      const b0 = b.count(isPi)
      await lab.ofctl('-O', OVS_PROTOCOL[version], 'packet-out', 's1', 'LOCAL', 'CONTROLLER', FRAME)
      await waitFor('master gets the packet-in', () => a.count(isPi) > a0, 10_000, 10)
      // A barrier round trip on b: anything OVS queued for b before it is delivered by then.
      await barrier(b)
      expect(b.count(isPi)).toBe(b0)

      const masks = { packetInMask: [(1 << OFPR_NO_MATCH) | (1 << OFPR_ACTION), (1 << OFPR_NO_MATCH) | (1 << OFPR_ACTION)] as [number, number], portStatusMask: [OFPPR_ALL, OFPPR_ALL] as [number, number], flowRemovedMask: [0b1111, 0b1111] as [number, number] }
      b.send(v === 4 ? encodeMessage({ version: v, type: 28, xid: b.nextXid(), ...masks }) : encodeNxSetAsyncConfig(masks, b.nextXid(), v))
      await lab.ofctl('-O', OVS_PROTOCOL[version], 'packet-out', 's1', 'LOCAL', 'CONTROLLER', FRAME)
      await waitFor('the slave now gets the packet-in too', () => b.count(isPi) > b0, 10_000, 10)
      expect((await roles()).b).toBe('slave')
      // And it is still not allowed to change the switch: a flow-mod from the slave is refused.
      const from = b.msgs.length
      const xid = b.nextXid()
      b.send(flowModAdd(v, xid))
      const err = await b.expect('error for the slave flow-mod', (m) => m[1] === 1 && m.readUInt32BE(4) === xid, from)
      // OFPET_BAD_REQUEST / OFPBRC_EPERM (1.0: code 5 "is_slave" as EPERM; 1.2+: OFPBRC_IS_SLAVE 10)
      expect(err.readUInt16BE(8)).toBe(1)
      expect(err.readUInt16BE(10)).toBe(v === 1 ? 5 : 10)
    })

    it('a second MASTER demotes the first (and, 1.2/1.3, a stale generation id is refused)', async () => {
      expect((await ask(a, 'master', 10n)).granted).toBe('master')
      expect((await ask(b, 'master', 11n)).granted).toBe('master')
      await waitFor('Controller table a=slave b=master', async () => {
        const r = await roles()
        return r.a === 'slave' && r.b === 'master'
      }, 15_000, 100)
      if (v !== 1) {
        // OpenFlow 1.3.5 §6.3.7: generation_id older than the last one seen → OFPRRFC_STALE.
        const stale = await ask(a, 'master', 9n)
        const err = decodeMessage(stale.reply)
        expect(err.type).toBe(1)
        expect(stale.reply.readUInt16BE(8)).toBe(11) // OFPET_ROLE_REQUEST_FAILED
        expect(stale.reply.readUInt16BE(10)).toBe(0) // OFPRRFC_STALE
        expect((await roles()).b).toBe('master')
      }
    })
  })
}

async function barrier(c: OfConn): Promise<void> {
  const xid = c.nextXid()
  const from = c.msgs.length
  c.send(Buffer.from([c.version, c.version === 1 ? 18 : 20, 0, 8, xid >>> 24, (xid >>> 16) & 255, (xid >>> 8) & 255, xid & 255]))
  await c.expect('barrier reply', (m) => m.readUInt32BE(4) === xid, from)
}

function flowModAdd(v: number, xid: number): Buffer {
  if (v === 1) {
    return encodeMessage({
      version: 1, type: 14, xid, cookie: 0n,
      match: { wildcards: 0x3fffff, inPort: 0, dlSrc: '00:00:00:00:00:00', dlDst: '00:00:00:00:00:00', dlVlan: 0, dlVlanPcp: 0, dlType: 0, nwTos: 0, nwProto: 0, nwSrc: '0.0.0.0', nwDst: '0.0.0.0', tpSrc: 0, tpDst: 0 }, command: 0, idleTimeout: 0, hardTimeout: 0,
      priority: 1, bufferId: 0xffffffff, outPort: 0xffff, flags: 0, actions: [],
    })
  }
  return encodeMessage({
    version: v, type: 14, xid, cookie: 0n, cookieMask: 0n, tableId: 0, command: 0, idleTimeout: 0, hardTimeout: 0, priority: 1,
    bufferId: 0xffffffff, outPort: 0xffffffff, outGroup: 0xffffffff, flags: 0, match: { fields: [] }, instructions: [],
  })
}
