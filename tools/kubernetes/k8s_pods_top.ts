// Live CPU and memory of pods from the metrics API (metrics-server), beside their requests
// and limits: who is hot, and who is near the memory limit that will OOM-kill it. Only the
// top N by one measure come back, so a big cluster never floods the context.

import { z } from 'zod';
import { listAll } from '../../src/backends/kubernetes/list-all.ts';
import type { KubeObject, PodUsage } from '../../src/backends/kubernetes/types.ts';
import { defineTool } from '../../src/tool.ts';
import { clusterArg, kubernetes, kubeTarget, labelSelectorArg, namespaceNameArg } from './common.ts';
import {
  type Amounts,
  containerResources,
  cutHint,
  latestTimestamp,
  mib,
  millicores,
  percent,
  podResources,
  shown,
  topLimitArg,
} from './usage.ts';

const SORTS = ['cpu', 'memory', 'cpuOfLimit', 'memoryOfLimit'] as const;

const amountsSchema = z.object({ cpuMillicores: z.number().optional(), memoryMiB: z.number().optional() });

export default defineTool({
  name: 'k8s_pods_top',
  title: 'Pods: Top',
  description:
    'Live CPU/memory per pod (metrics-server), requests, limits, % of limit; top N. sortBy memoryOfLimit: who nears an OOM kill. Next: k8s_pod_logs, prom_query.',
  kind: 'read',
  input: z
    .object({
      cluster: clusterArg,
      namespace: namespaceNameArg.optional().describe('Omit for all'),
      labelSelector: labelSelectorArg,
      sortBy: z.enum(SORTS).default('cpu'),
      limit: topLimitArg,
    })
    .strict(),
  output: z.object({
    cluster: z.string(),
    namespace: z.string().describe('"*" for all namespaces'),
    timestamp: z.string().optional(),
    total: z.number(),
    totals: amountsSchema,
    pods: z.array(
      z.object({
        namespace: z.string(),
        name: z.string(),
        cpuMillicores: z.number(),
        memoryBytes: z.number(),
        memoryMiB: z.number(),
        requests: amountsSchema.optional(),
        limits: amountsSchema.optional(),
        cpuOfLimitPercent: z.number().optional(),
        memoryOfLimitPercent: z.number().optional(),
        containers: z.array(z.object({ name: z.string() })).optional(),
      }),
    ),
    withoutMetrics: z.number().optional(),
    hint: z.string().optional(),
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: 'Pod' }),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const scope = {
      ...(args.cluster ? { cluster: args.cluster } : {}),
      ...(args.namespace ? { namespace: args.namespace } : {}),
      ...(args.labelSelector ? { labelSelector: args.labelSelector } : {}),
    };
    const [metrics, pods] = await Promise.all([
      kube.podMetrics(scope),
      listAll(kube, { kind: 'Pod', ...scope }),
    ]);
    const key = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;
    const specs = new Map(pods.map((pod) => [key(pod.metadata.namespace, pod.metadata.name), pod]));
    const rows = metrics.map((m) => podRow(m, specs.get(key(m.namespace, m.name))));
    const measure = (row: (typeof rows)[number]) =>
      ({
        cpu: row.cpuMillicores,
        memory: row.memoryBytes,
        cpuOfLimit: row.cpuOfLimitPercent ?? -1,
        memoryOfLimit: row.memoryOfLimitPercent ?? -1,
      })[args.sortBy];
    rows.sort(
      (a, b) => measure(b) - measure(a) || b.memoryBytes - a.memoryBytes || a.name.localeCompare(b.name),
    );
    const measured = new Set(metrics.map((m) => key(m.namespace, m.name)));
    const withoutMetrics = pods.filter(
      (pod) => isRunning(pod) && !measured.has(key(pod.metadata.namespace, pod.metadata.name)),
    ).length;
    const where = args.namespace ? `namespace ${args.namespace}` : 'any namespace';
    const hints = [
      rows.length
        ? cutHint(args.limit, rows.length, args.sortBy, 'narrow with namespace or labelSelector')
        : `No pod metrics in ${where}${args.labelSelector ? ` with ${args.labelSelector}` : ''}; pods that are not Running have none (k8s_pods_list shows them).`,
      withoutMetrics
        ? `${withoutMetrics} running pod(s) have no metrics yet (just started, or not scraped yet).`
        : undefined,
    ].filter(Boolean);
    const timestamp = latestTimestamp(metrics);
    return {
      cluster: args.cluster ?? kube.clusters()[0] ?? '',
      namespace: args.namespace ?? '*',
      ...(timestamp ? { timestamp } : {}),
      total: rows.length,
      totals: shown({
        cpuCores: metrics.reduce((sum, m) => sum + m.containers.reduce((s, c) => s + c.cpuCores, 0), 0),
        memoryBytes: metrics.reduce((sum, m) => sum + m.containers.reduce((s, c) => s + c.memoryBytes, 0), 0),
      }),
      pods: rows.slice(0, args.limit),
      ...(withoutMetrics ? { withoutMetrics } : {}),
      ...(hints.length ? { hint: hints.join(' ') } : {}),
    };
  },
});

/** Running with a container up: what metrics-server would have scraped (a crash loop is not). */
function isRunning(pod: KubeObject): boolean {
  const statuses = (pod.status?.containerStatuses ?? []) as { state?: { running?: unknown } }[];
  return pod.status?.phase === 'Running' && statuses.some((s) => s.state?.running);
}

function podRow(usage: PodUsage, pod: KubeObject | undefined) {
  const resources = containerResources(pod);
  const { requests, limits } = podResources(resources);
  const cpu = usage.containers.reduce((sum, c) => sum + c.cpuCores, 0);
  const memory = usage.containers.reduce((sum, c) => sum + c.memoryBytes, 0);
  const cpuOfLimit = percent(cpu, limits.cpuCores);
  const memoryOfLimit = percent(memory, limits.memoryBytes);
  const nonEmpty = (amounts: Amounts) => (Object.keys(amounts).length ? shown(amounts) : undefined);
  const requested = nonEmpty(requests);
  const limited = nonEmpty(limits);
  return {
    namespace: usage.namespace,
    name: usage.name,
    cpuMillicores: millicores(cpu),
    memoryBytes: memory,
    memoryMiB: mib(memory),
    ...(requested ? { requests: requested } : {}),
    ...(limited ? { limits: limited } : {}),
    ...(cpuOfLimit !== undefined ? { cpuOfLimitPercent: cpuOfLimit } : {}),
    ...(memoryOfLimit !== undefined ? { memoryOfLimitPercent: memoryOfLimit } : {}),
    // Which container is near its own limit matters once there is more than one.
    ...(usage.containers.length > 1
      ? {
          containers: usage.containers.map((c) => {
            const ofLimit = percent(c.memoryBytes, resources.get(c.name)?.limits.memoryBytes);
            return {
              name: c.name,
              cpuMillicores: millicores(c.cpuCores),
              memoryMiB: mib(c.memoryBytes),
              ...(ofLimit !== undefined ? { memoryOfLimitPercent: ofLimit } : {}),
            };
          }),
        }
      : {}),
  };
}
