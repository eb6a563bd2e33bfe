// Emulated OpenFlow 1.3 switches that do nothing but keep their connection: HELLO → FEATURES_REPLY
// (datapath ids from `firstDpid`) → an empty PORT_DESC reply, answer ECHO/BARRIER/GET_CONFIG, and send
// their own ECHO_REQUEST every `echoMs` (OpenFlow 1.3.5 §6.3 handshake, §7.5.2 echo). Mode 'churn'
// instead opens one connection every `churnMs`, completes the handshake and closes it.
//
// It runs as a separate node process inside a test's network namespace (OvsLab.spawnInNs), so it is
// plain JavaScript with no imports from this project: `node -e IDLE_SWITCHES_JS '<config json>'`.
// At the end (after durationMs, or on SIGTERM) it prints one JSON line: handshakes, handshake times, echo counts and RTTs, disconnects.

export interface IdleSwitchesConfig {
  host: string
  port: number
  mode: 'idle' | 'churn'
  /** idle: switches connected at once. */
  count?: number
  firstDpid?: number
  echoMs?: number
  /** churn: one connect/handshake/close every this many ms. */
  churnMs?: number
  durationMs: number
}

export interface IdleSwitchesReport {
  mode: 'idle' | 'churn'
  count: number
  /** Switches that received the controller's PORT_DESC request (the controller's last handshake step). */
  handshakes: number
  /** ms from the first connect until every switch had finished its handshake (idle mode). */
  allHandshakenMs: number | null
  handshakeP50Ms: number | null
  handshakeMaxMs: number | null
  echoSent: number
  echoAnswered: number
  echoRttMaxMs: number | null
  echoRequestsReceived: number
  disconnects: number
  errors: string[]
}

export const IDLE_SWITCHES_JS = String.raw`
const net = require('node:net')
const cfg = JSON.parse(process.argv[1])
const t0 = performance.now()
const rep = { mode: cfg.mode, count: 0, handshakes: 0, allHandshakenMs: null, handshakeP50Ms: null, handshakeMaxMs: null,
  echoSent: 0, echoAnswered: 0, echoRttMaxMs: null, echoRequestsReceived: 0, disconnects: 0, errors: [] }
const hsTimes = []
const socks = new Set()
let stopping = false
const hdr = (type, len, xid) => { const b = Buffer.alloc(len); b[0] = 4; b[1] = type; b.writeUInt16BE(len, 2); b.writeUInt32BE(xid >>> 0, 4); return b }
function features(xid, dpid) {
  const b = hdr(6, 32, xid)
  b.writeBigUInt64BE(BigInt(dpid), 8) // datapath_id
  b.writeUInt32BE(256, 16) // n_buffers
  b[20] = 254 // n_tables
  b.writeUInt32BE(0x4f, 24) // capabilities
  return b
}
function sw(dpid, onReady) {
  const s = net.connect({ host: cfg.host, port: cfg.port })
  s.setNoDelay(true)
  socks.add(s)
  rep.count++
  const started = performance.now()
  let buf = Buffer.alloc(0)
  let echoXid = 1
  const echoAt = new Map()
  let timer
  let ready = false
  s.on('connect', () => s.write(hdr(0, 8, 1)))
  s.on('data', (d) => {
    buf = buf.length ? Buffer.concat([buf, d]) : d
    while (buf.length >= 8) {
      const len = buf.readUInt16BE(2)
      if (len < 8) { rep.errors.push('bad length from controller'); s.destroy(); return }
      if (buf.length < len) break
      const m = buf.subarray(0, len)
      buf = buf.subarray(len)
      const type = m[1]
      const xid = m.readUInt32BE(4)
      if (type === 5) s.write(features(xid, dpid))
      else if (type === 18 && m.readUInt16BE(8) === 13) { // MULTIPART_REQUEST PORT_DESC: the last step
        const r = hdr(19, 16, xid)
        r.writeUInt16BE(13, 8)
        s.write(r)
        if (!ready) {
          ready = true
          rep.handshakes++
          hsTimes.push(performance.now() - started)
          if (cfg.mode === 'idle' && cfg.echoMs) {
            timer = setInterval(() => {
              const x = 0x40000000 + echoXid++
              echoAt.set(x, performance.now())
              rep.echoSent++
              s.write(hdr(2, 8, x))
            }, cfg.echoMs)
          }
          onReady?.(s)
        }
      } else if (type === 18) { // other multipart: empty reply of the same type
        const r = hdr(19, 16, xid)
        r.writeUInt16BE(m.readUInt16BE(8), 8)
        s.write(r)
      }
      else if (type === 2) { rep.echoRequestsReceived++; const r = Buffer.from(m); r[1] = 3; s.write(r) }
      else if (type === 3) {
        const at = echoAt.get(xid)
        if (at !== undefined) {
          echoAt.delete(xid)
          rep.echoAnswered++
          const rtt = performance.now() - at
          if (rep.echoRttMaxMs === null || rtt > rep.echoRttMaxMs) rep.echoRttMaxMs = Math.round(rtt * 100) / 100
        }
      }
      else if (type === 20) s.write(hdr(21, 8, xid))
      else if (type === 7) { const r = hdr(8, 12, xid); r.writeUInt16BE(0xffff, 10); s.write(r) }
      else if (type === 1) rep.errors.push('OFPT_ERROR from controller')
    }
  })
  s.on('error', (e) => { if (!stopping && rep.errors.length < 20) rep.errors.push(String(e.code || e.message)) })
  s.on('close', () => { clearInterval(timer); socks.delete(s); if (!stopping && cfg.mode === 'idle') rep.disconnects++ })
  return s
}
if (cfg.mode === 'idle') {
  for (let i = 0; i < cfg.count; i++) sw(cfg.firstDpid + i)
  const check = setInterval(() => {
    if (rep.handshakes === cfg.count && rep.allHandshakenMs === null) { rep.allHandshakenMs = Math.round(performance.now() - t0); clearInterval(check) }
  }, 5)
} else {
  let n = 0
  setInterval(() => sw(cfg.firstDpid + (n++ % 1000), (s) => s.end()), cfg.churnMs)
}
function finish() {
  if (stopping) return
  stopping = true
  hsTimes.sort((a, b) => a - b)
  if (hsTimes.length) {
    rep.handshakeP50Ms = Math.round(hsTimes[hsTimes.length >> 1] * 100) / 100
    rep.handshakeMaxMs = Math.round(hsTimes[hsTimes.length - 1] * 100) / 100
  }
  for (const s of socks) s.destroy()
  process.stdout.write(JSON.stringify(rep) + '\n', () => process.exit(0))
}
setTimeout(finish, cfg.durationMs)
process.on('SIGTERM', finish) // report early
`
