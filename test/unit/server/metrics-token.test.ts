// server.http.metricsToken: kept as a hash only, and /metrics answers a scrape that sends it
// as a bearer token; a missing or wrong token is a 401 in RFC 6750's shape.

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.ts';
import { createMetricsAccess } from '../../../src/server/metrics-token.ts';

/** `${NAME}`: how a config file refers to an environment variable. */
const envRef = (name: string) => `\${${name}}`;
const TOKEN = 'scrape-token-0123456789';
const configured = (token: string) =>
  parseConfig(
    { server: { http: { metricsToken: envRef('METRICS_TOKEN') } } },
    'cfg',
    { METRICS_TOKEN: token },
    '/tmp',
  );

describe('metrics token', () => {
  it('is read from an environment reference and kept as its sha256 only', () => {
    const { metricsToken } = configured(TOKEN).server.http;
    expect(metricsToken).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(metricsToken)).not.toContain(TOKEN);
  });

  it('refuses a short token naming the key', () => {
    expect(() => configured('short')).toThrow(
      /server\.http\.metricsToken: a metrics token needs at least 16/,
    );
  });

  it('admits the token and refuses none or another with 401', () => {
    const check = createMetricsAccess(configured(TOKEN).server.http.metricsToken);
    expect(check(`Bearer ${TOKEN}`)).toEqual({ ok: true });
    expect(check(undefined)).toMatchObject({
      ok: false,
      status: 401,
      wwwAuthenticate: 'Bearer realm="opswarden-metrics"',
      body: { error: 'unauthorized' },
    });
    expect(check(`Bearer ${TOKEN}x`)).toMatchObject({
      status: 401,
      wwwAuthenticate: 'Bearer realm="opswarden-metrics", error="invalid_token"',
    });
    expect(check(`Basic ${TOKEN}`)).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
  });

  it('leaves /metrics open when no token is configured', () => {
    expect(createMetricsAccess(undefined)(undefined)).toEqual({ ok: true });
  });
});
