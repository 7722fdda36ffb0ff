// One object as the API has it, minus noise (managedFields, last-applied annotations),
// with a one-line status summary. Only an allowlist of kinds: Secrets are not among them,
// and the default policy denies them as well.

import { z } from 'zod';
import { KUBE_KINDS, type KubeKind, type KubeObject } from '../../src/backends/kubernetes/types.ts';
import { defineTool } from '../../src/tool.ts';
import { clusterArg, kubernetes, kubeTarget } from './common.ts';

/** Events and ControllerRevisions have tools of their own (k8s_events_list, k8s_rollout_history). */
const HIDDEN_KINDS: ReadonlySet<string> = new Set(['Event', 'ControllerRevision']);
const kinds = Object.keys(KUBE_KINDS).filter((k) => !HIDDEN_KINDS.has(k)) as [KubeKind, ...KubeKind[]];

export default defineTool({
  name: 'k8s_resource_get',
  title: 'Resources: Get',
  description:
    'One Kubernetes object (managedFields stripped) with a status summary; never Secrets. Next: k8s_events_list.',
  kind: 'read',
  untrusted: ['$.object'],
  input: z
    .object({
      cluster: clusterArg,
      kind: z.enum(kinds),
      namespace: z.string().min(1).optional(),
      name: z.string().min(1),
    })
    .strict(),
  output: z.object({
    kind: z.string(),
    name: z.string(),
    namespace: z.string().optional(),
    summary: z.string(),
    object: z.record(z.string(), z.unknown()),
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, args),
  handler: async (ctx, args) => {
    if (KUBE_KINDS[args.kind].namespaced && !args.namespace)
      throw new Error(`${args.kind} ${args.name}: namespace is required`);
    const object = stripNoise(
      await kubernetes(ctx.backends).get({
        kind: args.kind,
        name: args.name,
        ...(args.namespace ? { namespace: args.namespace } : {}),
        ...(args.cluster ? { cluster: args.cluster } : {}),
      }),
    );
    return {
      kind: args.kind,
      name: args.name,
      ...(args.namespace ? { namespace: args.namespace } : {}),
      summary: statusSummary(object),
      object: object as unknown as Record<string, unknown>,
    };
  },
});

function stripNoise(object: KubeObject): KubeObject {
  const { managedFields: _m, ...metadata } = object.metadata;
  const annotations = Object.fromEntries(
    Object.entries(metadata.annotations ?? {}).filter(
      ([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration',
    ),
  );
  return {
    ...object,
    metadata: { ...metadata, ...(Object.keys(annotations).length ? { annotations } : {}) },
  };
}

/** The status in one line, per kind where it matters most. */
export function statusSummary(object: KubeObject): string {
  const s = (object.status ?? {}) as Record<string, unknown>;
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  const conditions = (s.conditions as { type: string; status: string; reason?: string }[] | undefined) ?? [];
  const failing = conditions.filter((c) =>
    c.type === 'Ready' || c.type === 'Available'
      ? c.status !== 'True'
      : c.status === 'True' && /Pressure|Unavailable/.test(c.type),
  );
  switch (object.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      return `${s.readyReplicas ?? 0}/${spec.replicas ?? 0} ready, ${s.updatedReplicas ?? 0} updated, ${s.availableReplicas ?? 0} available${failing.length ? `; ${failing.map((c) => `${c.type}=${c.status} ${c.reason ?? ''}`.trim()).join(', ')}` : ''}`;
    case 'Node':
      return `${spec.unschedulable ? 'SchedulingDisabled; ' : ''}${failing.length ? failing.map((c) => `${c.type}=${c.status}`).join(', ') : 'Ready'}`;
    case 'Pod':
      return `${s.phase ?? 'Unknown'}${failing.length ? `; ${failing.map((c) => `${c.type}=${c.status}`).join(', ')}` : ''}`;
    case 'ConfigMap':
      return configMapKeys(object);
    default:
      return conditions.length
        ? conditions.map((c) => `${c.type}=${c.status}`).join(', ')
        : 'no status conditions';
  }
}

const LISTED_KEYS = 10;

/** A ConfigMap has no status: what it holds is the useful line ("3 keys: a, b, c"). */
function configMapKeys(configMap: KubeObject): string {
  const keys = Object.keys({ ...(configMap.data as object), ...(configMap.binaryData as object) }).sort();
  const listed = keys.slice(0, LISTED_KEYS).join(', ');
  const more = keys.length > LISTED_KEYS ? `, and ${keys.length - LISTED_KEYS} more` : '';
  return `${keys.length} key${keys.length === 1 ? '' : 's'}${keys.length ? `: ${listed}${more}` : ''}`;
}
