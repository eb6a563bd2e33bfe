// Oracle check of what the load generator puts on the wire: its PACKET_IN templates (patched in place)
// and its handshake replies, wrapped in TCP to port 6653 and dissected by tshark (an independent
// OpenFlow implementation). Guarded by hasTool('tshark').
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writePcap } from '../../src/capture/writer.js'
import { DATA_IN_PORT, DST_MAC_LEARNED, dataFrame, packetInTemplate, writePacketIn } from '../../src/bench/controller/frames.js'
import { featuresReply, statsReply } from '../../src/bench/controller/replies.js'
import { hasTool } from '../helpers/corpus.js'

/** Ethernet + IPv4 + TCP (src port `sport` → 6653) around an OpenFlow payload. */
function tcpFrame(payload: Buffer, sport: number): Buffer {
  const f = Buffer.alloc(54 + payload.length)
  f.set([0x02, 0, 0, 0, 0, 0xaa, 0x02, 0, 0, 0, 0, 0xbb], 0)
  f.writeUInt16BE(0x0800, 12)
  f.set([0x45, 0, 0, 0], 14)
  f.writeUInt16BE(40 + payload.length, 16)
  f.set([0, 1, 0x40, 0, 64, 6, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1], 18)
  f.writeUInt16BE(sport, 34)
  f.writeUInt16BE(6653, 36)
  f.writeUInt32BE(1, 38) // seq
  f.writeUInt32BE(1, 42) // ack
  f.set([0x50, 0x18], 46) // data offset 5, PSH|ACK
  f.writeUInt16BE(65535, 48) // window
  payload.copy(f, 54)
  return f
}

describe.skipIf(!hasTool('tshark'))('tshark dissects the load generator\'s messages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ofl-bench-tshark-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  function dissect(msgs: Buffer[], fields: string[]): string[][] {
    const file = join(dir, `m${Math.random().toString(36).slice(2)}.pcap`)
    writeFileSync(file, writePcap(msgs.map((m, i) => ({ tsSec: 1_700_000_000 + i, data: tcpFrame(m, 40000 + i) }))))
    const out = execFileSync('tshark', ['-r', file, '-d', 'tcp.port==6653,openflow', '-T', 'fields', '-E', 'separator=|', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8', timeout: 60_000 })
    return out.trim().split('\n').map((l) => l.split('|'))
  }

  function patched(version: number): Buffer {
    const t = packetInTemplate(version, DATA_IN_PORT, dataFrame(DST_MAC_LEARNED))
    const b = Buffer.alloc(t.bytes.length)
    writePacketIn(t, b, 0, 0x1234, 4321, 0x0a0b0c0d, 99)
    return b
  }

  it('OpenFlow 1.0 PACKET_IN: buffer_id, in_port, total_len and the frame at offset 18', () => {
    const [row] = dissect([patched(1)], ['openflow_1_0.type', 'openflow.xid', 'openflow.buffer_id', 'openflow.total_len', 'openflow.in_port', 'eth.src', 'eth.dst', 'udp.dstport'])
    expect(row).toEqual(['10', '4660', '0x000010e1', '64', '3', '02:00:00:00:00:bb,02:00:0a:0b:0c:0d', '02:00:00:00:00:aa,02:ff:00:00:00:01', '9']) // buffer_id 4321 (tshark prints it in hex)
  })

  it('OpenFlow 1.3 PACKET_IN: buffer_id, OXM in_port, total_len and the frame after the padded match', () => {
    const [row] = dissect([patched(4)], ['openflow_v4.type', 'openflow_v4.xid', 'openflow_v4.packet_in.buffer_id', 'openflow_v4.packet_in.total_len', 'openflow_v4.oxm.value_uint32', 'eth.src', 'udp.dstport'])
    expect(row).toEqual(['10', '4660', '4321', '64', '3', '02:00:00:00:00:bb,02:00:0a:0b:0c:0d', '9'])
  })

  it('FEATURES_REPLY: datapath id = switch index + 1; 1.0 lists the ports; 1.3 PORT_DESC lists them', () => {
    const [r10] = dissect([featuresReply(1, 7, 5)], ['openflow_1_0.type', 'openflow.datapath_id', 'openflow.n_buffers'])
    expect(r10).toEqual(['6', '0x0000000000000005', '256'])
    const [r13, pd] = dissect([featuresReply(4, 7, 5), statsReply(4, 8, 13, 5)!], ['openflow_v4.type', 'openflow_v4.switch_features.datapath_id', 'openflow_v4.port.port_no'])
    expect(r13!.slice(0, 2)).toEqual(['6', '0x0000000000000005'])
    expect(pd![0]).toBe('19')
    expect(pd![2]).toBe('1,2,3,4,4294967294')
  })
})
