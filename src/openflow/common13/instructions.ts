// Instructions — OpenFlow 1.3.5 §7.2.4 (1.2 §A.2.4). Header: uint16_t type; uint16_t len (multiple of 8).
import { asBytes } from '../../wire/json.js'
import { MalformedError } from '../../wire/errors.js'
import type { WireReader } from '../../wire/reader.js'
import type { WireWriter } from '../../wire/writer.js'
import type { Part } from '../../wire/struct.js'
import {
  OFPIT_APPLY_ACTIONS, OFPIT_CLEAR_ACTIONS, OFPIT_EXPERIMENTER, OFPIT_GOTO_TABLE, OFPIT_METER, OFPIT_WRITE_ACTIONS,
  OFPIT_WRITE_METADATA,
} from './constants.js'
import { decodeActions, encodeActions, type Action } from './actions.js'
import { expectLen, readList } from './util.js'

export interface InstructionGotoTable { type: typeof OFPIT_GOTO_TABLE; tableId: number }
export interface InstructionWriteMetadata { type: typeof OFPIT_WRITE_METADATA; metadata: bigint; metadataMask: bigint }
export interface InstructionActions {
  type: typeof OFPIT_WRITE_ACTIONS | typeof OFPIT_APPLY_ACTIONS | typeof OFPIT_CLEAR_ACTIONS
  actions: Action[]
}
export interface InstructionMeter { type: typeof OFPIT_METER; meterId: number }
export interface InstructionExperimenter { type: typeof OFPIT_EXPERIMENTER; experimenter: number; data: Buffer }
export interface InstructionUnknown { type: number; unknown: true; data: Buffer }

export type Instruction =
  | InstructionGotoTable | InstructionWriteMetadata | InstructionActions | InstructionMeter | InstructionExperimenter
  | InstructionUnknown

const BAD_LEN = 'OFPBIC_BAD_LEN'

export function decodeInstruction(r: WireReader): Instruction {
  const type = r.u16() // uint16_t type;
  r.u16() // uint16_t len;
  switch (type) {
    case OFPIT_GOTO_TABLE: {
      expectLen(r, 8, BAD_LEN, 'ofp_instruction_goto_table')
      const tableId = r.u8() // uint8_t table_id;
      r.skip(3) // uint8_t pad[3];
      return { type, tableId }
    }
    case OFPIT_WRITE_METADATA: {
      expectLen(r, 24, BAD_LEN, 'ofp_instruction_write_metadata')
      r.skip(4) // uint8_t pad[4];
      const metadata = r.u64() // uint64_t metadata;
      const metadataMask = r.u64() // uint64_t metadata_mask;
      return { type, metadata, metadataMask }
    }
    case OFPIT_WRITE_ACTIONS: case OFPIT_APPLY_ACTIONS: case OFPIT_CLEAR_ACTIONS: {
      r.skip(4) // uint8_t pad[4];
      return { type, actions: decodeActions(r) } // struct ofp_action_header actions[0];
    }
    case OFPIT_METER: {
      expectLen(r, 8, BAD_LEN, 'ofp_instruction_meter')
      return { type, meterId: r.u32() } // uint32_t meter_id;
    }
    case OFPIT_EXPERIMENTER: {
      const experimenter = r.u32() // uint32_t experimenter;
      return { type, experimenter, data: r.rest() }
    }
    default:
      return { type, unknown: true, data: r.rest() }
  }
}

export function encodeInstruction(w: WireWriter, i: Instruction): void {
  const start = w.pos
  w.u16(i.type).u16(0)
  if ((i as InstructionUnknown).unknown) {
    w.bytes(asBytes((i as InstructionUnknown).data))
  } else {
    switch (i.type) {
      case OFPIT_GOTO_TABLE: w.u8((i as InstructionGotoTable).tableId).zero(3); break
      case OFPIT_WRITE_METADATA: {
        const m = i as InstructionWriteMetadata
        w.zero(4).u64(m.metadata).u64(m.metadataMask)
        break
      }
      case OFPIT_WRITE_ACTIONS: case OFPIT_APPLY_ACTIONS: case OFPIT_CLEAR_ACTIONS:
        w.zero(4)
        encodeActions(w, (i as InstructionActions).actions ?? [])
        break
      case OFPIT_METER: w.u32((i as InstructionMeter).meterId); break
      case OFPIT_EXPERIMENTER: {
        const e = i as InstructionExperimenter
        w.u32(e.experimenter).bytes(asBytes(e.data))
        break
      }
      default: throw new MalformedError('BAD_INSTRUCTION', `cannot encode instruction type ${i.type}`, { field: 'instruction' })
    }
  }
  w.patchU16(start + 2, w.pos - start)
}

export function decodeInstructions(r: WireReader): Instruction[] {
  return readList(r, { header: 4, lenAt: 2, code: BAD_LEN, field: 'ofp_instruction', multipleOf: 8 }, decodeInstruction)
}

export function encodeInstructions(w: WireWriter, list: readonly Instruction[]): void {
  for (const i of list) encodeInstruction(w, i)
}

/** The instruction list to the end of the window, as a variable part of a layout (wire/struct.ts). */
export const INSTRUCTIONS: Part<Instruction[]> = { read: decodeInstructions, write: (w, list) => encodeInstructions(w, list ?? []) }
