// OpenFlow 1.3 message registry (type → codec). Filled in by the v13 message modules.
import type { VersionRegistry } from '../registry.js'

export const registry: VersionRegistry = {}
