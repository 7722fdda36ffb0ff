// The Prometheus tools through a real MCP client and the gate, against a real Prometheus
// backfilled from the checkout-bad-deploy scenario, with the scenario's frozen clock as
// "now": shaped queries that name the incident, Prometheus's own errors, the guardrails.

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
    expect(Math.abs(Date.parse(biggest.at) - incidentStart)).toBeLessThanOrEqual(3 * 60_000);
    expect(biggest.delta).toBeGreaterThan(0.25);
    expect(series.shape).toHaveLength(24);
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
  it('finds http_requests_total by substring, typed from its name', async () => {
    const out = await ok('prom_metrics_search', { match: 'http_requests' });
    expect(out.metrics).toContainEqual({ name: 'http_requests_total', type: 'counter?' });
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

  it('prom_targets_health reports Prometheus has no targets (every series is backfilled)', async () => {
    const out = await ok('prom_targets_health', {});
    expect(out).toMatchObject({ total: 0, up: 0, down: 0, unhealthy: [] });
    expect(out.hint).toMatch(/no active scrape targets/);
  });
});
