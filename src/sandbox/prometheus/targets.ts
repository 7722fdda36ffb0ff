// /api/v1/targets: one active scrape target per `up` series that has a sample within the
// lookback window and has not gone stale, as the pod it stands for would be scraped. Its labels are the series'
// labels (so `up{...}` finds it), its pool the service, its health the latest `up` value,
// its address the pod's IP and first container port from the scenario's workload plan.
// Targets are in label order, as `up` is.

import type { Clock } from '../../tool.ts';
import { compareLabels } from '../promql/labels.ts';
import type { LabelMatcher, SeriesStorage, StoredSeries } from '../promql/storage.ts';
import { planNodes } from '../scenario/nodes.ts';
import type { Scenario } from '../scenario/schema.ts';
import { planWorkloads } from '../scenario/workloads.ts';
import { goDuration, goTime, sortedLabels } from './api-format.ts';
import type { Form } from './params.ts';

/** Prometheus's default lookback: a target whose last `up` is older has gone away. */
const LOOKBACK_MS = 5 * 60_000;
const DEFAULT_PORT = 8080;
const SCRAPE_TIMEOUT_MS = 10_000;
const SCRAPE_SECONDS = 0.004;
const UP: LabelMatcher[] = [{ name: '__name__', type: '=', value: 'up' }];

export interface ActiveTarget {
  discoveredLabels: Record<string, string>;
  labels: Record<string, string>;
  scrapePool: string;
  scrapeUrl: string;
  globalUrl: string;
  lastError: string;
  lastScrape: string;
  lastScrapeDuration: number;
  health: 'up' | 'down';
  scrapeInterval: string;
  scrapeTimeout: string;
}

export function scenarioTargets(
  scenario: Scenario,
  clock: Clock,
  storage: SeriesStorage,
): (form: Form) => { activeTargets: ActiveTarget[]; droppedTargets: [] } {
  const addresses = podAddresses(scenario);
  const intervalMs = scenario.spec.step;
  return (form) => {
    const state = (form.get('state') ?? '').trim().toLowerCase();
    const showActive = state === '' || state === 'any' || state === 'active';
    const now = clock.now().getTime();
    const upSeries = showActive
      ? storage
          .select(UP, now - LOOKBACK_MS, now)
          .filter((series) => series.staleAt === undefined || series.staleAt > now)
          .toSorted((a, b) => compareLabels(a.labels, b.labels))
      : [];
    return {
      activeTargets: upSeries.map((series) => activeTarget(series, addresses, intervalMs)),
      droppedTargets: [],
    };
  };
}

function activeTarget(
  series: StoredSeries,
  addresses: Map<string, string>,
  intervalMs: number,
): ActiveTarget {
  const last = series.values.length - 1;
  const { __name__: _name, ...labels } = series.labels;
  const pool = labels.service ?? 'sandbox';
  const address =
    (labels.pod && addresses.get(`${labels.namespace}/${labels.pod}`)) ||
    `${labels.pod ?? pool}:${DEFAULT_PORT}`;
  const url = `http://${address}/metrics`;
  const up = series.values[last] === 1;
  return {
    discoveredLabels: {
      __address__: address,
      __metrics_path__: '/metrics',
      __scheme__: 'http',
      ...(labels.namespace ? { __meta_kubernetes_namespace: labels.namespace } : {}),
      ...(labels.pod ? { __meta_kubernetes_pod_name: labels.pod } : {}),
      job: pool,
    },
    labels: sortedLabels(labels),
    scrapePool: pool,
    scrapeUrl: url,
    globalUrl: url,
    lastError: up ? '' : `Get "${url}": dial tcp ${address}: connect: connection refused`,
    lastScrape: goTime(series.timestamps[last]!),
    lastScrapeDuration: SCRAPE_SECONDS,
    health: up ? 'up' : 'down',
    scrapeInterval: goDuration(intervalMs),
    scrapeTimeout: goDuration(Math.min(SCRAPE_TIMEOUT_MS, intervalMs)),
  };
}

/** `namespace/pod` → `ip:port` for every planned pod that has an IP. */
function podAddresses(scenario: Scenario): Map<string, string> {
  const { spec } = scenario;
  const addresses = new Map<string, string>();
  for (const workload of planWorkloads(spec, planNodes(spec), spec.now)) {
    const port = workload.spec.containers[0]?.ports[0] ?? DEFAULT_PORT;
    for (const pod of workload.pods) {
      if (pod.ip) addresses.set(`${workload.spec.namespace}/${pod.name}`, `${pod.ip}:${port}`);
    }
  }
  return addresses;
}
