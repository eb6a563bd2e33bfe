// `ofl of decode` / `ofl of encode` end to end through the built binary: input sniffing (raw, hex on
// stdin, capture), --json document, inline typed errors, the JSON → bytes round trip.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { corpusPath, hasCorpus } from '../helpers/corpus.js'

const dir = mkdtempSync(join(tmpdir(), 'ofl-of-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// OF1.3 HELLO (xid 1) + OF1.0 ECHO_REQUEST (xid 2, 2 data bytes) back to back
const STREAM = '0400000800000001' + '0102000a00000002abcd'

describe('of decode', () => {
  it('decodes hex text from stdin, one line per message', () => {
    const r = runCli(['of', 'decode', '-'], { input: `# two messages\n${STREAM.replace(/(..)/g, '$1 ')}\n` })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines[0]).toBe('[offset 0] OFPT_HELLO (OF1.3) (xid=0x1): elements=[]')
    expect(lines[1]).toBe('[offset 8] OFPT_ECHO_REQUEST (OF1.0) (xid=0x2): data=abcd')
    expect(r.stdout).toContain('-: hex, 2 OpenFlow messages')
  })

  it('sniffs a raw file by content and reports a bad length inline, with code and offset', () => {
    const f = join(dir, 'bad.txt') // the name says text; the content is raw
    writeFileSync(f, Buffer.from(STREAM + '0400000400000003', 'hex'))
    const r = runCli(['of', 'decode', f, '--json'])
    expect(r.status).toBe(1) // malformed input: everything decodable is in the document, and the exit says it was not clean
    const doc = JSON.parse(r.stdout)
    expect(doc.error).toEqual({ code: 'OFPBRC_BAD_LEN', message: 'ofp_header length 4 is below 8', offset: 20 })
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('OFPBRC_BAD_LEN')
    expect(doc.inputs).toEqual([{ file: f, kind: 'raw', messages: 2 }])
    expect(doc.messages.map((m: { offset: number; typeName: string }) => [m.offset, m.typeName])).toEqual([[0, 'OFPT_HELLO'], [8, 'OFPT_ECHO_REQUEST']])
    expect(doc.errors).toEqual([
      { file: f, code: 'OFPBRC_BAD_LEN', message: 'ofp_header length 4 is below 8', offset: 20 },
      { file: f, code: 'OF_STREAM_SKIPPED', message: '8 bytes skipped looking for the next OpenFlow header', offset: 18, bytes: 8 },
    ])
  })

  it.skipIf(!hasCorpus)('decodes a capture to JSON with frame, time, connection and direction; encode gives the bytes back', () => {
    const cap = corpusPath('tcpdump', 'of10_7050q.pcapng')
    const r = runCli(['of', 'decode', cap, '--json'])
    expect(r.status).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.summary).toMatchObject({ messages: 6, decoded: 6, decodeErrors: 0 })
    expect(doc.messages[0]).toMatchObject({ index: 1, frame: 1, connection: 1, direction: 'controller-to-switch', offset: 0, frameOffset: 66, typeName: 'OFPT_VENDOR' })
    // ISO 8601 in UTC like `lacp decode --json` (was epoch seconds); tshark: frame.time_epoch 1371290119.501959000
    expect(doc.messages[0].time).toBe('2013-06-15T09:55:19.501959000Z')
    expect(doc.inputs[0].connections).toEqual([{ id: 1, switch: '86.139.225.177:57145', controller: '10.0.0.80:6633', firstFrame: 1, version: 1 }])
    const json = join(dir, 'cap.json')
    writeFileSync(json, r.stdout)
    const out = join(dir, 'cap.bin')
    const e = runCli(['of', 'encode', json, '--out', out])
    expect(e.status).toBe(0)
    const bytes = readFileSync(out)
    const hex = runCli(['of', 'encode', json, '--hex']).stdout.trim().split('\n')
    expect(hex).toHaveLength(6)
    expect(bytes.toString('hex')).toBe(hex.join(''))
    // and the bytes decode to the same messages
    const again = JSON.parse(runCli(['of', 'decode', out, '--json']).stdout)
    expect(again.messages.map((m: { message: unknown }) => m.message)).toEqual(doc.messages.map((m: { message: unknown }) => m.message))
  })
})

describe('of encode', () => {
  it('encodes one message and an array, with 64-bit values as strings', () => {
    const f = join(dir, 'msgs.json')
    writeFileSync(f, JSON.stringify([{ version: 4, type: 2, xid: 7, data: '0102' }, { version: 1, type: 0, xid: 1 }]))
    const r = runCli(['of', 'encode', f, '--hex'])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('0402000a000000070102\n0100000800000001\n')
  })

  it('rejects JSON that is not a message with a typed error', () => {
    const r = runCli(['of', 'encode', '-', '--hex'], { input: '{"hello": 1}' })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('BAD_JSON')
  })
})
