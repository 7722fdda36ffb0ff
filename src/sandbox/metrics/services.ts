// The standard series of the `services` section, named as real exporters name them: the
// application's http_requests_total and latency histogram, cAdvisor's container_* series,
// kube-state-metrics' restarts, available replicas and node conditions, and `up` per pod.
// Pods are taken from the same workload plan the Kubernetes world is rendered from, so a
// `pod` label always names a pod that `kubectl get pods` shows.
//
// Simplifications (plausible, not exact):
// - the current pods exist from the workload's creation (its first revision: nothing is
//   scraped before it), older ReplicaSets' pods are not replayed; a Pending pod is down
//   throughout; a crashing pod is down from its first restart, except while the incident is
//   suppressed if that restart belongs to it (and restarts that would fall in such a time do
//   not happen);
// - traffic is split evenly over the pods that are up; codes are 200, 500 and those `errors`
//   lists (response-codes.ts);
// - cAdvisor and restart series are for the workload's first (main) container;
// - memory never exceeds 98% of the container's memory limit.

import { heldOff } from '../reactions/spans.ts';
import type { IncidentTimeline } from '../reactions/timeline.ts';
import { parseQuantity } from '../scenario/quantity.ts';
import { streamRandom } from '../scenario/random.ts';
import { parseRef } from '../scenario/refs.ts';
import type { ScenarioSpec, ServiceSpec } from '../scenario/schema.ts';
import type { PodPlan, WorkloadPlan } from '../scenario/workloads.ts';
import { histogramSeries } from './histogram.ts';
import { seriesLife } from './life.ts';
import { codeShares } from './response-codes.ts';
import {
  atGridPoint,
  blendIncident,
  fillGrid,
  type Grid,
  gridSamples,
  integrate,
  type MetricType,
  type SeriesStream,
  withNoise,
} from './series.ts';

/** Relative noise of request rates, CPU and memory. */
const NOISE = 0.02;
const DEFAULT_LATENCY = [{ from: new Date(0), p50: 0.05, p99: 0.25 }];
const DEFAULT_CPU = [{ from: new Date(0), cores: 0.1 }];
const DEFAULT_MEMORY = [{ from: new Date(0), bytes: 128 * 2 ** 20 }];
const CRASHING = new Set(['CrashLoopBackOff', 'OOMKilled', 'Error']);

const HELP = {
  http_requests: 'Total HTTP requests by status code.',
  http_request_duration_seconds: 'HTTP request latency in seconds.',
  container_cpu_usage_seconds: 'Cumulative cpu time consumed in seconds.',
  container_memory_working_set_bytes: 'Current working set in bytes.',
  container_spec_memory_limit_bytes: 'Memory limit for the container in bytes.',
  kube_pod_container_status_restarts: 'The number of container restarts per container.',
  kube_deployment_status_replicas_available: 'The number of available replicas per deployment.',
  up: 'Whether the pod answered its last scrape (1) or not (0).',
};

interface Context {
  spec: ScenarioSpec;
  grid: Grid;
  timeline: IncidentTimeline;
}

function plainSeries(
  name: string,
  type: Exclude<MetricType, 'histogram'>,
  family: keyof typeof HELP,
  labels: Record<string, string>,
  grid: Grid,
  values: Float64Array,
): SeriesStream {
  return { name, family, type, help: HELP[family], labels, samples: gridSamples(grid, values) };
}

/** Whether the pod serves at t: scheduled, not crashed (unless the incident is held off), not yet gone. */
export function isUp(pod: PodPlan, t: number, timeline: IncidentTimeline): boolean {
  if (pod.state === 'Pending') return false;
  if (pod.since && pod.since.getTime() <= t) return false;
  const firstRestart = pod.restarts[0]?.at.getTime();
  if (!CRASHING.has(pod.state) || firstRestart === undefined || firstRestart > t) return true;
  return heldOff(timeline, firstRestart, t);
}

export function serviceSeries(
  spec: ScenarioSpec,
  plans: readonly WorkloadPlan[],
  grid: Grid,
  timeline: IncidentTimeline,
): SeriesStream[] {
  const ctx = { spec, grid, timeline };
  return spec.services.flatMap((service) => {
    const plan = service.workload ? workloadOf(plans, service.workload) : undefined;
    if (!plan) return [];
    const created = plan.revisions[0]!.at;
    return workloadSeries({ ...ctx, grid: seriesLife(grid, created).grid }, service, plan);
  });
}

function workloadOf(plans: readonly WorkloadPlan[], ref: string): WorkloadPlan | undefined {
  const { kind, namespace, name } = parseRef(ref);
  return plans.find((p) => p.kind === kind && p.spec.namespace === namespace && p.spec.name === name);
}

function workloadSeries(ctx: Context, service: ServiceSpec, plan: WorkloadPlan): SeriesStream[] {
  const { grid, timeline } = ctx;
  const namespace = plan.spec.namespace;
  const base = { service: service.name, namespace };
  const upCount = (t: number) => plan.pods.filter((pod) => isUp(pod, t, timeline)).length;
  const out = plan.pods.flatMap((pod) => podSeries(ctx, service, plan, pod, upCount));
  if (plan.kind === 'Deployment') {
    out.push(
      plainSeries(
        'kube_deployment_status_replicas_available',
        'gauge',
        'kube_deployment_status_replicas_available',
        { ...base, deployment: plan.spec.name, job: 'kube-state-metrics' },
        grid,
        fillGrid(grid, upCount),
      ),
    );
  }
  return out;
}

function podSeries(
  { spec, grid, timeline }: Context,
  service: ServiceSpec,
  plan: WorkloadPlan,
  pod: PodPlan,
  upCount: (t: number) => number,
): SeriesStream[] {
  const container = plan.spec.containers[0]!;
  const labels = {
    service: service.name,
    namespace: plan.spec.namespace,
    pod: pod.name,
    container: container.name,
  };
  const random = (what: string) => streamRandom(spec.seed, `metrics/${what}/${labels.namespace}/${pod.name}`);
  const restarts = pod.restarts
    .map((restart) => restart.at.getTime())
    .filter((at) => !heldOff(timeline, at, at));
  const out: SeriesStream[] = [
    plainSeries(
      'up',
      'gauge',
      'up',
      labels,
      grid,
      fillGrid(grid, (t) => (isUp(pod, t, timeline) ? 1 : 0)),
    ),
    plainSeries(
      'kube_pod_container_status_restarts_total',
      'counter',
      'kube_pod_container_status_restarts',
      { ...labels, job: 'kube-state-metrics' },
      grid,
      fillGrid(grid, (t) => restarts.filter((at) => at <= t).length),
    ),
  ];

  if (service.traffic) {
    const traffic = service.traffic;
    const trafficRandom = random('http');
    const podRates = fillGrid(grid, (t) =>
      isUp(pod, t, timeline)
        ? withNoise(blendIncident(traffic, (s) => s.rps, t, timeline) / upCount(t), NOISE, trafficRandom)
        : 0,
    );
    const rateAt = atGridPoint(grid, podRates);
    for (const [code, share] of codeShares(service.errors, timeline)) {
      const values = integrate(grid, (t) => rateAt(t) * share(t));
      out.push(
        plainSeries('http_requests_total', 'counter', 'http_requests', { ...labels, code }, grid, values),
      );
    }
    const latency = service.latency ?? DEFAULT_LATENCY;
    out.push(
      ...histogramSeries({
        family: 'http_request_duration_seconds',
        help: HELP.http_request_duration_seconds,
        labels,
        grid,
        shape: {
          rateAt,
          p50At: (t) => blendIncident(latency, (s) => s.p50, t, timeline),
          p99At: (t) => blendIncident(latency, (s) => s.p99, t, timeline),
        },
      }),
    );
  }

  if (pod.state === 'Pending') return out;
  const cpu = service.cpu ?? DEFAULT_CPU;
  const cpuRandom = random('cpu');
  out.push(
    plainSeries(
      'container_cpu_usage_seconds_total',
      'counter',
      'container_cpu_usage_seconds',
      labels,
      grid,
      integrate(grid, (t) =>
        withNoise(
          blendIncident(cpu, (s) => s.cores, t, timeline),
          NOISE,
          cpuRandom,
        ),
      ),
    ),
  );
  const limitText = container.resources.limits?.memory;
  const limit = limitText === undefined ? Number.POSITIVE_INFINITY : parseQuantity(limitText);
  const memory = service.memory ?? DEFAULT_MEMORY;
  const memoryRandom = random('memory');
  const bytesAt = (segment: { from: Date; bytes: number; growth?: number }, t: number) =>
    segment.bytes + ((segment.growth ?? 0) * Math.max(0, t - segment.from.getTime())) / 1000;
  out.push(
    plainSeries(
      'container_memory_working_set_bytes',
      'gauge',
      'container_memory_working_set_bytes',
      labels,
      grid,
      fillGrid(grid, (t) =>
        Math.round(
          Math.min(0.98 * limit, withNoise(blendIncident(memory, bytesAt, t, timeline), NOISE, memoryRandom)),
        ),
      ),
    ),
  );
  if (Number.isFinite(limit)) {
    out.push(
      plainSeries(
        'container_spec_memory_limit_bytes',
        'gauge',
        'container_spec_memory_limit_bytes',
        labels,
        grid,
        fillGrid(grid, () => limit),
      ),
    );
  }
  return out;
}
