// The one path every tool call takes (DESIGN §1): validate, resolve target, build the
// policy input, decide, then deny / escalate / execute, shape the output and audit each
// step under one callId. Nothing reaches a backend any other way. Fail closed throughout:
// an audit append that fails before execution aborts the call; an evaluation error is a deny.

import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { ApprovalStore } from '../approvals/store.ts';
import type { AuditLog } from '../audit/log.ts';
import type { Backends } from '../backends/types.ts';
import { canonicalJson, sha256Hex } from '../canonical.ts';
import type { Config } from '../config/schema.ts';
import { parseDuration } from '../duration.ts';
import type { Registry } from '../registry.ts';
import { shapeOutput } from '../shape/index.ts';
import { redact } from '../shape/redact.ts';
import type { AnyTool, Clock, Progress, ResolveContext } from '../tool.ts';
import type { BundleRef, Decision, Impact, PolicyInput, Principal } from '../types.ts';
import { type Elicit, escalate } from './escalation.ts';
import {
  buildPolicyInput,
  historyFor,
  inChangeFreeze,
  resolveEnvironment,
  targetKey,
} from './policy-input.ts';
import { type CallOutcome, failure, ProtocolError, success } from './result.ts';

export interface PolicySource {
  current(): { ref: BundleRef; evaluate(input: PolicyInput): Decision };
}

export interface DispatcherDeps {
  registry: Registry;
  policy: PolicySource;
  audit: AuditLog;
  approvals: ApprovalStore;
  backends: Backends;
  config: Config;
  logger: Logger;
  clock: Clock;
}

export interface CallRequest {
  tool: string;
  args: unknown;
  principal: Principal;
  signal?: AbortSignal;
  progress?: (p: Progress) => Promise<void>;
  /** Present only when the client declared form elicitation. */
  elicit?: Elicit;
  /** Present only where the transport can close and resume the response stream. */
  releaseStream?: () => void;
}

export interface Dispatcher {
  call(req: CallRequest): Promise<CallOutcome>;
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { registry, audit, config, clock } = deps;
  const toolTimeoutMs = parseDuration(config.limits.toolTimeout);
  const resolveCtx: ResolveContext = { backends: deps.backends, clock, logger: deps.logger };

  async function call(req: CallRequest): Promise<CallOutcome> {
    const tool = registry.get(req.tool);
    if (!tool) throw new ProtocolError(`unknown tool: ${req.tool}`);
    const callId = randomUUID();
    const logger = deps.logger.child({ callId, tool: tool.name, principal: req.principal.id });

    const { approvalId, rawArgs } = splitApprovalId(req.args);
    const parsed = tool.input.safeParse(rawArgs);
    if (!parsed.success) {
      logger.info({ outcome: 'invalid' }, 'invalid arguments');
      return failure(
        callId,
        `Invalid arguments for ${tool.name}: ${formatZodIssues(parsed.error)}`,
        'invalid',
      );
    }
    const args = parsed.data as Record<string, unknown>;

    let policyInput: PolicyInput;
    try {
      const target = resolveEnvironment(await tool.target(args, resolveCtx), config);
      const impact: Impact = tool.kind === 'mutate' && tool.impact ? await tool.impact(args, resolveCtx) : {};
      const now = clock.now();
      policyInput = buildPolicyInput({
        tool: tool.name,
        kind: tool.kind,
        args,
        target,
        impact,
        principal: req.principal,
        history: historyFor(audit, tool.name, target, req.principal, now),
        now,
        changeFreeze: inChangeFreeze(config, now),
      });
    } catch (err) {
      logger.warn({ err }, 'target resolution failed');
      return failure(
        callId,
        `${tool.name}: could not resolve the target: ${(err as Error).message}`,
        'error',
      );
    }

    const bundle = deps.policy.current();
    const decision = bundle.evaluate(policyInput);
    const redactedArgs = redact(args).value;
    const key = targetKey(policyInput.target);
    try {
      audit.append({
        type: 'tool.call',
        callId,
        principal: req.principal.id,
        tool: tool.name,
        targetKey: key,
        data: {
          kind: tool.kind,
          args: redactedArgs,
          argsDigest: sha256Hex(canonicalJson(args)),
          target: policyInput.target,
          impact: policyInput.impact,
          principal: req.principal,
          ...(approvalId ? { approvalId } : {}),
        },
      });
      audit.append({
        type: 'decision',
        callId,
        principal: req.principal.id,
        tool: tool.name,
        targetKey: key,
        effect: decision.effect,
        data: decisionRecord(decision),
      });
    } catch (err) {
      logger.error({ err }, 'audit append failed; call refused');
      return failure(
        callId,
        `${tool.name} refused: the audit log could not be written (${(err as Error).message})`,
        'error',
      );
    }
    logger.info({ effect: decision.effect, rules: decision.matched.map((m) => m.name) }, 'policy decision');

    if (decision.effect === 'deny')
      return failure(callId, denyMessage(tool.name, decision), 'denied', 'deny');

    let approvedBy: string | undefined;
    if (decision.effect === 'escalate') {
      const actionHash = sha256Hex(canonicalJson({ tool: tool.name, args, target: policyInput.target }));
      const gate = await escalate({
        approvals: deps.approvals,
        tool,
        callId,
        actionHash,
        approvalId,
        decision,
        input: policyInput,
        redactedArgs,
        elicit: req.elicit,
        signal: req.signal,
        elicitTimeoutMs: parseDuration(config.approvals.elicitationTimeout),
      });
      if ('outcome' in gate) return gate.outcome;
      approvedBy = gate.approvedBy;
    }

    const dryRunPolicy = policyInput.request.dryRun ? wouldDecide(bundle, policyInput) : undefined;
    return execute(tool, args, req, {
      callId,
      key,
      logger,
      approvedBy,
      dryRunPolicy,
      effect: decision.effect,
    });
  }

  async function execute(
    tool: AnyTool,
    args: Record<string, unknown>,
    req: CallRequest,
    c: {
      callId: string;
      key: string;
      logger: Logger;
      approvedBy: string | undefined;
      dryRunPolicy: Record<string, unknown> | undefined;
      effect: Decision['effect'];
    },
  ): Promise<CallOutcome> {
    const mutation = tool.kind === 'mutate' && args.dryRun !== true;
    const audited = (type: 'snapshot' | 'action.executed' | 'action.failed', data: Record<string, unknown>) =>
      audit.append({
        type,
        callId: c.callId,
        principal: req.principal.id,
        tool: tool.name,
        // Only real mutations count toward policy history (restart-loop guard and friends).
        ...(mutation ? { targetKey: c.key } : {}),
        data: { kind: tool.kind, dryRun: args.dryRun === true, ...data },
      });
    try {
      if (mutation && tool.snapshot)
        audited('snapshot', { before: redact(await tool.snapshot(args, resolveCtx)).value });
    } catch (err) {
      c.logger.error({ err }, 'pre-action snapshot failed; mutation aborted');
      return failure(
        c.callId,
        `${tool.name} aborted before any change: pre-action snapshot failed: ${(err as Error).message}`,
        'error',
        c.effect,
      );
    }

    const timeout = AbortSignal.timeout(toolTimeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const started = performance.now();
    let output: Record<string, unknown>;
    try {
      const raw = await tool.handler(
        {
          backends: deps.backends,
          signal,
          logger: c.logger,
          clock,
          callId: c.callId,
          principal: req.principal,
          progress: req.progress ?? (async () => {}),
          releaseStream: req.releaseStream ?? (() => {}),
        },
        args,
      );
      output = tool.output.parse(raw) as Record<string, unknown>;
    } catch (err) {
      const message = timeout.aborted
        ? `timed out after ${config.limits.toolTimeout}`
        : (err as Error).message;
      c.logger.warn({ err, durationMs: performance.now() - started }, 'tool failed');
      try {
        audited('action.failed', { error: message, ...(c.approvedBy ? { approvedBy: c.approvedBy } : {}) });
      } catch (auditErr) {
        c.logger.error({ err: auditErr }, 'audit append failed after a failed action');
      }
      return failure(c.callId, `${tool.name} failed: ${message}`, 'error', c.effect);
    }

    const shaped = shapeOutput(c.dryRunPolicy ? { ...output, policy: c.dryRunPolicy } : output, {
      maxBytes: config.output.maxBytes,
    });
    try {
      audited('action.executed', {
        durationMs: Math.round(performance.now() - started),
        bytes: shaped.bytes,
        redactions: shaped.redactions,
        ...(shaped.value.truncated ? { truncated: true } : {}),
        ...(c.approvedBy ? { approvedBy: c.approvedBy } : {}),
      });
    } catch (err) {
      // The action already happened; the record of it could not be kept. Say so loudly
      // rather than return a result the audit log does not hold.
      c.logger.error({ err }, 'audit append failed after the action ran');
      return failure(
        c.callId,
        `${tool.name} ran, but its audit record could not be written: ${(err as Error).message}`,
        'error',
        c.effect,
      );
    }
    return success(c.callId, shaped.value, 'ok', c.effect);
  }

  return { call };
}

/** What the policy would decide for the real action, shown in dry-run results. */
function wouldDecide(
  bundle: ReturnType<PolicySource['current']>,
  input: PolicyInput,
): Record<string, unknown> {
  const real = bundle.evaluate({ ...input, request: { ...input.request, dryRun: false } });
  return {
    effect: real.decidedEffect,
    rules: real.matched.map((m) => m.name),
    bundle: `${real.bundle.name}@${real.bundle.version}`,
  };
}

function splitApprovalId(args: unknown): { approvalId?: string; rawArgs: unknown } {
  if (!args || typeof args !== 'object' || Array.isArray(args) || !('approvalId' in args))
    return { rawArgs: args ?? {} };
  const { approvalId, ...rest } = args as Record<string, unknown>;
  return typeof approvalId === 'string' ? { approvalId, rawArgs: rest } : { rawArgs: args };
}

export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      if (issue.code === 'unrecognized_keys')
        return `unknown argument(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      return `${path || '(arguments)'}: ${issue.message}`;
    })
    .join('; ');
}

function decisionRecord(d: Decision): Record<string, unknown> {
  return {
    effect: d.effect,
    decidedEffect: d.decidedEffect,
    mode: d.mode,
    rules: d.matched,
    defaulted: d.defaulted,
    bundle: d.bundle,
    ...(d.error ? { error: d.error } : {}),
  };
}

function denyMessage(tool: string, d: Decision): string {
  const bundle = `${d.bundle.name}@${d.bundle.version}`;
  if (d.error)
    return `${tool} denied: policy ${bundle} could not be evaluated (${d.error}); denying (fail closed)`;
  const denying = d.matched.filter((m) => m.effect === 'deny');
  if (!denying.length) return `${tool} denied by policy ${bundle}: the default for this kind of call is deny`;
  return denying
    .map((m) => `${tool} denied by policy ${bundle} rule "${m.name}": ${m.message ?? 'no message'}`)
    .join('\n');
}
