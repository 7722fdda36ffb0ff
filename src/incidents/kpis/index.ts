// The on-call KPIs over a window, from the incident records and the audit trail:
//   MTTA  detection → first response (a status change, note, approval, runbook run or change
//         by someone other than opswarden itself, on the incident or in its scope);
//   MTTR  detection → resolved;
//   false action rate  executed changes later undone, reverted or failing their runbook's
//         verification (false-actions.ts) / executed changes;
//   approval latency (median, p90 of request → decision) and acceptance rate (granted /
//         granted + rejected + expired);
//   recurrence rate  incidents reopened, or with an alert of the same service and alertname
//         as an incident in the 7 days before / incidents;
//   runbook success rate  resolved / finished real runs (cancelled ones are not counted).
// Pure: the caller reads the records (read.ts); the same records give the same numbers.

import type { ServiceCatalog } from '../catalog.ts';
import { type AuditTrail, scopeOf, trailOfIncident } from '../postmortem/trail.ts';
import type { Incident, TimelineEntry } from '../records/model.ts';
import { SYSTEM_PRINCIPAL } from '../records/store.ts';
import { type FalseAction, falseActions } from './false-actions.ts';
import { mean, quantile, ratio, seconds } from './stats.ts';

export const RECURRENCE_WINDOW_MS = 7 * 86_400_000;
const ACKNOWLEDGING = new Set<TimelineEntry['kind']>(['status', 'note', 'action', 'approval', 'runbook']);
const EXAMPLES = 5;
/** How the store writes a status change back to open (`resolved → open: …`). */
const REOPENED = /^(mitigated|resolved) → open\b/;

export interface KpiInput {
  window: { since: Date; until: Date };
  /** Incidents detected in the window, and those of the recurrence window before it. */
  incidents: readonly Incident[];
  timelines: ReadonlyMap<string, readonly TimelineEntry[]>;
  /** The audit trail of the window. */
  trail: AuditTrail;
  /** The service catalog: which workloads and namespaces an incident's changes may touch. */
  catalog?: ServiceCatalog;
}

export interface OpsKpis {
  window: { since: string; until: string };
  incidents: { total: number; open: number; mitigated: number; resolved: number };
  mttaSeconds: number | null;
  mttrSeconds: number | null;
  actions: { executed: number; false: number; falseRatio: number | null; examples: FalseAction[] };
  approvals: {
    requested: number;
    granted: number;
    rejected: number;
    expired: number;
    pending: number;
    acceptanceRatio: number | null;
    latencySeconds: { median: number | null; p90: number | null };
  };
  recurrence: {
    recurring: number;
    ratio: number | null;
    examples: { incident: string; why: string }[];
  };
  runbooks: {
    finished: number;
    resolved: number;
    successRatio: number | null;
    byRunbook: { name: string; finished: number; resolved: number }[];
  };
}

export function computeKpis(input: KpiInput): OpsKpis {
  const { since, until } = input.window;
  const inWindow = input.incidents.filter((i) => within(i.detectedAt, since, until));
  const executed = input.trail.actions.filter((a) => a.outcome === 'executed');
  const wrong = falseActions(input.trail);
  return {
    window: { since: since.toISOString(), until: until.toISOString() },
    incidents: {
      total: inWindow.length,
      open: inWindow.filter((i) => i.status === 'open').length,
      mitigated: inWindow.filter((i) => i.status === 'mitigated').length,
      resolved: inWindow.filter((i) => i.status === 'resolved').length,
    },
    mttaSeconds: seconds(mean(inWindow.flatMap((i) => acknowledgedAfter(i, input)))),
    mttrSeconds: seconds(
      mean(inWindow.flatMap((i) => (i.resolvedAt ? [ms(i.resolvedAt) - ms(i.detectedAt)] : []))),
    ),
    actions: {
      executed: executed.length,
      false: wrong.length,
      falseRatio: ratio(wrong.length, executed.length),
      examples: wrong.slice(0, EXAMPLES),
    },
    approvals: approvalKpis(input.trail),
    recurrence: recurrence(inWindow, input),
    runbooks: runbookKpis(input.trail),
  };
}

function acknowledgedAfter(incident: Incident, input: KpiInput): number[] {
  const trail = trailOfIncident(input.trail, scopeOf(incident, input.catalog));
  const ms = firstResponseMs(incident, input.timelines.get(incident.id) ?? [], trail);
  return ms === undefined ? [] : [ms];
}

/**
 * Detection → the first sign that someone is on it: a timeline entry by someone other than
 * opswarden, or in the incident's trail a change, an approval request or a runbook start.
 * Undefined while nobody is.
 */
export function firstResponseMs(
  incident: Incident,
  timeline: readonly TimelineEntry[],
  incidentTrail: AuditTrail,
): number | undefined {
  const detected = ms(incident.detectedAt);
  const times = [
    ...timeline
      .filter((e) => ACKNOWLEDGING.has(e.kind) && e.by !== undefined && e.by !== SYSTEM_PRINCIPAL)
      .map((e) => e.at),
    ...incidentTrail.actions.map((a) => a.at),
    ...incidentTrail.approvals.map((a) => a.requestedAt),
    ...incidentTrail.runs.map((r) => r.startedAt),
  ]
    .map(ms)
    .filter((t) => t >= detected);
  return times.length ? Math.min(...times) - detected : undefined;
}

function approvalKpis(trail: AuditTrail): OpsKpis['approvals'] {
  const count = (status: string) => trail.approvals.filter((a) => a.status === status).length;
  const latencies = trail.approvals.flatMap((a) =>
    a.decidedAt && (a.status === 'granted' || a.status === 'rejected')
      ? [ms(a.decidedAt) - ms(a.requestedAt)]
      : [],
  );
  const granted = count('granted');
  const rejected = count('rejected');
  const expired = count('expired');
  return {
    requested: trail.approvals.length,
    granted,
    rejected,
    expired,
    pending: count('pending'),
    acceptanceRatio: ratio(granted, granted + rejected + expired),
    latencySeconds: { median: seconds(quantile(latencies, 0.5)), p90: seconds(quantile(latencies, 0.9)) },
  };
}

function recurrence(inWindow: readonly Incident[], input: KpiInput): OpsKpis['recurrence'] {
  const examples: { incident: string; why: string }[] = [];
  for (const incident of inWindow) {
    const why = reopened(input.timelines.get(incident.id) ?? []) ?? repeatOf(incident, input.incidents);
    if (why) examples.push({ incident: incident.id, why });
  }
  return {
    recurring: examples.length,
    ratio: ratio(examples.length, inWindow.length),
    examples: examples.slice(0, EXAMPLES),
  };
}

/** A status change back to open after the incident had been mitigated or resolved. */
function reopened(timeline: readonly TimelineEntry[]): string | undefined {
  const entry = timeline.find((e) => e.kind === 'status' && REOPENED.test(e.summary));
  return entry ? `reopened at ${entry.at}` : undefined;
}

/** An earlier incident, within the recurrence window, with an alert of the same service and name. */
function repeatOf(incident: Incident, all: readonly Incident[]): string | undefined {
  const keys = new Set(incident.alerts.map(alertKey));
  const detected = ms(incident.detectedAt);
  const earlier = all.find(
    (other) =>
      other.id !== incident.id &&
      ms(other.detectedAt) < detected &&
      ms(other.detectedAt) >= detected - RECURRENCE_WINDOW_MS &&
      other.alerts.some((a) => keys.has(alertKey(a))),
  );
  if (!earlier) return undefined;
  const shared = earlier.alerts.find((a) => keys.has(alertKey(a)))!;
  return `${shared.alertname} on ${shared.service ?? 'no service'} also fired in ${earlier.id}`;
}

function alertKey(alert: Incident['alerts'][number]): string {
  return `${alert.service ?? ''}\u0000${alert.alertname}`;
}

function runbookKpis(trail: AuditTrail): OpsKpis['runbooks'] {
  const byName = new Map<string, { name: string; finished: number; resolved: number }>();
  for (const run of trail.runs) {
    if (!run.outcome || run.outcome === 'cancelled') continue;
    const entry = byName.get(run.runbook) ?? { name: run.runbook, finished: 0, resolved: 0 };
    entry.finished++;
    if (run.outcome === 'resolved') entry.resolved++;
    byName.set(run.runbook, entry);
  }
  const byRunbook = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  const finished = byRunbook.reduce((n, r) => n + r.finished, 0);
  const resolved = byRunbook.reduce((n, r) => n + r.resolved, 0);
  return { finished, resolved, successRatio: ratio(resolved, finished), byRunbook };
}

function within(at: string, since: Date, until: Date): boolean {
  const t = ms(at);
  return t >= since.getTime() && t <= until.getTime();
}

function ms(at: string): number {
  return Date.parse(at);
}
