// An incident's timeline: its own records (alerts firing and resolving, status changes,
// notes) and what happened around it, gathered at read time from the store and the audit
// log for [detected − 1h, resolved or now]: change events on its services or namespaces
// (and cluster-wide ones), executed and failed actions on them, approvals asked and
// decided for those actions, and runbook runs on them. A target concerns the incident
// when its namespace is one of the incident's; a target without a namespace, when its
// name or service is an affected service or the workload behind one.

import type { AuditLog, AuditRecord } from '../../audit/log.ts';
import type { ChangeEvent } from '../../changes/event.ts';
import { type ChangeEventReader, MAX_CHANGE_LIMIT } from '../../changes/store.ts';
import type { Target } from '../../types.ts';
import type { Incident, TimelineEntry } from './model.ts';
import type { Topology } from './topology.ts';

const LOOKBACK_MS = 60 * 60_000;

export interface TimelineSources {
  audit: Pick<AuditLog, 'query'>;
  changes?: ChangeEventReader;
  topology: Topology;
  now: Date;
}

/** What concerns an incident: its namespaces, and its services with the workloads behind them. */
export interface Scope {
  namespaces: Set<string>;
  names: Set<string>;
}

export function incidentTimeline(
  incident: Incident,
  own: readonly TimelineEntry[],
  sources: TimelineSources,
): TimelineEntry[] {
  const since = new Date(Date.parse(incident.detectedAt) - LOOKBACK_MS);
  const until = incident.resolvedAt ? new Date(incident.resolvedAt) : sources.now;
  const scope = incidentScope(incident, sources.topology);
  const entries = [
    ...own,
    ...changeEntries(sources.changes, scope, since, until),
    ...auditEntries(sources.audit, scope, since, until),
  ];
  return entries
    .map((entry, order) => ({ entry, order, ms: Date.parse(entry.at) }))
    .sort((a, b) => a.ms - b.ms || a.order - b.order)
    .map(({ entry }) => entry);
}

export function incidentScope(incident: Incident, topology: Topology): Scope {
  const namespaces = new Set<string>();
  const names = new Set<string>(incident.services);
  if (incident.namespace) namespaces.add(incident.namespace);
  for (const alert of incident.alerts) if (alert.namespace) namespaces.add(alert.namespace);
  for (const service of incident.services) {
    const workload = topology.workloadName(service);
    if (workload) names.add(workload);
    const namespace = topology.namespaceOf(service);
    if (namespace) namespaces.add(namespace);
  }
  return { namespaces, names };
}

/** A namespaced target by its namespace; a cluster-wide one by its service or name. */
export function concerns(scope: Scope, target: Target | undefined): boolean {
  if (!target) return false;
  if (target.namespace) return scope.namespaces.has(target.namespace);
  return (
    (target.service !== undefined && scope.names.has(target.service)) ||
    (target.name !== undefined && scope.names.has(target.name))
  );
}

/** A change on one of its services, else in one of its namespaces, else cluster-wide. */
export function concernsChange(scope: Scope, event: Pick<ChangeEvent, 'service' | 'namespace'>): boolean {
  if (event.service) return scope.names.has(event.service);
  return event.namespace ? scope.namespaces.has(event.namespace) : true;
}

function changeEntries(
  changes: ChangeEventReader | undefined,
  scope: Scope,
  since: Date,
  until: Date,
): TimelineEntry[] {
  if (!changes) return [];
  return changes
    .list({ since, until, limit: MAX_CHANGE_LIMIT })
    .filter((e) => concernsChange(scope, e))
    .map((e) => ({
      at: e.at,
      kind: 'change',
      summary: `${e.kind}${e.service ? ` of ${e.service}` : ''}: ${e.summary}`,
      ref: `Change/${e.id}`,
      by: e.actor ?? e.source ?? e.recordedBy,
    }));
}

function auditEntries(
  audit: Pick<AuditLog, 'query'>,
  scope: Scope,
  since: Date,
  until: Date,
): TimelineEntry[] {
  const window = { since, until: new Date(until.getTime() + 1) };
  const ofType = (type: AuditRecord['type']) => audit.query({ ...window, type });
  const targets = new Map<string, Target | undefined>();
  const targetOf = (callId: string | undefined): Target | undefined => {
    if (!callId) return undefined;
    if (!targets.has(callId)) {
      const [call] = audit.query({ callId, type: 'tool.call' });
      targets.set(callId, call?.data.target as Target | undefined);
    }
    return targets.get(callId);
  };
  const entries: TimelineEntry[] = [];
  for (const type of ['action.executed', 'action.failed'] as const) {
    for (const record of ofType(type)) {
      const target = targetOf(record.callId);
      // Only real mutations carry a target key: reads and dry runs are not actions.
      if (!record.targetKey || !concerns(scope, target)) continue;
      const outcome = type === 'action.executed' ? 'executed' : `failed: ${String(record.data.error ?? '')}`;
      entries.push({
        at: record.ts,
        kind: 'action',
        summary: `${record.tool} on ${refOf(target!)} ${outcome}`,
        ref: refOf(target!),
        ...(record.principal ? { by: record.principal } : {}),
      });
    }
  }
  for (const type of [
    'approval.requested',
    'approval.granted',
    'approval.rejected',
    'approval.expired',
  ] as const) {
    for (const record of ofType(type)) {
      const target = targetOf(record.callId);
      if (!concerns(scope, target)) continue;
      entries.push(approvalEntry(record, target!));
    }
  }
  entries.push(...runbookEntries(ofType('runbook.started'), ofType('runbook.finished'), scope));
  return entries;
}

function approvalEntry(record: AuditRecord, target: Target): TimelineEntry {
  const id = String(record.data.approvalId);
  const decidedBy = record.data.decidedBy as string | undefined;
  const what =
    record.type === 'approval.requested'
      ? `requested for ${record.tool} on ${refOf(target)}: ${String(record.data.reason ?? '')}`
      : record.type === 'approval.expired'
        ? 'expired undecided'
        : `${record.type === 'approval.granted' ? 'granted' : 'rejected'}${decidedBy ? ` by ${decidedBy}` : ''}`;
  const by = record.type === 'approval.requested' ? record.principal : decidedBy;
  return {
    at: record.ts,
    kind: 'approval',
    summary: `approval ${id} ${what}`,
    ref: id,
    ...(by ? { by } : {}),
  };
}

function runbookEntries(started: AuditRecord[], finished: AuditRecord[], scope: Scope): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const matched = new Set<string>();
  for (const record of started) {
    const key = String(record.data.target ?? '');
    if (!concerns(scope, targetOfKey(key, record.data.params as Record<string, unknown> | undefined)))
      continue;
    const execution = String(record.data.execution);
    matched.add(execution);
    entries.push({
      at: record.ts,
      kind: 'runbook',
      summary: `runbook ${runbookName(record)} started on ${key}: ${String(record.data.reason ?? '')}`,
      ref: execution,
      ...(record.principal ? { by: record.principal } : {}),
    });
  }
  for (const record of finished) {
    const execution = String(record.data.execution);
    if (!matched.has(execution)) continue;
    entries.push({
      at: record.ts,
      kind: 'runbook',
      summary: `runbook ${runbookName(record)} finished: ${String(record.data.outcome)}`,
      ref: execution,
      ...(record.principal ? { by: record.principal } : {}),
    });
  }
  return entries;
}

/** A runbook execution's target key (`Kind/ns/name`, `ns/name`, `runbook/<name>`) and its params. */
function targetOfKey(key: string, params: Record<string, unknown> = {}): Target {
  const parts = key.split('/');
  const [namespace, name] = parts.length === 3 ? parts.slice(1) : parts[0] === 'runbook' ? [] : parts;
  const param = (n: string) => (typeof params[n] === 'string' ? (params[n] as string) : undefined);
  const targetNamespace = namespace ?? param('namespace');
  const targetName = name ?? param('name');
  const service = param('service');
  return {
    ...(targetNamespace ? { namespace: targetNamespace } : {}),
    ...(targetName ? { name: targetName } : {}),
    ...(service ? { service } : {}),
  };
}

function runbookName(record: AuditRecord): string {
  return String((record.data.runbook as { name?: string } | undefined)?.name ?? 'runbook');
}

function refOf(target: Target): string {
  return [target.kind, target.namespace, target.name ?? target.service].filter(Boolean).join('/');
}
