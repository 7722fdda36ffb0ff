// DaemonSets of a scenario: one pod on every node it runs on (its nodeSelector matches and
// it tolerates the node's own taints; the taints Kubernetes adds for node conditions and
// cordons are tolerated by every daemon pod), the DaemonSet with the counts its controller
// reports, and one ControllerRevision per revision. The simulator's DaemonSet controller
// (kube/daemonset-controller.ts) takes over from this state when something changes.

import { tolerates } from '../kube/scheduler.ts';
import type { KubeObject } from '../world.ts';
import { objectMeta } from './identity.ts';
import type { NodePlan } from './nodes.ts';
import type { DaemonSetSpec, NodeSpec } from './schema.ts';
import type { WorkloadPlan } from './workloads.ts';

/** Whether the DaemonSet has a pod on the node. */
export function runsOn(ds: Pick<DaemonSetSpec, 'nodeSelector' | 'tolerations'>, node: NodeSpec): boolean {
  const selected = Object.entries(ds.nodeSelector).every(([key, value]) => node.labels[key] === value);
  return (
    selected &&
    node.taints.every((taint) => taint.effect === 'PreferNoSchedule' || tolerates(ds.tolerations, taint))
  );
}

/** The nodes the DaemonSet's pods run on, in node order: pod i runs on the i-th. */
export function daemonNodes(ds: DaemonSetSpec, nodes: readonly NodePlan[]): NodePlan[] {
  return nodes.filter((node) => runsOn(ds, node.spec));
}

export function daemonSetObjects(plan: WorkloadPlan, seed: number): KubeObject[] {
  const { spec, current, revisions } = plan;
  const ds = plan.daemonSet!;
  const desired = spec.replicas;
  const ready = plan.pods.filter((pod) => pod.index < desired && pod.state === 'Running').length;
  const daemonSet: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: objectMeta(seed, {
      kind: 'DaemonSet',
      namespace: spec.namespace,
      name: spec.name,
      created: revisions[0]!.at,
      generation: revisions.length,
      labels: spec.labels,
      annotations: { 'deprecated.daemonset.template.generation': String(revisions.length) },
    }),
    spec: {
      selector: { matchLabels: spec.labels },
      template: {
        metadata: current.template.metadata,
        spec: {
          ...current.template.spec,
          ...(Object.keys(ds.nodeSelector).length ? { nodeSelector: ds.nodeSelector } : {}),
          ...(ds.tolerations.length ? { tolerations: ds.tolerations } : {}),
        },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: {
      observedGeneration: revisions.length,
      desiredNumberScheduled: desired,
      currentNumberScheduled: desired,
      numberMisscheduled: 0,
      numberReady: ready,
      updatedNumberScheduled: desired,
      numberAvailable: ready,
      ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {}),
    },
  };
  const controllerRevisions = revisions.map((revision) => ({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: objectMeta(seed, {
      kind: 'ControllerRevision',
      namespace: spec.namespace,
      name: revision.ownerName,
      created: revision.at,
      labels: { ...spec.labels, 'controller-revision-hash': revision.hash },
      owner: { kind: 'DaemonSet', name: spec.name },
    }),
    data: { spec: { template: { $patch: 'replace', ...revision.template } } },
    revision: revision.number,
  }));
  return [daemonSet, ...controllerRevisions];
}
