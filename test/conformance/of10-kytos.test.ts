// Kytos python-openflow's OpenFlow 1.0 messages (corpus kytos/v0x01, mostly exported with Wireshark
// from POX ↔ Open vSwitch sessions): every well-formed one decodes and re-encodes byte-exactly (also
// through the JSON form); the malformed ones yield typed errors with a pinned code and offset.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hasCorpus, corpusPath } from '../helpers/corpus.js'
import { decodeMessage, encodeMessage, messageLength } from '../../src/openflow/codec.js'
import { expectMessage } from '../helpers/messages.js'
import { OflError } from '../../src/wire/errors.js'
import { parseJsonLossless, toJson } from '../../src/wire/json.js'

/** Files that are not valid OpenFlow 1.0, why, and the error ofl must give. */
const MALFORMED: Record<string, { code: string; offset: number; why: string }> = {
  // README caveat: a FLOW stats request whose 44-byte ofp_flow_stats_request body is missing.
  'ofpt_stats_request.dat': { code: 'OFPBRC_BAD_LEN', offset: 12, why: 'FLOW stats request without its body' },
  // ofp_flow_stats.length says 160 but the message (length 100) has 88 bytes left for it.
  'ofpt_flow_stats_reply.dat': { code: 'OFPBRC_BAD_LEN', offset: 12, why: 'flow stats entry length overruns the reply' },
  // ofp_packet_queue.len = 8 excludes its 12-byte property, which is then read as a queue of length 0
  // (and a MIN_RATE property must be 16 bytes, not 12).
  'ofpt_queue_get_config_reply.dat': { code: 'OFPBRC_BAD_LEN', offset: 28, why: 'queue length excludes its property' },
}

/** Spot checks of decoded values (beyond the byte-exact round trip). */
const EXPECT: Record<string, Record<string, unknown>> = {
  'ofpt_packet_in.dat': { type: 10, bufferId: 1, totalLen: 1, inPort: 1, reason: 1 }, // README: total_len 1 but no data
  'ofpt_vendor_stats_reply.dat': { type: 16, statsType: 0xffff }, // README: really a STATS_REQUEST (vendor stats)
  'ofpt_hello.dat': { type: 0 },
  'ofpt_features_reply.dat': { type: 6 },
}

describe.skipIf(!hasCorpus)('Kytos OpenFlow 1.0 (v0x01) messages', () => {
  const dir = hasCorpus ? corpusPath('kytos', 'v0x01') : ''
  const files = hasCorpus ? readdirSync(dir).filter((f) => f.endsWith('.dat')).sort() : []

  it('has all 34 files', () => {
    expect(files.length).toBe(34)
  })

  it.each(files.filter((f) => !(f in MALFORMED)))('%s decodes and re-encodes byte-exactly', (f) => {
    const bytes = readFileSync(`${dir}/${f}`)
    const msg = decodeMessage(bytes)
    expect(msg.version).toBe(1)
    expect(msg.type).toBe(bytes[1])
    if (EXPECT[f]) expect(msg).toMatchObject(EXPECT[f])
    expect(encodeMessage(msg).equals(bytes)).toBe(true)
    expect(messageLength(msg)).toBe(bytes.length)
    expect(encodeMessage(parseJsonLossless(toJson(msg)) as never).equals(bytes)).toBe(true)
  })

  it.each(Object.entries(MALFORMED))('%s is rejected with a typed error (%j)', (f, want) => {
    const bytes = readFileSync(`${dir}/${f}`)
    let err: unknown
    try {
      decodeMessage(bytes)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(OflError)
    expect({ code: (err as OflError).code, offset: (err as OflError).offset }).toEqual({ code: want.code, offset: want.offset })
  })

  it('features reply: datapath id and ports', () => {
    const m = expectMessage(decodeMessage(readFileSync(`${dir}/ofpt_features_reply.dat`)), 1, 6)
    expect(typeof m.datapathId).toBe('bigint')
    expect(m.ports.length).toBe((176 - 32) / 48)
    for (const p of m.ports) expect(p.hwAddr).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/)
  })
})
