// deploys_history through the whole gate with a real MCP client, on checkout-bad-deploy
// served by the Kubernetes API simulator: the feature flag a flag system posts over HTTP
// and the 1.42.0 rollout land on one timeline, newest first; Argo CD syncs join it once
// the cluster has Applications, and a cluster without the CRD says Argo is not installed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubernetesBackend } from '../../src/backends/kubernetes/client.ts';
import { KubeError } from '../../src/backends/kubernetes/types.ts';
import type { KubeObject } from '../../src/sandbox/world.ts';
import { type HttpServer, startHttpServer } from '../../src/server/http.ts';
import { type Harness, startHarness } from '../helpers/in-process.ts';
import { type KubeWorldFixture, startKubeWorld } from '../helpers/kube-world.ts';
import { kubectlFor } from '../helpers/kubectl.ts';
import { DEFAULT_POLICY, makeWorld } from '../helpers/world.ts';

const FLAGS_KEY = 'flags-key-0123456789abcdef';
const SHA_1 = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
const SHA_2 = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';

interface Timeline {
  window: { since: string; until: string };
  sources: { kubernetes: string; argocd: string; changeEvents: string };
  total: number;
  entries: {
    time: string;
    source: string;
    target: string;
    ref?: string;
    change: { type: string; summary: string; from?: string; to?: string; fields?: string[] };
    by?: string;
  }[];
  hint?: string;
}

let world: KubeWorldFixture;
let h: Harness;
let http: HttpServer;

beforeAll(async () => {
  world = await startKubeWorld('checkout-bad-deploy');
  const config = makeWorld({
    policy: DEFAULT_POLICY,
    extra: {
      kubernetes: { kubeconfig: world.sim.kubeconfigPath },
      environments: { namespaces: {} },
      auth: { apiKeys: [{ id: 'launchdarkly', type: 'service', roles: ['change-writer'], key: FLAGS_KEY }] },
    },
  });
  h = await startHarness({ world: config, clock: world.clock });
  http = await startHttpServer(h.app, { host: '127.0.0.1', port: 0, stateless: false });
  const flag = world.scenario.spec.changes.find((c) => c.id === 'flag-4411')!;
  const posted = await fetch(`${http.url}/v1/changes`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${FLAGS_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      id: flag.id,
      at: minutesAgo(22),
      kind: flag.kind,
      service: flag.service,
      summary: flag.summary,
      actor: 'bob',
      source: 'launchdarkly',
    }),
  });
  expect(posted.status).toBe(201);
});

afterAll(async () => {
  await http?.close();
  await h?.close();
  await world?.close();
});

function minutesAgo(minutes: number): string {
  return new Date(world.clock.now().getTime() - minutes * 60_000).toISOString();
}

async function history(args: Record<string, unknown>): Promise<Timeline> {
  const res = await h.call('deploys_history', args);
  expect(res.isError, res.content[0]?.text).toBeFalsy();
  return res.structuredContent as unknown as Timeline;
}

function application(name: string, namespace: string, history: Record<string, unknown>[]): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', uid: `app-${name}`, creationTimestamp: minutesAgo(60 * 24 * 30) },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example/platform/deploy.git', path: name, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace },
    },
    status: { history },
  };
}

describe('deploys_history on checkout-bad-deploy', () => {
  it('puts the 1.42.0 rollout and the posted flag on one timeline, newest first; no Argo CD yet', async () => {
    const t = await history({ service: 'checkout', namespace: 'shop', since: '1h' });
    expect(t.sources).toEqual({ kubernetes: 'ok', argocd: 'not installed', changeEvents: 'ok' });
    expect(t.window.until).toBe(world.clock.now().toISOString());
    expect(t.entries.map((e) => [e.source, e.target])).toEqual([
      ['kubernetes', 'Deployment/shop/checkout'],
      ['change-event', 'Service/checkout'],
    ]);
    const [rollout, flag] = t.entries;
    expect(Date.parse(rollout!.time)).toBe(Date.parse(minutesAgo(19)));
    expect(rollout!.change).toMatchObject({
      type: 'image',
      from: 'registry.example/checkout:1.41.0',
      to: 'registry.example/checkout:1.42.0',
    });
    expect(rollout!.change.summary).toContain('release 1.42.0');
    expect(rollout!.change.fields?.join(' ')).toMatch(/env/);
    expect(flag).toMatchObject({
      time: minutesAgo(22),
      ref: 'Change/flag-4411',
      by: 'bob',
      change: { type: 'flag', summary: 'new-pricing enabled for 50% of traffic' },
    });
  });

  it('finds the flag for the namespace too (checkout runs there), and leaves out what is older', async () => {
    const t = await history({ namespace: 'shop' });
    expect(t.entries.map((e) => e.ref ?? e.target)).toEqual(['Deployment/shop/checkout', 'Change/flag-4411']);
    const wide = await history({ namespace: 'shop', since: '30d' });
    expect(wide.entries.map((e) => e.target)).toContain('Deployment/shop/payments');
    expect(wide.entries.find((e) => e.target === 'Deployment/shop/payments')?.change).toMatchObject({
      type: 'deploy',
      to: 'registry.example/payments:3.8.2',
    });
  });

  it('says so when nothing changed, with a wider window to try', async () => {
    const t = await history({ service: 'payments', namespace: 'shop', since: '1h' });
    expect(t.entries).toEqual([]);
    expect(t.hint).toMatch(/No changes to service payments since 1h; widen since/);
    const unknown = await history({ service: 'nosuch', namespace: 'shop' });
    expect(unknown.hint).toMatch(/No Deployment is named nosuch or labelled app=nosuch in shop/);
  });

  it('the Kubernetes backend reports the missing Argo CD CRD as a 404', async () => {
    const kube = createKubernetesBackend({ kubeconfig: world.sim.kubeconfigPath });
    const err = await kube.list({ kind: 'Application' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KubeError);
    expect((err as KubeError).status).toBe(404);
  });

  it('adds the Argo CD syncs of the Applications that deploy to the namespace, with who synced', async () => {
    world.sim.store.create(
      application('checkout', 'shop', [
        { id: 1, revision: SHA_1, deployedAt: minutesAgo(60 * 24 * 9), initiatedBy: { automated: true } },
        {
          id: 2,
          revision: SHA_2,
          deployedAt: minutesAgo(19.5),
          source: {
            repoURL: 'https://git.example/platform/deploy.git',
            path: 'checkout',
            targetRevision: 'main',
          },
          initiatedBy: { username: 'alice' },
        },
      ]),
    );
    world.sim.store.create(
      application('customer-etl', 'data', [{ id: 1, revision: SHA_1, deployedAt: minutesAgo(5) }]),
    );
    const t = await history({ service: 'checkout', namespace: 'shop', since: '1h' });
    expect(t.sources.argocd).toBe('ok');
    expect(t.entries.map((e) => e.source)).toEqual(['kubernetes', 'argocd', 'change-event']);
    expect(t.entries[1]).toMatchObject({
      time: minutesAgo(19.5),
      target: 'Application/argocd/checkout',
      by: 'alice',
      change: {
        type: 'sync',
        from: SHA_1.slice(0, 7),
        to: SHA_2.slice(0, 7),
        summary: `synced https://git.example/platform/deploy.git checkout (main) to ${SHA_2.slice(0, 7)}`,
      },
    });

    const cluster = await history({ since: '1h' });
    expect(cluster.entries.map((e) => e.target)).toContain('Application/argocd/customer-etl');
    const kubectl = kubectlFor(world.sim.kubeconfigPath);
    const listed = await kubectl(['get', 'applications', '-n', 'argocd', '-o', 'name']);
    expect(listed.stdout.split('\n').filter(Boolean).sort()).toEqual([
      'application.argoproj.io/checkout',
      'application.argoproj.io/customer-etl',
    ]);
  });

  it('dates a rollback by the Deployment and tells a restart from a new image', async () => {
    const template = (rs: KubeObject) => {
      const t = structuredClone(rs.spec?.template) as { metadata: { labels: Record<string, string> } };
      delete t.metadata.labels['pod-template-hash'];
      return t;
    };
    const setTemplate = (update: (deployment: KubeObject) => unknown) => {
      const deployment = world.sim.store.get('Deployment', 'shop', 'checkout')!;
      world.sim.store.update({ ...deployment, spec: { ...deployment.spec, template: update(deployment) } });
    };
    const first = world.sim.store
      .list('ReplicaSet', { namespace: 'shop', labelSelector: 'app=checkout' })
      .find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === '1')!;
    setTemplate(() => template(first)); // what kubectl rollout undo does

    const undone = await history({ service: 'checkout', namespace: 'shop', since: '1h' });
    expect(undone.entries[0]).toMatchObject({
      time: world.clock.now().toISOString(),
      target: 'Deployment/shop/checkout',
      change: {
        type: 'rollback',
        from: 'registry.example/checkout:1.42.0',
        to: 'registry.example/checkout:1.41.0',
      },
    });
    expect(undone.entries[0]?.change.summary).toMatch(/^revision 3: rolled back to ReplicaSet checkout-/);

    setTemplate((deployment) => {
      const t = structuredClone(deployment.spec?.template) as { metadata: { annotations?: object } };
      t.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': world.clock.now().toISOString() };
      return t;
    });
    const restarted = await history({ service: 'checkout', namespace: 'shop', since: '1h' });
    expect(restarted.entries[0]?.change.type).toBe('restart');
    expect(restarted.entries[0]?.change.summary).toMatch(/^revision 4: rollout restart/);
  });

  it('refuses a since that is neither a duration nor a time, naming it', async () => {
    const res = await h.call('deploys_history', { service: 'checkout', since: 'yesterday' });
    expect(res.isError).toBe(true);
    expect(res.content[0]?.text).toMatch(/since: invalid time "yesterday"/);
  });
});

describe('deploys_history without Kubernetes', () => {
  it('still answers with the change events, and says Kubernetes is not configured', async () => {
    const bare = await startHarness();
    try {
      bare.app.changes.record(
        { kind: 'infrastructure', summary: 'NAT gateway replaced', at: new Date().toISOString() },
        'terraform',
      );
      const res = await bare.call('deploys_history', { service: 'checkout' });
      const t = res.structuredContent as unknown as Timeline;
      expect(t.sources).toEqual({
        kubernetes: 'not configured',
        argocd: 'not configured',
        changeEvents: 'ok',
      });
      expect(t.entries).toEqual([
        expect.objectContaining({
          target: 'Cluster',
          by: 'terraform',
          change: expect.objectContaining({ type: 'infrastructure' }),
        }),
      ]);
    } finally {
      await bare.close();
    }
  });
});
