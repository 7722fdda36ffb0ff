// Rollout facts shared by the rollout tools: a Deployment's ReplicaSets, or a StatefulSet's
// or DaemonSet's ControllerRevisions, as revisions (what `kubectl rollout history` shows),
// and the pod-template diff between two of them (./template-diff.ts).

import type { KubeObject, KubernetesBackend } from '../../src/backends/kubernetes/types.ts';
import { canonicalJson } from '../../src/canonical.ts';

export { type Change, diff } from './template-diff.ts';

/** The workloads that roll out: restart, undo, status and history work on each. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** One revision of a workload, whichever object records it. */
export interface WorkloadRevision {
  revision: number;
  images: string[];
  changeCause?: string;
  createdAt: string;
  replicas: number;
  current: boolean;
  template: Record<string, unknown>;
}

/** A Deployment revision: one of its ReplicaSets. */
export interface Revision extends WorkloadRevision {
  replicaSet: string;
}

/** A StatefulSet or DaemonSet revision: one of its ControllerRevisions. */
export interface StoredRevision extends WorkloadRevision {
  controllerRevision: string;
}

type WorkloadRef = { cluster?: string; namespace: string; name: string };

type Template = {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: { image?: string }[] };
};

/** The objects of `kind` in the workload's namespace that its selector matches and it owns. */
async function ownedBy(
  kube: KubernetesBackend,
  ref: WorkloadRef,
  workload: KubeObject,
  kind: 'ReplicaSet' | 'ControllerRevision' | 'Pod',
): Promise<KubeObject[]> {
  const selector =
    (workload.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels ?? {};
  const labelSelector = Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const { items } = await kube.list({
    kind,
    namespace: ref.namespace,
    ...(ref.cluster ? { cluster: ref.cluster } : {}),
    ...(labelSelector ? { labelSelector } : {}),
  });
  return items.filter((item) => item.metadata.ownerReferences?.some((o) => o.uid === workload.metadata.uid));
}

function imagesOf(template: Template): string[] {
  return (template.spec?.containers ?? []).map((c) => c.image ?? '?');
}

export async function deploymentRevisions(
  kube: KubernetesBackend,
  ref: WorkloadRef,
): Promise<{ deployment: KubeObject; revisions: Revision[] }> {
  const deployment = await kube.get({ ...ref, kind: 'Deployment' });
  const current = Number(deployment.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const revisions = (await ownedBy(kube, ref, deployment, 'ReplicaSet'))
    .map((rs): Revision => {
      const template = ((rs.spec as { template?: Template }).template ?? {}) as Template;
      const revision = Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
      const cause = rs.metadata.annotations?.['kubernetes.io/change-cause'];
      return {
        revision,
        replicaSet: rs.metadata.name,
        images: imagesOf(template),
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

/**
 * A StatefulSet's or DaemonSet's revisions from its ControllerRevisions (only those it owns:
 * one with its labels but another owner is not its history). Current is the StatefulSet's
 * status.updateRevision; for a DaemonSet the revision holding its live template, else the
 * highest. Replicas count the workload's pods labelled with the revision (StatefulSet pods
 * carry its name, DaemonSet pods its hash).
 */
export async function controllerRevisions(
  kube: KubernetesBackend,
  ref: WorkloadRef & { kind: 'StatefulSet' | 'DaemonSet' },
): Promise<{ workload: KubeObject; revisions: StoredRevision[] }> {
  const workload = await kube.get(ref);
  const [stored, pods] = await Promise.all([
    ownedBy(kube, ref, workload, 'ControllerRevision'),
    ownedBy(kube, ref, workload, 'Pod'),
  ]);
  const highest = Math.max(0, ...stored.map((cr) => Number(cr.revision ?? 0)));
  const updateRevision = (workload.status as { updateRevision?: string } | undefined)?.updateRevision;
  const live = canonicalJson((workload.spec as { template?: unknown }).template ?? {});
  const holdsLive = stored.find((cr) => canonicalJson(storedTemplate(cr)) === live)?.metadata.name;
  const isCurrent = (cr: KubeObject) =>
    updateRevision || holdsLive
      ? cr.metadata.name === (updateRevision ?? holdsLive)
      : Number(cr.revision ?? 0) === highest;
  const revisions = stored
    .map((cr): StoredRevision => {
      const template = storedTemplate(cr);
      const hashes = [
        cr.metadata.name,
        cr.metadata.labels?.['controller.kubernetes.io/hash'],
        cr.metadata.labels?.['controller-revision-hash'],
      ].filter(Boolean);
      const current = isCurrent(cr);
      const cause =
        cr.metadata.annotations?.['kubernetes.io/change-cause'] ??
        (current ? workload.metadata.annotations?.['kubernetes.io/change-cause'] : undefined);
      return {
        revision: Number(cr.revision ?? 0),
        controllerRevision: cr.metadata.name,
        images: imagesOf(template),
        ...(cause ? { changeCause: cause } : {}),
        createdAt: cr.metadata.creationTimestamp,
        replicas: pods.filter((pod) => hashes.includes(pod.metadata.labels?.['controller-revision-hash']))
          .length,
        current,
        template: template as Record<string, unknown>,
      };
    })
    .sort((a, b) => a.revision - b.revision);
  return { workload, revisions };
}

/** A Deployment's, StatefulSet's or DaemonSet's revisions, whichever object records them. */
export async function workloadRevisions(
  kube: KubernetesBackend,
  ref: WorkloadRef & { kind: WorkloadKind },
): Promise<{ workload: KubeObject; revisions: (Revision | StoredRevision)[] }> {
  const { kind, namespace, name } = ref;
  const rest = { namespace, name, ...(ref.cluster ? { cluster: ref.cluster } : {}) };
  if (kind !== 'Deployment') return controllerRevisions(kube, { ...rest, kind });
  const { deployment, revisions } = await deploymentRevisions(kube, rest);
  return { workload: deployment, revisions };
}

/** The pod template a ControllerRevision stores (its data, without the `$patch: replace` directive). */
function storedTemplate(cr: KubeObject): Template {
  const { $patch: _replace, ...template } =
    (cr.data as { spec?: { template?: Template & { $patch?: string } } } | undefined)?.spec?.template ?? {};
  return template;
}

/** The RS's template carries pod-template-hash; the deployment's never does. */
function stripHash(template: Template): Record<string, unknown> {
  const labels = { ...template.metadata?.labels };
  delete labels['pod-template-hash'];
  return { ...template, metadata: { ...template.metadata, labels } } as Record<string, unknown>;
}
