// What the runbook tools share: the service lookup, the execution status as an output
// schema, the hint that tells the agent what to do next, and waiting for a run with MCP
// progress notifications per step (sent only when the client asked for progress).

import { z } from 'zod';
import type { Backends } from '../../src/backends/types.ts';
import type { ExecutionStatus, RunbookService } from '../../src/runbooks/service.ts';
import type { ToolContext } from '../../src/tool.ts';
import { namespaceEnvironment } from '../kubernetes/common.ts';

export function runbookService(backends: Backends): RunbookService {
  if (!backends.runbooks) throw new Error('runbooks are not available on this server');
  return backends.runbooks;
}

// Names and ids as runbook_list and runbook_run give them; their patterns say enough.
export const runbookNameArg = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
export const executionIdArg = z.string().regex(/^rbx_[A-Za-z0-9]+$/);
export const paramsArg = z
  .record(z.string(), z.union([z.string(), z.number()]))
  .default({})
  .describe('Parameter values by name');
export const waitSecondsArg = z
  .number()
  .int()
  .min(0)
  .max(300)
  .optional()
  .describe('Follow the run this long');

const targetSchema = z.object({
  key: z.string().describe('One execution per key runs at a time'),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string().optional(),
});

const stepStatusSchema = z.object({
  seq: z.number().describe('Order in which steps ran, from 1'),
  id: z.string(),
  title: z.string(),
  kind: z.enum(['action', 'check', 'approval', 'wait']),
  attempt: z.number(),
  state: z.enum(['running', 'awaiting_approval', 'done']),
  outcome: z.string().optional(),
  next: z.string().optional(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  durationMs: z.number().optional(),
  callIds: z.array(z.string()).describe('Audit log call ids (opswarden audit query --call-id)'),
  approvalId: z.string().optional(),
  evidence: z
    .record(z.string(), z.unknown())
    .describe('Decisions (effect, rules) per call, check values, approval decisions'),
  message: z.string().optional(),
});

export const executionStatusFields = {
  id: z.string(),
  runbook: z.object({ name: z.string(), version: z.string(), digest: z.string() }),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  target: targetSchema,
  requester: z.string(),
  reason: z.string(),
  dryRun: z.boolean(),
  state: z.enum(['running', 'finished']),
  currentStep: z.string().optional(),
  outcome: z.enum(['resolved', 'escalate', 'failed', 'cancelled']).optional(),
  decidedBy: z.string().optional().describe('The step that decided the outcome'),
  message: z.string().optional(),
  cancelledBy: z.string().optional(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  durationMs: z.number(),
  steps: z.array(stepStatusSchema),
  pendingApproval: z
    .object({
      approvalId: z.string(),
      step: z.string(),
      approvers: z.array(z.string()),
      expiresAt: z.string(),
      howToApprove: z.array(z.string()),
    })
    .optional()
    .describe('The human decision the run waits for; you cannot give it'),
  next: z.string().describe('What to do now'),
};

export const executionStatusOutput = z.object(executionStatusFields);

/** The status plus what the agent should do next. */
export function withNext(s: ExecutionStatus): ExecutionStatus & { next: string } {
  return { ...s, next: nextHint(s) };
}

function nextHint(s: ExecutionStatus): string {
  const follow = `Follow it with runbook_status {"id": "${s.id}", "waitSeconds": 60}.`;
  if (s.state === 'running') {
    if (s.pendingApproval) {
      const a = s.pendingApproval;
      return `Waiting at step ${a.step} for a human with role ${a.approvers.join(' or ')} to approve ${a.approvalId} (expires ${a.expiresAt}). You cannot approve; tell the user. The run continues by itself once decided. ${follow}`;
    }
    return `Running step ${s.currentStep ?? '(starting)'}. ${follow}`;
  }
  const at = s.decidedBy ? ` at step ${s.decidedBy}` : '';
  switch (s.outcome) {
    case 'resolved':
      return `Resolved${at}${s.dryRun ? ' (dry run: nothing changed; checks, approvals and waits were skipped)' : ''}. Confirm with the metrics or alerts that paged.`;
    case 'escalate':
      return `Ended escalate${at}: ${s.message ?? 'a human must take over'}. Hand over to the on-call human; do not re-run it to get around a denial or rejection.`;
    case 'failed':
      return `Failed${at}: ${s.message ?? 'see the step evidence'}. Read the step's evidence and the audit records of its callIds before trying anything else.`;
    default:
      return `Cancelled${s.cancelledBy ? ` by ${s.cancelledBy}` : ''}${at}. Steps that already executed are not undone.`;
  }
}

/** runbook_run / runbook_cancel act on the execution's target: a Runbook on that object. */
export async function runbookTarget(
  backends: Backends,
  runbook: string,
  target: { key: string; namespace?: string; name?: string },
) {
  const environment = backends.kubernetes
    ? await namespaceEnvironment(backends.kubernetes, undefined, target.namespace)
    : undefined;
  return {
    kind: 'Runbook',
    ...(target.namespace ? { namespace: target.namespace } : {}),
    name: target.name ?? runbook,
    labels: { runbook, target: target.key },
    ...(environment ? { environment } : {}),
  };
}

/**
 * Waits up to `waitSeconds` for the run to end, returning early when it stops at a human
 * approval; each step change is a progress notification (progress = steps started + ended).
 */
export async function waitForRun(
  ctx: ToolContext,
  id: string,
  waitSeconds: number,
): Promise<ExecutionStatus> {
  const runbooks = runbookService(ctx.backends);
  const current = runbooks.status(id);
  if (!current) throw new Error(`no runbook execution with id ${id}`);
  if (!waitSeconds || current.state === 'finished' || current.pendingApproval) return current;
  const atApproval = new AbortController();
  let sent = 0;
  return runbooks.wait(id, {
    timeoutMs: waitSeconds * 1000,
    signal: AbortSignal.any([ctx.signal, atApproval.signal]),
    onChange: (s) => {
      const progress = s.steps.length + s.steps.filter((x) => x.state === 'done').length;
      if (progress > sent) {
        sent = progress;
        ctx.progress({ progress, message: progressMessage(s) }).catch(() => {});
      }
      if (s.pendingApproval) atApproval.abort();
    },
  });
}

function progressMessage(s: ExecutionStatus): string {
  const last = s.steps.at(-1);
  if (!last) return `${s.runbook.name}: starting`;
  const where = `${s.runbook.name} step ${last.seq} ${last.id} (${last.kind})`;
  if (last.state === 'done') return `${where}: ${last.outcome}${last.next ? ` → ${last.next}` : ''}`;
  return `${where}: ${last.state === 'awaiting_approval' ? 'waiting for approval' : 'running'}`;
}
