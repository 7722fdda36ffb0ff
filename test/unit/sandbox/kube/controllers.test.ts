// The simulated controllers, driven in-process through the store: what a write to a
// Deployment, StatefulSet, Node or Pod leads to, and that an untouched world stays as rendered.

import { afterEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../../../../src/sandbox/kube/cluster.ts';
import { type KubeStore, simulateCluster } from '../../../../src/sandbox/kube/kube-store.ts';
import type { KubeObject } from '../../../../src/sandbox/world.ts';
import { CRASHING_POD, fixtureWorld, IMAGE_V1, NODES, RS_V1, RS_V2 } from './fixture-world.ts';

let clusters: Cluster[] = [];
afterEach(() => {
  for (const cluster of clusters) cluster.close();
  clusters = [];
});

function start(opts: { rolloutStepMs?: number } = {}): KubeStore {
  const { cluster, store } = simulateCluster(fixtureWorld(), opts);
  clusters.push(cluster);
  return store;
}

const revision = (object: KubeObject | undefined) =>
  object?.metadata.annotations?.['deployment.kubernetes.io/revision'];
const podsOf = (store: KubeStore, selector: string) =>
  store.list('Pod', { namespace: 'shop', labelSelector: selector });

function withTemplate(
  deployment: KubeObject,
  change: (template: {
    metadata: Record<string, unknown>;
    spec: { containers: { image: string }[] };
  }) => void,
) {
  const copy = structuredClone(deployment);
  change(copy.spec!.template as never);
  return copy;
}

function eventReasons(store: KubeStore, kind: string, name: string): string[] {
  return store
    .list('Event', { fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${name}` })
    .map((event) => String(event.reason));
}

describe('an untouched world', () => {
  it('is served as rendered: the crash-looping pod and the deployment status stay as they were', () => {
    const world = fixtureWorld();
    const store = start();
    const deployment = store.get('Deployment', 'shop', 'checkout')!;
    expect(deployment.status).toEqual(world.objects.find((o) => o.kind === 'Deployment')!.status);
    expect(store.get('Pod', 'shop', CRASHING_POD)!.status?.containerStatuses).toEqual(
      world.objects.find((o) => o.metadata.name === CRASHING_POD)!.status?.containerStatuses,
    );
    expect(store.list('Namespace').map((ns) => ns.metadata.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
      'monitoring',
      'shop',
    ]);
  });

  it('derives what a world cannot hold: Endpoints and PodDisruptionBudget status', () => {
    const store = start();
    const endpoints = store.get('Endpoints', 'shop', 'checkout')!;
    const [subset] = endpoints.subsets as {
      addresses: unknown[];
      notReadyAddresses: unknown[];
      ports: unknown[];
    }[];
    expect(subset!.addresses).toHaveLength(2);
    expect(subset!.notReadyAddresses).toHaveLength(1);
    expect(subset!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(store.get('PodDisruptionBudget', 'shop', 'checkout-pdb')!.status).toMatchObject({
      currentHealthy: 2,
      desiredHealthy: 2,
      disruptionsAllowed: 0,
      expectedPods: 3,
    });
    expect(store.get('PodDisruptionBudget', 'shop', 'orders-db-pdb')!.status).toMatchObject({
      disruptionsAllowed: 1,
    });
  });
});

describe('the Deployment controller', () => {
  it('rolls a template change out to a new ReplicaSet revision and reports it complete', () => {
    const store = start();
    const deployment = store.get('Deployment', 'shop', 'checkout')!;
    store.update(
      withTemplate(deployment, (t) => {
        t.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-04-25T14:30:00Z' };
      }),
    );

    const replicaSets = store.list('ReplicaSet', { namespace: 'shop', labelSelector: 'app=checkout' });
    const fresh = replicaSets.find((rs) => ![RS_V1, RS_V2].includes(rs.metadata.name))!;
    const hash = fresh.metadata.labels!['pod-template-hash'];
    expect(fresh.metadata.name).toBe(`checkout-${hash}`);
    expect(revision(fresh)).toBe('3');
    expect(fresh.metadata.annotations!['kubernetes.io/change-cause']).toBe('release 1.42.0');
    expect(store.get('ReplicaSet', 'shop', RS_V2)!.spec?.replicas).toBe(0);

    const pods = podsOf(store, 'app=checkout');
    expect(pods).toHaveLength(3);
    expect(
      pods.every(
        (pod) => pod.metadata.labels!['pod-template-hash'] === hash && pod.status?.phase === 'Running',
      ),
    ).toBe(true);

    const updated = store.get('Deployment', 'shop', 'checkout')!;
    expect(revision(updated)).toBe('3');
    expect(updated.metadata.generation).toBe(3);
    expect(updated.status).toMatchObject({
      observedGeneration: 3,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(
      (updated.status!.conditions as { type: string; reason: string }[]).map((c) => `${c.type}=${c.reason}`),
    ).toEqual(['Available=MinimumReplicasAvailable', 'Progressing=NewReplicaSetAvailable']);
    expect(
      eventReasons(store, 'Deployment', 'checkout').filter((r) => r === 'ScalingReplicaSet'),
    ).toHaveLength(4);
  });

  it('rolls back onto the old ReplicaSet, bumping its revision and recording the old number', () => {
    const store = start();
    const deployment = store.get('Deployment', 'shop', 'checkout')!;
    const old = store.get('ReplicaSet', 'shop', RS_V1)!;
    const { 'pod-template-hash': _hash, ...labels } = (
      old.spec!.template as { metadata: { labels: Record<string, string> } }
    ).metadata.labels;
    const template = { ...(old.spec!.template as object), metadata: { labels, creationTimestamp: null } };
    store.update({ ...deployment, spec: { ...deployment.spec, template } });

    expect(store.list('ReplicaSet', { namespace: 'shop' })).toHaveLength(2);
    const restored = store.get('ReplicaSet', 'shop', RS_V1)!;
    expect(revision(restored)).toBe('3');
    expect(restored.metadata.annotations!['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(restored.spec?.replicas).toBe(3);
    expect(revision(store.get('Deployment', 'shop', 'checkout'))).toBe('3');
    expect(
      podsOf(store, 'app=checkout').map((pod) => (pod.spec!.containers as { image: string }[])[0]!.image),
    ).toEqual([IMAGE_V1, IMAGE_V1, IMAGE_V1]);
  });

  it('scales down the not-ready pod first and replaces a deleted pod under a new name', () => {
    const store = start();
    const deployment = store.get('Deployment', 'shop', 'checkout')!;
    store.update({ ...deployment, spec: { ...deployment.spec, replicas: 2 } });
    const remaining = podsOf(store, 'app=checkout').map((pod) => pod.metadata.name);
    expect(remaining).toHaveLength(2);
    expect(remaining).not.toContain(CRASHING_POD);

    store.delete('Pod', 'shop', remaining[0]!);
    const after = podsOf(store, 'app=checkout');
    expect(after).toHaveLength(2);
    expect(after.map((pod) => pod.metadata.name)).not.toContain(remaining[0]);
    expect(eventReasons(store, 'Pod', remaining[0]!)).toContain('Killing');
    expect(eventReasons(store, 'ReplicaSet', RS_V2)).toEqual(
      expect.arrayContaining(['SuccessfulDelete', 'SuccessfulCreate']),
    );
  });

  it('keeps only revisionHistoryLimit idle ReplicaSets', () => {
    const store = start();
    let deployment = store.get('Deployment', 'shop', 'checkout')!;
    store.update({ ...deployment, spec: { ...deployment.spec, revisionHistoryLimit: 1 } });
    deployment = store.get('Deployment', 'shop', 'checkout')!;
    store.update(
      withTemplate(deployment, (t) => {
        t.spec.containers[0]!.image = 'registry.example/checkout:1.43.0';
      }),
    );
    const names = store.list('ReplicaSet', { namespace: 'shop' }).map((rs) => rs.metadata.name);
    expect(names).toHaveLength(2);
    expect(names).toContain(RS_V2);
    expect(names).not.toContain(RS_V1);
  });

  it('with rolloutStepMs, moves one pod per step so a watcher sees the rollout progress', async () => {
    const store = start({ rolloutStepMs: 30 });
    const deployment = store.get('Deployment', 'shop', 'checkout')!;
    store.update(
      withTemplate(deployment, (t) => {
        t.spec.containers[0]!.image = 'registry.example/checkout:1.43.0';
      }),
    );
    expect(store.get('Deployment', 'shop', 'checkout')!.status?.updatedReplicas).toBe(1);
    for (
      let waited = 0;
      store.get('Deployment', 'shop', 'checkout')!.status?.updatedReplicas !== 3;
      waited += 10
    ) {
      if (waited > 3000) throw new Error('the stepped rollout did not finish in 3s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(
      podsOf(store, 'app=checkout').map((pod) => (pod.spec!.containers as { image: string }[])[0]!.image),
    ).toEqual(Array(3).fill('registry.example/checkout:1.43.0'));
  });

  it('deleting a Deployment removes its ReplicaSets and pods (and so its endpoints)', () => {
    const store = start();
    store.delete('Deployment', 'shop', 'checkout');
    expect(store.list('ReplicaSet', { namespace: 'shop' })).toEqual([]);
    expect(podsOf(store, 'app=checkout')).toEqual([]);
    expect(store.get('Endpoints', 'shop', 'checkout')!.subsets).toEqual([]);
  });
});

describe('the StatefulSet controller', () => {
  it('adds the next ordinal on scale-up and recreates pods at the new revision on a template change', () => {
    const store = start();
    let sts = store.get('StatefulSet', 'shop', 'orders-db')!;
    store.update({ ...sts, spec: { ...sts.spec, replicas: 3 } });
    expect(podsOf(store, 'app=orders-db').map((pod) => pod.metadata.name)).toEqual([
      'orders-db-0',
      'orders-db-1',
      'orders-db-2',
    ]);

    sts = store.get('StatefulSet', 'shop', 'orders-db')!;
    const before = store.get('Pod', 'shop', 'orders-db-0')!.metadata.uid;
    store.update(
      withTemplate(sts, (t) => {
        t.spec.containers[0]!.image = 'postgres:16.5';
      }),
    );
    const status = store.get('StatefulSet', 'shop', 'orders-db')!.status!;
    expect(status.updateRevision).not.toBe('orders-db-5b8c7d9f6');
    expect(status).toMatchObject({
      currentRevision: status.updateRevision,
      updatedReplicas: 3,
      readyReplicas: 3,
    });
    const pod = store.get('Pod', 'shop', 'orders-db-0')!;
    expect(pod.metadata.uid).not.toBe(before);
    expect(pod.metadata.labels!['controller-revision-hash']).toBe(status.updateRevision);
  });
  it('keeps ordinals below the partition at their revision, and under OnDelete replaces only deleted pods', () => {
    const store = start();
    const release = (image: string, updateStrategy: Record<string, unknown>) => {
      const sts = withTemplate(store.get('StatefulSet', 'shop', 'orders-db')!, (t) => {
        t.spec.containers[0]!.image = image;
      });
      store.update({ ...sts, spec: { ...sts.spec, updateStrategy } });
      return store.get('StatefulSet', 'shop', 'orders-db')!.status!;
    };
    const hash = (name: string) =>
      store.get('Pod', 'shop', name)!.metadata.labels!['controller-revision-hash'];
    const partitioned = release('postgres:16.5', { type: 'RollingUpdate', rollingUpdate: { partition: 1 } });
    expect([hash('orders-db-0'), hash('orders-db-1')]).toEqual([
      'orders-db-5b8c7d9f6',
      partitioned.updateRevision,
    ]);
    expect(partitioned).toMatchObject({
      currentRevision: 'orders-db-5b8c7d9f6',
      updatedReplicas: 1,
      currentReplicas: 1,
    });

    const onDelete = release('postgres:16.6', { type: 'OnDelete' });
    expect(onDelete.updatedReplicas).toBe(0);
    store.delete('Pod', 'shop', 'orders-db-0');
    expect([hash('orders-db-0'), hash('orders-db-1')]).toEqual([
      onDelete.updateRevision,
      partitioned.updateRevision,
    ]);
    expect(
      store
        .list('ControllerRevision', { namespace: 'shop' })
        .map((cr) => [cr.metadata.name, cr.revision])
        .sort(),
    ).toEqual(
      [
        [partitioned.updateRevision, 1],
        [onDelete.updateRevision, 2],
      ].sort(),
    );
  });
});

describe('the DaemonSet controller', () => {
  const agentPods = (store: KubeStore) =>
    store
      .list('Pod', { namespace: 'monitoring', labelSelector: 'app=node-exporter' })
      .sort((a, b) => String(a.spec!.nodeName).localeCompare(String(b.spec!.nodeName)));
  const setImage = (store: KubeStore, image: string, spec: Record<string, unknown> = {}) => {
    const ds = store.get('DaemonSet', 'monitoring', 'node-exporter')!;
    const changed = withTemplate(ds, (t) => {
      t.spec.containers[0]!.image = image;
    });
    store.update({ ...changed, spec: { ...changed.spec, ...spec } });
  };

  it('recreates a deleted pod on its node and leaves the loaded pods, which run the loaded template', () => {
    const store = start();
    const before = agentPods(store).map((pod) => pod.metadata.name);
    store.delete('Pod', 'monitoring', before[0]!);
    const after = agentPods(store);
    expect(after.map((pod) => pod.spec!.nodeName)).toEqual(NODES);
    expect(after.slice(1).map((pod) => pod.metadata.name)).toEqual(before.slice(1));
    expect(after[0]!.metadata.name).toMatch(/^node-exporter-[a-z0-9]{5}$/);
    expect(after[0]!.status?.phase).toBe('Running');
    const [revision] = store.list('ControllerRevision', { namespace: 'monitoring' });
    expect(after[0]!.metadata.labels?.['controller-revision-hash']).toBe(
      revision!.metadata.labels?.['controller-revision-hash'],
    );
    expect(store.get('DaemonSet', 'monitoring', 'node-exporter')!.status).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      updatedNumberScheduled: 3,
      numberReady: 3,
      numberUnavailable: 0,
    });
    expect(eventReasons(store, 'DaemonSet', 'node-exporter')).toEqual(['SuccessfulCreate']);
  });

  it('replaces the pod on every node for a new template (a cordoned one included) and records a second revision', () => {
    const store = start();
    const node = store.get('Node', undefined, 'node-b')!;
    store.update({ ...node, spec: { ...node.spec, unschedulable: true } });
    const before = agentPods(store).map((pod) => pod.metadata.name);
    setImage(store, 'quay.io/prometheus/node-exporter:v1.9.0');
    const after = agentPods(store);
    expect(after.map((pod) => pod.spec!.nodeName)).toEqual(NODES);
    for (const [i, pod] of after.entries()) {
      expect(pod.metadata.name).not.toBe(before[i]);
      expect((pod.spec!.containers as { image: string }[])[0]!.image).toBe(
        'quay.io/prometheus/node-exporter:v1.9.0',
      );
    }
    const revisions = store
      .list('ControllerRevision', { namespace: 'monitoring' })
      .sort((a, b) => Number(a.revision) - Number(b.revision));
    expect(revisions.map((cr) => cr.revision)).toEqual([1, 2]);
    expect(new Set(after.map((pod) => pod.metadata.labels?.['controller-revision-hash']))).toEqual(
      new Set([revisions[1]!.metadata.labels?.['controller-revision-hash']]),
    );
  });

  it('follows its nodeSelector and untolerated NoExecute taints off nodes', () => {
    const store = start();
    setImage(store, 'quay.io/prometheus/node-exporter:v1.8.2', {
      template: {
        ...(store.get('DaemonSet', 'monitoring', 'node-exporter')!.spec!.template as object),
        spec: {
          containers: [{ name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2' }],
          nodeSelector: { 'topology.kubernetes.io/zone': 'eu-west-1a' },
        },
      },
    });
    expect(agentPods(store).map((pod) => pod.spec!.nodeName)).toEqual(['node-a']);
    expect(store.get('DaemonSet', 'monitoring', 'node-exporter')!.status).toMatchObject({
      desiredNumberScheduled: 1,
      updatedNumberScheduled: 1,
    });
    const node = store.get('Node', undefined, 'node-a')!;
    store.update({
      ...node,
      spec: { ...node.spec, taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] },
    });
    expect(agentPods(store)).toEqual([]);
    expect(store.get('DaemonSet', 'monitoring', 'node-exporter')!.status?.desiredNumberScheduled).toBe(0);
  });

  it('under OnDelete changes no pod until it is deleted', () => {
    const store = start();
    const before = agentPods(store).map((pod) => pod.metadata.name);
    setImage(store, 'quay.io/prometheus/node-exporter:v1.9.0', { updateStrategy: { type: 'OnDelete' } });
    expect(agentPods(store).map((pod) => pod.metadata.name)).toEqual(before);
    expect(store.get('DaemonSet', 'monitoring', 'node-exporter')!.status?.updatedNumberScheduled).toBe(0);
    store.delete('Pod', 'monitoring', before[2]!);
    expect(store.get('DaemonSet', 'monitoring', 'node-exporter')!.status?.updatedNumberScheduled).toBe(1);
  });

  it('with rolloutStepMs, replaces maxUnavailable nodes per step', async () => {
    const store = start({ rolloutStepMs: 30 });
    setImage(store, 'quay.io/prometheus/node-exporter:v1.9.0');
    const updated = () =>
      store.get('DaemonSet', 'monitoring', 'node-exporter')!.status?.updatedNumberScheduled;
    expect(updated()).toBe(1);
    for (let waited = 0; updated() !== 3; waited += 10) {
      if (waited > 3000) throw new Error('the stepped rollout did not finish in 3s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(agentPods(store).map((pod) => pod.spec!.nodeName)).toEqual(NODES);
  });
});

describe('nodes and scheduling', () => {
  it('cordon taints the node, records the event, and new pods avoid it', () => {
    const store = start();
    const node = store.get('Node', undefined, 'node-a')!;
    store.update({ ...node, spec: { ...node.spec, unschedulable: true } });
    expect(store.get('Node', undefined, 'node-a')!.spec?.taints).toEqual([
      expect.objectContaining({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }),
    ]);
    expect(eventReasons(store, 'Node', 'node-a')).toEqual(['NodeNotSchedulable']);

    const deployment = store.get('Deployment', 'shop', 'checkout')!;
    store.update({ ...deployment, spec: { ...deployment.spec, replicas: 9 } });
    const fresh = podsOf(store, 'app=checkout').filter(
      (pod) => pod.metadata.creationTimestamp === '2026-04-25T14:30:00Z',
    );
    expect(fresh).toHaveLength(6);
    expect(new Set(fresh.map((pod) => pod.spec!.nodeName))).toEqual(new Set(['node-b', 'node-c']));
  });

  it('with every node cordoned a new pod stays Pending, then starts once a node is uncordoned', () => {
    const store = start();
    for (const name of NODES) {
      const node = store.get('Node', undefined, name)!;
      store.update({ ...node, spec: { ...node.spec, unschedulable: true } });
    }
    store.delete('Pod', 'shop', 'orders-db-0');
    const pending = store.get('Pod', 'shop', 'orders-db-0')!;
    expect(pending.status?.phase).toBe('Pending');
    expect(pending.status?.conditions).toEqual([
      expect.objectContaining({
        type: 'PodScheduled',
        status: 'False',
        message: '0/3 nodes are available: 3 node(s) were unschedulable.',
      }),
    ]);
    expect(eventReasons(store, 'Pod', 'orders-db-0')).toContain('FailedScheduling');

    const node = store.get('Node', undefined, 'node-c')!;
    store.update({ ...node, spec: { ...node.spec, unschedulable: false, taints: undefined } });
    const started = store.get('Pod', 'shop', 'orders-db-0')!;
    expect(started.status?.phase).toBe('Running');
    expect(started.spec?.nodeName).toBe('node-c');
    expect(eventReasons(store, 'Node', 'node-c')).toEqual(['NodeNotSchedulable', 'NodeSchedulable']);
  });
});

describe('the in-process store', () => {
  it('reports changes with the object before and after', () => {
    const store = start();
    const seen: string[] = [];
    const stop = store.onChange((change) => {
      if (change.object.kind === 'ConfigMap')
        seen.push(
          `${change.type} ${change.previous?.data ? JSON.stringify(change.previous.data) : '-'} -> ${JSON.stringify(change.object.data)}`,
        );
    });
    const cm = store.get('ConfigMap', 'shop', 'checkout-config')!;
    store.update({ ...cm, data: { max_connections: '100' } });
    stop();
    store.update({ ...cm, data: { max_connections: '5' } });
    expect(seen).toEqual(['MODIFIED {"max_connections":"10"} -> {"max_connections":"100"}']);
  });
});
