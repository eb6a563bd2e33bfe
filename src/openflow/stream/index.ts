// OpenFlow in captures and files: TCP reassembly, framing with damage recovery, the `of decode`
// library function and its JSON document, input sniffing, and the ofp-print style printer.
export * from './tcp.js'
export * from './reassembly.js'
export * from './direction.js'
export * from './capture.js'
export * from './decode.js'
export * from '../files.js'
