// OpenFlow 1.0 message registry (type → codec). Filled in by the v10 message modules.
import type { VersionRegistry } from '../registry.js'

export const registry: VersionRegistry = {}
