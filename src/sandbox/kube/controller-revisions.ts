// ControllerRevisions: how StatefulSets and DaemonSets keep their history (Kubernetes'
// controller history package). Each distinct pod template is one revision, stored as the
// strategic merge patch that puts it back (`{spec: {template: {$patch: replace, …}}}`,
// what `kubectl rollout undo` sends); going back to an earlier template renumbers that
// revision instead of adding one, and idle revisions beyond revisionHistoryLimit go.

import type { KubeObject } from '../world.ts';
import type { Cluster } from './cluster.ts';
import { templateHash } from './ids.ts';
import { isControlledBy, type Json, ownerReferenceTo, templateIdentity } from './objects.ts';

/** The pod template a ControllerRevision holds (its data without the `$patch` directive). */
export function revisionTemplate(revision: KubeObject): unknown {
  const template = (revision.data as { spec?: { template?: Json } } | undefined)?.spec?.template;
  if (!template) return {};
  const { $patch: _replace, ...rest } = template;
  return rest;
}

export function ownedRevisions(cluster: Cluster, owner: KubeObject): KubeObject[] {
  return cluster
    .list('ControllerRevision', owner.metadata.namespace)
    .filter((revision) => isControlledBy(revision, owner));
}

/**
 * The name of the revision of the owner's current template: the existing revision with the
 * same template if there is one (whatever it was named: a loaded world's own hash), else
 * `loaded` (the revision the world was loaded at, when the template is still that one),
 * else `<owner>-<hash of the template>`, a hash no other revision of this owner uses
 * (Kubernetes' collisionCount).
 */
export function currentRevisionName(cluster: Cluster, owner: KubeObject, loaded?: string): string {
  const identity = templateIdentity(owner.spec?.template);
  const owned = ownedRevisions(cluster, owner);
  const same = owned.find((revision) => templateIdentity(revisionTemplate(revision)) === identity);
  if (same) return same.metadata.name;
  if (loaded) return loaded;
  const taken = new Set(owned.map((revision) => revision.metadata.name));
  let name = `${owner.metadata.name}-${templateHash(identity)}`;
  for (let collisions = 1; taken.has(name); collisions++)
    name = `${owner.metadata.name}-${templateHash(`${identity}/${collisions}`)}`;
  return name;
}

/**
 * Keeps the revision named `name` as the owner's newest: a new template gets the next
 * revision number, an earlier one is renumbered. Annotations are copied from the owner
 * (its change-cause among them), as the StatefulSet and DaemonSet controllers do.
 */
export function recordRevision(
  cluster: Cluster,
  owner: KubeObject,
  name: string,
  labels: Record<string, string>,
): void {
  const owned = ownedRevisions(cluster, owner);
  const latest = Math.max(0, ...owned.map((revision) => Number(revision.revision ?? 0)));
  const existing = owned.find((revision) => revision.metadata.name === name);
  if (existing) {
    if (Number(existing.revision ?? 0) < latest) cluster.update({ ...existing, revision: latest + 1 });
    return;
  }
  const template = structuredClone(owner.spec?.template ?? {}) as { metadata?: { labels?: Json } };
  cluster.create({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      uid: cluster.ids.uid(),
      creationTimestamp: cluster.nowIso(),
      labels: { ...(template.metadata?.labels as Record<string, string> | undefined), ...labels },
      ...(owner.metadata.annotations ? { annotations: { ...owner.metadata.annotations } } : {}),
      ownerReferences: [ownerReferenceTo(owner)],
    },
    data: { spec: { template: { $patch: 'replace', ...template } } },
    revision: latest + 1,
  });
}

/** Deletes the oldest revisions no pod runs beyond `spec.revisionHistoryLimit` (default 10). */
export function pruneRevisions(cluster: Cluster, owner: KubeObject, live: ReadonlySet<string>): void {
  const limit = typeof owner.spec?.revisionHistoryLimit === 'number' ? owner.spec.revisionHistoryLimit : 10;
  const idle = ownedRevisions(cluster, owner)
    .filter((revision) => !live.has(revision.metadata.name))
    .sort((a, b) => Number(a.revision ?? 0) - Number(b.revision ?? 0));
  for (const revision of idle.slice(0, Math.max(0, idle.length - limit))) {
    cluster.delete(cluster.typeOf(revision), revision.metadata.namespace, revision.metadata.name);
  }
}
