// Live usage from metrics.k8s.io (metrics-server, or anything serving its API), read with the
// same connection and credentials as any resource, so the cluster's RBAC applies. A cluster
// that does not serve the group answers 404, which means metrics-server is missing, not
// that a pod is: the error says so instead of "not found".

import { ApiException } from '@kubernetes/client-node';
import { parseQuantity } from '../../sandbox/scenario/quantity.ts';
import type { ObjectApi } from './any-resource.ts';
import { KubeError, type KubeMetricsQuery, type KubeUsage, type NodeUsage, type PodUsage } from './types.ts';

const GROUP_PATH = '/apis/metrics.k8s.io/v1beta1';

type Usage = { cpu?: string; memory?: string };
interface RawMetrics {
  metadata: { name: string; namespace?: string };
  timestamp?: string;
  window?: string;
  containers?: { name: string; usage?: Usage }[];
  usage?: Usage;
}

export async function readPodMetrics(
  api: ObjectApi,
  cluster: string,
  q: KubeMetricsQuery,
): Promise<PodUsage[]> {
  const scope = q.namespace ? `/namespaces/${encodeURIComponent(q.namespace)}` : '';
  const items = await metricsList(api, cluster, `${GROUP_PATH}${scope}/pods`, q.labelSelector);
  return items.map((item) => ({
    namespace: item.metadata.namespace ?? '',
    name: item.metadata.name,
    ...when(item),
    containers: (item.containers ?? []).map((c) => ({ name: c.name, ...usage(c.usage) })),
  }));
}

export async function readNodeMetrics(
  api: ObjectApi,
  cluster: string,
  q: Omit<KubeMetricsQuery, 'namespace'>,
): Promise<NodeUsage[]> {
  const items = await metricsList(api, cluster, `${GROUP_PATH}/nodes`, q.labelSelector);
  return items.map((item) => ({ name: item.metadata.name, ...when(item), ...usage(item.usage) }));
}

async function metricsList(
  api: ObjectApi,
  cluster: string,
  path: string,
  labelSelector: string | undefined,
): Promise<RawMetrics[]> {
  try {
    const list = (await api.getJson(path, { labelSelector })) as { items?: RawMetrics[] };
    return list.items ?? [];
  } catch (err) {
    if (!(err instanceof ApiException)) throw err;
    if (err.code === 404)
      throw new KubeError(
        `metrics.k8s.io is not served by cluster ${cluster} (is metrics-server installed?)`,
        404,
      );
    if (err.code === 503)
      throw new KubeError(
        `metrics.k8s.io is unavailable on cluster ${cluster} (HTTP 503): is metrics-server running and ready?`,
        503,
      );
    throw err;
  }
}

function when(item: RawMetrics): { timestamp: string; windowSeconds: number } {
  return { timestamp: item.timestamp ?? '', windowSeconds: goSeconds(item.window ?? '') };
}

function usage(raw: Usage | undefined): KubeUsage {
  const read = (text: string | undefined) => {
    try {
      return text ? parseQuantity(text) : 0;
    } catch {
      return 0;
    }
  };
  return { cpuCores: read(raw?.cpu), memoryBytes: Math.round(read(raw?.memory)) };
}

const DURATION_UNITS: Record<string, number> = {
  h: 3600,
  m: 60,
  s: 1,
  ms: 1e-3,
  us: 1e-6,
  µs: 1e-6,
  ns: 1e-9,
};

/** A Go duration (`15s`, `1m0s`, `20.5s`) in seconds; 0 when it is not one. */
function goSeconds(text: string): number {
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g))
    seconds += Number(amount) * DURATION_UNITS[unit!]!;
  return seconds;
}
