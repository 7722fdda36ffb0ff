// The `pods/<name>/eviction` subresource kubectl drain posts to: it deletes the pod unless
// that would break a PodDisruptionBudget, in which case it answers 429 TooManyRequests
// (drain waits and retries). Rules as the API server's: terminal and Pending pods skip
// the budget; an unhealthy pod may go only while the budget is met (IfHealthyBudget); a
// pod under more than one budget cannot be evicted.

import type { KubeObject } from '../world.ts';
import type { Cluster } from './cluster.ts';
import { budgetsFor } from './disruption.ts';
import { badRequest, KubeError } from './errors.ts';
import { existing, type Target } from './handlers.ts';
import { type ApiRequest, isDryRun, jsonBody, type Reply, successStatus } from './http.ts';
import { isPodReady, podPhase } from './objects.ts';
import { killPod } from './pods.ts';

function refusal(cluster: Cluster, pod: KubeObject): KubeError | undefined {
  if (['Succeeded', 'Failed', 'Pending'].includes(podPhase(pod))) return undefined;
  const budgets = budgetsFor(cluster, pod);
  if (budgets.length > 1) {
    return new KubeError(
      500,
      'InternalError',
      'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    );
  }
  const budget = budgets[0];
  if (!budget) return undefined;
  const blocked = isPodReady(pod)
    ? budget.disruptionsAllowed <= 0
    : budget.currentHealthy < budget.desiredHealthy;
  if (!blocked) return undefined;
  return new KubeError(
    429,
    'TooManyRequests',
    "Cannot evict pod as it would violate the pod's disruption budget.",
    {
      causes: [
        {
          reason: 'DisruptionBudget',
          message: `The disruption budget ${budget.pdb.metadata.name} needs ${budget.desiredHealthy} healthy pods and has ${budget.currentHealthy} currently`,
        },
      ],
    },
  );
}

export async function evict(cluster: Cluster, req: ApiRequest, target: Target): Promise<Reply> {
  const pod = existing(cluster, target);
  const eviction = await jsonBody(req);
  const name = (eviction.metadata as { name?: string } | undefined)?.name;
  if (name !== undefined && name !== pod.metadata.name) {
    throw badRequest(`name in URL does not match name in Eviction object (${name} != ${pod.metadata.name})`);
  }
  const refused = refusal(cluster, pod);
  if (refused) throw refused;
  const dryRun = isDryRun(req, (eviction.deleteOptions as { dryRun?: string[] } | undefined)?.dryRun);
  if (!dryRun) {
    killPod(cluster, pod, {
      reason: 'Evicted',
      message: 'Evicted by the Eviction API',
      component: 'kube-apiserver',
    });
    cluster.reconcile();
  }
  return { code: 201, body: successStatus(201) };
}
