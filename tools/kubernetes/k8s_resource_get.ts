// One object of any served kind (custom resources included, found through discovery), as
// the API has it minus noise (managedFields, last-applied annotations), with a one-line
// status summary. A Secret comes back as name, namespace, age and type at most (the
// backend never returns more), and only where the policy allows it: the default denies.

import { z } from 'zod';
import type { KubeObject } from '../../src/backends/kubernetes/types.ts';
import { defineTool } from '../../src/tool.ts';
import {
  clusterArg,
  kindArg,
  kubernetes,
  namespaceNameArg,
  objectNameArg,
  resourceTarget,
} from './common.ts';
import { statusSummary } from './summaries.ts';

export default defineTool({
  name: 'k8s_resource_get',
  title: 'Resources: Get',
  description:
    'One object of any kind (CRs too), managedFields stripped, a status line. Secrets: name, type, age. Next: k8s_events_list.',
  kind: 'read',
  untrusted: ['$.object'],
  input: z
    .object({
      cluster: clusterArg,
      kind: kindArg,
      namespace: namespaceNameArg.optional(),
      name: objectNameArg,
    })
    .strict(),
  output: z.object({
    kind: z.string(),
    apiVersion: z.string(),
    name: z.string(),
    namespace: z.string().optional(),
    summary: z.string(),
    object: z.record(z.string(), z.unknown()),
  }),
  target: async (args, ctx) => (await resourceTarget(ctx.backends, args)).target,
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const resource = await kube.resolve(args.kind, args.cluster);
    if (resource.namespaced && !args.namespace)
      throw new Error(`${resource.kind} ${args.name}: namespace is required`);
    const namespace = resource.namespaced ? args.namespace : undefined;
    const object = stripNoise(
      await kube.getResource({
        resource,
        name: args.name,
        ...(namespace ? { namespace } : {}),
        ...(args.cluster ? { cluster: args.cluster } : {}),
      }),
    );
    return {
      kind: resource.kind,
      apiVersion: object.apiVersion,
      name: args.name,
      ...(namespace ? { namespace } : {}),
      summary: statusSummary(object, ctx.clock.now()) || 'no status',
      object: object as unknown as Record<string, unknown>,
    };
  },
});

function stripNoise(object: KubeObject): KubeObject {
  const { managedFields: _m, annotations: all, ...metadata } = object.metadata;
  const annotations = Object.fromEntries(
    Object.entries(all ?? {}).filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration'),
  );
  return {
    ...object,
    metadata: { ...metadata, ...(Object.keys(annotations).length ? { annotations } : {}) },
  };
}
