// The `scale` subresource of Deployments, ReplicaSets and StatefulSets: an autoscaling/v1
// Scale view (spec.replicas, status.replicas, status.selector) that `kubectl scale` reads
// and patches. Writes land in the workload's spec.replicas; the controllers do the rest.

import type { KubeObject } from '../world.ts';
import { replicasCauses } from './admission.ts';
import type { Cluster } from './cluster.ts';
import { badRequest, conflict, invalid } from './errors.ts';
import { existing, type Target } from './handlers.ts';
import { type ApiRequest, isDryRun, jsonBody, type Reply } from './http.ts';
import { replicasOf } from './objects.ts';
import { applyPatch } from './patch.ts';
import type { ResourceType } from './resources.ts';
import { formatLabelSelector } from './selectors.ts';

const SCALE_TYPE: ResourceType = {
  group: 'autoscaling',
  version: 'v1',
  plural: 'scale',
  singular: 'scale',
  kind: 'Scale',
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
};

function toScale(workload: KubeObject): Record<string, unknown> {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = workload.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: replicasOf(workload) },
    status: {
      replicas: Number(workload.status?.replicas ?? 0),
      selector: formatLabelSelector(workload.spec?.selector),
    },
  };
}

export function getScale(cluster: Cluster, target: Target): Reply {
  return { code: 200, body: toScale(existing(cluster, target)) };
}

function setReplicas(
  cluster: Cluster,
  req: ApiRequest,
  target: Target,
  workload: KubeObject,
  scale: unknown,
): Reply {
  const { metadata, spec } = (scale ?? {}) as {
    metadata?: { name?: string; resourceVersion?: string };
    spec?: { replicas?: unknown };
  };
  if (metadata?.name !== undefined && metadata.name !== workload.metadata.name) {
    throw badRequest(
      `the name of the object (${metadata.name}) does not match the name on the URL (${workload.metadata.name})`,
    );
  }
  if (metadata?.resourceVersion && metadata.resourceVersion !== workload.metadata.resourceVersion) {
    throw conflict(target.type, workload.metadata.name);
  }
  const replicas = spec?.replicas ?? 0;
  const causes = replicasCauses(replicas);
  if (causes.length > 0) throw invalid(SCALE_TYPE, workload.metadata.name, causes);
  const scaled = { ...workload, spec: { ...workload.spec, replicas } };
  if (isDryRun(req)) return { code: 200, body: toScale(scaled) };
  const stored = cluster.store.update(target.type, scaled);
  cluster.reconcile();
  return { code: 200, body: toScale(stored) };
}

export async function putScale(cluster: Cluster, req: ApiRequest, target: Target): Promise<Reply> {
  const workload = existing(cluster, target);
  return setReplicas(cluster, req, target, workload, await jsonBody(req));
}

export async function patchScale(cluster: Cluster, req: ApiRequest, target: Target): Promise<Reply> {
  const workload = existing(cluster, target);
  return setReplicas(
    cluster,
    req,
    target,
    workload,
    applyPatch(req.contentType, toScale(workload), await req.body()),
  );
}
