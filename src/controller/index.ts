export * from './bond.js'
export * from './clock.js'
export * from './lacp-machine.js'
