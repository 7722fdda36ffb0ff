// Runs one execution from where its records say it is (a new run starts at the first
// step; a resumed one continues its open visit) until it reaches an end state, is
// cancelled, or the server shuts down. Each step's template is rendered with the run's
// parameters, the step kind's runner does the work, and the visit's outcome is stored and
// audited (`runbook.step`) before the next step starts; the end is audited once
// (`runbook.finished`). A runbook that loops is stopped after MAX_VISITS steps. A run whose
// lease this replica lost stops without recording anything: its new holder resumes it.

import { runAction } from './action.ts';
import { runApproval, runCheck, runWait } from './engine-steps.ts';
import { LeaseLost } from './lease.ts';
import { resolveStep } from './load.ts';
import { holdsRun, type RunContext, runbookRef, type StepResult } from './run-context.ts';
import type { ExecutionOutcome, StepRecord } from './store.ts';
import { END_STATES, type EndState, type RunbookStep } from './types.ts';

export const MAX_VISITS = 100;

export async function runExecution(ctx: RunContext): Promise<void> {
  const { deps, exec, runbook } = ctx;
  if (runbook.digest !== exec.digest) {
    finishExecution(ctx, 'escalate', {
      message: `runbook ${runbook.name} changed since this run started (digest ${exec.digest.slice(0, 12)} → ${runbook.digest.slice(0, 12)}); not resuming it — start it again`,
    });
    return;
  }
  const visits = deps.store.steps(exec.id);
  let visit: StepRecord;
  const last = visits.at(-1);
  if (!last) visit = openVisit(ctx, runbook.steps[0]!);
  else if (last.state !== 'done') visit = last;
  else if (isEnd(last.next)) {
    finishExecution(ctx, last.next, {
      decidedBy: last.step,
      ...(last.message ? { message: last.message } : {}),
    });
    return;
  } else visit = openVisit(ctx, stepById(ctx, last.next!));

  for (;;) {
    const step = stepById(ctx, visit.step);
    let result: StepResult;
    try {
      result = await runStep(ctx, step, visit);
    } catch (err) {
      if (ctx.signal.aborted || err instanceof LeaseLost) return;
      ctx.logger.error({ err, step: step.id }, 'runbook step failed unexpectedly');
      result = { outcome: 'failed', next: 'failed', message: `step ${step.id}: ${(err as Error).message}` };
    }
    // The result moves the run on: only the lease holder records it.
    if (!holdsRun(ctx)) return;
    closeVisit(ctx, visit, result);
    if (isEnd(result.next)) {
      finishExecution(ctx, result.next, {
        decidedBy: step.id,
        ...(result.message ? { message: result.message } : {}),
      });
      return;
    }
    if (ctx.signal.aborted || deps.store.get(exec.id)?.state !== 'running') return;
    if (visit.seq >= MAX_VISITS) {
      finishExecution(ctx, 'failed', {
        decidedBy: step.id,
        message: `stopped after ${MAX_VISITS} steps: the runbook loops (last: ${step.id} → ${result.next})`,
      });
      return;
    }
    visit = openVisit(ctx, stepById(ctx, result.next));
  }
}

function runStep(ctx: RunContext, step: RunbookStep, visit: StepRecord): Promise<StepResult> {
  const scope = {
    params: ctx.exec.params,
    runbook: { name: ctx.runbook.name, version: ctx.runbook.version },
    execution: { id: ctx.exec.id },
  };
  const resolved = resolveStep(step, scope);
  switch (resolved.kind) {
    case 'action':
      return runAction(ctx, resolved, visit);
    case 'check':
      return runCheck(ctx, resolved, visit);
    case 'approval':
      return runApproval(ctx, resolved, visit);
    case 'wait':
      return runWait(ctx, resolved, visit);
  }
}

function isEnd(next: string | undefined): next is EndState {
  return (END_STATES as readonly string[]).includes(next ?? '');
}

function stepById(ctx: RunContext, id: string): RunbookStep {
  const step = ctx.runbook.steps.find((s) => s.id === id);
  if (!step) throw new Error(`runbook ${ctx.runbook.name} has no step "${id}"`);
  return step;
}

function openVisit(ctx: RunContext, step: RunbookStep): StepRecord {
  const visit = ctx.deps.store.startStep(ctx.exec.id, step, {
    startedAt: ctx.deps.clock.now().toISOString(),
    startedWallMs: Date.now(),
  });
  ctx.deps.changed(ctx.exec.id);
  return visit;
}

function closeVisit(ctx: RunContext, visit: StepRecord, result: StepResult): void {
  const { deps, exec } = ctx;
  Object.assign(visit, {
    state: 'done',
    outcome: result.outcome,
    next: result.next,
    endedAt: deps.clock.now().toISOString(),
    durationMs: Date.now() - visit.startedWallMs,
    ...(result.message ? { message: result.message } : {}),
  });
  deps.store.updateStep(visit);
  const callId = visit.callIds.at(-1);
  deps.audit.append({
    type: 'runbook.step',
    principal: exec.principal.id,
    ...(callId ? { callId } : {}),
    data: {
      runbook: runbookRef(exec),
      execution: exec.id,
      step: visit.step,
      kind: visit.kind,
      seq: visit.seq,
      attempt: visit.attempt,
      outcome: result.outcome,
      next: result.next,
      durationMs: visit.durationMs,
      dryRun: exec.dryRun,
      callIds: visit.callIds,
      ...(visit.approvalId ? { approvalId: visit.approvalId } : {}),
      evidence: visit.evidence,
      ...(result.message ? { message: result.message } : {}),
    },
  });
  deps.changed(exec.id);
}

/** Ends the run once (a cancel may have ended it first) and audits the end. */
export function finishExecution(
  ctx: Pick<RunContext, 'deps' | 'exec'>,
  outcome: ExecutionOutcome,
  how: { decidedBy?: string; message?: string; cancelledBy?: string },
): boolean {
  const { deps, exec } = ctx;
  const durationMs = Date.now() - exec.startedWallMs;
  const finished = deps.store.finish(exec.id, {
    outcome,
    endedAt: deps.clock.now().toISOString(),
    durationMs,
    ...how,
  });
  if (!finished) return false;
  deps.audit.append({
    type: 'runbook.finished',
    principal: how.cancelledBy ?? exec.principal.id,
    data: {
      runbook: runbookRef(exec),
      execution: exec.id,
      outcome,
      durationMs,
      dryRun: exec.dryRun,
      requester: exec.principal.id,
      ...how,
    },
  });
  deps.changed(exec.id);
  return true;
}
