// The Kubernetes API simulator: serves a KubeWorld over HTTPS on loopback with bearer-token
// auth (the sandbox's token may do everything; extra users get the RBAC rules a test gives
// them; a service account's token what the applied RBAC objects bind to it), writes a kubeconfig for it, and runs the controllers that make writes behave as
// on a real cluster (rollouts, scaling, replacement of deleted pods, cordon, eviction).
// `kubectl` and @kubernetes/client-node work against it; tests and the sandbox also reach
// the objects in-process through `store`.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { KubeWorld } from '../world.ts';
import { type KubeStore, simulateCluster } from './kube-store.ts';
import { SANDBOX_USER, writeKubeconfig } from './kubeconfig.ts';
import { ALL_ACCESS, type SimulatedUser } from './rbac.ts';
import { createRouter, createUpgradeRouter } from './router.ts';
import { ServiceAccountTokens } from './service-accounts.ts';
import { makeServerPki } from './tls.ts';
import type { WatchRegistry } from './watch.ts';

export interface KubeSimulatorOptions {
  /** Loopback only. */
  host?: '127.0.0.1';
  /** 0 or absent: a free port. */
  port?: number;
  /** The bearer token of the sandbox's own user, who may do everything; random when absent. */
  token?: string;
  /** More users, each with its own token and rules (e.g. a read-only viewer). */
  users?: readonly SimulatedUser[];
  /** Where the kubeconfig and TLS files go; a temp dir (removed on close) when absent. */
  dir?: string;
  /**
   * 0 (default): a rollout completes within the request that started it. Otherwise a
   * Deployment or StatefulSet rollout replaces one pod every `rolloutStepMs`, a DaemonSet
   * rollout `maxUnavailable` of them.
   */
  rolloutStepMs?: number;
}

export type { KubeStore, KubeStoreChange } from './kube-store.ts';
export type { AccessRule, SimulatedUser } from './rbac.ts';

export interface KubeSimulator {
  /** https://127.0.0.1:<port> */
  url: string;
  token: string;
  caPath: string;
  kubeconfigPath: string;
  /** A kubeconfig for one of `opts.users` (written on first use beside the main one). */
  kubeconfigFor(userName: string): string;
  /**
   * The token the kubelet would mount for the stored ServiceAccount `namespace/name`: it
   * may do what the stored (Cluster)Roles bound to that account grant, at each request.
   */
  serviceAccountToken(namespace: string, name: string): string;
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
  const users = [{ name: SANDBOX_USER, token, rules: ALL_ACCESS }, ...(opts.users ?? [])];
  const serviceAccounts = new ServiceAccountTokens(cluster);
  const routing = { users, serviceAccounts, serverAddress: `${host}:${port}`, watches };
  server.on('request', createRouter(cluster, routing));
  // Exec's upgraded sockets are no longer the HTTP server's to close: they are kept here.
  const upgraded = new Set<Duplex>();
  const upgrade = createUpgradeRouter(cluster, routing);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    upgrade(req, socket, head);
  });
  const url = `https://${host}:${port}`;
  const kubeconfigPath = join(dir, 'kubeconfig');
  const kubeconfigOf = (user: SimulatedUser, path: string) =>
    writeKubeconfig({
      path,
      clusterName: world.clusterName,
      server: url,
      caPath: pki.caPath,
      token: user.token,
      userName: user.name,
    });
  kubeconfigOf(users[0]!, kubeconfigPath);

  return {
    url,
    token,
    caPath: pki.caPath,
    kubeconfigPath,
    kubeconfigFor(userName) {
      const user = opts.users?.find((candidate) => candidate.name === userName);
      if (!user) {
        const known = (opts.users ?? []).map((u) => u.name).join(', ') || 'none';
        throw new Error(`the simulator has no user "${userName}" (extra users: ${known})`);
      }
      const path = join(dir, `kubeconfig-${userName}`);
      kubeconfigOf(user, path);
      return path;
    },
    serviceAccountToken: (namespace, name) => serviceAccounts.issue(namespace, name),
    store,
    async close() {
      cluster.close();
      for (const end of [...watches]) end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const socket of upgraded) socket.destroy();
      await closed;
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
