// `--bond DPID:PORT,PORT[,…]`: which switch ports form one link aggregation group.
//
// The spelling follows Ryu's `LacpLib.add(dpid, ports)` (ryu/lib/lacplib.py) as users type it on a
// command line: the DPID in decimal (`1`), hex with `0x` (`0x1`), Ryu's/OVS's 16 hex digits
// (`0000000000000001`) or OVS's colon form (`00:00:00:00:00:00:00:01`); then at least two distinct
// OpenFlow port numbers (1..0xffffff00, OFPP_MAX). DPIDs are bigint internally and rendered as 16
// hex digits (Ryu's `dpid_to_str`) wherever people or JSON see them.
import { MalformedError } from '../wire/errors.js'

/** OFPP_MAX (1.3) / 0xff00 (1.0): the highest physical port number. */
export const OFPP_MAX_13 = 0xffffff00

export interface BondSpec {
  /** Datapath ID (64 bits). */
  dpid: bigint
  /** OpenFlow port numbers of the members, in the order given. */
  ports: number[]
}

const DPID_MAX = (1n << 64n) - 1n

/** Parse a datapath ID: decimal, `0x…` hex, 16 hex digits (Ryu), or 8 colon-separated octets (OVS). */
export function parseDpid(text: string): bigint {
  const t = text.trim()
  let v: bigint | undefined
  if (/^0x[0-9a-f]{1,16}$/i.test(t)) v = BigInt(t)
  else if (/^[0-9a-f]{16}$/i.test(t)) v = BigInt('0x' + t)
  else if (/^([0-9a-f]{2}:){7}[0-9a-f]{2}$/i.test(t)) v = BigInt('0x' + t.replace(/:/g, ''))
  else if (/^\d{1,20}$/.test(t)) v = BigInt(t)
  if (v === undefined || v > DPID_MAX) {
    throw new MalformedError('BAD_DPID', `not a datapath ID: ${JSON.stringify(text)} (decimal, 0x hex, or 16 hex digits)`)
  }
  return v
}

/** Ryu's `dpid_to_str`: 16 lower-case hex digits. */
export function formatDpid(dpid: bigint): string {
  return dpid.toString(16).padStart(16, '0')
}

/** Parse one `DPID:PORT,PORT[,…]` bond specification. Throws MalformedError `BAD_BOND_SPEC` / `BAD_DPID`. */
export function parseBondSpec(text: string): BondSpec {
  const t = text.trim()
  // The DPID may itself contain colons (OVS form), so split at the LAST colon.
  const cut = t.lastIndexOf(':')
  if (cut <= 0 || cut === t.length - 1) {
    throw new MalformedError('BAD_BOND_SPEC', `expected DPID:PORT,PORT[,...], got ${JSON.stringify(text)}`)
  }
  const dpid = parseDpid(t.slice(0, cut))
  const ports: number[] = []
  for (const part of t.slice(cut + 1).split(',')) {
    const p = part.trim()
    if (!/^\d{1,10}$/.test(p) || Number(p) < 1 || Number(p) > OFPP_MAX_13) {
      throw new MalformedError('BAD_BOND_SPEC', `bad port ${JSON.stringify(p)} in ${JSON.stringify(text)} (1..${OFPP_MAX_13})`)
    }
    const n = Number(p)
    if (ports.includes(n)) throw new MalformedError('BAD_BOND_SPEC', `port ${n} listed twice in ${JSON.stringify(text)}`)
    ports.push(n)
  }
  if (ports.length < 2) {
    throw new MalformedError('BAD_BOND_SPEC', `a bond needs at least two ports, got ${JSON.stringify(text)}`)
  }
  return { dpid, ports }
}

/** Check a set of bonds: a port may belong to one bond per datapath. Throws `BAD_BOND_SPEC`. */
export function validateBonds(bonds: readonly BondSpec[]): void {
  const seen = new Map<string, number>()
  bonds.forEach((b, i) => {
    for (const p of b.ports) {
      const k = `${b.dpid}:${p}`
      const prev = seen.get(k)
      if (prev !== undefined) {
        throw new MalformedError('BAD_BOND_SPEC', `port ${p} of datapath ${formatDpid(b.dpid)} is in bond ${prev + 1} and bond ${i + 1}`)
      }
      seen.set(k, i)
    }
  })
}

/** Render back to the flag spelling (Ryu's 16-digit DPID). */
export function formatBondSpec(b: BondSpec): string {
  return `${formatDpid(b.dpid)}:${b.ports.join(',')}`
}
