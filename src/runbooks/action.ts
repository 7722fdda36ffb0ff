// An action step: one tool call through the gate, as the execution's requester, with a
// call id stored before the call so a restarted server or a replica that adopts the run can
// read the call's fate from the audit log instead of acting twice. Executed → next;
// escalated → wait for the human's decision, then call again with the approval; denied,
// rejected or expired → escalate; a tool error → onFailure.

import { randomUUID } from 'node:crypto';
import { type Approval, ApprovalError } from '../approvals/store.ts';
import { ProtocolError } from '../dispatch/result.ts';
import { type RunContext, runbookRef, type StepResult, save, sleep } from './run-context.ts';
import type { StepRecord } from './store.ts';
import type { ActionStep } from './types.ts';

/** What the audit log says became of a call. */
type CallFate =
  | { kind: 'executed' }
  | { kind: 'failed'; error: string }
  | { kind: 'denied'; rules: string[] }
  | { kind: 'escalated'; approvalId: string }
  /** The gate let a change through and recorded no outcome: the server stopped while it ran. */
  | { kind: 'interrupted' }
  /** The call never reached the gate. */
  | { kind: 'none' };

const RESULT_CHARS = 400;

export async function runAction(ctx: RunContext, step: ActionStep, visit: StepRecord): Promise<StepResult> {
  const { deps, exec } = ctx;
  const tool = deps.registry.get(step.tool);
  if (!tool) {
    return {
      outcome: 'failed',
      next: step.onFailure,
      message: `tool ${step.tool} is not served here (${deps.registry.withheld(step.tool)?.by ?? 'not in the catalog'})`,
    };
  }
  const args = exec.dryRun && tool.kind === 'mutate' ? { ...step.args, dryRun: true } : step.args;
  let approvalId = visit.approvalId;
  let callId: string | undefined;

  const previous = visit.callIds.at(-1);
  if (previous) {
    const fate = callFate(ctx, previous);
    ctx.logger.info({ callId: previous, fate }, 'resuming an action step from its last call');
    if (fate.kind === 'executed') return { outcome: 'executed', next: step.next };
    if (fate.kind === 'failed') return { outcome: 'failed', next: step.onFailure, message: fate.error };
    if (fate.kind === 'denied')
      return denied(step, `${step.tool} denied by policy rule(s) ${fate.rules.join(', ')}`);
    if (fate.kind === 'interrupted') {
      return {
        outcome: 'interrupted',
        next: 'escalate',
        message: `the server stopped while ${step.tool} (call ${previous}) was running; whether it took effect is unknown — check before running anything else`,
      };
    }
    if (fate.kind === 'escalated') approvalId = fate.approvalId;
    else callId = previous; // never reached the gate: the same id is still unused
  }

  for (;;) {
    if (approvalId) {
      const ticket = await awaitDecision(ctx, visit, approvalId);
      if (ticket.status === 'rejected' || ticket.status === 'expired') {
        return {
          outcome: ticket.status,
          next: 'escalate',
          message: `${step.tool} was not approved: approval ${ticket.id} ${ticket.status}${ticket.decidedBy ? ` by ${ticket.decidedBy}` : ''}${ticket.comment ? ` (${ticket.comment})` : ''}`,
        };
      }
    }
    callId ??= randomUUID();
    visit.callIds.push(callId);
    // Checks this replica still holds the run (else throws LeaseLost): the call comes right after.
    save(ctx, visit);
    const outcome = await deps
      .call({
        tool: step.tool,
        args: approvalId ? { ...args, approvalId } : args,
        principal: exec.principal,
        callId,
        context: { runbook: { ...runbookRef(exec), execution: exec.id, step: step.id } },
      })
      .catch((err: unknown) => {
        if (err instanceof ProtocolError) return undefined;
        throw err;
      });
    const decision = decisionOf(ctx, callId);
    const calls = (visit.evidence.calls as unknown[] | undefined) ?? [];
    visit.evidence.calls = [...calls, { callId, outcome: outcome?.outcome ?? 'invalid', ...decision }];
    callId = undefined;
    if (!outcome) return { outcome: 'failed', next: step.onFailure, message: `unknown tool ${step.tool}` };
    switch (outcome.outcome) {
      case 'ok':
        visit.evidence.result = summary(outcome.structuredContent);
        return { outcome: 'executed', next: step.next };
      case 'approval_required':
        approvalId = outcome.approvalId;
        continue;
      case 'denied':
        return denied(step, outcome.text);
      default:
        return { outcome: 'failed', next: step.onFailure, message: outcome.text };
    }
  }
}

function denied(step: ActionStep, message: string): StepResult {
  return { outcome: 'denied', next: 'escalate', message: `step ${step.id}: ${message}` };
}

/** Polls the ticket until a human decided it (or it expired); the visit shows it meanwhile. */
export async function awaitDecision(
  ctx: RunContext,
  visit: StepRecord,
  approvalId: string,
): Promise<Approval> {
  if (visit.state !== 'awaiting_approval' || visit.approvalId !== approvalId) {
    visit.state = 'awaiting_approval';
    visit.approvalId = approvalId;
    save(ctx, visit);
  }
  for (;;) {
    const ticket = ctx.deps.approvals.get(approvalId);
    if (!ticket)
      throw new ApprovalError('not_found', `approval ${approvalId} has disappeared from the store`);
    if (ticket.status !== 'pending') {
      visit.state = 'running';
      visit.evidence.approval = {
        approvalId,
        status: ticket.status,
        ...(ticket.decidedBy ? { decidedBy: ticket.decidedBy } : {}),
        ...(ticket.comment ? { comment: ticket.comment } : {}),
      };
      save(ctx, visit);
      return ticket;
    }
    const { auditFeed, pollIntervalMs } = ctx.deps;
    if (!auditFeed) await sleep(ctx, pollIntervalMs);
    else {
      // The decision's audit record, from whichever replica made it, ends the nap early.
      await auditFeed.until((r) => r.data.approvalId === approvalId, pollIntervalMs, ctx.signal);
      ctx.signal.throwIfAborted();
    }
  }
}

function callFate(ctx: RunContext, callId: string): CallFate {
  const records = ctx.deps.audit.query({ callId });
  const find = (type: string) => records.findLast((r) => r.type === type);
  if (find('action.executed')) return { kind: 'executed' };
  const failed = find('action.failed');
  if (failed) return { kind: 'failed', error: String(failed.data.error ?? 'failed') };
  const decision = find('decision');
  if (decision?.effect === 'deny') return { kind: 'denied', rules: ruleNames(decision.data.rules, 'deny') };
  const requested = find('approval.requested');
  if (requested) return { kind: 'escalated', approvalId: String(requested.data.approvalId) };
  return find('tool.call') ? { kind: 'interrupted' } : { kind: 'none' };
}

/** The gate's decision for a call, from the audit log: effect and the rules behind it. */
function decisionOf(ctx: RunContext, callId: string): { effect?: string; rules?: string[] } {
  const decision = ctx.deps.audit.query({ callId, type: 'decision' }).at(-1);
  if (!decision) return {};
  const effect = String(decision.data.effect);
  return { effect, rules: ruleNames(decision.data.rules, effect) };
}

/** Names of the matched rules that produced `effect` (all matched rules when none did). */
function ruleNames(rules: unknown, effect: string): string[] {
  const matched = Array.isArray(rules) ? (rules as { name: string; effect: string }[]) : [];
  const deciding = matched.filter((r) => r.effect === effect);
  return (deciding.length ? deciding : matched).map((r) => r.name);
}

function summary(result: Record<string, unknown> | undefined): unknown {
  if (!result) return undefined;
  if (typeof result.message === 'string') return result.message;
  const text = JSON.stringify(result);
  return text.length > RESULT_CHARS ? `${text.slice(0, RESULT_CHARS)}…` : result;
}
