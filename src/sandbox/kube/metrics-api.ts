// metrics.k8s.io/v1beta1 as metrics-server serves it, when the world carries metric series:
// PodMetrics (namespaced or across namespaces) and NodeMetrics, get and list with label
// selectors and metadata.name/namespace field selectors, so `kubectl top pods|nodes` work.
// Usage comes from usage.ts. As with metrics-server, a pod has metrics only while it is
// Running, and only for its running containers that have series (the sandbox generates
// cAdvisor series for a service's main container; pods created after the world was
// rendered have none); a node only while Ready, its usage the sum of its pods' (the
// sandbox has no node-level cAdvisor series). The router authorizes requests (rbac.ts)
// against these types like any other resource.

import type { KubeObject } from '../world.ts';
import type { Cluster } from './cluster.ts';
import { KubeError, methodNotAllowed } from './errors.ts';
import type { Target } from './handlers.ts';
import type { ApiRequest, Reply } from './http.ts';
import { type ListQuery, matchesQuery, parseListQuery } from './list.ts';
import type { ResourceType } from './resources.ts';
import { type ContainerUsage, podScrape, scrapePods } from './usage.ts';
import { isWatch } from './watch.ts';

export const METRICS_GROUP = 'metrics.k8s.io';
const API_VERSION = `${METRICS_GROUP}/v1beta1`;
/** metrics-server's resolution, for a window when there is no series to read one from. */
const DEFAULT_WINDOW_MS = 15_000;

function metricsType(kind: string, plural: string, namespaced: boolean): ResourceType {
  return {
    group: METRICS_GROUP,
    version: 'v1beta1',
    plural,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    shortNames: [],
    categories: [],
    subresources: [],
    verbs: ['get', 'list'],
  };
}

const POD_METRICS = metricsType('PodMetrics', 'pods', true);
const NODE_METRICS = metricsType('NodeMetrics', 'nodes', false);

export const METRICS_RESOURCES: readonly ResourceType[] = [POD_METRICS, NODE_METRICS];

/** The metrics types, served when the world has metric series (metrics-server is installed). */
export function metricsResources(cluster: Cluster): readonly ResourceType[] {
  return cluster.world.metrics ? METRICS_RESOURCES : [];
}

/** Answers a GET of PodMetrics or NodeMetrics (already authorized). */
export function serveMetrics(cluster: Cluster, req: ApiRequest, target: Target): Reply {
  if (req.method !== 'GET' || isWatch(req)) throw methodNotAllowed(req.method, target.type.plural);
  const query: ListQuery =
    target.name === undefined ? parseListQuery(req.params, target.type) : { labels: [], fields: [] };
  const selected = (object: KubeObject) => matchesQuery(query, object);
  const items =
    target.type === POD_METRICS
      ? podMetrics(cluster, target.namespace, selected)
      : nodeMetrics(cluster, selected);
  if (target.name !== undefined) {
    const found = items.find((item) => item.metadata.name === target.name);
    if (!found) {
      const what = target.namespace ? `${target.namespace}/${target.name}` : target.name;
      throw new KubeError(
        404,
        'NotFound',
        `${target.type.kind.toLowerCase()}.${METRICS_GROUP} "${what}" not found`,
        {
          name: target.name,
          group: METRICS_GROUP,
          kind: target.type.plural,
        },
      );
    }
    return { code: 200, body: { kind: target.type.kind, apiVersion: API_VERSION, ...found } };
  }
  return {
    code: 200,
    body: { kind: `${target.type.kind}List`, apiVersion: API_VERSION, metadata: {}, items },
  };
}

interface MetricsItem {
  metadata: { name: string; namespace?: string; creationTimestamp: string; labels?: Record<string, string> };
  timestamp: string;
  window: string;
  containers?: { name: string; usage: Usage }[];
  usage?: Usage;
}

type Usage = { cpu: string; memory: string };

type ContainerStatus = { name: string; state?: { running?: unknown } };

interface PodReading {
  pod: KubeObject;
  timestamp: number;
  window: number;
  containers: { name: string; usage: ContainerUsage }[];
}

/** The Running pods with usage (of their running containers that have series). */
function podUsages(
  cluster: Cluster,
  namespace: string | undefined,
  selected: (pod: KubeObject) => boolean,
): PodReading[] {
  const scrapes = scrapePods(cluster.world.metrics!, cluster.now().getTime(), namespace);
  return cluster.list('Pod', namespace).flatMap((pod) => {
    if (!selected(pod)) return [];
    const scrape = podScrape(scrapes, pod.metadata.namespace ?? '', pod.metadata.name);
    if (!scrape || pod.status?.phase !== 'Running') return [];
    const containers = ((pod.status.containerStatuses ?? []) as ContainerStatus[])
      .filter((s) => s.state?.running && scrape.containers.has(s.name))
      .map((s) => ({ name: s.name, usage: scrape.containers.get(s.name)! }));
    return containers.length ? [{ pod, timestamp: scrape.timestamp, window: scrape.window, containers }] : [];
  });
}

function podMetrics(
  cluster: Cluster,
  namespace: string | undefined,
  selected: (pod: KubeObject) => boolean,
): MetricsItem[] {
  return podUsages(cluster, namespace, selected).map(({ pod, timestamp, window, containers }) => ({
    ...itemMeta(cluster, pod, timestamp, window),
    containers: containers.map(({ name, usage }) => ({ name, usage: quantities(usage) })),
  }));
}

function nodeMetrics(cluster: Cluster, selected: (node: KubeObject) => boolean): MetricsItem[] {
  const byNode = new Map<string, ContainerUsage & { timestamp: number; window: number }>();
  for (const { pod, timestamp, window, containers } of podUsages(cluster, undefined, () => true)) {
    const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    if (!node) continue;
    const sum = byNode.get(node) ?? { cpu: 0, memory: 0, timestamp, window };
    for (const { usage } of containers) {
      sum.cpu += usage.cpu;
      sum.memory += usage.memory;
    }
    byNode.set(node, { ...sum, timestamp: Math.max(sum.timestamp, timestamp) });
  }
  const now = cluster.now().getTime();
  return cluster.list('Node').flatMap((node) => {
    if (!selected(node)) return [];
    const conditions = (node.status?.conditions ?? []) as { type: string; status: string }[];
    if (!conditions.some((c) => c.type === 'Ready' && c.status === 'True')) return [];
    const sum = byNode.get(node.metadata.name) ?? {
      cpu: 0,
      memory: 0,
      timestamp: now,
      window: DEFAULT_WINDOW_MS,
    };
    return [{ ...itemMeta(cluster, node, sum.timestamp, sum.window), usage: quantities(sum) }];
  });
}

function itemMeta(cluster: Cluster, object: KubeObject, timestamp: number, window: number): MetricsItem {
  const { name, namespace, labels } = object.metadata;
  return {
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      creationTimestamp: cluster.nowIso(),
      ...(labels ? { labels } : {}),
    },
    timestamp: new Date(timestamp).toISOString().replace(/\.000Z$/, 'Z'),
    window: goDuration(window),
  };
}

/** CPU in nanocores and memory in bytes (Ki when whole), as metrics-server writes them. */
function quantities(usage: ContainerUsage): Usage {
  const bytes = Math.round(usage.memory);
  return {
    cpu: `${Math.round(usage.cpu * 1e9)}n`,
    memory: bytes % 1024 === 0 ? `${bytes / 1024}Ki` : String(bytes),
  };
}

/** `15s`, `1m0s`, `1h0m30s`: a window as Go's time.Duration prints it. */
function goDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  if (h) return `${h}h${m}m${s}s`;
  return m ? `${m}m${s}s` : `${s}s`;
}
