// Rollout facts shared by the rollout tools: a Deployment's ReplicaSets as revisions
// (what `kubectl rollout history` shows), and the pod-template diff between two of them.

import type { KubeObject, KubernetesBackend } from '../../src/backends/kubernetes/types.ts';

export interface Revision {
  revision: number;
  replicaSet: string;
  images: string[];
  changeCause?: string;
  createdAt: string;
  replicas: number;
  current: boolean;
  template: Record<string, unknown>;
}

type Template = {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: { image?: string }[] };
};

export async function deploymentRevisions(
  kube: KubernetesBackend,
  ref: { cluster?: string; namespace: string; name: string },
): Promise<{ deployment: KubeObject; revisions: Revision[] }> {
  const deployment = await kube.get({ ...ref, kind: 'Deployment' });
  const selector =
    (deployment.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels ?? {};
  const labelSelector = Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const { items } = await kube.list({
    kind: 'ReplicaSet',
    namespace: ref.namespace,
    ...(ref.cluster ? { cluster: ref.cluster } : {}),
    ...(labelSelector ? { labelSelector } : {}),
  });
  const current = Number(deployment.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const revisions = items
    .filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === deployment.metadata.uid))
    .map((rs): Revision => {
      const template = ((rs.spec as { template?: Template }).template ?? {}) as Template;
      const revision = Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
      const cause = rs.metadata.annotations?.['kubernetes.io/change-cause'];
      return {
        revision,
        replicaSet: rs.metadata.name,
        images: (template.spec?.containers ?? []).map((c) => c.image ?? '?'),
        ...(cause ? { changeCause: cause } : {}),
        createdAt: rs.metadata.creationTimestamp,
        replicas: Number((rs.status as { replicas?: number } | undefined)?.replicas ?? 0),
        current: revision === current,
        template: stripHash(template),
      };
    })
    .sort((a, b) => a.revision - b.revision);
  return { deployment, revisions };
}

/** The RS's template carries pod-template-hash; the deployment's never does. */
function stripHash(template: Template): Record<string, unknown> {
  const labels = { ...template.metadata?.labels };
  delete labels['pod-template-hash'];
  return { ...template, metadata: { ...template.metadata, labels } } as Record<string, unknown>;
}

export interface Change {
  path: string;
  from?: unknown;
  to?: unknown;
}

/** Leaf-level differences between two JSON values, paths like spec.containers[0].image. */
export function diff(a: unknown, b: unknown, path = ''): Change[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) =>
      diff(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k),
    );
  }
  return [
    {
      path: path || '(root)',
      ...(a !== undefined ? { from: a } : {}),
      ...(b !== undefined ? { to: b } : {}),
    },
  ];
}
