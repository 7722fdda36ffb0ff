// Cordon and uncordon are the same change with opposite values; one definition serves both.

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { kubeRef, kubernetes, nodeChangeInput, nodeTarget } from './common.ts';

export function nodeSchedulingTool(action: 'cordon' | 'uncordon') {
  const unschedulable = action === 'cordon';
  return defineTool({
    name: `k8s_node_${action}`,
    title: `Nodes: ${action === 'cordon' ? 'Cordon' : 'Uncordon'}`,
    description: unschedulable
      ? 'Mark a node unschedulable; its pods stay. Before k8s_node_drain, or on disk/memory pressure.'
      : 'Make a cordoned or drained node schedulable again, once fixed.',
    kind: 'mutate',
    annotations: { destructive: unschedulable, idempotent: true },
    input: nodeChangeInput,
    output: z.object({
      node: z.string(),
      dryRun: z.boolean(),
      schedulable: z.boolean(),
      message: z.string(),
    }),
    target: (args, ctx) => nodeTarget(ctx.backends, args),
    impact: () => ({ pods: 0, reversible: true }),
    snapshot: (args, ctx) => kubernetes(ctx.backends).get(kubeRef('Node', args)),
    handler: async (ctx, args) => {
      await kubernetes(ctx.backends).patch(kubeRef('Node', args), { spec: { unschedulable } }, 'merge', {
        dryRun: args.dryRun,
      });
      return {
        node: args.name,
        dryRun: args.dryRun,
        schedulable: !unschedulable,
        message: `${args.dryRun ? 'dry run: would mark' : 'marked'} node ${args.name} ${unschedulable ? 'unschedulable' : 'schedulable'}`,
      };
    },
  });
}
