// LACPDUs carried inside OpenFlow: a controller that runs LACP for a switch (Ryu's lacplib, ofl's own
// controller) receives the partner's LACPDUs as OFPT_PACKET_IN and sends its own as OFPT_PACKET_OUT.
// This module finds them in a capture of the OpenFlow connection (1.0, 1.2 and 1.3 — Wireshark has no
// OF1.2 dissector) and hands them to `ofl lacp decode` as ordinary Ethernet records, each carrying
// where it was seen: the datapath id (from the connection's OFPT_FEATURES_REPLY, once seen), the
// OpenFlow port and the direction:
// - packet-in (switch → controller): port = in_port (1.0 field; 1.2/1.3 OXM OFPXMT_OFB_IN_PORT);
// - packet-out (controller → switch): port = each physical OFPAT_OUTPUT port (one record per port;
//   in_port when the actions name none).
// OpenFlow 1.0.0 §5.3.6/§5.4.1, 1.3.5 §7.3.7/§7.4.1. The LACP analysis (../lacp/analysis/) stays
// unaware of OpenFlow: it only reads `where` (its Where type) from these records.
import type { CaptureRecord } from '../capture/record.js'
import { decodeMessage } from '../openflow/codec.js'
import { getOxm } from '../openflow/common13/oxm.js'
import { CarriedLacpReader, carryLacp, type OfLacpCodec, type OpenFlowLacpOptions } from './carried.js'

export { datapathIdText, isOfCarriedRecord, type OfCarriedRecord, type OpenFlowLacpOptions } from './carried.js'

const CODEC: OfLacpCodec = { decodeMessage, getOxm }

/**
 * Streaming: push every capture record; records holding the end of a packet-in/packet-out that
 * carries a slow-protocol frame produce OfCarriedRecords (in capture order).
 */
export class OpenFlowLacpSource extends CarriedLacpReader {
  constructor(opts: OpenFlowLacpOptions = {}) {
    super(opts, CODEC)
  }
}

/**
 * Wrap a capture's record batches: each batch gains, right after the record that completed them, the
 * slow-protocol frames carried by OpenFlow packet-ins/packet-outs (OfCarriedRecord). The original
 * records pass through unchanged.
 */
export function withOpenFlowLacp(batches: AsyncIterable<CaptureRecord[]>, opts: OpenFlowLacpOptions = {}): AsyncGenerator<CaptureRecord[]> {
  return carryLacp(batches, new OpenFlowLacpSource(opts), async () => CODEC)
}
