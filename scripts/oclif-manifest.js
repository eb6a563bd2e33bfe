#!/usr/bin/env node
// Writes oclif.manifest.json (run by `npm run build` after tsc): with it, oclif finds a command's
// module from the manifest and imports only that one, instead of importing every command (and through
// them the whole library) at each start. Generated, never committed (.gitignore).
import { rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Config } from '@oclif/core'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const file = join(root, 'oclif.manifest.json')
rmSync(file, { force: true }) // never build the manifest from an old one
const config = await Config.load({ root })
const plugin = config.plugins.get(config.pjson.name)
if (!plugin?.manifest || Object.keys(plugin.manifest.commands).length === 0) throw new Error('oclif found no commands: is dist/ built?')
writeFileSync(file, JSON.stringify(plugin.manifest, null, 2) + '\n')
console.log(`oclif.manifest.json: ${Object.keys(plugin.manifest.commands).length} commands`)
