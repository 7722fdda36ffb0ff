// The Prometheus backend contract: what the Prometheus tools rely on from
// `PrometheusBackend`, and the tools themselves through the gate, run against each
// implementation: the prometheus-query client talking to a real Prometheus (backfilled
// from the checkout-bad-deploy scenario, with a rule file that states the scenario's
// alert) and to the sandbox simulator over the same scenario. The scenario is mapped to
// the wall clock so the real Prometheus's rules evaluate over it; both are read at the
// wall clock. Targets and metadata differ by nature and each implementation states its
// own: the simulator has one target per pod of the scenario and metadata for the series it
// generates; the real Prometheus scrapes itself (up) and a port nothing listens on (down),
// has metadata for what it scraped and none for the backfilled series. Its own series sit
// beside the scenario's, so queries about the scenario select it (`{namespace="shop"}`).
// What each knows in advance about itself is in prometheus-implementations.ts.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusBackend } from '../../src/backends/prometheus/client.ts';
import { DEFAULT_PROMETHEUS_LIMITS } from '../../src/backends/prometheus/limits.ts';
import type { Labels, PrometheusBackend } from '../../src/backends/prometheus/types.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import type { Clock } from '../../src/tool.ts';
import { eventually as retryUntil } from '../helpers/eventually.ts';
import { type Harness, startHarness } from '../helpers/in-process.ts';
import { DEFAULT_POLICY, makeWorld, REPO } from '../helpers/world.ts';
import { implementations, type Started } from './prometheus-implementations.ts';

const MINUTE = 60_000;
const wallClock: Clock = { now: () => new Date() };

/** Targets in a stable order for comparison. */
const byUrl = <T extends { scrapeUrl: string }>(targets: T[]) =>
  targets.toSorted((a, b) => a.scrapeUrl.localeCompare(b.scrapeUrl));
const sameLabels = (a: Labels, b: Labels) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

const ERROR_RATIO =
  'sum(rate(http_requests_total{service="checkout",code="500"}[1m])) / sum(rate(http_requests_total{service="checkout"}[1m]))';

/** Retries until `check` passes: a real Prometheus evaluates its rules every second. */
const eventually = <T>(read: () => Promise<T>, check: (value: T) => void) =>
  retryUntil(read, check, { timeoutMs: 20_000, intervalMs: 250 });

// biome-ignore lint/suspicious/noExplicitAny: tests read the tools' structured JSON
type Json = Record<string, any>;

describe.each(implementations)('PrometheusBackend: $name', (impl) => {
  const scenario = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'), { now: new Date() });
  const now = scenario.spec.now.getTime();
  /** The scenario's checkout errors jump from 0.2% to 31% here. */
  const incidentStart = now - 18 * MINUTE;
  let backend: PrometheusBackend;
  let h: Harness;
  let started: Started;
  let close: () => Promise<void>;

  beforeAll(async () => {
    started = await impl.start(scenario, wallClock);
    close = started.close;
    backend = createPrometheusBackend({ url: started.url, limits: DEFAULT_PROMETHEUS_LIMITS });
    const world = makeWorld({
      policy: DEFAULT_POLICY,
      extra: { prometheus: { url: started.url, limits: { maxRange: '1d', maxSeries: 50 } } },
    });
    h = await startHarness({ world, clock: wallClock });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    await close?.();
  });

  async function tool(name: string, args: Record<string, unknown>): Promise<Json> {
    const res = await h.call(name, args);
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    return res.structuredContent as Json;
  }

  describe('queries', () => {
    it('an instant query answers a vector with the labels the query keeps', async () => {
      const result = await backend.instantQuery(
        'sum by (code) (rate(http_requests_total{service="checkout"}[5m]))',
      );
      expect(result.type).toBe('vector');
      if (result.type !== 'vector') return;
      const byCode = Object.fromEntries(result.series.map((s) => [s.labels.code, s.sample.v]));
      expect(Object.keys(byCode).sort()).toEqual(['200', '500']);
      // 125 rps at a 31% error ratio.
      expect(byCode['500']).toBeGreaterThan(30);
      expect(byCode['500']).toBeLessThan(50);
    });

    it('scalar and string expressions answer scalars and strings', async () => {
      // Five pods, one of them crash-looping.
      expect(await backend.instantQuery('scalar(sum(up{namespace="shop"}))')).toMatchObject({
        type: 'scalar',
        sample: { v: 4 },
      });
      expect(await backend.instantQuery('"ok"')).toMatchObject({ type: 'string', sample: { v: 'ok' } });
    });

    it('a range query answers one sample per step, showing the change at the incident start', async () => {
      const end = new Date(now);
      const [series, ...rest] = await backend.rangeQuery(
        ERROR_RATIO,
        new Date(now - 2 * 60 * MINUTE),
        end,
        60,
      );
      expect(rest).toEqual([]);
      expect(series!.labels).toEqual({});
      expect(series!.samples).toHaveLength(121);
      expect(series!.samples.at(-1)!.t).toBe(end.getTime());
      expect(series!.samples[0]!.v).toBeLessThan(0.01);
      expect(series!.samples.at(-1)!.v).toBeGreaterThan(0.25);
      const firstHigh = series!.samples.find((s) => s.v > 0.1)!;
      expect(Math.abs(firstHigh.t - incidentStart)).toBeLessThanOrEqual(2 * MINUTE);
    });

    it('the firing alert is an ALERTS series', async () => {
      const result = await eventually(
        () => backend.instantQuery('ALERTS{alertstate="firing"}'),
        (r) => expect(r.type === 'vector' && r.series.length).toBe(1),
      );
      expect(result).toMatchObject({
        type: 'vector',
        series: [
          {
            labels: {
              __name__: 'ALERTS',
              alertname: 'HighErrorRate',
              alertstate: 'firing',
              service: 'checkout',
              namespace: 'shop',
              severity: 'critical',
            },
            sample: { v: 1 },
          },
        ],
      });
    });
  });

  describe('errors name the problem', () => {
    it('a syntax error is a 400 with the parse error and the query', async () => {
      await expect(backend.instantQuery('rate(http_requests_total[5m')).rejects.toThrow(
        /^Prometheus query "rate\(http_requests_total\[5m" failed \(HTTP 400\): invalid parameter "query": 1:\d+: parse error: /,
      );
    });

    it('an evaluation error is a 422 with the reason', async () => {
      await expect(backend.instantQuery('up + on() up')).rejects.toThrow(
        /\(HTTP 422\): found duplicate series for the match group \{\} .*many-to-many matching not allowed/,
      );
    });

    it('a range query of a string is refused naming the type', async () => {
      await expect(
        backend.rangeQuery('"ok"', new Date(now - 10 * MINUTE), new Date(now), 60),
      ).rejects.toThrow(
        '(HTTP 400): invalid expression type "string" for range query, must be Scalar or instant Vector',
      );
    });

    it('a range selector in an instant query is refused with the tool to use', async () => {
      await expect(backend.instantQuery('up[5m]')).rejects.toThrow(/range vector; use prom_query_range/);
    });

    it('a series lookup with a broken selector names the parameter', async () => {
      await expect(backend.series(['up{'], new Date(now - MINUTE), new Date(now))).rejects.toThrow(
        /^Prometheus series up\{ failed \(HTTP 400\): invalid parameter "match\[\]": 1:4: parse error: /,
      );
    });
  });

  describe('series and labels', () => {
    it('series lists the label sets of every match[], once each', async () => {
      const series = await backend.series(
        ['up{namespace="shop"}', 'up{service="payments"}', 'kube_deployment_status_replicas_available'],
        new Date(now - 60 * MINUTE),
        new Date(now),
      );
      const up = series.filter((s) => s.__name__ === 'up');
      expect(up.map((s) => s.service).sort()).toEqual([
        'checkout',
        'checkout',
        'checkout',
        'payments',
        'payments',
      ]);
      expect(Object.keys(up[0]!).sort()).toEqual(['__name__', 'container', 'namespace', 'pod', 'service']);
      expect(series.filter((s) => s.__name__ === 'kube_deployment_status_replicas_available')).toEqual([
        {
          __name__: 'kube_deployment_status_replicas_available',
          deployment: 'checkout',
          namespace: 'shop',
          service: 'checkout',
          job: 'kube-state-metrics',
        },
        {
          __name__: 'kube_deployment_status_replicas_available',
          deployment: 'payments',
          namespace: 'shop',
          service: 'payments',
          job: 'kube-state-metrics',
        },
      ]);
    });

    it('label names and values, optionally of matching series only', async () => {
      expect(await backend.labelNames()).toEqual(
        expect.arrayContaining([
          '__name__',
          'code',
          'condition',
          'container',
          'le',
          'node',
          'pod',
          'service',
        ]),
      );
      expect(await backend.labelValues('code', ['{namespace="shop"}'])).toEqual(['200', '500']);
      expect(await backend.labelValues('__name__', ['{service="payments"}'])).toEqual([
        'container_cpu_usage_seconds_total',
        'container_memory_working_set_bytes',
        'container_spec_memory_limit_bytes',
        'http_request_duration_seconds_bucket',
        'http_request_duration_seconds_count',
        'http_request_duration_seconds_sum',
        'http_requests_total',
        'kube_deployment_status_replicas_available',
        'kube_pod_container_status_restarts_total',
        'up',
      ]);
      expect(await backend.labelValues('code', ['up'])).toEqual([]);
    });

    it('metadata: the type, help and unit of each scraped metric family, all at once or by name', async () => {
      const all = await backend.metadata();
      const expected = Object.entries(started.metadata);
      expect(expected.length).toBeGreaterThan(1);
      for (const [name, metadata] of expected) {
        expect(all[name], name).toEqual(metadata);
        expect(await backend.metadata(name)).toEqual({ [name]: metadata });
      }
      // Only what was scraped has metadata: a backfilled series has none.
      expect(Boolean(all.http_requests_total)).toBe('http_requests_total' in started.metadata);
      expect(await backend.metadata('no_such_metric')).toEqual({});
    });
  });

  describe('rules, alerts and targets', () => {
    it('rules lists the alerting rule in its group, healthy, with its firing alert', async () => {
      const rules = await eventually(
        () => backend.rules(),
        (list) => expect(list[0]?.alerts.map((a) => a.state)).toEqual(['firing']),
      );
      expect(rules).toHaveLength(1);
      expect(rules[0]).toMatchObject({
        group: 'checkout-bad-deploy',
        type: 'alerting',
        name: 'HighErrorRate',
        query: started.ruleQuery,
        health: 'ok',
        labels: { service: 'checkout', namespace: 'shop', severity: 'critical' },
        annotations: { summary: 'checkout 5xx above 5%' },
      });
    });

    it('alerts lists the firing alert with its labels, annotations and when it became active', async () => {
      const [alert, ...rest] = await eventually(
        () => backend.alerts(),
        (list) => expect(list.map((a) => a.state)).toEqual(['firing']),
      );
      expect(rest).toEqual([]);
      expect(alert).toMatchObject({
        labels: { alertname: 'HighErrorRate', service: 'checkout', namespace: 'shop', severity: 'critical' },
        annotations: { runbook_url: 'https://runbooks.example/checkout/high-error-rate' },
      });
      // The value of the rule's expression: vector(1)'s 1, or the 5xx ratio past its 5%.
      expect(Number(alert!.value)).toBeGreaterThan(started.ruleQuery === 'vector(1)' ? 0.99 : 0.05);
      expect(Date.parse(alert!.activeAt!)).toBeLessThanOrEqual(Date.now());
    });

    it('targets: pool, scrape URL, labels, health and last error of each, scraped recently', async () => {
      const targets = await backend.targets();
      expect(byUrl(targets.map(({ lastScrape: _, ...target }) => target))).toEqual(byUrl(started.targets));
      expect(targets.map((t) => t.health)).toContain('up');
      expect(targets.map((t) => t.health)).toContain('down');
      for (const { lastScrape } of targets) {
        const age = Date.now() - Date.parse(lastScrape);
        expect(age, lastScrape).toBeGreaterThanOrEqual(-1000);
        expect(age, lastScrape).toBeLessThan(5 * MINUTE);
      }
    });

    it('targets: each is up exactly where its own `up` series is 1', async () => {
      const up = await backend.instantQuery('up');
      if (up.type !== 'vector') throw new Error(`up answered a ${up.type}`);
      const targets = await backend.targets();
      const health = targets.map((t) => {
        const series = up.series.find(({ labels: { __name__: _, ...labels } }) =>
          sameLabels(labels, t.labels),
        );
        return [
          t.scrapeUrl,
          series?.sample.v === 1 ? 'up' : series?.sample.v === 0 ? 'down' : 'no up series',
        ];
      });
      expect(health).toEqual(targets.map((t) => [t.scrapeUrl, t.health]));
    });
  });

  describe('the Prometheus tools', () => {
    it('prom_query answers at now, largest first', async () => {
      const out = await tool('prom_query', {
        query: 'sum by (code) (rate(http_requests_total{service="checkout"}[5m]))',
      });
      expect(out.resultType).toBe('vector');
      expect(out.series.map((s: Json) => s.labels.code)).toEqual(['200', '500']);
    });

    it('prom_query returns a syntax error as a tool error naming the query', async () => {
      const res = await h.call('prom_query', { query: 'sum(rate(up[5m]) by (x' });
      expect(res.isError).toBe(true);
      expect(res.content[0]!.text).toMatch(/query "sum\(rate\(up\[5m\]\) by \(x".*HTTP 400.*parse error/);
    });

    it('prom_query_range names the change point of the checkout error ratio', async () => {
      const out = await tool('prom_query_range', {
        query: ERROR_RATIO,
        start: '-2h',
        end: 'now',
        step: '15s',
      });
      const [series] = out.series;
      expect(series.stats.first).toBeLessThan(0.01);
      expect(series.stats.last).toBeGreaterThan(0.25);
      // One change, at the first sample of the new regime: the scenario's first sample that
      // shows it is 15s after the onset, and the query's 15s steps (from the wall clock at the
      // call) fall anywhere between the scenario's, so at most two steps after the onset.
      expect(series.changePoints).toHaveLength(1);
      const [change] = series.changePoints;
      expect(Date.parse(change.at) - incidentStart).toBeGreaterThanOrEqual(0);
      expect(Date.parse(change.at) - incidentStart).toBeLessThanOrEqual(30_000);
      expect(series.recent).toMatch(/^rising at the end: last 0\.31 vs baseline 0\.002 \(155×\)/);
    });

    it('prom_metrics_search finds metrics by name and a metric’s labels with their values', async () => {
      const found = await tool('prom_metrics_search', { match: 'http_requests' });
      expect(found.metrics).toEqual(started.httpRequestsMetrics);
      const labels = await tool('prom_metrics_search', { metric: 'http_requests_total' });
      const code = labels.labels.find((l: Json) => l.name === 'code');
      expect(code).toMatchObject({ cardinality: 2 });
      expect(code.values.map((v: Json) => v.value).sort()).toEqual(['200', '500']);
    });

    it('prom_rules_list and prom_alerts_list show the rule and its firing alert', async () => {
      const alerts = await eventually(
        () => tool('prom_alerts_list', { labels: { service: 'checkout' } }),
        (out) => expect(out.firing).toBe(1),
      );
      expect(alerts.alerts[0]).toMatchObject({
        name: 'HighErrorRate',
        state: 'firing',
        labels: { severity: 'critical', service: 'checkout', namespace: 'shop' },
        rule: { group: 'checkout-bad-deploy', query: started.ruleQuery },
      });
      const rules = await tool('prom_rules_list', {});
      expect(rules).toMatchObject({
        total: 1,
        unhealthy: 0,
        rules: [{ name: 'HighErrorRate', type: 'alerting', health: 'ok', firing: 1, pending: 0 }],
      });
    });

    /** prom_targets_health's answer without the shaping's note of which fields are untrusted. */
    const targetsHealth = async (args: Record<string, unknown>) => {
      const { untrusted, ...out } = await tool('prom_targets_health', args);
      expect(untrusted).toEqual(['$.unhealthy[*].labels', '$.unhealthy[*].lastError']);
      return out;
    };

    it('prom_targets_health counts targets per pool and lists the down ones with their errors', async () => {
      const out = await targetsHealth({});
      const down = started.targets.filter((t) => t.health === 'down');
      expect(out).toEqual({
        total: started.targets.length,
        up: started.targets.length - down.length,
        down: down.length,
        pools: started.pools,
        unhealthy: down.map((t) => ({
          pool: t.scrapePool,
          url: t.scrapeUrl,
          health: 'down',
          labels: t.labels,
          lastError: t.lastError,
          lastScrape: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        })),
      });
      expect(down.length).toBeGreaterThan(0);
    });

    it('prom_targets_health narrows to one pool, and says when a pool has no targets', async () => {
      const healthy = started.pools.find((p) => p.down === 0)!;
      expect(await targetsHealth({ pool: healthy.pool })).toEqual({
        total: healthy.up,
        up: healthy.up,
        down: 0,
        pools: [healthy],
        unhealthy: [],
      });
      expect(await targetsHealth({ pool: 'nope' })).toMatchObject({
        total: 0,
        hint: 'No targets in pool nope; call without pool to see every pool.',
      });
    });
  });
});
