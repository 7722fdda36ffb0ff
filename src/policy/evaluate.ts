// Turns compiled rules and one PolicyInput into a Decision: every rule is evaluated, the most
// restrictive matched effect wins (deny > escalate > allow), no match means the default for
// the request's kind, and any evaluation error is a deny (fail closed). Shadow mode reports
// the decided effect but enforces allow, errors included: shadow is for trying a bundle out.

import { isCelError } from '@bufbuild/cel';
import type { ApprovalRequirement, BundleRef, Decision, Effect, MatchedRule, PolicyInput } from '../types.ts';
import { inputBindings, lazyVariables, type Program } from './activation.ts';

export interface CompiledRule {
  name: string;
  description?: string;
  effect: Effect;
  message?: string;
  match: Program;
  messageExpression?: Program;
  /** Escalate rules only: the rule's approval block with defaults filled in. */
  approval?: ApprovalRequirement;
}

export interface CompiledPolicy {
  ref: BundleRef;
  mode: 'enforce' | 'shadow';
  defaults: Record<'read' | 'mutate', Effect>;
  variables: ReadonlyMap<string, Program>;
  rules: readonly CompiledRule[];
}

export const DEFAULT_APPROVAL: Readonly<ApprovalRequirement> = {
  approvers: ['sre-oncall'],
  channels: ['out-of-band'],
  inClientApprovers: [],
  ttlMs: 15 * 60_000,
  executionWindowMs: 15 * 60_000,
};

const RESTRICTIVENESS: Record<Effect, number> = { allow: 0, escalate: 1, deny: 2 };

export function decide(policy: CompiledPolicy, input: PolicyInput): Decision {
  const matched: MatchedRule[] = [];
  const approvals: ApprovalRequirement[] = [];
  const errors: string[] = [];
  try {
    const bindings = inputBindings(input);
    bindings.variables = lazyVariables(policy.variables, bindings);
    for (const rule of policy.rules) {
      const result = rule.match(bindings);
      if (result === false) continue;
      if (result !== true) {
        errors.push(
          `rule ${rule.name}: ${isCelError(result) ? result.message : `match gave ${String(result)}, not a bool`}`,
        );
        continue;
      }
      const message = ruleMessage(rule, bindings);
      matched.push(
        message === undefined
          ? { name: rule.name, effect: rule.effect }
          : { name: rule.name, effect: rule.effect, message },
      );
      if (rule.approval) approvals.push(rule.approval);
    }
  } catch (error) {
    errors.push(`cannot evaluate: ${(error as Error).message}`);
  }

  const defaulted = matched.length === 0 && errors.length === 0;
  const decidedEffect: Effect = errors.length
    ? 'deny'
    : defaulted
      ? policy.defaults[input.request?.kind === 'read' ? 'read' : 'mutate']
      : matched.reduce<Effect>(
          (worst, rule) => (RESTRICTIVENESS[rule.effect] > RESTRICTIVENESS[worst] ? rule.effect : worst),
          'allow',
        );

  const decision: Decision = {
    effect: policy.mode === 'shadow' ? 'allow' : decidedEffect,
    decidedEffect,
    mode: policy.mode,
    matched,
    defaulted,
    bundle: policy.ref,
  };
  if (decidedEffect === 'escalate') decision.approval = mergeApprovals(approvals);
  if (errors.length) decision.error = errors.join('; ');
  return decision;
}

function ruleMessage(rule: CompiledRule, bindings: Parameters<Program>[0]): string | undefined {
  if (rule.messageExpression) {
    const text = rule.messageExpression(bindings);
    if (typeof text === 'string') return text;
  }
  return rule.message;
}

/**
 * Union of approvers and channels, shortest ttl and execution window; the defaults when
 * nothing escalated explicitly. Who may confirm in the client stays per rule: the approvers
 * of the rules that list elicitation.
 */
export function mergeApprovals(explicit: readonly ApprovalRequirement[]): ApprovalRequirement {
  const requirements = explicit.length ? explicit : [DEFAULT_APPROVAL];
  return {
    approvers: [...new Set(requirements.flatMap((r) => r.approvers))],
    channels: [...new Set(requirements.flatMap((r) => r.channels))],
    inClientApprovers: [...new Set(requirements.flatMap((r) => r.inClientApprovers))],
    ttlMs: Math.min(...requirements.map((r) => r.ttlMs)),
    executionWindowMs: Math.min(...requirements.map((r) => r.executionWindowMs)),
  };
}
