// What metrics-server would have scraped from the kubelets at `now`: each container's CPU
// (the rate of cAdvisor's container_cpu_usage_seconds_total between its last two samples,
// as metrics-server rates two scrapes) and memory (the last container_memory_working_set_bytes),
// read from the world's metric series, the very store the sandbox Prometheus answers from. So
// `kubectl top` agrees with PromQL, follows the clock (frozen or live) and the incident
// timeline (a fix brings usage back down). A series marked stale has no usage.

import type { SeriesStorage, StoredSeries } from '../promql/storage.ts';

/** Prometheus's lookback: older samples are not "now". */
const LOOKBACK_MS = 5 * 60_000;

export interface ContainerUsage {
  /** Cores. */
  cpu: number;
  /** Bytes. */
  memory: number;
}

export interface PodScrape {
  /** Unix ms of the later sample of the CPU rate. */
  timestamp: number;
  /** ms between the two samples the rate is taken over. */
  window: number;
  containers: Map<string, ContainerUsage>;
}

const podKey = (namespace: string, pod: string) => `${namespace}/${pod}`;

/** Every pod's scrape at `now`, by `namespace/pod`; only the namespace's when one is given. */
export function scrapePods(metrics: SeriesStorage, now: number, namespace?: string): Map<string, PodScrape> {
  const select = (name: string) =>
    metrics
      .select(
        [
          { name: '__name__', type: '=', value: name },
          ...(namespace === undefined ? [] : [{ name: 'namespace', type: '=' as const, value: namespace }]),
        ],
        now - LOOKBACK_MS,
        now,
      )
      .filter((series) => series.staleAt === undefined || series.staleAt > now);
  const containerKey = (series: StoredSeries) =>
    `${podKey(series.labels.namespace ?? '', series.labels.pod ?? '')}/${series.labels.container ?? ''}`;
  const memory = new Map(
    select('container_memory_working_set_bytes').map((series) => [
      containerKey(series),
      series.values[series.values.length - 1]!,
    ]),
  );
  const pods = new Map<string, PodScrape>();
  for (const series of select('container_cpu_usage_seconds_total')) {
    const { namespace: ns, pod, container } = series.labels;
    const bytes = memory.get(containerKey(series));
    const n = series.timestamps.length;
    if (!ns || !pod || !container || bytes === undefined || n < 2) continue;
    const [t1, t2] = [series.timestamps[n - 2]!, series.timestamps[n - 1]!];
    const [v1, v2] = [series.values[n - 2]!, series.values[n - 1]!];
    // A counter that went down was reset (a restart) and counted from 0 since.
    const cpu = ((v2 >= v1 ? v2 - v1 : v2) * 1000) / (t2 - t1);
    const key = podKey(ns, pod);
    const scrape = pods.get(key) ?? { timestamp: t2, window: t2 - t1, containers: new Map() };
    scrape.containers.set(container, { cpu, memory: bytes });
    pods.set(key, scrape);
  }
  return pods;
}

export function podScrape(scrapes: Map<string, PodScrape>, namespace: string, pod: string) {
  return scrapes.get(podKey(namespace, pod));
}
