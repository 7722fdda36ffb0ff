// What changed in a Deployment, StatefulSet or DaemonSet and when: its revisions (images,
// change-cause, creation time, replicas, which is current) and the pod-template diff
// between two, lists of named things matched by name (`spec.containers[app].env[DB_POOL_MAX]`).
// Deployments keep revisions as ReplicaSets, the others as ControllerRevisions.

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { clusterArg, kubernetes, kubeTarget, namespaceArg } from './common.ts';
import { diff, WORKLOAD_KINDS, workloadRevisions } from './workloads.ts';

export default defineTool({
  name: 'k8s_rollout_history',
  title: 'Rollouts: History',
  description:
    "A workload's revisions (images, change-cause) and the pod-template diff of two (default: last two). Next: k8s_rollout_undo.",
  kind: 'read',
  untrusted: [
    '$.revisions[*].changeCause',
    '$.diff.changes[*].path',
    '$.diff.changes[*].from',
    '$.diff.changes[*].to',
  ],
  input: z
    .object({
      cluster: clusterArg,
      namespace: namespaceArg,
      kind: z.enum(WORKLOAD_KINDS).default('Deployment'),
      name: z.string().min(1),
      compare: z
        .object({
          from: z.number().int().min(1),
          to: z.number().int().min(1),
        })
        .strict()
        .optional()
        .describe('Default: last two'),
    })
    .strict(),
  output: z.object({
    workload: z.string().describe('Kind/namespace/name'),
    currentRevision: z.number(),
    revisions: z.array(
      z.object({
        revision: z.number(),
        replicaSet: z.string().optional().describe('Deployments: the ReplicaSet of this revision'),
        controllerRevision: z
          .string()
          .optional()
          .describe('StatefulSets and DaemonSets: the ControllerRevision of this revision'),
        images: z.array(z.string()),
        changeCause: z.string().optional(),
        createdAt: z.string(),
        replicas: z.number(),
        current: z.boolean(),
      }),
    ),
    diff: z
      .object({
        from: z.number(),
        to: z.number(),
        changes: z.array(
          z.object({ path: z.string(), from: z.unknown().optional(), to: z.unknown().optional() }),
        ),
      })
      .optional(),
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, args),
  handler: async (ctx, args) => {
    const { kind } = args;
    const { revisions } = await workloadRevisions(kubernetes(ctx.backends), args);
    const current = revisions.find((r) => r.current)?.revision ?? revisions.at(-1)?.revision ?? 0;
    const pair =
      args.compare ?? (revisions.length >= 2 ? { from: revisions.at(-2)!.revision, to: current } : undefined);
    let changes: { from: number; to: number; changes: ReturnType<typeof diff> } | undefined;
    if (pair) {
      const from = revisions.find((r) => r.revision === pair.from);
      const to = revisions.find((r) => r.revision === pair.to);
      const known = revisions.map((r) => r.revision).join(', ');
      if (!from || !to)
        throw new Error(
          `revision ${!from ? pair.from : pair.to} of ${kind} ${args.namespace}/${args.name} does not exist (known: ${known})`,
        );
      changes = { from: pair.from, to: pair.to, changes: diff(from.template, to.template) };
    }
    return {
      workload: `${kind}/${args.namespace}/${args.name}`,
      currentRevision: current,
      revisions: revisions.map(({ template: _t, ...r }) => r),
      ...(changes ? { diff: changes } : {}),
    };
  },
});
