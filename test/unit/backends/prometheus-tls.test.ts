// TLS to Prometheus: the configured CA is trusted, an unknown certificate is refused, and
// insecureSkipVerify (explicit) accepts it. A local HTTPS server with a throwaway CA.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrometheusBackend } from '../../../src/backends/prometheus/client.ts';
import { DEFAULT_PROMETHEUS_LIMITS } from '../../../src/backends/prometheus/limits.ts';
import { makeServerPki, type ServerPki } from '../../../src/sandbox/kube/tls.ts';

let dir: string;
let pki: ServerPki;
let server: Server;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opswarden-prom-tls-'));
  pki = makeServerPki(dir);
  server = createServer({ key: pki.key, cert: pki.cert }, (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1_777_000_000, '1'] } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const query = (tls?: { caFile?: string; insecureSkipVerify?: boolean }) =>
  createPrometheusBackend({ url, limits: DEFAULT_PROMETHEUS_LIMITS, ...(tls ? { tls } : {}) }).instantQuery(
    '1',
  );

it('trusts the configured CA', async () => {
  await expect(query({ caFile: pki.caPath })).resolves.toMatchObject({ type: 'scalar' });
});

it('refuses a certificate nobody vouched for, unless told to skip verification', async () => {
  await expect(query()).rejects.toThrow(/certificate/i);
  await expect(query({ insecureSkipVerify: true })).resolves.toMatchObject({ type: 'scalar' });
});
