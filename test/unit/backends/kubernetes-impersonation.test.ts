// Impersonation: a backend acting as a principal sends Impersonate-User, so the cluster's
// RBAC judges that principal; the plain backend sends none. Checked against a small API
// stand-in on loopback that records the headers it receives.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKubernetesBackend } from '../../../src/backends/kubernetes/client.ts';

let server: Server;
let dir: string;
let kubeconfig: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    const body =
      req.url === '/api/v1'
        ? {
            kind: 'APIResourceList',
            groupVersion: 'v1',
            resources: [{ name: 'namespaces', namespaced: false, kind: 'Namespace', verbs: ['get'] }],
          }
        : {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: 'shop', uid: 'u1', creationTimestamp: '2026-01-01T00:00:00Z' },
          };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dir = mkdtempSync(join(tmpdir(), 'opswarden-imp-'));
  kubeconfig = join(dir, 'kubeconfig');
  const port = (server.address() as AddressInfo).port;
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'c', cluster: { server: `http://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true } },
      ],
      users: [{ name: 'opswarden', user: { token: 'service-token' } }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'opswarden' } }],
      'current-context': 'c',
    }),
  );
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

it('acts as the principal only when asked to', async () => {
  const backend = createKubernetesBackend({ kubeconfig });
  await backend.get({ kind: 'Namespace', name: 'shop' });
  expect(seen.at(-1)?.['impersonate-user']).toBeUndefined();

  await backend.impersonate('alice@example.com').get({ kind: 'Namespace', name: 'shop' });
  const headers = seen.at(-1)!;
  expect(headers['impersonate-user']).toBe('alice@example.com');
  expect(headers.authorization).toBe('Bearer service-token');

  await backend.get({ kind: 'Namespace', name: 'shop' });
  expect(seen.at(-1)?.['impersonate-user']).toBeUndefined();
});

it('over HTTP, with kubernetes.impersonate, a tool call reaches the cluster as its principal', async () => {
  const { makeWorld } = await import('../../helpers/world.ts');
  const { createApp } = await import('../../../src/app.ts');
  const pino = (await import('pino')).default;
  const world = makeWorld({ extra: { kubernetes: { kubeconfig, impersonate: true } } });
  const app = createApp({ config: world.config, logger: pino({ level: 'silent' }) });
  try {
    const call = (transport: 'http' | 'stdio') =>
      app.call({
        tool: 'k8s_resource_get',
        args: { kind: 'Namespace', name: 'shop' },
        principal: { id: 'bob', type: 'human', roles: [], transport },
      });
    expect((await call('http')).isError).toBe(false);
    expect(seen.at(-1)?.['impersonate-user']).toBe('bob');
    expect((await call('stdio')).isError).toBe(false);
    expect(seen.at(-1)?.['impersonate-user']).toBeUndefined();
  } finally {
    await app.close();
    world.cleanup();
  }
});
