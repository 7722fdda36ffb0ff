// Is the rollout done, progressing or stuck? A Deployment's, StatefulSet's or DaemonSet's
// counts (and a StatefulSet's revisions and partition), read the way `kubectl rollout
// status` reads them; StatefulSets and DaemonSets have no progress deadline, so a rollout
// of theirs is stuck when one of their pods says so (crash loop, image pull, unschedulable).

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { clusterArg, kubeRef, kubernetes, kubeTarget, namespaceArg } from './common.ts';
import { rolloutState, stuckReason } from './rollout-state.ts';
import { WORKLOAD_KINDS } from './workloads.ts';

export default defineTool({
  name: 'k8s_rollout_status',
  title: 'Rollouts: Status',
  description:
    'Rollout state (complete, progressing, stuck; manual: OnDelete) with counts. Stuck: k8s_pods_list.',
  kind: 'read',
  untrusted: ['$.message', '$.conditions[*].message'],
  input: z
    .object({
      cluster: clusterArg,
      namespace: namespaceArg,
      kind: z.enum(WORKLOAD_KINDS).default('Deployment'),
      name: z.string().min(1),
    })
    .strict(),
  output: z.object({
    workload: z.string(),
    state: z.enum(['complete', 'progressing', 'stuck', 'paused', 'manual']),
    message: z.string(),
    desired: z.number(),
    updated: z.number(),
    ready: z.number(),
    available: z.number(),
    unavailable: z.number().optional(),
    revision: z
      .object({ update: z.string(), current: z.string(), partition: z.number().optional() })
      .optional(),
    conditions: z.array(
      z.object({
        type: z.string(),
        status: z.string(),
        reason: z.string().optional(),
        message: z.string().optional(),
      }),
    ),
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, args),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const workload = await kube.get(kubeRef(args.kind, args));
    const state = rolloutState(workload);
    if (state.state === 'progressing' && args.kind !== 'Deployment') {
      const stuck = await stuckReason(kube, workload, args.cluster);
      if (stuck) Object.assign(state, { state: 'stuck', message: `stuck: ${stuck}` });
    }
    return { workload: `${args.kind}/${args.namespace}/${args.name}`, ...state };
  },
});
