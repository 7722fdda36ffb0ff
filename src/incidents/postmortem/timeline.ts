// The postmortem's timeline: the incident's own records (alerts firing and resolving,
// status changes, notes, changes seen in the cluster, correlations) merged with what was done
// about it from the audit trail (each change with its approval, runbook runs and the checks
// that verified them), oldest first. The trail replaces the store's own action, approval and
// runbook entries: it carries who approved what and how long that took, on one line.

import type { TimelineEntry } from '../records/model.ts';
import { between } from './format.ts';
import type { ActionTrail, ApprovalTrail, AuditTrail, RunbookRunTrail } from './trail.ts';

export interface PostmortemEvent {
  at: string;
  kind: TimelineEntry['kind'];
  what: string;
  by?: string;
}

const FROM_TRAIL = new Set<TimelineEntry['kind']>(['action', 'approval', 'runbook']);
/** Ties at one instant keep cause before effect: a request, then its decision, then the change. */
const ORDER: Record<string, number> = { alert: 0, change: 1, runbook: 2, approval: 3, action: 4 };

export function postmortemTimeline(timeline: readonly TimelineEntry[], trail: AuditTrail): PostmortemEvent[] {
  const own = timeline
    .filter((e) => !FROM_TRAIL.has(e.kind))
    .map((e) => ({ at: e.at, kind: e.kind, what: e.summary, ...(e.by ? { by: e.by } : {}) }));
  const approvals = new Set(trail.actions.flatMap((a) => (a.approval ? [a.approval.id] : [])));
  const events = [
    ...own,
    ...trail.approvals.flatMap((a) => approvalEvents(a, approvals.has(a.id))),
    ...trail.actions.map(actionEvent),
    ...trail.runs.flatMap(runEvents),
  ];
  return events.sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || (ORDER[a.kind] ?? 9) - (ORDER[b.kind] ?? 9),
  );
}

export function describeAction(a: ActionTrail): string {
  const what = `${a.tool} ${a.ref}`;
  const args = changedArgs(a);
  return a.outcome === 'executed'
    ? `${what}${args ? ` (${args})` : ''} executed`
    : `${what} failed: ${a.error ?? 'no error recorded'}`;
}

function actionEvent(a: ActionTrail): PostmortemEvent {
  const approved = a.approval?.decidedBy ? `, approved by ${a.approval.decidedBy}` : '';
  const step = a.runbook ? ` [runbook ${a.runbook.name} step ${a.runbook.step}]` : '';
  return { at: a.at, kind: 'action', what: `${describeAction(a)}${approved}${step}`, by: a.by };
}

/** A request and its decision; requests for changes that never ran say so. */
function approvalEvents(a: ApprovalTrail, ran: boolean): PostmortemEvent[] {
  const rules = a.rules.length ? ` (rules: ${a.rules.join(', ')})` : '';
  const events: PostmortemEvent[] = [
    {
      at: a.requestedAt,
      kind: 'approval',
      what: `approval ${a.id} requested for ${a.tool}${rules}`,
      by: a.requester,
    },
  ];
  if (a.decidedAt) {
    const after = ` ${between(a.requestedAt, a.decidedAt)} after the request`;
    const unused = a.status === 'granted' && !ran ? '; the change did not run' : '';
    events.push({
      at: a.decidedAt,
      kind: 'approval',
      what: `approval ${a.id} ${a.status}${after}${a.comment ? `: ${a.comment}` : ''}${unused}`,
      ...(a.decidedBy ? { by: a.decidedBy } : {}),
    });
  }
  return events;
}

function runEvents(r: RunbookRunTrail): PostmortemEvent[] {
  const events: PostmortemEvent[] = [
    {
      at: r.startedAt,
      kind: 'runbook',
      what: `runbook ${r.runbook} started (${r.execution}) on ${r.target}: ${r.reason}`,
      by: r.by,
    },
    ...r.steps
      .filter((s) => s.kind === 'check')
      .map((s) => ({
        at: s.at,
        kind: 'runbook' as const,
        what: `runbook ${r.runbook} check ${s.step}: ${s.outcome}${s.message ? ` (${s.message})` : ''}`,
      })),
  ];
  if (r.endedAt && r.outcome) {
    const at = r.decidedBy ? ` at step ${r.decidedBy}` : '';
    events.push({
      at: r.endedAt,
      kind: 'runbook',
      what: `runbook ${r.runbook} ended ${r.outcome}${at}${r.message && r.outcome !== 'resolved' ? `: ${r.message}` : ''}`,
    });
  }
  return events;
}

/** What a change set, in short: ConfigMap keys, replicas. */
function changedArgs(a: ActionTrail): string {
  const data = a.args.data;
  if (data && typeof data === 'object')
    return Object.entries(data as Record<string, unknown>)
      .map(([k, v]) => `${k}=${v === null ? '(removed)' : String(v)}`)
      .join(', ');
  if (typeof a.args.replicas === 'number') return `replicas=${a.args.replicas}`;
  return '';
}
