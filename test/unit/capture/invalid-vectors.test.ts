// fixtures/vectors/capture/invalid/*.hex: damaged pcap and pcapng files. Each must fail with the stated
// code and offset as an OflError, the same way in every reader: the in-memory `readCapture`, the
// streaming reader over a file (several chunk sizes, so the damage lands on a chunk edge) and over a
// stream delivering the bytes one at a time.
import { readdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { openCapture, readCapture } from '../../../src/capture/index.js'
import { OflError } from '../../../src/wire/errors.js'
import { parseHex } from '../../../src/wire/hex.js'

const DIR = fileURLToPath(new URL('../../../fixtures/vectors/capture/invalid/', import.meta.url))
const files = readdirSync(DIR).filter((f) => f.endsWith('.hex'))

function load(f: string): { bytes: Buffer; code: string; offset: number } {
  const text = readFileSync(join(DIR, f), 'utf8')
  const [head, ...rest] = text.split(/^-- /m)
  const m = /^# expect-error: (\S+) (\d+)/m.exec(head!)
  if (!m) throw new Error(`${f}: no expect-error line`)
  const binary = rest.find((s) => s.startsWith('binary'))!.slice('binary'.length)
  return { bytes: parseHex(binary), code: m[1]!, offset: Number(m[2]) }
}

function where(e: unknown): { typed: boolean; code?: string; offset?: number } {
  if (!(e instanceof OflError)) return { typed: false }
  return { typed: true, code: e.code, offset: e.offset }
}

async function streamError(path: string, opts: Parameters<typeof openCapture>[1]): Promise<unknown> {
  try {
    for await (const _ of openCapture(path, opts)) { /* drain */ }
  } catch (e) {
    return e
  }
  return undefined
}

const tmp = mkdtempSync(join(tmpdir(), 'ofl-capture-invalid-'))
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }))

describe('damaged capture vectors', () => {
  it('has vectors', () => expect(files.length).toBeGreaterThan(4))

  it.each(files)('%s', async (f) => {
    const v = load(f)
    const want = { typed: true, code: v.code, offset: v.offset }
    let err: unknown
    try {
      readCapture(v.bytes)
    } catch (e) {
      err = e
    }
    expect(where(err)).toEqual(want)

    const path = join(tmp, f.replace(/\.hex$/, '.bin'))
    writeFileSync(path, v.bytes)
    for (const chunkSize of [8, 13, 32, 1 << 20]) {
      expect(where(await streamError(path, { chunkSize }))).toEqual(want)
    }
    const bytewise = Readable.from([...v.bytes].map((b) => Buffer.from([b])))
    expect(where(await streamError('-', { stdin: bytewise, chunkSize: 8 }))).toEqual(want)
  })
})
