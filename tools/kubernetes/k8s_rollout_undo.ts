// Roll a Deployment back to an earlier revision (the previous one by default), as
// `kubectl rollout undo` does: the Deployment's pod template is set back to that
// revision's, exactly, and the controller rolls the pods over.

import { z } from 'zod';
import { defineTool, mutateArgs } from '../../src/tool.ts';
import { clusterArg, kubeRef, kubernetes, kubeTarget, namespaceArg } from './common.ts';
import { rollingImpact } from './impact.ts';
import { mergePatch } from './merge-patch.ts';
import { deploymentContext } from './rollout-state.ts';
import { deploymentRevisions, diff } from './workloads.ts';

export default defineTool({
  name: 'k8s_rollout_undo',
  title: 'Rollouts: Undo',
  description:
    'Roll a Deployment back (default: one revision): the fix for a bad release. Check k8s_rollout_history first.',
  kind: 'mutate',
  untrusted: ['$.changes[*].from', '$.changes[*].to'],
  annotations: { destructive: true, idempotent: false },
  input: z
    .object({
      cluster: clusterArg,
      namespace: namespaceArg,
      name: z.string().min(1),
      toRevision: z.number().int().min(1).optional(),
      ...mutateArgs,
    })
    .strict(),
  output: z.object({
    deployment: z.string(),
    dryRun: z.boolean(),
    fromRevision: z.number(),
    toRevision: z.number(),
    images: z.array(z.string()),
    changes: z.array(
      z.object({ path: z.string(), from: z.unknown().optional(), to: z.unknown().optional() }),
    ),
    message: z.string(),
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: 'Deployment' }),
  context: deploymentContext,
  impact: async (args, ctx) => rollingImpact(await kubernetes(ctx.backends).get(kubeRef('Deployment', args))),
  snapshot: async (args, ctx) => (await deploymentRevisions(kubernetes(ctx.backends), args)).deployment,
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const { deployment, revisions } = await deploymentRevisions(kube, args);
    const current = revisions.find((r) => r.current) ?? revisions.at(-1);
    if (!current) throw new Error(`${args.namespace}/${args.name} has no revisions to roll back to`);
    const target = args.toRevision
      ? revisions.find((r) => r.revision === args.toRevision)
      : revisions.filter((r) => r.revision < current.revision).at(-1);
    const known = revisions.map((r) => r.revision).join(', ');
    if (!target) {
      throw new Error(
        args.toRevision
          ? `revision ${args.toRevision} of ${args.namespace}/${args.name} does not exist (known: ${known})`
          : `${args.namespace}/${args.name} has no revision before ${current.revision} (known: ${known})`,
      );
    }
    if (target.revision === current.revision)
      throw new Error(`${args.namespace}/${args.name} is already at revision ${target.revision}`);
    const liveTemplate = (deployment.spec as { template?: unknown }).template ?? {};
    await kube.patch(
      kubeRef('Deployment', args),
      { spec: { template: mergePatch(liveTemplate, target.template) } },
      'merge',
      { dryRun: args.dryRun },
    );
    return {
      deployment: `${args.namespace}/${args.name}`,
      dryRun: args.dryRun,
      fromRevision: current.revision,
      toRevision: target.revision,
      images: target.images,
      changes: diff(liveTemplate, target.template),
      message: args.dryRun
        ? `dry run: would roll back from revision ${current.revision} to ${target.revision} (${target.images.join(', ')}); nothing changed`
        : `rolling back to revision ${target.revision} (${target.images.join(', ')}); follow with k8s_rollout_status`,
    };
  },
});
