// Read Prometheus text exposition in tests: `name{labels}` → value (HELP/TYPE lines skipped).
export function promSamples(text: string): Map<string, number> {
  const out = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const cut = line.lastIndexOf(' ')
    out.set(line.slice(0, cut), Number(line.slice(cut + 1)))
  }
  return out
}

/** The samples of one metric as [labels text, value], e.g. [['dpid="01"', 1]]. */
export function promSeries(samples: Map<string, number>, name: string): Array<[string, number]> {
  const out: Array<[string, number]> = []
  for (const [k, v] of samples) {
    if (k === name) out.push(['', v])
    else if (k.startsWith(`${name}{`)) out.push([k.slice(name.length + 1, -1), v])
  }
  return out
}
