// The sandbox reacts to the state of its simulated cluster, whoever changed it: each
// `resolution` entry is a condition on the world (a workload back on an earlier template,
// a ConfigMap holding the wanted values, every pod replaced, a node drained...). Changes
// here are written straight into the cluster's store, as any client's request would be;
// the sandbox's own tools never appear.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type KubeStore, simulateCluster } from '../../../../src/sandbox/kube/kube-store.ts';
import { isControlledBy, isPodReady, REVISION_ANNOTATION } from '../../../../src/sandbox/kube/objects.ts';
import { incidentTimeline } from '../../../../src/sandbox/reactions/timeline.ts';
import { worldCondition } from '../../../../src/sandbox/reactions/world-conditions.ts';
import { watchWorldReactions } from '../../../../src/sandbox/reactions/world-reactions.ts';
import { renderKubeWorld } from '../../../../src/sandbox/scenario/kube.ts';
import { loadScenario } from '../../../../src/sandbox/scenario/load.ts';
import type { Scenario } from '../../../../src/sandbox/scenario/schema.ts';
import type { KubeObject } from '../../../../src/sandbox/world.ts';
import { REPO } from '../../../helpers/world.ts';
import { problemsOfSpec } from '../scenario/helpers.ts';

const load = (name: string) => loadScenario(join(REPO, 'scenarios', `${name}.yaml`));
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function world(scenario: Scenario) {
  let now = scenario.spec.now.getTime();
  const clock = { now: () => new Date(now) };
  const timeline = incidentTimeline(scenario.resolution);
  const { store } = simulateCluster(renderKubeWorld(scenario, clock, timeline));
  const reactions = watchWorldReactions(store, scenario.resolution!, clock, timeline);
  return {
    store,
    timeline,
    reactions,
    advance(ms: number) {
      now += ms;
    },
    now: () => now,
  };
}

/** What `kubectl rollout undo` does: the template of the previous revision back on the Deployment. */
function rollBack(store: KubeStore, namespace: string, name: string): void {
  const deployment = store.get('Deployment', namespace, name)!;
  const previous = store
    .list('ReplicaSet', { namespace })
    .filter((rs) => isControlledBy(rs, deployment))
    .sort((a, b) => revision(b) - revision(a))[1]!;
  const template = structuredClone(previous.spec!.template) as {
    metadata: { labels: Record<string, string> };
  };
  delete template.metadata.labels['pod-template-hash'];
  store.update({ ...deployment, spec: { ...deployment.spec, template } });
}
const revision = (rs: KubeObject) => Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);

/** What `kubectl rollout restart` does: a restartedAt annotation on the pod template. */
function restart(store: KubeStore, kind: string, namespace: string, name: string, at: number): void {
  const workload = store.get(kind, namespace, name)!;
  const template = structuredClone(workload.spec!.template) as { metadata: { annotations?: object } };
  template.metadata.annotations = {
    ...template.metadata.annotations,
    'kubectl.kubernetes.io/restartedAt': new Date(at).toISOString(),
  };
  store.update({ ...workload, spec: { ...workload.spec, template } });
}

function setData(store: KubeStore, namespace: string, name: string, data: Record<string, string>): void {
  const configMap = store.get('ConfigMap', namespace, name)!;
  store.update({ ...configMap, data: { ...(configMap.data as object), ...data } });
}

describe('the sandbox reacts to its world', () => {
  it('a Deployment put back on its previous template ends the incident', async () => {
    const w = world(load('checkout-bad-deploy'));
    expect(w.timeline.active(w.now())).toBe(true);
    rollBack(w.store, 'shop', 'checkout');
    await settled();
    expect(w.reactions.list()).toEqual([
      expect.objectContaining({ kind: 'fix', tool: 'k8s_rollout_undo', target: 'Deployment/shop/checkout' }),
    ]);
    expect(w.timeline.active(w.now())).toBe(false);
    expect(w.timeline.windows()).toEqual([{ from: w.now(), until: Number.POSITIVE_INFINITY }]);
  });

  it('a restart is not a rollback, and holds the incident off for `lasts` each time it happens', async () => {
    const w = world(load('checkout-bad-deploy'));
    restart(w.store, 'Deployment', 'shop', 'checkout', w.now());
    await settled();
    const first = w.now();
    expect(w.reactions.list()).toEqual([
      expect.objectContaining({
        kind: 'transient',
        tool: 'k8s_rollout_restart',
        until: new Date(first + 300_000),
      }),
    ]);
    w.advance(10 * 60_000);
    expect(w.timeline.active(w.now())).toBe(true);
    restart(w.store, 'Deployment', 'shop', 'checkout', w.now());
    await settled();
    expect(w.reactions.list().map((r) => r.kind)).toEqual(['transient', 'transient']);
    expect(w.timeline.active(w.now())).toBe(false);
  });

  it('a ConfigMap fixes only once it holds a value the fix accepts, and the incident returns when it is put back', async () => {
    const w = world(load('checkout-bad-deploy'));
    setData(w.store, 'shop', 'checkout-config', { max_connections: '50' });
    await settled();
    expect(w.reactions.list()).toEqual([]);
    setData(w.store, 'shop', 'checkout-config', { max_connections: '120' });
    await settled();
    expect(w.reactions.list().map((r) => r.kind)).toEqual(['fix']);
    // The pods were not replaced: the one crash-looping since the incident runs again.
    expect(w.reactions.list()[0]!.healedPods).toBe(1);
    const pods = w.store.list('Pod', { namespace: 'shop', labelSelector: 'app=checkout' });
    expect(pods.every((pod) => pod.status?.conditions && isPodReady(pod))).toBe(true);
    w.advance(60_000);
    setData(w.store, 'shop', 'checkout-config', { max_connections: '20' });
    await settled();
    expect(w.reactions.list().map((r) => r.kind)).toEqual(['fix', 'relapse']);
    expect(w.timeline.active(w.now())).toBe(true);
    expect(w.timeline.windows()).toEqual([{ from: w.now() - 60_000, until: w.now() }]);
  });

  it('a node fixes once drained: cordoned and its workload pods gone, DaemonSet pods may stay', async () => {
    const w = world(load('orders-node-pid-exhaustion'));
    const node = w.store.get('Node', undefined, 'ip-10-30-2-88')!;
    w.store.update({ ...node, spec: { ...node.spec, unschedulable: true } });
    await settled();
    expect(w.reactions.list(), 'cordoned is not drained').toEqual([]);
    const onNode = w.store.list('Pod', { fieldSelector: 'spec.nodeName=ip-10-30-2-88' });
    expect(onNode.length).toBeGreaterThan(0);
    for (const pod of onNode) {
      const owner = pod.metadata.ownerReferences?.find((r) => r.controller)?.kind;
      if (owner !== 'DaemonSet') w.store.delete('Pod', pod.metadata.namespace, pod.metadata.name);
    }
    await settled();
    expect(w.reactions.list()).toEqual([
      expect.objectContaining({ kind: 'fix', tool: 'k8s_node_drain', target: 'Node/ip-10-30-2-88' }),
    ]);
  });

  it('a scale fixes when the replicas change; the same change elsewhere does nothing', async () => {
    const w = world(load('coredns-resolver-throttling'));
    const elsewhere = w.store.get('Deployment', 'web', 'storefront')!;
    w.store.update({ ...elsewhere, spec: { ...elsewhere.spec, replicas: 9 } });
    await settled();
    expect(w.reactions.list()).toEqual([]);
    const coredns = w.store.get('Deployment', 'kube-system', 'coredns')!;
    w.store.update({ ...coredns, spec: { ...coredns.spec, replicas: 6 } });
    await settled();
    expect(w.reactions.list()).toEqual([
      expect.objectContaining({
        kind: 'fix',
        tool: 'k8s_deployment_scale',
        target: 'Deployment/kube-system/coredns',
      }),
    ]);
  });

  it('reads comparisons strictly: only a plain number past the threshold fixes', () => {
    const w = world(load('customer-etl'));
    const pool = worldCondition(w.store, {
      tool: 'k8s_configmap_patch',
      target: 'ConfigMap/data/customer-etl-config',
      data: { db_pool_max: '>=32' },
    });
    const holdsWith = (value: string) => {
      setData(w.store, 'data', 'customer-etl-config', { db_pool_max: value });
      return pool.holds();
    };
    expect(holdsWith('32')).toBe(true);
    expect(holdsWith('40')).toBe(true);
    expect(holdsWith('8')).toBe(false);
    expect(holdsWith('31.5')).toBe(false);
    for (const value of ['', 'forty', '40 ', '4e1', '0x40', '+40'])
      expect(holdsWith(value), JSON.stringify(value)).toBe(false);
  });
});

describe('resolution entries the sandbox cannot read as a world condition', () => {
  it('are refused at their YAML path when the scenario loads', () => {
    const problems = problemsOfSpec((spec) => {
      spec.kubernetes.configmaps = [{ name: 'etl-config', namespace: 'shop', data: { pool: '8' } }];
      spec.resolution = {
        incidentStart: '-10m',
        fixes: [
          { tool: 'k8s_configmap_patch', target: 'ConfigMap/shop/etl-config', data: { pool: '>=forty' } },
          { tool: 'am_silence_create', target: 'Deployment/shop/checkout' },
          { tool: 'k8s_rollout_undo', target: 'ConfigMap/shop/etl-config' },
          { tool: 'k8s_rollout_undo' },
        ],
        transient: [{ tool: 'k8s_rollout_restart', target: 'checkout', lasts: '5m' }],
      };
    });
    expect(problems).toEqual([
      'scenarios/x.yaml: spec.resolution.fixes[0].data.pool: ">=forty" compares with >= but "forty" is not a decimal number (e.g. ">=32")',
      expect.stringMatching(
        /^scenarios\/x\.yaml: spec\.resolution\.fixes\[1\]\.target: the sandbox reacts to k8s_rollout_undo, .*; not to am_silence_create$/,
      ),
      'scenarios/x.yaml: spec.resolution.fixes[2].target: k8s_rollout_undo changes a Deployment or StatefulSet or DaemonSet, not a ConfigMap',
      'scenarios/x.yaml: spec.resolution.fixes[3].target: k8s_rollout_undo needs a target (Deployment or StatefulSet or DaemonSet)',
      expect.stringMatching(
        /^scenarios\/x\.yaml: spec\.resolution\.transient\[0\]\.target: invalid reference "checkout"/,
      ),
    ]);
  });
});
