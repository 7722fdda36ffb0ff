// A small hand-written KubeWorld for the simulator's tests: namespaces shop and monitoring,
// three nodes, Deployment shop/checkout with two ReplicaSet revisions and three pods (one
// in CrashLoopBackOff after OOM kills), StatefulSet shop/orders-db with two pods, a
// node-exporter DaemonSet, PodDisruptionBudgets, a Service, a ConfigMap, Events, no
// Secrets, and a log generator (orders-db-0 writes a line a second for two days: >100k lines).

import type { KubeObject, KubeWorld, LogLine, LogQuery } from '../../../../src/sandbox/world.ts';

export const NOW = new Date('2026-04-25T14:30:00Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString().replace('.000Z', 'Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const IMAGE_V1 = 'registry.example/checkout:1.41.0';
export const IMAGE_V2 = 'registry.example/checkout:1.42.0';
export const RS_V1 = 'checkout-6d8f7c9b5';
export const RS_V2 = 'checkout-7f9c6d4b8';
export const CHECKOUT_PODS = [`${RS_V2}-x2k4p`, `${RS_V2}-m7q9z`, `${RS_V2}-crash`];
export const CRASHING_POD = CHECKOUT_PODS[2]!;
export const NODES = ['node-a', 'node-b', 'node-c'];

let uidCounter = 0;
const uid = () => `00000000-0000-4000-8000-${String(++uidCounter).padStart(12, '0')}`;

function meta(
  name: string,
  namespace: string | undefined,
  created: string,
  extra: Record<string, unknown> = {},
) {
  return { name, ...(namespace ? { namespace } : {}), uid: uid(), creationTimestamp: created, ...extra };
}

function owner(object: KubeObject) {
  return [
    {
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata.name,
      uid: object.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  ];
}

function checkoutTemplate(image: string, env: Record<string, string>, hash?: string) {
  return {
    metadata: { labels: { app: 'checkout', ...(hash ? { 'pod-template-hash': hash } : {}) } },
    spec: {
      containers: [
        {
          name: 'app',
          image,
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          env: Object.entries(env).map(([name, value]) => ({ name, value })),
          resources: { limits: { memory: '512Mi', cpu: '1' } },
        },
      ],
    },
  };
}

function runningStatus(pod: {
  node: string;
  ip: string;
  started: string;
  image: string;
  container?: string;
}) {
  return {
    phase: 'Running',
    conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
      type,
      status: 'True',
      lastTransitionTime: pod.started,
    })),
    hostIP: `192.168.0.${NODES.indexOf(pod.node) + 10}`,
    podIP: pod.ip,
    startTime: pod.started,
    containerStatuses: [
      {
        name: pod.container ?? 'app',
        ready: true,
        restartCount: 0,
        image: pod.image,
        started: true,
        state: { running: { startedAt: pod.started } },
      },
    ],
  };
}

function buildObjects(): KubeObject[] {
  uidCounter = 0;
  const objects: KubeObject[] = [];
  const add = <T extends KubeObject>(object: T): T => {
    objects.push(object);
    return object;
  };
  for (const name of ['shop', 'monitoring']) {
    add({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(name, undefined, at(-90 * DAY), { labels: { 'kubernetes.io/metadata.name': name } }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  NODES.forEach((name, index) => {
    add({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: meta(name, undefined, at(-30 * DAY), {
        labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `eu-west-1${'abc'[index]}` },
      }),
      spec: {},
      status: {
        capacity: { cpu: '8', memory: '32Gi', pods: '110' },
        allocatable: { cpu: '7910m', memory: '31Gi', pods: '110' },
        conditions: [
          { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory' },
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
          },
        ],
        addresses: [
          { type: 'InternalIP', address: `192.168.0.${index + 10}` },
          { type: 'Hostname', address: name },
        ],
        nodeInfo: {
          kubeletVersion: 'v1.32.4',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
          kernelVersion: '6.1.0-31-amd64',
          containerRuntimeVersion: 'containerd://1.7.24',
        },
      },
    });
  });

  const deployment = add({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('checkout', 'shop', at(-9 * DAY), {
      labels: { app: 'checkout' },
      annotations: {
        'deployment.kubernetes.io/revision': '2',
        'kubernetes.io/change-cause': 'release 1.42.0',
      },
      generation: 2,
    }),
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'checkout' } },
      template: checkoutTemplate(IMAGE_V2, { DB_POOL_MAX: '10' }),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
    },
    status: {
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 2,
      availableReplicas: 2,
      unavailableReplicas: 1,
    },
  });
  const revisions: {
    name: string;
    revision: string;
    image: string;
    env: Record<string, string>;
    created: string;
    cause: string;
    replicas: number;
  }[] = [
    {
      name: RS_V1,
      revision: '1',
      image: IMAGE_V1,
      env: {},
      created: at(-9 * DAY),
      cause: 'release 1.41.0',
      replicas: 0,
    },
    {
      name: RS_V2,
      revision: '2',
      image: IMAGE_V2,
      env: { DB_POOL_MAX: '10' },
      created: at(-19 * MIN),
      cause: 'release 1.42.0',
      replicas: 3,
    },
  ];
  const replicaSets = revisions.map((rev) => {
    const hash = rev.name.slice('checkout-'.length);
    return add({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: meta(rev.name, 'shop', rev.created, {
        labels: { app: 'checkout', 'pod-template-hash': hash },
        annotations: {
          'deployment.kubernetes.io/revision': rev.revision,
          'kubernetes.io/change-cause': rev.cause,
        },
        ownerReferences: owner(deployment),
        generation: 1,
      }),
      spec: {
        replicas: rev.replicas,
        selector: { matchLabels: { app: 'checkout', 'pod-template-hash': hash } },
        template: checkoutTemplate(rev.image, rev.env, hash),
      },
      status: {
        replicas: rev.replicas,
        readyReplicas: Math.min(rev.replicas, 2),
        availableReplicas: Math.min(rev.replicas, 2),
        observedGeneration: 1,
      },
    });
  });
  const current = replicaSets[1]!;
  CHECKOUT_PODS.forEach((name, index) => {
    const node = NODES[index]!;
    const started = at(-19 * MIN);
    const pod = add({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(name, 'shop', started, {
        labels: { app: 'checkout', 'pod-template-hash': RS_V2.slice('checkout-'.length) },
        ownerReferences: owner(current),
      }),
      spec: {
        ...checkoutTemplate(IMAGE_V2, { DB_POOL_MAX: '10' }).spec,
        nodeName: node,
        restartPolicy: 'Always',
      },
      status: runningStatus({ node, ip: `10.244.${index}.${index + 20}`, started, image: IMAGE_V2 }),
    });
    if (name === CRASHING_POD) {
      const status = pod.status as Record<string, unknown>;
      status.conditions = (status.conditions as { type: string; status: string }[]).map((c) =>
        c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False' } : c,
      );
      status.containerStatuses = [
        {
          name: 'app',
          ready: false,
          restartCount: 14,
          image: IMAGE_V2,
          started: false,
          state: {
            waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=app' },
          },
          lastState: {
            terminated: {
              exitCode: 137,
              reason: 'OOMKilled',
              startedAt: at(-13 * MIN),
              finishedAt: at(-12 * MIN),
            },
          },
        },
      ];
    }
  });

  const sts = add({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('orders-db', 'shop', at(-60 * DAY), { labels: { app: 'orders-db' }, generation: 1 }),
    spec: {
      replicas: 2,
      serviceName: 'orders-db',
      selector: { matchLabels: { app: 'orders-db' } },
      template: {
        metadata: { labels: { app: 'orders-db' } },
        spec: { containers: [{ name: 'postgres', image: 'postgres:16.4' }] },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    },
    status: {
      observedGeneration: 1,
      replicas: 2,
      readyReplicas: 2,
      currentReplicas: 2,
      updatedReplicas: 2,
      currentRevision: 'orders-db-5b8c7d9f6',
      updateRevision: 'orders-db-5b8c7d9f6',
    },
  });
  ['node-b', 'node-c'].forEach((node, ordinal) => {
    const name = `orders-db-${ordinal}`;
    add({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(name, 'shop', at(-2 * DAY), {
        labels: {
          app: 'orders-db',
          'controller-revision-hash': 'orders-db-5b8c7d9f6',
          'statefulset.kubernetes.io/pod-name': name,
        },
        ownerReferences: owner(sts),
      }),
      spec: {
        containers: [{ name: 'postgres', image: 'postgres:16.4' }],
        nodeName: node,
        hostname: name,
        subdomain: 'orders-db',
      },
      status: runningStatus({
        node,
        ip: `10.244.${ordinal + 1}.${ordinal + 40}`,
        started: at(-2 * DAY),
        image: 'postgres:16.4',
        container: 'postgres',
      }),
    });
  });

  const ds = add({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('node-exporter', 'monitoring', at(-30 * DAY), { generation: 1 }),
    spec: {
      selector: { matchLabels: { app: 'node-exporter' } },
      template: {
        metadata: { labels: { app: 'node-exporter' } },
        spec: { containers: [{ name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2' }] },
      },
    },
    status: {
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 3,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
      observedGeneration: 1,
    },
  });
  NODES.forEach((node, index) => {
    add({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(`node-exporter-${'fgh'[index]}7k2m`, 'monitoring', at(-30 * DAY), {
        labels: { app: 'node-exporter' },
        ownerReferences: owner(ds),
      }),
      spec: {
        containers: [{ name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2' }],
        nodeName: node,
      },
      status: runningStatus({
        node,
        ip: `192.168.0.${index + 10}`,
        started: at(-30 * DAY),
        image: 'quay.io/prometheus/node-exporter:v1.8.2',
        container: 'node-exporter',
      }),
    });
  });

  add({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta('checkout-pdb', 'shop', at(-9 * DAY), { generation: 1 }),
    spec: { minAvailable: 2, selector: { matchLabels: { app: 'checkout' } } },
  });
  add({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta('orders-db-pdb', 'shop', at(-60 * DAY), { generation: 1 }),
    spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'orders-db' } } },
  });
  add({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('checkout', 'shop', at(-90 * DAY), { labels: { app: 'checkout' } }),
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.12.7',
      selector: { app: 'checkout' },
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
    },
  });
  add({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('checkout-config', 'shop', at(-3 * DAY)),
    data: { max_connections: '10' },
  });

  const event = (
    name: string,
    about: KubeObject,
    type: string,
    reason: string,
    message: string,
    when: string,
    count = 1,
  ) =>
    add({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: meta(name, about.metadata.namespace, when),
      involvedObject: {
        apiVersion: about.apiVersion,
        kind: about.kind,
        name: about.metadata.name,
        namespace: about.metadata.namespace,
        uid: about.metadata.uid,
      },
      type,
      reason,
      message,
      source: { component: reason === 'ScalingReplicaSet' ? 'deployment-controller' : 'kubelet' },
      firstTimestamp: when,
      lastTimestamp: when,
      count,
    });
  event(
    'checkout.1',
    deployment,
    'Normal',
    'ScalingReplicaSet',
    `Scaled up replica set ${RS_V2} to 3 from 0`,
    at(-19 * MIN),
  );
  event(
    'checkout.2',
    deployment,
    'Normal',
    'ScalingReplicaSet',
    `Scaled down replica set ${RS_V1} to 0 from 3`,
    at(-18 * MIN),
  );
  const crashing = objects.find((o) => o.metadata.name === CRASHING_POD)!;
  event(
    `${CRASHING_POD}.1`,
    crashing,
    'Warning',
    'BackOff',
    'Back-off restarting failed container app in pod',
    at(-1 * MIN),
    14,
  );
  return objects;
}

const LINE_EVERY_MS: Record<string, number> = { app: 10_000, postgres: 1_000, 'node-exporter': 60_000 };

/** Deterministic lines from the container's start (the previous instance: up to its termination). */
function* podLogs(pod: KubeObject, query: LogQuery): Iterable<LogLine> {
  const statuses = (pod.status?.containerStatuses ?? []) as {
    name: string;
    lastState?: { terminated?: { startedAt: string; finishedAt: string } };
  }[];
  const previous = statuses.find((s) => s.name === query.container)?.lastState?.terminated;
  const from =
    query.previous && previous
      ? Date.parse(previous.startedAt)
      : Date.parse(String(pod.status?.startTime ?? pod.metadata.creationTimestamp));
  const to = query.previous && previous ? Date.parse(previous.finishedAt) : query.until.getTime();
  const every = LINE_EVERY_MS[query.container] ?? 10_000;
  const start = Math.max(from, query.since?.getTime() ?? from);
  const first = from + Math.ceil((start - from) / every) * every;
  for (let time = first, n = (first - from) / every; time < to; time += every, n++) {
    yield {
      time: new Date(time),
      text: `${pod.metadata.name} ${query.container} line ${n}${query.previous ? ' (previous)' : ''}`,
    };
  }
  if (query.previous && previous)
    yield { time: new Date(to), text: 'java.lang.OutOfMemoryError: Java heap space' };
}

/** A fresh world (objects are rebuilt on each call so simulators never share state). */
export function fixtureWorld(): KubeWorld {
  return { clusterName: 'fixture-1', now: () => NOW, objects: buildObjects(), podLogs };
}
