// The Prometheus client's wire behaviour against a tiny local HTTP server: the auth it
// sends, Prometheus's error message passed through with the query named, and the
// timeout and cancellation that stop a hanging request.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusBackend, type PrometheusConfig } from '../../../src/backends/prometheus/client.ts';
import { DEFAULT_PROMETHEUS_LIMITS } from '../../../src/backends/prometheus/limits.ts';

let server: Server;
let url: string;
const seen: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    const path = new URL(req.url!, 'http://x').pathname;
    res.setHeader('content-type', 'application/json');
    if (new URL(req.url!, 'http://x').searchParams.get('query') === 'bad(') {
      res.statusCode = 400;
      res.end(
        JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: '1:5: parse error: unclosed left parenthesis',
        }),
      );
      return;
    }
    if (path === '/slow/api/v1/query') return; // never answers
    res.end(
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'vector',
          result: [{ metric: { __name__: 'up', job: 'a' }, value: [1_777_000_000, '1'] }],
        },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const backend = (over: Partial<PrometheusConfig> = {}) =>
  createPrometheusBackend({ url, limits: DEFAULT_PROMETHEUS_LIMITS, ...over });

describe('createPrometheusBackend', () => {
  it('parses a vector with its metric name and sends a bearer token', async () => {
    const result = await backend({ bearerToken: 's3cret' }).instantQuery('up', new Date(1_777_000_000_000));
    expect(result).toEqual({
      type: 'vector',
      series: [{ labels: { __name__: 'up', job: 'a' }, sample: { t: 1_777_000_000_000, v: 1 } }],
    });
    expect(seen.at(-1)!.headers.authorization).toBe('Bearer s3cret');
  });

  it('sends basic auth', async () => {
    await backend({ basicAuth: { username: 'ops', password: 'pw' } }).instantQuery('up');
    expect(seen.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('ops:pw').toString('base64')}`);
  });

  it("carries Prometheus's error message and names the query", async () => {
    await expect(backend().instantQuery('bad(')).rejects.toThrow(
      'Prometheus query "bad(" failed (HTTP 400): 1:5: parse error: unclosed left parenthesis',
    );
  });

  it('times out a hanging request with the configured limit named', async () => {
    const slow = createPrometheusBackend({
      url: `${url}/slow`,
      limits: { ...DEFAULT_PROMETHEUS_LIMITS, timeoutMs: 200 },
    });
    await expect(slow.instantQuery('up')).rejects.toThrow(
      /timed out after 200ms \(prometheus.limits.timeout\)/,
    );
  });

  it("stops when the tool's signal aborts", async () => {
    const controller = new AbortController();
    const pending = createPrometheusBackend({
      url: `${url}/slow`,
      limits: DEFAULT_PROMETHEUS_LIMITS,
    }).instantQuery('up', undefined, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow('Prometheus query "up" was cancelled');
  });
});
