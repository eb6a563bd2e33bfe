// Input and output types of the LACP link analysis (IEEE 802.1AX-2014 §6.4: actor/partner
// information, periodic transmission §6.4.13, receive machine timeouts §6.4.12, matched logic).
//
// The input is a stream of observations — one per slow-protocol PDU, wherever it was seen: a capture
// interface (pcapng if_name, SLL2 ifindex, direction), or an OpenFlow packet-in/packet-out (datapath id,
// OpenFlow port). The analysis never looks at the container, so the OpenFlow code can feed LACPDUs
// found inside packet-ins into the same analyzer.

import type { DecodeIssue } from '../issues.js'
import type { LacpDu, LacpPortInfo } from '../lacpdu.js'
import type { MarkerPdu } from '../marker.js'

/** The 18 octets of an actor or partner TLV: the codec's own type. */
export type PortInfo = LacpPortInfo

export type PduIssue = DecodeIssue

/** An LACPDU as the codec decodes it (only the fields the analysis reads). */
export type LacpPduLike = Pick<LacpDu, 'subtype' | 'version' | 'actor' | 'partner' | 'collectorMaxDelay' | 'issues'>

/** A Marker PDU (802.1AX-2014 §6.5), as the codec decodes it (only the fields the analysis reads). */
export type MarkerPduLike = Omit<MarkerPdu, 'trailing'>

/** Where a PDU was seen. Every field is optional; the capture path fills interface fields, the OpenFlow path datapathId/ofPort. */
export interface Where {
  /** Capture file (when several are analysed together). */
  file?: string
  /** Capture interface name (pcapng if_name) or "if<N>" for a pcapng interface without a name. */
  interface?: string
  /** Linux SLL2 interface index. */
  ifIndex?: number
  /** 'in' / 'out' from pcapng epb_flags or the SLL packet type; 'packet-in' / 'packet-out' from OpenFlow. */
  direction?: 'in' | 'out' | 'packet-in' | 'packet-out'
  /** OpenFlow datapath id as "00:00:00:00:00:00:00:01". */
  datapathId?: string
  ofPort?: number
  /** VLAN ids, outermost first, when the frame was tagged. */
  vlans?: number[]
}

export interface LacpObservation {
  /** 1-based frame number in the capture (or message counter for OpenFlow). */
  frame: number
  /** Seconds since the epoch. */
  time: number
  where: Where
  /** Ethernet source MAC, when known. */
  srcMac?: string
  dstMac?: string
  pdu: LacpPduLike | MarkerPduLike
}

export type Severity = 'error' | 'warning' | 'ok'

export type VerdictCode =
  | 'loopback'
  | 'one-way'
  | 'both-passive'
  | 'partner-defaulted'
  | 'stale-partner'
  | 'lag-partner-mismatch'
  | 'individual'
  | 'late-pdus'
  | 'fast-slow-mismatch'
  | 'flapping'
  | 'not-negotiated'
  | 'rate-limit'
  | 'no-lacp'
  | 'too-short'
  | 'negotiated'

export interface Verdict {
  code: VerdictCode
  severity: Severity
  /** 1 = most important. Verdicts are listed by rank, then subject. */
  rank: number
  scope: 'link' | 'lag' | 'capture'
  /** Link id ("L1"), LAG id ("G1") or "capture". */
  subject: string
  message: string
  /** Frames that show it, first few. */
  frames: number[]
  /** Field-level evidence, e.g. { field: 'partner.key', seen: 9, actual: 33 }. */
  evidence: Record<string, unknown>
}

export interface TimelineEvent {
  frame: number
  time: number
  /** "A" or "B" (which side of the link sent the PDU that shows the change). */
  side: string
  /** 'actor' (the sender's own state) or 'partner' (the sender's view of its partner). */
  of: 'actor' | 'partner'
  field: string
  from: number | string | null
  to: number | string
  /** For state bytes: "+synchronization -expired". */
  change?: string
}

export interface GapStats {
  /** Number of gaps measured (PDUs − 1). */
  count: number
  min: number | null
  median: number | null
  max: number | null
  /** Frame that ended the longest gap. */
  maxFrame: number | null
  /** Period the other side asked for at the end (1 s fast, 30 s slow), from its actor TIMEOUT bit. */
  expectedPeriod: number | null
  /** Gaps over 1.5 × the asked period. */
  late: number
  /** Gaps over 3 × the asked period: the receiver's current_while timer expires. */
  expiring: number
  /** The first late/expiring gaps: frame that ended the gap, gap, asked period. */
  lateFrames: { frame: number; gap: number; expected: number }[]
}

export interface SideReport {
  /** "A" or "B". */
  label: string
  /** "<system>/<port>" of the actor. */
  id: string
  system: string
  systemPriority: number
  port: number
  portPriority: number
  key: number
  /** Ethernet source MACs the PDUs came from. */
  macs: string[]
  /** Where the PDUs were seen (distinct). */
  where: Where[]
  pdus: number
  markers: number
  firstFrame: number
  lastFrame: number
  firstTime: number
  lastTime: number
  /** Last actor and partner tuples sent. */
  actor: PortInfo
  partner: PortInfo
  mode: 'active' | 'passive'
  lacpTime: 'fast' | 'slow'
  /** From the last actor state: current, expired or defaulted (OVS lacp/show words). */
  status: 'current' | 'expired' | 'defaulted'
  gaps: GapStats
  /** Windows of 1 s with more than 3 LACPDUs (802.1AX-2014 §6.4.16). */
  rateLimitViolations: number
  rateLimitFrames: number[]
  issues: number
}

export interface LinkReport {
  id: string
  label: string
  sides: SideReport[]
  negotiated: boolean
  /** Time of the first PDU at which the link was negotiated. */
  convergedAt: number | null
  convergedFrame: number | null
  /** Seconds from the link's first PDU to convergence. */
  timeToConverge: number | null
  /** Negotiated → not negotiated transitions after the first convergence. */
  flaps: number
  /** Not negotiated → negotiated transitions after a flap (a flapping link comes back). */
  recoveries: number
  flapFrames: number[]
  timeline: TimelineEvent[]
  /** Timeline events dropped beyond the cap. */
  timelineDropped: number
  verdicts: VerdictCode[]
}

export interface LagReport {
  id: string
  system: string
  key: number
  /** Side ids ("system/port") of the members. */
  members: string[]
  /** Link ids of the members. */
  links: string[]
  partnerSystems: string[]
  partnerKeys: number[]
  verdicts: VerdictCode[]
}

export interface AnalysisSummary {
  frames: number
  slowFrames: number
  lacpdus: number
  markers: number
  otherSlow: number
  /** Frames that could not be read (short frames, bad TLVs, unsupported link types). */
  undecodable: number
  firstTime: number | null
  lastTime: number | null
}

export interface LacpAnalysis {
  summary: AnalysisSummary
  links: LinkReport[]
  lags: LagReport[]
  verdicts: Verdict[]
}

/** One slow-protocol PDU as the capture decoder hands it to the text and JSON writers. */
export interface SlowPduEntry extends Omit<LacpObservation, 'pdu'> {
  /** The decoded PDU; absent for other slow subtypes and for PDUs that could not be decoded (see issues). */
  pdu?: LacpObservation['pdu']
  /** Exact capture timestamp. */
  tsSec: number
  tsNsec: number
  /** Slow-protocol subtype (1 LACP, 2 Marker, others are listed but not analysed). */
  subtype: number
  /** Decoder issues (LACPDU/Marker issues, or why it could not be decoded). */
  issues: PduIssue[]
  /** The frame (view; valid only during the callback). */
  frameData: Buffer
  /** Offset of the slow-protocol PDU in frameData. */
  pduOffset: number
  /** Offsets of the source / destination MAC bytes in frameData, or -1. */
  srcOffset: number
  dstOffset: number
}
