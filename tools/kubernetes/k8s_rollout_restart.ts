// A rolling restart, the way `kubectl rollout restart` does it: stamp the pod template
// so the controller replaces every pod. The default policy denies a fourth restart of one
// workload within an hour: a loop hides the cause.

import { z } from 'zod';
import { defineTool, mutateArgs } from '../../src/tool.ts';
import { clusterArg, kubeRef, kubernetes, kubeTarget, namespaceArg } from './common.ts';
import { rollingImpact } from './impact.ts';
import { deploymentContext } from './rollout-state.ts';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

const input = z
  .object({
    cluster: clusterArg,
    namespace: namespaceArg,
    name: z.string().min(1),
    ...mutateArgs,
  })
  .strict();

const deploymentRef = (args: z.output<typeof input>) => kubeRef('Deployment', args);

export default defineTool({
  name: 'k8s_rollout_restart',
  title: 'Rollouts: Restart',
  description:
    'Rolling restart of a Deployment: for a stuck process or a leak, not a bad release (k8s_rollout_undo). Loops are denied.',
  kind: 'mutate',
  annotations: { destructive: true, idempotent: false },
  input,
  output: z.object({
    deployment: z.string(),
    dryRun: z.boolean(),
    restartedAt: z.string(),
    replicas: z.number(),
    message: z.string(),
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: 'Deployment' }),
  context: deploymentContext,
  impact: async (args, ctx) => rollingImpact(await kubernetes(ctx.backends).get(deploymentRef(args))),
  snapshot: (args, ctx) => kubernetes(ctx.backends).get(deploymentRef(args)),
  handler: async (ctx, args) => {
    const restartedAt = ctx.clock.now().toISOString();
    const patched = await kubernetes(ctx.backends).patch(
      deploymentRef(args),
      { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: restartedAt } } } } },
      'strategic',
      { dryRun: args.dryRun },
    );
    const replicas = (patched.spec as { replicas?: number }).replicas ?? 1;
    return {
      deployment: `${args.namespace}/${args.name}`,
      dryRun: args.dryRun,
      restartedAt,
      replicas,
      message: args.dryRun
        ? `dry run: would replace ${replicas} pods of ${args.namespace}/${args.name}; nothing changed`
        : `restart of ${replicas} pods started; follow with k8s_rollout_status`,
    };
  },
});
