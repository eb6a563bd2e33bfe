// Human text for slow-protocol PDUs, in the three styles people already read:
// - tcpdump (print-slow.c): `formatSlowLine` ("LACPv1, length 110") and `formatSlowVerbose` (the
//   `-v` TLV lines), checked against tcpdump's own output (corpus lacp-ev.out and a live tcpdump);
// - Wireshark's Info column: `formatSlowSummary` ("v1 ACTOR 00:13:… P: 22 K: 13 E****G*A PARTNER …");
// - Wireshark's `-V` field tree: `formatSlowTree`.
// `formatSlowFrame` adds tcpdump's `-e` link-level prefix for a whole frame.
import { toHex } from '../wire/hex.js'
import { stateCompact, stateFlags, stateNames } from './state.js'
import { lacpduLength, type LacpPortInfo, type LacpTlv } from './lacpdu.js'
import { markerLength } from './marker.js'
import { isLacpdu, isMarkerPdu, slowSubtypeName, type SlowFrame, type SlowPdu } from './slow.js'

const hex2 = (n: number) => '0x' + n.toString(16).padStart(2, '0')

function pduLength(pdu: SlowPdu): number {
  if (isLacpdu(pdu)) return lacpduLength(pdu)
  if (isMarkerPdu(pdu)) return markerLength(pdu)
  return 1 + pdu.body.length
}

/**
 * tcpdump's non-verbose text: "LACPv1, length 110", "MARKERv1, length 110", "OSSP, length 52",
 * "unknown (5), length 42". (tcpdump refuses LACP version 2 — "LACP version 2 packet not supported";
 * ofl decodes it and prints "LACPv2".)
 */
export function formatSlowLine(pdu: SlowPdu): string {
  const len = pduLength(pdu)
  if (isLacpdu(pdu)) return `LACPv${pdu.version}, length ${len}`
  if (isMarkerPdu(pdu)) return `MARKERv${pdu.version}, length ${len}`
  if (pdu.subtype === 3 || pdu.subtype === 10) return `${slowSubtypeName(pdu.subtype)}, length ${len}`
  return `unknown (${pdu.subtype}), length ${len}`
}

/** tcpdump's print_unknown_data: "\t0x0000:  0102 0304 …", 16 bytes per line in 2-byte groups. */
export function tcpdumpHex(b: Uint8Array, indent = '\t'): string[] {
  const out: string[] = []
  for (let off = 0; off < b.length; off += 16) {
    const row = toHex(b.subarray(off, Math.min(off + 16, b.length))).replace(/(.{4})(?!$)/g, '$1 ')
    out.push(`${indent}0x${off.toString(16).padStart(4, '0')}:  ${row}`)
  }
  return out
}

const OUI_NAMES: Record<number, string> = { 0x0019a7: 'ITU-T' }
/** tcpdump's ethertype names for VLAN TPIDs. */
const TPID_NAMES: Record<number, string> = { 0x8100: '802.1Q', 0x88a8: '802.1Q-QinQ', 0x9100: '802.1Q-9100' }

const TLV_NAMES: Record<number, string> = {
  0x04: 'Port Algorithm', 0x05: 'Port Conversation ID Digest', 0x06: 'Port Conversation Mask-1',
  0x07: 'Port Conversation Mask-2', 0x08: 'Port Conversation Mask-3', 0x09: 'Port Conversation Mask-4',
  0x0a: 'Port Conversation Service Mapping',
}

function tlvWireLength(t: LacpTlv): number {
  switch (t.kind) {
    case 'portAlgorithm': return 6
    case 'conversationIdDigest': return 20
    case 'conversationMask': return 2 + (t.maskState === undefined ? 0 : 1) + t.mask.length
    case 'serviceMapping': return 2 + t.digest.length
    default: return 2 + t.value.length
  }
}

function tlvDetail(t: LacpTlv): string {
  switch (t.kind) {
    case 'portAlgorithm': return `Algorithm 0x${t.algorithm.toString(16).padStart(8, '0')}`
    case 'conversationIdDigest': return `Link Number ID ${t.linkNumberId}, Digest ${toHex(t.digest)}`
    case 'conversationMask': return (t.maskState === undefined ? '' : `Mask State ${hex2(t.maskState)}, `) + `Mask ${toHex(t.mask)}`
    case 'serviceMapping': return `Digest ${toHex(t.digest)}`
    default: return `Value ${toHex(t.value)}`
  }
}

function portInfoLines(i: LacpPortInfo): string[] {
  return [
    `\t  System ${i.system}, System Priority ${i.systemPriority}, Key ${i.key}, Port ${i.port}, Port Priority ${i.portPriority}`,
    `\t  State Flags [${stateNames(i.state)}]`,
  ]
}

/**
 * tcpdump `-v` text: the one-line summary followed by one tab-indented block per TLV, exactly as
 * tcpdump 4.99 prints LACPDUs (v2 TLVs, which tcpdump rejects, and ofl's issues are appended in the
 * same style).
 */
export function formatSlowVerbose(pdu: SlowPdu): string {
  const lines = [formatSlowLine(pdu)]
  if (isLacpdu(pdu)) {
    lines.push('\tActor Information TLV (0x01), length 20', ...portInfoLines(pdu.actor))
    lines.push('\tPartner Information TLV (0x02), length 20', ...portInfoLines(pdu.partner))
    lines.push('\tCollector Information TLV (0x03), length 16', `\t  Max Delay ${pdu.collectorMaxDelay}`)
    for (const t of pdu.tlvs) {
      lines.push(`\t${TLV_NAMES[t.type] ?? 'Unknown'} TLV (${hex2(t.type)}), length ${tlvWireLength(t)}`, `\t  ${tlvDetail(t)}`)
    }
    lines.push('\tTerminator TLV (0x00), length 0')
  } else if (isMarkerPdu(pdu)) {
    // tcpdump names only TLV type 1 and hex-dumps type 2 as "Unknown"; ofl names the response too
    const name = pdu.tlvType === 1 ? 'Marker Information' : pdu.tlvType === 2 ? 'Marker Response Information' : 'Unknown'
    lines.push(`\t${name} TLV (${hex2(pdu.tlvType)}), length 16`)
    lines.push(`\t  Request System ${pdu.requesterSystem}, Request Port ${pdu.requesterPort}, Request Transaction ID 0x${pdu.requesterTransactionId.toString(16).padStart(8, '0')}`)
    lines.push('\tTerminator TLV (0x00), length 0')
  } else if (pdu.subtype === 10 && pdu.body.length >= 3) {
    const oui = (pdu.body[0]! << 16) | (pdu.body[1]! << 8) | pdu.body[2]!
    lines.push(`\tOUI: ${OUI_NAMES[oui] ?? 'Unknown'} (0x${oui.toString(16).padStart(6, '0')})`, ...tcpdumpHex(pdu.body.subarray(3)))
  } else {
    lines.push(...tcpdumpHex(Buffer.concat([Buffer.from([pdu.subtype]), pdu.body])))
  }
  for (const i of pdu.issues) lines.push(`\t[${i.code} at ${i.offset}: ${i.message}]`)
  return lines.join('\n')
}

function sideSummary(i: LacpPortInfo): string {
  return `${i.system} P: ${i.port} K: ${i.key} ${stateCompact(i.state)}`
}

/** Wireshark's Info column, e.g. "v1 ACTOR 00:13:c4:12:0f:00 P: 22 K: 13 E****G*A PARTNER …". */
export function formatSlowSummary(pdu: SlowPdu): string {
  if (isLacpdu(pdu)) return `v${pdu.version} ACTOR ${sideSummary(pdu.actor)} PARTNER ${sideSummary(pdu.partner)}`
  if (isMarkerPdu(pdu)) {
    const what = pdu.tlvType === 1 ? 'Information' : pdu.tlvType === 2 ? 'Response' : `TLV ${pdu.tlvType}`
    return `${what} SysId=${pdu.requesterSystem}, P=${pdu.requesterPort}, TId=${pdu.requesterTransactionId}`
  }
  return `Subtype = ${pdu.subtype}`
}

const STATE_BITS: Array<[string, string, string]> = [
  ['LACP Activity', 'Active', 'Passive'], ['LACP Timeout', 'Short Timeout', 'Long Timeout'],
  ['Aggregation', 'Aggregatable', 'Individual'], ['Synchronization', 'In Sync', 'Out of Sync'],
  ['Collecting', 'Enabled', 'Disabled'], ['Distributing', 'Enabled', 'Disabled'],
  ['Defaulted', 'Yes', 'No'], ['Expired', 'Yes', 'No'],
]
const WS_STATE_NAMES = ['LACP Activity', 'LACP Timeout', 'Aggregation', 'Synchronization', 'Collecting', 'Distributing', 'Defaulted', 'Expired']

function bitPattern(bit: number, set: boolean): string {
  const chars = '........'.split('')
  chars[7 - bit] = set ? '1' : '0'
  const s = chars.join('')
  return `${s.slice(0, 4)} ${s.slice(4)}`
}

function stateTree(label: string, state: number, ind: string): string[] {
  const names = WS_STATE_NAMES.filter((_, b) => state & (1 << b))
  const out = [`${ind}${label} State: ${hex2(state)}${names.length ? ', ' + names.join(', ') : ''}`]
  const f = Object.values(stateFlags(state))
  STATE_BITS.forEach(([n, on, off], b) => out.push(`${ind}    ${bitPattern(b, f[b]!)} = ${n}: ${f[b] ? on : off}`))
  out.push(`${ind}[${label} State Flags: ${stateCompact(state)}]`)
  return out
}

function portTree(label: 'Actor' | 'Partner', i: LacpPortInfo, ind: string): string[] {
  return [
    `${ind}TLV Type: ${label} Information (${hex2(label === 'Actor' ? 1 : 2)})`,
    `${ind}TLV Length: 0x14`,
    `${ind}${label} System Priority: ${i.systemPriority}`,
    `${ind}${label} System${label === 'Actor' ? ' ID' : ''}: ${i.system}`,
    `${ind}${label} Key: ${i.key}`,
    `${ind}${label} Port Priority: ${i.portPriority}`,
    `${ind}${label} Port: ${i.port}`,
    ...stateTree(label, i.state, ind),
    `${ind}Reserved: 000000`,
  ]
}

/** A Wireshark `-V`-like field tree (Slow Protocols, then LACP or Marker). */
export function formatSlowTree(pdu: SlowPdu): string {
  const ind = '    '
  const out = ['Slow Protocols', `${ind}Slow Protocols subtype: ${slowSubtypeName(pdu.subtype)} (${hex2(pdu.subtype)})`]
  if (isLacpdu(pdu)) {
    out.push('Link Aggregation Control Protocol', `${ind}LACP Version: ${hex2(pdu.version)}`)
    out.push(...portTree('Actor', pdu.actor, ind), ...portTree('Partner', pdu.partner, ind))
    out.push(`${ind}TLV Type: Collector Information (0x03)`, `${ind}TLV Length: 0x10`, `${ind}Collector Max Delay: ${pdu.collectorMaxDelay}`, `${ind}Reserved: ${'00'.repeat(12)}`)
    for (const t of pdu.tlvs) {
      out.push(`${ind}TLV Type: ${TLV_NAMES[t.type] ?? 'Unknown'} (${hex2(t.type)})`, `${ind}TLV Length: ${hex2(tlvWireLength(t))}`, `${ind}${tlvDetail(t)}`)
    }
    out.push(`${ind}TLV Type: Terminator (0x00)`, `${ind}TLV Length: 0x00`)
    if (pdu.trailing.length) out.push(`${ind}[Trailing: ${toHex(pdu.trailing)}]`)
  } else if (isMarkerPdu(pdu)) {
    out.push('Marker Protocol', `${ind}Version Number: ${hex2(pdu.version)}`)
    out.push(`${ind}TLV Type: ${pdu.tlvType === 1 ? 'Marker Information' : pdu.tlvType === 2 ? 'Marker Response Information' : 'Unknown'} (${hex2(pdu.tlvType)})`)
    out.push(`${ind}TLV Length: 16`, `${ind}Requester Port: ${pdu.requesterPort}`, `${ind}Requester System: ${pdu.requesterSystem}`)
    out.push(`${ind}Requester Transaction ID: ${pdu.requesterTransactionId}`, `${ind}TLV Type: Terminator (0x00)`, `${ind}TLV Length: 0`)
    if (pdu.trailing.length) out.push(`${ind}[Trailing: ${toHex(pdu.trailing)}]`)
  } else {
    out.push(`${ind}Data: ${toHex(pdu.body)}`)
  }
  for (const i of pdu.issues) out.push(`${ind}[Expert Info: ${i.code} at offset ${i.offset}: ${i.message}]`)
  return out.join('\n')
}

/**
 * tcpdump `-e [-v]` text for a whole frame: "src > dst, ethertype Slow Protocols (0x8809), length N: "
 * followed by `formatSlowLine` (or the verbose block). Frame-level issues are appended in verbose mode.
 */
export function formatSlowFrame(frame: SlowFrame, opts: { verbose?: boolean } = {}): string {
  const e = frame.eth
  const len = 14 + 4 * e.vlans.length + e.payload.length
  let prefix = `${e.src} > ${e.dst}, `
  e.vlans.forEach((v, i) => {
    prefix += `ethertype ${TPID_NAMES[v.tpid] ?? 'Unknown'} (0x${v.tpid.toString(16).padStart(4, '0')}), ${i === 0 ? `length ${len}: ` : ''}vlan ${v.vid}, p ${v.pcp}${v.dei ? ', DEI' : ''}, `
  })
  prefix += e.vlans.length ? 'ethertype Slow Protocols (0x8809), ' : `ethertype Slow Protocols (0x8809), length ${len}: `
  if (!opts.verbose) return prefix + formatSlowLine(frame.pdu)
  const own = new Set(frame.pdu.issues)
  const extra = frame.issues.filter((i) => !own.has(i)).map((i) => `\t[${i.code} at ${i.offset}: ${i.message}]`)
  return [prefix + formatSlowVerbose(frame.pdu), ...extra].join('\n')
}
