// Any served kind through discovery, the way an SRE meets them: objects applied with the
// real kubectl to the API simulator over HTTPS (a CRD and its custom resources included),
// then listed and read through the whole gate, with selectors and pages, one status line
// each; the namespaces with the environment the gate gives them; the clusters.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { kubeGate } from '../helpers/kube-world.ts';
import { REPO } from '../helpers/world.ts';

type Item = { name: string; namespace?: string; age?: string; status: string };
type Listed = {
  kind: string;
  apiVersion: string;
  namespace?: string;
  items: Item[];
  nextCursor?: string;
  remaining?: number;
  hint?: string;
};

const FIXTURES = join(REPO, 'test/fixtures/kube');
const meta = (name: string, labels: Record<string, string> = {}) => ({ name, namespace: 'shop', labels });

describe('any served kind, applied with kubectl and read through the gate', () => {
  const c = kubeGate('checkout-bad-deploy');
  const list = async (args: Record<string, unknown>) => {
    const res = await c.h.call('k8s_resources_list', args);
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    return res.structuredContent as Listed;
  };
  const status = (listed: Listed, name: string) => listed.items.find((i) => i.name === name)?.status;

  beforeAll(async () => {
    await c.kubectl('apply', '-f', join(FIXTURES, 'any-kind-crds.yaml'));
    // The custom resources come in a second apply, once their CRDs are served (as on a real cluster).
    await c.kubectl('apply', '-f', join(FIXTURES, 'any-kind-objects.yaml'));
  });

  it('kubectl sees the CRD and its resources, with the printer columns', async () => {
    expect(await c.kubectl('get', 'crd')).toMatch(/certificates\.cert-manager\.io/);
    const table = await c.kubectl('get', 'certs', '-n', 'shop');
    expect(table).toMatch(/NAME\s+READY\s+ISSUER\s+AGE/);
    expect(table).toMatch(/api\s+False\s+letsencrypt/);
    expect(await c.kubectl('get', 'certs', '-n', 'shop', '-o', 'wide')).toMatch(
      /Issuer letsencrypt not ready/,
    );
    expect(
      await c.kubectl(
        'get',
        'kustomizations.v1beta2.kustomize.toolkit.fluxcd.io',
        '-n',
        'shop',
        '-o',
        'name',
      ),
    ).toBe('kustomization.kustomize.toolkit.fluxcd.io/apps\n');
  });

  it('lists a custom resource by any spelling, its status from the CRD printer columns', async () => {
    for (const kind of [
      'certificates.cert-manager.io',
      'Certificate',
      'cert',
      'cert-manager.io/v1/Certificate',
    ]) {
      const listed = await list({ kind, namespace: 'shop' });
      expect(listed.apiVersion, kind).toBe('cert-manager.io/v1');
      expect(status(listed, 'web'), kind).toBe('Ready=True, Issuer=letsencrypt');
      expect(status(listed, 'api'), kind).toBe('Ready=False, Issuer=letsencrypt');
    }
  });

  it("reads a custom resource's conditions where it has no printer columns, the failing one with why", async () => {
    const listed = await list({ kind: 'ks', namespace: 'shop' });
    expect(listed.apiVersion).toBe('kustomize.toolkit.fluxcd.io/v1');
    expect(status(listed, 'apps')).toBe('Ready=False BuildFailed: kustomization path not found');
    const got = await c.h.call('k8s_resource_get', { kind: 'Certificate', namespace: 'shop', name: 'api' });
    expect(got.structuredContent).toMatchObject({
      kind: 'Certificate',
      apiVersion: 'cert-manager.io/v1',
      summary: 'Ready=False IssuerNotReady: Issuer letsencrypt not ready',
      object: { spec: { secretName: 'api-tls' } },
    });
  });

  it('gives each built-in kind the line an SRE looks for', async () => {
    const line = async (kind: string, name: string) => status(await list({ kind, namespace: 'shop' }), name);
    expect(await line('svc', 'web')).toBe('ClusterIP, 10.96.0.42, ports 80/TCP→8080');
    expect(await line('Service', 'edge')).toMatch(
      /^LoadBalancer, .*, external <pending>, ports 443:30443\/TCP$/,
    );
    expect(await line('ingress', 'web')).toBe(
      'class nginx; shop.example.com/→web:80, shop.example.com/api→api:http; address 203.0.113.7',
    );
    expect(await line('hpa', 'checkout')).toBe(
      'Deployment/checkout: 3 replicas, desired 3 (min 3, max 3); cpu 96%/70%; ScalingLimited=True TooManyReplicas',
    );
    expect(await line('pvc', 'orders-db-data')).toBe('Pending, 50Gi, class gp3');
    expect(await line('jobs', 'nightly-export')).toBe(
      'Failed BackoffLimitExceeded: 0/1 succeeded, 4 failed, 0 active; took 6m',
    );
    expect(await line('cronjobs.batch', 'nightly-export')).toBe(
      '"0 13 * * *", suspended; last schedule 90m ago; 0 active',
    );
    expect(await line('netpol', 'checkout-ingress')).toBe(
      'pods app=checkout; Ingress; 1 ingress, 0 egress rules',
    );
    expect(await line('roles', 'deployer')).toBe('2 rules');
    expect(await line('rolebinding', 'deployer')).toBe('ServiceAccount shop/ci, User alice → Role/deployer');
    expect(await line('endpoints', 'web')).toBe('2 ready, 1 not ready addresses'); // the crash-looping pod
    expect(await line('deploy', 'checkout')).toMatch(/^\d\/3 ready/);
  });

  it('filters with label and field selectors, across namespaces too', async () => {
    const front = await list({ kind: 'services', labelSelector: 'tier=front' });
    expect(front.namespace).toBe('*');
    expect(front.items.map((i) => `${i.namespace}/${i.name}`).sort()).toEqual(['shop/edge', 'shop/web']);
    const one = await list({ kind: 'cm', namespace: 'shop', fieldSelector: 'metadata.name=batch-3' });
    expect(one.items.map((i) => i.name)).toEqual(['batch-3']);
    const none = await list({ kind: 'cm', namespace: 'shop', labelSelector: 'batch=zzz' });
    expect(none.items).toEqual([]);
    expect(none.hint).toMatch(/No ConfigMap in namespace shop matches batch=zzz; drop the selector/);
  });

  it('pages with the cursor, each object once, and says how many remain', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list({
        kind: 'configmaps',
        namespace: 'shop',
        labelSelector: 'batch=a',
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      if (pages === 0) {
        expect(page.remaining).toBe(4);
        expect(page.hint).toMatch(/cursor=nextCursor/);
      }
      seen.push(...page.items.map((i) => i.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `batch-${i}`));
    const first = await list({ kind: 'configmaps', namespace: 'shop', labelSelector: 'batch=a', limit: 3 });
    const replayed = await c.h.call('k8s_resources_list', {
      kind: 'configmaps',
      namespace: 'staging',
      cursor: first.nextCursor,
    });
    expect(replayed.isError).toBe(true);
    expect(replayed.content[0]!.text).toMatch(/cursor belongs to another query/);
  });

  it('cuts a page to its byte share and resumes at the first line not shown', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `wide-${String(i).padStart(2, '0')}`);
    const docs = names.map((name) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(name, { batch: 'wide' }),
      data: Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`a-rather-long-key-name-${k}`, 'v'])),
    }));
    const path = join(c.world.sim.kubeconfigPath.replace(/kubeconfig$/, ''), 'wide.yaml');
    writeFileSync(path, docs.map((d) => yaml.dump(d)).join('---\n'));
    await c.kubectl('apply', '-f', path);
    const seen: string[] = [];
    let cursor: string | undefined;
    let cut = false;
    do {
      const res = await c.h.call('k8s_resources_list', {
        kind: 'ConfigMap',
        namespace: 'shop',
        labelSelector: 'batch=wide',
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      expect(res.structuredContent?.truncated, 'the gate never has to cut').toBeUndefined();
      const page = res.structuredContent as Listed;
      if (page.nextCursor) cut = true;
      seen.push(...page.items.map((i) => i.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(cut).toBe(true);
    expect(seen).toEqual(names);
  });

  it('names the closest served kind when the kind is unknown', async () => {
    const res = await c.h.call('k8s_resources_list', { kind: 'Ingres' });
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toMatch(
      /kind "Ingres" is not served by cluster prod-eu-1; closest: ingresses\.networking\.k8s\.io \(Ingress, networking\.k8s\.io\/v1\)/,
    );
  });

  it('lists namespaces with the environment the gate gives each', async () => {
    const res = await c.h.call('k8s_namespaces_list', {});
    type Row = { name: string; environment: string; status: string; label?: string };
    const rows = (res.structuredContent?.namespaces ?? []) as Row[];
    const byName = Object.fromEntries(rows.map((n) => [n.name, n]));
    expect(byName.shop).toMatchObject({ environment: 'production', status: 'Active' });
    expect(byName.staging).toMatchObject({ environment: 'staging', label: 'stage' });
    expect(byName['team-a']?.environment).toBe('production');
    expect(res.structuredContent?.cluster).toBe('prod-eu-1');
  });

  it('lists the clusters with their API server and no credentials', async () => {
    const res = await c.h.call('k8s_clusters_list', {});
    expect(res.structuredContent?.clusters).toEqual([
      {
        name: 'prod-eu-1',
        context: 'prod-eu-1',
        server: c.world.sim.url,
        default: true,
        namespace: 'default',
        environment: 'production',
      },
    ]);
    expect(res.content[0]!.text).not.toContain(c.world.sim.token);
  });
});
