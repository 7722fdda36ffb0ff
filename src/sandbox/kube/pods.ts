// Pods the workload controllers create: built from the owner's pod template with the
// defaults the API server and admission add, then (once scheduled) started the way a
// kubelet reports a healthy pod: Running, every container ready, conditions True.

import type { KubeObject } from '../world.ts';
import type { Cluster } from './cluster.ts';
import { recordEvent } from './events.ts';
import { type Container, containersOf, type Json, ownerReferenceTo } from './objects.ts';

/** The tolerations the DefaultTolerationSeconds admission plugin adds to every pod. */
const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

/** The pod spec defaults the API server and admission plugins fill in. */
export function withPodDefaults(spec: Json): Json {
  const tolerations = (spec.tolerations ?? []) as { key?: string }[];
  return {
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default',
    serviceAccount: 'default',
    schedulerName: 'default-scheduler',
    enableServiceLinks: true,
    priority: 0,
    ...spec,
    containers: containersOf(spec).map((container) => ({
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: String(container.image ?? '').endsWith(':latest') ? 'Always' : 'IfNotPresent',
      ...container,
    })),
    tolerations: [
      ...tolerations,
      ...DEFAULT_TOLERATIONS.filter((d) => !tolerations.some((t) => t.key === d.key)),
    ],
  };
}

export function newPod(
  cluster: Cluster,
  owner: KubeObject,
  name: string,
  opts: { generateName?: string; labels?: Record<string, string> } = {},
): KubeObject {
  const template = structuredClone((owner.spec?.template ?? {}) as { metadata?: Json; spec?: Json });
  const metadata = (template.metadata ?? {}) as {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  const spec = template.spec ?? {};
  const uid = cluster.ids.uid();
  cluster.simulatedPods.add(uid);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ...(opts.generateName ? { generateName: opts.generateName } : {}),
      namespace: owner.metadata.namespace,
      uid,
      creationTimestamp: cluster.nowIso(),
      labels: { ...metadata.labels, ...opts.labels },
      ...(metadata.annotations ? { annotations: metadata.annotations } : {}),
      ownerReferences: [ownerReferenceTo(owner)],
    },
    spec: withPodDefaults(spec),
    status: { phase: 'Pending', qosClass: qosClass(containersOf(spec)) },
  };
}

export function qosClass(containers: Container[]): string {
  const resources = containers.map((c) => (c.resources ?? {}) as { limits?: Json; requests?: Json });
  const any = resources.some(
    (r) => Object.keys(r.limits ?? {}).length + Object.keys(r.requests ?? {}).length > 0,
  );
  if (!any) return 'BestEffort';
  const guaranteed = resources.every((r) =>
    ['cpu', 'memory'].every(
      (name) => r.limits?.[name] !== undefined && (r.requests?.[name] ?? r.limits[name]) === r.limits[name],
    ),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** A free IP in the node's pod range (10.244.<node index>.0/24, as with a per-node podCIDR). */
function allocatePodIp(cluster: Cluster, node: KubeObject): string {
  const index = Math.max(
    0,
    cluster.list('Node').findIndex((n) => n.metadata.name === node.metadata.name),
  );
  for (let host = 2; host < 255; host++) {
    const ip = `10.244.${index % 256}.${host}`;
    if (!cluster.usedPodIps.has(ip)) {
      cluster.usedPodIps.add(ip);
      return ip;
    }
  }
  throw new Error(`node ${node.metadata.name} has no free pod IP left in 10.244.${index}.0/24`);
}

function internalIp(node: KubeObject): string | undefined {
  const addresses = (node.status?.addresses ?? []) as { type: string; address: string }[];
  return addresses.find((address) => address.type === 'InternalIP')?.address;
}

/** Binds a pod to a node and starts it: the scheduler's and the kubelet's work, with their events. */
export function bindAndStart(cluster: Cluster, pod: KubeObject, node: KubeObject): KubeObject {
  const time = cluster.nowIso();
  const nodeName = node.metadata.name;
  const containers = containersOf(pod.spec);
  const hostIp = internalIp(node);
  const podIp = allocatePodIp(cluster, node);
  pod.spec = { ...pod.spec, nodeName };
  pod.status = {
    ...pod.status,
    phase: 'Running',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(
      (type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: time }),
    ),
    ...(hostIp ? { hostIP: hostIp, hostIPs: [{ ip: hostIp }] } : {}),
    podIP: podIp,
    podIPs: [{ ip: podIp }],
    startTime: time,
    containerStatuses: containers.map((container) => ({
      name: container.name,
      state: { running: { startedAt: time } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: container.image,
      imageID: `${container.image}@sha256:${cluster.ids.hex(64)}`,
      containerID: `containerd://${cluster.ids.hex(64)}`,
      started: true,
    })),
  };
  const started = cluster.update(pod);
  recordEvent(cluster, started, {
    reason: 'Scheduled',
    message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
    component: 'default-scheduler',
  });
  for (const container of containers) {
    const kubelet = { component: 'kubelet', host: nodeName, fieldPath: `spec.containers{${container.name}}` };
    recordEvent(cluster, started, {
      ...kubelet,
      reason: 'Pulled',
      message: `Container image "${container.image}" already present on machine`,
    });
    recordEvent(cluster, started, {
      ...kubelet,
      reason: 'Created',
      message: `Created container: ${container.name}`,
    });
    recordEvent(cluster, started, {
      ...kubelet,
      reason: 'Started',
      message: `Started container ${container.name}`,
    });
  }
  return started;
}

/** Deletes a pod as the kubelet stops it: a Killing event per container, then gone. */
export function killPod(
  cluster: Cluster,
  pod: KubeObject,
  extra?: { reason: string; message: string; component: string },
) {
  const host = pod.spec?.nodeName as string | undefined;
  if (extra) recordEvent(cluster, pod, extra);
  if (host && pod.status?.phase === 'Running') {
    for (const container of containersOf(pod.spec)) {
      recordEvent(cluster, pod, {
        reason: 'Killing',
        message: `Stopping container ${container.name}`,
        component: 'kubelet',
        host,
        fieldPath: `spec.containers{${container.name}}`,
      });
    }
  }
  return cluster.delete(cluster.typeOf(pod), pod.metadata.namespace, pod.metadata.name);
}
