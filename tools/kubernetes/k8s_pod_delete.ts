// Delete one pod; its controller replaces it. Often the wrong move (it hides the cause
// and loses the crashed container's state), so the description says when it is right.
// Its target names the pod's workload: policy history counts the delete against it, like
// a rollout restart (a workload's pods deleted one by one are a restart loop).

import { z } from 'zod';
import { defineTool, mutateArgs } from '../../src/tool.ts';
import { clusterArg, kubeRef, kubernetes, kubeTarget, namespaceArg } from './common.ts';
import { podOwner } from './pod-owner.ts';

export default defineTool({
  name: 'k8s_pod_delete',
  title: 'Pods: Delete',
  description:
    'Delete a pod for its controller to replace; its crash state goes too (k8s_pod_logs previous: true first). No controller: gone for good.',
  kind: 'mutate',
  annotations: { destructive: true, idempotent: false },
  input: z
    .object({
      cluster: clusterArg,
      namespace: namespaceArg,
      name: z.string().min(1),
      gracePeriodSeconds: z.number().int().min(0).max(3600).optional(),
      ...mutateArgs,
    })
    .strict(),
  output: z.object({
    pod: z.string(),
    dryRun: z.boolean(),
    owner: z.string().optional().describe('Controller that will replace it'),
    message: z.string(),
  }),
  target: async (args, ctx) => {
    const { workload } = await podOwner(kubernetes(ctx.backends), args);
    return {
      ...(await kubeTarget(ctx.backends, { ...args, kind: 'Pod' })),
      ...(workload ? { workload } : {}),
    };
  },
  impact: async (args, ctx) => {
    const { replicaSet, workload } = await podOwner(kubernetes(ctx.backends), args);
    if (!replicaSet) return { pods: 1, reversible: Boolean(workload) };
    const replicas = (replicaSet.spec as { replicas?: number }).replicas ?? 1;
    return { pods: 1, replicas, fractionOfService: replicas ? 1 / replicas : 1, reversible: true };
  },
  snapshot: (args, ctx) => kubernetes(ctx.backends).get(kubeRef('Pod', args)),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const pod = await kube.get(kubeRef('Pod', args));
    const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
    await kube.delete(kubeRef('Pod', args), {
      dryRun: args.dryRun,
      ...(args.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: args.gracePeriodSeconds } : {}),
    });
    const replaced = owner
      ? `; ${owner.kind}/${owner.name} will replace it`
      : '; it has no controller and will not come back';
    return {
      pod: `${args.namespace}/${args.name}`,
      dryRun: args.dryRun,
      ...(owner ? { owner: `${owner.kind}/${owner.name}` } : {}),
      message: `${args.dryRun ? 'dry run: would delete' : 'deleted'} pod ${args.namespace}/${args.name}${replaced}`,
    };
  },
});
