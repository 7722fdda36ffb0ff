// Endpoints for every Service with a selector: the IPs of its matching pods, ready ones
// under `addresses` and the rest under `notReadyAddresses`, as the endpoints controller
// publishes them. Worlds carry Services but no Endpoints, so these are derived at start.

import { canonicalJson } from '../../canonical.ts';
import type { KubeObject } from '../world.ts';
import type { Cluster, Controller } from './cluster.ts';
import { isPodReady, type Json } from './objects.ts';
import { matchesLabels } from './selectors.ts';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

function selectorOf(service: KubeObject): Record<string, string> | undefined {
  const selector = service.spec?.selector as Record<string, string> | undefined;
  return selector && Object.keys(selector).length > 0 ? selector : undefined;
}

function selects(service: KubeObject, pod: KubeObject | undefined): boolean {
  const selector = selectorOf(service);
  if (!selector || !pod) return false;
  return matchesLabels(
    Object.entries(selector).map(([key, value]) => ({ key, op: '=', value })),
    pod.metadata.labels,
  );
}

function address(pod: KubeObject): Json {
  return {
    ip: pod.status?.podIP,
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
    },
  };
}

function reconcileEndpoints(cluster: Cluster, namespace: string | undefined, name: string): undefined {
  const service = cluster.get('Service', namespace, name);
  const existing = cluster.get('Endpoints', namespace, name);
  if (!service || !selectorOf(service)) {
    if (existing) cluster.delete(cluster.typeOf(existing), namespace, name);
    return undefined;
  }
  const pods = cluster.list('Pod', namespace).filter((pod) => selects(service, pod) && pod.status?.podIP);
  const ports = ((service.spec?.ports ?? []) as ServicePort[]).map((port) => ({
    ...(port.name ? { name: port.name } : {}),
    port: typeof port.targetPort === 'number' ? port.targetPort : port.port,
    protocol: port.protocol ?? 'TCP',
  }));
  const ready = pods.filter(isPodReady).map(address);
  const notReady = pods.filter((pod) => !isPodReady(pod)).map(address);
  const subsets =
    pods.length === 0
      ? []
      : [
          {
            ...(ready.length ? { addresses: ready } : {}),
            ...(notReady.length ? { notReadyAddresses: notReady } : {}),
            ports,
          },
        ];
  if (existing) {
    if (canonicalJson(existing.subsets ?? []) !== canonicalJson(subsets))
      cluster.update({ ...existing, subsets });
    return undefined;
  }
  cluster.create({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name,
      namespace,
      uid: cluster.ids.uid(),
      creationTimestamp: service.metadata.creationTimestamp,
      ...(service.metadata.labels ? { labels: service.metadata.labels } : {}),
    },
    subsets,
  });
  return undefined;
}

export const endpointsController: Controller = {
  name: 'endpoints',
  affected(change, cluster) {
    const { object } = change;
    if (change.resource.kind === 'Service')
      return [{ namespace: object.metadata.namespace, name: object.metadata.name }];
    if (change.resource.kind !== 'Pod') return [];
    return cluster
      .list('Service', object.metadata.namespace)
      .filter((service) => selects(service, object) || selects(service, change.previous))
      .map((service) => ({ namespace: service.metadata.namespace, name: service.metadata.name }));
  },
  reconcile: reconcileEndpoints,
};
