// What a runbook would do with these parameters, before anything runs: each step with its
// rendered arguments, and for every action what the gate would decide right now (effect,
// rules, impact, who must approve and how). Bad arguments for a tool are named per step,
// so an agent (or a human) can fix the parameters first. Nothing is called or recorded.

import type { CallPreview, Dispatcher } from '../dispatch/dispatcher.ts';
import type { Principal } from '../types.ts';
import { resolveStep } from './load.ts';
import { resolveParams } from './params.ts';
import { type ExecutionTarget, executionTarget } from './target.ts';
import type { ParamValue, Runbook, RunbookStep } from './types.ts';

export interface PlannedStep {
  id: string;
  title: string;
  kind: RunbookStep['kind'];
  /** Where each result leads. */
  transitions: Record<string, string>;
  action?: {
    tool: string;
    args: Record<string, unknown>;
    effect?: CallPreview['effect'];
    rules?: string[];
    impact?: CallPreview['impact'];
    approval?: { approvers: string[]; channels: string[]; ttlMs: number };
  };
  check?: { condition: Record<string, unknown>; forMs: number; intervalMs: number; timeoutMs: number };
  approval?: { message: string; approvers: string[]; ttlMs: number };
  wait?: { durationMs: number };
  /** Why this step cannot run as planned (bad arguments for the tool, a policy error). */
  error?: string;
}

export interface RunbookPlan {
  runbook: { name: string; version: string; digest: string; title: string };
  params: Record<string, ParamValue>;
  target: ExecutionTarget;
  steps: PlannedStep[];
  /** Steps that will wait for a human: escalated actions and approval steps. */
  needsApproval: string[];
  /** Steps the policy denies now: the run would end `escalate` there. */
  denied: string[];
  errors: { step: string; message: string }[];
}

const PLAN_EXECUTION_ID = 'planned';

export async function planRunbook(
  runbook: Runbook,
  given: Record<string, unknown>,
  principal: Principal,
  preview: Dispatcher['preview'],
): Promise<RunbookPlan> {
  const params = resolveParams(runbook, given);
  const scope = {
    params,
    runbook: { name: runbook.name, version: runbook.version },
    execution: { id: PLAN_EXECUTION_ID },
  };
  const steps = runbook.steps.map((s) => resolveStep(s, scope));
  const firstAction = steps.find((s) => s.kind === 'action');
  const planned = await Promise.all(steps.map((s) => planStep(s, principal, preview)));
  return {
    runbook: { name: runbook.name, version: runbook.version, digest: runbook.digest, title: runbook.title },
    params,
    target: executionTarget(runbook, params, firstAction?.kind === 'action' ? firstAction.args : undefined),
    steps: planned,
    needsApproval: planned
      .filter((s) => s.kind === 'approval' || s.action?.effect === 'escalate')
      .map((s) => s.id),
    denied: planned.filter((s) => s.action?.effect === 'deny').map((s) => s.id),
    errors: planned.flatMap((s) => (s.error ? [{ step: s.id, message: s.error }] : [])),
  };
}

async function planStep(
  step: RunbookStep,
  principal: Principal,
  preview: Dispatcher['preview'],
): Promise<PlannedStep> {
  const base = { id: step.id, title: step.title, kind: step.kind };
  switch (step.kind) {
    case 'action': {
      const transitions = { executed: step.next, failed: step.onFailure, denied: 'escalate' };
      try {
        const p = await preview({ tool: step.tool, args: step.args, principal });
        return {
          ...base,
          transitions,
          action: {
            tool: step.tool,
            args: step.args,
            effect: p.effect,
            rules: p.rules,
            impact: p.impact,
            ...(p.approval ? { approval: p.approval } : {}),
          },
          ...(p.error ? { error: `policy could not be evaluated: ${p.error}` } : {}),
        };
      } catch (err) {
        return {
          ...base,
          transitions,
          action: { tool: step.tool, args: step.args },
          error: `step ${step.id}: ${(err as Error).message}`,
        };
      }
    }
    case 'check':
      return {
        ...base,
        transitions: { passed: step.onSuccess, timed_out: step.onFailure },
        check: {
          condition: step.condition,
          forMs: step.forMs,
          intervalMs: step.intervalMs,
          timeoutMs: step.timeoutMs,
        },
      };
    case 'approval':
      return {
        ...base,
        transitions: { approved: step.next, rejected: step.onReject },
        approval: { message: step.message, approvers: step.approvers, ttlMs: step.ttlMs },
      };
    case 'wait':
      return { ...base, transitions: { waited: step.next }, wait: { durationMs: step.durationMs } };
  }
}
