// The rendered Kubernetes world: identical on every render, pods named and owned the way the
// deployment controller names them, one ReplicaSet per revision, pod status that matches
// each scenario state, and the events Kubernetes would have emitted.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configMapHistory, renderKubeWorld } from '../../../../src/sandbox/scenario/kube.ts';
import { loadScenario } from '../../../../src/sandbox/scenario/load.ts';
import type { Scenario } from '../../../../src/sandbox/scenario/schema.ts';
import type { KubeObject, KubeWorld } from '../../../../src/sandbox/world.ts';
import { REPO } from '../../../helpers/world.ts';
import { baseSpec, type Loose, minutesAgo, NOW, scenarioOf } from './helpers.ts';

const frozen = { now: () => NOW };
const render = (scenario: Scenario): KubeWorld => renderKubeWorld(scenario, frozen);
const ofKind = (world: KubeWorld, kind: string) => world.objects.filter((o) => o.kind === kind);
const named = (world: KubeWorld, kind: string, name: string) =>
  world.objects.find((o) => o.kind === kind && o.metadata.name === name)!;

/** baseSpec() with pod overrides on checkout. */
function withPods(pods: unknown[]): Scenario {
  const spec = baseSpec();
  const kubernetes = spec.kubernetes as { deployments: { pods?: unknown[] }[] };
  kubernetes.deployments[0]!.pods = pods;
  return scenarioOf(spec);
}

/** The main container status of the index-th checkout pod. */
function mainContainer(world: KubeWorld, index: number) {
  const pod = ofKind(world, 'Pod')[index]!;
  const status = pod.status as Loose;
  return { pod, status, container: status.containerStatuses?.[0] };
}

describe('rendering is deterministic', () => {
  it('renders the same objects twice', () => {
    const scenario = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'));
    expect(render(scenario).objects).toEqual(render(scenario).objects);
    expect(render(loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'))).objects).toEqual(
      render(scenario).objects,
    );
  });

  it('names pods <deployment>-<template hash>-<5 chars>, owned by the current ReplicaSet', () => {
    const world = render(scenarioOf());
    const pods = ofKind(world, 'Pod');
    expect(pods).toHaveLength(3);
    const current = ofKind(world, 'ReplicaSet').find(
      (rs) => (rs.spec as { replicas: number }).replicas === 3,
    )!;
    const hash = current.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(/^[4-9bcdf]{10}$/);
    expect(current.metadata.name).toBe(`checkout-${hash}`);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(new RegExp(`^checkout-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(pod.metadata.labels).toEqual({ app: 'checkout', 'pod-template-hash': hash });
      expect(pod.metadata.ownerReferences).toEqual([
        expect.objectContaining({
          kind: 'ReplicaSet',
          name: current.metadata.name,
          uid: current.metadata.uid,
        }),
      ]);
    }
    expect(new Set(pods.map((p) => p.metadata.name)).size).toBe(3);
  });

  it('derives names and uids from the seed', () => {
    const seven = render(scenarioOf());
    const spec = baseSpec();
    spec.seed = 8;
    const eight = render(scenarioOf(spec));
    const names = (world: KubeWorld) => ofKind(world, 'Pod').map((p) => p.metadata.name);
    expect(names(eight)).not.toEqual(names(seven));
    expect(named(eight, 'Deployment', 'checkout').metadata.uid).not.toBe(
      named(seven, 'Deployment', 'checkout').metadata.uid,
    );
    for (const object of seven.objects)
      expect(object.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
  });

  it('writes timestamps at second precision', () => {
    const world = render(loadScenario(join(REPO, 'scenarios/customer-etl.yaml')));
    for (const object of world.objects)
      expect(object.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});

describe('deployments and replica sets', () => {
  it('has one ReplicaSet per revision with its revision, change cause and creation time', () => {
    const world = render(scenarioOf());
    const sets = ofKind(world, 'ReplicaSet');
    expect(
      sets.map((rs) => [rs.metadata.annotations!['deployment.kubernetes.io/revision'], rs.spec!.replicas]),
    ).toEqual([
      ['1', 0],
      ['2', 3],
    ]);
    expect(sets.map((rs) => rs.metadata.annotations!['kubernetes.io/change-cause'])).toEqual([
      'release 1.41.0',
      'release 1.42.0',
    ]);
    expect(sets.map((rs) => rs.metadata.creationTimestamp)).toEqual([
      '2026-04-16T14:30:00Z',
      '2026-04-25T14:11:00Z',
    ]);
    const images = sets.map((rs) => (rs.spec as Loose).template.spec.containers[0].image);
    expect(images).toEqual(['registry.example/checkout:1.41.0', 'registry.example/checkout:1.42.0']);
    for (const rs of sets) {
      expect(rs.metadata.ownerReferences).toEqual([
        expect.objectContaining({ kind: 'Deployment', name: 'checkout' }),
      ]);
    }
  });

  it('shows the current revision in the deployment, with env carried over from earlier revisions', () => {
    const spec = baseSpec();
    const deployment = (spec.kubernetes as Loose).deployments[0];
    deployment.revisions[0].env = { DB_HOST: 'orders-db', DB_POOL_MAX: '50' };
    const world = render(scenarioOf(spec));
    const object = named(world, 'Deployment', 'checkout');
    expect(object.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '2',
      'kubernetes.io/change-cause': 'release 1.42.0',
    });
    const container = (object.spec as Loose).template.spec.containers[0];
    expect(container.image).toBe('registry.example/checkout:1.42.0');
    expect(container.env).toEqual([
      { name: 'DB_HOST', value: 'orders-db' },
      { name: 'DB_POOL_MAX', value: '10' },
    ]);
    expect(container.ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    expect(container.resources).toEqual({ limits: { memory: '512Mi' } });
  });

  it('reuses the ReplicaSet of a revision that repeats an earlier template', () => {
    const spec = baseSpec();
    const revisions = (spec.kubernetes as Loose).deployments[0].revisions;
    revisions.push({
      at: '-5m',
      image: 'registry.example/checkout:1.41.0',
      changeCause: 'rollback',
      env: { DB_POOL_MAX: '10' },
    });
    revisions[0].env = { DB_POOL_MAX: '10' };
    const sets = ofKind(render(scenarioOf(spec)), 'ReplicaSet');
    expect(sets).toHaveLength(2);
    expect(sets[0]!.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
      'kubernetes.io/change-cause': 'rollback',
    });
    expect(sets[0]!.spec!.replicas).toBe(3);
    expect(sets[1]!.spec!.replicas).toBe(0);
  });

  it('counts ready pods in the status and reports an unfinished rollout', () => {
    const world = render(withPods([{ index: 1, state: 'CrashLoopBackOff' }]));
    const status = named(world, 'Deployment', 'checkout').status as Loose;
    expect(status).toMatchObject({
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 2,
      availableReplicas: 2,
      unavailableReplicas: 1,
    });
    expect(status.conditions.map((c: Loose) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable'],
      ['Progressing', 'False', 'ProgressDeadlineExceeded'],
    ]);
    const healthy = named(render(scenarioOf()), 'Deployment', 'checkout').status as Loose;
    expect(healthy.conditions.map((c: Loose) => c.reason)).toEqual([
      'MinimumReplicasAvailable',
      'NewReplicaSetAvailable',
    ]);
    expect(healthy.unavailableReplicas).toBeUndefined();
  });
});

describe('pod status per scenario state', () => {
  it('shows CrashLoopBackOff waiting, with the last termination and the restart count', () => {
    const world = render(
      withPods([
        {
          index: 0,
          node: 'ip-10-0-1-42',
          state: 'CrashLoopBackOff',
          restarts: [
            { at: '-15m', reason: 'OOMKilled', exitCode: 137 },
            { at: '-12m', reason: 'OOMKilled' },
          ],
        },
      ]),
    );
    const { pod, status, container } = mainContainer(world, 0);
    expect(pod.spec!.nodeName).toBe('ip-10-0-1-42');
    expect(status.phase).toBe('Running');
    expect(status.hostIP).toBe('10.0.1.42');
    expect(container.ready).toBe(false);
    expect(container.restartCount).toBe(2);
    expect(container.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(container.state.waiting.message).toMatch(
      new RegExp(
        `^back-off 20s restarting failed container=app pod=${pod.metadata.name}_shop\\(${pod.metadata.uid}\\)$`,
      ),
    );
    expect(container.lastState.terminated).toMatchObject({
      reason: 'OOMKilled',
      exitCode: 137,
      startedAt: '2026-04-25T14:15:00Z',
      finishedAt: '2026-04-25T14:18:00Z',
    });
    const ready = status.conditions.find((c: Loose) => c.type === 'Ready');
    expect(ready).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [app]',
    });
  });

  it('shows a running pod that restarted with its last termination', () => {
    const world = render(withPods([{ index: 2, restarts: [{ at: '-4m', reason: 'Error', exitCode: 2 }] }]));
    const { container } = mainContainer(world, 2);
    expect(container).toMatchObject({
      ready: true,
      restartCount: 1,
      state: { running: { startedAt: '2026-04-25T14:26:00Z' } },
    });
    expect(container.lastState.terminated).toMatchObject({
      reason: 'Error',
      exitCode: 2,
      finishedAt: '2026-04-25T14:26:00Z',
    });
  });

  it('shows OOMKilled and Error as a terminated container', () => {
    const world = render(
      withPods([
        { index: 0, state: 'OOMKilled' },
        { index: 1, state: 'Error' },
      ]),
    );
    expect(mainContainer(world, 0).container.state.terminated).toMatchObject({
      reason: 'OOMKilled',
      exitCode: 137,
    });
    expect(mainContainer(world, 1).container.state.terminated).toMatchObject({
      reason: 'Error',
      exitCode: 1,
    });
  });

  it('shows ImagePullBackOff as a pending pod waiting for its image', () => {
    const { status, container } = mainContainer(
      render(withPods([{ index: 0, state: 'ImagePullBackOff' }])),
      0,
    );
    expect(status.phase).toBe('Pending');
    expect(container.state.waiting).toEqual({
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "registry.example/checkout:1.42.0"',
    });
  });

  it('shows Pending as an unscheduled pod without a node', () => {
    const { pod, status } = mainContainer(render(withPods([{ index: 0, state: 'Pending' }])), 0);
    expect(pod.spec!.nodeName).toBeUndefined();
    expect(status.phase).toBe('Pending');
    expect(status.containerStatuses).toBeUndefined();
    expect(status.conditions).toEqual([
      expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }),
    ]);
  });
});

describe('events', () => {
  const eventsOf = (world: KubeWorld) => ofKind(world, 'Event') as (KubeObject & Loose)[];

  it('resolves a listed event to the real pod, with count and timestamps', () => {
    const spec = baseSpec();
    (spec.kubernetes as Loose).events = [
      {
        at: '-12m',
        type: 'Warning',
        reason: 'BackOff',
        object: 'Pod/shop/checkout#0',
        message: 'Back-off restarting failed container app',
        count: 14,
      },
    ];
    const world = render(scenarioOf(spec));
    const pod = ofKind(world, 'Pod')[0]!;
    const event = eventsOf(world).find((e) => e.reason === 'BackOff')!;
    expect(event.metadata.namespace).toBe('shop');
    expect(event.involvedObject).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'shop',
      name: pod.metadata.name,
      uid: pod.metadata.uid,
    });
    expect(event).toMatchObject({
      type: 'Warning',
      count: 14,
      firstTimestamp: '2026-04-25T14:18:00Z',
      message: 'Back-off restarting failed container app',
      source: { component: 'kubelet', host: pod.spec!.nodeName },
    });
    expect(Date.parse(event.lastTimestamp)).toBeGreaterThan(minutesAgo(1).getTime());
    expect(Date.parse(event.lastTimestamp)).toBeLessThanOrEqual(NOW.getTime());
  });

  it('generates rollout scaling events for each revision', () => {
    const world = render(scenarioOf());
    const [oldSet, newSet] = ofKind(world, 'ReplicaSet').map((rs) => rs.metadata.name);
    const scaling = eventsOf(world).filter((e) => e.reason === 'ScalingReplicaSet');
    expect(scaling.map((e) => [e.firstTimestamp, e.message])).toEqual([
      ['2026-04-16T14:30:00Z', `Scaled up replica set ${oldSet} to 3 from 0`],
      ['2026-04-25T14:11:00Z', `Scaled up replica set ${newSet} to 3 from 0`],
      ['2026-04-25T14:11:20Z', `Scaled down replica set ${oldSet} to 0 from 3`],
    ]);
    for (const e of scaling) expect(e.source).toEqual({ component: 'deployment-controller' });
  });

  it('generates what the kubelet reports for crashing, pulling and pending pods', () => {
    const world = render(
      withPods([
        {
          index: 0,
          node: 'ip-10-0-1-42',
          state: 'CrashLoopBackOff',
          restarts: [{ at: '-10m', reason: 'OOMKilled' }],
        },
        { index: 1, state: 'ImagePullBackOff' },
        { index: 2, state: 'Pending' },
      ]),
    );
    const [crashing, pulling, pending] = ofKind(world, 'Pod').map((p) => p.metadata.name);
    const byPod = (name: string | undefined) =>
      eventsOf(world)
        .filter((e) => e.involvedObject.name === name)
        .map((e) => `${e.type} ${e.reason}`);
    expect(byPod(crashing)).toEqual(['Warning Unhealthy', 'Warning BackOff']);
    expect(byPod(pulling)).toEqual(['Warning Failed', 'Normal BackOff']);
    expect(byPod(pending)).toEqual(['Warning FailedScheduling']);
    const oom = eventsOf(world).find((e) => e.reason === 'OOMKilling')!;
    expect(oom.involvedObject).toMatchObject({ kind: 'Node', name: 'ip-10-0-1-42' });
    expect(oom.metadata.namespace).toBe('default');
    expect(oom.message).toMatch(/^Memory cgroup out of memory: Killed process \d+ \(app\)/);
  });

  it('generates node condition events and taints from listed conditions', () => {
    const spec = baseSpec();
    (spec.kubernetes as Loose).nodes[0].conditions = [
      { type: 'DiskPressure', status: 'True', since: '-25m', reason: 'KubeletHasDiskPressure' },
    ];
    const world = render(scenarioOf(spec));
    const node = named(world, 'Node', 'ip-10-0-1-42') as Loose;
    expect(node.status.conditions.map((c: Loose) => `${c.type}=${c.status}`)).toEqual([
      'MemoryPressure=False',
      'DiskPressure=True',
      'PIDPressure=False',
      'Ready=True',
    ]);
    expect(node.spec.taints).toEqual([
      { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule', timeAdded: '2026-04-25T14:05:00Z' },
    ]);
    const event = eventsOf(world).find((e) => e.involvedObject.kind === 'Node')!;
    expect(event).toMatchObject({
      reason: 'NodeHasDiskPressure',
      message: 'Node ip-10-0-1-42 status is now: NodeHasDiskPressure',
      firstTimestamp: '2026-04-25T14:05:00Z',
    });
  });
});

describe('statefulsets and nodes', () => {
  /** baseSpec() plus a two-replica `orders-db` StatefulSet with two revisions and its logs. */
  function withStatefulSet(): Scenario {
    const spec = baseSpec();
    spec.kubernetes.statefulsets = [
      {
        name: 'orders-db',
        namespace: 'shop',
        replicas: 2,
        containers: [{ name: 'postgres', ports: [5432] }],
        revisions: [
          { at: '-30d', image: 'postgres:16.2' },
          { at: '-2h', image: 'postgres:16.3', changeCause: 'minor upgrade' },
        ],
        pods: [
          { index: 1, state: 'CrashLoopBackOff', restarts: [{ at: '-1h', reason: 'Error', exitCode: 1 }] },
        ],
      },
    ];
    spec.kubernetes.events = [
      { at: '-1h', type: 'Warning', reason: 'BackOff', object: 'Pod/shop/orders-db#1' },
    ];
    spec.logs = [
      {
        source: 'StatefulSet/shop/orders-db',
        lines: [{ from: '-5m', every: '1m', text: 'checkpoint complete' }],
      },
    ];
    return scenarioOf(spec);
  }

  it('renders a StatefulSet with ordinal pods and a ControllerRevision per revision', () => {
    const world = render(withStatefulSet());
    const revisions = ofKind(world, 'ControllerRevision');
    expect(revisions.map((r) => r.revision)).toEqual([1, 2]);
    const current = revisions[1]!.metadata.name;
    expect(current).toMatch(/^orders-db-[4-9bcdf]{10}$/);
    const set = named(world, 'StatefulSet', 'orders-db') as Loose;
    expect(set.status).toMatchObject({
      replicas: 2,
      readyReplicas: 1,
      currentRevision: current,
      updateRevision: current,
    });
    const pods = ofKind(world, 'Pod').filter(
      (p) => p.metadata.labels?.['controller-revision-hash'] === current,
    );
    expect(pods.map((p) => p.metadata.name)).toEqual(['orders-db-0', 'orders-db-1']);
    expect(pods[0]!.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'StatefulSet', name: 'orders-db' }),
    ]);
    const event = ofKind(world, 'Event').find((e) => e.reason === 'BackOff') as Loose;
    expect(event.involvedObject.name).toBe('orders-db-1');
    expect([...world.podLogs(pods[0]!, { container: 'postgres', until: NOW })].map((l) => l.text)).toEqual(
      Array(5).fill('checkpoint complete'),
    );
  });

  it('spreads pods over schedulable nodes only and marks a cordoned node', () => {
    const spec = baseSpec();
    spec.kubernetes.nodes = [
      { name: 'ip-10-0-1-10' },
      { name: 'ip-10-0-2-20', unschedulable: true },
      { name: 'ip-10-0-3-30' },
    ];
    spec.kubernetes.deployments[0].replicas = 6;
    const world = render(scenarioOf(spec));
    const nodes = ofKind(world, 'Pod').map((p) => p.spec!.nodeName);
    expect(new Set(nodes)).toEqual(new Set(['ip-10-0-1-10', 'ip-10-0-3-30']));
    expect(nodes.filter((n) => n === 'ip-10-0-1-10')).toHaveLength(3);
    const cordoned = named(world, 'Node', 'ip-10-0-2-20') as Loose;
    expect(cordoned.spec.unschedulable).toBe(true);
    expect(cordoned.spec.taints).toEqual([
      expect.objectContaining({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }),
    ]);
    expect(cordoned.status.addresses).toContainEqual({ type: 'InternalIP', address: '10.0.2.20' });
  });

  it('gives a scenario without nodes three ordinary ones to run its pods', () => {
    const spec = baseSpec();
    delete spec.kubernetes.nodes;
    const world = render(scenarioOf(spec));
    const nodes = ofKind(world, 'Node').map((n) => n.metadata.name);
    expect(nodes).toHaveLength(3);
    for (const pod of ofKind(world, 'Pod')) expect(nodes).toContain(pod.spec!.nodeName);
  });
});

describe('the rest of the cluster', () => {
  it('renders namespaces, a Service selecting the workload, and ConfigMaps with their history kept aside', () => {
    const scenario = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'));
    const world = render(scenario);
    expect(world.clusterName).toBe('prod-eu-1');
    expect(ofKind(world, 'Namespace').map((n) => n.metadata.name)).toEqual(
      expect.arrayContaining(['default', 'kube-system', 'shop']),
    );
    expect(named(world, 'Namespace', 'shop').metadata.labels).toEqual({
      'kubernetes.io/metadata.name': 'shop',
      environment: 'production',
      team: 'commerce',
    });
    const service = named(world, 'Service', 'checkout');
    expect(service.metadata.namespace).toBe('shop');
    expect(service.spec).toMatchObject({
      selector: { app: 'checkout' },
      ports: [{ port: 8080, targetPort: 8080 }],
    });
    expect(ofKind(world, 'Service').map((s) => s.metadata.name)).not.toContain('orders-db');
    expect(named(world, 'ConfigMap', 'checkout-config').data).toEqual({
      max_connections: '10',
      request_timeout_ms: '3000',
    });
    expect(configMapHistory(scenario, 'shop', 'checkout-config')).toEqual([
      { at: new Date('2026-04-22T14:30:00Z'), data: { max_connections: '100', request_timeout_ms: '3000' } },
    ]);
    expect(() => configMapHistory(scenario, 'shop', 'nope')).toThrow(/no ConfigMap shop\/nope/);
  });

  it('renders both built-in scenarios without reading truth or resolution', () => {
    for (const file of ['checkout-bad-deploy.yaml', 'customer-etl.yaml']) {
      const scenario = loadScenario(join(REPO, 'scenarios', file));
      const blind = { ...scenario, truth: undefined, resolution: undefined };
      expect(render(blind).objects).toEqual(render(scenario).objects);
    }
  });

  it('renders the customer-etl incident: a crash-looping worker among ready ones', () => {
    const world = render(loadScenario(join(REPO, 'scenarios/customer-etl.yaml')));
    const etlPods = ofKind(world, 'Pod').filter((p) => p.metadata.labels?.app === 'customer-etl');
    const states = etlPods.map((p) => Object.keys((p.status as Loose).containerStatuses[0].state)[0]);
    expect(states).toEqual(['running', 'running', 'waiting']);
    expect(
      named(world, 'Deployment', 'customer-etl').metadata.annotations!['kubernetes.io/change-cause'],
    ).toMatch(/^release 2\.3\.1/);
  });
});
