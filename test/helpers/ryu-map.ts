// ONE mapping table between Ryu's JSON form of OpenFlow messages (ryu/tests/unit/ofproto/json/ofXX,
// `{"OFPClassName": {snake_case fields}}`, bytes as base64) and ofl's decoded objects (camelCase, bytes
// as Buffer views, 64-bit as bigint). `compareRyu(ryuJson, ours)` walks every field Ryu reports and
// returns the mismatches plus how many leaf values it compared (so a test cannot pass vacuously).
//
// Naming differences are resolved in this order:
//   1. a class entry's `custom[field]` function (for values with different shapes),
//   2. `rename[field]` (Ryu name → ofl name),
//   3. the default: snake_case → camelCase (`buffer_id` → `bufferId`, `dl_vlan_pcp` → `dlVlanPcp`).
// A Ryu field may be listed in `skip` only with the reason; every skipped field must be one that the
// byte-exact re-encode test covers (lengths ofl recomputes, etc.).
// OF1.2/1.3 reuse Ryu class names with other layouts (OFPMatch, OFPPacketIn, …), so their classes live
// in a second table of the same shape, RYU_CLASSES_13 in ryu-map13.ts; `compareRyu(text, ours, table)`
// picks the table (default: the OF1.0 one below).
import { parseJsonLossless } from '../../src/wire/json.js'
import { formatMac } from '../../src/wire/mac.js'
import { formatIpv4 } from '../../src/openflow/addr.js'

export interface CompareContext {
  mismatches: string[]
  compared: number
  /** The class table in use (RYU_CLASSES unless compareRyu was given another). */
  classes?: Record<string, RyuClass>
}

export type CustomCheck = (ryu: any, ours: any, path: string, ctx: CompareContext) => void

export interface RyuClass {
  /** Values ofl's object must have that Ryu encodes in the class name (e.g. an action's `type`). */
  our?: Record<string, unknown>
  /** Ryu field → ofl field. */
  rename?: Record<string, string>
  /** Ryu fields whose values have a different shape in ofl. */
  custom?: Record<string, CustomCheck>
  /** Ryu fields not compared here, with the reason. */
  skip?: Record<string, string>
  /** Where ofl keeps this class's fields, relative to the object matched (e.g. 'body'). */
  within?: string
  /** Fields absent from the object are looked up in object[flatWithin] (Ryu flattens multipart request bodies). */
  flatWithin?: string
}

// ---- helpers for custom checks --------------------------------------------------------------------

export function fail(ctx: CompareContext, path: string, msg: string): void {
  ctx.mismatches.push(`${path}: ${msg}`)
}

export function same(ctx: CompareContext, path: string, ryu: unknown, ours: unknown): void {
  ctx.compared++
  const norm = (v: unknown) => (typeof v === 'bigint' ? v.toString() : typeof v === 'number' && Number.isInteger(v) ? String(v) : v)
  if (norm(ryu) !== norm(ours)) fail(ctx, path, `ryu ${String(ryu)} ≠ ofl ${String(ours)}`)
}

const u16 = (b: Buffer, o: number) => (b[o]! << 8) | b[o + 1]!
const u32 = (b: Buffer, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0

/** Nicira vendor action body fields by Ryu class: name → [offset in ofl's `data` (after the vendor id), width]. */
const NX_ACTION_FIELDS: Record<string, Record<string, [number, 1 | 2 | 4]>> = {
  NXActionDecMplsTtl: {},
  NXActionDecTtl: {},
  NXActionPopMpls: { ethertype: [2, 2] },
  NXActionPushMpls: { ethertype: [2, 2] },
  NXActionSetMplsLabel: { label: [4, 4] }, // uint16_t subtype; uint8_t pad[2]; ovs_be32 label;
  NXActionSetMplsTc: { tc: [2, 1] },
  NXActionSetMplsTtl: { ttl: [2, 1] },
}

function nxAction(name: string): RyuClass {
  const fields = NX_ACTION_FIELDS[name]!
  const custom: Record<string, CustomCheck> = {
    // uint16_t subtype; is the first field of every Nicira action body
    subtype: (ryu, ours, path, ctx) => same(ctx, path, ryu, u16(ours.data, 0)),
  }
  for (const [f, [off, width]] of Object.entries(fields)) {
    custom[f] = (ryu, ours, path, ctx) => {
      const d: Buffer = ours.data
      same(ctx, path, ryu, width === 1 ? d[off] : width === 2 ? u16(d, off) : u32(d, off))
    }
  }
  return { our: { type: 0xffff }, custom }
}

/** Ryu's OF1.0 `ports` is a dict keyed by port_no; ofl keeps the wire order as an array. */
export const portsByNumber: CustomCheck = (ryu, ours, path, ctx) => {
  const list = ours as Array<{ portNo: number }>
  const keys = Object.keys(ryu)
  same(ctx, `${path}.length`, keys.length, list.length)
  for (const k of keys) {
    const p = list.find((x) => x.portNo === Number(k))
    if (!p) fail(ctx, `${path}.${k}`, 'port missing in ofl')
    else compareValue(ryu[k], p, `${path}.${k}`, ctx)
  }
}

/** Ryu's `Packet` (ryu.lib.packet) parse of packet-out data: checked against the raw frame bytes. */
const PACKET_PROTOCOLS: Record<string, (p: any, d: Buffer, off: number, path: string, ctx: CompareContext) => number> = {
  ethernet(p, d, off, path, ctx) {
    same(ctx, `${path}.dst`, p.dst, formatMac(d, off))
    same(ctx, `${path}.src`, p.src, formatMac(d, off + 6))
    same(ctx, `${path}.ethertype`, p.ethertype, u16(d, off + 12))
    return off + 14
  },
  ipv4(p, d, off, path, ctx) {
    same(ctx, `${path}.version`, p.version, d[off]! >> 4)
    same(ctx, `${path}.header_length`, p.header_length, d[off]! & 15)
    same(ctx, `${path}.tos`, p.tos, d[off + 1])
    same(ctx, `${path}.total_length`, p.total_length, u16(d, off + 2))
    same(ctx, `${path}.identification`, p.identification, u16(d, off + 4))
    same(ctx, `${path}.flags`, p.flags, d[off + 6]! >> 5)
    same(ctx, `${path}.offset`, p.offset, u16(d, off + 6) & 0x1fff)
    same(ctx, `${path}.ttl`, p.ttl, d[off + 8])
    same(ctx, `${path}.proto`, p.proto, d[off + 9])
    same(ctx, `${path}.csum`, p.csum, u16(d, off + 10))
    same(ctx, `${path}.src`, p.src, formatIpv4(u32(d, off + 12)))
    same(ctx, `${path}.dst`, p.dst, formatIpv4(u32(d, off + 16)))
    same(ctx, `${path}.option`, p.option ?? null, (d[off]! & 15) > 5 ? 'options' : null)
    return off + (d[off]! & 15) * 4
  },
  icmp(p, d, off, path, ctx) {
    same(ctx, `${path}.type`, p.type, d[off])
    same(ctx, `${path}.code`, p.code, d[off + 1])
    same(ctx, `${path}.csum`, p.csum, u16(d, off + 2))
    const echo = p.data?.echo
    if (echo) {
      same(ctx, `${path}.data.echo.id`, echo.id, u16(d, off + 4))
      same(ctx, `${path}.data.echo.seq`, echo.seq, u16(d, off + 6))
      compareBytes(echo.data, d.subarray(off + 8), `${path}.data.echo.data`, ctx)
    }
    return d.length
  },
}

export const packetData: CustomCheck = (ryu, ours, path, ctx) => {
  if (typeof ryu === 'string') return compareBytes(ryu, ours, path, ctx)
  const protos: any[] = ryu.Packet.protocols
  let off = 0
  for (const entry of protos) {
    const [name, p] = Object.entries(entry)[0]!
    const fn = PACKET_PROTOCOLS[name]
    if (!fn) return fail(ctx, `${path}.${name}`, 'no mapping for ryu.lib.packet protocol')
    off = fn(p, ours as Buffer, off, `${path}.${name}`, ctx)
  }
}

// ---- the table ------------------------------------------------------------------------------------

export const RYU_CLASSES: Record<string, RyuClass> = {
  // OpenFlow 1.0 messages (ryu/ofproto/ofproto_v1_0_parser.py)
  OFPFeaturesRequest: { our: { type: 5 } },
  OFPSwitchFeatures: { our: { type: 6 }, custom: { ports: (ryu, ours, p, ctx) => portsByNumber(ryu, ours.ports, p, ctx) } },
  OFPPhyPort: {},
  OFPPacketIn: { our: { type: 10 } },
  OFPPacketOut: { our: { type: 13 }, custom: { data: (ryu, ours, p, ctx) => packetData(ryu, ours.data, p, ctx) } },
  OFPFlowMod: { our: { type: 14 } },
  OFPMatch: {}, // OF1.0: dl_src/dl_dst/nw_src/nw_dst/… → dlSrc/dlDst/nwSrc/nwDst/… (default rule)
  // OpenFlow 1.0 actions: the class name is ofl's numeric `type`
  OFPActionOutput: { our: { type: 0 } },
  OFPActionVlanVid: { our: { type: 1 } },
  OFPActionVlanPcp: { our: { type: 2 } },
  OFPActionStripVlan: { our: { type: 3 } },
  OFPActionSetDlSrc: { our: { type: 4 } },
  OFPActionSetDlDst: { our: { type: 5 } },
  OFPActionSetNwSrc: { our: { type: 6 } },
  OFPActionSetNwDst: { our: { type: 7 } },
  OFPActionSetNwTos: { our: { type: 8 }, rename: { tos: 'nwTos' } },
  OFPActionSetTpSrc: { our: { type: 9 }, rename: { tp: 'tpPort' } },
  OFPActionSetTpDst: { our: { type: 10 }, rename: { tp: 'tpPort' } },
  OFPActionEnqueue: { our: { type: 11 } },
  OFPActionVendor: { our: { type: 0xffff } },
  // Nicira vendor actions (ofl keeps OFPAT_VENDOR bodies raw; fields read from the raw body)
  ...Object.fromEntries(Object.keys(NX_ACTION_FIELDS).map((n) => [n, nxAction(n)])),
}

// ---- the walk -------------------------------------------------------------------------------------

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

export function compareBytes(ryuBase64: string, ours: unknown, path: string, ctx: CompareContext): void {
  ctx.compared++
  if (!Buffer.isBuffer(ours)) return fail(ctx, path, `ofl value is not bytes (${typeof ours})`)
  const want = Buffer.from(ryuBase64, 'base64')
  if (!want.equals(ours)) fail(ctx, path, `bytes differ: ryu ${want.toString('hex')} ≠ ofl ${ours.toString('hex')}`)
}

function isClassObject(v: unknown): v is Record<string, Record<string, unknown>> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false
  const keys = Object.keys(v)
  return keys.length === 1 && /^[A-Z]/.test(keys[0]!)
}

export function compareValue(ryu: unknown, ours: unknown, path: string, ctx: CompareContext): void {
  if (isClassObject(ryu)) {
    const [name, fields] = Object.entries(ryu)[0]!
    const cls = (ctx.classes ?? RYU_CLASSES)[name]
    if (!cls) return fail(ctx, path, `no mapping for Ryu class ${name}`)
    return compareClass(cls, fields, ours, `${path}.${name}`, ctx)
  }
  if (Array.isArray(ryu)) {
    if (!Array.isArray(ours)) return fail(ctx, path, 'ofl value is not an array')
    same(ctx, `${path}.length`, ryu.length, ours.length)
    ryu.forEach((v, i) => compareValue(v, ours[i], `${path}[${i}]`, ctx))
    return
  }
  if (ryu !== null && typeof ryu === 'object') {
    if (ours === null || typeof ours !== 'object') return fail(ctx, path, 'ofl value is not an object')
    for (const [k, v] of Object.entries(ryu)) compareValue(v, (ours as Record<string, unknown>)[camel(k)], `${path}.${k}`, ctx)
    return
  }
  if (typeof ryu === 'string' && Buffer.isBuffer(ours)) return compareBytes(ryu, ours, path, ctx)
  same(ctx, path, ryu, ours)
}

function compareClass(cls: RyuClass, fields: Record<string, unknown>, oursIn: unknown, path: string, ctx: CompareContext): void {
  if (oursIn === null || typeof oursIn !== 'object') return fail(ctx, path, 'ofl value is not an object')
  const ours = oursIn as Record<string, any>
  for (const [k, v] of Object.entries(cls.our ?? {})) same(ctx, `${path}<${k}>`, v, ours[k])
  const holder = cls.within ? ours[cls.within] : ours
  for (const [k, v] of Object.entries(fields)) {
    if (cls.skip && k in cls.skip) continue
    const custom = cls.custom?.[k]
    if (custom) custom(v, holder, `${path}.${k}`, ctx)
    else {
      const name = cls.rename?.[k] ?? camel(k)
      const value = holder?.[name] === undefined && cls.flatWithin ? holder?.[cls.flatWithin]?.[name] : holder?.[name]
      compareValue(v, value, `${path}.${k}`, ctx)
    }
  }
}

/** Compare a Ryu JSON file's text with ofl's decoded message. */
export function compareRyu(ryuJsonText: string, ours: unknown, classes: Record<string, RyuClass> = RYU_CLASSES): CompareContext {
  const ctx: CompareContext = { mismatches: [], compared: 0, classes }
  compareValue(parseJsonLossless(ryuJsonText), ours, '$', ctx)
  return ctx
}
