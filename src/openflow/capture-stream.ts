// OpenFlow bytes out of a pcap/pcapng capture for the benchmark: every whole message that the stream
// decoder (./stream/, TCP reassembly per direction on the OpenFlow ports) finds, back to back.
import { readCapture } from '../capture/open.js'
import { OfCaptureDecoder, OPENFLOW_PORTS } from './stream/capture.js'

/** The whole (not truncated) messages of a capture, concatenated in the order they were found. */
export function openflowStreamFromCapture(file: Buffer, ports: readonly number[] = OPENFLOW_PORTS): Buffer {
  const parts: Buffer[] = []
  const dec = new OfCaptureDecoder((m) => {
    if (!m.truncated) parts.push(m.bytes)
  }, () => {}, { ports })
  for (const rec of readCapture(file)) dec.push(rec)
  dec.finish()
  return Buffer.concat(parts)
}
