// The client side of the controller's control socket (a Unix-domain socket, one request line, one
// JSON answer): `ofl lacp show`, `ofl lacp show-stats`, `ofl controller reload`.
import * as net from 'node:net'
import { MalformedError, OflError } from '../wire/errors.js'

/** Send `command` and resolve with the parsed JSON answer. An answer `{error: {code, message}}` rejects as an OflError with that code. */
export function controlRequest<T>(path: string, command: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const c = net.createConnection(path)
    let data = ''
    const t = setTimeout(() => {
      c.destroy()
      reject(new MalformedError('CONTROL_TIMEOUT', `no answer from ${path} within ${timeoutMs} ms`))
    }, timeoutMs)
    c.setEncoding('utf8')
    c.on('connect', () => c.write(command + '\n'))
    c.on('data', (d: string) => (data += d))
    c.on('error', (e) => {
      clearTimeout(t)
      reject(e)
    })
    c.on('end', () => {
      clearTimeout(t)
      let body: unknown
      try {
        body = JSON.parse(data)
      } catch (e) {
        reject(new MalformedError('CONTROL_BAD_REPLY', `unreadable answer from ${path}`, { cause: e }))
        return
      }
      const err = (body as { error?: unknown }).error
      if (err && typeof err === 'object') {
        const { code, message } = err as { code?: string; message?: string }
        reject(new OflError(code ?? 'CONTROL_ERROR', message ?? 'the controller refused the request'))
      } else if (typeof err === 'string') reject(new OflError('CONTROL_ERROR', err))
      else resolve(body as T)
    })
  })
}

/** What a reload did (bond names). */
export interface ReloadResult {
  unchanged: string[]
  changed: string[]
  added: string[]
  removed: string[]
  /** Settings that only take effect after a restart (listen address, OpenFlow versions, …). */
  needsRestart: string[]
}

export function formatReload(r: ReloadResult): string {
  const line = (what: string, xs: string[]) => `${what}: ${xs.length ? xs.join(', ') : '-'}`
  const out = ['configuration reloaded', line('  unchanged (kept negotiating)', r.unchanged), line('  changed (renegotiating)', r.changed), line('  added', r.added), line('  removed (flows and groups deleted)', r.removed)]
  if (r.needsRestart.length) out.push(`  not applied until a restart: ${r.needsRestart.join(', ')}`)
  return out.join('\n')
}
