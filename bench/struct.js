#!/usr/bin/env node
// Field-table decoders (wire/struct.ts) against hand-written copies of the same decoders and the
// interpreted loop, interleaved in one process (process CPU time, median of 15 rounds): node bench/struct.js
import { WireReader } from '../dist/wire/reader.js'
import { PACKET_IN10 } from '../dist/openflow/v10/packet-in.js'
import { PACKET_IN13 } from '../dist/openflow/v13/packet-in.js'
import { decodeMatch } from '../dist/openflow/common13/oxm.js'
import { buildPacketInStream } from '../dist/bench/openflow.js'
import { readInterpreted } from '../dist/wire/struct.js'
const s = buildPacketInStream(400)
const offs = []; for (let o = 0; o < s.length; o += s.readUInt16BE(o + 2)) offs.push(o)
const dv = new DataView(s.buffer, s.byteOffset, s.byteLength)
const hand10 = (r, h) => { r.need(10, 'ofp_packet_in'); const bufferId = r.u32(), totalLen = r.u16(), inPort = r.u16(), reason = r.u8(); r.skip(1); return { version: 1, type: 10, xid: h.xid, bufferId, totalLen, inPort, reason, data: r.rest() } }
const hand13 = (r, h) => { r.need(16, 'ofp_packet_in'); const bufferId = r.u32(), totalLen = r.u16(), reason = r.u8(), tableId = r.u8(), cookie = r.u64(); const match = decodeMatch(r); r.skip(2, 'ofp_packet_in.pad'); const data = r.rest(); return { version: h.version, type: h.type, xid: h.xid, bufferId, totalLen, reason, tableId, cookie, match, data } }
const interp10 = (r, h) => ({ version: 1, type: 10, xid: h.xid, ...readInterpreted('ofp_packet_in', PACKET_IN10.fields, r) })
function run(fn, v) { let acc = 0; for (const o of offs) { if (s[o] !== v) continue; const r = new WireReader(s, o + 8, o + s.readUInt16BE(o + 2), dv); const m = fn(r, { version: s[o], type: 10, xid: 1 }); acc += m.totalLen } return acc }
const cases = { 'hand 1.0': [hand10, 1], 'table 1.0': [PACKET_IN10.decode, 1], 'interp 1.0': [interp10, 1], 'hand 1.3': [hand13, 4], 'table 1.3': [PACKET_IN13.decode, 4] }
const res = {}; for (const k in cases) res[k] = []
for (let round = 0; round < 15; round++) for (const [k, [fn, v]] of Object.entries(cases)) {
  const t0 = process.cpuUsage(); let n = 0; const end = Date.now() + 60
  while (Date.now() < end) { run(fn, v); n += 200 }
  const u = process.cpuUsage(t0); res[k].push((u.user + u.system) * 1000 / n)
}
for (const k in res) { const a = res[k].sort((x, y) => x - y); console.log(k.padEnd(12), 'median', a[7].toFixed(1), 'ns/msg') }
