// Surface: the tools that read any kind (k8s_resources_list, k8s_resource_get). A kind is
// now a free string resolved through discovery, so: a Secret stays out of reach whatever
// its spelling (the policy sees the Kind discovery names, and denies; where a policy does
// allow it, only name, type and age come back, never data, keys or the last-applied
// copy); who may call; what namespace-scoped cluster credentials can reach; and hostile
// kinds, names, selectors and cursors answer a clear error, never a crash or another
// object. Each attack asserts the answers, the audit log and that the canary value never
// left the cluster.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/audit/log.ts';
import { createKubernetesBackend } from '../../src/backends/kubernetes/client.ts';
import type { SimulatedUser } from '../../src/sandbox/kube/simulator.ts';
import { type Harness, startHarness } from '../helpers/in-process.ts';
import { type KubeWorldFixture, startKubeWorld } from '../helpers/kube-world.ts';
import { kubectlFor } from '../helpers/kubectl.ts';
import { DEFAULT_POLICY, makeWorld, type World } from '../helpers/world.ts';
import { type SecurityWorld, startSecurityWorld } from './harness.ts';

const CANARY = 'canary-5ecret-Zq81-do-not-leak';
const SECRET = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db-creds', namespace: 'shop', labels: { app: 'orders-db' } },
  type: 'Opaque',
  stringData: { 'orders-db-password': CANARY },
};
/** Every way an agent might name Secrets; discovery resolves each to the core `secrets`. */
const SPELLINGS = [
  'Secret',
  'secret',
  'secrets',
  'SECRETS',
  'v1/Secret',
  'v1/secrets',
  'secrets.v1.',
  'Secret.',
];

/** Applies manifests with the real kubectl (so the last-applied annotation holds the data too). */
async function apply(kubeconfig: string, dir: string, docs: unknown[]): Promise<void> {
  const path = join(dir, `apply-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, docs.map((d) => yaml.dump(d)).join('---\n'));
  const res = await kubectlFor(kubeconfig)(['apply', '-f', path]);
  if (res.code !== 0) throw new Error(res.stderr);
}

const leaks = (value: unknown) => {
  const text = JSON.stringify(value);
  return text.includes(CANARY) || text.includes('orders-db-password');
};

describe('Secrets under the default policy, over HTTP', () => {
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld();
    await apply(w.sandbox.kubeconfigPath, w.sandbox.dir, [SECRET]);
    expect(await w.kubectl('get', 'secret', 'db-creds', '-n', 'shop', '-o', 'jsonpath={.data}')).toContain(
      'orders-db-password',
    );
  }, 60_000);
  afterAll(() => w?.close());

  it('denies every spelling on both tools, audits the Kind the policy saw, and returns no data', async () => {
    for (const kind of SPELLINGS) {
      for (const [tool, args] of [
        ['k8s_resources_list', { kind, namespace: 'shop' }],
        ['k8s_resources_list', { kind }],
        ['k8s_resource_get', { kind, namespace: 'shop', name: 'db-creds' }],
      ] as const) {
        const res = await w.call('agent', tool, args);
        expect(res.isError, `${tool} ${kind}`).toBe(true);
        expect(res.content[0]!.text, `${tool} ${kind}`).toMatch(/rule "secrets-are-off-limits"/);
        expect(leaks(res), `${tool} ${kind}`).toBe(false);
      }
    }
    const calls = w
      .auditRecords({ principal: 'agent', type: 'tool.call' })
      .filter((r) => ['k8s_resources_list', 'k8s_resource_get'].includes(r.tool ?? ''));
    expect(calls).toHaveLength(SPELLINGS.length * 3);
    expect(calls.every((r) => (r.data as { target: { kind: string } }).target.kind === 'Secret')).toBe(true);
    for (const call of calls) {
      const decision = w.auditRecords({ callId: call.callId!, type: 'decision' })[0] as AuditRecord;
      expect(decision.effect).toBe('deny');
    }
    expect(leaks(w.auditRecords())).toBe(false);
  });

  it('lets no kind that merely looks like a Secret through by another route', async () => {
    for (const kind of ['secrets/db-creds', 'v1/secrets/db-creds', 'serviceaccounts/token', 'pods/log']) {
      const res = await w.call('agent', 'k8s_resources_list', { kind, namespace: 'shop' });
      expect(res.isError, kind).toBe(true);
      expect(res.content[0]!.text, kind).toMatch(/is not served by cluster/);
    }
  });

  it('answers hostile kinds, names, selectors and cursors with an error that names them', async () => {
    const refused = async (tool: string, args: Record<string, unknown>, pattern: RegExp) => {
      const res = await w.call('agent', tool, args);
      expect(res.isError, JSON.stringify(args).slice(0, 80)).toBe(true);
      expect(res.content[0]!.text, JSON.stringify(args).slice(0, 80)).toMatch(pattern);
    };
    for (const kind of ['../secrets', '*', 'Secret\n', 'Secret%2F..', '', 'x'.repeat(300), 'svc;rm -rf /'])
      await refused('k8s_resources_list', { kind }, /Invalid arguments for k8s_resources_list: kind/);
    await refused('k8s_resources_list', { kind: 'x'.repeat(253) }, /is not served by cluster/);
    for (const name of ['..', '../secrets/db-creds', 'db-creds/..', 'a b'])
      await refused('k8s_resource_get', { kind: 'svc', namespace: 'shop', name }, /Invalid arguments.*name/);
    for (const namespace of ['..', 'shop/../kube-system', 'Shop'])
      await refused('k8s_resources_list', { kind: 'svc', namespace }, /Invalid arguments.*namespace/);
    await refused('k8s_resources_list', { kind: 'pods', labelSelector: 'a'.repeat(5000) }, /labelSelector/);
    await refused(
      'k8s_resources_list',
      { kind: 'pods', labelSelector: 'app in (' },
      /unable to parse requirement/,
    );
    await refused(
      'k8s_resources_list',
      { kind: 'pods', labelSelector: 'app=web&limit=1&fieldSelector=x' },
      /unable to parse/,
    );
    await refused(
      'k8s_resources_list',
      { kind: 'pods', fieldSelector: 'spec.secret=x' },
      /field label not supported/,
    );
    await refused('k8s_resources_list', { kind: 'pods', cursor: 'not-a-cursor' }, /not a nextCursor/);
    const forged = Buffer.from(JSON.stringify({ skip: 1e9, size: 1e9, q: 'x' })).toString('base64url');
    await refused('k8s_resources_list', { kind: 'pods', cursor: forged }, /not a nextCursor/);
    const page = await w.call('agent', 'k8s_resources_list', { kind: 'pods', limit: 1 });
    const cursor = page.structuredContent?.nextCursor as string;
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, unknown>;
    const tampered = Buffer.from(JSON.stringify({ ...state, continue: 'forged' })).toString('base64url');
    await refused(
      'k8s_resources_list',
      { kind: 'pods', limit: 1, cursor: tampered },
      /continue key is not valid/,
    );
    expect((await w.http(undefined, 'GET', '/healthz')).status).toBe(200);
  });

  it('serves no tool to an ingest-only key, and reads to a viewer', async () => {
    await expect(w.mcp('alertWriter')).rejects.toThrow();
    expect(w.auditRecords({ principal: 'alertmanager', tool: 'k8s_resources_list' })).toEqual([]);
    const read = await w.call('viewer', 'k8s_resources_list', { kind: 'deploy', namespace: 'staging' });
    expect(read.isError, read.content[0]?.text).toBeFalsy();
  });
});

/** Reads of Secrets are for humans only: the policy a team might write to let on-call see which Secrets exist. */
const HUMANS_SEE_SECRET_NAMES = `apiVersion: opswarden.dev/v1
kind: PolicyBundle
metadata: { name: secret-names-for-humans, version: 1.0.0 }
spec:
  mode: enforce
  defaults: { read: allow, mutate: escalate }
  rules:
    - name: secret-names-for-humans
      match: target.kind == "Secret" && principal.type != "human"
      effect: deny
      message: Only a human may see which Secrets exist.
`;

describe('where a policy allows Secret reads, only name, type and age', () => {
  let kube: KubeWorldFixture;
  let world: World;
  let human: Harness;
  let agentHarness: Harness;
  beforeAll(async () => {
    kube = await startKubeWorld('checkout-bad-deploy');
    await apply(kube.sim.kubeconfigPath, kube.sim.kubeconfigPath.replace(/kubeconfig$/, ''), [SECRET]);
    const policy = join(kube.sim.kubeconfigPath.replace(/kubeconfig$/, ''), 'humans.yaml');
    writeFileSync(policy, HUMANS_SEE_SECRET_NAMES);
    world = makeWorld({ policy, extra: { kubernetes: { kubeconfig: kube.sim.kubeconfigPath } } });
    human = await startHarness({
      world,
      clock: kube.clock,
      principal: { id: 'alice', type: 'human', roles: ['sre-oncall'], transport: 'in-memory' },
    });
    agentHarness = await startHarness({ world, clock: kube.clock });
  });
  afterAll(async () => {
    await human?.close();
    await agentHarness?.close();
    await kube?.close();
    world?.cleanup();
  });

  it('lists and gets a Secret as metadata, whatever the spelling', async () => {
    for (const kind of SPELLINGS) {
      const listed = await human.call('k8s_resources_list', { kind, namespace: 'shop' });
      expect(listed.isError, listed.content[0]?.text).toBeFalsy();
      expect(listed.structuredContent?.items).toEqual([
        { name: 'db-creds', age: expect.any(String), status: 'type Opaque' },
      ]);
      const got = await human.call('k8s_resource_get', { kind, namespace: 'shop', name: 'db-creds' });
      expect(got.isError, got.content[0]?.text).toBeFalsy();
      const object = got.structuredContent?.object as Record<string, unknown>;
      expect(Object.keys(object).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'type']);
      expect(Object.keys(object.metadata as object).sort()).toEqual([
        'creationTimestamp',
        'name',
        'namespace',
        'uid',
      ]);
      expect(leaks(listed) || leaks(got), kind).toBe(false);
    }
    const denied = await agentHarness.call('k8s_resources_list', { kind: 'secrets', namespace: 'shop' });
    expect(denied.content[0]!.text).toMatch(/rule "secret-names-for-humans"/);
  });
});

describe('cluster credentials scoped to one namespace', () => {
  const reader: SimulatedUser = {
    name: 'shop-reader',
    token: 'shop-reader-token-0123456789',
    rules: [{ verbs: ['get', 'list'], apiGroups: ['*'], resources: ['*'], namespace: 'shop' }],
  };
  let kube: KubeWorldFixture;
  let world: World;
  let h: Harness;
  beforeAll(async () => {
    kube = await startKubeWorld('checkout-bad-deploy', { users: [reader] });
    world = makeWorld({
      policy: DEFAULT_POLICY,
      extra: { kubernetes: { kubeconfig: kube.sim.kubeconfigFor('shop-reader') } },
    });
    h = await startHarness({ world, clock: kube.clock });
  });
  afterAll(async () => {
    await h?.close();
    await kube?.close();
    world?.cleanup();
  });

  it('reads its namespace and is refused elsewhere by the cluster, saying so', async () => {
    const own = await h.call('k8s_resources_list', { kind: 'deployments', namespace: 'shop' });
    expect(own.isError, own.content[0]?.text).toBeFalsy();
    expect(own.structuredContent?.items).not.toEqual([]);
    for (const args of [
      { kind: 'deployments' },
      { kind: 'deployments', namespace: 'kube-system' },
      { kind: 'nodes' },
    ]) {
      const res = await h.call('k8s_resources_list', args);
      expect(res.isError, JSON.stringify(args)).toBe(true);
      expect(res.content[0]!.text, JSON.stringify(args)).toMatch(/failed \(HTTP 403\)/);
    }
    const other = await h.call('k8s_resource_get', { kind: 'ns', name: 'kube-system' });
    expect(other.content[0]!.text).toMatch(/HTTP 403/);
  });
});

describe('the clusters list', () => {
  it('never shows a credential a kubeconfig puts in the server URL', async () => {
    const kube = await startKubeWorld('checkout-bad-deploy');
    try {
      const path = join(kube.sim.kubeconfigPath.replace(/kubeconfig$/, ''), 'leaky');
      const config = yaml.load(readFileSync(kube.sim.kubeconfigPath, 'utf8')) as {
        clusters: { cluster: { server: string } }[];
      };
      const url = new URL(kube.sim.url);
      config.clusters[0]!.cluster.server =
        `https://admin:${CANARY}@${url.host}/k8s/?token=${CANARY}#${CANARY}`;
      writeFileSync(path, yaml.dump(config));
      const [cluster] = await createKubernetesBackend({ kubeconfig: path }).describeClusters();
      expect(cluster!.server).toBe(`https://${url.host}/k8s/`);
      expect(leaks(cluster)).toBe(false);
    } finally {
      await kube.close();
    }
  });
});
