export * from './constants.js'
export * from './state.js'
export * from './issues.js'
export * from './lacpdu.js'
export * from './lacpdu-schema.js'
export * from './marker.js'
export * from './slow.js'
export * from './reply.js'
export * from './machine.js'
export * from './frame.js'
export * from './format.js'
export {
  craftFromFlags, craftFromJson, craftReplies, craftPcap, craftReport, formatCraft, runCraft,
  type CraftFlags, type CraftResult, type CraftReport, type CraftedFrame,
} from './craft.js'
