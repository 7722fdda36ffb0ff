// The simple objects around the workloads: Namespaces (the declared ones plus those every
// cluster has), ConfigMaps with their current data, and a Service with its Endpoints for
// every catalog service backed by a workload, selecting that workload's pods.

import type { KubeObject } from '../world.ts';
import { BUILTIN_NAMESPACES } from './checks.ts';
import { objectMeta, objectUid } from './identity.ts';
import { streamRandom } from './random.ts';
import { parseRef } from './refs.ts';
import type { ConfigMapSpec, ScenarioSpec, ServiceSpec } from './schema.ts';
import { countsAsReplica, type WorkloadPlan } from './workloads.ts';

export function namespaceObjects(spec: ScenarioSpec, created: Date): KubeObject[] {
  const declared = spec.kubernetes.namespaces;
  const builtin = BUILTIN_NAMESPACES.filter((name) => !declared.some((n) => n.name === name));
  return [...builtin.map((name) => ({ name, labels: {} })), ...declared].map((ns) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: objectMeta(spec.seed, {
      kind: 'Namespace',
      name: ns.name,
      created,
      labels: { 'kubernetes.io/metadata.name': ns.name, ...ns.labels },
    }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }));
}

export function configMapObject(configMap: ConfigMapSpec, seed: number, clusterCreated: Date): KubeObject {
  const written = dataWrittenAt(configMap);
  const metadata = objectMeta(seed, {
    kind: 'ConfigMap',
    namespace: configMap.namespace,
    name: configMap.name,
    created: configMap.history[0]?.at ?? clusterCreated,
  });
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: written ? { ...metadata, managedFields: [dataWrite(written)] } : metadata,
    data: configMap.data,
  };
}

/**
 * When the current data was written, as far as the scenario tells: the start of the run of
 * history entries at the end that hold the current data. Unknown when the last entry differs.
 */
function dataWrittenAt(configMap: ConfigMapSpec): Date | undefined {
  const current = JSON.stringify(sortedEntries(configMap.data));
  let written: Date | undefined;
  for (const version of configMap.history.toReversed()) {
    if (JSON.stringify(sortedEntries(version.data)) !== current) break;
    written = version.at;
  }
  return written;
}

const sortedEntries = (data: Record<string, string>) =>
  Object.entries(data).sort(([a], [b]) => a.localeCompare(b));

/** The managedFields entry an API server records for a client's write of `data` (its time dates the change). */
function dataWrite(at: Date): Record<string, unknown> {
  return {
    manager: 'kubectl-client-side-apply',
    operation: 'Update',
    apiVersion: 'v1',
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:data': {} },
  };
}

/** The Service and Endpoints of a catalog service with a workload; none for external ones. */
export function serviceObjects(
  service: ServiceSpec,
  plans: readonly WorkloadPlan[],
  seed: number,
): KubeObject[] {
  if (!service.workload) return [];
  const ref = parseRef(service.workload);
  const plan = plans.find(
    (p) => p.kind === ref.kind && p.spec.namespace === ref.namespace && p.spec.name === ref.name,
  );
  if (!plan) throw new Error(`service ${service.name}: no workload ${service.workload}`);
  const namespace = plan.spec.namespace;
  const containerPorts = plan.spec.containers[0]!.ports;
  const ports = containerPorts.map((port) => ({
    name: containerPorts.length === 1 ? 'http' : `port-${port}`,
    port,
    targetPort: port,
    protocol: 'TCP',
  }));
  const headless = plan.kind === 'StatefulSet' || !ports.length;
  const random = streamRandom(seed, `cluster-ip/${namespace}/${service.name}`);
  const clusterIP = headless ? 'None' : `172.20.${random.int(0, 255)}.${random.int(1, 254)}`;
  const created = plan.revisions[0]!.at;
  const address = (pod: WorkloadPlan['pods'][number]) => ({
    ip: pod.ip,
    nodeName: pod.node?.spec.name,
    targetRef: { kind: 'Pod', namespace, name: pod.name, uid: objectUid(seed, 'Pod', namespace, pod.name) },
  });
  // Pods on their way out (evicted, being deleted, finished) are no endpoints at all.
  const scheduled = plan.pods.filter((pod) => pod.ip && countsAsReplica(pod));
  const ready = scheduled.filter((pod) => pod.state === 'Running');
  const notReady = scheduled.filter((pod) => pod.state !== 'Running');
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: objectMeta(seed, {
        kind: 'Service',
        namespace,
        name: service.name,
        created,
        labels: plan.spec.labels,
      }),
      spec: {
        type: 'ClusterIP',
        clusterIP,
        clusterIPs: [clusterIP],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports,
        selector: plan.spec.labels,
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: {} },
    },
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: objectMeta(seed, {
        kind: 'Endpoints',
        namespace,
        name: service.name,
        created,
        labels: plan.spec.labels,
      }),
      ...(scheduled.length
        ? {
            subsets: [
              {
                ...(ready.length ? { addresses: ready.map(address) } : {}),
                ...(notReady.length ? { notReadyAddresses: notReady.map(address) } : {}),
                ports: ports.map(({ name, port, protocol }) => ({ name, port, protocol })),
              },
            ],
          }
        : {}),
    },
  ];
}
