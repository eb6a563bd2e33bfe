// Live capture through an existing capture engine, never a raw socket of our own: dumpcap (Wireshark's
// capture program: every interface in one process, pcapng with interface names) or, when only tcpdump
// is installed, one `tcpdump -U -w -` per interface merged here into one pcapng stream (one interface
// description block per interface, so every frame keeps the name it was captured on).
//
// The capture filter is the BPF expression for IEEE 802.3 slow protocols (EtherType 0x8809,
// IEEE 802.1AX-2014 §6.2.11 / IEEE 802.3 Annex 57A), so the kernel hands over LACPDUs and Markers only.
import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants, readFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { PassThrough } from 'node:stream'
import { OflError } from '../wire/errors.js'
import { openCapture } from './open.js'
import { pcapngBlock } from './writer.js'

export const SLOW_PROTOCOLS_FILTER = 'ether proto 0x8809'

export type CaptureEngine = 'dumpcap' | 'tcpdump'

export interface LiveCaptureOptions {
  interfaces: string[]
  /** Stop after this many seconds. */
  duration?: number
  /** BPF capture filter (default: slow protocols). */
  filter?: string
  /** Force an engine (default: dumpcap if installed, else tcpdump; env OFL_CAPTURE_ENGINE). */
  engine?: CaptureEngine
  /** PATH to search (default process.env.PATH). */
  path?: string
}

export interface LiveCapture {
  engine: CaptureEngine
  filter: string
  /** pcapng bytes as the engine delivers them. */
  stream: NodeJS.ReadableStream
  /** Process ids of the engines started (and only those are ever signalled). */
  pids: number[]
  /** Seconds since the capture started. */
  elapsed(): number
  /** Stop the engines (SIGTERM; they flush and exit) and wait for them. Idempotent. */
  stop(): Promise<void>
  /** Why the capture ended early, if a --duration stop ended it. */
  stopInfo(): { reason: 'duration'; seconds: number; endTime: number } | undefined
  /** The engine's failure (no permission, no such device, crashed), once it exited with one. */
  failure(): OflError | undefined
}

/** The first executable named `name` on PATH. */
export function which(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue
    const p = join(dir, name)
    try {
      accessSync(p, constants.X_OK)
      return p
    } catch {
      // not here
    }
  }
  return undefined
}

/** Network interfaces of this process's network namespace (Linux /proc/net/dev), or undefined where that is not readable. */
export function listInterfaces(): string[] | undefined {
  try {
    return readFileSync('/proc/net/dev', 'utf8').split('\n').slice(2).map((l) => l.split(':')[0]!.trim()).filter(Boolean).sort()
  } catch {
    return undefined
  }
}

/** The engine prints this on stderr once it captures (tcpdump "listening on eth0, …", dumpcap "Capturing on 'eth0'"). */
const READY = /^(listening on|Capturing on)/m

function engineFailure(engine: CaptureEngine, ifaces: string[], stderr: string, code: number | null, signal: NodeJS.Signals | null): OflError {
  const lines = stderr.trim().split('\n').map((l) => l.trim().replace(/^(tcpdump|dumpcap): /, '')).filter((l) => l && !READY.test(l) && !/^(tcpdump: verbose output|File: )/.test(l))
  const text = lines.slice(0, 2).join('; ')
  if (/permission|not permitted|EPERM|EACCES/i.test(stderr)) {
    const why = lines.find((l) => /permission/i.test(l)) ?? 'permission denied'
    return new OflError('CAPTURE_PERMISSION',
      `no permission to capture on ${ifaces.join(', ')} (${engine}: ${why}): run as root, or give ${engine} the capture capabilities (sudo setcap cap_net_raw,cap_net_admin+eip "$(command -v ${engine})")`)
  }
  if (/no such device|doesn't exist|not exist|No such/i.test(stderr)) {
    return new OflError('BAD_INTERFACE', `${engine} cannot capture on ${ifaces.join(', ')}: ${text}`)
  }
  return new OflError('CAPTURE_ENGINE_FAILED', `${engine} ${signal ? `was killed by ${signal}` : `exited with status ${code}`}${text ? `: ${text}` : ''}`)
}

/** Interface Description Block: link type, snap length, if_name, if_tsresol 9 (ns). */
function idb(linkType: number, name: string): Buffer {
  const nameBytes = Buffer.from(name, 'utf8')
  const nameOpt = Buffer.alloc(4 + ((nameBytes.length + 3) & ~3))
  nameOpt.writeUInt16LE(2, 0)
  nameOpt.writeUInt16LE(nameBytes.length, 2)
  nameBytes.copy(nameOpt, 4)
  const tsres = Buffer.from([9, 0, 1, 0, 9, 0, 0, 0]) // code 9, length 1, value 9, padding
  const head = Buffer.alloc(8)
  head.writeUInt16LE(linkType, 0)
  head.writeUInt32LE(262144, 4)
  return pcapngBlock(1, Buffer.concat([head, nameOpt, tsres, Buffer.alloc(4)]))
}

function shb(): Buffer {
  const b = Buffer.alloc(16)
  b.writeUInt32LE(0x1a2b3c4d, 0)
  b.writeUInt16LE(1, 4)
  b.writeBigInt64LE(-1n, 8)
  return pcapngBlock(0x0a0d0d0a, b)
}

function epb(ifId: number, tsSec: number, tsNsec: number, data: Buffer, origLen: number): Buffer {
  const ts = BigInt(tsSec) * 1_000_000_000n + BigInt(tsNsec)
  const body = Buffer.alloc(20 + ((data.length + 3) & ~3))
  body.writeUInt32LE(ifId, 0)
  body.writeUInt32LE(Number(ts >> 32n), 4)
  body.writeUInt32LE(Number(ts & 0xffffffffn), 8)
  body.writeUInt32LE(data.length, 12)
  body.writeUInt32LE(origLen, 16)
  data.copy(body, 20)
  return pcapngBlock(6, body)
}

/**
 * Start capturing. Throws CAPTURE_ENGINE_MISSING when neither dumpcap nor tcpdump is on PATH and
 * BAD_INTERFACE for an interface this machine does not have; a permission problem shows once the
 * engine exits (`failure()`).
 */
export async function startLiveCapture(opts: LiveCaptureOptions): Promise<LiveCapture> {
  const filter = opts.filter ?? SLOW_PROTOCOLS_FILTER
  const known = listInterfaces()
  for (const i of opts.interfaces) {
    if (known && i !== 'any' && !known.includes(i)) throw new OflError('BAD_INTERFACE', `no interface ${i} (this machine has ${known.join(', ') || 'none'})`)
  }
  const forced = opts.engine ?? (process.env.OFL_CAPTURE_ENGINE as CaptureEngine | undefined)
  const candidates: CaptureEngine[] = forced ? [forced] : ['dumpcap', 'tcpdump']
  let engine: CaptureEngine | undefined
  let bin: string | undefined
  for (const c of candidates) {
    bin = which(c, opts.path)
    if (bin) {
      engine = c
      break
    }
  }
  if (!engine || !bin) {
    throw new OflError('CAPTURE_ENGINE_MISSING',
      `live capture needs ${forced ?? 'dumpcap (Wireshark) or tcpdump'}, and ${forced ? 'it is' : 'neither is'} on PATH: install one (apt install tcpdump, or wireshark-common for dumpcap), or capture to a file elsewhere and decode that`)
  }

  const children: ChildProcess[] = []
  const stderrs: string[] = []
  let failure: OflError | undefined
  let stopping = false
  let durationStop: { reason: 'duration'; seconds: number; endTime: number } | undefined
  const exited: Promise<void>[] = []
  const stopOthers = (): void => {
    stopping = true
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM')
  }
  const ready: Promise<void>[] = []
  const watch = (child: ChildProcess, ifaces: string[], k: number): void => {
    stderrs[k] = ''
    child.stderr!.setEncoding('utf8')
    let isReady: () => void = () => undefined
    ready.push(new Promise<void>((resolve) => {
      isReady = resolve
      child.once('close', () => resolve())
    }))
    child.stderr!.on('data', (d: string) => {
      if (stderrs[k]!.length < 8192) stderrs[k] += d
      if (READY.test(stderrs[k]!)) isReady()
    })
    exited.push(new Promise<void>((resolve) => {
      child.once('error', (e) => {
        failure ??= new OflError('CAPTURE_ENGINE_FAILED', `cannot start ${engine}: ${e.message}`)
        resolve()
      })
      child.once('close', (code, signal) => {
        // stopped by us, or by the reader going away (a --count stop closes the pipe: EPIPE)
        const byUs = (stopping && (signal === 'SIGTERM' || signal === 'SIGINT' || code === 0 || code === 143 || code === 130)) || signal === 'SIGPIPE' || /broken pipe/i.test(stderrs[k]!)
        if (!byUs && (code !== 0 || signal)) {
          failure ??= engineFailure(engine, ifaces, stderrs[k]!, code, signal)
          // one engine of several died: stop the others, so the report (with the failure) comes now
          stopOthers()
        }
        resolve()
      })
    }))
    children.push(child)
  }

  let stream: NodeJS.ReadableStream
  if (engine === 'dumpcap') {
    const args = ['-q']
    for (const i of opts.interfaces) args.push('-i', i, '-f', filter)
    args.push('-w', '-')
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    watch(child, opts.interfaces, 0)
    stream = child.stdout!
  } else {
    // one tcpdump per interface, merged into one pcapng stream with interface names
    const out = new PassThrough()
    out.write(shb())
    const ids = new Map<number, number>()
    let nextId = 0
    const pumps = opts.interfaces.map(async (iface, k) => {
      const child = spawn(bin, ['-U', '-n', '-w', '-', '-i', iface, filter], { stdio: ['ignore', 'pipe', 'pipe'] })
      watch(child, [iface], k)
      try {
        for await (const batch of openCapture('-', { stdin: child.stdout }).batches()) {
          for (const r of batch) {
            let id = ids.get(k)
            if (id === undefined) {
              ids.set(k, (id = nextId++))
              out.write(idb(r.linkType, iface))
            }
            out.write(epb(id, r.tsSec, r.tsNsec, r.data, r.origLen))
          }
        }
      } catch {
        // an engine that never wrote a header (failed at start): its exit status says why
      }
    })
    void Promise.all(pumps).then(() => out.end())
    stream = out
  }

  // wait until every engine captures (or fails: then say why before any output); engines that print
  // nothing are given 10 s
  await Promise.race([Promise.all(ready), new Promise((resolve) => setTimeout(resolve, 10_000).unref())])
  if (failure) {
    stopOthers()
    await Promise.all(exited)
    throw failure
  }
  const started = Date.now() // --duration counts from here: engines can take seconds to start on a busy machine

  const stop = async (): Promise<void> => {
    if (!stopping) {
      stopping = true
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM')
    }
    await Promise.all(exited)
  }
  let timer: NodeJS.Timeout | undefined
  if (opts.duration !== undefined) {
    timer = setTimeout(() => {
      durationStop = { reason: 'duration', seconds: opts.duration!, endTime: Date.now() / 1000 }
      void stop()
    }, opts.duration * 1000)
  }
  void Promise.all(exited).then(() => timer && clearTimeout(timer))

  return {
    engine,
    filter,
    stream,
    pids: children.map((c) => c.pid!).filter((p) => p !== undefined),
    elapsed: () => (Date.now() - started) / 1000,
    stop,
    stopInfo: () => durationStop,
    failure: () => failure,
  }
}
