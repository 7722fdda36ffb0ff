// Kubernetes rollouts as timeline entries. The scope resolves to Deployments: with a
// service, those named after it or labelled app=<service> or app.kubernetes.io/name=
// <service> (in the namespace, or in any namespace); otherwise every Deployment of the
// namespace or cluster. Each ReplicaSet revision that started in the window is an entry
// with the images before and after and the change-cause. A rollback reuses an older
// ReplicaSet, so it has no creation time of its own: the current revision's rollback is
// dated by the Deployment's Progressing condition, older rollbacks cannot be dated.

import {
  KubeError,
  type KubeListQuery,
  type KubeObject,
  type KubernetesBackend,
} from '../../src/backends/kubernetes/types.ts';
import { deploymentRevisions, diff, type Revision } from '../kubernetes/workloads.ts';
import { type Entry, inWindow, type Scope, SERVICE_LABELS, type Window } from './timeline.ts';

/** Deployments read at once (each costs a get and a ReplicaSet list). */
const PARALLEL = 8;
const MAX_FIELDS = 8;
/** What `kubectl rollout restart` changes in the pod template, and nothing else. */
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export async function resolveDeployments(kube: KubernetesBackend, scope: Scope): Promise<KubeObject[]> {
  const base: KubeListQuery = {
    kind: 'Deployment',
    ...(scope.cluster ? { cluster: scope.cluster } : {}),
    ...(scope.namespace ? { namespace: scope.namespace } : {}),
  };
  if (!scope.service) return (await kube.list(base)).items;
  const lists = await Promise.all([
    kube.list({ ...base, fieldSelector: `metadata.name=${scope.service}` }),
    ...SERVICE_LABELS.map((label) => kube.list({ ...base, labelSelector: `${label}=${scope.service}` })),
  ]);
  const byUid = new Map(lists.flatMap((list) => list.items).map((d) => [d.metadata.uid, d]));
  return [...byUid.values()];
}

export async function rolloutEntries(
  kube: KubernetesBackend,
  deployments: KubeObject[],
  scope: Scope,
  window: Window,
): Promise<Entry[]> {
  const recent = deployments.filter((d) => mayHaveRolledOutSince(d, window.since));
  const entries: Entry[] = [];
  for (let i = 0; i < recent.length; i += PARALLEL) {
    const batch = recent.slice(i, i + PARALLEL);
    for (const found of await Promise.all(batch.map((d) => deploymentEntries(kube, d, scope, window))))
      entries.push(...found);
  }
  return entries;
}

interface ProgressingCondition {
  type: string;
  message?: string;
  lastUpdateTime?: string;
}

function progressing(deployment: KubeObject): ProgressingCondition | undefined {
  const conditions = (deployment.status?.conditions ?? []) as ProgressingCondition[];
  return conditions.find((c) => c.type === 'Progressing');
}

/**
 * A new rollout rewrites the Progressing condition (its message names the new
 * ReplicaSet), so a condition last updated before the window rules one out.
 */
function mayHaveRolledOutSince(deployment: KubeObject, since: Date): boolean {
  const updated = progressing(deployment)?.lastUpdateTime;
  return !updated || Date.parse(updated) >= since.getTime();
}

async function deploymentEntries(
  kube: KubernetesBackend,
  listed: KubeObject,
  scope: Scope,
  window: Window,
): Promise<Entry[]> {
  const namespace = listed.metadata.namespace ?? '';
  const ref = { namespace, name: listed.metadata.name, ...(scope.cluster ? { cluster: scope.cluster } : {}) };
  let found: Awaited<ReturnType<typeof deploymentRevisions>>;
  try {
    found = await deploymentRevisions(kube, ref);
  } catch (err) {
    if (err instanceof KubeError && err.status === 404) return []; // deleted since it was listed
    throw err;
  }
  const { deployment, revisions } = found;
  const target = `Deployment/${namespace}/${deployment.metadata.name}`;
  const entries = revisions.flatMap((revision, index): Entry[] => {
    const previous = revisions[index - 1] ?? createdBefore(revisions, revision);
    const rollback = previous !== undefined && createdMs(revision) < createdMs(previous);
    const time = rollback ? rollbackTime(deployment, revision) : revision.createdAt;
    if (!inWindow(time, window)) return [];
    return [{ time, source: 'kubernetes', target, change: describe(revision, previous, rollback) }];
  });
  return entries.reverse(); // newest revision first, so revisions of the same second stay in order
}

/**
 * The revision a ReplicaSet was created after. Revisions come sorted by number; when a
 * rollback renumbered the one before (1 became 3), the newest created earlier stands in.
 */
function createdBefore(revisions: Revision[], revision: Revision): Revision | undefined {
  return revisions
    .filter((r) => createdMs(r) < createdMs(revision))
    .sort((a, b) => createdMs(a) - createdMs(b))
    .at(-1);
}

const createdMs = (revision: Revision) => Date.parse(revision.createdAt);

function rollbackTime(deployment: KubeObject, revision: Revision): string | undefined {
  const condition = progressing(deployment);
  return revision.current && condition?.message?.includes(`"${revision.replicaSet}"`)
    ? condition.lastUpdateTime
    : undefined;
}

function describe(revision: Revision, previous: Revision | undefined, rollback: boolean): Entry['change'] {
  const images = revision.images.join(', ');
  const cause = revision.changeCause ? `; change-cause: ${revision.changeCause}` : '';
  const head = `revision ${revision.revision}`;
  if (!previous) return { type: 'deploy', summary: `${head}: first revision, ${images}${cause}`, to: images };
  const fields = diff(previous.template, revision.template).map((c) => c.path);
  const before = previous.images.join(', ');
  const detail = fields.length ? { fields: fields.slice(0, MAX_FIELDS) } : {};
  if (rollback) {
    return {
      type: 'rollback',
      summary: `${head}: rolled back to ReplicaSet ${revision.replicaSet} (${images})${cause}`,
      from: before,
      to: images,
      ...detail,
    };
  }
  if (before !== images)
    return {
      type: 'image',
      summary: `${head}: ${before} → ${images}${cause}`,
      from: before,
      to: images,
      ...detail,
    };
  if (fields.length && diff(withoutRestartedAt(previous), withoutRestartedAt(revision)).length === 0)
    return { type: 'restart', summary: `${head}: rollout restart${cause}` };
  if (fields.length)
    return {
      type: 'config',
      summary: `${head}: pod template changed (${fields.slice(0, 3).join(', ')})${cause}`,
      ...detail,
    };
  return {
    type: 'other',
    summary: `${head}: no pod-template difference to revision ${previous.revision}${cause}`,
  };
}

function withoutRestartedAt({ template }: Revision): Record<string, unknown> {
  const metadata = (template.metadata ?? {}) as { annotations?: Record<string, string> };
  const { [RESTARTED_AT]: _restartedAt, ...annotations } = metadata.annotations ?? {};
  return { ...template, metadata: { ...metadata, annotations } };
}
