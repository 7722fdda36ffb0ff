// Nodes with what matters during an incident: readiness and pressure conditions,
// whether pods can be scheduled, allocatable resources and how many pods run there.

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { clusterArg, kubernetes, nodeTarget } from './common.ts';

export default defineTool({
  name: 'k8s_nodes_list',
  title: 'Nodes: List',
  description:
    'Nodes: conditions, cordoned, allocatable, pod count; problems first. Next: k8s_pods_list with fieldSelector spec.nodeName=<node>.',
  kind: 'read',
  input: z
    .object({
      cluster: clusterArg,
      labelSelector: z.string().min(1).optional(),
    })
    .strict(),
  output: z.object({
    nodes: z.array(
      z.object({
        name: z.string(),
        ready: z.boolean(),
        schedulable: z.boolean(),
        problems: z.array(z.string()),
        allocatable: z.record(z.string(), z.string()),
        pods: z.number(),
        zone: z.string().optional(),
      }),
    ),
  }),
  target: (args, ctx) => nodeTarget(ctx.backends, args),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const cluster = args.cluster ? { cluster: args.cluster } : {};
    const [nodes, pods] = await Promise.all([
      kube.list({
        kind: 'Node',
        ...cluster,
        ...(args.labelSelector ? { labelSelector: args.labelSelector } : {}),
      }),
      kube.list({ kind: 'Pod', ...cluster, fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed' }),
    ]);
    const podsPerNode = new Map<string, number>();
    for (const pod of pods.items) {
      const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
      if (node) podsPerNode.set(node, (podsPerNode.get(node) ?? 0) + 1);
    }
    const rows = nodes.items.map((node) => {
      const status = (node.status ?? {}) as {
        conditions?: { type: string; status: string; reason?: string }[];
        allocatable?: Record<string, string>;
      };
      const conditions = status.conditions ?? [];
      const ready = conditions.find((c) => c.type === 'Ready')?.status === 'True';
      const schedulable = !(node.spec as { unschedulable?: boolean } | undefined)?.unschedulable;
      const problems = [
        ...(ready ? [] : ['NotReady']),
        ...conditions.filter((c) => c.type !== 'Ready' && c.status === 'True').map((c) => c.type),
        ...(schedulable ? [] : ['SchedulingDisabled']),
      ];
      const zone = node.metadata.labels?.['topology.kubernetes.io/zone'];
      return {
        name: node.metadata.name,
        ready,
        schedulable,
        problems,
        allocatable: status.allocatable ?? {},
        pods: podsPerNode.get(node.metadata.name) ?? 0,
        ...(zone ? { zone } : {}),
      };
    });
    rows.sort((a, b) => b.problems.length - a.problems.length || a.name.localeCompare(b.name));
    return { nodes: rows };
  },
});
