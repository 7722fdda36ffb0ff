// Live CPU and memory of nodes from the metrics API (metrics-server) against what each node
// can give its pods (allocatable): where the cluster runs hot, before the scheduler or the
// kubelet's evictions say so. Nodes metrics-server cannot scrape (NotReady) are named.

import { z } from 'zod';
import { listAll } from '../../src/backends/kubernetes/list-all.ts';
import { defineTool } from '../../src/tool.ts';
import { clusterArg, kubernetes, labelSelectorArg, nodeTarget } from './common.ts';
import { cutHint, latestTimestamp, mib, millicores, percent, quantity, shown, topLimitArg } from './usage.ts';

export default defineTool({
  name: 'k8s_nodes_top',
  title: 'Nodes: Top',
  description: 'Live CPU/memory per node (metrics-server), % of allocatable; top N. Next: k8s_pods_top.',
  kind: 'read',
  input: z
    .object({
      cluster: clusterArg,
      labelSelector: labelSelectorArg,
      sortBy: z.enum(['cpu', 'memory']).default('cpu'),
      limit: topLimitArg,
    })
    .strict(),
  output: z.object({
    cluster: z.string(),
    timestamp: z.string().optional(),
    total: z.number(),
    nodes: z.array(
      z.object({
        name: z.string(),
        cpuMillicores: z.number(),
        cpuPercent: z.number().optional(),
        memoryBytes: z.number(),
        memoryMiB: z.number(),
        memoryPercent: z.number().optional(),
        allocatable: z.object({ cpuMillicores: z.number().optional(), memoryMiB: z.number().optional() }),
      }),
    ),
    withoutMetrics: z.array(z.string()).optional(),
    hint: z.string().optional(),
  }),
  target: (args, ctx) => nodeTarget(ctx.backends, args),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const scope = {
      ...(args.cluster ? { cluster: args.cluster } : {}),
      ...(args.labelSelector ? { labelSelector: args.labelSelector } : {}),
    };
    const [metrics, nodes] = await Promise.all([
      kube.nodeMetrics(scope),
      listAll(kube, { kind: 'Node', ...scope }),
    ]);
    const allocatable = new Map(
      nodes.map((node) => {
        const { cpu, memory } = ((node.status as { allocatable?: Record<string, string> } | undefined)
          ?.allocatable ?? {}) as Record<string, string | undefined>;
        return [node.metadata.name, { cpuCores: quantity(cpu), memoryBytes: quantity(memory) }] as const;
      }),
    );
    const rows = metrics.map((m) => {
      const of = allocatable.get(m.name) ?? { cpuCores: undefined, memoryBytes: undefined };
      const cpuPercent = percent(m.cpuCores, of.cpuCores);
      const memoryPercent = percent(m.memoryBytes, of.memoryBytes);
      return {
        name: m.name,
        cpuMillicores: millicores(m.cpuCores),
        ...(cpuPercent !== undefined ? { cpuPercent } : {}),
        memoryBytes: m.memoryBytes,
        memoryMiB: mib(m.memoryBytes),
        ...(memoryPercent !== undefined ? { memoryPercent } : {}),
        allocatable: shown({
          ...(of.cpuCores !== undefined ? { cpuCores: of.cpuCores } : {}),
          ...(of.memoryBytes !== undefined ? { memoryBytes: of.memoryBytes } : {}),
        }),
      };
    });
    const measure = (row: (typeof rows)[number]) =>
      args.sortBy === 'cpu' ? (row.cpuPercent ?? row.cpuMillicores) : (row.memoryPercent ?? row.memoryMiB);
    rows.sort((a, b) => measure(b) - measure(a) || a.name.localeCompare(b.name));
    const measured = new Set(metrics.map((m) => m.name));
    const withoutMetrics = nodes.map((n) => n.metadata.name).filter((name) => !measured.has(name));
    const hint = rows.length
      ? cutHint(args.limit, rows.length, args.sortBy, 'narrow with labelSelector')
      : `No node metrics${args.labelSelector ? ` for ${args.labelSelector}` : ''}; NotReady nodes have none (k8s_nodes_list shows them).`;
    const timestamp = latestTimestamp(metrics);
    return {
      cluster: args.cluster ?? kube.clusters()[0] ?? '',
      ...(timestamp ? { timestamp } : {}),
      total: rows.length,
      nodes: rows.slice(0, args.limit),
      ...(withoutMetrics.length ? { withoutMetrics } : {}),
      ...(hint ? { hint } : {}),
    };
  },
});
