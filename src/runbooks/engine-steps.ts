// The step kinds that do not call tools: a check polls its condition until it has held
// for `for` (passed) or `timeout` runs out; an approval step opens a ticket for a human
// and waits for the decision; a wait sleeps. Durations are world time, slept as wall time
// (world / timeScale) and measured from the visit's start, so a resumed step keeps its
// deadline. In a dry run, checks, approvals and waits are skipped and the success path taken.

import { randomUUID } from 'node:crypto';
import { ApprovalError, requesterOf } from '../approvals/store.ts';
import { canonicalJson, sha256Hex } from '../canonical.ts';
import { DEFAULT_APPROVAL } from '../policy/evaluate.ts';
import type { Target } from '../types.ts';
import { awaitDecision } from './action.ts';
import { evaluateCondition } from './checks.ts';
import { assertHeld, type RunContext, type StepResult, save, sleep, wallMs } from './run-context.ts';
import type { StepRecord } from './store.ts';
import type { ExecutionTarget } from './target.ts';
import type { ApprovalStep, CheckStep, WaitStep } from './types.ts';

const SKIPPED = 'skipped';

export async function runCheck(ctx: RunContext, step: CheckStep, visit: StepRecord): Promise<StepResult> {
  if (ctx.exec.dryRun) return { outcome: SKIPPED, next: step.onSuccess, message: 'dry run: not evaluated' };
  const deadline = visit.startedWallMs + wallMs(ctx, step.timeoutMs);
  const holdFor = wallMs(ctx, step.forMs);
  let heldSince: number | undefined;
  let evaluations = Number(visit.evidence.evaluations ?? 0);
  for (;;) {
    let ok = false;
    try {
      const evaluation = await evaluateCondition(step.condition, {
        backends: ctx.deps.backends,
        worldClock: ctx.deps.worldClock,
        signal: ctx.signal,
      });
      ok = evaluation.ok;
      visit.evidence.last = evaluation.value;
      delete visit.evidence.lastError;
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      visit.evidence.lastError = (err as Error).message;
    }
    // Held from the first evaluation that saw it true, counted from when that answer came.
    heldSince = ok ? (heldSince ?? Date.now()) : undefined;
    const heldWall = heldSince === undefined ? 0 : Date.now() - heldSince;
    visit.evidence.evaluations = ++evaluations;
    visit.evidence.holds = ok;
    visit.evidence.heldMs = Math.round(heldWall * ctx.deps.timeScale);
    visit.evidence.forMs = step.forMs;
    save(ctx, visit);
    if (ok && heldWall >= holdFor) return { outcome: 'passed', next: step.onSuccess };
    const left = deadline - Date.now();
    if (left <= 0) {
      return {
        outcome: 'timed_out',
        next: step.onFailure,
        message: `${step.id}: the condition did not hold for ${seconds(step.forMs)} within ${seconds(step.timeoutMs)} (world time)`,
      };
    }
    const untilHeld = ok ? holdFor - heldWall : Number.POSITIVE_INFINITY;
    await sleep(ctx, Math.min(wallMs(ctx, step.intervalMs), left, untilHeld));
  }
}

export async function runApproval(
  ctx: RunContext,
  step: ApprovalStep,
  visit: StepRecord,
): Promise<StepResult> {
  const { exec, deps } = ctx;
  if (exec.dryRun) return { outcome: SKIPPED, next: step.next, message: 'dry run: no approval requested' };
  if (!visit.approvalId) {
    assertHeld(ctx); // a ticket asks a human: only the lease holder opens one
    const callId = randomUUID();
    visit.callIds.push(callId);
    const ticket = deps.approvals.create({
      actionHash: sha256Hex(canonicalJson({ execution: exec.id, step: step.id, seq: visit.seq })),
      tool: 'runbook_run',
      args: { runbook: exec.runbook, execution: exec.id, step: step.id, message: step.message },
      target: policyTarget(exec.target),
      impact: {},
      reason: `${step.message} (runbook ${exec.runbook} ${exec.version}, execution ${exec.id}: ${exec.reason})`,
      ...requesterOf(exec.principal),
      callId,
      matchedRules: [
        { name: `runbook ${exec.runbook} step ${step.id}`, effect: 'escalate', message: step.message },
      ],
      approvers: step.approvers,
      channels: ['out-of-band'],
      ttlMs: Math.max(1, Math.round(wallMs(ctx, step.ttlMs))),
      executionWindowMs: DEFAULT_APPROVAL.executionWindowMs,
    });
    visit.approvalId = ticket.id;
  }
  const ticket = await awaitDecision(ctx, visit, visit.approvalId);
  // A grant counts once it is spent by this run (requester, proof and window checked); a
  // resumed run finds it already spent by itself.
  if (ticket.status === 'used') return { outcome: 'approved', next: step.next };
  if (ticket.status === 'approved') {
    try {
      deps.approvals.consume(
        ticket.id,
        ticket.actionHash,
        visit.callIds.at(-1) ?? ticket.callId,
        exec.principal,
      );
      return { outcome: 'approved', next: step.next };
    } catch (err) {
      if (!(err instanceof ApprovalError)) throw err;
      return { outcome: 'failed', next: 'escalate', message: err.message };
    }
  }
  return {
    outcome: ticket.status,
    next: step.onReject,
    message: `approval ${ticket.id} ${ticket.status}${ticket.decidedBy ? ` by ${ticket.decidedBy}` : ''}${ticket.comment ? `: ${ticket.comment}` : ''}`,
  };
}

export async function runWait(ctx: RunContext, step: WaitStep, visit: StepRecord): Promise<StepResult> {
  if (ctx.exec.dryRun) return { outcome: SKIPPED, next: step.next, message: 'dry run: not waited' };
  visit.evidence.waitMs = step.durationMs;
  save(ctx, visit);
  await sleep(ctx, visit.startedWallMs + wallMs(ctx, step.durationMs) - Date.now());
  return { outcome: 'waited', next: step.next };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)}s`;
}

/** The execution's target as the approver sees it. */
function policyTarget(target: ExecutionTarget): Target {
  const { key: _key, ...rest } = target;
  return rest;
}
