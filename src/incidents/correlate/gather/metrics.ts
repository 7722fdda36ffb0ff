// A service's metrics over the window, through the Prometheus backend: its golden signals
// (the catalog's queries, or the standard exporters'), per-pod CPU, memory and restarts,
// a StatefulSet's volumes (kubelet), and every other metric labelled with the service
// (found with the series API), each with its change point. Custom metrics are how a pool
// that fills, a cache that stops being hit or a provider that times out shows before the
// error rate moves.

import { chooseStep } from '../../../backends/prometheus/limits.ts';
import type { Labels, PrometheusBackend } from '../../../backends/prometheus/types.ts';
import { type CatalogService, namespaceOf, queriesFor } from '../../catalog.ts';
import { detectShift, pointwiseMax, type Sample, type Shift, type ShiftOptions } from '../changepoint.ts';
import { type SignalKind, signalKind } from '../mentions.ts';

export interface SeriesFacts {
  /** errorRatio, latencyP99, traffic, saturation, cpu, memory, or the metric with its labels. */
  signal: string;
  kind: SignalKind;
  /** A custom metric's name and labels (without service/namespace), for matching names in them. */
  metric?: string;
  labels: Labels;
  points: Sample[];
  shift?: Shift;
}

export interface PodSeries {
  pod: string;
  container?: string;
  points: Sample[];
}

export interface ClaimSeries {
  claim: string;
  points: Sample[];
}

export interface ServiceMetrics {
  service: string;
  /** Golden and resource signals, then custom ones; each with its change point, if any. */
  series: SeriesFacts[];
  cpuByPod: PodSeries[];
  memoryByPod: PodSeries[];
  restartsByPod: PodSeries[];
  /** Used share of each PersistentVolumeClaim of a StatefulSet's. */
  volumeByClaim: ClaimSeries[];
  /** Every metric name labelled with the service (what a runbook's checks can query by it). */
  names: string[];
  /** Queries that failed, for the signal status. */
  problems: string[];
}

export interface MetricWindow {
  since: number;
  until: number;
  /** Where the baseline of every change point ends. */
  baselineEnd: number;
}

const STEP_SECONDS = 30;
const MAX_CUSTOM_METRICS = 24;
const MAX_SERIES_PER_METRIC = 12;
const PARALLEL = 6;

/** The standard series read as golden or per-pod signals, and Prometheus' own. */
const STANDARD = new Set([
  'http_requests_total',
  'http_request_duration_seconds_bucket',
  'http_request_duration_seconds_sum',
  'http_request_duration_seconds_count',
  'container_cpu_usage_seconds_total',
  'container_memory_working_set_bytes',
  'container_spec_memory_limit_bytes',
  'kube_pod_container_status_restarts_total',
  'kube_deployment_status_replicas_available',
  'up',
  'ALERTS',
  'ALERTS_FOR_STATE',
]);

const GOLDEN_SHIFTS: Record<string, ShiftOptions & { kind: SignalKind }> = {
  errorRatio: { kind: 'error', minAbsolute: 0.01, minRelative: 1 },
  latencyP99: { kind: 'latency', minAbsolute: 0.05, minRelative: 0.5 },
  traffic: { kind: 'traffic', minRelative: 0.3 },
  saturation: { kind: 'saturation', minAbsolute: 0.1 },
  cpu: { kind: 'saturation', minRelative: 0.3 },
  memory: { kind: 'saturation', minAbsolute: 0.1 },
  volume: { kind: 'saturation', minAbsolute: 0.05 },
};
const CUSTOM_SHIFT: ShiftOptions = { minRelative: 0.5 };

export async function gatherServiceMetrics(
  prometheus: PrometheusBackend,
  service: CatalogService,
  window: MetricWindow,
): Promise<ServiceMetrics> {
  const queries = queriesFor(service);
  const rangeMs = Math.min(window.until - window.since, prometheus.limits.maxRangeMs);
  const start = new Date(window.until - rangeMs);
  const end = new Date(window.until);
  const step = chooseStep(rangeMs, prometheus.limits.maxPoints, STEP_SECONDS);
  const problems: string[] = [];
  const range = async (query: string) => {
    try {
      return await prometheus.rangeQuery(query, start, end, step);
    } catch (err) {
      problems.push((err as Error).message);
      return [];
    }
  };
  const golden = (['errorRatio', 'latencyP99', 'traffic', 'saturation'] as const).flatMap((signal) => {
    const query = queries[signal];
    return query ? [{ signal, query }] : [];
  });
  const [goldenResults, cpu, memory, restarts, volumes, custom] = await Promise.all([
    inBatches(golden, ({ query }) => range(query)),
    queries.cpuByPod ? range(queries.cpuByPod) : Promise.resolve([]),
    queries.memoryByPod ? range(queries.memoryByPod) : Promise.resolve([]),
    queries.restartsByPod ? range(queries.restartsByPod) : Promise.resolve([]),
    queries.volumeByClaim ? range(queries.volumeByClaim) : Promise.resolve([]),
    customSeries(prometheus, service, start, end, step, problems),
  ]);
  const names = custom.names;
  const cpuByPod = podSeries(cpu);
  const memoryByPod = podSeries(memory);
  const volumeByClaim = volumes
    .filter((r) => r.labels.persistentvolumeclaim)
    .map((r) => ({ claim: r.labels.persistentvolumeclaim!, points: toPoints(r.samples) }))
    .sort((a, b) => a.claim.localeCompare(b.claim));
  const series: SeriesFacts[] = [
    ...golden.flatMap(({ signal }, i) => {
      const points = toPoints(goldenResults[i]?.[0]?.samples);
      return points.length
        ? [withShift({ signal, kind: GOLDEN_SHIFTS[signal]!.kind, labels: {}, points }, window)]
        : [];
    }),
    ...(cpuByPod.length ? [withShift(resource('cpu', cpuByPod), window)] : []),
    ...(memoryByPod.length ? [withShift(resource('memory', memoryByPod), window)] : []),
    ...(volumeByClaim.length ? [withShift(resource('volume', volumeByClaim), window)] : []),
    ...custom.series.map((s) => withShift(s, window)),
  ];
  return {
    service: service.name,
    series,
    cpuByPod,
    memoryByPod,
    restartsByPod: podSeries(restarts),
    volumeByClaim,
    names,
    problems,
  };
}

function resource(signal: 'cpu' | 'memory' | 'volume', series: { points: Sample[] }[]): SeriesFacts {
  return { signal, kind: 'saturation', labels: {}, points: pointwiseMax(series.map((p) => p.points)) };
}

function withShift(series: SeriesFacts, window: MetricWindow): SeriesFacts {
  const options = GOLDEN_SHIFTS[series.signal] ?? CUSTOM_SHIFT;
  const shift = detectShift(series.points, { ...options, baselineEnd: window.baselineEnd });
  return shift ? { ...series, shift } : series;
}

function toPoints(samples: { t: number; v: number }[] | undefined): Sample[] {
  return (samples ?? []).filter((s) => Number.isFinite(s.v)).map((s) => ({ t: s.t, v: s.v }));
}

function podSeries(result: { labels: Labels; samples: { t: number; v: number }[] }[]): PodSeries[] {
  return result
    .filter((r) => r.labels.pod)
    .map((r) => ({
      pod: r.labels.pod!,
      ...(r.labels.container ? { container: r.labels.container } : {}),
      points: toPoints(r.samples),
    }))
    .sort((a, b) => `${a.pod}/${a.container ?? ''}`.localeCompare(`${b.pod}/${b.container ?? ''}`));
}

/** How one other metric of a service is read: a histogram's p99, a counter's rate, a gauge's max. */
export function customSeriesQuery(name: string, service: string): string {
  const sel = `${name}{service=${JSON.stringify(service)}}`;
  if (name.endsWith('_bucket'))
    return `histogram_quantile(0.99, sum without (pod, instance, container) (rate(${sel}[2m])))`;
  return /_(total|count|sum)$/.test(name)
    ? `sum without (pod, instance, container) (rate(${sel}[2m]))`
    : `max without (pod, container) (${sel})`;
}

/** Every other metric labelled with the service, one query per metric name; and every name found. */
async function customSeries(
  prometheus: PrometheusBackend,
  service: CatalogService,
  start: Date,
  end: Date,
  step: number,
  problems: string[],
): Promise<{ series: SeriesFacts[]; names: string[] }> {
  const namespace = namespaceOf(service);
  const selector = `{service=${JSON.stringify(service.name)}}`;
  let found: Labels[];
  try {
    found = await prometheus.series([selector], start, end);
  } catch (err) {
    problems.push((err as Error).message);
    return { series: [], names: [] };
  }
  const all = [
    ...new Set(
      found
        .filter((labels) => !namespace || !labels.namespace || labels.namespace === namespace)
        .map((labels) => labels.__name__ ?? '')
        .filter(Boolean),
    ),
  ].sort();
  const names = all.filter((name) => !STANDARD.has(name));
  const histograms = new Set(names.filter((n) => n.endsWith('_bucket')).map((n) => n.slice(0, -7)));
  const metrics = names
    .filter((n) => !/_(sum|count)$/.test(n) || !histograms.has(n.replace(/_(sum|count)$/, '')))
    .slice(0, MAX_CUSTOM_METRICS);
  const results = await inBatches(metrics, async (name) => {
    const query = customSeriesQuery(name, service.name);
    try {
      return await prometheus.rangeQuery(query, start, end, step);
    } catch (err) {
      problems.push((err as Error).message);
      return [];
    }
  });
  const series = metrics.flatMap((name, i) => {
    const metric = name.replace(/_bucket$/, '');
    return (results[i] ?? [])
      .filter((r) => !namespace || !r.labels.namespace || r.labels.namespace === namespace)
      .map((r) => ({ labels: describedLabels(r.labels), points: toPoints(r.samples) }))
      .filter((r) => r.points.length)
      .sort((a, b) => labelText(a.labels).localeCompare(labelText(b.labels)))
      .slice(0, MAX_SERIES_PER_METRIC)
      .map(
        (r): SeriesFacts => ({
          signal: `${metric}${labelText(r.labels)}`,
          kind: signalKind(metric, r.labels),
          metric: `${metric} ${Object.values(r.labels).join(' ')}`,
          labels: r.labels,
          points: r.points,
        }),
      );
  });
  return { series, names: all };
}

function describedLabels(labels: Labels): Labels {
  const { __name__: _name, service: _service, namespace: _namespace, job: _job, ...rest } = labels;
  return rest;
}

function labelText(labels: Labels): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${v}"`).join(',')}}` : '';
}

/** Runs `fn` over `items` a few at a time, results in input order. */
export async function inBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL)
    out.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(fn))));
  return out;
}
