// Change a Deployment's replica count. Scaling down puts the removed share of capacity
// at risk, which the policy's impact rule sees.

import { z } from 'zod';
import { defineTool, mutateArgs } from '../../src/tool.ts';
import { clusterArg, kubeRef, kubernetes, kubeTarget, namespaceArg } from './common.ts';
import { deploymentContext } from './rollout-state.ts';

export default defineTool({
  name: 'k8s_deployment_scale',
  title: 'Deployments: Scale',
  description: "Set a Deployment's replicas; a large cut escalates. Next: k8s_rollout_status.",
  kind: 'mutate',
  annotations: { destructive: true, idempotent: true },
  input: z
    .object({
      cluster: clusterArg,
      namespace: namespaceArg,
      name: z.string().min(1),
      replicas: z.number().int().min(0).max(1000),
      ...mutateArgs,
    })
    .strict(),
  output: z.object({
    deployment: z.string(),
    dryRun: z.boolean(),
    replicasBefore: z.number(),
    replicas: z.number(),
    message: z.string(),
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: 'Deployment' }),
  context: deploymentContext,
  impact: async (args, ctx) => {
    const current = await currentReplicas(ctx.backends, args);
    return {
      pods: Math.abs(current - args.replicas),
      replicas: args.replicas,
      fractionOfService: current ? Math.max(0, current - args.replicas) / current : 0,
      reversible: true,
    };
  },
  snapshot: (args, ctx) => kubernetes(ctx.backends).get(kubeRef('Deployment', args)),
  handler: async (ctx, args) => {
    const before = await currentReplicas(ctx.backends, args);
    await kubernetes(ctx.backends).patch(
      kubeRef('Deployment', args),
      { spec: { replicas: args.replicas } },
      'merge',
      { dryRun: args.dryRun },
    );
    const what = `${args.namespace}/${args.name} from ${before} to ${args.replicas} replicas`;
    return {
      deployment: `${args.namespace}/${args.name}`,
      dryRun: args.dryRun,
      replicasBefore: before,
      replicas: args.replicas,
      message: args.dryRun ? `dry run: would scale ${what}; nothing changed` : `scaled ${what}`,
    };
  },
});

async function currentReplicas(
  backends: Parameters<typeof kubernetes>[0],
  args: { cluster?: string | undefined; namespace: string; name: string },
): Promise<number> {
  const d = await kubernetes(backends).get(kubeRef('Deployment', args));
  return (d.spec as { replicas?: number }).replicas ?? 1;
}
