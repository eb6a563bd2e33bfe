// The twelve 64-bit counters of struct ofp_port_stats, after port_no and its padding. Identical in
// OpenFlow 1.0 (§5.3.5 "Port Statistics"), 1.2 (§A.3.5.5) and 1.3 (§A.3.5.6); only the port number
// width, the padding and 1.3's trailing duration differ, and those stay in the per-version modules.
import type { WireReader } from '../wire/reader.js'
import type { WireWriter } from '../wire/writer.js'

export interface PortCounters {
  rxPackets: bigint // uint64_t rx_packets;
  txPackets: bigint // uint64_t tx_packets;
  rxBytes: bigint // uint64_t rx_bytes;
  txBytes: bigint // uint64_t tx_bytes;
  rxDropped: bigint // uint64_t rx_dropped;
  txDropped: bigint // uint64_t tx_dropped;
  rxErrors: bigint // uint64_t rx_errors;
  txErrors: bigint // uint64_t tx_errors;
  rxFrameErr: bigint // uint64_t rx_frame_err;
  rxOverErr: bigint // uint64_t rx_over_err;
  rxCrcErr: bigint // uint64_t rx_crc_err;
  collisions: bigint // uint64_t collisions;
}

/** Wire order of the counters. */
export const PORT_COUNTERS = [
  'rxPackets', 'txPackets', 'rxBytes', 'txBytes', 'rxDropped', 'txDropped', 'rxErrors', 'txErrors',
  'rxFrameErr', 'rxOverErr', 'rxCrcErr', 'collisions',
] as const

/** 96 bytes of counters. The caller has already bounds-checked the whole ofp_port_stats. */
export function decodePortCounters(r: WireReader, portNo: number): { portNo: number } & PortCounters {
  // One object literal with the port number first (JSON order; no spread, which is slower on the decode hot path: npm run bench openflow).
  return {
    portNo,
    rxPackets: r.u64(),
    txPackets: r.u64(),
    rxBytes: r.u64(),
    txBytes: r.u64(),
    rxDropped: r.u64(),
    txDropped: r.u64(),
    rxErrors: r.u64(),
    txErrors: r.u64(),
    rxFrameErr: r.u64(),
    rxOverErr: r.u64(),
    rxCrcErr: r.u64(),
    collisions: r.u64(),
  }
}

export function encodePortCounters(w: WireWriter, c: PortCounters): void {
  for (const k of PORT_COUNTERS) w.u64(c[k])
}
