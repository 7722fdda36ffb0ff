// The StatefulSet controller: pods `<name>-<ordinal>` for ordinals below `spec.replicas`,
// recreated under the same name when deleted or evicted; a template change (rollout
// restart, set image) deletes outdated pods from the highest ordinal down and recreates
// them at the new `controller-revision-hash`, all at once or one per `rolloutStepMs`.
// A partition keeps ordinals below it at their revision; OnDelete replaces a pod only once
// it is deleted. Status carries the current/update revisions `kubectl rollout status`
// compares, and each revision is kept as a ControllerRevision (controller-revisions.ts:
// what `kubectl rollout history` reads and `kubectl rollout undo` patches back).

import type { KubeObject } from '../world.ts';
import type { Cluster, Controller } from './cluster.ts';
import { currentRevisionName, pruneRevisions, recordRevision } from './controller-revisions.ts';
import { recordEvent } from './events.ts';
import {
  CONTROLLER_REVISION_HASH,
  controllerRef,
  isControlledBy,
  isPodReady,
  type Json,
  replicasOf,
  templateIdentity,
} from './objects.ts';
import { killPod, newPod } from './pods.ts';
import { sameFields } from './status.ts';

/** The revision of the StatefulSet's template: pods carry its name as controller-revision-hash. */
function updateRevisionOf(cluster: Cluster, sts: KubeObject): string {
  const loaded = cluster.loadedRevisions.get(sts.metadata.uid);
  const unchanged = loaded?.template === templateIdentity(sts.spec?.template);
  return currentRevisionName(cluster, sts, unchanged ? loaded.revision : undefined);
}

const HASH_LABEL = 'controller.kubernetes.io/hash';

function ordinalOf(sts: KubeObject, pod: KubeObject): number {
  return Number(pod.metadata.name.slice(sts.metadata.name.length + 1));
}

function podEvent(cluster: Cluster, sts: KubeObject, verb: 'create' | 'delete', podName: string): void {
  recordEvent(cluster, sts, {
    reason: verb === 'create' ? 'SuccessfulCreate' : 'SuccessfulDelete',
    message: `${verb} Pod ${podName} in StatefulSet ${sts.metadata.name} successful`,
    component: 'statefulset-controller',
  });
}

export function statefulSetController(): Controller {
  const lastStep = new Map<string, number>();

  function reconcile(cluster: Cluster, namespace: string | undefined, name: string): number | undefined {
    const sts = cluster.get('StatefulSet', namespace, name);
    if (!sts) return undefined;
    const desired = replicasOf(sts);
    const revision = updateRevisionOf(cluster, sts);
    recordRevision(cluster, sts, revision, { [HASH_LABEL]: revision.slice(name.length + 1) });
    const owned = () => cluster.list('Pod', namespace).filter((pod) => isControlledBy(pod, sts));
    const existing = new Set(owned().map((pod) => ordinalOf(sts, pod)));
    for (let ordinal = 0; ordinal < desired; ordinal++) {
      if (existing.has(ordinal)) continue;
      const podName = `${name}-${ordinal}`;
      cluster.create(
        newPod(cluster, sts, podName, {
          labels: {
            [CONTROLLER_REVISION_HASH]: revision,
            'statefulset.kubernetes.io/pod-name': podName,
            'apps.kubernetes.io/pod-index': String(ordinal),
          },
        }),
      );
      podEvent(cluster, sts, 'create', podName);
    }
    const byOrdinalDesc = owned().sort((a, b) => ordinalOf(sts, b) - ordinalOf(sts, a));
    for (const pod of byOrdinalDesc.filter((p) => ordinalOf(sts, p) >= desired)) {
      killPod(cluster, pod);
      podEvent(cluster, sts, 'delete', pod.metadata.name);
    }
    let again: number | undefined;
    const strategy = (sts.spec?.updateStrategy ?? {}) as { type?: string; rollingUpdate?: Json };
    const onDelete = strategy.type === 'OnDelete';
    const partition = Number(strategy.rollingUpdate?.partition ?? 0);
    const outdated = byOrdinalDesc.filter(
      (pod) =>
        ordinalOf(sts, pod) < desired &&
        ordinalOf(sts, pod) >= partition &&
        pod.metadata.labels?.[CONTROLLER_REVISION_HASH] !== revision,
    );
    if (!onDelete && outdated.length > 0) {
      const elapsed = Date.now() - (lastStep.get(sts.metadata.uid) ?? 0);
      if (cluster.rolloutStepMs === 0 || elapsed >= cluster.rolloutStepMs) {
        lastStep.set(sts.metadata.uid, Date.now());
        for (const pod of cluster.rolloutStepMs === 0 ? outdated : outdated.slice(0, 1)) {
          killPod(cluster, pod);
          podEvent(cluster, sts, 'delete', pod.metadata.name);
        }
      }
      again = cluster.rolloutStepMs || undefined;
    }
    const pods = owned();
    const updated = pods.filter((pod) => pod.metadata.labels?.[CONTROLLER_REVISION_HASH] === revision).length;
    const currentRevision =
      updated === desired && pods.length === desired
        ? revision
        : String(sts.status?.currentRevision ?? revision);
    const ready = pods.filter(isPodReady).length;
    const status: Json = {
      observedGeneration: sts.metadata.generation ?? 1,
      replicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      currentReplicas: pods.filter(
        (pod) => pod.metadata.labels?.[CONTROLLER_REVISION_HASH] === currentRevision,
      ).length,
      updatedReplicas: updated,
      currentRevision,
      updateRevision: revision,
      collisionCount: 0,
    };
    if (!sameFields(sts.status, status)) cluster.update({ ...sts, status: { ...sts.status, ...status } });
    const live = new Set([revision, currentRevision]);
    for (const pod of pods) live.add(String(pod.metadata.labels?.[CONTROLLER_REVISION_HASH]));
    pruneRevisions(cluster, sts, live);
    return again;
  }

  return {
    name: 'statefulset',
    affected(change) {
      const { object } = change;
      if (change.resource.kind === 'StatefulSet' && change.type !== 'DELETED') {
        return [{ namespace: object.metadata.namespace, name: object.metadata.name }];
      }
      const owner = change.resource.kind === 'Pod' ? controllerRef(object) : undefined;
      return owner?.kind === 'StatefulSet'
        ? [{ namespace: object.metadata.namespace, name: owner.name }]
        : [];
    },
    reconcile,
  };
}
