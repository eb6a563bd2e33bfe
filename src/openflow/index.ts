export * from './header.js'
export type * from './registry.js'
