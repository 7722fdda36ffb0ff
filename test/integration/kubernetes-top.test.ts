// k8s_pods_top and k8s_nodes_top through the whole gate (a real MCP client, the default
// policy, the audit log) against the API simulator serving metrics.k8s.io over HTTPS: the
// leaking checkout pods come first by share of their memory limit, with the requests and
// limits an on-call engineer compares them to; the numbers agree with the real `kubectl
// top`; big answers are cut to the top N with a hint; a cluster without metrics-server
// gets an error that names it.

import { describe, expect, it } from 'vitest';
import { kubeGate } from '../helpers/kube-world.ts';

type PodRow = {
  namespace: string;
  name: string;
  cpuMillicores: number;
  memoryBytes: number;
  memoryMiB: number;
  requests?: { cpuMillicores?: number; memoryMiB?: number };
  limits?: { cpuMillicores?: number; memoryMiB?: number };
  cpuOfLimitPercent?: number;
  memoryOfLimitPercent?: number;
};
type NodeRow = {
  name: string;
  cpuMillicores: number;
  cpuPercent?: number;
  memoryMiB: number;
  memoryPercent?: number;
  allocatable: { cpuMillicores?: number; memoryMiB?: number };
};

/** `kubectl top` rows: name → memory MiB. */
const kubectlMemory = (text: string) =>
  new Map(
    text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const cells = line.trim().split(/\s+/);
        return [cells[0]!, Number.parseInt(cells.find((c) => c.endsWith('Mi'))!, 10)] as const;
      }),
  );

describe('k8s_pods_top and k8s_nodes_top on checkout-bad-deploy, with metrics-server', () => {
  const c = kubeGate('checkout-bad-deploy', { metrics: true });

  const top = async (tool: string, args: Record<string, unknown>) => {
    const res = await c.h.call(tool, args);
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    expect(JSON.parse(res.content[0]!.text)).toEqual(res.structuredContent);
    return res.structuredContent as Record<string, unknown>;
  };

  it('puts the pods nearest their memory limit first, with requests and limits beside the usage', async () => {
    const out = await top('k8s_pods_top', { namespace: 'shop', sortBy: 'memoryOfLimit' });
    const pods = out.pods as PodRow[];
    expect(out).toMatchObject({ cluster: 'prod-eu-1', namespace: 'shop', total: 4 });
    expect(out.timestamp).toBe('2026-04-25T14:30:00Z');
    expect(pods.map((p) => p.name.split('-')[0])).toEqual(['checkout', 'checkout', 'payments', 'payments']);
    const [first] = pods;
    expect(first).toMatchObject({
      namespace: 'shop',
      requests: { cpuMillicores: 500, memoryMiB: 384 },
      limits: { cpuMillicores: 1000, memoryMiB: 512 },
    });
    // ~418Mi of 512Mi: the leak since the bad deploy.
    expect(first!.memoryOfLimitPercent).toBeGreaterThan(77);
    expect(first!.memoryOfLimitPercent).toBeLessThan(87);
    expect(first!.memoryOfLimitPercent).toBeCloseTo((first!.memoryBytes / (512 * 2 ** 20)) * 100, 0);
    expect(first!.cpuOfLimitPercent).toBeCloseTo(first!.cpuMillicores / 10, 0);
    expect(first!.memoryMiB).toBeCloseTo(first!.memoryBytes / 2 ** 20, 0);
    // payments sets only limits.
    expect(pods[3]!.requests).toBeUndefined();
    expect(pods[3]!.limits).toEqual({ cpuMillicores: 500, memoryMiB: 256 });
    // The crash-looping checkout pod runs no container: no metrics, and nothing missing.
    expect(out.withoutMetrics).toBeUndefined();
    expect(out.hint).toBeUndefined();
    const totals = out.totals as { cpuMillicores: number; memoryMiB: number };
    expect(totals.cpuMillicores).toBeCloseTo(
      pods.reduce((sum, p) => sum + p.cpuMillicores, 0),
      -1,
    );
  });

  it('agrees with kubectl top on every pod', async () => {
    const out = await top('k8s_pods_top', { namespace: 'shop' });
    const kubectl = kubectlMemory(await c.kubectl('top', 'pods', '-n', 'shop'));
    const pods = out.pods as PodRow[];
    expect(pods.map((p) => p.name).sort()).toEqual([...kubectl.keys()].sort());
    for (const pod of pods)
      expect(Math.abs(pod.memoryMiB - kubectl.get(pod.name)!), pod.name).toBeLessThan(1);
  });

  it('sorts by CPU, across namespaces, by selector, and cuts to the top N with a hint', async () => {
    const byCpu = (await top('k8s_pods_top', {})).pods as PodRow[];
    expect(byCpu[0]!.name).toMatch(/^checkout-/);
    expect(byCpu.map((p) => p.cpuMillicores)).toEqual(
      [...byCpu.map((p) => p.cpuMillicores)].sort((a, b) => b - a),
    );
    const payments = await top('k8s_pods_top', { namespace: 'shop', labelSelector: 'app=payments' });
    expect((payments.pods as PodRow[]).every((p) => p.name.startsWith('payments-'))).toBe(true);
    expect(payments.total).toBe(2);
    const cut = await top('k8s_pods_top', { sortBy: 'memory', limit: 1 });
    expect(cut.pods).toHaveLength(1);
    expect(cut.total).toBe(4);
    expect(cut.hint).toMatch(
      /Showing the top 1 of 4 by memory; narrow with namespace or labelSelector, or raise limit/,
    );
    const none = await top('k8s_pods_top', { namespace: 'shop', labelSelector: 'app=nope' });
    expect(none).toMatchObject({ total: 0, pods: [] });
    expect(none.hint).toMatch(/No pod metrics in namespace shop with app=nope/);
  });

  it('tops the nodes against their allocatable, the sum of their pods', async () => {
    const out = await top('k8s_nodes_top', {});
    const nodes = out.nodes as NodeRow[];
    expect(nodes.map((n) => n.name).sort()).toEqual(['ip-10-0-1-42', 'ip-10-0-2-17', 'ip-10-0-3-88']);
    for (const node of nodes) {
      expect(node.allocatable.cpuMillicores).toBeGreaterThan(7000);
      expect(node.cpuPercent).toBeCloseTo((node.cpuMillicores / node.allocatable.cpuMillicores!) * 100, 0);
      expect(node.memoryPercent).toBeCloseTo((node.memoryMiB / node.allocatable.memoryMiB!) * 100, 0);
    }
    expect(nodes.map((n) => n.cpuPercent)).toEqual(
      [...nodes.map((n) => n.cpuPercent)].sort((a, b) => b! - a!),
    );
    const pods = (await top('k8s_pods_top', {})).pods as PodRow[];
    const podCpu = pods.reduce((sum, p) => sum + p.cpuMillicores, 0);
    expect(Math.abs(nodes.reduce((sum, n) => sum + n.cpuMillicores, 0) - podCpu)).toBeLessThanOrEqual(3);
    const one = await top('k8s_nodes_top', { labelSelector: 'topology.kubernetes.io/zone=eu-west-1b' });
    expect((one.nodes as NodeRow[]).map((n) => n.name)).toEqual(['ip-10-0-2-17']);
  });

  it('counts a pod that just started and has no metrics yet, and says so', async () => {
    await c.kubectl('run', 'debug', '-n', 'shop', '--image=registry.example/busybox:1.36');
    const out = await top('k8s_pods_top', { namespace: 'shop' });
    expect(out.total).toBe(4);
    expect(out.withoutMetrics).toBe(1);
    expect(out.hint).toMatch(/1 running pod\(s\) have no metrics yet/);
  });

  it('audits each call as an allowed read', async () => {
    await top('k8s_nodes_top', { sortBy: 'memory' });
    const calls = c.h.app.audit.query({ tool: 'k8s_nodes_top', type: 'decision' });
    expect(calls.at(-1)?.effect).toBe('allow');
  });
});

describe('a cluster without metrics-server', () => {
  const c = kubeGate('checkout-bad-deploy');

  it('says metrics.k8s.io is not served and names metrics-server, for pods and nodes', async () => {
    for (const tool of ['k8s_pods_top', 'k8s_nodes_top']) {
      const res = await c.h.call(tool, {});
      expect(res.isError, tool).toBe(true);
      expect(res.content[0]!.text, tool).toMatch(
        /metrics\.k8s\.io is not served by cluster prod-eu-1 \(is metrics-server installed\?\)/,
      );
    }
  });
});
