// ofl public library API (re-exports only; the CLI is not part of it).
export * from './wire/index.js'
export * from './lacp/index.js'
export * from './ethernet/index.js'
export * from './capture/index.js'
export * from './openflow/index.js'
export * from './controller/index.js'
export * from './openflow/stream/index.js'
export * as of13 from './openflow/common13/index.js'
