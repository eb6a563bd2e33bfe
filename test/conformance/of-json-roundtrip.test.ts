// decode → `of decode --json` document → `of encode` is byte-exact over every OpenFlow vector of the
// corpus (Ryu of10/of12/of13 `.packet` files, Kytos v0x01/v0x04 `.dat` files: bytes from independent
// encoders and live sessions), each file decoded through the same path as `ofl of decode FILE`
// (raw input sniffed by content). Malformed vectors round-trip through their `raw` bytes.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { corpusPath, hasCorpus } from '../helpers/corpus.js'
import { decodeOfFiles, ofReportToJson } from '../../src/openflow/stream/decode.js'
import { encodeJsonTexts } from '../../src/openflow/files.js'
import { toJson } from '../../src/wire/json.js'

const SETS: Array<[string, RegExp]> = [
  ['ryu/of10', /\.packet$/],
  ['ryu/of12', /\.packet$/],
  ['ryu/of13', /\.packet$/],
  ['kytos/v0x01', /\.dat$/],
  ['kytos/v0x04', /\.dat$/],
]

describe.skipIf(!hasCorpus)('every corpus vector: decode → JSON document → encode is byte-exact', () => {
  const counts: string[] = []
  for (const [dir, re] of SETS) {
    it(dir, async () => {
      const files = readdirSync(corpusPath(dir)).filter((f) => re.test(f)).sort()
      let exact = 0
      let decoded = 0
      const failures: string[] = []
      for (const f of files) {
        const path = corpusPath(dir, f)
        const bytes = readFileSync(path)
        if (bytes.length === 0) continue // Ryu's empty truncated64 placeholder
        const r = await decodeOfFiles([path])
        const back = Buffer.concat(encodeJsonTexts([toJson(ofReportToJson(r))]))
        if (back.equals(bytes)) exact++
        else failures.push(f)
        if (r.messages.length && r.messages.every((e) => e.message)) decoded++
      }
      counts.push(`${dir}: ${exact}/${files.length} byte-exact, ${decoded} fully decoded`)
      expect(failures).toEqual([])
    })
  }
  it('summary', () => {
    console.log(`JSON round trip: ${counts.join('; ')}`)
    expect(counts).toHaveLength(SETS.length)
  })
})
