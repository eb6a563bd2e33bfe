// `ofl lacp craft`: build LACPDUs and Marker PDUs as whole Ethernet frames, from flags, from JSON, or as
// the replies to the LACPDUs of an input (hex text, a vector file, or a pcap/pcapng capture), and emit
// them as hex, JSON, or a classic pcap (LINKTYPE_ETHERNET) that tshark/tcpdump decode.
// The command in src/commands/lacp/craft.ts only parses flags and calls `runCraft`.
import { readFile, writeFile } from 'node:fs/promises'
import { MalformedError, OflError } from '../wire/errors.js'
import { parseHex, toHex } from '../wire/hex.js'
import { parseJsonLossless, toJsonValue } from '../wire/json.js'
import { normalizeMac, ZERO_MAC } from '../wire/mac.js'
import { writePcap } from '../capture/writer.js'
import { readCapture, sniffCapture } from '../capture/open.js'
import { linkView } from '../capture/linktype.js'
import { decodeEthernet, isVlanTpid } from '../ethernet/ethernet.js'
import { ETH_TYPE_SLOW, LACPDU_SIZE, SLOW_PROTOCOLS_MULTICAST, SLOW_SUBTYPE_LACP, SLOW_SUBTYPE_MARKER } from './constants.js'
import { decodeLacpdu, type LacpDu, type LacpDuInput, type LacpPortInfo, type LacpTlvInput } from './lacpdu.js'
import { decodeMarker, markerResponse, type MarkerPdu, type MarkerPduInput } from './marker.js'
import { buildLacpReply, REPLY_PROFILES, type LocalIdentity, type ReplyProfile } from './reply.js'
import { buildSlowFrame, decodeSlowFrame, type SlowFrameInput } from './slow.js'
import { parseState } from './state.js'
import { formatSlowFrame } from './format.js'

/** The flags of `ofl lacp craft`, as strings where people write numbers several ways (0x8000, 32768). */
export interface CraftFlags {
  actorSystem?: string
  actorSystemPriority?: string
  actorKey?: string
  actorPortPriority?: string
  actorPort?: string
  actorState?: string
  partnerSystem?: string
  partnerSystemPriority?: string
  partnerKey?: string
  partnerPortPriority?: string
  partnerPort?: string
  partnerState?: string
  collectorMaxDelay?: string
  lacpVersion?: string
  src?: string
  dst?: string
  vlan?: string
  marker?: 'info' | 'response'
  requesterPort?: string
  requesterSystem?: string
  requesterTransactionId?: string
  /** JSON file: a PDU, an array of PDUs, `{pdus: [...]}`, or craft's own --json output. */
  from?: string
  /** Input whose LACPDUs get replies: hex text, a vector file, or a pcap/pcapng capture. */
  replyTo?: string
  profile?: ReplyProfile
  mode?: 'active' | 'passive'
  rate?: 'fast' | 'slow'
  /** `standard` profile: is the member selected (sync/collecting/distributing)? Default true. */
  unselected?: boolean
  out?: string
  /** Timestamp of the first pcap record (seconds since the epoch); default now. */
  time?: number
}

export interface CraftedFrame {
  /** The whole Ethernet frame. */
  frame: Buffer
  eth: { src: string; dst: string; vlans: Array<{ vid: number }> }
  pdu: LacpDu | MarkerPdu
  /** For replies: the 1-based index of the input frame/block answered. */
  inReplyTo?: number
}

export interface CraftResult {
  frames: CraftedFrame[]
  /** Input frames that were not LACPDUs (replies only). */
  skipped: number
}

/** JSON form returned by the command under --json. */
export interface CraftReport {
  frames: Array<{ hex: string; eth: CraftedFrame['eth']; pdu: unknown; inReplyTo?: number }>
  skipped: number
  out?: string
}

// ---------------------------------------------------------------------------------------------------
// number and field parsing

export function parseUint(text: string | number, max: number, field: string): number {
  const t = String(text).trim()
  const n = /^(0x[0-9a-f]+|\d+)$/i.test(t) ? Number(t) : NaN
  if (!Number.isInteger(n) || n < 0 || n > max) throw new MalformedError('BAD_FIELD', `${field} must be an integer 0..${max} (decimal or 0x…), got ${JSON.stringify(text)}`, { field })
  return n
}

function mac(text: string | undefined, fallback: string, field: string): string {
  if (text === undefined) return fallback
  try {
    return normalizeMac(text)
  } catch (e) {
    throw new MalformedError('BAD_MAC', `${field}: ${(e as Error).message}`, { field })
  }
}

function portInfo(f: CraftFlags, side: 'actor' | 'partner'): LacpPortInfo {
  const g = (k: string) => (f as Record<string, string | undefined>)[side + k]
  const isActor = side === 'actor'
  return {
    systemPriority: g('SystemPriority') === undefined ? (isActor ? 32768 : 0) : parseUint(g('SystemPriority')!, 0xffff, `${side}-system-priority`),
    system: mac(g('System'), ZERO_MAC, `${side}-system`),
    key: g('Key') === undefined ? 0 : parseUint(g('Key')!, 0xffff, `${side}-key`),
    portPriority: g('PortPriority') === undefined ? (isActor ? 32768 : 0) : parseUint(g('PortPriority')!, 0xffff, `${side}-port-priority`),
    port: g('Port') === undefined ? 0 : parseUint(g('Port')!, 0xffff, `${side}-port`),
    state: g('State') === undefined ? 0 : parseState(g('State')!),
  }
}

function vlans(f: CraftFlags): Array<{ vid: number }> {
  return f.vlan === undefined ? [] : [{ vid: parseUint(f.vlan, 0xfff, 'vlan') }]
}

/** Build the frame, and report the PDU as decoded back from it: exactly what is on the wire. */
function frameOf(input: SlowFrameInput, inReplyTo?: number): CraftedFrame {
  const frame = buildSlowFrame(input)
  const c: CraftedFrame = {
    frame, pdu: decodeSlowFrame(frame).pdu as LacpDu | MarkerPdu,
    eth: { src: normalizeMac(input.src), dst: normalizeMac(input.dst ?? SLOW_PROTOCOLS_MULTICAST), vlans: input.vlans?.map((v) => ({ vid: v.vid })) ?? [] },
  }
  if (inReplyTo !== undefined) c.inReplyTo = inReplyTo
  return c
}

// ---------------------------------------------------------------------------------------------------
// the three sources

/** One LACPDU (or Marker PDU with `marker`) from flags. Unset fields are zero (priorities 32768 for the actor). */
export function craftFromFlags(f: CraftFlags): CraftResult {
  const actor = portInfo(f, 'actor')
  const src = mac(f.src, actor.system, 'src')
  const dst = mac(f.dst, SLOW_PROTOCOLS_MULTICAST, 'dst')
  let pdu: LacpDuInput | (MarkerPduInput & { subtype: 2 })
  if (f.marker !== undefined) {
    if (f.marker !== 'info' && f.marker !== 'response') throw new MalformedError('BAD_FIELD', `--marker must be info or response, got ${JSON.stringify(f.marker)}`, { field: 'marker' })
    pdu = {
      subtype: 2, tlvType: f.marker === 'info' ? 1 : 2,
      requesterPort: f.requesterPort === undefined ? actor.port : parseUint(f.requesterPort, 0xffff, 'requester-port'),
      requesterSystem: mac(f.requesterSystem, actor.system, 'requester-system'),
      requesterTransactionId: f.requesterTransactionId === undefined ? 0 : parseUint(f.requesterTransactionId, 0xffffffff, 'requester-transaction-id'),
    }
  } else {
    pdu = {
      version: f.lacpVersion === undefined ? 1 : parseUint(f.lacpVersion, 0xff, 'lacp-version'),
      actor, partner: portInfo(f, 'partner'),
      collectorMaxDelay: f.collectorMaxDelay === undefined ? 0 : parseUint(f.collectorMaxDelay, 0xffff, 'collector-max-delay'),
    }
  }
  return { frames: [frameOf({ src, dst, vlans: vlans(f), pdu })], skipped: 0 }
}

function checkPortInfo(x: unknown, where: string): LacpPortInfo {
  const o = x as Record<string, unknown>
  if (!o || typeof o !== 'object') throw new MalformedError('BAD_JSON', `${where} is missing`, { field: where })
  const num = (k: string, max: number) => {
    const v = o[k]
    if (typeof v !== 'number' && typeof v !== 'string') throw new MalformedError('BAD_JSON', `${where}.${k} is missing`, { field: `${where}.${k}` })
    return parseUint(v, max, `${where}.${k}`)
  }
  if (typeof o.system !== 'string') throw new MalformedError('BAD_JSON', `${where}.system must be a MAC string`, { field: `${where}.system` })
  return {
    systemPriority: num('systemPriority', 0xffff), system: mac(o.system, ZERO_MAC, `${where}.system`), key: num('key', 0xffff),
    portPriority: num('portPriority', 0xffff), port: num('port', 0xffff), state: num('state', 0xff),
  }
}

const TLV_KINDS: Record<string, Record<string, 'number' | 'bytes'>> = {
  portAlgorithm: { algorithm: 'number' },
  conversationIdDigest: { linkNumberId: 'number', digest: 'bytes' },
  conversationMask: { mask: 'bytes' },
  serviceMapping: { digest: 'bytes' },
  unknown: { value: 'bytes' },
}

/** v2 TLVs from JSON: known kinds with fields of the right JSON types (bytes as hex strings). */
function checkTlvs(x: unknown, where: string): LacpTlvInput[] {
  if (x === undefined) return []
  if (!Array.isArray(x)) throw new MalformedError('BAD_JSON', `${where} must be an array`, { field: where })
  return x.map((t, i) => {
    const o = (t ?? {}) as Record<string, unknown>
    const at = `${where}[${i}]`
    const fields = typeof o.kind === 'string' ? TLV_KINDS[o.kind] : undefined
    if (!fields) throw new MalformedError('BAD_JSON', `${at}.kind must be one of ${Object.keys(TLV_KINDS).join(', ')}`, { field: `${at}.kind` })
    parseUint(o.type as number, 0xff, `${at}.type`)
    for (const [k, kind] of Object.entries(fields)) {
      const ok = kind === 'number' ? typeof o[k] === 'number' : typeof o[k] === 'string' || o[k] instanceof Uint8Array
      if (!ok) throw new MalformedError('BAD_JSON', `${at}.${k} must be ${kind === 'number' ? 'a number' : 'a hex string'}`, { field: `${at}.${k}` })
    }
    return o as unknown as LacpTlvInput
  })
}

/**
 * Frames from JSON: a LACPDU/Marker object as `decodeLacpdu`/`decodeMarker` give it (JSON form), an
 * array of them, `{pdus: [...]}` (`ofl lacp decode --json`: srcMac/dstMac are used), or entries `{eth, pdu}` (craft's own
 * --json, `decodeSlowFrame`). Flags --src/--dst/--vlan override the JSON's Ethernet fields.
 */
export function craftFromJson(text: string, f: CraftFlags = {}): CraftResult {
  let doc: unknown
  try {
    doc = parseJsonLossless(text)
  } catch (e) {
    throw new MalformedError('BAD_JSON', `not JSON: ${(e as Error).message}`)
  }
  const d = doc as Record<string, unknown>
  const items: unknown[] = Array.isArray(doc) ? doc : Array.isArray(d?.pdus) ? (d.pdus as unknown[]) : Array.isArray(d?.frames) ? (d.frames as unknown[]) : [doc]
  if (items.length === 0) throw new MalformedError('BAD_JSON', 'no PDUs in the JSON input')
  const frames = items.map((it, i) => {
    const o = (it ?? {}) as Record<string, any>
    const pdu = (o.pdu ?? o) as Record<string, any>
    const eth = (o.eth ?? {}) as Record<string, any>
    const where = `[${i}]`
    const src = mac(f.src ?? eth.src ?? o.src ?? o.srcMac, pdu.actor?.system ?? pdu.requesterSystem ?? ZERO_MAC, `${where}.src`)
    const dst = mac(f.dst ?? eth.dst ?? o.dst ?? o.dstMac, SLOW_PROTOCOLS_MULTICAST, `${where}.dst`)
    const tags = f.vlan !== undefined ? vlans(f) : Array.isArray(eth.vlans) ? eth.vlans.map((v: any) => ({ vid: parseUint(v.vid, 0xfff, `${where}.vlan`), pcp: v.pcp, dei: v.dei, tpid: v.tpid })) : []
    let input: SlowFrameInput
    if (pdu.subtype === SLOW_SUBTYPE_MARKER || pdu.requesterPort !== undefined) {
      input = { src, dst, vlans: tags, pdu: {
        subtype: 2, version: pdu.version === undefined ? 1 : parseUint(pdu.version, 0xff, `${where}.version`),
        tlvType: pdu.tlvType === undefined ? 1 : parseUint(pdu.tlvType, 0xff, `${where}.tlvType`),
        requesterPort: parseUint(pdu.requesterPort ?? NaN, 0xffff, `${where}.requesterPort`),
        requesterSystem: mac(String(pdu.requesterSystem), ZERO_MAC, `${where}.requesterSystem`),
        requesterTransactionId: parseUint(pdu.requesterTransactionId ?? NaN, 0xffffffff, `${where}.requesterTransactionId`),
      } }
    } else if (pdu.subtype === undefined || pdu.subtype === SLOW_SUBTYPE_LACP) {
      input = { src, dst, vlans: tags, pdu: {
        version: pdu.version === undefined ? 1 : parseUint(pdu.version, 0xff, `${where}.version`),
        actor: checkPortInfo(pdu.actor, `${where}.actor`), partner: checkPortInfo(pdu.partner, `${where}.partner`),
        collectorMaxDelay: pdu.collectorMaxDelay === undefined ? 0 : parseUint(pdu.collectorMaxDelay, 0xffff, `${where}.collectorMaxDelay`),
        tlvs: checkTlvs(pdu.tlvs, `${where}.tlvs`),
      } }
    } else {
      throw new MalformedError('BAD_JSON', `${where}: slow subtype ${pdu.subtype} cannot be crafted (LACP 1 or Marker 2)`, { field: `${where}.subtype` })
    }
    return frameOf(input)
  })
  return { frames, skipped: 0 }
}

/** Frames of a reply-to input: pcap/pcapng (by magic) or hex text (a vector file's `-- binary`, or blank-line separated blocks). */
export function inputFrames(file: Buffer): Buffer[] {
  let isCapture: boolean
  try {
    sniffCapture(file)
    isCapture = true
  } catch {
    isCapture = false
  }
  if (isCapture) {
    return readCapture(file).map((r) => {
      try {
        const v = linkView(r.linkType, r.data)
        return v.ethertype === ETH_TYPE_SLOW ? r.data.subarray(v.payloadOffset) : EMPTY
      } catch (e) {
        if (e instanceof OflError) return EMPTY // a frame too short for its link header: not a LACPDU
        throw e
      }
    })
  }
  const text = file.toString('utf8')
  const bin = /^-- binary\s*$([\s\S]*?)(?=^-- |(?![\s\S]))/m.exec(text)
  const blocks = bin ? [bin[1]!] : text.split(/\n\s*\n/).filter((b) => b.replace(/#.*$/gm, '').trim() !== '')
  return blocks.map((b) => {
    const bytes = parseHex(b)
    // a bare PDU starts with its subtype and version (01 01/02, then TLV 01 14, or 02 01 10 for a Marker);
    // a frame starts with a destination MAC (01 80 c2 … for slow protocols)
    const barePdu = bytes.length >= 4 && ((bytes[0] === SLOW_SUBTYPE_LACP && bytes[2] === 1 && bytes[3] === 0x14) || (bytes[0] === SLOW_SUBTYPE_MARKER && bytes[3] === 0x10))
    if (barePdu) return bytes
    const t12 = bytes.length >= 14 ? (bytes[12]! << 8) | bytes[13]! : -1
    if (t12 === ETH_TYPE_SLOW || isVlanTpid(t12)) {
      const eth = decodeEthernet(bytes)
      return eth.ethertype === ETH_TYPE_SLOW ? eth.payload : EMPTY
    }
    return bytes
  })
}

const EMPTY = Buffer.alloc(0)

/**
 * Replies to every LACPDU of `input` (see `inputFrames`), built by `buildLacpReply` in the chosen
 * profile. The local identity comes from the actor flags; where a flag is absent, the reply keeps the
 * identity the partner already holds for us (its partner system/port, when non-zero), else system
 * 02:00:00:00:00:01 and the partner's own port number. Frame source: --src, else the actor system.
 */
export function craftReplies(input: Buffer, f: CraftFlags = {}): CraftResult {
  const profile = f.profile ?? 'ryu'
  if (!REPLY_PROFILES.includes(profile)) throw new MalformedError('BAD_PROFILE', `unknown profile ${JSON.stringify(profile)} (ryu, standard)`, { field: 'profile' })
  const frames: CraftedFrame[] = []
  let skipped = 0
  inputFrames(input).forEach((pduBytes, i) => {
    if (pduBytes.length === 0 || pduBytes[0] !== SLOW_SUBTYPE_LACP || pduBytes.length < LACPDU_SIZE) {
      skipped++
      return
    }
    const rx = decodeLacpdu(pduBytes)
    const known = rx.partner.system !== ZERO_MAC
    const local: LocalIdentity = {
      system: mac(f.actorSystem, known ? rx.partner.system : '02:00:00:00:00:01', 'actor-system'),
      port: f.actorPort !== undefined ? parseUint(f.actorPort, 0xffff, 'actor-port') : known && rx.partner.port !== 0 ? rx.partner.port : rx.actor.port,
      mode: f.mode, rate: f.rate,
    }
    if (f.actorSystemPriority !== undefined) local.systemPriority = parseUint(f.actorSystemPriority, 0xffff, 'actor-system-priority')
    if (f.actorKey !== undefined) local.key = parseUint(f.actorKey, 0xffff, 'actor-key')
    if (f.actorPortPriority !== undefined) local.portPriority = parseUint(f.actorPortPriority, 0xffff, 'actor-port-priority')
    if (f.collectorMaxDelay !== undefined) local.collectorMaxDelay = parseUint(f.collectorMaxDelay, 0xffff, 'collector-max-delay')
    const reply = buildLacpReply(rx, local, { profile, selected: !f.unselected })
    const slowInput: SlowFrameInput = { src: mac(f.src, local.system, 'src'), dst: mac(f.dst, SLOW_PROTOCOLS_MULTICAST, 'dst'), vlans: vlans(f), pdu: reply }
    frames.push(frameOf(slowInput, i + 1))
  })
  if (frames.length === 0) throw new MalformedError('NO_LACPDU', `no LACPDU to reply to in the input (${skipped} other frame(s))`)
  return { frames, skipped }
}

/** Marker Responses to every Marker Information PDU of `input` (--reply-to answers markers too). */
export function markerReplies(input: Buffer, src: string): CraftedFrame[] {
  return inputFrames(input).flatMap((b, i) => {
    if (b[0] !== SLOW_SUBTYPE_MARKER) return []
    let m: MarkerPdu
    try {
      m = decodeMarker(b)
    } catch (e) {
      if (e instanceof OflError) return []
      throw e
    }
    if (m.tlvType !== 1) return []
    return [frameOf({ src, pdu: { ...markerResponse(m), subtype: 2 } }, i + 1)]
  })
}

// ---------------------------------------------------------------------------------------------------
// output

export function craftReport(r: CraftResult, out?: string): CraftReport {
  const rep: CraftReport = {
    frames: r.frames.map((c) => {
      const e: CraftReport['frames'][number] = { hex: toHex(c.frame), eth: c.eth, pdu: toJsonValue(c.pdu) }
      if (c.inReplyTo !== undefined) e.inReplyTo = c.inReplyTo
      return e
    }),
    skipped: r.skipped,
  }
  if (out !== undefined) rep.out = out
  return rep
}

/** A classic pcap (Ethernet, µs) with one record per frame, 1 ms apart from `time` (default now). */
export function craftPcap(r: CraftResult, time = Date.now() / 1000): Buffer {
  const t0 = Math.floor(time * 1000)
  return writePcap(r.frames.map((c, i) => ({ tsSec: Math.floor((t0 + i) / 1000), tsNsec: ((t0 + i) % 1000) * 1e6, data: c.frame })))
}

/** Text output: hex (one frame per line), or tcpdump -e [-v] style lines. */
export function formatCraft(r: CraftResult, opts: { verbose?: boolean; out?: string } = {}): string {
  const lines = r.frames.map((c) => (opts.verbose || opts.out ? formatSlowFrame(decodeSlowFrame(c.frame), { verbose: opts.verbose }) : toHex(c.frame)))
  if (opts.out) lines.push(`wrote ${r.frames.length} frame(s) to ${opts.out}`)
  return lines.join('\n')
}

/** What the command calls: pick the source, build, and write the pcap when asked. */
export async function runCraft(f: CraftFlags): Promise<{ result: CraftResult; report: CraftReport }> {
  if (f.from !== undefined && f.replyTo !== undefined) throw new MalformedError('BAD_USAGE', '--from and --reply-to exclude each other')
  let result: CraftResult
  if (f.replyTo !== undefined) {
    const input = await readFile(f.replyTo)
    const markers = markerReplies(input, mac(f.src, f.actorSystem ?? '02:00:00:00:00:01', 'src'))
    try {
      result = craftReplies(input, f)
      result.frames.push(...markers)
    } catch (e) {
      if (!(e instanceof OflError && e.code === 'NO_LACPDU' && markers.length > 0)) throw e
      result = { frames: markers, skipped: 0 }
    }
    result.frames.sort((a, b) => (a.inReplyTo ?? 0) - (b.inReplyTo ?? 0))
  } else if (f.from !== undefined) {
    result = craftFromJson(await readFile(f.from, 'utf8'), f)
  } else {
    result = craftFromFlags(f)
  }
  if (f.out !== undefined) await writeFile(f.out, craftPcap(result, f.time))
  return { result, report: craftReport(result, f.out) }
}

