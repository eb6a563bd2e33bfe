// LACP carried inside OpenFlow: above both src/lacp/ and src/openflow/ (see ARCHITECTURE.md).
export * from './lacp-source.js'
export * from './capture.js'
export * from './print/format.js'
export * from './print/report.js'
