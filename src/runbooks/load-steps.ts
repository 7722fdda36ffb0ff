// Runbook steps from their (already validated) YAML, with every default applied, and the same
// steps made concrete for one execution by resolveStep.
//
// Durations (a check's for/interval/timeout, an approval's ttl, a wait) are either literal
// ("30s") or exactly one template naming a duration parameter ("{{ params.window }}"), which
// must have a default. The loader stores milliseconds computed from those DEFAULTS in the
// typed fields (forMs, ...), so a runbook can be listed and planned without values, and keeps
// on the step which parameter each templated duration follows (`durationParams`, a plain JSON
// field beyond types.ts). resolveStep recomputes them from the execution's parameter values,
// and renders the templates in action args, check conditions and approval messages.

import { parseDuration } from '../duration.ts';
import { DEFAULT_APPROVAL } from '../policy/evaluate.ts';
import { type Problem, RunbookError } from './error.ts';
import type { StepDocument } from './schema.ts';
import { renderTemplate, type TemplateScope, wholeParamTemplate } from './template.ts';
import type { CheckCondition, RunbookParam, RunbookStep } from './types.ts';

const DEFAULT_CHECK_INTERVAL = '30s';
/** A check without `timeout` gives up this long after it could first have held `for`. */
const TIMEOUT_AFTER_FOR_MS = 10 * 60_000;

/** Which duration parameter each templated duration of a step follows. */
export interface DurationParams {
  forMs?: string;
  intervalMs?: string;
  timeoutMs?: string;
  ttlMs?: string;
  durationMs?: string;
  /** `timeout` was omitted and `for` follows a parameter: the timeout is for + 10m at run time too. */
  timeoutFollowsFor?: boolean;
}

/** A step as the loader returns it: the types.ts step plus what its templated durations follow. */
export type LoadedStep = RunbookStep & { durationParams?: DurationParams };

/** A duration field's milliseconds (with parameter defaults) and the parameter it follows, or why it is wrong. */
function durationOf(
  text: string,
  params: readonly RunbookParam[],
): { ms: number; param?: string } | { problem: string } {
  const name = wholeParamTemplate(text);
  if (name === undefined && text.includes('{{'))
    return { problem: 'a templated duration must be exactly one "{{ params.<duration parameter> }}"' };
  if (name !== undefined) {
    const param = params.find((p) => p.name === name);
    if (param?.type !== 'duration')
      return { problem: `"${name}" is not a duration parameter: a duration template names one` };
    if (typeof param.default !== 'string')
      return { problem: `duration parameter "${name}" needs a default to stand in for a duration` };
    text = param.default;
  }
  try {
    return { ms: parseDuration(text), ...(name ? { param: name } : {}) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

type DurationField = keyof Omit<DurationParams, 'timeoutFollowsFor'>;

/**
 * The steps with every default applied, and a problem per duration that is malformed, names
 * the wrong parameter, or cannot work (an interval of 0, a timeout shorter than `for`).
 */
export function buildSteps(
  steps: readonly StepDocument[],
  params: readonly RunbookParam[],
): { steps: LoadedStep[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const built = steps.map((step, i): LoadedStep => {
    const following = steps[i + 1]?.id ?? 'resolved';
    const bound: DurationParams = {};
    const ms = (field: DurationField, path: PropertyKey[], text: string, least: 0 | 1) => {
      const result = durationOf(text, params);
      const problem =
        'problem' in result ? result.problem : result.ms < least ? 'must be longer than 0' : undefined;
      if (problem) problems.push({ path: ['spec', 'steps', i, ...path], message: problem });
      if ('param' in result && result.param) bound[field] = result.param;
      return 'ms' in result ? result.ms : 0;
    };
    const base = { id: step.id, title: step.title };
    const withBindings = (plain: RunbookStep): LoadedStep =>
      Object.keys(bound).length ? { ...plain, durationParams: bound } : plain;
    if (step.action) {
      return withBindings({
        ...base,
        kind: 'action',
        tool: step.action.tool,
        args: step.action.args,
        next: step.next ?? following,
        onFailure: step.onFailure ?? 'failed',
      });
    }
    if (step.check) {
      const { check } = step;
      const forMs = ms('forMs', ['check', 'for'], check.for ?? '0s', 0);
      const timeoutMs = check.timeout
        ? ms('timeoutMs', ['check', 'timeout'], check.timeout, 1)
        : forMs + TIMEOUT_AFTER_FOR_MS;
      if (!check.timeout && bound.forMs) bound.timeoutFollowsFor = true;
      if (timeoutMs < forMs)
        problems.push({
          path: ['spec', 'steps', i, 'check', 'timeout'],
          message: `the check must hold ${check.for} but times out after ${check.timeout}`,
        });
      return withBindings({
        ...base,
        kind: 'check',
        condition: conditionOf(check),
        forMs,
        intervalMs: ms('intervalMs', ['check', 'interval'], check.interval ?? DEFAULT_CHECK_INTERVAL, 1),
        timeoutMs,
        onSuccess: step.onSuccess ?? following,
        onFailure: step.onFailure ?? 'failed',
      });
    }
    if (step.approval) {
      return withBindings({
        ...base,
        kind: 'approval',
        message: step.approval.message,
        approvers: step.approval.approvers,
        ttlMs: step.approval.ttl
          ? ms('ttlMs', ['approval', 'ttl'], step.approval.ttl, 1)
          : DEFAULT_APPROVAL.ttlMs,
        next: step.next ?? following,
        onReject: step.onReject ?? 'escalate',
      });
    }
    return withBindings({
      ...base,
      kind: 'wait',
      durationMs: ms('durationMs', ['wait'], step.wait!, 1),
      next: step.next ?? following,
    });
  });
  return { steps: built, problems };
}

/** Where a step can go next: step ids and end states. */
export function transitionsOf(step: RunbookStep): string[] {
  switch (step.kind) {
    case 'action':
      return [step.next, step.onFailure];
    case 'check':
      return [step.onSuccess, step.onFailure];
    case 'approval':
      return [step.next, step.onReject];
    case 'wait':
      return [step.next];
  }
}

function conditionOf(check: NonNullable<StepDocument['check']>): CheckCondition {
  if (check.promql !== undefined) return { type: 'promql', query: check.promql };
  const { rolloutComplete, podsReady } = check.kubernetes!;
  return rolloutComplete
    ? { type: 'rolloutComplete', ...rolloutComplete }
    : { type: 'podsReady', ...podsReady! };
}

/**
 * The step as one execution runs it: templates in action args, check conditions and approval
 * messages rendered, templated durations recomputed from the execution's parameter values.
 * Throws RunbookError when a value is missing or makes the step impossible (a check that
 * must hold longer than its timeout, an interval or wait of 0).
 */
export function resolveStep(step: RunbookStep, scope: TemplateScope): RunbookStep {
  const { durationParams: bound = {}, ...plain } = step as LoadedStep;
  const problems: string[] = [];
  const ms = (field: DurationField, loaded: number) => {
    const name = bound[field];
    if (!name) return loaded;
    const value = scope.params[name];
    try {
      const resolved = parseDuration(String(value));
      if (resolved > 0 || field === 'forMs') return resolved;
    } catch {
      // not a duration: reported below
    }
    problems.push(
      `step ${step.id}: {{ params.${name} }} must be a duration longer than 0, got ${JSON.stringify(value)}`,
    );
    return loaded;
  };
  const resolved = resolveKind(plain as RunbookStep, scope, ms, bound);
  if (resolved.kind === 'check' && resolved.timeoutMs < resolved.forMs)
    problems.push(
      `step ${step.id}: the check must hold ${resolved.forMs / 1000}s but times out after ${resolved.timeoutMs / 1000}s`,
    );
  if (problems.length) throw new RunbookError(problems, 'cannot resolve the step');
  return resolved;
}

function resolveKind(
  step: RunbookStep,
  scope: TemplateScope,
  ms: (field: DurationField, loaded: number) => number,
  bound: DurationParams,
): RunbookStep {
  switch (step.kind) {
    case 'action':
      return { ...step, args: renderTemplate(step.args, scope) as Record<string, unknown> };
    case 'check': {
      const forMs = ms('forMs', step.forMs);
      return {
        ...step,
        condition: renderTemplate(step.condition, scope) as CheckCondition,
        forMs,
        intervalMs: ms('intervalMs', step.intervalMs),
        timeoutMs: bound.timeoutFollowsFor ? forMs + TIMEOUT_AFTER_FOR_MS : ms('timeoutMs', step.timeoutMs),
      };
    }
    case 'approval':
      return {
        ...step,
        message: String(renderTemplate(step.message, scope)),
        ttlMs: ms('ttlMs', step.ttlMs),
      };
    case 'wait':
      return { ...step, durationMs: ms('durationMs', step.durationMs) };
  }
}
