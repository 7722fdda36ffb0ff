// What the dispatcher writes and says about a call: its audit records (tool.call,
// decision, outcome) and the messages an agent reads when a call is refused. Kept apart
// from the call path so the path reads as the steps of DESIGN §1.

import type { z } from 'zod';
import type { AuditEvent } from '../audit/log.ts';
import { canonicalJson, sha256Hex } from '../canonical.ts';
import { redact } from '../shape/redact.ts';
import type { TraceContext } from '../trace-context.ts';
import type { Decision, MatchedRule, PolicyInput, Principal, ToolKind } from '../types.ts';

export interface CallFacts {
  callId: string;
  tool: string;
  input: PolicyInput;
  args: Record<string, unknown>;
  redactedArgs: Record<string, unknown>;
  /** Secrets redaction took out of the arguments, masked wherever the call echoes them. */
  echoes: readonly string[];
  targetKey: string;
  /** The workload the call counts against in history (a pod's Deployment); see history.ts. */
  workloadKey: string;
  approvalId: string | undefined;
  /** Where the call comes from (a runbook step), recorded with it. */
  context?: Record<string, unknown>;
  /** The W3C trace context the client sent, recorded with the call. */
  trace?: TraceContext;
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
        ...(f.trace ? { trace: f.trace } : {}),
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
 * A call refused before validation, by the config rather than the policy: its principal's
 * roles allow no tool of its kind (`access`), or the server does not serve the tool
 * (`tools`: toolsets, disabled, read-only mode). The request as sent (redacted) and a deny
 * naming the config key, so the audit log, runbook evidence and history read it like any
 * other denial.
 */
export function refusalRecords(r: {
  callId: string;
  tool: string;
  kind: ToolKind;
  args: unknown;
  principal: Principal;
  message: string;
  refusedBy: 'access' | 'tools';
  /** The config key that refuses it (access.tools, tools.disable, ...). */
  rule: string;
  context?: Record<string, unknown>;
  trace?: TraceContext;
}): AuditEvent[] {
  const common = { callId: r.callId, principal: r.principal.id, tool: r.tool };
  const rule: MatchedRule = { name: r.rule, effect: 'deny', message: r.message };
  const args = recordable(r.args ?? {}, MAX_RECORDED_DEPTH);
  return [
    {
      ...common,
      type: 'tool.call',
      data: {
        kind: r.kind,
        args: redact(args).value,
        argsDigest: sha256Hex(canonicalJson(args)),
        principal: r.principal,
        ...(r.context ? { context: r.context } : {}),
        ...(r.trace ? { trace: r.trace } : {}),
      },
    },
    {
      ...common,
      type: 'decision',
      effect: 'deny',
      data: { effect: 'deny', decidedEffect: 'deny', rules: [rule], refusedBy: r.refusedBy },
    },
  ];
}

/** Levels of the unvalidated arguments of a refusal that are recorded. */
const MAX_RECORDED_DEPTH = 32;

/**
 * Arguments refused before validation are whatever the caller sent: nested thousands deep,
 * redacting and hashing them would overflow the stack and the refusal would go unrecorded.
 * Deeper levels are recorded as a marker (the digest is then of what was recorded).
 */
function recordable(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth === 0) return `[nested deeper than ${MAX_RECORDED_DEPTH} levels: not recorded]`;
  if (Array.isArray(value)) return value.map((item) => recordable(item, depth - 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, recordable(item, depth - 1)]));
}

/**
 * An outcome record. Only real mutations carry the target and workload keys, and the share
 * of the workload they take, so only they count toward policy history (history.ts).
 */
export function outcomeRecord(
  f: CallFacts,
  type: 'snapshot' | 'action.executed' | 'action.failed',
  mutation: boolean,
  data: Record<string, unknown>,
): AuditEvent {
  const fraction = f.input.impact.fractionOfService;
  return {
    type,
    callId: f.callId,
    principal: f.input.principal.id,
    tool: f.tool,
    ...(mutation ? { targetKey: f.targetKey, workloadKey: f.workloadKey } : {}),
    data: {
      kind: f.input.request.kind,
      dryRun: f.input.request.dryRun,
      ...(mutation && fraction !== undefined ? { fractionOfService: fraction } : {}),
      ...data,
    },
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
