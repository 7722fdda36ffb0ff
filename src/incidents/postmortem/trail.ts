// What the audit log says was done about an incident, joined back together: each executed
// change (tool, target, who, why, when) with the approval that let it through (requested
// when, decided by whom and when) and the runbook step it belonged to, and each runbook run
// with its steps and outcome. Records of one call share a callId; an approval is requested
// under the first call and spent by the re-call that names its approvalId. Postmortems and
// the on-call KPIs both read this one join.

import type { AuditRecord } from '../../audit/log.ts';
import type { Target } from '../../types.ts';
import type { ServiceCatalog } from '../catalog.ts';
import type { Incident } from '../records/model.ts';
import { concerns, incidentScope } from '../records/timeline.ts';
import { topologyOf } from '../records/topology.ts';
import type { AuditReader } from './audit-view.ts';

export interface ApprovalTrail {
  id: string;
  tool: string;
  requester: string;
  requestedAt: string;
  /** The escalating rules. */
  rules: string[];
  status: 'pending' | 'granted' | 'rejected' | 'expired';
  decidedAt?: string;
  decidedBy?: string;
  comment?: string;
}

export interface ActionTrail {
  callId: string;
  tool: string;
  /** When it executed (or failed). */
  at: string;
  by: string;
  target: Target;
  /** Kind/namespace/name, the form correlation hypotheses use. */
  ref: string;
  reason?: string;
  /** Redacted, as the audit log holds them. */
  args: Record<string, unknown>;
  outcome: 'executed' | 'failed';
  error?: string;
  approval?: ApprovalTrail;
  runbook?: { name: string; execution: string; step: string };
  /** The object before the change (the pre-action snapshot), when the tool takes one. */
  before?: unknown;
}

export interface RunbookStepTrail {
  step: string;
  kind: string;
  outcome: string;
  at: string;
  message?: string;
}

export interface RunbookRunTrail {
  execution: string;
  runbook: string;
  by: string;
  reason: string;
  /** The execution's lock key, e.g. Deployment/data/customer-etl. */
  target: string;
  params: Record<string, unknown>;
  startedAt: string;
  steps: RunbookStepTrail[];
  endedAt?: string;
  outcome?: string;
  /** The step that decided the outcome. */
  decidedBy?: string;
  message?: string;
}

export interface AuditTrail {
  /** Real (not dry-run) changes to systems, oldest first (not incident records or runbook starts). */
  actions: ActionTrail[];
  approvals: ApprovalTrail[];
  /** Real (not dry-run) runbook runs, oldest first. */
  runs: RunbookRunTrail[];
}

/**
 * Mutations that change no system: incident notes and status changes keep the record, and
 * starting or cancelling a runbook is shown as the run (its actions are changes of their own).
 */
const CONTROL_KINDS = new Set(['Incident', 'Runbook']);

/** The record types the trail is joined from (plus each change's tool.call). */
const TRAIL_TYPES = [
  'action.executed',
  'action.failed',
  'snapshot',
  'approval.requested',
  'approval.granted',
  'approval.rejected',
  'approval.expired',
  'runbook.started',
  'runbook.step',
  'runbook.finished',
] as const;

/** Reads the trail of a time window: one query per record type, one per change for its request. */
export function readAuditTrail(audit: AuditReader, window: { since: Date; until?: Date }): AuditTrail {
  const records = TRAIL_TYPES.flatMap((type) =>
    audit.query({ type, since: window.since, ...(window.until ? { until: window.until } : {}) }),
  );
  const changeCalls = new Set(records.filter(isChangeOutcome).map((r) => r.callId!));
  const requests = [...changeCalls].flatMap((callId) => audit.query({ callId, type: 'tool.call' }));
  return auditTrail([...records, ...requests]);
}

/** Joins records (in any order) into the trail. */
export function auditTrail(records: readonly AuditRecord[]): AuditTrail {
  const sorted = [...records].sort((a, b) => a.seq - b.seq);
  const approvals = approvalTrails(sorted);
  const calls = new Map(sorted.filter((r) => r.type === 'tool.call').map((r) => [r.callId, r]));
  const snapshots = new Map(sorted.filter((r) => r.type === 'snapshot').map((r) => [r.callId, r]));
  const actions: ActionTrail[] = [];
  for (const outcome of sorted.filter(isChangeOutcome)) {
    const call = calls.get(outcome.callId);
    if (!call) continue; // its request is outside what was read
    const data = call.data as CallData;
    const target = data.target ?? {};
    if (target.kind && CONTROL_KINDS.has(target.kind)) continue;
    const approval = data.approvalId ? approvals.get(data.approvalId) : undefined;
    const runbook = data.context?.runbook;
    const error = outcome.data.error;
    const before = snapshots.get(outcome.callId)?.data.before;
    actions.push({
      callId: outcome.callId!,
      tool: outcome.tool ?? call.tool ?? 'unknown',
      at: outcome.ts,
      by: call.principal ?? 'unknown',
      target,
      ref: refOf(target),
      ...(typeof data.args?.reason === 'string' ? { reason: data.args.reason } : {}),
      args: data.args ?? {},
      outcome: outcome.type === 'action.executed' ? 'executed' : 'failed',
      ...(typeof error === 'string' ? { error } : {}),
      ...(approval ? { approval } : {}),
      ...(runbook
        ? { runbook: { name: runbook.name, execution: runbook.execution, step: runbook.step } }
        : {}),
      ...(before !== undefined ? { before } : {}),
    });
  }
  return { actions, approvals: [...approvals.values()], runs: runTrails(sorted) };
}

/** `Kind/namespace/name` (or the parts there are) of a target. */
export function refOf(target: Target): string {
  return [target.kind, target.namespace, target.name ?? target.service].filter(Boolean).join('/');
}

/**
 * What an incident's changes may touch: its services and the workloads behind them (per the
 * catalog), and their namespaces: the store's own timeline rule (records/timeline.ts).
 */
export interface IncidentScope {
  concerns(target: Target): boolean;
  namespaces: ReadonlySet<string>;
}

export function scopeOf(incident: Incident, catalog: ServiceCatalog = []): IncidentScope {
  const scope = incidentScope(incident, topologyOf(catalog));
  return { namespaces: scope.namespaces, concerns: (target) => concerns(scope, target) };
}

/** The part of a trail that concerns one incident: its changes, their approvals, its runs. */
export function trailOfIncident(trail: AuditTrail, scope: IncidentScope): AuditTrail {
  const actions = trail.actions.filter((a) => scope.concerns(a.target));
  const executions = new Set(actions.flatMap((a) => (a.runbook ? [a.runbook.execution] : [])));
  const runs = trail.runs.filter(
    (r) =>
      executions.has(r.execution) ||
      (typeof r.params.namespace === 'string' && scope.namespaces.has(r.params.namespace)),
  );
  const approvalIds = new Set(actions.flatMap((a) => (a.approval ? [a.approval.id] : [])));
  return { actions, approvals: trail.approvals.filter((a) => approvalIds.has(a.id)), runs };
}

interface CallData {
  args?: Record<string, unknown>;
  target?: Target;
  approvalId?: string;
  context?: { runbook?: { name: string; execution: string; step: string } };
}

/** A real change's outcome: only those carry a target key (see dispatch/records.ts). */
function isChangeOutcome(r: AuditRecord): boolean {
  return (
    (r.type === 'action.executed' || r.type === 'action.failed') &&
    r.targetKey !== undefined &&
    r.callId !== undefined
  );
}

function approvalTrails(records: readonly AuditRecord[]): Map<string, ApprovalTrail> {
  const byId = new Map<string, ApprovalTrail>();
  for (const r of records) {
    const id = r.data.approvalId;
    if (typeof id !== 'string') continue;
    if (r.type === 'approval.requested') {
      byId.set(id, {
        id,
        tool: r.tool ?? 'unknown',
        requester: r.principal ?? 'unknown',
        requestedAt: r.ts,
        rules: (r.data.matchedRules as string[] | undefined) ?? [],
        status: 'pending',
      });
      continue;
    }
    const approval = byId.get(id);
    const status = DECIDED[r.type];
    if (!approval || !status) continue;
    Object.assign(approval, {
      status,
      decidedAt: r.ts,
      ...(typeof r.data.decidedBy === 'string' ? { decidedBy: r.data.decidedBy } : {}),
      ...(typeof r.data.comment === 'string' ? { comment: r.data.comment } : {}),
    });
  }
  return byId;
}

const DECIDED: Partial<Record<AuditRecord['type'], ApprovalTrail['status']>> = {
  'approval.granted': 'granted',
  'approval.rejected': 'rejected',
  'approval.expired': 'expired',
};

function runTrails(records: readonly AuditRecord[]): RunbookRunTrail[] {
  const runs = new Map<string, RunbookRunTrail>();
  for (const r of records) {
    const execution = r.data.execution;
    if (typeof execution !== 'string' || r.data.dryRun === true) continue;
    if (r.type === 'runbook.started') {
      runs.set(execution, {
        execution,
        runbook: (r.data.runbook as { name: string }).name,
        by: r.principal ?? 'unknown',
        reason: String(r.data.reason ?? ''),
        target: String(r.data.target ?? ''),
        params: (r.data.params as Record<string, unknown> | undefined) ?? {},
        startedAt: r.ts,
        steps: [],
      });
      continue;
    }
    const run = runs.get(execution);
    if (!run) continue;
    if (r.type === 'runbook.step') {
      run.steps.push({
        step: String(r.data.step),
        kind: String(r.data.kind),
        outcome: String(r.data.outcome),
        at: r.ts,
        ...(typeof r.data.message === 'string' ? { message: r.data.message } : {}),
      });
    } else if (r.type === 'runbook.finished') {
      Object.assign(run, {
        endedAt: r.ts,
        outcome: String(r.data.outcome),
        ...(typeof r.data.decidedBy === 'string' ? { decidedBy: r.data.decidedBy } : {}),
        ...(typeof r.data.message === 'string' ? { message: r.data.message } : {}),
      });
    }
  }
  return [...runs.values()];
}
