// The one path every tool call takes (DESIGN §1): validate, resolve target, build the
// policy input, decide, then deny / escalate / execute, shape the output and audit each
// step under one callId. Nothing reaches a backend any other way. Fail closed throughout:
// a denied, escalated or mutating call is on record before anything else happens (a
// failed append aborts it); a read's records are written in one transaction before its
// result is returned (a failed append withholds the result); an evaluation error is a deny.
// Each call and its steps are reported to `telemetry` (spans), a no-op unless configured.

import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ApprovalStore } from '../approvals/store.ts';
import type { AuditEvent, AuditLog } from '../audit/log.ts';
import type { Backends } from '../backends/types.ts';
import { canonicalJson, sha256Hex } from '../canonical.ts';
import type { Config } from '../config/schema.ts';
import { parseDuration } from '../duration.ts';
import type { Registry } from '../registry.ts';
import { shapeOutput } from '../shape/index.ts';
import { maskEchoes, redact, removedSecrets } from '../shape/redact.ts';
import { type CallSpan, NO_TELEMETRY, type Telemetry } from '../telemetry/index.ts';
import type { AnyTool, Clock, Progress, ResolveContext } from '../tool.ts';
import { type TraceContext, traceIdOf } from '../trace-context.ts';
import type { BundleRef, Decision, Impact, PolicyInput, Principal, Target } from '../types.ts';
import { worldTime } from '../world-time.ts';
import { ACCESS_RULE, toolAccessDenial } from './access.ts';
import { type DeferredElicit, type Elicit, escalate } from './escalation.ts';
import { historyFor, targetKey, workloadKey } from './history.ts';
import { buildPolicyInput, inChangeFreeze, resolveEnvironment } from './policy-input.ts';
import {
  type CallFacts,
  callRecords,
  denyMessage,
  formatZodIssues,
  outcomeRecord,
  refusalRecords,
} from './records.ts';
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
  /** The gate's time: audit records, approvals, history windows, change freezes. */
  clock: Clock;
  /** The observed world's time, which tools see (a scenario's clock in the sandbox); `clock` when absent. */
  worldClock?: Clock;
  /** World ms per gate ms (a live sandbox at --speed n: n); default 1. */
  timeScale?: number;
  /** The backends as seen by one principal (Kubernetes impersonation); `backends` when absent. */
  backendsFor?: (principal: Principal) => Backends;
  /** Where each call and its steps are reported as spans; nothing when absent. */
  telemetry?: Telemetry;
}

export interface CallRequest {
  tool: string;
  args: unknown;
  principal: Principal;
  signal?: AbortSignal;
  progress?: (p: Progress) => Promise<void>;
  /** Present only when the client declared form elicitation: asked within the call, or across a retry (deferred). */
  elicit?: Elicit | DeferredElicit;
  /** Present only where the transport can close and resume the response stream. */
  releaseStream?: () => void;
  /**
   * The call's id, chosen by a caller that must know it before the call runs (a runbook
   * step, so a resumed run can tell from the audit log whether the action already ran).
   */
  callId?: string;
  /** Where the call comes from (e.g. a runbook step), recorded with the call in the audit log. */
  context?: Record<string, unknown>;
  /** The W3C trace context of the request (traceparent, tracestate), in the call's logs and audit record. */
  trace?: TraceContext;
}

/** What the gate would decide for a call, without running or recording anything. */
export interface CallPreview {
  tool: string;
  kind: 'read' | 'mutate';
  effect: Decision['effect'];
  rules: string[];
  /** Why evaluation failed (the effect is then deny). */
  error?: string;
  target: Target;
  impact: Impact;
  approval?: Decision['approval'];
}

export interface Dispatcher {
  call(req: CallRequest): Promise<CallOutcome>;
  /** Validates the arguments and evaluates the policy; throws naming what is wrong. */
  preview(req: Pick<CallRequest, 'tool' | 'args' | 'principal'>): Promise<CallPreview>;
}

interface Execution {
  facts: CallFacts;
  resolveCtx: ResolveContext;
  logger: Logger;
  span: CallSpan;
  effect: Decision['effect'];
  /** Records not yet written (a plain read writes them with its outcome). */
  pending: AuditEvent[];
  approvedBy?: string;
  dryRunPolicy?: Record<string, unknown>;
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { registry, audit, config, clock } = deps;
  const worldClock = deps.worldClock ?? clock;
  const answerTime = worldTime({ clock, worldClock, timeScale: deps.timeScale ?? 1 });
  const telemetry = deps.telemetry ?? NO_TELEMETRY;
  const toolTimeoutMs = parseDuration(config.limits.toolTimeout);
  const elicitTimeoutMs = parseDuration(config.approvals.elicitationTimeout);

  /** Appends in one transaction; returns why it failed (logged), or undefined. */
  function record(events: AuditEvent[], logger: Logger, span: CallSpan): string | undefined {
    try {
      span.step('audit', () => audit.appendAll(events));
      return undefined;
    } catch (err) {
      logger.error({ err }, 'audit append failed');
      return (err as Error).message;
    }
  }

  /** Records a refusal by the config (access, tools); returns the message with any audit failure. */
  function recordRefusal(
    tool: AnyTool,
    req: CallRequest,
    callId: string,
    refusal: { message: string; rule: string; refusedBy: 'access' | 'tools' },
    logger: Logger,
    span: CallSpan,
  ): string {
    logger.warn({ outcome: 'denied', rule: refusal.rule }, refusal.message);
    const { args, principal, context, trace } = req;
    const records = refusalRecords({
      callId,
      tool: tool.name,
      kind: tool.kind,
      args,
      principal,
      ...refusal,
      ...(context ? { context } : {}),
      ...(trace ? { trace } : {}),
    });
    const failed = record(records, logger, span);
    return failed ? `${refusal.message}; the refusal could not be audited (${failed})` : refusal.message;
  }

  /**
   * A call to a tool this server does not serve is refused as unknown, whatever it carries
   * (an approvalId included); one the catalog has but the config withholds is on record.
   */
  function unknownTool(req: CallRequest, span: CallSpan): ProtocolError {
    const withheld = registry.withheld(req.tool);
    if (!withheld) return new ProtocolError(`unknown tool: ${req.tool}`);
    const callId = req.callId ?? randomUUID();
    span.identify({ tool: withheld.tool.name, kind: withheld.tool.kind, callId });
    const logger = deps.logger.child(callBindings(callId, req.tool, req));
    const message = `unknown tool: ${req.tool} (this server does not serve it: ${withheld.by})`;
    const refusal = { message, rule: withheld.by, refusedBy: 'tools' as const };
    return new ProtocolError(recordRefusal(withheld.tool, req, callId, refusal, logger, span));
  }

  function call(req: CallRequest): Promise<CallOutcome> {
    return telemetry.call(req, (span) => gate(req, span));
  }

  async function gate(req: CallRequest, span: CallSpan): Promise<CallOutcome> {
    const tool = registry.get(req.tool);
    if (!tool) throw unknownTool(req, span);
    const callId = req.callId ?? randomUUID();
    span.identify({ tool: tool.name, kind: tool.kind, callId });
    const logger = deps.logger.child(callBindings(callId, tool.name, req));

    // 0. may this principal use this kind of tool at all (config access)? Refused and on
    // record before anything is resolved.
    const noAccess = toolAccessDenial(req.principal, tool.kind, config.access);
    if (noAccess) {
      const refusal = { message: noAccess, rule: ACCESS_RULE, refusedBy: 'access' as const };
      return failure(callId, recordRefusal(tool, req, callId, refusal, logger, span), 'denied', 'deny');
    }

    // 1. validate
    const { approvalId, rawArgs } = splitApprovalId(req.args);
    const parsed = span.step('validate', () => tool.input.safeParse(rawArgs));
    if (!parsed.success) {
      logger.info({ outcome: 'invalid' }, 'invalid arguments');
      return failure(
        callId,
        `Invalid arguments for ${tool.name}: ${formatZodIssues(parsed.error)}`,
        'invalid',
      );
    }
    const args = parsed.data as Record<string, unknown>;
    const redactedArgs = redact(args).value;
    // A backend may echo an argument back bare (in an error): what redaction took out of
    // the arguments is masked wherever it shows up again in this call's output or logs.
    const echoes = removedSecrets(args, redactedArgs);

    // 2–3. resolve the target and build the policy input
    const resolveCtx: ResolveContext = {
      backends: deps.backendsFor?.(req.principal) ?? deps.backends,
      clock: worldClock,
      logger: deps.logger,
    };
    let input: PolicyInput;
    try {
      input = await span.step('resolve', () => policyInputFor(tool, args, req.principal, resolveCtx));
    } catch (err) {
      logger.warn({ err: maskEchoes(err, echoes) }, 'target resolution failed');
      return failure(
        callId,
        maskEchoes(`${tool.name}: could not resolve the target: ${(err as Error).message}`, echoes),
        'error',
      );
    }

    // 4. decide
    const bundle = deps.policy.current();
    const decision = span.step('policy', () => bundle.evaluate(input));
    span.decided(decision);
    logger.info({ effect: decision.effect, rules: decision.matched.map((m) => m.name) }, 'policy decision');
    const facts: CallFacts = {
      callId,
      tool: tool.name,
      input,
      args,
      redactedArgs,
      echoes,
      targetKey: targetKey(input.target),
      workloadKey: workloadKey(input.target),
      approvalId,
      ...(req.context ? { context: req.context } : {}),
      ...(req.trace ? { trace: req.trace } : {}),
    };
    const mutation = tool.kind === 'mutate' && !input.request.dryRun;
    let pending = callRecords(facts, decision);
    if (decision.effect !== 'allow' || mutation) {
      const failed = record(pending, logger, span);
      if (failed)
        return failure(
          callId,
          `${tool.name} refused: the audit log could not be written (${failed})`,
          'error',
        );
      pending = [];
    }

    // 5. deny / escalate / allow
    if (decision.effect === 'deny')
      return failure(callId, denyMessage(tool.name, decision), 'denied', 'deny');
    let approvedBy: string | undefined;
    if (decision.effect === 'escalate') {
      const escalation = await span.step('approval', () =>
        escalate({
          approvals: deps.approvals,
          tool,
          callId,
          actionHash: sha256Hex(canonicalJson({ tool: tool.name, args, target: input.target })),
          approvalId,
          decision,
          input,
          redactedArgs: facts.redactedArgs,
          elicit: req.elicit,
          signal: req.signal,
          elicitTimeoutMs,
          worldTime: answerTime,
          ...(deps.backends.decideElsewhere ? { decideElsewhere: deps.backends.decideElsewhere } : {}),
        }),
      );
      if ('outcome' in escalation) return escalation.outcome;
      approvedBy = escalation.approvedBy;
    }
    return execute(tool, req, {
      facts,
      resolveCtx,
      logger,
      span,
      effect: decision.effect,
      pending,
      ...(approvedBy ? { approvedBy } : {}),
      ...(input.request.dryRun ? { dryRunPolicy: wouldDecide(bundle, input) } : {}),
    });
  }

  async function policyInputFor(
    tool: AnyTool,
    args: Record<string, unknown>,
    principal: Principal,
    resolveCtx: ResolveContext,
  ) {
    const target = resolveEnvironment(
      await tool.target(args, resolveCtx),
      config.environments,
      resolveCtx.backends.kubernetes?.clusters()[0],
    );
    const impact: Impact = tool.kind === 'mutate' && tool.impact ? await tool.impact(args, resolveCtx) : {};
    const targetContext = tool.context ? await tool.context(args, resolveCtx) : {};
    const now = clock.now();
    return buildPolicyInput({
      tool: tool.name,
      kind: tool.kind,
      args,
      target,
      impact,
      principal,
      history: historyFor(audit, tool.name, target, principal, now),
      now,
      changeFreeze: inChangeFreeze(config, now),
      ...(targetContext.rolloutInProgress !== undefined
        ? { rolloutInProgress: targetContext.rolloutInProgress }
        : {}),
    });
  }

  async function execute(tool: AnyTool, req: CallRequest, x: Execution): Promise<CallOutcome> {
    const { facts, logger, resolveCtx, span } = x;
    const mutation = tool.kind === 'mutate' && !facts.input.request.dryRun;
    const approved = x.approvedBy ? { approvedBy: x.approvedBy } : {};

    if (mutation && tool.snapshot) {
      let failed: string | undefined;
      try {
        const snapshot = tool.snapshot;
        const before = redact(await span.step('snapshot', () => snapshot(facts.args, resolveCtx))).value;
        failed = record([outcomeRecord(facts, 'snapshot', mutation, { before })], logger, span);
      } catch (err) {
        failed = (err as Error).message;
      }
      if (failed) {
        logger.error({ err: failed }, 'pre-action snapshot failed; mutation aborted');
        return failure(
          facts.callId,
          `${tool.name} aborted before any change: pre-action snapshot failed: ${failed}`,
          'error',
          x.effect,
        );
      }
    }

    // 5. the handler, with the caller's cancellation and a timeout. Shaping yields and
    // stops on the signal (src/shape/pace.ts); a read that ignores it is given up at the
    // deadline all the same, while a mutation is awaited so the audit says what happened.
    const timeout = AbortSignal.timeout(toolTimeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const started = performance.now();
    let output: Record<string, unknown>;
    try {
      const raw = await span.step('handler', () => {
        const running = tool.handler(
          {
            backends: resolveCtx.backends,
            signal,
            logger,
            clock: worldClock,
            callId: facts.callId,
            principal: req.principal,
            progress: req.progress ?? (async () => {}),
            releaseStream: req.releaseStream ?? (() => {}),
          },
          facts.args,
        );
        return mutation ? running : untilAborted(running, signal);
      });
      output = maskEchoes(tool.output.parse(raw) as Record<string, unknown>, facts.echoes);
    } catch (err) {
      const reason = timeout.aborted
        ? `timed out after ${config.limits.toolTimeout} (limits.toolTimeout)`
        : signal.aborted
          ? 'cancelled before it finished (the client went away or the server is stopping)'
          : (err as Error).message;
      const message = maskEchoes(reason, facts.echoes);
      logger.warn(
        { err: maskEchoes(err, facts.echoes), durationMs: performance.now() - started },
        'tool failed',
      );
      record(
        [...x.pending, outcomeRecord(facts, 'action.failed', mutation, { error: message, ...approved })],
        logger,
        span,
      );
      return failure(facts.callId, `${tool.name} failed: ${message}`, 'error', x.effect);
    }

    // 6. shape, 7. audit
    const shaped = span.step('shape', () =>
      shapeOutput(x.dryRunPolicy ? { ...output, policy: x.dryRunPolicy } : output, {
        maxBytes: config.output.maxBytes,
        ...(tool.untrusted ? { untrusted: tool.untrusted } : {}),
      }),
    );
    const executed = outcomeRecord(facts, 'action.executed', mutation, {
      durationMs: Math.round(performance.now() - started),
      bytes: shaped.bytes,
      redactions: shaped.redactions,
      ...(shaped.value.truncated ? { truncated: true } : {}),
      ...(tool.auditResult ? { result: shaped.value } : {}),
      ...approved,
    });
    const failed = record([...x.pending, executed], logger, span);
    if (failed) {
      // Never return a result the audit log does not hold; for a mutation, say it ran.
      const what = mutation
        ? 'ran, but its audit record could not be written'
        : 'result withheld: the audit log could not be written';
      return failure(facts.callId, `${tool.name} ${what}: ${failed}`, 'error', x.effect);
    }
    return success(facts.callId, shaped.value, 'ok', x.effect);
  }

  async function preview(req: Pick<CallRequest, 'tool' | 'args' | 'principal'>): Promise<CallPreview> {
    const tool = registry.get(req.tool);
    if (!tool) throw new ProtocolError(`unknown tool: ${req.tool}`);
    const parsed = tool.input.safeParse(splitApprovalId(req.args).rawArgs);
    if (!parsed.success) {
      throw new ProtocolError(`Invalid arguments for ${tool.name}: ${formatZodIssues(parsed.error)}`);
    }
    const resolveCtx: ResolveContext = {
      backends: deps.backendsFor?.(req.principal) ?? deps.backends,
      clock: worldClock,
      logger: deps.logger,
    };
    const input = await policyInputFor(
      tool,
      parsed.data as Record<string, unknown>,
      req.principal,
      resolveCtx,
    );
    if (toolAccessDenial(req.principal, tool.kind, config.access)) {
      const { target, impact } = input;
      return { tool: tool.name, kind: tool.kind, effect: 'deny', rules: [ACCESS_RULE], target, impact };
    }
    const decision = deps.policy.current().evaluate(input);
    return {
      tool: tool.name,
      kind: tool.kind,
      effect: decision.effect,
      rules: decision.matched.map((m) => m.name),
      ...(decision.error ? { error: decision.error } : {}),
      target: input.target,
      impact: input.impact,
      ...(decision.approval ? { approval: decision.approval } : {}),
    };
  }

  return { call, preview };
}

/** What the policy would decide for the real action, shown in dry-run results. */
/** What every log line of a call carries: its id, tool and caller, and the trace it belongs to. */
function callBindings(callId: string, tool: string, req: CallRequest): Record<string, string> {
  return {
    callId,
    tool,
    principal: req.principal.id,
    ...(req.trace ? { traceId: traceIdOf(req.trace), traceparent: req.trace.traceparent } : {}),
  };
}

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

/** The work's outcome, or the signal's reason as soon as it aborts (the work is then left to end unobserved). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => {});
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function splitApprovalId(args: unknown): { approvalId?: string; rawArgs: unknown } {
  if (!args || typeof args !== 'object' || Array.isArray(args) || !('approvalId' in args)) {
    return { rawArgs: args ?? {} };
  }
  const { approvalId, ...rest } = args as Record<string, unknown>;
  return typeof approvalId === 'string' ? { approvalId, rawArgs: rest } : { rawArgs: args };
}
