// The DaemonSet controller: one pod on every node that should run it (its nodeSelector
// matches, its taints are tolerated, with the tolerations Kubernetes adds to daemon pods,
// and it is Ready), bound to that node, recreated there when deleted, removed from nodes it
// no longer fits. A template change (rollout restart, set image, rollout undo) replaces
// outdated pods node by node: all at once, or `maxUnavailable` nodes per `rolloutStepMs`;
// OnDelete replaces a pod only once it is deleted. Pods carry the revision's hash as
// `controller-revision-hash`, each revision is kept as a ControllerRevision
// (controller-revisions.ts), and status carries the counts `kubectl rollout status` reads.

import type { KubeObject } from '../world.ts';
import type { Cluster, Controller } from './cluster.ts';
import { currentRevisionName, pruneRevisions, recordRevision } from './controller-revisions.ts';
import { recordEvent } from './events.ts';
import {
  CONTROLLER_REVISION_HASH,
  conditionStatus,
  controllerRef,
  intOrPercent,
  isControlledBy,
  isPodReady,
  type Json,
  templateIdentity,
} from './objects.ts';
import { bindAndStart, killPod, newPod } from './pods.ts';
import { type Taint, type Toleration, tolerates } from './scheduler.ts';
import { labelSelectorRequirements, matchesLabels } from './selectors.ts';
import { sameFields } from './status.ts';

/** What the DaemonSet controller adds to every daemon pod, so node trouble does not evict it. */
export const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

type Template = {
  metadata?: Json;
  spec?: { nodeSelector?: Record<string, string>; tolerations?: Toleration[] };
};

/**
 * Whether the daemon pod should run on the node (a new one may start there) and whether an
 * existing one may stay: a node that is not Ready takes no new daemon pod but keeps its own.
 */
function placement(ds: KubeObject, node: KubeObject): { run: boolean; stay: boolean } {
  const spec = ((ds.spec?.template as Template | undefined)?.spec ?? {}) as NonNullable<Template['spec']>;
  const selected = matchesLabels(
    labelSelectorRequirements({ matchLabels: spec.nodeSelector ?? {} }),
    node.metadata.labels,
  );
  const tolerations = [...(spec.tolerations ?? []), ...DAEMON_TOLERATIONS];
  const taints = (node.spec?.taints ?? []) as Taint[];
  const untolerated = (effect: string) =>
    taints.some((taint) => taint.effect === effect && !tolerates(tolerations, taint));
  const stay = selected && !untolerated('NoExecute');
  const ready = (conditionStatus(node, 'Ready') ?? 'True') === 'True';
  return { run: stay && ready && !untolerated('NoSchedule'), stay };
}

function podEvent(cluster: Cluster, ds: KubeObject, verb: 'Created' | 'Deleted', podName: string): void {
  recordEvent(cluster, ds, {
    reason: verb === 'Created' ? 'SuccessfulCreate' : 'SuccessfulDelete',
    message: `${verb} pod: ${podName}`,
    component: 'daemonset-controller',
  });
}

function rollingUpdate(ds: KubeObject): { type?: string; maxUnavailable?: unknown; maxSurge?: unknown } {
  const strategy = (ds.spec?.updateStrategy ?? {}) as { type?: string; rollingUpdate?: Json };
  return { type: strategy.type, ...strategy.rollingUpdate };
}

export function daemonSetController(): Controller {
  /** When each DaemonSet (uid) last replaced pods, for stepped rollouts (wall clock ms). */
  const lastStep = new Map<string, number>();

  function createPod(cluster: Cluster, ds: KubeObject, node: KubeObject, hash: string): void {
    const name = ds.metadata.name;
    const pod = newPod(cluster, ds, `${name}-${cluster.ids.suffix()}`, {
      generateName: `${name}-`,
      labels: {
        [CONTROLLER_REVISION_HASH]: hash,
        'pod-template-generation': String(ds.metadata.generation ?? 1),
      },
    });
    const spec = pod.spec as Json & { tolerations?: Toleration[] };
    const own = spec.tolerations ?? [];
    spec.tolerations = [
      ...own,
      ...DAEMON_TOLERATIONS.filter((d) => !own.some((t) => t.key === d.key && t.effect === d.effect)),
    ];
    spec.affinity = {
      ...(spec.affinity as Json | undefined),
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.metadata.name] }] },
          ],
        },
      },
    };
    bindAndStart(cluster, cluster.create(pod), node);
    podEvent(cluster, ds, 'Created', pod.metadata.name);
  }

  function reconcile(cluster: Cluster, namespace: string | undefined, name: string): number | undefined {
    const ds = cluster.get('DaemonSet', namespace, name);
    if (!ds) return undefined;
    const identity = templateIdentity(ds.spec?.template);
    const loaded = cluster.loadedRevisions.get(ds.metadata.uid);
    const unchanged = loaded?.template === identity;
    const revision = currentRevisionName(cluster, ds, unchanged ? loaded.revision : undefined);
    const hash = revision.slice(name.length + 1);
    recordRevision(cluster, ds, revision, { [CONTROLLER_REVISION_HASH]: hash });
    // A loaded world's daemon pods may carry no hash: they run the template it was loaded with.
    const isUpdated = (pod: KubeObject) => {
      const label = pod.metadata.labels?.[CONTROLLER_REVISION_HASH];
      return label === undefined ? unchanged : label === hash;
    };

    const nodes = new Map(cluster.list('Node').map((node) => [node.metadata.name, node]));
    const owned = () => cluster.list('Pod', namespace).filter((pod) => isControlledBy(pod, ds));
    const byNode = new Map<string, KubeObject[]>();
    for (const pod of owned()) {
      const node = String(pod.spec?.nodeName ?? '');
      byNode.set(node, [...(byNode.get(node) ?? []), pod]);
    }
    // Pods on nodes that are gone or no longer fit, and extra pods on one node, go.
    for (const [nodeName, pods] of byNode) {
      const node = nodes.get(nodeName);
      const kept = node && placement(ds, node).stay ? [pods.find(isUpdated) ?? pods[0]!] : [];
      for (const pod of pods.filter((p) => !kept.includes(p))) {
        killPod(cluster, pod);
        podEvent(cluster, ds, 'Deleted', pod.metadata.name);
      }
      byNode.set(nodeName, kept);
    }
    let desired = 0;
    for (const node of nodes.values()) {
      const { run, stay } = placement(ds, node);
      const has = (byNode.get(node.metadata.name) ?? []).length > 0;
      if (run || (stay && has)) desired++;
      if (run && !has) createPod(cluster, ds, node, hash);
    }

    let again: number | undefined;
    const strategy = rollingUpdate(ds);
    const outdated = owned()
      .filter((pod) => !isUpdated(pod))
      .sort((a, b) => String(a.spec?.nodeName).localeCompare(String(b.spec?.nodeName)));
    if (strategy.type !== 'OnDelete' && outdated.length > 0) {
      const elapsed = Date.now() - (lastStep.get(ds.metadata.uid) ?? 0);
      if (cluster.rolloutStepMs === 0 || elapsed >= cluster.rolloutStepMs) {
        lastStep.set(ds.metadata.uid, Date.now());
        const surge = intOrPercent(strategy.maxSurge ?? 0, desired, true);
        const perStep = Math.max(1, surge || intOrPercent(strategy.maxUnavailable ?? 1, desired, true));
        for (const pod of cluster.rolloutStepMs === 0 ? outdated : outdated.slice(0, perStep)) {
          const node = nodes.get(String(pod.spec?.nodeName));
          killPod(cluster, pod);
          podEvent(cluster, ds, 'Deleted', pod.metadata.name);
          if (node && placement(ds, node).run) createPod(cluster, ds, node, hash);
        }
      }
      again = cluster.rolloutStepMs || undefined;
    }

    const pods = owned();
    const ready = pods.filter(isPodReady).length;
    const status: Json = {
      observedGeneration: ds.metadata.generation ?? 1,
      desiredNumberScheduled: desired,
      currentNumberScheduled: pods.length,
      numberMisscheduled: 0,
      numberReady: ready,
      updatedNumberScheduled: pods.filter(isUpdated).length,
      numberAvailable: ready,
      numberUnavailable: Math.max(0, desired - ready),
    };
    const current = cluster.get('DaemonSet', namespace, name) ?? ds;
    if (!sameFields(current.status, status))
      cluster.update({ ...current, status: { ...current.status, ...status } });
    const hashes = pods.map((pod) => `${name}-${pod.metadata.labels?.[CONTROLLER_REVISION_HASH]}`);
    pruneRevisions(cluster, ds, new Set([revision, ...hashes]));
    return again;
  }

  return {
    name: 'daemonset',
    affected(change, cluster) {
      const { object } = change;
      if (change.resource.kind === 'DaemonSet' && change.type !== 'DELETED') {
        return [{ namespace: object.metadata.namespace, name: object.metadata.name }];
      }
      if (change.resource.kind === 'Node') {
        return cluster
          .list('DaemonSet')
          .map((ds) => ({ namespace: ds.metadata.namespace, name: ds.metadata.name }));
      }
      const owner = change.resource.kind === 'Pod' ? controllerRef(object) : undefined;
      return owner?.kind === 'DaemonSet' ? [{ namespace: object.metadata.namespace, name: owner.name }] : [];
    },
    reconcile,
  };
}
