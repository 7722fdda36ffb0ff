// Alerting rules for generated scenarios, each with the `startsAt` its rule will actually
// have: the rule's value is worked out on the scenario's 15 s grid from the same segments the
// sandbox turns into series (rate windows of 5 minutes, log-normal latency histograms), so
// the alert says when it fires instead of guessing. A rule that would not fire by now is
// not added; callers keep their alert list honest that way.

import { fractionBelow, LATENCY_BUCKETS } from '../../metrics/histogram.ts';
import { type Alert, type ErrorSeg, type Metric, MIN, type Service, valueAt, type World } from './world.ts';

const STEP = 15;
const WINDOW = 5 * MIN;

/** The 5xx share of a segment. */
function serverErrors(seg: ErrorSeg): number {
  if (seg.ratio !== undefined) return seg.ratio;
  return Object.entries(seg.codes ?? {})
    .filter(([code]) => code.startsWith('5'))
    .reduce((sum, [, share]) => sum + share, 0);
}

/** Mean of `value` over the rate window ending at t, weighted by the service's traffic. */
function windowed(s: Service, t: number, value: (u: number) => number): number {
  let num = 0;
  let den = 0;
  for (let u = t - WINDOW + STEP; u <= t; u += STEP) {
    const rps = valueAt(s.traffic, (x) => x.rps, u);
    num += rps * value(u);
    den += rps;
  }
  return den ? num / den : 0;
}

/** The first grid time from `after` on when the rule has held for `forSec`, or undefined before now. */
function firesAt(holds: (t: number) => boolean, after: number, forSec: number): number | undefined {
  let since: number | undefined;
  for (let t = Math.ceil(after / STEP) * STEP; t <= 0; t += STEP) {
    if (!holds(t)) {
      since = undefined;
      continue;
    }
    since ??= t;
    if (t - since >= forSec) return t;
  }
  return undefined;
}

function add(
  world: World,
  alert: Omit<Alert, 'startsAt'>,
  holds: (t: number) => boolean,
  after: number,
): boolean {
  const at = firesAt(holds, after, alert.for ?? 0);
  // An alert that starts in the last minute could still be pending when it is checked.
  if (at === undefined || at > -MIN) return false;
  let endsAt: number | undefined;
  for (let t = at + STEP; t <= 0 && endsAt === undefined; t += STEP) if (!holds(t)) endsAt = t;
  world.alerts.push({ ...alert, startsAt: at, ...(endsAt === undefined ? {} : { endsAt }) });
  return true;
}

const errorRatio = (s: Service) =>
  `sum(rate(http_requests_total{service="${s.name}",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="${s.name}"}[5m]))`;

const camel = (name: string) =>
  name
    .split('-')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/** `<Service>ErrorRateHigh`, above a threshold between the baseline and the incident's share. */
export function errorRateAlert(
  world: World,
  s: Service,
  severity: string,
  after = world.incidentStart,
): boolean {
  const before = serverErrors(s.errors[0]!);
  const peak = Math.max(...s.errors.map(serverErrors));
  if (peak < 0.02) return false;
  const threshold = Number((before + (peak - before) * world.random.pick([0.2, 0.3, 0.4])).toPrecision(1));
  const forSec = world.random.pick([MIN, 2 * MIN, 3 * MIN]);
  return add(
    world,
    {
      name: `${camel(s.name)}ErrorRateHigh`,
      labels: { service: s.name, namespace: s.namespace, severity },
      summary: `${s.name} 5xx above ${+(threshold * 100).toFixed(1)}%`,
      expr: `${errorRatio(s)} > ${threshold}`,
      for: forSec,
    },
    (t) => windowed(s, t, (u) => serverErrors(errorAt(s, u))) > threshold,
    after,
  );
}

function errorAt(s: Service, t: number): ErrorSeg {
  const sorted = [...s.errors].sort((a, b) => a.from - b.from);
  const i = sorted.findLastIndex((seg) => seg.from <= t);
  const seg = sorted[i]!;
  if (!seg.ramp || t >= seg.from + seg.ramp || i === 0) return seg;
  const w = (t - seg.from) / seg.ramp;
  return { from: seg.from, ratio: (1 - w) * serverErrors(sorted[i - 1]!) + w * serverErrors(seg) };
}

/**
 * `<Service>LatencyHigh`: p99 above a bucket boundary the incident's p50 reaches and the
 * baseline's p99 stays well under, so the histogram's quantile crosses it cleanly.
 */
export function latencyAlert(world: World, s: Service, severity: string): boolean {
  const base = s.latency[0]!;
  const peakP50 = Math.max(...s.latency.map((l) => l.p50));
  const threshold = [...LATENCY_BUCKETS].reverse().find((le) => le <= peakP50 && le >= base.p99 * 2);
  if (threshold === undefined) return false;
  const p99At = (u: number) => valueAt(s.latency, (l) => l.p99, u);
  const p50At = (u: number) => valueAt(s.latency, (l) => l.p50, u);
  return add(
    world,
    {
      name: `${camel(s.name)}LatencyHigh`,
      labels: { service: s.name, namespace: s.namespace, severity },
      summary: `${s.name} p99 latency above ${threshold * 1000}ms`,
      expr: `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="${s.name}"}[5m]))) > ${threshold}`,
      for: world.random.pick([MIN, 2 * MIN]),
    },
    (t) => windowed(s, t, (u) => 1 - fractionBelow(threshold, p50At(u), p99At(u))) > 0.01,
    world.incidentStart,
  );
}

/** A rule over one series of `spec.metrics` compared with a threshold (`>` or `==`). */
export function gaugeAlert(
  world: World,
  metric: Metric,
  alert: Omit<Alert, 'startsAt' | 'expr'> & { op: '>' | '<' | '=='; threshold: number },
  after = world.history,
): boolean {
  const selector = Object.entries(metric.labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  const { op, threshold, ...rest } = alert;
  const compare = (v: number) => (op === '>' ? v > threshold : op === '<' ? v < threshold : v === threshold);
  return add(
    world,
    { ...rest, expr: `${metric.name}{${selector}} ${op} ${threshold}` },
    (t) => compare(valueAt(metric.segments, (s) => s.value, t)),
    after,
  );
}

/** A rule on kube-state-metrics' node condition series, which holds from the condition's `since`. */
export function nodeConditionAlert(
  world: World,
  node: string,
  type: string,
  status: 'True' | 'False',
  since: number,
): boolean {
  const healthy = type === 'Ready' ? 'True' : 'False';
  const value = status === 'True' ? 1 : 0;
  const summary =
    type === 'Ready'
      ? `Node ${node} has been unready for more than a few minutes`
      : `Node ${node} has an active ${type} condition`;
  return add(
    world,
    {
      name: type === 'Ready' ? 'KubeNodeNotReady' : 'KubeNodePressure',
      labels: { node, condition: type, severity: status === healthy ? 'info' : 'warning' },
      summary,
      expr: `kube_node_status_condition{node="${node}",condition="${type}",status="true"} == ${value}`,
      for: world.random.pick([MIN, 2 * MIN]),
    },
    (t) => t >= since,
    since,
  );
}

/** The incident's page on `s`: its error rate, its latency, or both; false when neither rule would fire. */
export function pageOn(world: World, s: Service, severity = 'critical'): boolean {
  const first = world.random.next() < 0.5;
  const a = first ? errorRateAlert(world, s, severity) : latencyAlert(world, s, severity);
  const b =
    world.random.next() < 0.4 || !a
      ? first
        ? latencyAlert(world, s, severity)
        : errorRateAlert(world, s, severity)
      : false;
  return a || b;
}
