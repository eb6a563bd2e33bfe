// OFPT_HELLO — OpenFlow 1.3.5 §7.5.1. Body: a list of hello elements (uint16_t type; uint16_t length,
// excluding the padding to 8 that follows). OFPHET_VERSIONBITMAP carries uint32_t bitmaps[]: bit n of
// word i set ⇔ wire version 32·i + n is supported. 1.2 hellos have no elements (empty body).
import { asBytes } from '../../wire/json.js'
import type { MessageCodec } from '../registry.js'
import { OFPHET_VERSIONBITMAP, OFPT_HELLO } from '../common13/constants.js'
import { pad8, readList } from '../common13/util.js'
import { type MsgBase, type Version1x } from './base.js'

export interface HelloElemVersionBitmap { type: typeof OFPHET_VERSIONBITMAP; bitmaps: number[] }
export interface HelloElemUnknown { type: number; unknown: true; data: Buffer }
export type HelloElem = HelloElemVersionBitmap | HelloElemUnknown

export interface Hello<V extends Version1x = Version1x> extends MsgBase<typeof OFPT_HELLO, V> { elements: HelloElem[] }

/** Versions advertised by the bitmap elements (empty if there is none). */
export function helloVersions(elements: readonly HelloElem[]): number[] {
  const out: number[] = []
  for (const e of elements) {
    if (e.type !== OFPHET_VERSIONBITMAP || (e as HelloElemUnknown).unknown) continue
    ;(e as HelloElemVersionBitmap).bitmaps.forEach((word, i) => {
      for (let bit = 0; bit < 32; bit++) if ((word >>> bit) & 1) out.push(32 * i + bit)
    })
  }
  return out
}

/** A version-bitmap element advertising `versions` (wire version numbers, e.g. [1, 4]). */
export function versionBitmap(versions: readonly number[]): HelloElemVersionBitmap {
  const bitmaps = new Array<number>(Math.floor(Math.max(0, ...versions) / 32) + 1).fill(0)
  for (const v of versions) bitmaps[v >>> 5] = (bitmaps[v >>> 5]! | (1 << (v & 31))) >>> 0
  return { type: OFPHET_VERSIONBITMAP, bitmaps }
}

export const hello: MessageCodec<Hello> = {
  name: 'OFPT_HELLO',
  decode(r, h) {
    const elements = readList(r, { header: 4, lenAt: 2, code: 'OFPBRC_BAD_LEN', field: 'ofp_hello_elem', padded: true }, (s): HelloElem => {
      const type = s.u16() // uint16_t type;
      s.u16() // uint16_t length;
      if (type !== OFPHET_VERSIONBITMAP) return { type, unknown: true, data: s.rest() }
      const bitmaps: number[] = []
      while (s.pos < s.end) bitmaps.push(s.u32()) // uint32_t bitmaps[0];
      return { type, bitmaps }
    })
    return { version: h.version, type: h.type, xid: h.xid, elements }
  },
  encode(w, m) {
    for (const e of m.elements ?? []) {
      const start = w.pos
      w.u16(e.type).u16(0)
      if ((e as HelloElemUnknown).unknown) w.bytes(asBytes((e as HelloElemUnknown).data))
      else for (const b of (e as HelloElemVersionBitmap).bitmaps) w.u32(b)
      const len = w.pos - start
      w.patchU16(start + 2, len)
      w.zero(pad8(len))
    }
  },
}
