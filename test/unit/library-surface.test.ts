// Importing the built library loads neither the benchmark harness / cbench-style load generator
// (src/bench) nor the CLI (src/cli, src/commands), and exports none of their functions. A child Node
// process records every file module its ESM loader loads (a module.register() load hook), so the check
// sees the real module graph of `import 'ofl'`, transitive imports included.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const dist = join(root, 'dist')
const dir = mkdtempSync(join(tmpdir(), 'ofl-surface-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function importLibrary(): { loaded: string[]; exports: string[] } {
  const log = join(dir, 'loaded.txt')
  const hooks = join(dir, 'hooks.mjs')
  const register = join(dir, 'register.mjs')
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs'
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n')
  return next(url, context)
}
`)
  writeFileSync(register, `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`)
  writeFileSync(log, '')
  const main = `const m = await import(${JSON.stringify(pathToFileURL(join(dist, 'index.js')).href)}); console.log(JSON.stringify(Object.keys(m)))`
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, '--input-type=module', '-e', main], { encoding: 'utf8' })
  expect(r.stderr).toBe('')
  expect(r.status).toBe(0)
  const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean)
    .filter((u) => u.startsWith(pathToFileURL(dist).href + '/'))
    .map((u) => u.slice(pathToFileURL(dist).href.length + 1))
  return { loaded, exports: JSON.parse(r.stdout) as string[] }
}

describe('the library entry point (dist/index.js)', () => {
  it('is built', () => {
    expect(existsSync(join(dist, 'index.js'))).toBe(true)
  })

  const { loaded, exports } = importLibrary()

  it('loads the codec layers (the hook sees the real module graph)', () => {
    expect(loaded).toContain('index.js')
    expect(loaded).toContain('wire/reader.js')
    expect(loaded).toContain('lacp/lacpdu.js')
    expect(loaded).toContain('openflow/codec.js')
    expect(loaded).toContain('controller/index.js')
  })

  it('does not load the benchmark harness, the load generator or the CLI', () => {
    expect(loaded.filter((f) => /^(bench|cli|commands)\//.test(f))).toEqual([])
  })

  it('exports no benchmark function', () => {
    expect(exports.length).toBeGreaterThan(50)
    expect(exports.filter((n) => /bench/i.test(n))).toEqual([])
    expect(exports).not.toContain('runAll')
  })
})
