// The Kubernetes backend contract: what every tool relies on from `KubernetesBackend`,
// run against each implementation (today the client-node adapter, talking to the API
// simulator over HTTPS; a real cluster speaks the same API).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubernetesBackend } from '../../src/backends/kubernetes/client.ts';
import { KubeError, type KubeKind, type KubernetesBackend } from '../../src/backends/kubernetes/types.ts';
import { type KubeWorldFixture, startKubeWorld } from '../helpers/kube-world.ts';

interface Implementation {
  name: string;
  start(): Promise<{ backend: KubernetesBackend; cluster: string; close(): Promise<void> }>;
}

const implementations: Implementation[] = [
  {
    name: 'client-node against the API simulator',
    async start() {
      const fixture: KubeWorldFixture = await startKubeWorld('checkout-bad-deploy', { metrics: true });
      return {
        backend: createKubernetesBackend({ kubeconfig: fixture.sim.kubeconfigPath }),
        cluster: fixture.scenario.spec.cluster.name,
        close: fixture.close,
      };
    },
  },
];

describe.each(implementations)('KubernetesBackend: $name', (impl) => {
  let backend: KubernetesBackend;
  let cluster: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ backend, cluster, close } = await impl.start());
  });
  afterAll(() => close?.());

  const deployment = { kind: 'Deployment' as const, namespace: 'shop', name: 'checkout' };
  const replicas = async () => (await backend.get(deployment)).spec?.replicas;

  it('names its clusters, default first', () => {
    expect(backend.clusters()[0]).toBe(cluster);
  });

  it('gets an object as API JSON', async () => {
    const d = await backend.get(deployment);
    expect(d).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'checkout', namespace: 'shop' },
    });
    expect(typeof d.metadata.uid).toBe('string');
    expect(typeof d.metadata.creationTimestamp).toBe('string');
  });

  it('says what was not found, and where', async () => {
    const err = await backend.get({ ...deployment, name: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect((err as KubeError).status).toBe(404);
    expect((err as KubeError).message).toMatch(/Deployment shop\/nope in cluster .*not found/);
  });

  it('lists with label selectors, across namespaces, and pages with a continue token', async () => {
    const checkout = await backend.list({ kind: 'Pod', namespace: 'shop', labelSelector: 'app=checkout' });
    expect(checkout.items).toHaveLength(3);
    expect(checkout.items.every((p) => p.kind === 'Pod' && p.metadata.labels?.app === 'checkout')).toBe(true);
    const all = await backend.list({ kind: 'Pod' });
    expect(all.items.length).toBeGreaterThanOrEqual(5);
    const seen: string[] = [];
    let continueToken: string | undefined;
    do {
      const page = await backend.list({ kind: 'Pod', limit: 2, ...(continueToken ? { continueToken } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
      continueToken = page.continueToken;
    } while (continueToken);
    expect(seen.sort()).toEqual(all.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort());
  });

  it('reads pod logs with timestamps and tailLines', async () => {
    const [pod] = (await backend.list({ kind: 'Pod', namespace: 'shop', labelSelector: 'app=checkout' }))
      .items;
    const text = await backend.podLog({ namespace: 'shop', pod: pod!.metadata.name, tailLines: 5 });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.every((l) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(l))).toBe(true);
  });

  it('a dry-run patch changes nothing; a real one does', async () => {
    const before = await replicas();
    const dry = await backend.patch(deployment, { spec: { replicas: 7 } }, 'merge', { dryRun: true });
    expect(dry.spec?.replicas).toBe(7);
    expect(await replicas()).toBe(before);
    await backend.patch(deployment, { spec: { replicas: 4 } }, 'merge', { dryRun: false });
    expect(await replicas()).toBe(4);
    expect(
      (await backend.list({ kind: 'Pod', namespace: 'shop', labelSelector: 'app=checkout' })).items,
    ).toHaveLength(4);
  });

  it('a strategic merge patch on the pod template rolls out a new revision', async () => {
    const revision = (await backend.get(deployment)).metadata.annotations?.[
      'deployment.kubernetes.io/revision'
    ];
    await backend.patch(
      deployment,
      {
        spec: {
          template: {
            metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-04-25T14:30:00Z' } },
          },
        },
      },
      'strategic',
      { dryRun: false },
    );
    const after = await backend.get(deployment);
    expect(Number(after.metadata.annotations?.['deployment.kubernetes.io/revision'])).toBe(
      Number(revision) + 1,
    );
  });

  it('deletes (or dry-run deletes) a pod; its ReplicaSet replaces it', async () => {
    const [pod] = (await backend.list({ kind: 'Pod', namespace: 'shop', labelSelector: 'app=payments' }))
      .items;
    const ref = { kind: 'Pod' as const, namespace: 'shop', name: pod!.metadata.name };
    await backend.delete(ref, { dryRun: true });
    await expect(backend.get(ref)).resolves.toBeTruthy();
    await backend.delete(ref, { dryRun: false, gracePeriodSeconds: 0 });
    await expect(backend.get(ref)).rejects.toThrow(/not found/);
    expect(
      (await backend.list({ kind: 'Pod', namespace: 'shop', labelSelector: 'app=payments' })).items,
    ).toHaveLength(2);
  });

  it('evicts through the Eviction API', async () => {
    const [pod] = (await backend.list({ kind: 'Pod', namespace: 'shop', labelSelector: 'app=payments' }))
      .items;
    const ref = { kind: 'Pod' as const, namespace: 'shop', name: pod!.metadata.name };
    await backend.evict(ref, { dryRun: true });
    await expect(backend.get(ref)).resolves.toBeTruthy();
    await backend.evict(ref, { dryRun: false });
    await expect(backend.get(ref)).rejects.toThrow(/not found/);
  });

  it('never reaches a Secret', async () => {
    const secret = 'Secret' as unknown as KubeKind;
    await expect(backend.get({ kind: secret, namespace: 'shop', name: 'db' })).rejects.toThrow(
      /not available through opswarden/,
    );
    await expect(backend.list({ kind: secret, namespace: 'shop' })).rejects.toThrow(
      /not available through opswarden/,
    );
  });

  it('resolves a kind by any spelling through discovery, and names the closest when unknown', async () => {
    for (const spelling of [
      'Deployment',
      'deployments',
      'deploy',
      'deployments.apps',
      'apps/v1/Deployment',
      'DEPLOYMENT',
    ])
      expect(await backend.resolve(spelling), spelling).toMatchObject({
        group: 'apps',
        version: 'v1',
        resource: 'deployments',
        kind: 'Deployment',
        namespaced: true,
      });
    expect(await backend.resolve('v1/Secret')).toMatchObject({
      group: '',
      resource: 'secrets',
      kind: 'Secret',
    });
    const err = await backend.resolve('deploymnts').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect((err as KubeError).status).toBe(404);
    expect((err as KubeError).message).toMatch(/closest: deployments\.apps \(Deployment, apps\/v1\)/);
  });

  it('gets and pages any resource, with the server Table where it has one', async () => {
    const pods = await backend.resolve('pods');
    const page = await backend.listResources({ resource: pods, namespace: 'shop', limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.items.every((p) => p.kind === 'Pod' && p.apiVersion === 'v1' && p.spec)).toBe(true);
    expect(page.table?.columns.map((c) => c.name)).toContain('Status');
    expect(page.table?.cells).toHaveLength(2);
    expect(page.continueToken).toBeTruthy();
    const rest = await backend.listResources({
      resource: pods,
      namespace: 'shop',
      continueToken: page.continueToken!,
    });
    expect(page.remaining).toBe(rest.items.length);
    const one = await backend.getResource({
      resource: pods,
      namespace: 'shop',
      name: page.items[0]!.metadata.name,
    });
    expect(one.metadata.uid).toBe(page.items[0]!.metadata.uid);
  });

  it('describes its clusters without credentials', async () => {
    const [first] = await backend.describeClusters();
    expect(first).toMatchObject({ name: cluster, default: true });
    expect(first!.server).toMatch(/^https:\/\/[^@]+$/);
  });

  it('reads live usage from metrics.k8s.io: pods of a namespace or all, by selector, and nodes', async () => {
    const shop = await backend.podMetrics({ namespace: 'shop' });
    expect(shop.length).toBeGreaterThan(0);
    for (const pod of shop) {
      expect(pod).toMatchObject({ namespace: 'shop', windowSeconds: 15 });
      expect(Date.parse(pod.timestamp)).not.toBeNaN();
      expect(pod.containers[0]!.cpuCores).toBeGreaterThan(0);
      expect(pod.containers[0]!.memoryBytes).toBeGreaterThan(2 ** 20);
    }
    const payments = await backend.podMetrics({ namespace: 'shop', labelSelector: 'app=payments' });
    expect(payments.length).toBeGreaterThan(0);
    expect(payments.every((p) => p.name.startsWith('payments-'))).toBe(true);
    expect((await backend.podMetrics({})).length).toBeGreaterThanOrEqual(shop.length);
    const nodes = await backend.nodeMetrics({});
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.some((n) => n.cpuCores > 0 && n.memoryBytes > 0)).toBe(true);
  });

  it('runs a command in a container: output and exit code; a non-zero exit is a result', async () => {
    const { items } = await backend.list({ kind: 'Pod', namespace: 'shop', labelSelector: 'app=payments' });
    const pod = items[0]!.metadata.name;
    const query = { namespace: 'shop', pod, container: 'app', timeoutMs: 10_000, keepBytes: 1_000 };
    const ran = await backend.exec({ ...query, command: ['hostname'] });
    expect(ran).toMatchObject({ exitCode: 0, timedOut: false, stdout: { bytes: pod.length + 1 } });
    expect(ran.stdout.tail.toString()).toBe(`${pod}\n`);
    const failed = await backend.exec({ ...query, command: ['sh', '-c', 'exit 4'] });
    expect(failed.exitCode).toBe(4);
    const err = await backend.exec({ ...query, pod: 'nope', command: ['env'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect((err as KubeError).status).toBe(404);
    expect((err as KubeError).message).toMatch(
      /exec in container app of Pod shop\/nope in cluster .*: pods "nope" not found/,
    );
  });

  it('refuses an unknown cluster by name', async () => {
    await expect(backend.get({ ...deployment, cluster: 'nowhere' })).rejects.toThrow(
      /unknown cluster "nowhere"/,
    );
  });
});
