// Several clusters from one kubeconfig: each context is a cluster the `cluster` argument
// selects, the default one first. Two simulated clusters (two scenarios) stand in for a
// production fleet.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKubernetesBackend } from '../../src/backends/kubernetes/client.ts';
import type { KubernetesBackend } from '../../src/backends/kubernetes/types.ts';
import { type KubeWorldFixture, startKubeWorld } from '../helpers/kube-world.ts';

interface Kubeconfig {
  clusters: { name: string }[];
  users: { name: string; user: unknown }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
}

let eu: KubeWorldFixture;
let us: KubeWorldFixture;
let kubeconfig: string;
let dir: string;

beforeAll(async () => {
  [eu, us] = await Promise.all([startKubeWorld('checkout-bad-deploy'), startKubeWorld('customer-etl')]);
  // One file with both, each context with its own user (the simulators' tokens differ).
  const merged = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [],
    users: [],
    contexts: [],
  } as unknown as Kubeconfig & {
    'current-context'?: string;
  };
  for (const world of [eu, us]) {
    const one = yaml.load(readFileSync(world.sim.kubeconfigPath, 'utf8')) as Kubeconfig;
    const cluster = one.clusters[0]!.name;
    merged.clusters.push(...one.clusters);
    merged.users.push({ name: `${cluster}-user`, user: one.users[0]!.user });
    merged.contexts.push({ name: cluster, context: { cluster, user: `${cluster}-user` } });
  }
  merged['current-context'] = merged.contexts[1]!.name;
  dir = mkdtempSync(join(tmpdir(), 'opswarden-clusters-'));
  kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, yaml.dump(merged));
});

afterAll(async () => {
  await Promise.all([eu?.close(), us?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('selects each cluster by name; the current context is the default', async () => {
  const backend: KubernetesBackend = createKubernetesBackend({ kubeconfig });
  const [euName, usName] = [eu.scenario.spec.cluster.name, us.scenario.spec.cluster.name];
  expect(backend.clusters()).toEqual([usName, euName]);
  const shop = await backend.list({ cluster: euName, kind: 'Pod', namespace: 'shop' });
  expect(shop.items.length).toBeGreaterThan(0);
  const data = await backend.list({ kind: 'Pod', namespace: 'data' }); // default: the current context
  expect(data.items.some((p) => p.metadata.name.startsWith('customer-etl-'))).toBe(true);
  expect((await backend.list({ cluster: euName, kind: 'Pod', namespace: 'data' })).items).toEqual([]);
});

it('maps configured names to contexts and refuses a context the kubeconfig lacks', () => {
  const euName = eu.scenario.spec.cluster.name;
  const backend = createKubernetesBackend({
    kubeconfig,
    clusters: { prod: { context: euName } },
    defaultCluster: 'prod',
  });
  expect(backend.clusters()).toEqual(['prod']);
  expect(() => createKubernetesBackend({ kubeconfig, clusters: { qa: { context: 'qa-1' } } })).toThrow(
    /cluster qa: context "qa-1" is not in .*kubeconfig/,
  );
});
