// Public surface of the OpenFlow 1.2/1.3 codecs (re-exported by src/index.ts as the `of13` namespace):
// shared structures (OXM, actions, instructions, ports, buckets, meter bands, queues, table features,
// multipart bodies), the 1.3 message modules and union, and both registries.
export * from './constants.js'
export * from './oxm.js'
export * from './actions.js'
export * from './instructions.js'
export * from './structs.js'
export * from './table-features.js'
export * from './multipart-bodies.js'
export { align8, pad8, formatIpv6, parseIpv6 } from './util.js'
export * from '../v13/messages.js'
export { registry as registry13 } from '../v13/index.js'
export { registry as registry12, type PacketIn12, type FeaturesReply12 } from '../v12/index.js'
