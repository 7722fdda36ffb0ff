// The Kubernetes API simulator: serves a KubeWorld over HTTPS on loopback with bearer-token
// auth, writes a kubeconfig for it, and runs the controllers that make writes behave as
// on a real cluster (rollouts, scaling, replacement of deleted pods, cordon, eviction).
// `kubectl` and @kubernetes/client-node work against it; tests and the sandbox also reach
// the objects in-process through `store`.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeWorld } from '../world.ts';
import { type KubeStore, simulateCluster } from './kube-store.ts';
import { writeKubeconfig } from './kubeconfig.ts';
import { createRouter } from './router.ts';
import { makeServerPki } from './tls.ts';
import type { WatchRegistry } from './watch.ts';

export interface KubeSimulatorOptions {
  /** Loopback only. */
  host?: '127.0.0.1';
  /** 0 or absent: a free port. */
  port?: number;
  /** The bearer token clients must present; random when absent. */
  token?: string;
  /** Where the kubeconfig and TLS files go; a temp dir (removed on close) when absent. */
  dir?: string;
  /**
   * 0 (default): a rollout completes within the request that started it. Otherwise a
   * Deployment or StatefulSet rollout replaces one pod every `rolloutStepMs`.
   */
  rolloutStepMs?: number;
}

export type { KubeStore, KubeStoreChange } from './kube-store.ts';

export interface KubeSimulator {
  /** https://127.0.0.1:<port> */
  url: string;
  token: string;
  caPath: string;
  kubeconfigPath: string;
  store: KubeStore;
  close(): Promise<void>;
}

export async function startKubeSimulator(
  world: KubeWorld,
  opts: KubeSimulatorOptions = {},
): Promise<KubeSimulator> {
  const host = opts.host ?? '127.0.0.1';
  if (host !== '127.0.0.1')
    throw new Error(`the Kubernetes simulator listens on loopback only (host 127.0.0.1), not ${host}`);
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'opswarden-kube-'));
  const pki = makeServerPki(dir);
  const token = opts.token ?? randomBytes(24).toString('hex');
  const { cluster, store } = simulateCluster(world, { rolloutStepMs: opts.rolloutStepMs ?? 0 });
  const watches: WatchRegistry = new Set();
  const server = createServer({ key: pki.key, cert: pki.cert });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  server.on('request', createRouter(cluster, { token, serverAddress: `${host}:${port}`, watches }));
  const url = `https://${host}:${port}`;
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeKubeconfig({
    path: kubeconfigPath,
    clusterName: world.clusterName,
    server: url,
    caPath: pki.caPath,
    token,
  });

  return {
    url,
    token,
    caPath: pki.caPath,
    kubeconfigPath,
    store,
    async close() {
      cluster.close();
      for (const end of [...watches]) end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
