// The Prometheus tools through a real MCP client and the gate, against a real Prometheus
// backfilled from the checkout-bad-deploy scenario, with the scenario's frozen clock as
// "now": shaped queries that name the incident, Prometheus's own errors, the guardrails.
// The Prometheus scrapes itself and a dead port (at wall-clock time, long after the
// scenario's now): the metadata and target health the tools report are its own.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import type { Clock } from '../../src/tool.ts';
import { type Harness, startHarness } from '../helpers/in-process.ts';
import { type RunningPrometheus, startPrometheus } from '../helpers/prometheus.ts';
import { DEFAULT_POLICY, makeWorld, REPO } from '../helpers/world.ts';

const scenario = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'));
const now = scenario.spec.now;
const clock: Clock = { now: () => new Date(now) };
/** The scenario's checkout errors jump from 0.2% to 31% at now - 18m. */
const incidentStart = now.getTime() - 18 * 60_000;

const RULES = `groups:
  - name: opswarden-test
    rules:
      - alert: AlwaysFiring
        expr: vector(1)
        labels: { severity: warning, service: checkout }
        annotations: { summary: "test alert" }
`;

// biome-ignore lint/suspicious/noExplicitAny: tests read the tools' structured JSON
type Json = Record<string, any>;

let prom: RunningPrometheus;
let h: Harness;

beforeAll(async () => {
  prom = await startPrometheus({ scenario, rules: RULES });
  await prom.scraped();
  const world = makeWorld({
    policy: DEFAULT_POLICY,
    extra: { prometheus: { url: prom.url, limits: { maxRange: '1d', maxSeries: 50 } } },
  });
  h = await startHarness({ world, clock });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await prom?.close();
});

async function ok(tool: string, args: Record<string, unknown>) {
  const res = await h.call(tool, args);
  expect(res.isError, res.content[0]?.text).toBeFalsy();
  return res.structuredContent as Json;
}

describe('prom_query', () => {
  it('answers an instant query at the scenario clock, largest first, shared labels once', async () => {
    const out = await ok('prom_query', {
      query: 'sum by (code) (rate(http_requests_total{service="checkout"}[5m]))',
    });
    expect(out.time).toBe(now.toISOString().replace('.000Z', 'Z'));
    expect(out.resultType).toBe('vector');
    expect(out.series.map((s: { labels: { code: string } }) => s.labels.code)).toEqual(['200', '500']);
    // 120 rps at a 31% error ratio.
    expect(out.series[1].value).toBeGreaterThan(25);
    expect(out.series[1].value).toBeLessThan(50);
  });

  it("returns a PromQL syntax error as a tool error with Prometheus's message and the query", async () => {
    const res = await h.call('prom_query', { query: 'rate(http_requests_total[5m' });
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toMatch(/query "rate\(http_requests_total\[5m".*parse error/);
  });
});

describe('prom_query_range', () => {
  it('names the change point of the checkout error ratio near the incident start', async () => {
    const out = await ok('prom_query_range', {
      query:
        'sum(rate(http_requests_total{service="checkout",code="500"}[1m])) / sum(rate(http_requests_total{service="checkout"}[1m]))',
      start: '-2h',
      end: 'now',
      step: '15s',
    });
    expect(out.step).toBe('15s');
    expect(out.seriesCount).toBe(1);
    const [series] = out.series;
    expect(series.stats.first).toBeLessThan(0.01);
    expect(series.stats.last).toBeGreaterThan(0.25);
    expect(series.changePoints.length).toBeGreaterThanOrEqual(1);
    const biggest = [...series.changePoints].sort(
      (a: { delta: number }, b: { delta: number }) => b.delta - a.delta,
    )[0];
    // The first sample of the new regime: rate(x[1m]) shows the jump one step after it.
    expect(series.changePoints).toHaveLength(1);
    expect(Date.parse(biggest.at) - incidentStart).toBeGreaterThanOrEqual(0);
    expect(Date.parse(biggest.at) - incidentStart).toBeLessThanOrEqual(15_000);
    expect(biggest.delta).toBeGreaterThan(0.25);
    expect(series.shape).toHaveLength(24);
    expect(series.recent).toMatch(/^rising at the end: last 0\.31 vs baseline 0\.002 \(155×\), since /);
  });

  it('takes times as Prometheus does: unix seconds with fractions and RFC 3339, each meaning what it means to Prometheus', async () => {
    const forms = [
      String(now.getTime() / 1000 - 3600),
      `${now.getTime() / 1000 - 3600}.25`,
      (now.getTime() / 1000 - 3600).toExponential(),
      '2026-04-25T13:30:00Z',
      '2026-04-25T15:30:00.5+02:00',
      '2026-04-25T13:30:00.123456789Z',
    ];
    for (const time of forms) {
      const res = await fetch(
        `${prom.url}/api/v1/query?${new URLSearchParams({ query: 'vector(1)', time })}`,
      );
      const body = (await res.json()) as Json;
      expect(body.status, time).toBe('success');
      const promSeconds = body.data.result[0].value[0] as number;
      const out = await ok('prom_query', { query: 'vector(1)', time });
      expect(Date.parse(out.time) / 1000, time).toBeCloseTo(promSeconds, 3);
    }
    const byUnix = await ok('prom_query_range', {
      query: 'sum(up)',
      start: String(now.getTime() / 1000 - 1800),
      end: `${now.getTime() / 1000}.0`,
      step: '1m',
    });
    const byRfc = await ok('prom_query_range', {
      query: 'sum(up)',
      start: '2026-04-25T14:00:00Z',
      end: '2026-04-25T14:30:00Z',
      step: '1m',
    });
    expect(byUnix).toEqual(byRfc);
  });

  it('refuses what Prometheus refuses, naming the argument and the forms it takes', async () => {
    for (const time of ['yesterday', '2026-04-25', '14:00', '2026-04-25T14:00:00']) {
      const prometheus = await fetch(`${prom.url}/api/v1/query?${new URLSearchParams({ query: '1', time })}`);
      expect(prometheus.status, time).toBe(400);
      const res = await h.call('prom_query_range', { query: 'up', start: time });
      expect(res.isError, time).toBe(true);
      expect(res.content[0]!.text).toContain(
        `invalid start ${JSON.stringify(time)}: expected now, a time before now like -1h or -30m, RFC 3339 like 2026-04-25T14:00:00Z, or unix seconds like 1777125600`,
      );
    }
  });

  it('ranks the checkout 500s first among every service and code, and fits in a few KB', async () => {
    const res = await h.call('prom_query_range', {
      query: 'sum by (service, code) (rate(http_requests_total[5m]))',
      start: '-6h',
    });
    const out = res.structuredContent as Json;
    expect(out.series[0].labels).toEqual({ service: 'checkout', code: '500' });
    expect(out.series[0].changePoints.length).toBeGreaterThanOrEqual(1);
    expect(Buffer.byteLength(res.content[0]!.text)).toBeLessThan(8192);
  });

  it('refuses a range longer than the configured maximum, with advice', async () => {
    const res = await h.call('prom_query_range', { query: 'up', start: '-3d' });
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toMatch(
      /range 3d is longer than the configured maximum 1d.*shorten the range/,
    );
  });

  it('refuses more series than the configured maximum, saying how to narrow', async () => {
    const res = await h.call('prom_query_range', { query: '{namespace="shop"}', start: '-10m' });
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toMatch(/more than the configured maximum 50.*add a label matcher.*sum by/);
  });

  it('raises a too-fine step to cap the points, and says so', async () => {
    const out = await ok('prom_query_range', { query: 'sum(up)', start: '-1d', step: '1s' });
    expect(out.step).toBe('10s');
    expect(out.stepNote).toMatch(/step 1s raised to 10s to stay within 11000 points/);
  });
});

describe('prom_metrics_search', () => {
  it('finds metrics by substring: the backfilled one typed from its name, the scraped one from metadata', async () => {
    const out = await ok('prom_metrics_search', { match: 'http_requests' });
    expect(out.metrics).toEqual([
      { name: 'http_requests_total', type: 'counter?' },
      { name: 'prometheus_http_requests_total', type: 'counter', help: 'Counter of HTTP requests.' },
    ]);
  });

  it('lists the labels of one metric with cardinality and values', async () => {
    const out = await ok('prom_metrics_search', { metric: 'http_requests_total' });
    const code = out.labels.find((l: { name: string }) => l.name === 'code');
    expect(code.cardinality).toBe(2);
    expect(code.values.map((v: { value: string }) => v.value).sort()).toEqual(['200', '500']);
    const service = out.labels.find((l: { name: string }) => l.name === 'service');
    expect(service.values.map((v: { value: string }) => v.value)).toContain('checkout');
  });
});

describe('rules and alerts', () => {
  it('prom_rules_list shows the loaded rule with its group and query', async () => {
    const out = await ok('prom_rules_list', {});
    expect(out.rules).toContainEqual(
      expect.objectContaining({
        group: 'opswarden-test',
        type: 'alerting',
        name: 'AlwaysFiring',
        query: 'vector(1)',
      }),
    );
  });

  it('prom_alerts_list shows the firing alert with its rule', async () => {
    let out: Json = {};
    for (let i = 0; i < 60 && !out.firing; i++) {
      out = await ok('prom_alerts_list', { labels: { service: 'checkout' } });
      if (!out.firing) await new Promise((r) => setTimeout(r, 500));
    }
    expect(out.alerts[0]).toMatchObject({
      name: 'AlwaysFiring',
      state: 'firing',
      labels: { severity: 'warning', service: 'checkout' },
      annotations: { summary: 'test alert' },
      rule: { group: 'opswarden-test', query: 'vector(1)' },
    });
  }, 40_000);

  it('prom_targets_health: Prometheus itself up, the dead port down with its connection error', async () => {
    const { untrusted: _, ...out } = await ok('prom_targets_health', {});
    const dead = prom.deadTarget;
    expect(out).toEqual({
      total: 2,
      up: 1,
      down: 1,
      pools: [
        { pool: 'dead', up: 0, down: 1 },
        { pool: 'prometheus', up: 1, down: 0 },
      ],
      unhealthy: [
        {
          pool: 'dead',
          url: `http://${dead}/metrics`,
          health: 'down',
          labels: { instance: dead, job: 'dead' },
          lastError: `Get "http://${dead}/metrics": dial tcp ${dead}: connect: connection refused`,
          lastScrape: expect.any(String),
        },
      ],
    });
    // Scraped at wall-clock time, whatever the scenario's clock says.
    const age = Date.now() - Date.parse(out.unhealthy[0].lastScrape);
    expect(age).toBeGreaterThanOrEqual(-1000);
    expect(age).toBeLessThan(60_000);
    expect(await ok('prom_targets_health', { pool: 'prometheus' })).toMatchObject({
      total: 1,
      up: 1,
      down: 0,
      unhealthy: [],
    });
  });
});
