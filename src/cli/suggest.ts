// "Did you mean …?" for a mistyped command when nobody can answer a prompt (scripts, pipes, CI):
// @oclif/plugin-not-found asks interactively on a terminal and otherwise only says the command does
// not exist. This hook runs first and names the closest command, on stderr.
import type { Hook } from '@oclif/core'

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!
    d[0] = i
    for (let j = 1; j <= b.length; j++) {
      const t = d[j]!
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = t
    }
  }
  return d[b.length]!
}

/** The command id closest to `id` (both with ':' separators), if it is close enough to be a typo. */
export function closestCommand(id: string, ids: readonly string[]): string | undefined {
  let best: string | undefined
  let bestD = Infinity
  for (const c of ids) {
    // compare with as many words as the candidate has (extra words are arguments)
    const typed = id.split(':').slice(0, c.split(':').length).join(':')
    const dd = distance(typed, c)
    if (dd < bestD) {
      bestD = dd
      best = c
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined
}

const hook: Hook<'command_not_found'> = async function (opts) {
  if (process.stdin.isTTY) return // the plugin prompts
  const ids = opts.config.commands.filter((c) => !c.hidden).map((c) => c.id)
  const s = closestCommand(opts.id, ids)
  if (s !== undefined) process.stderr.write(`Did you mean: ${opts.config.bin} ${s.replace(/:/g, ' ')}?\n`)
}

export default hook
