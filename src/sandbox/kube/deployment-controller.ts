// The Deployment controller. A pod template change (rollout restart's restartedAt
// annotation, set image, a rollback patch) selects or creates the ReplicaSet for that
// template: a new one gets the next `deployment.kubernetes.io/revision` and a
// pod-template-hash; an old one with the same template (rollout undo) is reused and its
// revision bumped, the old number kept in `revision-history`. Pods then move from the old
// ReplicaSets to the new one: all at once, or one per `rolloutStepMs` (a surge of one).
// Status (replicas, updated, ready, available, observedGeneration, Available and
// Progressing conditions) is what `kubectl rollout status` reads.

import type { KubeObject } from '../world.ts';
import type { Cluster, Controller } from './cluster.ts';
import { recordEvent } from './events.ts';
import { templateHash } from './ids.ts';
import {
  controllerRef,
  intOrPercent,
  isControlledBy,
  type Json,
  ownerReferenceTo,
  POD_TEMPLATE_HASH,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  replicasOf,
  revisionOf,
  templateIdentity,
} from './objects.ts';
import { type Condition, sameFields, withCondition } from './status.ts';

/** Deployment annotations that are the controller's own and are not copied to ReplicaSets. */
const NOT_COPIED = new Set([
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'kubectl.kubernetes.io/last-applied-configuration',
]);

function rollingUpdate(deployment: KubeObject): { maxSurge?: unknown; maxUnavailable?: unknown } {
  return ((deployment.spec?.strategy as Json | undefined)?.rollingUpdate ?? {}) as Json;
}

function findNewReplicaSet(
  cluster: Cluster,
  deployment: KubeObject,
  owned: KubeObject[],
): KubeObject | undefined {
  const identity = templateIdentity(deployment.spec?.template);
  const same = owned.find((rs) => templateIdentity(rs.spec?.template) === identity);
  if (same) return same;
  const loaded = cluster.loadedRevisions.get(deployment.metadata.uid);
  return loaded?.template === identity ? owned.find((rs) => rs.metadata.name === loaded.revision) : undefined;
}

function createReplicaSet(cluster: Cluster, deployment: KubeObject, revision: number): KubeObject {
  const template = structuredClone((deployment.spec?.template ?? {}) as { metadata?: Json; spec?: Json });
  const identity = templateIdentity(template);
  let hash = templateHash(identity);
  for (
    let collisions = 1;
    cluster.get('ReplicaSet', deployment.metadata.namespace, `${deployment.metadata.name}-${hash}`);
    collisions++
  ) {
    hash = templateHash(`${identity}/${collisions}`);
  }
  const labels = { ...(template.metadata?.labels as Record<string, string>), [POD_TEMPLATE_HASH]: hash };
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {})) {
    if (!NOT_COPIED.has(key)) annotations[key] = value;
  }
  const desired = replicasOf(deployment);
  annotations[REVISION_ANNOTATION] = String(revision);
  annotations['deployment.kubernetes.io/desired-replicas'] = String(desired);
  annotations['deployment.kubernetes.io/max-replicas'] = String(
    desired + intOrPercent(rollingUpdate(deployment).maxSurge ?? '25%', desired, true),
  );
  const selector = (deployment.spec?.selector ?? {}) as { matchLabels?: Record<string, string> };
  return cluster.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${deployment.metadata.name}-${hash}`,
      namespace: deployment.metadata.namespace,
      uid: cluster.ids.uid(),
      creationTimestamp: cluster.nowIso(),
      labels,
      annotations,
      ownerReferences: [ownerReferenceTo(deployment)],
    },
    spec: {
      replicas: 0,
      minReadySeconds: deployment.spec?.minReadySeconds ?? 0,
      selector: { ...selector, matchLabels: { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash } },
      template: { ...template, metadata: { ...template.metadata, labels } },
    },
    status: { replicas: 0, observedGeneration: 1 },
  });
}

/** Rolling back onto an old ReplicaSet makes it the newest revision again. */
function promote(cluster: Cluster, rs: KubeObject, revision: number): KubeObject {
  const annotations = { ...rs.metadata.annotations };
  const previous = String(revisionOf(rs));
  const history = annotations[REVISION_HISTORY_ANNOTATION];
  annotations[REVISION_HISTORY_ANNOTATION] = history ? `${history},${previous}` : previous;
  annotations[REVISION_ANNOTATION] = String(revision);
  return cluster.update({ ...rs, metadata: { ...rs.metadata, annotations } });
}

function scale(cluster: Cluster, deployment: KubeObject, rs: KubeObject, replicas: number): KubeObject {
  const from = replicasOf(rs);
  if (from === replicas) return rs;
  const annotations = {
    ...rs.metadata.annotations,
    'deployment.kubernetes.io/desired-replicas': String(replicasOf(deployment)),
  };
  const scaled = cluster.update({
    ...rs,
    metadata: { ...rs.metadata, annotations },
    spec: { ...rs.spec, replicas },
  });
  recordEvent(cluster, deployment, {
    reason: 'ScalingReplicaSet',
    message: `Scaled ${replicas > from ? 'up' : 'down'} replica set ${rs.metadata.name} to ${replicas} from ${from}`,
    component: 'deployment-controller',
  });
  return scaled;
}

export function deploymentController(): Controller {
  /** When each deployment (uid) last moved a pod, for stepped rollouts (wall clock ms). */
  const lastStep = new Map<string, number>();

  /** Moves pods to the new ReplicaSet; returns the ms until the next step, if one is due. */
  function rollout(
    cluster: Cluster,
    deployment: KubeObject,
    newRs: KubeObject,
    olds: KubeObject[],
  ): number | undefined {
    const desired = replicasOf(deployment);
    const active = olds.filter((rs) => replicasOf(rs) > 0).sort((a, b) => revisionOf(a) - revisionOf(b));
    const recreate = (deployment.spec?.strategy as Json | undefined)?.type === 'Recreate';
    if (active.length === 0 || cluster.rolloutStepMs === 0 || recreate) {
      for (const rs of active) scale(cluster, deployment, rs, 0);
      scale(cluster, deployment, newRs, desired);
      return undefined;
    }
    const elapsed = Date.now() - (lastStep.get(deployment.metadata.uid) ?? 0);
    if (elapsed < cluster.rolloutStepMs) return cluster.rolloutStepMs - elapsed;
    lastStep.set(deployment.metadata.uid, Date.now());
    const updated = Math.min(desired, replicasOf(newRs) + 1);
    scale(cluster, deployment, newRs, updated);
    let oldReplicas = active.reduce((sum, rs) => sum + replicasOf(rs), 0);
    let excess = oldReplicas + updated - desired;
    for (const rs of active) {
      const take = Math.min(excess, replicasOf(rs));
      if (take > 0) scale(cluster, deployment, rs, replicasOf(rs) - take);
      excess -= take;
      oldReplicas -= take;
    }
    return updated === desired && oldReplicas === 0 ? undefined : cluster.rolloutStepMs;
  }

  function pruneHistory(cluster: Cluster, deployment: KubeObject, olds: KubeObject[]): void {
    const limit =
      typeof deployment.spec?.revisionHistoryLimit === 'number' ? deployment.spec.revisionHistoryLimit : 10;
    const idle = olds
      .filter((rs) => replicasOf(rs) === 0 && !(Number(rs.status?.replicas) > 0))
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      cluster.delete(cluster.typeOf(rs), rs.metadata.namespace, rs.metadata.name);
    }
  }

  function updateStatus(cluster: Cluster, deployment: KubeObject, newRs: KubeObject | undefined): void {
    const owned = cluster
      .list('ReplicaSet', deployment.metadata.namespace)
      .filter((rs) => isControlledBy(rs, deployment));
    const current = newRs && owned.find((rs) => rs.metadata.uid === newRs.metadata.uid);
    const sum = (field: string) => owned.reduce((total, rs) => total + Number(rs.status?.[field] ?? 0), 0);
    const desired = replicasOf(deployment);
    const replicas = sum('replicas');
    const updated = Number(current?.status?.replicas ?? 0);
    const available = sum('availableReplicas');
    const maxUnavailable = intOrPercent(rollingUpdate(deployment).maxUnavailable ?? '25%', desired, false);
    const now = cluster.nowIso();
    const complete = updated === desired && replicas === desired && available === desired;
    let conditions = (deployment.status?.conditions ?? []) as Condition[];
    conditions = withCondition(
      conditions,
      available >= desired - maxUnavailable
        ? {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          }
        : {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          },
      now,
    );
    if (current) {
      const rsName = current.metadata.name;
      conditions = withCondition(
        conditions,
        complete
          ? {
              type: 'Progressing',
              status: 'True',
              reason: 'NewReplicaSetAvailable',
              message: `ReplicaSet "${rsName}" has successfully progressed.`,
            }
          : {
              type: 'Progressing',
              status: 'True',
              reason: 'ReplicaSetUpdated',
              message: `ReplicaSet "${rsName}" is progressing.`,
            },
        now,
      );
    }
    const status: Json = {
      observedGeneration: deployment.metadata.generation ?? 1,
      replicas,
      updatedReplicas: updated,
      readyReplicas: sum('readyReplicas'),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, desired - available),
      conditions,
    };
    const revision = current
      ? String(revisionOf(current))
      : deployment.metadata.annotations?.[REVISION_ANNOTATION];
    const annotations = {
      ...deployment.metadata.annotations,
      ...(revision ? { [REVISION_ANNOTATION]: revision } : {}),
    };
    if (sameFields(deployment.status, status) && sameFields(deployment.metadata.annotations, annotations))
      return;
    cluster.update({
      ...deployment,
      metadata: { ...deployment.metadata, annotations },
      status: { ...deployment.status, ...status },
    });
  }

  function reconcileDeployment(
    cluster: Cluster,
    namespace: string | undefined,
    name: string,
  ): number | undefined {
    const deployment = cluster.get('Deployment', namespace, name);
    if (!deployment) return undefined;
    const owned = cluster.list('ReplicaSet', namespace).filter((rs) => isControlledBy(rs, deployment));
    const maxRevision = Math.max(0, ...owned.map(revisionOf));
    let newRs = findNewReplicaSet(cluster, deployment, owned);
    let again: number | undefined;
    if (!deployment.spec?.paused) {
      if (!newRs) newRs = createReplicaSet(cluster, deployment, maxRevision + 1);
      else if (revisionOf(newRs) < maxRevision) newRs = promote(cluster, newRs, maxRevision + 1);
      const olds = owned.filter((rs) => rs.metadata.uid !== newRs!.metadata.uid);
      again = rollout(cluster, deployment, newRs, olds);
      pruneHistory(cluster, deployment, olds);
    } else if (newRs) scale(cluster, deployment, newRs, replicasOf(deployment));
    updateStatus(cluster, cluster.get('Deployment', namespace, name)!, newRs);
    return again;
  }

  return {
    name: 'deployment',
    affected(change) {
      const { object } = change;
      if (change.resource.kind === 'Deployment' && change.type !== 'DELETED') {
        return [{ namespace: object.metadata.namespace, name: object.metadata.name }];
      }
      const owner = change.resource.kind === 'ReplicaSet' ? controllerRef(object) : undefined;
      return owner?.kind === 'Deployment' ? [{ namespace: object.metadata.namespace, name: owner.name }] : [];
    },
    reconcile: reconcileDeployment,
  };
}
