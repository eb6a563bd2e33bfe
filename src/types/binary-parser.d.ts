// binary-parser 2.3.0 ships its ESM build as .mjs next to a .d.ts TypeScript cannot pair with it under
// NodeNext resolution; re-export the CommonJS build's declarations (same API) for the ESM import.
declare module 'binary-parser' {
  export * from 'binary-parser/dist/binary_parser.js'
}
