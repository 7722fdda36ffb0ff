// In-cluster access: inside a pod opswarden uses its service account (the API address from
// KUBERNETES_SERVICE_HOST/PORT, the token and CA from the service-account directory).
// Here the simulator plays the cluster and a temp directory plays the pod's filesystem.

import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKubernetesBackend } from '../../src/backends/kubernetes/client.ts';
import { type KubeWorldFixture, startKubeWorld } from '../helpers/kube-world.ts';

let world: KubeWorldFixture;
let root: string;
const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };

beforeAll(async () => {
  world = await startKubeWorld('checkout-bad-deploy');
  root = mkdtempSync(join(tmpdir(), 'opswarden-pod-'));
  const sa = join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
  mkdirSync(sa, { recursive: true });
  writeFileSync(join(sa, 'token'), world.sim.token);
  copyFileSync(world.sim.caPath, join(sa, 'ca.crt'));
  writeFileSync(join(sa, 'namespace'), 'opswarden');
  const url = new URL(world.sim.url);
  process.env.KUBERNETES_SERVICE_HOST = url.hostname;
  process.env.KUBERNETES_SERVICE_PORT = url.port;
});

afterAll(async () => {
  for (const [key, value] of [
    ['KUBERNETES_SERVICE_HOST', saved.host],
    ['KUBERNETES_SERVICE_PORT', saved.port],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await world?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

it('reaches the API with the pod service account', async () => {
  const backend = createKubernetesBackend({ inCluster: true, defaultCluster: 'home' }, process.env, root);
  expect(backend.clusters()).toEqual(['home']);
  const pods = await backend.list({ kind: 'Pod', namespace: 'shop', labelSelector: 'app=checkout' });
  expect(pods.items).toHaveLength(3);
  expect(await backend.describeClusters()).toEqual([
    {
      name: 'home',
      context: 'inClusterContext',
      server: world.sim.url,
      default: true,
      namespace: 'opswarden',
    },
  ]);
  expect((await backend.resolve('deploy')).kind).toBe('Deployment');
});

it('says plainly when it is not in a pod', () => {
  const host = process.env.KUBERNETES_SERVICE_HOST;
  delete process.env.KUBERNETES_SERVICE_HOST;
  try {
    expect(() => createKubernetesBackend({ inCluster: true })).toThrow(/KUBERNETES_SERVICE_HOST is not/);
  } finally {
    process.env.KUBERNETES_SERVICE_HOST = host;
  }
});
