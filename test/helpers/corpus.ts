// Access to the shared conformance corpus (env OFL_CORPUS) and to external oracles.
//
// OFL_CORPUS points at the corpus; .ci/run sets it. When it is set and the corpus is missing, corpus
// tests FAIL (corpusDir throws) instead of skipping. When it is unset, corpus suites are skipped.
// OFL_REQUIRE_TOOLS=1 (set by .ci/run) likewise turns "tshark/tcpdump/ovs not installed" into failures.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'

export const CORPUS_ENV = 'OFL_CORPUS'

/** True when corpus tests should run (the variable is set). */
export const hasCorpus = Boolean(process.env[CORPUS_ENV])

export function corpusDir(): string {
  const dir = process.env[CORPUS_ENV]
  if (!dir) throw new Error(`${CORPUS_ENV} is not set`)
  const abs = resolve(dir)
  if (!existsSync(join(abs, 'README.md'))) throw new Error(`${CORPUS_ENV}=${dir} but no corpus is there`)
  return abs
}

export function corpusPath(...parts: string[]): string {
  const p = join(corpusDir(), ...parts)
  if (!existsSync(p)) throw new Error(`corpus file missing: ${p}`)
  return p
}

export function corpusFile(...parts: string[]): Buffer {
  return readFileSync(corpusPath(...parts))
}

/** Is an external tool installed? With OFL_REQUIRE_TOOLS=1 a missing tool throws instead (CI). */
export function hasTool(name: string, versionArg = '--version'): boolean {
  try {
    execFileSync(name, [versionArg], { stdio: 'ignore', timeout: 20_000 })
    return true
  } catch {
    if (process.env.OFL_REQUIRE_TOOLS === '1') throw new Error(`required tool ${name} is not installed (OFL_REQUIRE_TOOLS=1)`)
    return false
  }
}
