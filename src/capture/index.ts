export * from './writer.js'
