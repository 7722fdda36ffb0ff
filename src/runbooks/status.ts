// What an execution looks like from outside (runbook_status, runbook_run, the service's
// wait): its steps in the order they ran with their outcome and evidence, the approval it
// is waiting for and how a human gives it, and how it ended and which step decided that.

import { type DecideElsewhere, howToApprove } from '../approvals/result.ts';
import type { ApprovalReader } from '../backends/types.ts';
import type { ExecutionOutcome, ExecutionRecord, StepRecord } from './store.ts';
import type { ExecutionTarget } from './target.ts';
import type { ParamValue, Runbook } from './types.ts';

/** A step record as shown outside (the step's id under `id`, its title added, no wall-clock internals). */
export interface StepStatus extends Omit<StepRecord, 'execution' | 'step' | 'startedWallMs'> {
  id: string;
  title: string;
}

export interface PendingApproval {
  approvalId: string;
  step: string;
  approvers: string[];
  expiresAt: string;
  howToApprove: string[];
}

export interface ExecutionStatus {
  id: string;
  runbook: { name: string; version: string; digest: string };
  params: Record<string, ParamValue>;
  target: ExecutionTarget;
  requester: string;
  reason: string;
  dryRun: boolean;
  state: 'running' | 'finished';
  currentStep?: string;
  outcome?: ExecutionOutcome;
  /** The step whose result decided the outcome. */
  decidedBy?: string;
  message?: string;
  cancelledBy?: string;
  startedAt: string;
  endedAt?: string;
  /** So far while running. */
  durationMs: number;
  steps: StepStatus[];
  pendingApproval?: PendingApproval;
}

export function executionStatus(
  exec: ExecutionRecord,
  steps: StepRecord[],
  runbook: Runbook | undefined,
  approvals: ApprovalReader,
  decideElsewhere?: DecideElsewhere,
): ExecutionStatus {
  const titles = new Map(runbook?.steps.map((s) => [s.id, s.title]));
  const waiting = steps.findLast((s) => s.state === 'awaiting_approval' && s.approvalId);
  const ticket =
    waiting?.approvalId && exec.state === 'running' ? approvals.get(waiting.approvalId) : undefined;
  return {
    id: exec.id,
    runbook: { name: exec.runbook, version: exec.version, digest: exec.digest },
    params: exec.params,
    target: exec.target,
    requester: exec.principal.id,
    reason: exec.reason,
    dryRun: exec.dryRun,
    state: exec.state,
    ...(exec.currentStep && exec.state === 'running' ? { currentStep: exec.currentStep } : {}),
    ...(exec.outcome ? { outcome: exec.outcome } : {}),
    ...(exec.decidedBy ? { decidedBy: exec.decidedBy } : {}),
    ...(exec.message ? { message: exec.message } : {}),
    ...(exec.cancelledBy ? { cancelledBy: exec.cancelledBy } : {}),
    startedAt: exec.startedAt,
    ...(exec.endedAt ? { endedAt: exec.endedAt } : {}),
    durationMs: exec.durationMs ?? Date.now() - exec.startedWallMs,
    steps: steps.map((s) => ({
      seq: s.seq,
      id: s.step,
      title: titles.get(s.step) ?? s.step,
      kind: s.kind,
      attempt: s.attempt,
      state: s.state,
      ...(s.outcome ? { outcome: s.outcome } : {}),
      ...(s.next ? { next: s.next } : {}),
      startedAt: s.startedAt,
      ...(s.endedAt ? { endedAt: s.endedAt } : {}),
      ...(s.durationMs !== undefined ? { durationMs: s.durationMs } : {}),
      callIds: s.callIds,
      ...(s.approvalId ? { approvalId: s.approvalId } : {}),
      evidence: s.evidence,
      ...(s.message ? { message: s.message } : {}),
    })),
    ...(ticket?.status === 'pending' && waiting
      ? {
          pendingApproval: {
            approvalId: ticket.id,
            step: waiting.step,
            approvers: ticket.approvers,
            expiresAt: ticket.expiresAt,
            howToApprove: howToApprove(ticket.id, ticket.approvers, decideElsewhere),
          },
        }
      : {}),
  };
}
