// The cluster's namespaces with the environment the gate gives each one (config mappings,
// else the namespace's `environment` label, through the alias table; unknown is
// production), so the model knows which names exist and where changes need approval.

import { z } from 'zod';
import { listAll } from '../../src/backends/kubernetes/list-all.ts';
import { DEFAULT_ENVIRONMENTS } from '../../src/config/environments.ts';
import { resolveEnvironment } from '../../src/dispatch/policy-input.ts';
import { defineTool } from '../../src/tool.ts';
import { age, clusterArg, kubernetes, labelSelectorArg } from './common.ts';

export default defineTool({
  name: 'k8s_namespaces_list',
  title: 'Namespaces: List',
  description: 'Namespaces: status, age, and the environment the policy sees (unknown: production).',
  kind: 'read',
  input: z.object({ cluster: clusterArg, labelSelector: labelSelectorArg }).strict(),
  output: z.object({
    cluster: z.string(),
    namespaces: z.array(
      z.object({
        name: z.string(),
        status: z.string(),
        age: z.string().optional(),
        environment: z.string(),
        label: z.string().optional(),
      }),
    ),
  }),
  target: (args, ctx) => {
    const cluster = args.cluster ?? kubernetes(ctx.backends).clusters()[0];
    return { kind: 'Namespace', ...(cluster ? { cluster } : {}) };
  },
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const cluster = args.cluster ?? kube.clusters()[0] ?? '';
    const environments = ctx.backends.environments ?? DEFAULT_ENVIRONMENTS;
    const now = ctx.clock.now();
    const items = await listAll(kube, {
      kind: 'Namespace',
      ...(args.cluster ? { cluster: args.cluster } : {}),
      ...(args.labelSelector ? { labelSelector: args.labelSelector } : {}),
    });
    const namespaces = items
      .map((ns) => {
        const label = ns.metadata.labels?.environment;
        const { environment } = resolveEnvironment(
          { cluster, namespace: ns.metadata.name, ...(label ? { environment: label } : {}) },
          environments,
          kube.clusters()[0],
        );
        const created = age(ns.metadata.creationTimestamp, now);
        return {
          name: ns.metadata.name,
          status: String((ns.status as { phase?: string } | undefined)?.phase ?? 'Active'),
          ...(created ? { age: created } : {}),
          environment,
          ...(label && label !== environment ? { label } : {}),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    return { cluster, namespaces };
  },
});
