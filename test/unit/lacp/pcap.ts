// Test-only classic pcap record walker (little/big endian, µs/ns) for the corpus conformance tests, so
// they do not depend on the capture module. Bounds-checked; throws on a bad magic.
export interface PcapFrame { index: number; data: Buffer }

export function pcapFrames(file: Buffer): PcapFrame[] {
  const magicLe = file.readUInt32LE(0)
  const le = magicLe === 0xa1b2c3d4 || magicLe === 0xa1b23c4d
  if (!le && file.readUInt32BE(0) !== 0xa1b2c3d4 && file.readUInt32BE(0) !== 0xa1b23c4d) throw new Error('not a classic pcap')
  const out: PcapFrame[] = []
  let off = 24
  while (off + 16 <= file.length) {
    const cap = le ? file.readUInt32LE(off + 8) : file.readUInt32BE(off + 8)
    if (off + 16 + cap > file.length) throw new Error(`record at ${off} runs past the end`)
    out.push({ index: out.length + 1, data: file.subarray(off + 16, off + 16 + cap) })
    off += 16 + cap
  }
  return out
}
