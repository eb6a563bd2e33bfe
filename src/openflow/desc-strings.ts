// The five strings of the switch description (struct ofp_desc_stats in OpenFlow 1.0 §5.3.5.1,
// struct ofp_desc in 1.2 §A.3.5.1 / 1.3 §A.3.5.1): same layout in every version — four
// char[DESC_STR_LEN = 256] and one char serial_num[SERIAL_NUM_LEN = 32], NUL-padded. Kept lossless
// (`<field>Raw` when the bytes are not just the text, see wire/fixed-text.ts).
import { readFixedText, writeFixedText, type FixedTextEncoding, type FixedTextRaw } from '../wire/fixed-text.js'
import type { WireReader } from '../wire/reader.js'
import type { WireWriter } from '../wire/writer.js'

export const DESC_FIELDS = ['mfrDesc', 'hwDesc', 'swDesc', 'serialNum', 'dpDesc'] as const
export type DescField = (typeof DESC_FIELDS)[number]

export interface DescStrings extends FixedTextRaw<DescField> {
  mfrDesc: string // char mfr_desc[DESC_STR_LEN];
  hwDesc: string // char hw_desc[DESC_STR_LEN];
  swDesc: string // char sw_desc[DESC_STR_LEN];
  serialNum: string // char serial_num[SERIAL_NUM_LEN];
  dpDesc: string // char dp_desc[DESC_STR_LEN];
}

const DESC_STR_LEN = 256
const SERIAL_NUM_LEN = 32
const width = (f: DescField): number => (f === 'serialNum' ? SERIAL_NUM_LEN : DESC_STR_LEN)

/** 1056 bytes; the caller has bounds-checked them. */
export function readDescStrings(r: WireReader, enc: FixedTextEncoding): DescStrings {
  const mfr = readFixedText(r, DESC_STR_LEN, enc) // char mfr_desc[DESC_STR_LEN];
  const hw = readFixedText(r, DESC_STR_LEN, enc) // char hw_desc[DESC_STR_LEN];
  const sw = readFixedText(r, DESC_STR_LEN, enc) // char sw_desc[DESC_STR_LEN];
  const serial = readFixedText(r, SERIAL_NUM_LEN, enc) // char serial_num[SERIAL_NUM_LEN];
  const dp = readFixedText(r, DESC_STR_LEN, enc) // char dp_desc[DESC_STR_LEN];
  const d: DescStrings = { mfrDesc: mfr.text, hwDesc: hw.text, swDesc: sw.text, serialNum: serial.text, dpDesc: dp.text }
  if (mfr.raw) d.mfrDescRaw = mfr.raw
  if (hw.raw) d.hwDescRaw = hw.raw
  if (sw.raw) d.swDescRaw = sw.raw
  if (serial.raw) d.serialNumRaw = serial.raw
  if (dp.raw) d.dpDescRaw = dp.raw
  return d
}

export function writeDescStrings(w: WireWriter, d: DescStrings, enc: FixedTextEncoding): void {
  for (const f of DESC_FIELDS) writeFixedText(w, d[f], d[`${f}Raw`], width(f), enc, f)
}
