// A progress line on stderr for long reads: only when stderr is a terminal and the input is large, at
// most a few updates per second, erased at the end. Shows how far, the rate (MB/s and frames/s) and the
// time left: "capture.pcap  42.0%  210/500 MiB  95.1 MB/s  812 k frames/s  ETA 3 s". The readers emit
// 'progress' events; this renders them (commands decide whether to use it).
import type { CaptureProgress } from './open.js'

export interface ProgressOptions {
  /** Inputs smaller than this get no progress line (default 64 MiB; env OFL_PROGRESS_MIN_BYTES). */
  minBytes?: number
  /** Milliseconds between updates (default 200). */
  intervalMs?: number
  /** Clock in ms (tests). */
  now?: () => number
}

export interface ProgressRenderer {
  update: (p: CaptureProgress & { file?: string }) => void // passed unbound as an onProgress callback
  done(): void
}

function rate(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)} k` : n.toFixed(0) + ' '
}

function eta(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '?'
  if (s < 60) return `${Math.ceil(s)} s`
  const m = Math.floor(s / 60)
  return m < 60 ? `${m} min ${String(Math.round(s % 60)).padStart(2, '0')} s` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`
}

/** The text of one progress line (no carriage return). */
export function progressText(p: CaptureProgress & { file?: string }, elapsedMs: number): string {
  const sec = Math.max(elapsedMs, 1) / 1000
  const bps = p.bytes / sec
  const parts = [p.file ?? '']
  if (p.total !== undefined && p.total > 0) parts.push(`${((p.bytes / p.total) * 100).toFixed(1)}%`, `${(p.bytes / 1048576).toFixed(0)}/${(p.total / 1048576).toFixed(0)} MiB`)
  else parts.push(`${(p.bytes / 1048576).toFixed(0)} MiB`)
  parts.push(`${(bps / 1e6).toFixed(1)} MB/s`, `${rate(p.frames / sec)}frames/s`)
  if (p.total !== undefined && p.total > 0) parts.push(`ETA ${eta((p.total - p.bytes) / Math.max(bps, 1))}`)
  return parts.filter(Boolean).join('  ')
}

export function progressRenderer(stream: NodeJS.WriteStream = process.stderr, opts: ProgressOptions = {}): ProgressRenderer | undefined {
  if (!stream.isTTY) return undefined
  const envMin = Number(process.env.OFL_PROGRESS_MIN_BYTES)
  const min = opts.minBytes ?? (Number.isFinite(envMin) && process.env.OFL_PROGRESS_MIN_BYTES !== '' ? envMin : 64 * 1024 * 1024)
  const every = opts.intervalMs ?? 200
  const now = opts.now ?? Date.now
  const start = now()
  let last = 0
  let shown = false
  return {
    update(p) {
      if (p.total === undefined || p.total < min) return
      const t = now()
      if (t - last < every) return
      last = t
      shown = true
      stream.write(`\r${progressText(p, t - start)} \x1b[K`)
    },
    done() {
      if (shown) stream.write('\r\x1b[K')
    },
  }
}
