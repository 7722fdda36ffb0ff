// What the humans are told, read off the audit log: every on-call event is derived from a
// committed audit record (and the ticket, incident or run it names, as they stand when the
// record is read), so nothing is announced that the log does not hold, and a replica that
// takes over the delivery derives the same events from the same records.

import type { Approval } from '../approvals/store.ts';
import type { AuditRecord } from '../audit/log.ts';
import type { Incident } from '../incidents/records/model.ts';
import type { OnCallEventKind } from './config.ts';

/** A ticket as it is shown outside: no decision proof, no credential binding. */
export type ApprovalView = Omit<Approval, 'proof' | 'requesterCredential'>;

export type OnCallEvent = { kind: OnCallEventKind; at: string; seq: number } & (
  | { kind: 'approval.requested'; approval: ApprovalView }
  | { kind: 'approval.decided'; approval: ApprovalView }
  | { kind: 'approval.expired'; approval: ApprovalView }
  | {
      kind: 'approval.executed';
      approval: ApprovalView;
      callId: string;
      outcome: 'executed' | 'failed';
      error?: string;
    }
  | { kind: 'incident.opened'; incident: Incident }
  | { kind: 'incident.updated'; incident: Incident; change: string }
  | { kind: 'incident.resolved'; incident: Incident; reason: string }
  | { kind: 'runbook.finished'; execution: RunbookFinished }
);

export interface RunbookFinished {
  id: string;
  runbook: string;
  outcome: string;
  requester: string;
  dryRun: boolean;
  durationMs: number;
  message?: string;
  decidedBy?: string;
  /** The approval steps' tickets of this run. */
  approvals: string[];
}

/** What the derivation reads besides the record. */
export interface EventSources {
  approval(id: string): Approval | undefined;
  incident(id: string): Incident | undefined;
  /** The approval a call spent, from its approval.used record. */
  approvalUsedBy(callId: string): string | undefined;
  /** The tickets a runbook execution's approval steps opened. */
  runbookApprovals(execution: string): string[];
}

export function approvalView(a: Approval): ApprovalView {
  const { proof: _proof, requesterCredential: _credential, ...view } = a;
  return view;
}

/** The events one audit record means (none for most). */
export function eventsOf(record: AuditRecord, from: EventSources): OnCallEvent[] {
  const base = { at: record.ts, seq: record.seq };
  const data = record.data;
  // The ticket as this record left it: delivery may run behind, and a receiver must not be
  // told "requested" with the state of a later decision.
  const ticket = () => {
    const a = typeof data.approvalId === 'string' ? from.approval(data.approvalId) : undefined;
    return a && asOf(record, approvalView(a));
  };
  switch (record.type) {
    case 'approval.requested': {
      const approval = ticket();
      return approval ? [{ ...base, kind: 'approval.requested', approval }] : [];
    }
    case 'approval.granted':
    case 'approval.rejected': {
      const approval = ticket();
      return approval ? [{ ...base, kind: 'approval.decided', approval }] : [];
    }
    case 'approval.expired': {
      const approval = ticket();
      return approval ? [{ ...base, kind: 'approval.expired', approval }] : [];
    }
    case 'action.executed':
    case 'action.failed': {
      if (!record.callId || data.dryRun === true) return [];
      const id = from.approvalUsedBy(record.callId);
      const a = id ? from.approval(id) : undefined;
      if (!a) return [];
      return [
        {
          ...base,
          kind: 'approval.executed',
          approval: approvalView(a),
          callId: record.callId,
          outcome: record.type === 'action.executed' ? 'executed' : 'failed',
          ...(typeof data.error === 'string' ? { error: data.error } : {}),
        },
      ];
    }
    case 'incidents.ingested': {
      const ids = (key: string) => (Array.isArray(data[key]) ? (data[key] as string[]) : []);
      return [
        ...incidents(ids('created'), from).map((incident) => ({
          ...base,
          kind: 'incident.opened' as const,
          incident,
        })),
        ...incidents(ids('updated'), from).map((incident) => ({
          ...base,
          kind: 'incident.updated' as const,
          incident,
          change: `alerts updated (${data.firing ?? 0} firing, ${data.resolved ?? 0} resolved in this post)`,
        })),
      ];
    }
    case 'incident.status': {
      const [incident] = incidents([String(data.incident)], from);
      if (!incident) return [];
      const reason = String(data.reason ?? '');
      return data.to === 'resolved'
        ? [{ ...base, kind: 'incident.resolved', incident, reason }]
        : [{ ...base, kind: 'incident.updated', incident, change: `${data.from} → ${data.to}: ${reason}` }];
    }
    case 'incident.note': {
      const [incident] = incidents([String(data.incident)], from);
      return incident
        ? [
            {
              ...base,
              kind: 'incident.updated',
              incident,
              change: `note by ${record.principal}: ${data.text}`,
            },
          ]
        : [];
    }
    case 'runbook.finished': {
      const id = String(data.execution);
      return [
        {
          ...base,
          kind: 'runbook.finished',
          execution: {
            id,
            runbook: String((data.runbook as { name?: unknown } | undefined)?.name ?? data.runbook),
            outcome: String(data.outcome),
            requester: String(data.requester ?? record.principal ?? ''),
            dryRun: data.dryRun === true,
            durationMs: Number(data.durationMs ?? 0),
            ...(typeof data.message === 'string' ? { message: data.message } : {}),
            ...(typeof data.decidedBy === 'string' ? { decidedBy: data.decidedBy } : {}),
            approvals: from.runbookApprovals(id),
          },
        },
      ];
    }
    default:
      return [];
  }
}

const LATER_FIELDS = ['decidedBy', 'decidedAt', 'decidedVia', 'executeBy', 'comment', 'usedAt'] as const;

/** The ticket's state right after `record`: pending at its request, decided or expired at its decision. */
function asOf(record: AuditRecord, view: ApprovalView): ApprovalView {
  const { data } = record;
  const before: ApprovalView = { ...view };
  for (const field of LATER_FIELDS) delete before[field];
  switch (record.type) {
    case 'approval.requested':
      return { ...before, status: 'pending' };
    case 'approval.granted':
    case 'approval.rejected':
      return {
        ...before,
        status: record.type === 'approval.granted' ? 'approved' : 'rejected',
        ...(view.decidedBy ? { decidedBy: view.decidedBy, decidedAt: view.decidedAt } : {}),
        ...(typeof data.via === 'string' ? { decidedVia: data.via } : {}),
        ...(typeof data.executeBy === 'string' ? { executeBy: data.executeBy } : {}),
        ...(typeof data.comment === 'string' ? { comment: data.comment } : {}),
      };
    case 'approval.expired':
      return { ...view, status: 'expired' };
    default:
      return view;
  }
}

function incidents(ids: readonly string[], from: EventSources): Incident[] {
  return ids.flatMap((id) => {
    const incident = from.incident(id);
    return incident ? [incident] : [];
  });
}
