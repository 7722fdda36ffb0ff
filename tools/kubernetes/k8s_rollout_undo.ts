// Roll a Deployment, StatefulSet or DaemonSet back to an earlier revision (by default the
// previous release: the newest earlier revision that is not merely the current template
// restarted, where `kubectl rollout undo` would go back to the same release), as
// `kubectl rollout undo --to-revision` does: the pod template is set back to that
// revision's, exactly (a JSON merge patch from the live template), and the controller
// rolls the pods over. Revisions are the workload's own: ReplicaSets or ControllerRevisions
// it controls, never one that merely carries its labels or sits in another namespace.

import { z } from 'zod';
import { defineTool, mutateArgs } from '../../src/tool.ts';
import { clusterArg, kubeRef, kubernetes, kubeTarget, namespaceArg } from './common.ts';
import { rolloutImpact } from './impact.ts';
import { RESTARTED_AT } from './k8s_rollout_restart.ts';
import { mergePatch } from './merge-patch.ts';
import { rolloutContext } from './rollout-state.ts';
import { diff, WORKLOAD_KINDS, workloadRevisions } from './workloads.ts';

export default defineTool({
  name: 'k8s_rollout_undo',
  title: 'Rollouts: Undo',
  description:
    'Roll back (default: to the previous release, past restarts): the fix for a bad release. Check k8s_rollout_history first.',
  kind: 'mutate',
  untrusted: ['$.changes[*].path', '$.changes[*].from', '$.changes[*].to'],
  annotations: { destructive: true, idempotent: false },
  input: z
    .object({
      cluster: clusterArg,
      namespace: namespaceArg,
      kind: z.enum(WORKLOAD_KINDS).default('Deployment'),
      name: z.string().min(1),
      toRevision: z.number().int().min(1).optional(),
      ...mutateArgs,
    })
    .strict(),
  output: z.object({
    workload: z.string(),
    dryRun: z.boolean(),
    fromRevision: z.number(),
    toRevision: z.number(),
    images: z.array(z.string()),
    changes: z.array(
      z.object({ path: z.string(), from: z.unknown().optional(), to: z.unknown().optional() }),
    ),
    message: z.string(),
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, args),
  context: rolloutContext,
  impact: async (args, ctx) => rolloutImpact(await kubernetes(ctx.backends).get(kubeRef(args.kind, args))),
  snapshot: async (args, ctx) => (await workloadRevisions(kubernetes(ctx.backends), args)).workload,
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const { workload, revisions } = await workloadRevisions(kube, args);
    const ref = `${args.kind} ${args.namespace}/${args.name}`;
    const current = revisions.find((r) => r.current) ?? revisions.at(-1);
    if (!current) throw new Error(`${ref} has no revisions to roll back to`);
    // The previous release: a restart makes a revision of its own, and rolling back to the
    // same template restarted would leave the bad release running.
    const target = args.toRevision
      ? revisions.find((r) => r.revision === args.toRevision)
      : revisions
          .filter((r) => r.revision < current.revision && !restartOf(r.template, current.template))
          .at(-1);
    const skipped = args.toRevision
      ? []
      : revisions.filter((r) => r.revision > (target?.revision ?? 0) && r.revision < current.revision);
    const known = revisions.map((r) => r.revision).join(', ');
    if (!target) {
      throw new Error(
        args.toRevision
          ? `revision ${args.toRevision} of ${ref} does not exist (known: ${known}); k8s_rollout_history lists them`
          : `${ref} has no revision before ${current.revision} (known: ${known})`,
      );
    }
    if (target.revision === current.revision)
      throw new Error(`${ref} is already at revision ${target.revision}`);
    const liveTemplate = (workload.spec as { template?: unknown }).template ?? {};
    await kube.patch(
      kubeRef(args.kind, args),
      { spec: { template: mergePatch(liveTemplate, target.template) } },
      'merge',
      { dryRun: args.dryRun },
    );
    const images = target.images.join(', ');
    return {
      workload: `${args.kind}/${args.namespace}/${args.name}`,
      dryRun: args.dryRun,
      fromRevision: current.revision,
      toRevision: target.revision,
      images: target.images,
      changes: diff(liveTemplate, target.template),
      message: args.dryRun
        ? `dry run: would roll ${ref} back from revision ${current.revision} to ${target.revision} (${images}); nothing changed`
        : `rolling ${ref} back to revision ${target.revision} (${images})${skippedText(skipped)}; follow with k8s_rollout_status`,
    };
  },
});

/** Whether two pod templates differ only by a restart (`kubectl rollout restart`'s annotation). */
function restartOf(a: unknown, b: unknown): boolean {
  return diff(a, b).every((change) => change.path === `metadata.annotations.${RESTARTED_AT}`);
}

function skippedText(skipped: readonly { revision: number }[]): string {
  if (!skipped.length) return '';
  const which = skipped.map((r) => r.revision).join(', ');
  return `, past revision${skipped.length > 1 ? 's' : ''} ${which}: restarts of the current release`;
}
