// Is the rollout done, progressing or stuck? The Deployment's replica counts and
// conditions, read the way `kubectl rollout status` reads them.

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { clusterArg, kubeRef, kubernetes, kubeTarget, namespaceArg } from './common.ts';

interface DeploymentStatus {
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  observedGeneration?: number;
  conditions?: { type: string; status: string; reason?: string; message?: string; lastUpdateTime?: string }[];
}

export default defineTool({
  name: 'k8s_rollout_status',
  title: 'Rollouts: Status',
  description:
    'Rollout state of a Deployment: complete, progressing or stuck (ProgressDeadlineExceeded, unavailable replicas), with desired/updated/ready/available counts and conditions. Next: k8s_pods_list with the deployment labels when stuck.',
  kind: 'read',
  input: z
    .object({
      cluster: clusterArg,
      namespace: namespaceArg,
      name: z.string().min(1).describe('Deployment name'),
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
  handler: async (ctx, args) => {
    const d = await kubernetes(ctx.backends).get(kubeRef('Deployment', args));
    const spec = (d.spec ?? {}) as { replicas?: number; paused?: boolean };
    const s = (d.status ?? {}) as DeploymentStatus;
    const desired = spec.replicas ?? 1;
    const updated = s.updatedReplicas ?? 0;
    const available = s.availableReplicas ?? 0;
    const progressing = s.conditions?.find((c) => c.type === 'Progressing');
    const stale = (s.observedGeneration ?? 0) < (d.metadata.generation ?? 0);
    let state: 'complete' | 'progressing' | 'stuck' | 'paused';
    let message: string;
    if (spec.paused) {
      state = 'paused';
      message = 'rollout is paused';
    } else if (progressing?.reason === 'ProgressDeadlineExceeded') {
      state = 'stuck';
      message = `stuck: ${progressing.message ?? 'progress deadline exceeded'}`;
    } else if (!stale && updated >= desired && available >= desired && (s.replicas ?? 0) <= desired) {
      state = 'complete';
      message = `successfully rolled out: ${available}/${desired} available`;
    } else {
      state = 'progressing';
      message = stale
        ? 'waiting for the controller to observe the latest spec'
        : `${updated}/${desired} updated, ${available}/${desired} available`;
    }
    return {
      deployment: `${args.namespace}/${args.name}`,
      state,
      message,
      desired,
      updated,
      ready: s.readyReplicas ?? 0,
      available,
      conditions: (s.conditions ?? []).map(({ type, status, reason, message: m }) => ({
        type,
        status,
        ...(reason ? { reason } : {}),
        ...(m ? { message: m } : {}),
      })),
    };
  },
});
