// PodDisruptionBudgets: how many matching pods are healthy, how many must stay healthy
// (minAvailable or maxUnavailable, as a count or a percentage) and so how many may be
// disrupted. The eviction endpoint decides from a fresh computation; the controller keeps
// each PDB's status current for `kubectl get pdb`.

import type { KubeObject } from '../world.ts';
import type { Cluster, Controller } from './cluster.ts';
import { intOrPercent, isPodReady, podPhase } from './objects.ts';
import { labelSelectorRequirements, matchesLabels } from './selectors.ts';
import { type Condition, sameFields, withCondition } from './status.ts';

export interface Budget {
  pdb: KubeObject;
  expectedPods: number;
  currentHealthy: number;
  desiredHealthy: number;
  disruptionsAllowed: number;
}

function isTerminal(pod: KubeObject): boolean {
  return podPhase(pod) === 'Succeeded' || podPhase(pod) === 'Failed';
}

function computeBudget(cluster: Cluster, pdb: KubeObject): Budget {
  const selector = labelSelectorRequirements(pdb.spec?.selector);
  const pods = cluster
    .list('Pod', pdb.metadata.namespace)
    .filter((pod) => !isTerminal(pod) && matchesLabels(selector, pod.metadata.labels));
  const expectedPods = pods.length;
  const currentHealthy = pods.filter(isPodReady).length;
  const desiredHealthy =
    pdb.spec?.minAvailable !== undefined
      ? intOrPercent(pdb.spec.minAvailable, expectedPods, true)
      : Math.max(0, expectedPods - intOrPercent(pdb.spec?.maxUnavailable ?? 0, expectedPods, true));
  return {
    pdb,
    expectedPods,
    currentHealthy,
    desiredHealthy,
    disruptionsAllowed: Math.max(0, currentHealthy - desiredHealthy),
  };
}

/** The PDBs whose selector matches a pod. */
export function budgetsFor(cluster: Cluster, pod: KubeObject): Budget[] {
  return cluster
    .list('PodDisruptionBudget', pod.metadata.namespace)
    .filter((pdb) => matchesLabels(labelSelectorRequirements(pdb.spec?.selector), pod.metadata.labels))
    .map((pdb) => computeBudget(cluster, pdb));
}

export const disruptionController: Controller = {
  name: 'disruption',
  affected(change, cluster) {
    const { object } = change;
    if (change.resource.kind === 'PodDisruptionBudget' && change.type !== 'DELETED') {
      return [{ namespace: object.metadata.namespace, name: object.metadata.name }];
    }
    if (change.resource.kind !== 'Pod') return [];
    return cluster
      .list('PodDisruptionBudget', object.metadata.namespace)
      .map((pdb) => ({ namespace: pdb.metadata.namespace, name: pdb.metadata.name }));
  },
  reconcile(cluster, namespace, name) {
    const pdb = cluster.get('PodDisruptionBudget', namespace, name);
    if (!pdb) return undefined;
    const budget = computeBudget(cluster, pdb);
    const allowed = budget.disruptionsAllowed > 0;
    const status = {
      observedGeneration: pdb.metadata.generation ?? 1,
      expectedPods: budget.expectedPods,
      currentHealthy: budget.currentHealthy,
      desiredHealthy: budget.desiredHealthy,
      disruptionsAllowed: budget.disruptionsAllowed,
      conditions: withCondition(
        pdb.status?.conditions as Condition[] | undefined,
        {
          type: 'DisruptionAllowed',
          status: allowed ? 'True' : 'False',
          reason: allowed ? 'SufficientPods' : 'InsufficientPods',
          message: '',
          observedGeneration: pdb.metadata.generation ?? 1,
        },
        cluster.nowIso(),
        ['lastTransitionTime'],
      ),
    };
    if (!sameFields(pdb.status, status)) cluster.update({ ...pdb, status: { ...pdb.status, ...status } });
    return undefined;
  },
};
