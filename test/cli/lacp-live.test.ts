// `ofl lacp decode -i IFACE`: live capture through dumpcap and through tcpdump, in a private network
// namespace with a veth pair (va <-> vb). LACPDUs crafted by `ofl lacp craft --out` are sent into va by
// a python3 AF_PACKET socket and captured on vb (and, with tcpdump, on va as outgoing). Every process
// started here is killed by its own PID.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, runCli } from '../helpers/cli.js'

function canRun(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 10_000 })
    return true
  } catch {
    return false
  }
}
const hasNetns = canRun('unshare', ['--net', 'true']) && canRun('python3', ['-c', 'import socket'])
if (!hasNetns && process.env.OFL_REQUIRE_TOOLS === '1') throw new Error('lacp-live tests need unshare --net and python3')

const dir = mkdtempSync(join(tmpdir(), 'ofl-live-'))
const INJECT = join(dir, 'inject.py')
// send the frames of a classic pcap, in order, every `gap` seconds, until killed
writeFileSync(INJECT, `
import socket, struct, sys, time
iface, gap = sys.argv[1], float(sys.argv[2])
frames = []
for path in sys.argv[3:]:
    d = open(path, 'rb').read(); off = 24
    while off + 16 <= len(d):
        n = struct.unpack('<I', d[off+8:off+12])[0]; frames.append(d[off+16:off+16+n]); off += 16 + n
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW); s.bind((iface, 0))
i = 0
while True:
    s.send(frames[min(i, len(frames) - 1)]); i += 1
    time.sleep(gap)
`)

const HOLDER = 'ip link set lo up && ip link add va type veth peer name vb && ip link set va up && ip link set vb up && echo ready && read _'

interface Run {
  status: number
  stdout: string
  stderr: string
}

describe.skipIf(!hasNetns)('ofl lacp decode -i (live, in a network namespace)', () => {
  let holder: ChildProcess
  const started: ChildProcess[] = []
  const ns = (): string[] => [`--net=/proc/${holder.pid}/ns/net`, '--']

  beforeAll(async () => {
    holder = spawn('unshare', ['--net', 'sh', '-c', HOLDER], { stdio: ['pipe', 'pipe', 'inherit'] })
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.once('data', () => resolve())
      holder.once('exit', (c) => reject(new Error(`namespace holder exited with ${c}`)))
    })
    // two LACPDUs from one actor: first not in sync, then synchronized (a state change to report live)
    const craft = (state: string, out: string) => {
      const r = runCli(['lacp', 'craft', '--actor-system', '02:00:00:00:00:a0', '--actor-key', '7', '--actor-port', '3', '--actor-state', state, '-o', out])
      expect(r.status, r.stderr).toBe(0)
    }
    craft('activity,timeout,aggregation', join(dir, 'a.pcap'))
    craft('activity,timeout,aggregation,synchronization', join(dir, 'b.pcap'))
  })

  afterAll(() => {
    for (const p of started) if (p.exitCode === null && p.signalCode === null && p.pid) process.kill(p.pid, 'SIGKILL')
    holder?.stdin?.end()
    if (holder?.pid && holder.exitCode === null) process.kill(holder.pid, 'SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  /** Run ofl inside the namespace; start the injector once ofl says it captures; stop the injector at the end. */
  function live(args: string[], env: Record<string, string>, frames: string[], onStdout?: (ofl: ChildProcess, stdout: string) => void): Promise<Run> {
    return new Promise((resolve) => {
      const p = spawn('nsenter', [...ns(), process.execPath, BIN, ...args], { env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
      started.push(p)
      let stdout = ''
      let stderr = ''
      let injector: ChildProcess | undefined
      p.stdout.on('data', (d: Buffer) => {
        stdout += d.toString()
        onStdout?.(p, stdout)
      })
      p.stderr.on('data', (d: Buffer) => {
        stderr += d.toString()
        if (!injector && stderr.includes('capturing LACP on')) {
          injector = spawn('nsenter', [...ns(), 'python3', INJECT, 'va', '0.2', ...frames], { stdio: 'ignore' })
          started.push(injector)
        }
      })
      const guard = setTimeout(() => p.pid && process.kill(p.pid, 'SIGKILL'), 40_000)
      p.once('close', (code) => {
        clearTimeout(guard)
        if (injector?.pid && injector.exitCode === null) process.kill(injector.pid, 'SIGKILL')
        resolve({ status: code ?? -1, stdout, stderr })
      })
    })
  }

  it('dumpcap: state changes printed as they happen, the full report at the end, -c stops after N PDUs', async () => {
    const r = await live(['lacp', 'decode', '-i', 'vb', '-c', '4'], { OFL_CAPTURE_ENGINE: 'dumpcap' }, [join(dir, 'a.pcap'), join(dir, 'a.pcap'), join(dir, 'b.pcap')])
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr).toContain('capturing LACP on vb with dumpcap (filter "ether proto 0x8809")')
    const out = r.stdout
    const heard = out.indexOf('vb  02:00:00:00:00:a0 port_id 3: heard; actor state: activity timeout aggregation;')
    const synced = out.indexOf('vb  02:00:00:00:00:a0 port_id 3: actor +synchronized')
    const summary = out.indexOf('summary: 4 frames, 4 LACPDUs')
    expect(heard).toBeGreaterThanOrEqual(0)
    expect(synced).toBeGreaterThan(heard)
    expect(summary).toBeGreaterThan(synced)
    expect(out).toContain('stopped early: reading stopped after --count 4')
    expect(out).toContain('seen on vb')
  })

  it('tcpdump on two interfaces, --duration, --json: one document, PDUs named by interface, the stop recorded', async () => {
    const r = await live(['lacp', 'decode', '-i', 'va', '-i', 'vb', '--duration', '4', '--json'], { OFL_CAPTURE_ENGINE: 'tcpdump' }, [join(dir, 'b.pcap')])
    expect(r.status, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.stop).toMatchObject({ reason: 'duration', seconds: 4 })
    const ifaces = new Set(doc.pdus.map((p: { interface: string }) => p.interface))
    expect([...ifaces].sort()).toEqual(['va', 'vb'])
    expect(doc.pdus[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/)
    expect(doc.links[0].sides[0].id).toBe('02:00:00:00:00:a0/3')
    // watched for long enough (4 s of PDUs every 0.2 s): a silent partner is a one-way verdict, not "too short"
    expect(doc.verdicts.map((v: { code: string }) => v.code)).toContain('one-way')
  })

  for (const [engine, ifaces] of [['dumpcap', ['vb']], ['tcpdump', ['va', 'vb']]] as const) {
    it(`${engine} killed after the JSON document began: the document still ends validly with an error member, exit 3 (old: no error member)`, async () => {
      let killed: number | undefined
      const r = await live(['lacp', 'decode', ...ifaces.flatMap((i) => ['-i', i]), '--duration', '30', '--json'], { OFL_CAPTURE_ENGINE: engine }, [join(dir, 'b.pcap')], (ofl, stdout) => {
        // once a PDU is in the document, kill the capture engine ofl started (by its PID: ofl's child named `engine`)
        if (killed !== undefined || !stdout.includes('"pdus":[\n{')) return
        killed = engineChildren(ofl.pid!, engine)[0]
        if (killed !== undefined) process.kill(killed, 'SIGKILL')
      })
      expect(killed, r.stderr).toBeDefined()
      expect(r.status, r.stderr).toBe(3)
      const doc = JSON.parse(r.stdout) // one valid document
      expect(doc.pdus.length).toBeGreaterThan(0)
      expect(doc.error).toEqual({ code: 'CAPTURE_ENGINE_FAILED', message: `${engine} was killed by SIGKILL` })
      expect(doc.summary.lacpdus).toBe(doc.pdus.length)
      expect(r.stderr.trim().split('\n').at(-1)).toBe(`Error: CAPTURE_ENGINE_FAILED: ${engine} was killed by SIGKILL`)
    })
  }

  it('an interface the namespace does not have: usage error (exit 2) naming the ones it has', async () => {
    const r = await live(['lacp', 'decode', '-i', 'nosuch0', '--duration', '1', '--json'], {}, [])
    expect(r.status).toBe(2)
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'BAD_INTERFACE' })
    expect(r.stderr).toContain('no interface nosuch0 (this machine has lo, va, vb)')
  })
})

describe('ofl lacp decode -i: clear messages when capture is impossible', () => {
  it('neither dumpcap nor tcpdump on PATH: exit 3, CAPTURE_ENGINE_MISSING, a JSON error document', () => {
    const r = runCli(['lacp', 'decode', '-i', 'lo', '--duration', '1', '--json'], { env: { PATH: '/nonexistent' } })
    expect(r.status).toBe(3)
    expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'CAPTURE_ENGINE_MISSING', message: expect.stringContaining('dumpcap (Wireshark) or tcpdump') } })
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })

  it.skipIf(!canRun('setpriv', ['--version']))('without capture permission (as nobody): exit 3, CAPTURE_PERMISSION, for both engines', () => {
    for (const engine of ['dumpcap', 'tcpdump']) {
      const out = execFileSyncStatus('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', process.execPath, BIN, 'lacp', 'decode', '-i', 'lo', '--duration', '2', '--json'],
        { OFL_CAPTURE_ENGINE: engine, HOME: tmpdir() })
      expect(out.status, out.stderr).toBe(3)
      expect(JSON.parse(out.stdout).error.code).toBe('CAPTURE_PERMISSION')
      expect(out.stderr).toContain(`give ${engine} the capture capabilities`)
    }
  })
})

/** PIDs of `pid`'s child processes whose command is `name` (Linux /proc). */
function engineChildren(pid: number, name: string): number[] {
  const out: number[] = []
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    for (const c of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)) {
      try {
        if (readFileSync(`/proc/${c}/comm`, 'utf8').trim() === name) out.push(c)
      } catch {
        // exited meanwhile
      }
    }
  }
  return out
}

function execFileSyncStatus(cmd: string, args: string[], env: Record<string, string>): Run {
  try {
    const stdout = execFileSync(cmd, args, { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 })
    return { status: 0, stdout, stderr: '' }
  } catch (e) {
    const x = e as { status: number | null; stdout: string; stderr: string }
    return { status: x.status ?? -1, stdout: x.stdout, stderr: x.stderr }
  }
}
