// Change keys of a ConfigMap (merge: listed keys set, null removes one). Pods read
// ConfigMaps at start, so the result names the workloads that use it and says they need
// a restart to see the change.

import { z } from 'zod';
import type { KubeObject } from '../../src/backends/kubernetes/types.ts';
import { defineTool, mutateArgs } from '../../src/tool.ts';
import { clusterArg, kubeRef, kubernetes, kubeTarget, namespaceArg } from './common.ts';

export default defineTool({
  name: 'k8s_configmap_patch',
  title: 'ConfigMaps: Patch',
  description:
    'Set keys of a ConfigMap (null removes one); shows before/after and the Deployments using it (they see it after k8s_rollout_restart).',
  kind: 'mutate',
  untrusted: ['$.changes[*].from'],
  annotations: { destructive: true, idempotent: true },
  input: z
    .object({
      cluster: clusterArg,
      namespace: namespaceArg,
      name: z.string().min(1),
      data: z
        .record(z.string().min(1), z.string().nullable())
        .refine((d) => Object.keys(d).length > 0, 'give at least one key'),
      ...mutateArgs,
    })
    .strict(),
  output: z.object({
    configMap: z.string(),
    dryRun: z.boolean(),
    changes: z.array(z.object({ key: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
    usedBy: z.array(z.string()).describe('Deployments that mount or read it'),
    needsRestart: z.boolean(),
    message: z.string(),
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: 'ConfigMap' }),
  impact: async (args, ctx) => ({
    pods: 0,
    reversible: true,
    replicas: (await consumers(ctx.backends, args)).length,
  }),
  snapshot: (args, ctx) => kubernetes(ctx.backends).get(kubeRef('ConfigMap', args)),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const before = ((await kube.get(kubeRef('ConfigMap', args))).data ?? {}) as Record<string, string>;
    await kube.patch(kubeRef('ConfigMap', args), { data: args.data }, 'merge', { dryRun: args.dryRun });
    const changes = Object.entries(args.data)
      .filter(([key, to]) => (before[key] ?? null) !== to)
      .map(([key, to]) => ({ key, from: before[key] ?? null, to }));
    const usedBy = await consumers(ctx.backends, args);
    const restart = usedBy.length ? `; ${usedBy.join(', ')} read it at start: restart them to apply` : '';
    return {
      configMap: `${args.namespace}/${args.name}`,
      dryRun: args.dryRun,
      changes,
      usedBy,
      needsRestart: usedBy.length > 0 && changes.length > 0,
      message: `${args.dryRun ? 'dry run: would change' : 'changed'} ${changes.length} key(s)${restart}`,
    };
  },
});

/** Deployments in the namespace whose pods mount the ConfigMap or read keys from it. */
async function consumers(
  backends: Parameters<typeof kubernetes>[0],
  args: { cluster?: string | undefined; namespace: string; name: string },
): Promise<string[]> {
  const { items } = await kubernetes(backends).list({
    kind: 'Deployment',
    namespace: args.namespace,
    ...(args.cluster ? { cluster: args.cluster } : {}),
  });
  return items.filter((d) => usesConfigMap(d, args.name)).map((d) => `Deployment/${d.metadata.name}`);
}

/** Where a pod template names a ConfigMap (with `name`): volumes and projected sources, envFrom, env valueFrom. */
const CONFIGMAP_REFERENCES = new Set(['configMap', 'configMapRef', 'configMapKeyRef']);

function usesConfigMap(deployment: KubeObject, name: string): boolean {
  return referencesConfigMap((deployment.spec as { template?: { spec?: unknown } }).template?.spec, name);
}

/** Walks the structure rather than its JSON text, so key order (`items` before `name`) cannot hide a reference. */
function referencesConfigMap(value: unknown, name: string): boolean {
  if (Array.isArray(value)) return value.some((item) => referencesConfigMap(item, name));
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(
    ([key, child]) =>
      (CONFIGMAP_REFERENCES.has(key) && (child as { name?: unknown } | null)?.name === name) ||
      referencesConfigMap(child, name),
  );
}
