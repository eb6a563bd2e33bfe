// struct ofp_table_features and its properties — OpenFlow 1.3.5 §7.3.5.5 (OFPMP_TABLE_FEATURES).
// Property header: uint16_t type; uint16_t length (excludes the padding to 8 that follows).
import { asBytes } from '../../wire/json.js'
import { MalformedError } from '../../wire/errors.js'
import type { WireReader } from '../../wire/reader.js'
import type { WireWriter } from '../../wire/writer.js'
import {
  OFPTFPT_APPLY_ACTIONS, OFPTFPT_APPLY_ACTIONS_MISS, OFPTFPT_APPLY_SETFIELD, OFPTFPT_APPLY_SETFIELD_MISS,
  OFPTFPT_EXPERIMENTER, OFPTFPT_EXPERIMENTER_MISS, OFPTFPT_INSTRUCTIONS, OFPTFPT_INSTRUCTIONS_MISS, OFPTFPT_MATCH,
  OFPTFPT_NEXT_TABLES, OFPTFPT_NEXT_TABLES_MISS, OFPTFPT_WILDCARDS, OFPTFPT_WRITE_ACTIONS, OFPTFPT_WRITE_ACTIONS_MISS,
  OFPTFPT_WRITE_SETFIELD, OFPTFPT_WRITE_SETFIELD_MISS, OFPXMC_EXPERIMENTER,
} from './constants.js'
import { pad8, readList } from './util.js'
import { readFixedText, writeFixedText, type FixedTextRaw } from '../../wire/fixed-text.js'

/** An instruction or action id: its type and whatever follows the 4-byte header (experimenter id…). */
export interface TypeId { type: number; data?: Buffer }
/** An OXM header as listed by table features (no value); `experimenter` for class 0xffff. */
export interface OxmId { oxmClass: number; oxmField: number; hasMask: boolean; length: number; experimenter?: number }

export const TFP_INSTRUCTION_TYPES = [OFPTFPT_INSTRUCTIONS, OFPTFPT_INSTRUCTIONS_MISS] as const
export const TFP_NEXT_TABLES_TYPES = [OFPTFPT_NEXT_TABLES, OFPTFPT_NEXT_TABLES_MISS] as const
export const TFP_ACTION_TYPES = [OFPTFPT_WRITE_ACTIONS, OFPTFPT_WRITE_ACTIONS_MISS, OFPTFPT_APPLY_ACTIONS, OFPTFPT_APPLY_ACTIONS_MISS] as const
export const TFP_OXM_TYPES = [
  OFPTFPT_MATCH, OFPTFPT_WILDCARDS, OFPTFPT_WRITE_SETFIELD, OFPTFPT_WRITE_SETFIELD_MISS, OFPTFPT_APPLY_SETFIELD,
  OFPTFPT_APPLY_SETFIELD_MISS,
] as const
export const TFP_EXPERIMENTER_TYPES = [OFPTFPT_EXPERIMENTER, OFPTFPT_EXPERIMENTER_MISS] as const

export interface TfpInstructions { type: (typeof TFP_INSTRUCTION_TYPES)[number]; instructionIds: TypeId[] }
export interface TfpNextTables { type: (typeof TFP_NEXT_TABLES_TYPES)[number]; tableIds: number[] }
export interface TfpActions { type: (typeof TFP_ACTION_TYPES)[number]; actionIds: TypeId[] }
export interface TfpOxm { type: (typeof TFP_OXM_TYPES)[number]; oxmIds: OxmId[] }
export interface TfpExperimenter {
  type: (typeof TFP_EXPERIMENTER_TYPES)[number]; experimenter: number; expType: number
  /** uint32_t experimenter_data[0]; */
  data: number[]
}
export interface TfpUnknown { type: number; unknown: true; data: Buffer }
export type TableFeatureProp = TfpInstructions | TfpNextTables | TfpActions | TfpOxm | TfpExperimenter | TfpUnknown

export interface TableFeatures extends FixedTextRaw<'name'> {
  tableId: number
  name: string
  metadataMatch: bigint
  metadataWrite: bigint
  config: number
  maxEntries: number
  properties: TableFeatureProp[]
}

const has = (list: readonly number[], t: number): boolean => list.includes(t)

function readTypeIds(r: WireReader, field: string): TypeId[] {
  return readList(r, { header: 4, lenAt: 2, code: 'OFPTFFC_BAD_LEN', field }, (s) => {
    const type = s.u16() // uint16_t type;
    s.u16() // uint16_t len;
    return s.pos < s.end ? { type, data: s.rest() } : { type }
  })
}

function writeTypeIds(w: WireWriter, ids: readonly TypeId[]): void {
  for (const id of ids) {
    const data = id.data === undefined ? undefined : asBytes(id.data)
    w.u16(id.type).u16(4 + (data?.length ?? 0))
    if (data) w.bytes(data)
  }
}

export function decodeTableFeatureProp(r: WireReader): TableFeatureProp {
  const type = r.u16() // uint16_t type;
  r.u16() // uint16_t length;
  if (has(TFP_INSTRUCTION_TYPES, type)) return { type, instructionIds: readTypeIds(r, 'ofp_instruction_id') } as TfpInstructions
  if (has(TFP_ACTION_TYPES, type)) return { type, actionIds: readTypeIds(r, 'ofp_action_id') } as TfpActions
  if (has(TFP_NEXT_TABLES_TYPES, type)) {
    const tableIds: number[] = []
    while (r.pos < r.end) tableIds.push(r.u8()) // uint8_t next_table_ids[0];
    return { type, tableIds } as TfpNextTables
  }
  if (has(TFP_OXM_TYPES, type)) {
    const oxmIds: OxmId[] = []
    while (r.pos < r.end) {
      const oxmClass = r.u16() // uint16_t oxm_class;
      const fh = r.u8() // oxm_field, oxm_hasmask
      const length = r.u8() // uint8_t oxm_length;
      const id: OxmId = { oxmClass, oxmField: fh >>> 1, hasMask: (fh & 1) === 1, length }
      if (oxmClass === OFPXMC_EXPERIMENTER) id.experimenter = r.u32() // uint32_t experimenter;
      oxmIds.push(id)
    }
    return { type, oxmIds } as TfpOxm
  }
  if (has(TFP_EXPERIMENTER_TYPES, type)) {
    const experimenter = r.u32() // uint32_t experimenter;
    const expType = r.u32() // uint32_t exp_type;
    if ((r.end - r.pos) % 4 !== 0) {
      throw new MalformedError('OFPTFFC_BAD_LEN', 'experimenter property data is not a multiple of 4', { offset: r.pos, field: 'ofp_table_feature_prop_experimenter' })
    }
    const data: number[] = []
    while (r.pos < r.end) data.push(r.u32()) // uint32_t experimenter_data[0];
    return { type, experimenter, expType, data } as TfpExperimenter
  }
  return { type, unknown: true, data: r.rest() }
}

export function encodeTableFeatureProp(w: WireWriter, p: TableFeatureProp): void {
  const start = w.pos
  w.u16(p.type).u16(0)
  if ((p as TfpUnknown).unknown) w.bytes(asBytes((p as TfpUnknown).data))
  else if (has(TFP_INSTRUCTION_TYPES, p.type)) writeTypeIds(w, (p as TfpInstructions).instructionIds)
  else if (has(TFP_ACTION_TYPES, p.type)) writeTypeIds(w, (p as TfpActions).actionIds)
  else if (has(TFP_NEXT_TABLES_TYPES, p.type)) for (const t of (p as TfpNextTables).tableIds) w.u8(t)
  else if (has(TFP_OXM_TYPES, p.type)) {
    for (const id of (p as TfpOxm).oxmIds) {
      w.u16(id.oxmClass).u8((id.oxmField << 1) | (id.hasMask ? 1 : 0)).u8(id.length)
      if (id.oxmClass === OFPXMC_EXPERIMENTER) w.u32(id.experimenter ?? 0)
    }
  } else if (has(TFP_EXPERIMENTER_TYPES, p.type)) {
    const e = p as TfpExperimenter
    w.u32(e.experimenter).u32(e.expType)
    for (const d of e.data) w.u32(d)
  }
  const len = w.pos - start
  w.patchU16(start + 2, len)
  w.zero(pad8(len))
}

export const OFP_TABLE_FEATURES_SIZE = 64
export const OFP_MAX_TABLE_NAME_LEN = 32

export function decodeTableFeatures(r: WireReader): TableFeatures {
  r.need(OFP_TABLE_FEATURES_SIZE, 'ofp_table_features')
  r.u16() // uint16_t length;
  const tableId = r.u8() // uint8_t table_id;
  r.skip(5) // uint8_t pad[5];
  const name = readFixedText(r, OFP_MAX_TABLE_NAME_LEN, 'utf8') // char name[OFP_MAX_TABLE_NAME_LEN];
  const metadataMatch = r.u64() // uint64_t metadata_match;
  const metadataWrite = r.u64() // uint64_t metadata_write;
  const config = r.u32() // uint32_t config;
  const maxEntries = r.u32() // uint32_t max_entries;
  const properties = readList(r, { header: 4, lenAt: 2, code: 'OFPTFFC_BAD_LEN', field: 'ofp_table_feature_prop', padded: true }, decodeTableFeatureProp)
  const t: TableFeatures = { tableId, name: name.text, metadataMatch, metadataWrite, config, maxEntries, properties }
  if (name.raw) t.nameRaw = name.raw
  return t
}

export function encodeTableFeatures(w: WireWriter, t: TableFeatures): void {
  const start = w.pos
  w.u16(0).u8(t.tableId).zero(5)
  writeFixedText(w, t.name, t.nameRaw, OFP_MAX_TABLE_NAME_LEN, 'utf8', 'name')
  w.u64(t.metadataMatch).u64(t.metadataWrite).u32(t.config).u32(t.maxEntries)
  for (const p of t.properties ?? []) encodeTableFeatureProp(w, p)
  w.patchU16(start, w.pos - start)
}

export function decodeTableFeaturesList(r: WireReader): TableFeatures[] {
  return readList(r, { header: OFP_TABLE_FEATURES_SIZE, lenAt: 0, code: 'OFPTFFC_BAD_LEN', field: 'ofp_table_features', multipleOf: 8 }, decodeTableFeatures)
}

export function encodeTableFeaturesList(w: WireWriter, list: readonly TableFeatures[]): void {
  for (const t of list) encodeTableFeatures(w, t)
}
