// The published types, as a library user sees them: two consumer files compiled with `tsc` against the
// BUILT package (`import … from 'ofl'` resolves through package.json `exports` to dist/index.d.ts, the
// package's self-reference), and a scan of every published .d.ts for `any`. Needs `npm run build` first
// (`npm test` runs it as pretest).
import { describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '..', '..')
const FIXTURES = join(ROOT, 'test', 'types', 'fixtures')
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')

async function tsc(project: string): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, [TSC, '-p', join(FIXTURES, project), '--pretty', 'false'], { cwd: ROOT, maxBuffer: 1 << 24 })
    return { code: 0, out: r.stdout + r.stderr }
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    return { code: err.code ?? -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` }
  }
}

describe('published types (dist/*.d.ts through package.json exports)', () => {
  it('the build exists', () => {
    expect(existsSync(join(ROOT, 'dist', 'index.d.ts'))).toBe(true)
  })

  it('a consumer that narrows on version and type compiles under strict', async () => {
    const r = await tsc('tsconfig.ok.json')
    expect(r.out).toBe('')
    expect(r.code).toBe(0)
  }, 180_000)

  it('a consumer reading fields no narrowed message has fails with exactly the marked errors', async () => {
    const r = await tsc('tsconfig.bad.json')
    expect(r.code).toBe(2)
    const got = [...r.out.matchAll(/consumer-bad\.ts\((\d+),\d+\): error (TS\d+)/g)].map((x) => `${x[1]} ${x[2]}`)
    const want = readFileSync(join(FIXTURES, 'consumer-bad.ts'), 'utf8').split('\n')
      .map((line, i) => [i + 1, /\/\/ error (TS\d+)$/.exec(line)?.[1]] as const)
      .filter(([, code]) => code !== undefined)
      .map(([n, code]) => `${n} ${code}`)
    expect(want.length).toBeGreaterThanOrEqual(10)
    expect(got).toEqual(want)
  }, 180_000)

  it('no published declaration uses `any`', () => {
    const files: string[] = []
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f)
        if (statSync(p).isDirectory()) walk(p)
        else if (p.endsWith('.d.ts')) files.push(p)
      }
    }
    walk(join(ROOT, 'dist'))
    expect(files.length).toBeGreaterThan(50)
    const hits: string[] = []
    for (const f of files) {
      // Drop comments (doc text says "any" in English) and string literals, keep the types.
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'[^'\n]*'|"[^"\n]*"/g, '""')
      code.split('\n').forEach((line, i) => {
        if (/\bany\b/.test(line)) hits.push(`${f.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}`)
      })
    }
    expect(hits).toEqual([])
  })
})
