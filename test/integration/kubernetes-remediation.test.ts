// The Kubernetes tools that kubernetes-tools.test.ts leaves out (object reads, rollout
// status, nodes, scale, pod delete, ConfigMap patch, cordon/uncordon, drain), each through
// the whole gate: a real MCP client, the default policy, approvals by a human, the API
// simulator over HTTPS. The real kubectl checks what the cluster looks like afterwards,
// and the audit log must hold the before-state of every change that ran.

import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/sandbox/world.ts';
import type { CallResult, Harness } from '../helpers/in-process.ts';
import { approvedCall, type Kubectl, kubeGate } from '../helpers/kube-world.ts';
import { REPO } from '../helpers/world.ts';

const SCENARIO = join(REPO, 'test/fixtures/scenarios/remediation-cluster.yaml');
const CLUSTER = 'test-remediation';
const NOW = '2026-04-25T14:30:00Z';

const ruleNames = (res: CallResult) =>
  (res.structuredContent!.matchedRules as { name: string }[]).map((r) => r.name).sort();

/** "namespace/name node" for every pod kubectl sees. */
async function podPlacement(kubectl: Kubectl): Promise<{ pod: string; node: string }[]> {
  const out = await kubectl(
    'get',
    'pods',
    '-A',
    '-o',
    'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name} {.spec.nodeName}{"\\n"}{end}',
  );
  return out
    .trim()
    .split('\n')
    .map((line) => {
      const [pod = '', node = ''] = line.split(' ');
      return { pod, node };
    });
}

/** The before-state of every executed change, keyed by tool; fails if any change ran without one. */
function snapshotsOfExecutedChanges(h: Harness): Map<string, unknown[]> {
  const executed = h.app.audit
    .query({ type: 'action.executed' })
    .filter((r) => r.data.kind === 'mutate' && r.data.dryRun === false);
  expect(executed.length).toBeGreaterThan(0);
  const snapshots = new Map(h.app.audit.query({ type: 'snapshot' }).map((r) => [r.callId, r]));
  const byTool = new Map<string, unknown[]>();
  for (const record of executed) {
    const snapshot = snapshots.get(record.callId);
    expect(snapshot?.data.before, `snapshot of ${record.tool} call ${record.callId}`).toBeDefined();
    expect(snapshot!.seq).toBeLessThan(record.seq);
    byTool.set(record.tool!, [...(byTool.get(record.tool!) ?? []), snapshot!.data.before]);
  }
  return byTool;
}

/** What a real API server adds that agents never need: field managers and kubectl's last-applied copy. */
function withServerNoise(object: KubeObject): KubeObject {
  return {
    ...object,
    metadata: {
      ...object.metadata,
      managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', time: NOW }],
      annotations: {
        ...object.metadata.annotations,
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ kind: object.kind }),
        'example.com/owner': 'team-commerce',
      },
    },
  };
}

describe('reading objects, rollouts and nodes', () => {
  const c = kubeGate(SCENARIO);
  type Got = { summary: string; object: KubeObject };

  /** Gives one object what a real API server adds, then checks the API really serves it. */
  const addServerNoise = async (kind: string, namespace: string | undefined, name: string, path: string) => {
    const { store } = c.world.sim;
    store.update(withServerNoise(store.get(kind, namespace, name)!));
    const served = JSON.parse(await c.kubectl('get', '--raw', path)) as KubeObject;
    expect(served.metadata.managedFields).toHaveLength(1);
    return served;
  };

  const expectNoNoise = (object: KubeObject) => {
    expect(object.metadata.managedFields).toBeUndefined();
    expect(object.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
    expect(object.metadata.annotations?.['example.com/owner']).toBe('team-commerce');
  };

  it('k8s_nodes_list: the disk-pressure node first, and as many pods per node as kubectl shows', async () => {
    const res = await c.h.call('k8s_nodes_list', {});
    const nodes = res.structuredContent?.nodes as {
      name: string;
      ready: boolean;
      schedulable: boolean;
      problems: string[];
      pods: number;
    }[];
    expect(nodes[0]).toMatchObject({
      name: 'node-a',
      ready: true,
      schedulable: true,
      problems: ['DiskPressure'],
    });
    expect(nodes.slice(1).map((n) => [n.name, n.problems])).toEqual([
      ['node-b', []],
      ['node-c', []],
    ]);
    const placement = await podPlacement(c.kubectl);
    for (const node of nodes) {
      expect(node.pods, node.name).toBe(placement.filter((p) => p.node === node.name).length);
    }
    expect(nodes.map((n) => n.pods)).toEqual([1, 3, 3]);
  });

  it('k8s_rollout_status: stuck like kubectl says, then complete with full counts after a rollout', async () => {
    const args = { namespace: 'shop', name: 'checkout' };
    const kubectlVerdict = await c.kubectlResult(
      'rollout',
      'status',
      'deployment/checkout',
      '-n',
      'shop',
      '--timeout=1s',
    );
    expect(kubectlVerdict.stderr).toMatch(/exceeded its progress deadline/);
    const before = await c.h.call('k8s_rollout_status', args);
    expect(before.structuredContent).toMatchObject({
      workload: 'Deployment/shop/checkout',
      state: 'stuck',
      message: expect.stringMatching(/^stuck: ReplicaSet "checkout-\w+" has timed out progressing/),
      desired: 3,
      updated: 3,
      ready: 2,
      available: 2,
    });

    await c.kubectl('rollout', 'restart', 'deployment/checkout', '-n', 'shop');
    expect(
      await c.kubectl('rollout', 'status', 'deployment/checkout', '-n', 'shop', '--timeout=20s'),
    ).toMatch(/successfully rolled out/);
    const after = await c.h.call('k8s_rollout_status', args);
    expect(after.structuredContent).toMatchObject({
      state: 'complete',
      message: 'successfully rolled out: 3/3 available',
      desired: 3,
      updated: 3,
      ready: 3,
      available: 3,
    });
  });

  it('k8s_resource_get: a Deployment with the counts kubectl reports, in one line, without managedFields', async () => {
    const served = await addServerNoise(
      'Deployment',
      'shop',
      'checkout',
      '/apis/apps/v1/namespaces/shop/deployments/checkout',
    );
    const res = await c.h.call('k8s_resource_get', {
      kind: 'Deployment',
      namespace: 'shop',
      name: 'checkout',
    });
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    const { summary, object } = res.structuredContent as Got;
    const s = served.status as Record<string, number>;
    expect(summary).toBe(
      `${s.readyReplicas}/3 ready, ${s.updatedReplicas} updated, ${s.availableReplicas} available`,
    );
    expect(summary).toBe('3/3 ready, 3 updated, 3 available');
    expectNoNoise(object);
    expect((object.spec as { replicas: number }).replicas).toBe(3);
  });

  it('k8s_resource_get: a Node under disk pressure says so', async () => {
    await addServerNoise('Node', undefined, 'node-a', '/api/v1/nodes/node-a');
    const res = await c.h.call('k8s_resource_get', { kind: 'Node', name: 'node-a' });
    const { summary, object } = res.structuredContent as Got;
    expect(summary).toBe('DiskPressure=True');
    expect(res.structuredContent?.namespace).toBeUndefined();
    expectNoNoise(object);
  });

  it('k8s_resource_get: a ConfigMap with its keys in the summary and its data', async () => {
    await addServerNoise(
      'ConfigMap',
      'shop',
      'checkout-config',
      '/api/v1/namespaces/shop/configmaps/checkout-config',
    );
    const res = await c.h.call('k8s_resource_get', {
      kind: 'ConfigMap',
      namespace: 'shop',
      name: 'checkout-config',
    });
    const { summary, object } = res.structuredContent as Got;
    expect(summary).toBe('3 keys: legacy_pricing, max_connections, request_timeout_ms');
    expect(object.data).toEqual({ max_connections: '10', request_timeout_ms: '3000', legacy_pricing: 'on' });
    expectNoNoise(object);
  });

  it('k8s_resource_get: a missing object is a tool error naming kind, namespace, name and cluster', async () => {
    const deployment = await c.h.call('k8s_resource_get', {
      kind: 'Deployment',
      namespace: 'shop',
      name: 'chekout',
    });
    expect(deployment.isError).toBe(true);
    expect(deployment.content[0]!.text).toMatch(
      new RegExp(`Deployment shop/chekout in cluster ${CLUSTER}: not found`),
    );
    const node = await c.h.call('k8s_resource_get', { kind: 'Node', name: 'node-z' });
    expect(node.isError).toBe(true);
    expect(node.content[0]!.text).toMatch(new RegExp(`Node node-z in cluster ${CLUSTER}: not found`));
  });
});

describe('scaling a Deployment', () => {
  const c = kubeGate(SCENARIO);
  const replicasOf = (namespace: string, name: string) =>
    c.kubectl('get', 'deployment', name, '-n', namespace, '-o', 'jsonpath={.spec.replicas}');

  it('a dry run changes nothing and shows what the policy would decide', async () => {
    const res = await c.h.call('k8s_deployment_scale', {
      namespace: 'shop',
      name: 'checkout',
      replicas: 1,
      reason: 'see what halving checkout would need',
      dryRun: true,
    });
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    expect(res.structuredContent).toMatchObject({
      deployment: 'shop/checkout',
      dryRun: true,
      replicasBefore: 3,
      replicas: 1,
      policy: { effect: 'escalate', bundle: 'default@1.0.0' },
    });
    expect((res.structuredContent!.policy as { rules: string[] }).rules.sort()).toEqual([
      'large-impact-needs-approval',
      'production-mutation-needs-approval',
    ]);
    expect(await replicasOf('shop', 'checkout')).toBe('3');
  });

  it('scaling production from 3 to 1 waits for the on-call SRE: two thirds of the service at risk', async () => {
    const args = { namespace: 'shop', name: 'checkout', replicas: 1, reason: 'cut cost overnight' };
    const { pending, done } = await approvedCall(c.h, 'k8s_deployment_scale', args);
    expect(ruleNames(pending)).toEqual(['large-impact-needs-approval', 'production-mutation-needs-approval']);
    expect(pending.structuredContent?.approvers).toEqual(['sre-oncall']);
    const [call] = c.h.app.audit
      .query({ type: 'tool.call', tool: 'k8s_deployment_scale' })
      .filter((r) => (r.data.args as { dryRun: boolean }).dryRun === false);
    expect(call?.data.impact).toMatchObject({ pods: 2, replicas: 1 });
    expect((call!.data.impact as { fractionOfService: number }).fractionOfService).toBeCloseTo(2 / 3);
    expect(done).toMatchObject({ dryRun: false, replicasBefore: 3, replicas: 1 });
    expect(await replicasOf('shop', 'checkout')).toBe('1');
    const left = (await c.kubectl('get', 'pods', '-n', 'shop', '-l', 'app=checkout', '--no-headers'))
      .trim()
      .split('\n');
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^checkout-\S+\s+1\/1\s+Running/); // the crash-looping pod went first
  });

  it('scaling up in staging goes ahead without approval, and kubectl shows 4/4', async () => {
    const args = { namespace: 'staging', name: 'web', replicas: 4, reason: 'load test needs capacity' };
    const res = await c.h.call('k8s_deployment_scale', args);
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    expect(res.structuredContent).toMatchObject({
      deployment: 'staging/web',
      replicasBefore: 2,
      replicas: 4,
    });
    const [decision] = c.h.app.audit.query({ type: 'decision', tool: 'k8s_deployment_scale' }).slice(-1);
    expect(decision?.data.rules).toEqual([
      expect.objectContaining({ name: 'non-production-changes-allowed' }),
    ]);
    expect(await c.kubectl('get', 'deployment', 'web', '-n', 'staging', '--no-headers')).toMatch(
      /^web\s+4\/4\s+4\s+4\s/,
    );
  });

  it('the audit log holds each Deployment as it was before its scale', () => {
    const before = snapshotsOfExecutedChanges(c.h).get('k8s_deployment_scale') as KubeObject[];
    expect(before.map((d) => [d.metadata.namespace, d.metadata.name, d.spec?.replicas])).toEqual([
      ['shop', 'checkout', 3],
      ['staging', 'web', 2],
    ]);
  });
});

describe('deleting a pod and patching a ConfigMap', () => {
  const c = kubeGate(SCENARIO);
  const checkoutPods = async () =>
    (await podPlacement(c.kubectl)).filter((p) => p.pod.startsWith('shop/checkout-'));

  it('k8s_pod_delete: the controller replaces the pod (new name, same count) and the result names it', async () => {
    const pods = await checkoutPods();
    expect(pods).toHaveLength(3);
    const victim = pods.find((p) => p.node === 'node-b')!.pod.split('/')[1]!;
    const owner = await c.kubectl(
      'get',
      'pod',
      victim,
      '-n',
      'shop',
      '-o',
      'jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}',
    );
    expect(owner).toMatch(/^ReplicaSet\/checkout-/);
    const { pending, done } = await approvedCall(c.h, 'k8s_pod_delete', {
      namespace: 'shop',
      name: victim,
      reason: 'pod wedged on node-b',
    });
    expect(ruleNames(pending)).toEqual(['production-mutation-needs-approval']);
    expect(done).toMatchObject({ pod: `shop/${victim}`, dryRun: false, owner });
    expect(done.message).toContain(`${owner} will replace it`);
    const after = await checkoutPods();
    expect(after).toHaveLength(3);
    expect(after.map((p) => p.pod)).not.toContain(`shop/${victim}`);
  });

  it('k8s_configmap_patch: lists changes, names the Deployments that use it, which need a restart', async () => {
    // Mount it in checkout (volume, items listed first) and read it in ledger (envFrom): the
    // renderer gives workloads literal env only. web, in staging, cannot use a shop ConfigMap.
    await c.kubectl(
      'patch',
      'deployment',
      'checkout',
      '-n',
      'shop',
      '--type=merge',
      '-p',
      JSON.stringify({
        spec: {
          template: {
            spec: {
              volumes: [
                {
                  configMap: {
                    items: [{ key: 'max_connections', path: 'pool.conf' }],
                    name: 'checkout-config',
                  },
                  name: 'config',
                },
              ],
            },
          },
        },
      }),
    );
    await c.kubectl(
      'patch',
      'deployment',
      'ledger',
      '-n',
      'shop',
      '--type=json',
      '-p',
      JSON.stringify([
        {
          op: 'add',
          path: '/spec/template/spec/containers/0/envFrom',
          value: [{ configMapRef: { name: 'checkout-config' } }],
        },
      ]),
    );
    const data = { max_connections: '50', request_timeout_ms: '3000', legacy_pricing: null };
    const args = { namespace: 'shop', name: 'checkout-config', data, reason: 'pool of 10 is exhausted' };
    const currentData = () =>
      c.kubectl('get', 'configmap', 'checkout-config', '-n', 'shop', '-o', 'jsonpath={.data}');
    const original = await currentData();

    const dry = await c.h.call('k8s_configmap_patch', { ...args, dryRun: true });
    expect(dry.isError, dry.content[0]?.text).toBeFalsy();
    expect(dry.structuredContent).toMatchObject({ dryRun: true, needsRestart: true });
    expect(await currentData()).toBe(original);

    const { done } = await approvedCall(c.h, 'k8s_configmap_patch', args);
    expect(done).toMatchObject({
      configMap: 'shop/checkout-config',
      dryRun: false,
      changes: [
        { key: 'max_connections', from: '10', to: '50' },
        { key: 'legacy_pricing', from: 'on', to: null },
      ],
      usedBy: ['Deployment/checkout', 'Deployment/ledger'],
      needsRestart: true,
    });
    expect(JSON.parse(await currentData())).toEqual({ max_connections: '50', request_timeout_ms: '3000' });
  });

  it('k8s_configmap_patch: a ConfigMap nothing uses needs no restart', async () => {
    const manifest = join(c.h.world.dir, 'feature-flags.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'feature-flags', namespace: 'shop' },
        data: { new_cart: 'off' },
      }),
    );
    await c.kubectl('create', '--validate=false', '-f', manifest); // older kubectl validates against /openapi/v2
    const res = await c.h.call('k8s_configmap_patch', {
      namespace: 'shop',
      name: 'feature-flags',
      data: { new_cart: 'on' },
      reason: 'try the new cart',
      dryRun: true,
    });
    expect(res.structuredContent).toMatchObject({
      changes: [{ key: 'new_cart', from: 'off', to: 'on' }],
      usedBy: [],
      needsRestart: false,
    });
  });

  it('the audit log holds the pod and the ConfigMap as they were before', () => {
    const before = snapshotsOfExecutedChanges(c.h);
    const [pod] = before.get('k8s_pod_delete') as KubeObject[];
    expect(pod?.spec?.nodeName).toBe('node-b');
    const [configMap] = before.get('k8s_configmap_patch') as KubeObject[];
    expect(configMap?.data).toMatchObject({ max_connections: '10', legacy_pricing: 'on' });
  });
});

describe('cordoning and draining nodes', () => {
  const c = kubeGate(SCENARIO);
  type NodeRow = { name: string; schedulable: boolean; problems: string[] };
  const nodeRow = async (name: string) =>
    ((await c.h.call('k8s_nodes_list', {})).structuredContent!.nodes as NodeRow[]).find(
      (n) => n.name === name,
    );
  const nodeStatus = async (name: string) =>
    (await c.kubectl('get', 'node', name, '--no-headers')).trim().split(/\s+/)[1];

  it('cordon shows SchedulingDisabled in kubectl and k8s_nodes_list; uncordon puts it back', async () => {
    const node = { name: 'node-c', reason: 'suspect NIC flapping' };
    const cordon = await approvedCall(c.h, 'k8s_node_cordon', node);
    expect(cordon.done).toMatchObject({ node: 'node-c', schedulable: false });
    expect(await nodeStatus('node-c')).toBe('Ready,SchedulingDisabled');
    expect(await nodeRow('node-c')).toMatchObject({ schedulable: false, problems: ['SchedulingDisabled'] });

    const uncordon = await approvedCall(c.h, 'k8s_node_uncordon', { ...node, reason: 'NIC replaced' });
    expect(uncordon.done).toMatchObject({ node: 'node-c', schedulable: true });
    expect(await nodeStatus('node-c')).toBe('Ready');
    expect(await nodeRow('node-c')).toMatchObject({ schedulable: true, problems: [] });
  });

  it('drain evicts what may go, leaves DaemonSet pods, and reports budget-protected pods as blocked', async () => {
    const { store } = c.world.sim;
    const metadata = (namespace: string, name: string) => ({
      namespace,
      name,
      uid: randomUUID(),
      creationTimestamp: NOW,
    });
    // A DaemonSet: its controller puts a pod on every node, node-b among them.
    store.create({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: metadata('kube-system', 'log-agent'),
      spec: {
        selector: { matchLabels: { app: 'log-agent' } },
        template: {
          metadata: { labels: { app: 'log-agent' } },
          spec: { containers: [{ name: 'agent', image: 'registry.example/log-agent:1.0' }] },
        },
      },
    });
    const agentPod = `kube-system/${
      store
        .list('Pod', { namespace: 'kube-system', labelSelector: 'app=log-agent' })
        .find((pod) => pod.spec?.nodeName === 'node-b')!.metadata.name
    }`;
    // A pod nobody manages: evicting it would lose it for good, so a drain must not.
    store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...metadata('shop', 'debug-shell'), labels: { app: 'debug' } },
      spec: { nodeName: 'node-b', containers: [{ name: 'sh', image: 'registry.example/toolbox:1.0' }] },
      status: { phase: 'Running' },
    });
    store.create({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: metadata('shop', 'ledger'),
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'ledger' } } },
    });
    expect(
      await c.kubectl('get', 'pdb', 'ledger', '-n', 'shop', '-o', 'jsonpath={.status.disruptionsAllowed}'),
    ).toBe('0');

    const onNodeB = async () =>
      (await podPlacement(c.kubectl))
        .filter((p) => p.node === 'node-b')
        .map((p) => p.pod)
        .sort();
    const before = await onNodeB();
    const named = (prefix: string) => before.find((p) => p.startsWith(prefix))!;
    expect(before).toHaveLength(5);

    const { done } = await approvedCall(c.h, 'k8s_node_drain', {
      name: 'node-b',
      reason: 'node-b is being replaced',
    });
    expect(done).toMatchObject({
      node: 'node-b',
      dryRun: false,
      skipped: [agentPod],
    });
    expect(done.blocked).toEqual(
      expect.arrayContaining([
        { pod: named('shop/ledger-'), reason: expect.stringMatching(/disruption budget/) },
        { pod: 'shop/debug-shell', reason: expect.stringMatching(/no controller/) },
      ]),
    );
    expect(done.blocked).toHaveLength(2);
    expect((done.evicted as string[]).sort()).toEqual([named('shop/checkout-'), named('staging/web-')]);
    expect(done.message).toMatch(/evicted 2 pod\(s\) from node-b; 2 blocked/);

    expect(await onNodeB()).toEqual([named('shop/ledger-'), 'shop/debug-shell', agentPod].sort());
    expect(await nodeStatus('node-b')).toBe('Ready,SchedulingDisabled');
    const placement = await podPlacement(c.kubectl);
    const countOf = (prefix: string) => placement.filter((p) => p.pod.startsWith(prefix)).length;
    expect([countOf('shop/checkout-'), countOf('staging/web-'), countOf('shop/ledger-')]).toEqual([3, 2, 2]);
    // The replacements avoided the cordoned node and the one with disk pressure (where only
    // the daemon pod, which tolerates disk pressure, joined the one pod already there).
    expect(
      placement.filter((p) => p.node === 'node-a' && !p.pod.startsWith('kube-system/log-agent-')),
    ).toHaveLength(1);
  });

  it('the audit log holds each node (and the pods a drain would move) as they were before', () => {
    const before = snapshotsOfExecutedChanges(c.h);
    const [cordoned, ...rest] = before.get('k8s_node_cordon') as KubeObject[];
    expect(rest).toEqual([]);
    expect(cordoned?.spec?.unschedulable).toBeFalsy();
    const [uncordoned] = before.get('k8s_node_uncordon') as KubeObject[];
    expect(uncordoned?.spec?.unschedulable).toBe(true);
    const [drain] = before.get('k8s_node_drain') as { node: KubeObject; pods: string[] }[];
    expect(drain?.node.metadata.name).toBe('node-b');
    expect(drain?.pods).toHaveLength(3);
  });
});
