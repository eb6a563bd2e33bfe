export * from './bond.js'
export * from './clock.js'
// The LACP per-member state machine lives in src/lacp/machine.ts (exported from the lacp index).
export * from './server.js'
export * from './format.js'
export { LacpApp, type LacpStatus, type LacpBondStatus, type LacpMemberStatus } from './apps/lacp.js'
export { LearningSwitch } from './apps/learning-switch.js'
export { HaCoordinator, type HaStatus, type HaDatapathStatus, type HaOptions } from './ha/coordinator.js'
export { Mastership, parseEtcdEndpoints, type MastershipStatus, type DatapathMastership } from './ha/mastership.js'
