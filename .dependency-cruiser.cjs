// dependency-cruiser rules: imports point down the layers and never run in a circle.
// `npm run lint:deps` checks them (part of `npm run lint`, which `npm test` runs first).
// ARCHITECTURE.md draws the same layers; change both together.
//
// Layers of src/, lowest first. A folder may import its own layer's files and any folder of a LOWER
// layer, never a folder of the same layer or a higher one (so the top-level folders cannot form a cycle).
const LAYERS = [
  ['wire', 'types'],         // bytes: reader/writer, errors, hex, MAC; ambient .d.ts for untyped deps
  ['ethernet'],              // L2 frame: Ethernet II, 802.1Q/802.1ad tags
  ['capture'],               // pcap/pcapng files, link types (SLL/SLL2 around the Ethernet parser)
  ['lacp', 'openflow'],      // the two protocols, independent of each other
  ['oflacp'],                // LACP carried in OpenFlow packet-in/packet-out (capture analysis)
  ['controller'],            // the OpenFlow controller running LACP bonds
  ['bench'],                 // benchmark harness and cbench-style load generator
  ['cli'],                   // the oclif base command (flags, rendering, exit codes)
  ['commands'],              // oclif commands: thin wrappers over the library
]

const rank = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i])))
const folders = [...rank.keys()]
const alt = (names) => `^src/(${names.join('|')})/`

const layerRules = folders.map((name) => {
  const r = rank.get(name)
  const notBelow = folders.filter((n) => n !== name && rank.get(n) >= r)
  return {
    name: `layer-${name}`,
    severity: 'error',
    comment: `src/${name}/ may import only its own folder and lower layers (see .dependency-cruiser.cjs LAYERS and ARCHITECTURE.md)`,
    from: { path: `^src/${name}/` },
    to: { path: alt(notBelow) },
  }
})

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files import each other in a circle; move the shared part down into a file both can import.',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'known-layer',
      severity: 'error',
      comment: 'Every top-level folder of src/ has a layer: add a new folder to LAYERS in .dependency-cruiser.cjs and to ARCHITECTURE.md.',
      from: { path: '^src/[^/]+/', pathNot: alt(folders) },
      to: {},
    },
    {
      name: 'library-without-bench-or-cli',
      severity: 'error',
      comment: 'Importing the library (src/index.ts) must not load the benchmark harness, the load generator or the CLI.',
      from: { path: '^src/index\\.ts$' },
      to: { path: alt(['bench', 'cli', 'commands']), reachable: true },
    },
    {
      name: 'src-not-from-tests',
      severity: 'error',
      comment: 'Library code must not import test helpers.',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'This import cannot be resolved (typo, or a package missing from package.json).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: {
      archi: { collapsePattern: '^src/[^/]+' },
    },
  },
}
