// Text renderings of a running controller's LACP state, modelled on `ovs-appctl lacp/show` and
// `ovs-appctl lacp/show-stats` (OVS lib/lacp.c lacp_print_details / lacp_print_stats).
import type { LacpMemberStatus, LacpParticipantStatus, LacpStatus } from './apps/lacp.js'
import type { HaStatus } from './ha/coordinator.js'

/** `ofl lacp show` with --etcd: which instance masters each switch. */
export function formatHaShow(h: HaStatus): string {
  const out = [`---- instance ${h.name} (etcd ${h.etcd}) ----`]
  if (!h.datapaths.length) out.push('  no switch connected')
  for (const d of h.datapaths) out.push(`  SW=${d.dpid}: ${d.role}; master ${d.master ?? 'not elected yet'}; generation ${d.generationId ?? 'not known yet'}`)
  return out.join('\n')
}

/** A member as people name it: the port number and, once its switch reports it, the port's name. */
function memberLabel(m: LacpMemberStatus, mclag: boolean): string {
  return `${mclag ? `${m.dpid}:` : ''}${m.port}${m.portName ? ` (${m.portName})` : ''}`
}

/** The state octet in words; no flag set reads "none" (as in `ofl lacp decode`). */
const words = (p: LacpParticipantStatus): string => p.stateWords || 'none'

/**
 * `ofl lacp show`: one block per bond, one per member, OVS wording. Every line has a value: a switch
 * not connected yet, an unknown system, a member with nothing sent or received say so in words.
 */
export function formatLacpShow(s: LacpStatus): string {
  const out: string[] = []
  if (!s.bonds.length) out.push('no bond configured')
  for (const b of s.bonds) {
    const mclag = b.datapaths.length > 1
    out.push(`---- ${mclag ? `SW=${b.datapaths.join('+')}` : `SW=${b.dpid}`} bond ${b.bond} (${b.name}) ----`)
    const waiting = b.datapaths.filter((dp) => !b.members.some((m) => m.dpid === dp && m.connected))
    for (const dp of waiting) out.push(`  switch ${dp}: not connected yet (the bond is configured; its members come into play when it connects)`)
    out.push(`  status: ${b.status}${b.forwarding ? '' : ` (not forwarding: ${b.reason ?? 'no member enabled'})`}`)
    if (mclag) out.push(`  MC-LAG nominated datapath: ${b.nominatedDatapath ?? 'none'}`)
    if (b.maxActive || b.minLinks > 1) out.push(`  max-active: ${b.maxActive || 'unlimited'}  min-links: ${b.minLinks}`)
    if (b.fallback) out.push('  fallback active-backup: in effect (the partner is silent)')
    out.push(`  sys_id: ${b.sysId ?? 'not known yet (the switch\'s LOCAL MAC, once it connects)'}`)
    out.push(`  sys_priority: ${b.sysPriority}`)
    out.push(`  aggregation key: ${b.key ?? (b.keySource === 'partner' ? 'mirrors the partner\'s key (ryu profile)' : 'none')}`)
    out.push(`  profile: ${s.profile}  lacp_time: ${s.rate}`)
    if (b.droppedSlowFrames) out.push(`  slow-protocol frames dropped on non-bond ports: ${b.droppedSlowFrames}`)
    out.push('')
    for (const m of b.members) {
      out.push(`member: ${memberLabel(m, mclag)}: ${m.connected ? m.status : 'not connected'} ${m.attached ? 'attached' : 'detached'} ${m.role}${m.reason ? ` (${m.reason})` : ''}`)
      out.push(`  port_id: ${m.actor.portId}`)
      out.push(`  port_priority: ${m.actor.portPriority}`)
      out.push(`  may_enable: ${m.enabled}`)
      out.push(`  liveness flow idle_timeout: ${m.flowIdleTimeout || 'none'}`)
      out.push('')
      if (!m.connected) {
        // Nothing is sent or received on a member whose switch is not connected.
        out.push('  actor: nothing sent (switch not connected)')
        out.push('  partner: none received (switch not connected)')
        out.push('')
        continue
      }
      out.push(`  actor sys_id: ${m.actor.sysId}`)
      out.push(`  actor sys_priority: ${m.actor.sysPriority}`)
      out.push(`  actor port_id: ${m.actor.portId}`)
      out.push(`  actor port_priority: ${m.actor.portPriority}`)
      if (s.profile === 'ryu' && m.status === 'defaulted') {
        // Ryu lacplib answers each LACPDU with a mirror of it: with no partner there is nothing to mirror.
        out.push('  actor key, state: none (ryu profile mirrors the partner; nothing sent until a LACPDU arrives)')
      } else {
        out.push(`  actor key: ${m.actor.key}`)
        out.push(`  actor state: ${words(m.actor)}`)
      }
      out.push('')
      if (m.status === 'defaulted') {
        // IEEE 802.1AX-2014 §6.4.7: a defaulted member holds the administrative partner values, not a partner's.
        out.push(m.counters.rxPdus ? `  partner: none current (defaulted after ${m.counters.rxPdus} LACPDU${m.counters.rxPdus === 1 ? '' : 's'} received)` : '  partner: none received (defaulted)')
        out.push('')
        continue
      }
      out.push(`  partner sys_id: ${m.partner.sysId}`)
      out.push(`  partner sys_priority: ${m.partner.sysPriority}`)
      out.push(`  partner port_id: ${m.partner.portId}`)
      out.push(`  partner port_priority: ${m.partner.portPriority}`)
      out.push(`  partner key: ${m.partner.key}`)
      out.push(`  partner state: ${words(m.partner)}`)
      out.push('')
    }
  }
  return out.join('\n').trimEnd()
}

/** `ofl lacp show-stats`: counters per member, OVS wording plus Marker responses and drops. */
export function formatLacpStats(s: LacpStatus): string {
  const out: string[] = []
  if (!s.bonds.length) out.push('no bond configured')
  for (const b of s.bonds) {
    const mclag = b.datapaths.length > 1
    out.push(`---- ${mclag ? `SW=${b.datapaths.join('+')}` : `SW=${b.dpid}`} bond ${b.bond} statistics ----`)
    for (const m of b.members) {
      const c = m.counters
      out.push(`member: ${memberLabel(m, mclag)}:`)
      out.push(`  TX PDUs: ${c.txPdus}`)
      out.push(`  RX PDUs: ${c.rxPdus}`)
      out.push(`  RX Bad PDUs: ${c.rxBad}`)
      out.push(`  RX Marker Request PDUs: ${c.rxMarker}`)
      out.push(`  TX Marker Response PDUs: ${c.txMarkerResponse}`)
      out.push(`  Link Expired: ${c.expirations}`)
      out.push(`  Link Defaulted: ${c.defaulted}`)
      out.push(`  State Changes: ${c.stateChanges}`)
    }
    out.push(`  Slow frames dropped on non-bond ports: ${b.droppedSlowFrames}`)
  }
  return out.join('\n')
}
