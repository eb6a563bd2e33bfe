// Loader for the annotated vector files in fixtures/vectors (loxigen-style `.data`):
// `# …` header comments (the source), `# codec: NAME`, optional `-- only: decode|encode`,
// optional `-- error: CODE at OFFSET`, then `-- binary` (hex with `# field=value` comments),
// `-- json` (the expected decode) and `-- text` (expected formatter output).
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseHex } from '../../../src/wire/hex.js'

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url))

export interface Vector {
  name: string
  file: string
  codec: string
  source: string
  bytes: Buffer
  json?: unknown
  text?: string
  only?: 'decode' | 'encode'
  error?: { code: string; offset: number }
}

export function parseVector(text: string, file = '<inline>'): Vector {
  const sections: Record<string, string[]> = { head: [] }
  let cur = 'head'
  let only: Vector['only']
  let error: Vector['error']
  for (const line of text.split(/\r?\n/)) {
    const m = /^-- (\w+)(?::\s*(.*))?$/.exec(line)
    if (m) {
      if (m[1] === 'only') only = m[2]!.trim() as Vector['only']
      else if (m[1] === 'error') {
        const e = /^(\S+) at (\d+)$/.exec(m[2]!.trim())
        if (!e) throw new Error(`${file}: bad error line ${line}`)
        error = { code: e[1]!, offset: Number(e[2]) }
      } else sections[(cur = m[1]!)] = []
      continue
    }
    sections[cur]!.push(line)
  }
  const codec = /# codec: (\S+)/.exec(sections.head!.join('\n'))?.[1]
  if (!codec) throw new Error(`${file}: no "# codec:" line`)
  if (!sections.binary) throw new Error(`${file}: no -- binary section`)
  return {
    name: basename(file),
    file,
    codec,
    source: sections.head!.filter((l) => l.startsWith('#') && !l.startsWith('# codec')).join('\n'),
    bytes: parseHex(sections.binary.join('\n')),
    json: sections.json ? JSON.parse(sections.json.join('\n')) : undefined,
    text: sections.text ? sections.text.join('\n').replace(/\n+$/, '') : undefined,
    only,
    error,
  }
}

/** Every `*.hex` vector in fixtures/vectors/<dir> whose name starts with `prefix`. */
export function loadVectors(dir: string, prefix = ''): Vector[] {
  const d = join(FIXTURES, 'vectors', dir)
  return readdirSync(d)
    .filter((f) => f.endsWith('.hex') && f.startsWith(prefix))
    .sort()
    .map((f) => parseVector(readFileSync(join(d, f), 'utf8'), join(d, f)))
}
