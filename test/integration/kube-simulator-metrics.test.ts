// metrics.k8s.io on the Kubernetes API simulator, through the real kubectl: `kubectl top`
// for pods (a namespace, all namespaces, a selector) and nodes reads the scenario's cAdvisor
// series the sandbox Prometheus serves, follows the clock and the incident timeline (a fix
// brings checkout's leaking memory back down), leaves pods that are not running out, is
// authorized like any resource, and is absent from a cluster without metrics-server.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSimulator } from '../../src/sandbox/kube/simulator.ts';
import { type IncidentTimeline, incidentTimeline } from '../../src/sandbox/reactions/timeline.ts';
import { scenarioMetricStore } from '../../src/sandbox/run/metric-store.ts';
import { renderKubeWorld } from '../../src/sandbox/scenario/kube.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { type KubeWorldFixture, startKubeWorld } from '../helpers/kube-world.ts';
import { kubectlFor } from '../helpers/kubectl.ts';
import { REPO } from '../helpers/world.ts';

const MiB = 2 ** 20;
const NO_METRICS_READER = {
  name: 'core-reader',
  token: 'core-reader-token-for-metrics-tests',
  rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['*'] }],
};

/** `kubectl top` rows as name → [cpu millicores, memory MiB] (the columns after any NAMESPACE). */
function topRows(text: string): Map<string, [number, number]> {
  const rows = new Map<string, [number, number]>();
  for (const line of text.trim().split('\n').slice(1)) {
    const cells = line.trim().split(/\s+/);
    const memory = cells.find((c) => c.endsWith('Mi'))!;
    const cpu = cells.find((c) => c.endsWith('m'))!;
    rows.set(cells.length >= 4 && !cells[1]!.endsWith('m') ? `${cells[0]}/${cells[1]}` : cells[0]!, [
      Number.parseInt(cpu, 10),
      Number.parseInt(memory, 10),
    ]);
  }
  return rows;
}

describe('kubectl top against the simulator (frozen clock)', () => {
  let world: KubeWorldFixture;
  let kubectl: (...args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;
  beforeAll(async () => {
    world = await startKubeWorld('checkout-bad-deploy', { metrics: true, users: [NO_METRICS_READER] });
    const run = kubectlFor(world.sim.kubeconfigPath);
    kubectl = (...args) => run(args);
  });
  afterAll(() => world?.close());

  it('serves the group in discovery with get and list only', async () => {
    const res = await kubectl('get', '--raw', '/apis/metrics.k8s.io/v1beta1');
    const list = JSON.parse(res.stdout) as { resources: { name: string; kind: string; verbs: string[] }[] };
    expect(list.resources).toEqual([
      expect.objectContaining({ name: 'pods', kind: 'PodMetrics', namespaced: true, verbs: ['get', 'list'] }),
      expect.objectContaining({
        name: 'nodes',
        kind: 'NodeMetrics',
        namespaced: false,
        verbs: ['get', 'list'],
      }),
    ]);
    expect((await kubectl('api-versions')).stdout).toContain('metrics.k8s.io/v1beta1');
  });

  it('tops the pods of a namespace: leaking checkout near its 512Mi limit, the crash-looping pod absent', async () => {
    const res = await kubectl('top', 'pods', '-n', 'shop');
    expect(res.code, res.stderr).toBe(0);
    const rows = topRows(res.stdout);
    const pods = world.sim.store.list('Pod', { namespace: 'shop' });
    const crashing = pods.find((p) => JSON.stringify(p.status).includes('CrashLoopBackOff'))!;
    expect(rows.has(crashing.metadata.name)).toBe(false);
    const checkout = [...rows].filter(([name]) => name.startsWith('checkout-'));
    const payments = [...rows].filter(([name]) => name.startsWith('payments-'));
    expect(checkout).toHaveLength(2);
    expect(payments).toHaveLength(2);
    // 380Mi + 2Mi/min for 19 minutes = 418Mi, and 0.4 cores, give or take the 2% noise.
    for (const [, [cpu, memory]] of checkout) {
      expect(cpu).toBeGreaterThan(360);
      expect(cpu).toBeLessThan(440);
      expect(memory).toBeGreaterThan(395);
      expect(memory).toBeLessThan(445);
    }
    // payments has no usage written: the sandbox's defaults, 0.1 cores and 128Mi.
    for (const [, [cpu, memory]] of payments) {
      expect(Math.abs(cpu - 100)).toBeLessThan(10);
      expect(Math.abs(memory - 128)).toBeLessThan(8);
    }
  });

  it('reads the same numbers PromQL would: the working set and the counter rate at now', async () => {
    const pod = world.sim.store
      .list('Pod', { namespace: 'shop', labelSelector: 'app=checkout' })
      .find((p) => !JSON.stringify(p.status).includes('CrashLoopBackOff'))!;
    const raw = await kubectl(
      'get',
      '--raw',
      `/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/${pod.metadata.name}`,
    );
    const metrics = JSON.parse(raw.stdout);
    expect(metrics).toMatchObject({
      kind: 'PodMetrics',
      metadata: { name: pod.metadata.name, namespace: 'shop', labels: { app: 'checkout' } },
      timestamp: '2026-04-25T14:30:00Z',
      window: '15s',
    });
    const scenario = world.scenario;
    const store = scenarioMetricStore(scenario, world.clock, incidentTimeline(undefined));
    const now = scenario.spec.now.getTime();
    const [series] = store.select(
      [
        { name: '__name__', type: '=', value: 'container_memory_working_set_bytes' },
        { name: 'pod', type: '=', value: pod.metadata.name },
      ],
      now,
      now,
    );
    expect(metrics.containers).toHaveLength(1);
    expect(metrics.containers[0].name).toBe('app');
    const memory = metrics.containers[0].usage.memory as string;
    const bytes = memory.endsWith('Ki') ? Number.parseInt(memory, 10) * 1024 : Number(memory);
    expect(bytes).toBe(series!.values[series!.values.length - 1]);
    expect(metrics.containers[0].usage.cpu).toMatch(/^\d+n$/);
  });

  it('tops all namespaces, by selector, and one pod; a pod without metrics is NotFound, as metrics-server answers', async () => {
    const all = await kubectl('top', 'pods', '-A');
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/^NAMESPACE\s+NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)/);
    expect([...topRows(all.stdout).keys()].filter((k) => k.startsWith('shop/'))).toHaveLength(4);
    const selected = await kubectl('top', 'pods', '-n', 'shop', '-l', 'app=payments');
    expect([...topRows(selected.stdout).keys()].every((name) => name.startsWith('payments-'))).toBe(true);
    expect(topRows(selected.stdout).size).toBe(2);
    const crashing = world.sim.store
      .list('Pod', { namespace: 'shop' })
      .find((p) => JSON.stringify(p.status).includes('CrashLoopBackOff'))!;
    const one = await kubectl('top', 'pod', crashing.metadata.name, '-n', 'shop');
    expect(one.code).not.toBe(0);
    expect(one.stderr).toContain(
      `Error from server (NotFound): podmetrics.metrics.k8s.io "shop/${crashing.metadata.name}" not found`,
    );
  });

  it('tops the nodes: the sum of their pods', async () => {
    const res = await kubectl('top', 'nodes');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)/);
    const rows = topRows(res.stdout);
    expect([...rows.keys()].sort()).toEqual(['ip-10-0-1-42', 'ip-10-0-2-17', 'ip-10-0-3-88']);
    const pods = topRows((await kubectl('top', 'pods', '-A')).stdout);
    const podsCpu = [...pods.values()].reduce((sum, [cpu]) => sum + cpu, 0);
    const nodesCpu = [...rows.values()].reduce((sum, [cpu]) => sum + cpu, 0);
    expect(Math.abs(podsCpu - nodesCpu)).toBeLessThanOrEqual(rows.size);
  });

  it('is authorized like any resource: without a grant on metrics.k8s.io, Forbidden', async () => {
    const run = kubectlFor(world.sim.kubeconfigFor('core-reader'));
    expect((await run(['get', 'pods', '-n', 'shop'])).code).toBe(0);
    const res = await run(['top', 'pods', '-n', 'shop']);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(
      /pods\.metrics\.k8s\.io is forbidden: User "core-reader" cannot list resource "pods" in API group "metrics\.k8s\.io" in the namespace "shop"/,
    );
  });

  it('answers get and list only', async () => {
    const res = await kubectl('get', '--raw', '/apis/metrics.k8s.io/v1beta1/pods?watch=true');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/MethodNotAllowed|not allowed/);
  });
});

describe('a cluster without metrics-server', () => {
  it('serves no metrics.k8s.io, and kubectl top says so', async () => {
    const world = await startKubeWorld('checkout-bad-deploy');
    try {
      const run = kubectlFor(world.sim.kubeconfigPath);
      expect((await run(['api-versions'])).stdout).not.toContain('metrics.k8s.io');
      const res = await run(['top', 'pods', '-n', 'shop']);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toMatch(/Metrics API not available/);
    } finally {
      await world.close();
    }
  });
});

describe('usage over time (a clock the test moves, and a fix)', () => {
  const scenario = loadScenario(`${REPO}/scenarios/checkout-bad-deploy.yaml`);
  let now = scenario.spec.now.getTime();
  const clock = { now: () => new Date(now) };
  let timeline: IncidentTimeline;
  let sim: Awaited<ReturnType<typeof startKubeSimulator>>;
  let kubectl: (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;
  beforeAll(async () => {
    timeline = incidentTimeline(scenario.resolution);
    const metrics = scenarioMetricStore(scenario, clock, timeline);
    sim = await startKubeSimulator({ ...renderKubeWorld(scenario, clock, timeline), metrics });
    kubectl = kubectlFor(sim.kubeconfigPath);
  });
  afterAll(() => sim?.close());

  const checkoutMemory = async () => {
    const res = await kubectl(['top', 'pods', '-n', 'shop', '-l', 'app=checkout']);
    expect(res.code, res.stderr).toBe(0);
    return [...topRows(res.stdout).values()].map(([, memory]) => memory);
  };

  it('keeps leaking while time runs, and comes back down after a fix', async () => {
    const atNow = await checkoutMemory();
    now += 10 * 60_000;
    const later = await checkoutMemory();
    // 2Mi/min for ten more minutes.
    for (const [i, memory] of later.entries()) expect(memory - atNow[i]!).toBeGreaterThan(12);
    timeline.suppress(now, Number.POSITIVE_INFINITY);
    now += timeline.recovery + 60_000;
    const fixed = await checkoutMemory();
    // Back to the pre-incident 200Mi.
    for (const memory of fixed) expect(Math.abs(memory - 200)).toBeLessThan(12);
    expect(fixed.every((memory) => memory * MiB < 0.5 * 512 * MiB)).toBe(true);
  });
});
