// Query guardrails (DESIGN §6, issue 4): how long a range may be, how many points and
// series a query may return. Pure arithmetic, so the step choice and the refusals are
// unit-tested apart from any Prometheus. Refusals say how to narrow the query.

import { PromError, type PrometheusLimits } from './types.ts';

/** Steps a human would pick, in seconds; a computed step is rounded up to one of these. */
const NICE_STEPS_S = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400,
];

/** Without a requested step: about this many points per series, never finer than 15s. */
const DEFAULT_POINTS = 1000;
const DEFAULT_MIN_STEP_S = 15;

export const DEFAULT_PROMETHEUS_LIMITS: PrometheusLimits = {
  maxRangeMs: 7 * 86_400_000,
  maxSeries: 500,
  maxPoints: 11_000,
  timeoutMs: 30_000,
};

/** The smallest nice step at or above `seconds` (whole days beyond the table). */
export function niceStep(seconds: number): number {
  const nice = NICE_STEPS_S.find((s) => s >= seconds);
  return nice ?? Math.ceil(seconds / 86_400) * 86_400;
}

/**
 * The step of a range query: the requested one, unless it would return more than
 * maxPoints per series; then the smallest nice step that fits. Without a request, a nice
 * step giving about a thousand points.
 */
export function chooseStep(rangeMs: number, maxPoints: number, requestedSeconds?: number): number {
  const rangeS = rangeMs / 1000;
  const floorS = rangeS / maxPoints;
  if (requestedSeconds !== undefined) {
    return requestedSeconds >= floorS ? requestedSeconds : niceStep(floorS);
  }
  return niceStep(Math.max(DEFAULT_MIN_STEP_S, rangeS / DEFAULT_POINTS, floorS));
}

/** Refuses an empty, inverted or too-long range, naming the limit and how to narrow. */
export function checkRange(start: Date, end: Date, limits: PrometheusLimits): void {
  const rangeMs = end.getTime() - start.getTime();
  if (!(rangeMs > 0)) {
    throw new PromError(
      `range is empty: start ${start.toISOString()} is not before end ${end.toISOString()}; give a start earlier than end`,
    );
  }
  if (rangeMs > limits.maxRangeMs) {
    throw new PromError(
      `range ${formatDuration(rangeMs)} is longer than the configured maximum ${formatDuration(limits.maxRangeMs)} (prometheus.limits.maxRange); shorten the range (e.g. start: -6h) or query a recording rule with a coarser resolution`,
    );
  }
}

/** Refuses a result with more series than the limit, with the ways to narrow it. */
export function checkSeriesCount(count: number, query: string, limits: PrometheusLimits): void {
  if (count <= limits.maxSeries) return;
  throw new PromError(
    `query ${JSON.stringify(query)} returned ${count} series, more than the configured maximum ${limits.maxSeries} (prometheus.limits.maxSeries); narrow it: add a label matcher (e.g. {service="checkout"}), aggregate with sum by (service) or topk(10, ...), or shorten the range`,
  );
}

/** "7d", "6h", "90m", "45s", "200ms": the largest whole unit. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  for (const [unit, size] of units) if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${Math.round(ms / 1000)}s`;
}
