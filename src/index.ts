// ofl public library API (re-exports only). Not here, and not loaded by it: the CLI (src/cli, src/commands)
// and the benchmark harness and load generator (src/bench); test/unit/library-surface.test.ts checks both.
export * from './wire/index.js'
export * from './lacp/index.js'
export * from './ethernet/index.js'
export * from './capture/index.js'
export * from './openflow/index.js'
export * from './controller/index.js'
export * from './lacp/analysis/index.js'
export * from './openflow/stream/index.js'
export * from './oflacp/index.js'
export * as of10 from './openflow/v10/index.js'
export * as of13 from './openflow/common13/index.js'
