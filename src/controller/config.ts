// `ofl controller --config FILE`: the controller's configuration as YAML or JSON, one key per command
// line flag (`--lacp-rate fast` ⇔ `lacp-rate: fast`, `--bond 1:1,2` ⇔ `bond: ["1:1,2"]`), validated into
// a typed ControllerConfig. A bad file is a ConfigError naming the file, line, column and field; the
// caller (SIGHUP / `ofl controller reload`) keeps the old configuration running when loading fails.
//
// Bonds (the `--bond` value, or an object with the same keys as the `;key=value` options):
//   DPID:PORT,PORT[+DPID:PORT,...][;name=N][;key=K][;system-id=MAC][;system-priority=P]
//                                 [;max-active=N][;min-links=N][;fallback-ab=true|false]
// `+` joins the member lists of several datapaths (MC-LAG: one actor system and key on every switch).
// Port ids default to the OpenFlow port on the first datapath and dp_index*100+port on the others
// (Faucet's idea: ids stay unique across switches); `port-id` / `port-priority` set them per member.
import { readFileSync } from 'node:fs'
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document } from 'yaml'
import { OflError } from '../wire/errors.js'
import { parseDpid, formatDpid, OFPP_MAX_13, type BondSpec } from './bond.js'
import { OFP_VERSION_1_0, OFP_VERSION_1_2, OFP_VERSION_1_3 } from '../openflow/header.js'

export class ConfigError extends OflError {
  /** 1-based line and column in the file, when the problem is tied to a place. */
  readonly line: number | undefined
  readonly column: number | undefined
  constructor(message: string, opts: { field?: string; line?: number; column?: number; file?: string; code?: string } = {}) {
    const where = [opts.file, opts.line, opts.column].filter((x) => x !== undefined).join(':')
    const field = opts.field ? `${opts.field}: ` : ''
    super(opts.code ?? 'BAD_CONFIG', `${where ? where + ': ' : ''}${field}${message}`)
    ;(this as { field: string | undefined }).field = opts.field
    this.line = opts.line
    this.column = opts.column
  }
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug'
export type LogFormat = 'text' | 'json'
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug']

export interface BondMemberConfig {
  dpid: bigint
  /** Index of `dpid` among the bond's datapaths (0 = first). */
  dpIndex: number
  port: number
  /** Port id and priority advertised in the actor TLV. */
  portId: number
  /** undefined = the profile's default (ryu 255, standard 32768). */
  portPriority: number | undefined
}

export interface BondConfig {
  /** Identity across reloads (default: the canonical member list). */
  name: string
  datapaths: bigint[]
  members: BondMemberConfig[]
  /** Actor system id (MAC) shared by every datapath of the bond; undefined = the first switch's LOCAL MAC. */
  systemId: string | undefined
  systemPriority: number | undefined
  key: number | undefined
  maxActive: number
  minLinks: number
  fallbackAb: boolean
}

/** An inter-switch link: MC-LAG traffic between the datapaths of a bond crosses it. */
export interface IslConfig {
  a: { dpid: bigint; port: number }
  b: { dpid: bigint; port: number }
}

export interface ControllerConfig {
  host: string
  port: number
  of: number[]
  profile: 'ryu' | 'standard'
  lacp: 'passive' | 'active'
  lacpRate: 'fast' | 'slow' | undefined
  controlSocket: string | undefined
  metrics: { host: string; port: number } | undefined
  logLevel: LogLevel
  logFormat: LogFormat
  bonds: BondConfig[]
  isl: IslConfig[]
}

/** The raw key/value form shared by flags and files (flag name = key). */
export type RawConfig = Record<string, unknown>

export const CONFIG_KEYS = [
  'host', 'port', 'of', 'profile', 'lacp', 'lacp-rate', 'control-socket', 'metrics', 'log-level', 'log-format',
  'bond', 'port-priority', 'port-id', 'isl',
] as const
const BOND_KEYS = ['members', 'name', 'key', 'system-id', 'system-priority', 'max-active', 'min-links', 'fallback-ab', 'port-priority', 'port-id'] as const

/** Where a field sits in the file, for error messages. */
type Locate = (path: (string | number)[], atKey?: boolean) => { line?: number; column?: number }
const nowhere: Locate = () => ({})

interface Ctx {
  file?: string
  locate: Locate
}

/** The usage-error code of a flag whose value is wrong (the CLI maps these to exit 2). */
const FLAG_CODES: Record<string, string> = { bond: 'BAD_BOND_SPEC', of: 'BAD_OF_VERSION' }

function fail(ctx: Ctx, path: (string | number)[], message: string, atKey = false): never {
  const field = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : (i ? '.' : '') + p)).join('')
  // A value that came from a flag (no file) is a usage error, reported with the flag's own code
  // (BAD_BOND_SPEC for --bond, BAD_OF_VERSION for --of), so the CLI exits 2 as for any other bad flag; a file's is BAD_CONFIG.
  const code = ctx.file === undefined ? (FLAG_CODES[String(path[0])] ?? 'BAD_USAGE') : undefined
  throw new ConfigError(message, { field: field || undefined, file: ctx.file, code, ...ctx.locate(path, atKey) })
}

/** Read and parse a YAML or JSON file into its raw form. Throws ConfigError (`BAD_CONFIG`, `CONFIG_UNREADABLE`). */
export function readConfigFile(file: string): { raw: RawConfig; locate: Locate } {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new ConfigError(`cannot read the configuration: ${(e as Error).message}`, { file, code: 'CONFIG_UNREADABLE' })
  }
  return parseConfigText(text, file)
}

/** Parse YAML (JSON is a subset) keeping positions. */
export function parseConfigText(text: string, file?: string): { raw: RawConfig; locate: Locate } {
  const lc = new LineCounter()
  const doc: Document = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false })
  const err = doc.errors[0]
  if (err) {
    const pos = lc.linePos(err.pos[0])
    throw new ConfigError(err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), { file, line: pos.line, column: pos.col })
  }
  const locate: Locate = (path, atKey) => {
    const last = path[path.length - 1]
    if (atKey && typeof last === 'string') {
      const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)
      if (isMap(parent)) {
        const pair = parent.items.find((it) => isScalar(it.key) && it.key.value === last)
        const range = pair && isScalar(pair.key) ? pair.key.range : undefined
        if (range) {
          const p = lc.linePos(range[0])
          return { line: p.line, column: p.col }
        }
      }
    }
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)
      const range = (node as { range?: [number, number, number] } | undefined)?.range
      if (range && (isMap(node) || isSeq(node) || isScalar(node))) {
        const p = lc.linePos(range[0])
        return { line: p.line, column: p.col }
      }
    }
    return {}
  }
  const js: unknown = doc.toJS()
  if (js === null || js === undefined) return { raw: {}, locate }
  if (typeof js !== 'object' || Array.isArray(js)) throw new ConfigError('the configuration must be a mapping of flag names to values', { file, ...locate([]) })
  return { raw: js as RawConfig, locate }
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)

function intIn(ctx: Ctx, path: (string | number)[], v: unknown, min: number, max: number): number {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v
  if (!isInt(n) || n < min || n > max) fail(ctx, path, `expected an integer ${min}..${max}, got ${JSON.stringify(v)}`)
  return n
}

function oneOf<T extends string>(ctx: Ctx, path: (string | number)[], v: unknown, options: readonly T[]): T {
  if (typeof v !== 'string' || !options.includes(v as T)) fail(ctx, path, `expected one of ${options.join(', ')}, got ${JSON.stringify(v)}`)
  return v as T
}

function bool(ctx: Ctx, path: (string | number)[], v: unknown): boolean {
  if (v === true || v === 'true' || v === '' || v === 'yes') return true
  if (v === false || v === 'false' || v === 'no') return false
  return fail(ctx, path, `expected true or false, got ${JSON.stringify(v)}`)
}

function str(ctx: Ctx, path: (string | number)[], v: unknown): string {
  if (typeof v !== 'string' || !v) fail(ctx, path, `expected a string, got ${JSON.stringify(v)}`)
  return v
}

function dpid(ctx: Ctx, path: (string | number)[], text: string): bigint {
  try {
    return parseDpid(text)
  } catch (e) {
    return fail(ctx, path, (e as Error).message)
  }
}

/** `DPID:PORT` (the DPID may contain colons: split at the last one). */
function memberRef(ctx: Ctx, path: (string | number)[], text: string): { dpid: bigint; port: number } {
  const t = text.trim()
  const cut = t.lastIndexOf(':')
  if (cut <= 0) fail(ctx, path, `expected DPID:PORT, got ${JSON.stringify(text)}`)
  return { dpid: dpid(ctx, path, t.slice(0, cut)), port: intIn(ctx, path, t.slice(cut + 1), 1, OFPP_MAX_13) }
}

const MAC_RE = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i

/** Parse `HOST:PORT` (`[v6]:PORT` for IPv6). Throws ConfigError. */
export function parseHostPort(text: string, field = 'metrics'): { host: string; port: number } {
  return hostPort({ locate: nowhere }, [field], text)
}

function hostPort(ctx: Ctx, path: (string | number)[], text: string): { host: string; port: number } {
  const m = text.trim().match(/^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/)
  const port = m ? Number(m[3]) : -1
  if (!m || port > 65535) fail(ctx, path, `expected HOST:PORT, got ${JSON.stringify(text)}`)
  return { host: (m[1] ?? m[2]) as string, port }
}

/** Parse the member part `DPID:PORT,PORT[+DPID:PORT,...]`. */
function parseMembers(ctx: Ctx, path: (string | number)[], text: string): { datapaths: bigint[]; ports: { dpid: bigint; dpIndex: number; port: number }[] } {
  const datapaths: bigint[] = []
  const ports: { dpid: bigint; dpIndex: number; port: number }[] = []
  for (const part of text.split('+')) {
    const t = part.trim()
    const cut = t.lastIndexOf(':')
    if (cut <= 0 || cut === t.length - 1) fail(ctx, path, `expected DPID:PORT,PORT[+DPID:PORT,...], got ${JSON.stringify(text)}`)
    const dp = dpid(ctx, path, t.slice(0, cut))
    if (datapaths.includes(dp)) fail(ctx, path, `datapath ${formatDpid(dp)} appears twice in ${JSON.stringify(text)}`)
    datapaths.push(dp)
    for (const p of t.slice(cut + 1).split(',')) {
      if (!/^\s*\d{1,10}\s*$/.test(p)) fail(ctx, path, `bad port ${JSON.stringify(p.trim())} in ${JSON.stringify(text)} (1..${OFPP_MAX_13})`)
      const port = intIn(ctx, path, p.trim(), 1, OFPP_MAX_13)
      if (ports.some((x) => x.dpid === dp && x.port === port)) fail(ctx, path, `port ${port} listed twice in ${JSON.stringify(text)}`)
      ports.push({ dpid: dp, dpIndex: datapaths.length - 1, port })
    }
  }
  if (ports.length < 2) fail(ctx, path, `a bond needs at least two members, got ${JSON.stringify(text)}`)
  return { datapaths, ports }
}

/** `--bond` string → the object form (`members` + options). */
function bondObject(ctx: Ctx, path: (string | number)[], v: unknown): Record<string, unknown> {
  if (typeof v === 'string') {
    const [members, ...opts] = v.split(';')
    const o: Record<string, unknown> = { members: members ?? '' }
    for (const opt of opts) {
      if (!opt.trim()) continue
      const eq = opt.indexOf('=')
      const k = (eq < 0 ? opt : opt.slice(0, eq)).trim()
      if (!(BOND_KEYS as readonly string[]).includes(k) || k === 'members' || k === 'port-priority' || k === 'port-id') {
        fail(ctx, path, `unknown bond option ${JSON.stringify(k)} (name, key, system-id, system-priority, max-active, min-links, fallback-ab)`)
      }
      o[k] = eq < 0 ? 'true' : opt.slice(eq + 1).trim()
    }
    return o
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>
  return fail(ctx, path, `expected a bond string or mapping, got ${JSON.stringify(v)}`)
}

/** `DPID:PORT=N` list (flags) or `{ "DPID:PORT": N }` mapping (files) → entries. */
function memberValues(ctx: Ctx, path: (string | number)[], v: unknown): { ref: { dpid: bigint; port: number }; value: unknown; path: (string | number)[] }[] {
  if (v === undefined) return []
  const out: { ref: { dpid: bigint; port: number }; value: unknown; path: (string | number)[] }[] = []
  if (Array.isArray(v)) {
    v.forEach((item, i) => {
      if (typeof item !== 'string' || !item.includes('=')) fail(ctx, [...path, i], `expected DPID:PORT=N, got ${JSON.stringify(item)}`)
      const eq = item.lastIndexOf('=')
      out.push({ ref: memberRef(ctx, [...path, i], item.slice(0, eq)), value: item.slice(eq + 1), path: [...path, i] })
    })
    return out
  }
  if (v && typeof v === 'object') {
    for (const [k, value] of Object.entries(v)) out.push({ ref: memberRef(ctx, [...path, k], k), value, path: [...path, k] })
    return out
  }
  return fail(ctx, path, `expected a list of DPID:PORT=N or a mapping, got ${JSON.stringify(v)}`)
}

function list(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v]
}

/** Canonical name of a member list: `0000000000000001:1,2+0000000000000002:1`. */
export function membersName(datapaths: readonly bigint[], members: readonly { dpid: bigint; port: number }[]): string {
  return datapaths.map((d) => `${formatDpid(d)}:${members.filter((m) => m.dpid === d).map((m) => m.port).join(',')}`).join('+')
}

/**
 * Validate the raw form (a file's mapping, flags layered over it) into a ControllerConfig with defaults.
 * Throws ConfigError naming the field (and line, when `locate` knows the file).
 */
export function resolveConfig(raw: RawConfig, opts: { file?: string; locate?: Locate } = {}): ControllerConfig {
  const ctx: Ctx = { file: opts.file, locate: opts.locate ?? nowhere }
  for (const k of Object.keys(raw)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(k)) fail(ctx, [k], `unknown key (known: ${CONFIG_KEYS.join(', ')})`, true)
  }
  const get = (k: string) => (raw[k] === null ? undefined : raw[k])
  const ofText = get('of')
  const ofList = ofText === undefined ? ['1.0', '1.2', '1.3'] : Array.isArray(ofText) ? ofText.map(String) : String(ofText).split(',')
  const versions: Record<string, number> = { '1.0': OFP_VERSION_1_0, '1.2': OFP_VERSION_1_2, '1.3': OFP_VERSION_1_3, '1': OFP_VERSION_1_0 }
  const of: number[] = []
  for (const v of ofList.map((s) => s.trim()).filter(Boolean)) {
    const n = versions[v]
    if (n === undefined) fail(ctx, ['of'], `unsupported OpenFlow version ${JSON.stringify(v)} (1.0, 1.2, 1.3)`)
    if (!of.includes(n)) of.push(n)
  }
  if (!of.length) fail(ctx, ['of'], 'no OpenFlow version given')

  const metricsRaw = get('metrics')
  const metrics = metricsRaw === undefined ? undefined : hostPort(ctx, ['metrics'], str(ctx, ['metrics'], metricsRaw))

  const cfg: ControllerConfig = {
    host: get('host') === undefined ? '127.0.0.1' : str(ctx, ['host'], get('host')),
    port: get('port') === undefined ? 6653 : intIn(ctx, ['port'], get('port'), 0, 65535),
    of,
    profile: get('profile') === undefined ? 'ryu' : oneOf(ctx, ['profile'], get('profile'), ['ryu', 'standard'] as const),
    lacp: get('lacp') === undefined ? 'passive' : oneOf(ctx, ['lacp'], get('lacp'), ['passive', 'active'] as const),
    lacpRate: get('lacp-rate') === undefined ? undefined : oneOf(ctx, ['lacp-rate'], get('lacp-rate'), ['fast', 'slow'] as const),
    controlSocket: get('control-socket') === undefined ? undefined : str(ctx, ['control-socket'], get('control-socket')),
    metrics,
    logLevel: get('log-level') === undefined ? 'info' : oneOf(ctx, ['log-level'], get('log-level'), LOG_LEVELS),
    logFormat: get('log-format') === undefined ? 'text' : oneOf(ctx, ['log-format'], get('log-format'), ['text', 'json'] as const),
    bonds: [],
    isl: [],
  }

  // Global per-member settings (apply to whichever bond holds the member).
  const globalPrio = memberValues(ctx, ['port-priority'], get('port-priority'))
  const globalId = memberValues(ctx, ['port-id'], get('port-id'))

  const owner = new Map<string, string>()
  list(get('bond')).forEach((b, i) => {
    const path = ['bond', i]
    const o = bondObject(ctx, path, b)
    for (const k of Object.keys(o)) if (!(BOND_KEYS as readonly string[]).includes(k)) fail(ctx, [...path, k], `unknown bond key (known: ${BOND_KEYS.join(', ')})`, true)
    const { datapaths, ports } = parseMembers(ctx, typeof b === 'string' ? path : [...path, 'members'], str(ctx, typeof b === 'string' ? path : [...path, 'members'], o.members))
    const opt = (k: string) => (o[k] === undefined || o[k] === null ? undefined : o[k])
    const at = (k: string) => (typeof b === 'string' ? path : [...path, k])
    const systemId = opt('system-id') === undefined ? undefined : str(ctx, at('system-id'), opt('system-id')).toLowerCase()
    if (systemId !== undefined && (!MAC_RE.test(systemId) || systemId === '00:00:00:00:00:00')) fail(ctx, at('system-id'), `expected a non-zero MAC aa:bb:cc:dd:ee:ff, got ${JSON.stringify(opt('system-id'))}`)
    const members: BondMemberConfig[] = ports.map((p) => ({ ...p, portId: p.dpIndex * 100 + p.port, portPriority: undefined }))
    const bondPrio = memberValues(ctx, [...path, 'port-priority'], opt('port-priority'))
    const bondId = memberValues(ctx, [...path, 'port-id'], opt('port-id'))
    const find = (ref: { dpid: bigint; port: number }) => members.find((m) => m.dpid === ref.dpid && m.port === ref.port)
    for (const e of [...globalPrio, ...bondPrio]) {
      const m = find(e.ref)
      if (m) m.portPriority = intIn(ctx, e.path, e.value, 1, 65535)
      else if (bondPrio.includes(e)) fail(ctx, e.path, `${formatDpid(e.ref.dpid)}:${e.ref.port} is not a member of this bond`)
    }
    for (const e of [...globalId, ...bondId]) {
      const m = find(e.ref)
      if (m) m.portId = intIn(ctx, e.path, e.value, 1, 65535)
      else if (bondId.includes(e)) fail(ctx, e.path, `${formatDpid(e.ref.dpid)}:${e.ref.port} is not a member of this bond`)
    }
    const ids = new Map<number, BondMemberConfig>()
    for (const m of members) {
      if (m.portId < 1 || m.portId > 65535) fail(ctx, path, `port ${m.port} of ${formatDpid(m.dpid)} needs an explicit port-id (the default ${m.portId} does not fit 1..65535)`)
      const dup = ids.get(m.portId)
      if (dup) fail(ctx, path, `port id ${m.portId} is used by ${formatDpid(dup.dpid)}:${dup.port} and ${formatDpid(m.dpid)}:${m.port}; set port-id for one of them`)
      ids.set(m.portId, m)
    }
    const key = opt('key') === undefined ? undefined : intIn(ctx, at('key'), opt('key'), 1, 65535)
    const maxActive = opt('max-active') === undefined ? 0 : intIn(ctx, at('max-active'), opt('max-active'), 0, 1024)
    const minLinks = opt('min-links') === undefined ? 1 : intIn(ctx, at('min-links'), opt('min-links'), 1, 1024)
    if (minLinks > members.length) fail(ctx, at('min-links'), `min-links ${minLinks} exceeds the bond's ${members.length} members`)
    if (maxActive && minLinks > maxActive) fail(ctx, at('min-links'), `min-links ${minLinks} exceeds max-active ${maxActive}`)
    const name = opt('name') === undefined ? membersName(datapaths, members) : str(ctx, at('name'), String(opt('name')))
    if (cfg.bonds.some((x) => x.name === name)) fail(ctx, at('name'), `two bonds are named ${JSON.stringify(name)}`)
    for (const m of members) {
      const k = `${m.dpid}:${m.port}`
      const prev = owner.get(k)
      if (prev !== undefined) fail(ctx, path, `port ${m.port} of datapath ${formatDpid(m.dpid)} is in bond ${JSON.stringify(prev)} and bond ${JSON.stringify(name)}`)
      owner.set(k, name)
    }
    cfg.bonds.push({
      name, datapaths, members, systemId,
      systemPriority: opt('system-priority') === undefined ? undefined : intIn(ctx, at('system-priority'), opt('system-priority'), 1, 65535),
      key, maxActive, minLinks,
      fallbackAb: opt('fallback-ab') === undefined ? false : bool(ctx, at('fallback-ab'), opt('fallback-ab')),
    })
  })

  list(get('isl')).forEach((v, i) => {
    const path = ['isl', i]
    const t = str(ctx, path, v)
    const parts = t.split('-')
    if (parts.length !== 2) fail(ctx, path, `expected DPID:PORT-DPID:PORT, got ${JSON.stringify(t)}`)
    const a = memberRef(ctx, path, parts[0] as string), b = memberRef(ctx, path, parts[1] as string)
    if (a.dpid === b.dpid) fail(ctx, path, 'an inter-switch link joins two different datapaths')
    for (const e of [a, b]) {
      const bondName = owner.get(`${e.dpid}:${e.port}`)
      if (bondName !== undefined) fail(ctx, path, `port ${e.port} of ${formatDpid(e.dpid)} is a member of bond ${JSON.stringify(bondName)}, not an inter-switch link`)
    }
    cfg.isl.push({ a, b })
  })
  if (cfg.profile === 'ryu') {
    cfg.bonds.forEach((b, i) => {
      const uses = [b.datapaths.length > 1 && 'MC-LAG', b.maxActive && 'max-active', b.minLinks > 1 && 'min-links', b.fallbackAb && 'fallback-ab'].filter(Boolean)
      if (uses.length) fail(ctx, ['bond', i], `${uses.join(', ')} ${uses.length > 1 ? 'need' : 'needs'} profile: standard (the ryu profile mirrors the partner and selects nothing)`)
    })
  }
  for (const b of cfg.bonds) {
    if (b.datapaths.length < 2) continue
    if (b.datapaths.length > 2) fail(ctx, ['bond', cfg.bonds.indexOf(b)], 'an MC-LAG bond spans at most two datapaths')
    const [x, y] = b.datapaths as [bigint, bigint]
    if (!cfg.isl.some((l) => (l.a.dpid === x && l.b.dpid === y) || (l.a.dpid === y && l.b.dpid === x))) {
      fail(ctx, ['bond', cfg.bonds.indexOf(b)], `MC-LAG bond ${JSON.stringify(b.name)} needs an inter-switch link between ${formatDpid(x)} and ${formatDpid(y)} (--isl ${x}:PORT-${y}:PORT)`)
    }
  }
  return cfg
}

/** Flags layered over a file: a flag that was given replaces the file's value for that key. */
export function mergeRaw(file: RawConfig, flags: RawConfig): RawConfig {
  const out: RawConfig = { ...file }
  for (const [k, v] of Object.entries(flags)) if (v !== undefined && !(Array.isArray(v) && v.length === 0)) out[k] = v
  return out
}

/** Load `file` (if any) under `flags` and validate. Throws ConfigError. */
export function loadConfig(flags: RawConfig, file?: string): ControllerConfig {
  if (!file) return resolveConfig(flags)
  const { raw, locate } = readConfigFile(file)
  const merged = mergeRaw(raw, flags)
  // Positions point into the file only for keys the file provided.
  return resolveConfig(merged, { file, locate: (p) => (p.length && flags[p[0] as string] !== undefined ? {} : locate(p)) })
}

/** A bond's settings as a comparable string (reload: equal → keep negotiating). */
export function bondFingerprint(b: BondConfig): string {
  return JSON.stringify(b, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString(16) : v))
}

export interface BondDiff {
  unchanged: BondConfig[]
  changed: { before: BondConfig; after: BondConfig }[]
  added: BondConfig[]
  removed: BondConfig[]
}

/** What a reload does to the bonds, matched by name. */
export function diffBonds(before: readonly BondConfig[], after: readonly BondConfig[]): BondDiff {
  const d: BondDiff = { unchanged: [], changed: [], added: [], removed: [] }
  for (const a of after) {
    const b = before.find((x) => x.name === a.name)
    if (!b) d.added.push(a)
    else if (bondFingerprint(a) === bondFingerprint(b)) d.unchanged.push(a)
    else d.changed.push({ before: b, after: a })
  }
  for (const b of before) if (!after.some((x) => x.name === b.name)) d.removed.push(b)
  return d
}

/** The first version's `--bond DPID:PORT,PORT` spec as a bond configuration (port id = port). */
export function bondConfigFromSpec(spec: BondSpec): BondConfig {
  const members = spec.ports.map((port) => ({ dpid: spec.dpid, dpIndex: 0, port, portId: port, portPriority: undefined }))
  return { name: membersName([spec.dpid], members), datapaths: [spec.dpid], members, systemId: undefined, systemPriority: undefined, key: undefined, maxActive: 0, minLinks: 1, fallbackAb: false }
}
