// Text renderings of a running controller's LACP state, modelled on `ovs-appctl lacp/show` and
// `ovs-appctl lacp/show-stats` (OVS lib/lacp.c lacp_print_details / lacp_print_stats).
import type { LacpStatus } from './apps/lacp.js'
import type { HaStatus } from './ha/coordinator.js'

/** `ofl lacp show` with --etcd: which instance masters each switch. */
export function formatHaShow(h: HaStatus): string {
  const out = [`---- instance ${h.name} (etcd ${h.etcd}) ----`]
  if (!h.datapaths.length) out.push('  no switch connected')
  for (const d of h.datapaths) out.push(`  SW=${d.dpid}: ${d.role}; master ${d.master ?? 'none'}; generation ${d.generationId ?? '-'}`)
  return out.join('\n')
}

/** `ofl lacp show`: one block per bond, one per member, OVS wording. */
export function formatLacpShow(s: LacpStatus): string {
  const out: string[] = []
  if (!s.bonds.length) out.push('no bond configured')
  for (const b of s.bonds) {
    const mclag = b.datapaths.length > 1
    out.push(`---- ${mclag ? `SW=${b.datapaths.join('+')}` : `SW=${b.dpid}`} bond ${b.bond} (${b.name}) ----`)
    out.push(`  status: ${b.status}${b.forwarding ? '' : ` (not forwarding: ${b.reason ?? 'no member enabled'})`}`)
    if (mclag) out.push(`  MC-LAG nominated datapath: ${b.nominatedDatapath ?? 'none'}`)
    if (b.maxActive || b.minLinks > 1) out.push(`  max-active: ${b.maxActive || 'unlimited'}  min-links: ${b.minLinks}`)
    if (b.fallback) out.push('  fallback active-backup: in effect (the partner is silent)')
    out.push(`  sys_id: ${b.sysId}`)
    out.push(`  sys_priority: ${b.sysPriority}`)
    out.push(`  aggregation key: ${b.key}`)
    out.push(`  profile: ${s.profile}  lacp_time: ${s.rate}`)
    if (b.droppedSlowFrames) out.push(`  slow-protocol frames dropped on non-bond ports: ${b.droppedSlowFrames}`)
    out.push('')
    for (const m of b.members) {
      out.push(`member: ${mclag ? `${m.dpid}:` : ''}${m.port}: ${m.connected ? m.status : 'not connected'} ${m.attached ? 'attached' : 'detached'} ${m.role}${m.reason ? ` (${m.reason})` : ''}`)
      out.push(`  port_id: ${m.actor.portId}`)
      out.push(`  port_priority: ${m.actor.portPriority}`)
      out.push(`  may_enable: ${m.enabled}`)
      out.push(`  liveness flow idle_timeout: ${m.flowIdleTimeout || 'none'}`)
      out.push('')
      out.push(`  actor sys_id: ${m.actor.sysId}`)
      out.push(`  actor sys_priority: ${m.actor.sysPriority}`)
      out.push(`  actor port_id: ${m.actor.portId}`)
      out.push(`  actor port_priority: ${m.actor.portPriority}`)
      out.push(`  actor key: ${m.actor.key}`)
      out.push(`  actor state: ${m.actor.stateWords}`)
      out.push('')
      out.push(`  partner sys_id: ${m.partner.sysId}`)
      out.push(`  partner sys_priority: ${m.partner.sysPriority}`)
      out.push(`  partner port_id: ${m.partner.portId}`)
      out.push(`  partner port_priority: ${m.partner.portPriority}`)
      out.push(`  partner key: ${m.partner.key}`)
      out.push(`  partner state: ${m.partner.stateWords}`)
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
      out.push(`member: ${mclag ? `${m.dpid}:` : ''}${m.port}:`)
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
