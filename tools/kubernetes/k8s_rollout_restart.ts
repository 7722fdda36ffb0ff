// A rolling restart, the way `kubectl rollout restart` does it: stamp the pod template of
// a Deployment, StatefulSet or DaemonSet so its controller replaces every pod, each kind
// its own way (impact.ts): a StatefulSet one pod at a time from the highest ordinal, a
// DaemonSet node by node. The default policy denies a fourth restart of one workload
// within an hour (a loop hides the cause) and wants a second person for a production
// DaemonSet, whose restart touches the pod on every node.

import { z } from 'zod';
import type { KubeObject } from '../../src/backends/kubernetes/types.ts';
import { defineTool, mutateArgs } from '../../src/tool.ts';
import { clusterArg, kubeRef, kubernetes, kubeTarget, namespaceArg } from './common.ts';
import { rolloutImpact } from './impact.ts';
import { rolloutContext } from './rollout-state.ts';
import { WORKLOAD_KINDS } from './workloads.ts';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

const input = z
  .object({
    cluster: clusterArg,
    namespace: namespaceArg,
    kind: z.enum(WORKLOAD_KINDS).default('Deployment'),
    name: z.string().min(1),
    ...mutateArgs,
  })
  .strict();

type Args = z.output<typeof input>;

const workloadRef = (args: Args) => kubeRef(args.kind, args);

/** How the controller will replace the pods, in a sentence (what `pods` pods means). */
function howItRolls(args: Args, workload: KubeObject, pods: number): string {
  const spec = (workload.spec ?? {}) as {
    replicas?: number;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
  };
  if (spec.updateStrategy?.type === 'OnDelete')
    return `updateStrategy OnDelete: no pod is replaced until it is deleted (k8s_pod_delete)`;
  if (args.kind === 'StatefulSet') {
    const replicas = spec.replicas ?? 1;
    const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    const lowest = Math.min(replicas - 1, partition);
    const order = `${args.name}-${replicas - 1} down to ${args.name}-${lowest}`;
    const kept = partition > 0 ? `; ordinals below ${partition} keep their pods (partition)` : '';
    return `${pods} pods replaced in order, one at a time from ${order}, each after the one before is Ready${kept}`;
  }
  if (args.kind === 'DaemonSet') return `the pod on each of ${pods} nodes replaced, node by node`;
  return `${pods} pods replaced`;
}

export default defineTool({
  name: 'k8s_rollout_restart',
  title: 'Rollouts: Restart',
  description:
    'Rolling restart: for a stuck process or a leak, not a bad release (k8s_rollout_undo). Loops are denied.',
  kind: 'mutate',
  annotations: { destructive: true, idempotent: false },
  input,
  output: z.object({
    workload: z.string(),
    dryRun: z.boolean(),
    restartedAt: z.string(),
    replicas: z.number(),
    message: z.string(),
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, args),
  context: rolloutContext,
  impact: async (args, ctx) => rolloutImpact(await kubernetes(ctx.backends).get(workloadRef(args))),
  snapshot: (args, ctx) => kubernetes(ctx.backends).get(workloadRef(args)),
  handler: async (ctx, args) => {
    const restartedAt = ctx.clock.now().toISOString();
    const patched = await kubernetes(ctx.backends).patch(
      workloadRef(args),
      { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: restartedAt } } } } },
      'strategic',
      { dryRun: args.dryRun },
    );
    const pods = rolloutImpact(patched).pods ?? 0;
    const how = howItRolls(args, patched, pods);
    const workload = `${args.kind}/${args.namespace}/${args.name}`;
    return {
      workload,
      dryRun: args.dryRun,
      restartedAt,
      replicas: pods,
      message: args.dryRun
        ? `dry run: would restart ${workload} (${how}); nothing changed`
        : `restart of ${workload} started: ${how}; follow with k8s_rollout_status`,
    };
  },
});
