// Loader for the loxigen-style vector files in fixtures/vectors/of12|of13:
// `#` comment lines (source, `# expect: CODE at OFFSET` for negative vectors), a
// `-- binary` section of hex with trailing `# field=value` comments, and an optional `-- json` section.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export interface HexVector {
  name: string
  bytes: Buffer
  json?: string
  expect?: { code: string; offset: number }
}

const ROOT = resolve(import.meta.dirname, '../../fixtures/vectors')

export function parseHexVector(name: string, text: string): HexVector {
  let section = ''
  let hex = ''
  let json = ''
  let expect: HexVector['expect']
  for (const line of text.split('\n')) {
    const m = /^#\s*expect:\s*(\S+)\s+at\s+(\d+)/.exec(line)
    if (m) expect = { code: m[1]!, offset: Number(m[2]) }
    if (line.startsWith('-- ')) { section = line.slice(3).trim(); continue }
    if (section === 'binary') hex += line.replace(/#.*$/, '').replace(/\s+/g, '')
    else if (section === 'json') json += line + '\n'
  }
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new Error(`${name}: bad hex in the binary section`)
  return { name, bytes: Buffer.from(hex, 'hex'), json: json.trim() || undefined, expect }
}

/** Every *.hex vector of fixtures/vectors/<dir> (e.g. 'of13', 'of13/invalid'). */
export function loadHexVectors(dir: string): HexVector[] {
  const abs = join(ROOT, dir)
  return readdirSync(abs).filter((f) => f.endsWith('.hex')).sort().map((f) => parseHexVector(`${dir}/${f}`, readFileSync(join(abs, f), 'utf8')))
}
