// OpenFlow 1.2 message registry (type → codec). Filled in by the v12 message modules.
import type { VersionRegistry } from '../registry.js'

export const registry: VersionRegistry = {}
