export * from './ethernet.js'
