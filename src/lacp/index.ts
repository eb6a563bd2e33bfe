export * from './constants.js'
export * from './state.js'
