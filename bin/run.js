#!/usr/bin/env node
// `ofl lacp decode FILE…` in its simple forms runs without loading oclif (dist/cli/fast-path.js says
// which forms; everything else, help included, goes through oclif as before). OFL_NO_FAST_PATH=1 turns
// the shortcut off (the CLI tests compare both paths).
const argv = process.argv.slice(2)
let done = false
if (argv[0] === 'lacp' && argv[1] === 'decode' && !process.env.OFL_NO_FAST_PATH) {
  const { fastLacpDecode } = await import('../dist/cli/fast-path.js')
  done = await fastLacpDecode(argv.slice(2))
}
if (!done) {
  const { execute } = await import('@oclif/core')
  await execute({ dir: import.meta.url })
}
