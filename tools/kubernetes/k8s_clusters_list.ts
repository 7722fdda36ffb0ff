// The clusters opswarden may use (the configured kubeconfig contexts, or the pod's own in
// cluster mode): which is the default, where each API server is (never a credential), and
// the environment a target there gets when nothing more specific maps it.

import { z } from 'zod';
import { DEFAULT_ENVIRONMENTS } from '../../src/config/environments.ts';
import { resolveEnvironment } from '../../src/dispatch/policy-input.ts';
import { defineTool } from '../../src/tool.ts';
import { kubernetes } from './common.ts';

export default defineTool({
  name: 'k8s_clusters_list',
  title: 'Clusters: List',
  description:
    'Clusters to name in cluster: context, API server, default, environment of unmapped namespaces.',
  kind: 'read',
  input: z.object({}).strict(),
  output: z.object({
    clusters: z.array(
      z.object({
        name: z.string(),
        context: z.string(),
        server: z.string(),
        default: z.boolean(),
        namespace: z.string().optional(),
        environment: z.string(),
      }),
    ),
  }),
  target: () => ({ kind: 'Cluster' }),
  handler: async (ctx) => {
    const environments = ctx.backends.environments ?? DEFAULT_ENVIRONMENTS;
    const clusters = await kubernetes(ctx.backends).describeClusters();
    return {
      clusters: clusters.map((c) => ({
        ...c,
        environment: resolveEnvironment({ cluster: c.name }, environments).environment,
      })),
    };
  },
});
