// Public surface of the OpenFlow 1.2/1.3 codecs (re-exported by src/index.ts as the `of13` namespace):
// shared structures (OXM, actions, instructions, ports, buckets, meter bands, queues, table features,
// multipart bodies), the 1.3 message modules and union, and both registries.
//
// JSON form of 1.2/1.3 messages (codec.ts gives the general rules: camelCase, bigint → decimal string,
// bytes → hex, lengths recomputed on encode):
// - Message fields that would clash with the header's `type`: `errType` (ERROR), `groupType` (GROUP_MOD,
//   group desc), `mpType` (MULTIPART/STATS request and reply; 1.2 stats use the same codec and names).
// - Multipart/stats bodies sit under `body`: an object (desc, aggregate, group/meter features,
//   experimenter `{experimenter, expType, data}`), a list (flow, table, port, queue, group, meter…
//   stats, port desc, table features), or absent (empty request bodies). A type the version does not
//   define: `{unknown: true, body: "<hex>"}`.
// - OXM: `{field: 'in_port', value: 1}` / `{field, value, mask}` for the 40 OpenFlow-basic fields
//   (numbers, bigint for metadata/tunnel_id, MAC/IPv4/IPv6 text); any other class or unknown field
//   `{oxmClass, oxmField, hasMask, data: "<hex>"}` (class 0xffff data starts with the experimenter id).
//   `match.pad` (hex) appears only when a peer sent non-zero match padding.
// - Actions/instructions/bands/properties: discriminated on numeric `type` (`property` for queue
//   properties); experimenter ones `{type: 0xffff, experimenter, data}`; unknown types
//   `{type, unknown: true, data}`. Table-features ids: `{type, data?}` and
//   `{oxmClass, oxmField, hasMask, length, experimenter?}`.
// - HELLO: `elements: [{type: 1, bitmaps: [words]}]`; `helloVersions()` / `versionBitmap()` convert.
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
