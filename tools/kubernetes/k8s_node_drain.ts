// Drain a node the way `kubectl drain` does: cordon it, then evict its pods through the
// Eviction API so PodDisruptionBudgets are honoured. DaemonSet pods stay (their
// controller would put them right back); pods a budget protects, and pods no controller
// would recreate, are reported as blocked, never forced (kubectl needs --force for those).

import { z } from 'zod';
import type { KubeObject } from '../../src/backends/kubernetes/types.ts';
import { defineTool } from '../../src/tool.ts';
import { kubeRef, kubernetes, nodeChangeInput, nodeTarget } from './common.ts';

const controllerOf = (pod: KubeObject) => pod.metadata.ownerReferences?.find((o) => o.controller);

async function podsOnNode(
  backends: Parameters<typeof kubernetes>[0],
  args: { cluster?: string | undefined; name: string },
) {
  const { items } = await kubernetes(backends).list({
    kind: 'Pod',
    fieldSelector: `spec.nodeName=${args.name}`,
    ...(args.cluster ? { cluster: args.cluster } : {}),
  });
  const stays = (p: KubeObject) =>
    controllerOf(p)?.kind === 'DaemonSet' || Boolean(p.metadata.annotations?.['kubernetes.io/config.mirror']);
  const moving = items.filter((p) => !stays(p));
  return {
    evictable: moving.filter((p) => controllerOf(p)),
    unmanaged: moving.filter((p) => !controllerOf(p)),
    skipped: items.filter(stays),
  };
}

export default defineTool({
  name: 'k8s_node_drain',
  title: 'Nodes: Drain',
  description:
    'Cordon a node and evict its pods (not DaemonSets) via the Eviction API; pods a PodDisruptionBudget guards are reported, never forced.',
  kind: 'mutate',
  untrusted: ['$.blocked[*].reason'],
  annotations: { destructive: true, idempotent: true },
  input: nodeChangeInput,
  output: z.object({
    node: z.string(),
    dryRun: z.boolean(),
    evicted: z.array(z.string()),
    blocked: z.array(z.object({ pod: z.string(), reason: z.string() })),
    skipped: z.array(z.string()).describe('DaemonSet and mirror pods, left in place'),
    message: z.string(),
  }),
  target: (args, ctx) => nodeTarget(ctx.backends, args),
  impact: async (args, ctx) => {
    const { evictable } = await podsOnNode(ctx.backends, args);
    // The largest share of one workload that sits on this node is what the drain risks.
    const perOwner = new Map<string, number>();
    for (const pod of evictable) {
      const owner = controllerOf(pod);
      const key = `${pod.metadata.namespace}/${owner?.kind}/${owner?.name ?? pod.metadata.name}`;
      perOwner.set(key, (perOwner.get(key) ?? 0) + 1);
    }
    let fraction = 0;
    for (const [key, count] of perOwner) {
      const [namespace, kind, name] = key.split('/') as [string, string, string];
      if (kind !== 'ReplicaSet') {
        fraction = 1;
        continue;
      }
      const rs = await kubernetes(ctx.backends).get(
        kubeRef('ReplicaSet', { cluster: args.cluster, namespace, name }),
      );
      fraction = Math.max(fraction, count / ((rs.spec as { replicas?: number }).replicas || 1));
    }
    return { pods: evictable.length, fractionOfService: Math.min(1, fraction), reversible: true };
  },
  snapshot: async (args, ctx) => ({
    node: await kubernetes(ctx.backends).get(kubeRef('Node', args)),
    pods: (await podsOnNode(ctx.backends, args)).evictable.map(
      (p) => `${p.metadata.namespace}/${p.metadata.name}`,
    ),
  }),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    await kube.patch(kubeRef('Node', args), { spec: { unschedulable: true } }, 'merge', {
      dryRun: args.dryRun,
    });
    const { evictable, unmanaged, skipped } = await podsOnNode(ctx.backends, args);
    const evicted: string[] = [];
    const blocked = unmanaged.map((p) => ({
      pod: `${p.metadata.namespace}/${p.metadata.name}`,
      reason: 'no controller would recreate it: delete it deliberately with k8s_pod_delete if it must go',
    }));
    for (const pod of evictable) {
      const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
      try {
        await kube.evict(
          kubeRef('Pod', { ...args, namespace: pod.metadata.namespace, name: pod.metadata.name }),
          { dryRun: args.dryRun },
        );
        evicted.push(id);
      } catch (err) {
        blocked.push({ pod: id, reason: (err as Error).message });
      }
    }
    const verb = args.dryRun ? 'dry run: would evict' : 'evicted';
    return {
      node: args.name,
      dryRun: args.dryRun,
      evicted,
      blocked,
      skipped: skipped.map((p) => `${p.metadata.namespace}/${p.metadata.name}`),
      message: `${verb} ${evicted.length} pod(s) from ${args.name}${blocked.length ? `; ${blocked.length} blocked (see blocked[].reason): retry later, scale up first, or handle them one by one` : ''}`,
    };
  },
});
