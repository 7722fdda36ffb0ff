// Is the rollout done, progressing or stuck? The Deployment's replica counts and
// conditions, read the way `kubectl rollout status` reads them.

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { clusterArg, kubeRef, kubernetes, kubeTarget, namespaceArg } from './common.ts';
import { rolloutState } from './rollout-state.ts';

export default defineTool({
  name: 'k8s_rollout_status',
  title: 'Rollouts: Status',
  description:
    "A Deployment's rollout: complete, progressing or stuck, with replica counts and conditions. Stuck: k8s_pods_list.",
  kind: 'read',
  untrusted: ['$.message', '$.conditions[*].message'],
  input: z
    .object({
      cluster: clusterArg,
      namespace: namespaceArg,
      name: z.string().min(1),
    })
    .strict(),
  output: z.object({
    deployment: z.string(),
    state: z.enum(['complete', 'progressing', 'stuck', 'paused']),
    message: z.string(),
    desired: z.number(),
    updated: z.number(),
    ready: z.number(),
    available: z.number(),
    conditions: z.array(
      z.object({
        type: z.string(),
        status: z.string(),
        reason: z.string().optional(),
        message: z.string().optional(),
      }),
    ),
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: 'Deployment' }),
  handler: async (ctx, args) => ({
    deployment: `${args.namespace}/${args.name}`,
    ...rolloutState(await kubernetes(ctx.backends).get(kubeRef('Deployment', args))),
  }),
});
