// Fixed-width strings: text up to the first NUL, exact bytes kept as raw when the text does not give
// them back; the writer uses raw only while its text is unchanged. The message-level vectors are in
// fixtures/vectors/of1x/*name*.hex and *desc*.hex.
import { describe, expect, it } from 'vitest'
import { readFixedText, writeFixedText, type FixedTextEncoding } from '../../../src/wire/fixed-text.js'
import { OflError } from '../../../src/wire/errors.js'
import { WireReader } from '../../../src/wire/reader.js'
import { WireWriter } from '../../../src/wire/writer.js'

const field = (hex: string, n = 8): Buffer => Buffer.concat([Buffer.from(hex, 'hex'), Buffer.alloc(n - hex.length / 2)])
const read = (b: Buffer, enc: FixedTextEncoding) => readFixedText(new WireReader(b), b.length, enc)
function write(text: string, raw: Buffer | string | undefined, n: number, enc: FixedTextEncoding): Buffer {
  const w = new WireWriter(4)
  writeFixedText(w, text, raw, n, enc, 'name')
  return w.finish()
}

describe('fixed-width strings', () => {
  it.each<[string, FixedTextEncoding, string, boolean]>([
    ['657468300000', 'utf8', 'eth0', false], // plain
    ['657468300000', 'latin1', 'eth0', false],
    ['63616fc3a900', 'utf8', 'caoé', false], // valid UTF-8
    ['636166e90000', 'latin1', 'café', false], // Latin-1 keeps every byte
    ['636166e90000', 'utf8', 'caf\ufffd', true], // not UTF-8
    ['efbbbf610000', 'utf8', '\ufeffa', false], // a BOM stays in the text
    ['657468310078', 'latin1', 'eth1', true], // a byte after the NUL
    ['657468310078', 'utf8', 'eth1', true],
    ['e3839de383bc', 'utf8', 'ポー', false], // full field, no NUL
    ['e3839de383bc', 'utf8', 'ポー', false],
  ])('%s as %s', (hex, enc, text, hasRaw) => {
    const b = Buffer.from(hex, 'hex')
    const got = read(b, enc)
    expect(got.text).toBe(text)
    expect(got.raw?.toString('hex')).toBe(hasRaw ? hex : undefined)
    // JSON form → bytes: raw as hex
    expect(write(got.text, got.raw?.toString('hex'), b.length, enc).toString('hex')).toBe(hex)
  })

  it('raw is a copy, not a view into the receive buffer', () => {
    const b = field('65746831007878')
    const got = read(b, 'latin1')
    b.fill(0)
    expect(got.raw?.toString('hex')).toBe('6574683100787800')
  })

  it('an edited text wins over stale raw bytes', () => {
    expect(write('eth2', '6574683100787800', 8, 'latin1').toString('hex')).toBe('6574683200000000')
    expect(write('eth1', '6574683100787800', 8, 'latin1').toString('hex')).toBe('6574683100787800')
  })

  it('a text longer than the field is cut to it', () => {
    expect(write('abcdefghij', undefined, 8, 'utf8').toString('hex')).toBe(Buffer.from('abcdefgh').toString('hex'))
  })

  it('raw of the wrong width is a typed error', () => {
    let err: unknown
    try {
      write('eth1', '657468310078', 8, 'latin1')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(OflError)
    expect((err as OflError).code).toBe('BAD_FIXED_TEXT')
    expect((err as OflError).field).toBe('nameRaw')
  })

  it('raw that is not hex is a typed error', () => {
    let err: unknown
    try {
      write('eth1', 'zz', 8, 'latin1')
    } catch (e) {
      err = e
    }
    expect((err as OflError).code).toBe('BAD_HEX')
  })
})
