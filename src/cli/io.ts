// Small helpers the commands share: check inputs before any output starts (so a missing file is a
// one-line error and, under --json, a whole `{"error": …}` document), and a stdout sink that remembers
// whether something was written.
import { stat } from 'node:fs/promises'
import { CliError, EXIT_BAD_INPUT } from './base.js'
import { CHUNK_CONSUMED, type LacpDecodeSink } from '../oflacp/capture.js'

/** Every path must be a readable regular file (or '-' for stdin, or a FIFO/character device). */
export async function checkInputs(paths: readonly string[]): Promise<void> {
  for (const p of paths) {
    if (p === '-') continue
    let st
    try {
      st = await stat(p)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'ENOENT'
      throw new CliError(code, `cannot read ${p}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`, EXIT_BAD_INPUT)
    }
    if (st.isDirectory()) throw new CliError('EISDIR', `cannot read ${p}: is a directory`, EXIT_BAD_INPUT)
  }
}

/** A sink over process.stdout: waits for 'drain', ends quietly on EPIPE (`| head`), records `started`. */
export function stdoutSink(out: NodeJS.WriteStream = process.stdout): LacpDecodeSink & { started: boolean } {
  out.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0)
    throw e
  })
  const sink = {
    started: false,
    write(chunk: string | Buffer): Promise<void> | typeof CHUNK_CONSUMED | undefined {
      if (chunk.length === 0) return undefined
      sink.started = true
      // written synchronously (stdout on a file or pipe) when nothing stays queued: the decoder may reuse the chunk's memory
      if (out.write(chunk)) return out.writableLength === 0 ? CHUNK_CONSUMED : undefined
      return new Promise<void>((resolve) => out.once('drain', resolve))
    },
  }
  return sink
}
