// Surface: the live-usage reads (k8s_pods_top, k8s_nodes_top) and the metrics.k8s.io access
// behind them. Who may call them (an agent and a viewer, never an ingest-only key); what
// the cluster's RBAC decides (the shipped base role is enough; the same service account
// without the metrics grant gets the API server's 403, named); hostile namespaces,
// selectors, sorts and limits answer an error naming the field, never another scope; and
// the answers hold usage numbers only: no pod env, no Secret, nothing of the process env.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeKubeconfig } from '../../src/sandbox/kube/kubeconfig.ts';
import { type Harness, startHarness } from '../helpers/in-process.ts';
import { type KubeWorldFixture, startKubeWorld } from '../helpers/kube-world.ts';
import { kubectlFor } from '../helpers/kubectl.ts';
import { DEFAULT_POLICY, makeWorld, REPO, type World } from '../helpers/world.ts';
import { type SecurityWorld, startSecurityWorld } from './harness.ts';

const CANARY = 'canary-top-5ecret-Qx7-do-not-leak';
const BASE_ROLE = join(REPO, 'deploy/k8s/base/rbac-read.yaml');
const ROW_FIELDS = [
  'namespace',
  'name',
  'cpuMillicores',
  'cpuPercent',
  'cpuOfLimitPercent',
  'memoryBytes',
  'memoryMiB',
  'memoryPercent',
  'memoryOfLimitPercent',
  'requests',
  'limits',
  'allocatable',
  'containers',
];
/** The account the deploy manifests bind the base role to, in its namespace. */
const ACCOUNT = `apiVersion: v1
kind: Namespace
metadata: { name: opswarden }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: opswarden, namespace: opswarden }
`;

describe('live usage over HTTP on a sandbox world', () => {
  let w: SecurityWorld;
  beforeAll(async () => {
    process.env.OPSWARDEN_TOP_CANARY = CANARY;
    // The security world's own scenario has no services, so no cAdvisor series: take one that has.
    w = await startSecurityWorld({ scenario: join(REPO, 'scenarios/checkout-bad-deploy.yaml') });
    await w.kubectl(
      'create',
      'secret',
      'generic',
      'top-creds',
      '-n',
      'shop',
      `--from-literal=password=${CANARY}`,
    );
  }, 60_000);
  afterAll(async () => {
    delete process.env.OPSWARDEN_TOP_CANARY;
    await w?.close();
  });

  it('serves an agent and a viewer usage numbers only, nothing of env or Secrets; an ingest key nothing', async () => {
    for (const who of ['agent', 'viewer'] as const) {
      for (const [tool, args] of [
        ['k8s_pods_top', { namespace: 'shop', sortBy: 'memoryOfLimit' }],
        ['k8s_pods_top', {}],
        ['k8s_nodes_top', { sortBy: 'memory' }],
      ] as const) {
        const res = await w.call(who, tool, args);
        expect(res.isError, `${who} ${tool}: ${res.content[0]?.text}`).toBeFalsy();
        const rows = (res.structuredContent?.pods ?? res.structuredContent?.nodes) as object[];
        expect(rows.length, `${who} ${tool}`).toBeGreaterThan(0);
        // Names, usage, requests, limits and allocatable: no field of the pod spec beyond them.
        for (const row of rows)
          for (const key of Object.keys(row)) expect(ROW_FIELDS, `${tool} ${key}`).toContain(key);
        expect(JSON.stringify(res)).not.toContain(CANARY);
      }
    }
    await expect(w.mcp('alertWriter')).rejects.toThrow();
    expect(w.auditRecords({ principal: 'alertmanager', tool: 'k8s_pods_top' })).toEqual([]);
    expect(JSON.stringify(w.auditRecords())).not.toContain(CANARY);
  });

  it('answers hostile arguments with an error naming the field, and keeps answering', async () => {
    const refused = async (tool: string, args: Record<string, unknown>, pattern: RegExp) => {
      const res = await w.call('agent', tool, args);
      expect(res.isError, JSON.stringify(args).slice(0, 80)).toBe(true);
      expect(res.content[0]!.text, JSON.stringify(args).slice(0, 80)).toMatch(pattern);
      expect(res.content[0]!.text).not.toContain(CANARY);
    };
    for (const namespace of ['..', 'shop/../kube-system', 'Shop', 'shop?labelSelector=x', ''])
      await refused('k8s_pods_top', { namespace }, /Invalid arguments for k8s_pods_top: namespace/);
    for (const limit of [0, -1, 201, 1.5, 1e9, '10'])
      await refused('k8s_pods_top', { limit }, /Invalid arguments for k8s_pods_top: limit/);
    await refused('k8s_nodes_top', { limit: 10_000 }, /Invalid arguments for k8s_nodes_top: limit/);
    for (const sortBy of ['name', 'cpu; drop', '', 'memoryOfLimit '])
      await refused('k8s_pods_top', { sortBy }, /Invalid arguments for k8s_pods_top: sortBy/);
    await refused(
      'k8s_nodes_top',
      { sortBy: 'memoryOfLimit' },
      /Invalid arguments for k8s_nodes_top: sortBy/,
    );
    await refused('k8s_pods_top', { labelSelector: 'a'.repeat(5000) }, /labelSelector/);
    await refused('k8s_pods_top', { labelSelector: 'app in (' }, /unable to parse requirement/);
    await refused('k8s_nodes_top', { labelSelector: 'x=y,,' }, /labelSelector|unable to parse|invalid/);
    await refused(
      'k8s_pods_top',
      { namespace: 'shop', fieldSelector: 'x=y' },
      /Invalid arguments.*fieldSelector/,
    );
    await refused('k8s_nodes_top', { namespace: 'shop' }, /Invalid arguments.*namespace/);
    expect((await w.http(undefined, 'GET', '/healthz')).status).toBe(200);
  });
});

describe('the cluster’s RBAC: the shipped base role, and the same account without the metrics grant', () => {
  let kube: KubeWorldFixture;
  let world: World;
  let h: Harness;
  let admin: ReturnType<typeof kubectlFor>;
  beforeAll(async () => {
    kube = await startKubeWorld('checkout-bad-deploy', { metrics: true });
    admin = kubectlFor(kube.sim.kubeconfigPath);
    const account = join(mkdtempSync(join(tmpdir(), 'opswarden-top-account-')), 'account.yaml');
    writeFileSync(account, ACCOUNT);
    for (const args of [
      ['apply', '-f', account],
      ['apply', '-f', BASE_ROLE],
    ]) {
      const res = await admin(args);
      expect(res.code, res.stderr).toBe(0);
    }
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'opswarden-top-sa-')), 'kubeconfig');
    writeKubeconfig({
      path: kubeconfig,
      clusterName: kube.scenario.spec.cluster.name,
      server: kube.sim.url,
      caPath: kube.sim.caPath,
      token: kube.sim.serviceAccountToken('opswarden', 'opswarden'),
      userName: 'opswarden',
    });
    world = makeWorld({ policy: DEFAULT_POLICY, extra: { kubernetes: { kubeconfig } } });
    h = await startHarness({ world, clock: kube.clock });
  });
  afterAll(async () => {
    await h?.close();
    await kube?.close();
    world?.cleanup();
  });

  it('reads live usage with the base role, then gets the 403 named once the grant is gone', async () => {
    for (const tool of ['k8s_pods_top', 'k8s_nodes_top']) {
      const res = await h.call(tool, {});
      expect(res.isError, `${tool}: ${res.content[0]?.text}`).toBeFalsy();
    }
    // The same ClusterRole without its metrics.k8s.io rule, as a cluster whose admin never granted it.
    const docs = yaml.loadAll(readFileSync(BASE_ROLE, 'utf8')) as {
      kind: string;
      rules?: { apiGroups: string[] }[];
    }[];
    const role = docs.find((d) => d.kind === 'ClusterRole')!;
    role.rules = role.rules!.filter((r) => !r.apiGroups.includes('metrics.k8s.io'));
    const path = join(mkdtempSync(join(tmpdir(), 'opswarden-top-role-')), 'role.yaml');
    writeFileSync(path, yaml.dump(role));
    const applied = await admin(['apply', '-f', path]);
    expect(applied.code, applied.stderr).toBe(0);

    const pods = await h.call('k8s_pods_top', { namespace: 'shop' });
    expect(pods.isError).toBe(true);
    expect(pods.content[0]!.text).toMatch(
      /pod metrics of namespace shop in cluster prod-eu-1: failed \(HTTP 403\): pods\.metrics\.k8s\.io is forbidden: User "system:serviceaccount:opswarden:opswarden" cannot list resource "pods" in API group "metrics\.k8s\.io"/,
    );
    const nodes = await h.call('k8s_nodes_top', {});
    expect(nodes.content[0]!.text).toMatch(
      /node metrics in cluster prod-eu-1: failed \(HTTP 403\): nodes\.metrics\.k8s\.io is forbidden/,
    );
    // Everything else the base role grants still answers.
    const listed = await h.call('k8s_pods_list', { namespace: 'shop' });
    expect(listed.isError, listed.content[0]?.text).toBeFalsy();
  });
});
