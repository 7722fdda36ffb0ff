// What an incident is to opswarden: alerts ingested from Alertmanager (or any poster),
// deduplicated by fingerprint and grouped by service topology, time and shared labels into
// incidents that carry their context from the start (service, severity, affected systems,
// recent deployments, the metric spike, downstream impact) and a timeline that gathers
// changes, actions, approvals, runbook runs and notes as the incident goes on.

export type IncidentStatus = 'open' | 'mitigated' | 'resolved';
export const INCIDENT_STATUSES = ['open', 'mitigated', 'resolved'] as const;

/** From the alerts' severities, the breadth (services affected) and SLO impact. */
/** Least to most severe. */
export const INCIDENT_SEVERITIES = ['minor', 'major', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** An alert as posted: Alertmanager webhook alerts and generic posts both become this. */
export interface AlertInput {
  /** Alertmanager's fingerprint; computed from the labels when absent. */
  fingerprint?: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  status: 'firing' | 'resolved';
  /** RFC 3339. */
  startsAt: string;
  endsAt?: string;
  generatorURL?: string;
}

export interface IncidentAlert {
  fingerprint: string;
  alertname: string;
  /** `service` label, else the workload it names, else unset. */
  service?: string;
  namespace?: string;
  severity: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  status: 'firing' | 'resolved';
  startsAt: string;
  endsAt?: string;
  /** The fingerprint of a dependency's alert that explains this one (shown, not dropped). */
  explainedBy?: string;
}

export interface MetricSpike {
  signal: string;
  service: string;
  from: number;
  to: number;
  /** e.g. "task failure rate from 2% to 78%". */
  summary: string;
  onset?: string;
}

export interface IncidentContext {
  /** When enrichment ran (context is gathered after creation, through the backends). */
  gatheredAt?: string;
  recentDeployments: { at: string; ref: string; summary: string }[];
  metricSpike?: MetricSpike;
  /** Services that depend on the incident's service and are alerting or degraded. */
  downstreamImpact: string[];
  /** What could not be gathered and why (a backend not configured, unreachable). */
  gaps: string[];
}

export interface Incident {
  /** INC-2026-04-25-001: the detect date and a per-day sequence. */
  id: string;
  title: string;
  status: IncidentStatus;
  severity: IncidentSeverity;
  /** The service the incident is about: the most upstream alerting service of the group. */
  service?: string;
  namespace?: string;
  /** Every service with an alert in the incident (affected systems). */
  services: string[];
  /** The earliest alert's startsAt. */
  detectedAt: string;
  openedAt: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  alerts: IncidentAlert[];
  context: IncidentContext;
}

export type TimelineKind =
  | 'alert'
  | 'alert.resolved'
  | 'status'
  | 'note'
  | 'change'
  | 'action'
  | 'approval'
  | 'runbook'
  | 'correlation';

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  summary: string;
  /** What it concerns: `Deployment/shop/checkout`, `Change/flag-4411`, an approval or execution id. */
  ref?: string;
  /** Who did it (a principal id), for actions, approvals, notes and status changes. */
  by?: string;
}

export interface IngestResult {
  /** Alerts accepted (after deduplication by fingerprint: a re-posted alert updates, not adds). */
  accepted: number;
  /** Incidents created or updated by this post. */
  incidents: { id: string; created: boolean }[];
}

export interface IncidentFilter {
  status?: IncidentStatus;
  service?: string;
  /** Detected at or after. */
  since?: Date;
  limit?: number;
}

/** The incidents and their records, in the store; every change is audited. */
export interface IncidentStore {
  /** Dedupes and groups alerts into incidents; enrichment of new incidents runs afterwards. */
  ingest(alerts: readonly AlertInput[], postedBy: string): IngestResult;
  list(filter?: IncidentFilter): Incident[];
  get(id: string): Incident | undefined;
  /** The incident's timeline: its own records plus changes, actions, approvals and runbook runs from the store and audit log. */
  timeline(id: string): TimelineEntry[];
  note(id: string, text: string, by: string): TimelineEntry;
  /** open → mitigated → resolved (and back to open when it recurs); throws naming a bad transition. */
  setStatus(id: string, status: IncidentStatus, by: string, reason: string): Incident;
  /** Resolves incidents whose alerts have all been resolved for the configured time; returns their ids. */
  sweep(now: Date): string[];
}
