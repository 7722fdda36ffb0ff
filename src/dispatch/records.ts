// What the dispatcher writes and says about a call: its audit records (tool.call,
// decision, outcome) and the messages an agent reads when a call is refused. Kept apart
// from the call path so the path reads as the steps of DESIGN §1.

import type { z } from 'zod';
import type { AuditEvent } from '../audit/log.ts';
import { canonicalJson, sha256Hex } from '../canonical.ts';
import type { Decision, PolicyInput } from '../types.ts';

export interface CallFacts {
  callId: string;
  tool: string;
  input: PolicyInput;
  args: Record<string, unknown>;
  redactedArgs: Record<string, unknown>;
  targetKey: string;
  approvalId: string | undefined;
  /** Where the call comes from (a runbook step), recorded with it. */
  context?: Record<string, unknown>;
}

/** The request (redacted args + digest of the real ones) and the policy's decision. */
export function callRecords(f: CallFacts, decision: Decision): AuditEvent[] {
  const common = { callId: f.callId, principal: f.input.principal.id, tool: f.tool, targetKey: f.targetKey };
  return [
    {
      ...common,
      type: 'tool.call',
      data: {
        kind: f.input.request.kind,
        args: f.redactedArgs,
        argsDigest: sha256Hex(canonicalJson(f.args)),
        target: f.input.target,
        impact: f.input.impact,
        principal: f.input.principal,
        ...(f.approvalId ? { approvalId: f.approvalId } : {}),
        ...(f.context ? { context: f.context } : {}),
      },
    },
    {
      ...common,
      type: 'decision',
      effect: decision.effect,
      data: {
        effect: decision.effect,
        decidedEffect: decision.decidedEffect,
        mode: decision.mode,
        rules: decision.matched,
        defaulted: decision.defaulted,
        bundle: decision.bundle,
        ...(decision.error ? { error: decision.error } : {}),
      },
    },
  ];
}

/**
 * An outcome record. Only real mutations carry the target key, so only they count toward
 * policy history (the restart-loop guard and friends).
 */
export function outcomeRecord(
  f: CallFacts,
  type: 'snapshot' | 'action.executed' | 'action.failed',
  mutation: boolean,
  data: Record<string, unknown>,
): AuditEvent {
  return {
    type,
    callId: f.callId,
    principal: f.input.principal.id,
    tool: f.tool,
    ...(mutation ? { targetKey: f.targetKey } : {}),
    data: { kind: f.input.request.kind, dryRun: f.input.request.dryRun, ...data },
  };
}

export function denyMessage(tool: string, d: Decision): string {
  const bundle = `${d.bundle.name}@${d.bundle.version}`;
  if (d.error)
    return `${tool} denied: policy ${bundle} could not be evaluated (${d.error}); denying (fail closed)`;
  const denying = d.matched.filter((m) => m.effect === 'deny');
  if (!denying.length) return `${tool} denied by policy ${bundle}: the default for this kind of call is deny`;
  return denying
    .map((m) => `${tool} denied by policy ${bundle} rule "${m.name}": ${m.message ?? 'no message'}`)
    .join('\n');
}

export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return `unknown argument(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      }
      return `${issue.path.join('.') || '(arguments)'}: ${issue.message}`;
    })
    .join('; ');
}
