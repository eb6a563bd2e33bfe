// A progress line on stderr for long capture reads: only when stderr is a terminal and the file is
// large, at most a few updates per second, erased at the end. The readers emit 'progress' events; this
// renders them (commands decide whether to use it).
import type { CaptureProgress } from './open.js'

export interface ProgressOptions {
  /** Files smaller than this get no progress line (default 64 MiB). */
  minBytes?: number
  /** Milliseconds between updates (default 200). */
  intervalMs?: number
}

export interface ProgressRenderer {
  update: (p: CaptureProgress & { file?: string }) => void // passed unbound as an onProgress callback
  done(): void
}

export function progressRenderer(stream: NodeJS.WriteStream = process.stderr, opts: ProgressOptions = {}): ProgressRenderer | undefined {
  if (!stream.isTTY) return undefined
  const min = opts.minBytes ?? 64 * 1024 * 1024
  const every = opts.intervalMs ?? 200
  let last = 0
  let shown = false
  return {
    update(p) {
      if (p.total === undefined || p.total < min) return
      const now = Date.now()
      if (now - last < every) return
      last = now
      shown = true
      const pct = ((p.bytes / p.total) * 100).toFixed(1)
      stream.write(`\r${p.file ?? ''} ${pct}%  ${(p.bytes / 1048576).toFixed(0)}/${(p.total / 1048576).toFixed(0)} MiB  ${p.frames} frames `)
    },
    done() {
      if (shown) stream.write('\r\x1b[K')
    },
  }
}
