// /api/v1/query and /api/v1/query_range: the parameters checked in Prometheus's order and
// with its messages (time, timeout; start, end, step, the 11,000-point cap), then the
// sandbox PromQL engine, whose result is already the API's `data`. Evaluation stops at the
// query's `timeout` (Prometheus's default --query.timeout, 2m, without one) with
// Prometheus's timeout error: a subquery at a 1s step over days must not hold the
// sandbox, which may share its process with opswarden.

import type { EvaluationLimits, PromqlEngine, QueryData } from '../promql/engine.ts';
import { badData, fromPromqlError, invalidParam, PrometheusApiError } from './api-error.ts';
import { type Form, optionalTime, optionalTimeout, requiredDuration, requiredTime } from './params.ts';

/** Prometheus refuses range queries with more points per series than this. */
const MAX_POINTS = 11_000;
/** Prometheus's --query.timeout default, for a query that names no `timeout`. */
const DEFAULT_TIMEOUT_MS = 120_000;

export function instantQuery(engine: PromqlEngine, form: Form, nowMs: number): QueryData {
  const time = optionalTime(form, 'time', nowMs);
  const timeoutMs = optionalTimeout(form);
  return evaluate((limits) => engine.instant(form.get('query') ?? '', time, limits), timeoutMs, 'query');
}

export function rangeQuery(engine: PromqlEngine, form: Form): QueryData {
  const start = requiredTime(form, 'start');
  const end = requiredTime(form, 'end');
  if (end < start) throw invalidParam('end', 'end timestamp must not be before start time');
  // Go durations are whole nanoseconds; the engine steps in whole milliseconds.
  const stepNs = Math.trunc(requiredDuration(form, 'step') * 1e6);
  if (stepNs <= 0) {
    throw invalidParam(
      'step',
      'zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
  }
  if (Math.floor(((end - start) * 1e6) / stepNs) > MAX_POINTS) {
    throw badData(
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    );
  }
  const timeoutMs = optionalTimeout(form);
  const stepMs = Math.max(1, Math.floor(stepNs / 1e6));
  // Prometheus names the parameter in instant query errors only.
  return evaluate((limits) => engine.range(form.get('query') ?? '', start, end, stepMs, limits), timeoutMs);
}

function evaluate(
  run: (limits: EvaluationLimits) => QueryData,
  timeoutMs: number | undefined,
  param?: string,
): QueryData {
  if (timeoutMs !== undefined && timeoutMs <= 0)
    throw new PrometheusApiError('timeout', 'query timed out in query execution');
  try {
    return run({ timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS });
  } catch (err) {
    throw fromPromqlError(err, param);
  }
}
