// The answer to a received LACPDU, in two profiles.
//
// `ryu` reproduces, bit for bit, what Ryu's / os_ken's lacplib `_create_lacp` sends
// (ryu/lib/lacplib.py `_create_lacp`, checked on the wire against Open vSwitch):
//   actor  system priority 0xffff, system = the local system MAC, key = the *received actor's* key,
//          port priority 0xff, port = the local port; state: activity 0 (passive), timeout,
//          aggregation, synchronization, collecting, distributing copied from the received actor
//          state, defaulted 0, expired 0 — e.g. 0x3e for OVS's 0x3f (fast), 0x3c for 0x3d (slow);
//   partner the received actor block verbatim, all 8 state bits included (e.g. OVS's first 0xbf);
//   collector max delay 0; version 1; terminator and zero pad.
// The profile exists so that users can compare ofl with the Ryu book; it claims sync whenever the
// partner does, and mirrors the partner's key.
//
// `standard` follows the 802.1AX-2014 actor semantics (§6.4.2.3 state bits, §6.4.15 mux machine,
// coupled control): own configured system priority, key and port priority; LACP_Activity from the mode;
// LACP_Timeout from the configured rate; Synchronization only when the member is selected (and
// attached); Collecting/Distributing only when selected and the partner reports Synchronization;
// Defaulted/Expired 0 (a PDU was just received, so the partner information is current); partner = the
// received actor.
import { parseMac, normalizeMac } from '../wire/mac.js'
import { MalformedError } from '../wire/errors.js'
import { LacpStateBit } from './state.js'
import type { LacpDu, LacpPortInfo } from './lacpdu.js'
import { buildSlowFrame } from './slow.js'
import { fillActor, type ActorConfig } from './machine.js'

export type ReplyProfile = 'ryu' | 'standard'
export const REPLY_PROFILES: readonly ReplyProfile[] = ['ryu', 'standard']

/** Who answers: the local end of the link. */
export interface LocalIdentity {
  /** System MAC (Ryu uses the switch's LOCAL port MAC). */
  system: string
  /** Port number (the OpenFlow port number in Ryu). */
  port: number
  /** `standard` only (Ryu sends 0xffff). Default 32768. */
  systemPriority?: number
  /** `standard` only (Ryu mirrors the partner's key). Default 1. */
  key?: number
  /** `standard` only (Ryu sends 0xff). Default 32768. */
  portPriority?: number
  /** `standard` only (Ryu is always passive). Default 'active'. */
  mode?: 'active' | 'passive'
  /** `standard` only: the timeout we ask the partner to use (Ryu mirrors the partner's). Default 'slow'. */
  rate?: 'fast' | 'slow'
  /** `standard` only: Aggregation bit (false = individual link). Default true. */
  aggregatable?: boolean
  /** `standard` only (Ryu sends 0). Default 0. */
  collectorMaxDelay?: number
  /** Ethernet source of the reply frame: the port's own MAC. Required by `buildLacpReplyFrame`. */
  portMac?: string
}

export interface ReplyOptions {
  /** Default 'ryu'. */
  profile?: ReplyProfile
  /**
   * `standard` only: is this member selected for (and attached to) the aggregator? Synchronization,
   * and Collecting/Distributing, are set only when it is. Default true.
   */
  selected?: boolean
}

/** State bits Ryu copies from the received actor state into its own actor state. */
export const RYU_MIRRORED_STATE_BITS =
  LacpStateBit.timeout | LacpStateBit.aggregation | LacpStateBit.synchronization | LacpStateBit.collecting | LacpStateBit.distributing

function u16(v: number, field: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new MalformedError('BAD_FIELD', `${field} must be 0..65535, got ${v}`, { field })
  return v
}

/** The actor information the local end would send in reply to `received` (machine.ts `fillActor`, as the controller). */
export function replyActor(received: Pick<LacpDu, 'actor'>, local: LocalIdentity, opts: ReplyOptions = {}): LacpPortInfo {
  const system = normalizeMac(local.system)
  const port = u16(local.port, 'port')
  const cfg: ActorConfig<string> = (opts.profile ?? 'ryu') === 'ryu'
    ? { profile: 'ryu', mode: 'passive', systemPriority: 0xffff, system, key: 0, portPriority: 0xff }
    : {
        profile: 'standard',
        mode: local.mode ?? 'active',
        rate: local.rate ?? 'slow',
        aggregatable: local.aggregatable ?? true,
        systemPriority: u16(local.systemPriority ?? 32768, 'systemPriority'),
        system,
        key: u16(local.key ?? 1, 'key'),
        portPriority: u16(local.portPriority ?? 32768, 'portPriority'),
      }
  // A PDU was just received: the partner information is current (not defaulted, not expired).
  return fillActor({ systemPriority: 0, system: '', key: 0, portPriority: 0, port: 0, state: 0 }, cfg, port, received.actor, { selected: opts.selected ?? true })
}

/**
 * Build the LACPDU that answers `received` (a decoded LACPDU) from `local`, in the given profile.
 * The result is a version 1 PDU with no extra TLVs; encode it with `lacpduToBuffer` or frame it with
 * `buildLacpReplyFrame`.
 */
export function buildLacpReply(received: Pick<LacpDu, 'actor'>, local: LocalIdentity, opts: ReplyOptions = {}): LacpDu {
  const profile = opts.profile ?? 'ryu'
  if (!REPLY_PROFILES.includes(profile)) throw new MalformedError('BAD_PROFILE', `unknown reply profile ${JSON.stringify(profile)} (ryu, standard)`)
  return {
    subtype: 1,
    version: 1,
    actor: replyActor(received, local, opts),
    partner: { ...received.actor },
    collectorMaxDelay: profile === 'ryu' ? 0 : u16(local.collectorMaxDelay ?? 0, 'collectorMaxDelay'),
    tlvs: [],
    trailing: Buffer.alloc(0),
    issues: [],
  }
}

/** The reply as a 124-byte Ethernet frame: dst 01:80:c2:00:00:02, src = `local.portMac`, 0x8809. */
export function buildLacpReplyFrame(received: Pick<LacpDu, 'actor'>, local: LocalIdentity, opts: ReplyOptions = {}): Buffer {
  if (!local.portMac) throw new MalformedError('NO_PORT_MAC', 'the reply frame needs the port MAC (local.portMac) as its source', { field: 'portMac' })
  parseMac(local.portMac)
  return buildSlowFrame({ src: local.portMac, pdu: buildLacpReply(received, local, opts) })
}
