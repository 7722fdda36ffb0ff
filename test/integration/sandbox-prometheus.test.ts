// The sandbox Prometheus at the HTTP level: the same requests sent to a real Prometheus
// backfilled from checkout-bad-deploy and to the simulator over the same scenario get the
// same status, content type and body (queries, parameter errors, series and label lookups,
// unknown paths and methods); then what only the simulator has: alerts and rules that
// follow the clock, targets for the scenario's pods, metadata, build info. The real one
// also scrapes itself and a dead port, at wall-clock time: a lookup over all time sees
// those series too, so lookups that would meet them name the scenario's window or series.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheusSimulator } from '../../src/sandbox/prometheus/simulator.ts';
import { scenarioStorage } from '../../src/sandbox/prometheus/storage.ts';
import { renderKubeWorld } from '../../src/sandbox/scenario/kube.ts';
import { loadScenario, parseScenario } from '../../src/sandbox/scenario/load.ts';
import { type RunningPrometheus, startPrometheus } from '../helpers/prometheus.ts';
import { REPO } from '../helpers/world.ts';

const scenario = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'));
const now = scenario.spec.now;
const T = now.getTime() / 1000;
const clock = { now: () => new Date(now) };
const MINUTE = 60_000;

// biome-ignore lint/suspicious/noExplicitAny: tests read API JSON
type Json = any;

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const instant = (query: string) => `/api/v1/query?${q({ query, time: String(T) })}`;
const range = (query: string) =>
  `/api/v1/query_range?${q({ query, start: '2026-04-25T12:30:00Z', end: '2026-04-25T14:30:00Z', step: '60' })}`;
/** The scenario's data: its six hours of history up to its now. */
const WINDOW = { start: '2026-04-25T08:30:00Z', end: '2026-04-25T14:30:00Z' };

/** Expressions an on-call engineer writes, over every kind of series the scenario has. */
const QUERIES = [
  'sum by (code) (rate(http_requests_total{service="checkout"}[5m]))',
  'histogram_quantile(0.99, sum by (le, service) (rate(http_request_duration_seconds_bucket[5m])))',
  'sum(rate(http_requests_total{code="500"}[5m])) by (service) / sum(rate(http_requests_total[5m])) by (service)',
  'sum(rate(http_request_duration_seconds_sum[5m])) / sum(rate(http_request_duration_seconds_count[5m]))',
  'increase(kube_pod_container_status_restarts_total[1h])',
  'max_over_time(container_memory_working_set_bytes[10m]) / on(pod) container_spec_memory_limit_bytes',
  'predict_linear(container_memory_working_set_bytes[30m], 3600)',
  'deriv(container_memory_working_set_bytes[15m])',
  'up == 0',
  'count by (service) (up)',
  'changes(up[1h])',
  'time() - timestamp(up)',
  'kube_node_status_condition{condition="DiskPressure",status="true"} == 1',
  'rate(db_pool_wait_timeouts_total[5m]) > 0',
  'quantile_over_time(0.9, db_pool_connections_in_use[30m])',
  'sum without (pod, container) (rate(http_requests_total[1m]))',
  'max_over_time(rate(http_requests_total{code="500"}[1m])[30m:1m])',
  'label_replace(up, "svc", "$1", "service", "(.*)")',
  'absent(nonexistent_metric)',
];

const REQUESTS = [
  ...QUERIES.flatMap((query) => [instant(query), range(query)]),
  instant('up[1m]'),
  instant('1'),
  instant('"text"'),
  // Parameters Prometheus refuses, each with its own message.
  instant('rate(http_requests_total[5m'),
  instant('up + on() up'),
  range('up + on() up'),
  range('"text"'),
  range('up[5m]'),
  `/api/v1/query?${q({ query: 'up', time: 'yesterday' })}`,
  `/api/v1/query?${q({ query: 'up', time: String(T), timeout: 'soon' })}`,
  `/api/v1/query_range?${q({ query: 'sum(up)', start: '2026-04-25T16:00:00+02:00', end: String(T), step: '1m30s', timeout: '1m' })}`,
  `/api/v1/query_range?${q({ query: 'up', start: '10', end: '5', step: '1' })}`,
  `/api/v1/query_range?${q({ query: 'up', start: '0', end: '100000', step: '1' })}`,
  `/api/v1/query_range?${q({ query: 'up', start: '0', end: '100', step: '0' })}`,
  `/api/v1/query_range?${q({ query: 'up', start: '0', end: '100', step: 'fast' })}`,
  `/api/v1/query_range?${q({ query: 'up', start: '0', end: '100' })}`,
  `/api/v1/query_range?${q({ query: 'up', end: '100', step: '1' })}`,
  // Series and label lookups.
  '/api/v1/series',
  `/api/v1/series?${q({ 'match[]': 'db_pool_connections_in_use' })}`,
  `/api/v1/series?match[]=up&match[]=kube_deployment_status_replicas_available&${q({ start: '2026-04-25T14:00:00Z', end: '2026-04-25T14:30:00Z' })}`,
  `/api/v1/series?${q({ 'match[]': 'up', start: '100', end: '10' })}`,
  `/api/v1/series?${q({ 'match[]': 'up', start: 'dawn' })}`,
  `/api/v1/labels?${q({ 'match[]': 'up', ...WINDOW })}`,
  `/api/v1/label/code/values?${q(WINDOW)}`,
  `/api/v1/label/code/values?${q({ 'match[]': 'http_requests_total' })}`,
  '/api/v1/label/1bad/values',
  `/api/v1/label/code/values?${q({ 'match[]': 'up' })}`,
  `/api/v1/label/__name__/values?${q({ 'match[]': '{service="payments"}' })}`,
  `/api/v1/label/code/values?${q({ start: 'dawn' })}`,
  '/api/v1/metadata?limit=x',
  '/api/v1/rules?type=x',
  '/api/v1/nope',
  '/api/v1/label/values',
  '/nope',
  '/-/healthy',
  '/-/ready',
];

let prom: RunningPrometheus;
let sim: { url: string; close(): Promise<void> };

beforeAll(async () => {
  [prom, sim] = await Promise.all([
    startPrometheus({ scenario }),
    startPrometheusSimulator(scenario, clock, { storage: scenarioStorage(scenario) }),
  ]);
  // Its own series (from scraping itself and a dead port) are there before any request.
  await prom.scraped();
}, 120_000);

afterAll(async () => {
  await sim?.close();
  await prom?.close();
});

async function answer(base: string, path: string, init?: RequestInit) {
  const res = await fetch(base + path, init);
  const text = await res.text();
  const type = res.headers.get('content-type');
  return {
    status: res.status,
    type,
    allow: res.headers.get('allow'),
    body: type === 'application/json' ? inLabelOrder(JSON.parse(text)) : text,
  };
}

/** Prometheus leaves an instant vector's series unordered (histogram_quantile's vary run to run). */
function inLabelOrder(body: Json): Json {
  if (body.data?.resultType === 'vector') {
    body.data.result.sort((a: Json, b: Json) =>
      JSON.stringify(a.metric).localeCompare(JSON.stringify(b.metric)),
    );
  }
  return body;
}

describe('the simulator answers as a real Prometheus does', () => {
  it.each(REQUESTS)('GET %s', async (path) => {
    const [real, sandbox] = await Promise.all([answer(prom.url, path), answer(sim.url, path)]);
    expect(sandbox).toEqual(real);
  });

  it.each([
    ['DELETE', '/api/v1/query'],
    ['PUT', '/api/v1/query_range'],
    ['POST', '/api/v1/alerts'],
    ['POST', '/api/v1/label/code/values'],
    ['POST', '/-/ready'],
    ['HEAD', '/-/healthy'],
    ['OPTIONS', '/api/v1/query'],
  ])('%s %s', async (method, path) => {
    const [real, sandbox] = await Promise.all([
      answer(prom.url, path, { method }),
      answer(sim.url, path, { method }),
    ]);
    expect(sandbox).toEqual(real);
  });

  it('a query with no time left times out (Prometheus names the stage it was in)', async () => {
    const path = `/api/v1/query?${q({ query: 'up', time: String(T), timeout: '0' })}`;
    for (const base of [prom.url, sim.url]) {
      const { status, body } = await answer(base, path);
      expect({ status, body }).toEqual({
        status: 503,
        body: { status: 'error', errorType: 'timeout', error: expect.stringMatching(/^query timed out in /) },
      });
    }
  });

  it('a subquery that would compute for minutes stops at its timeout, and the simulator answers on', async () => {
    const heavy = `/api/v1/query_range?${q({
      query: 'quantile_over_time(0.9, rate(http_requests_total[1m])[7d:1s])',
      start: String(T - 7 * 86_400),
      end: String(T),
      step: '60',
      timeout: '200ms',
    })}`;
    expect(await answer(sim.url, heavy)).toMatchObject({
      status: 503,
      body: { status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' },
    });
    expect((await answer(sim.url, instant('sum(up)'))).status).toBe(200);
  });

  it('POST takes the parameters form-encoded', async () => {
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: q({ query: 'sum by (service) (up)', time: String(T) }),
    };
    const [real, sandbox] = await Promise.all([
      answer(prom.url, '/api/v1/query', init),
      answer(sim.url, '/api/v1/query', init),
    ]);
    expect(sandbox).toEqual(real);
    expect(sandbox.body.data.result).toHaveLength(2);
  });
});

describe('what only the simulator has', () => {
  const get = async (path: string, base = sim.url) => (await fetch(base + path)).json() as Promise<Json>;

  it('queries without a time run at the clock’s now', async () => {
    expect((await get('/api/v1/query?query=time()')).data).toEqual({
      resultType: 'scalar',
      result: [T, String(T)],
    });
  });

  it('targets: one per pod `up` series, at the pod’s IP, down where up is 0', async () => {
    const { activeTargets, droppedTargets } = (await get('/api/v1/targets')).data;
    expect(droppedTargets).toEqual([]);
    const up = (await get(`/api/v1/query?${q({ query: 'up', time: String(T) })}`)).data.result;
    expect(activeTargets.map((t: Json) => t.labels)).toEqual(
      up.map(({ metric: { __name__, ...labels } }: Json) => labels),
    );
    const pods = renderKubeWorld(scenario, clock).objects.filter((o) => o.kind === 'Pod');
    for (const target of activeTargets) {
      const pod = pods.find((p) => p.metadata.name === target.labels.pod)!;
      expect(target.discoveredLabels.__address__).toBe(`${pod.status!.podIP}:8080`);
      expect(target.scrapeUrl).toBe(`http://${pod.status!.podIP}:8080/metrics`);
      expect(target.scrapePool).toBe(target.labels.service);
      expect(target.lastScrape).toBe('2026-04-25T14:30:00Z');
      expect(target.scrapeInterval).toBe('15s');
    }
    const down = activeTargets.filter((t: Json) => t.health === 'down');
    // Pod 0 of checkout is crash-looping.
    expect(down.map((t: Json) => t.labels.pod)).toEqual([
      up.find((s: Json) => s.value[1] === '0').metric.pod,
    ]);
    expect(down[0].lastError).toMatch(/^Get "http:\/\/[\d.]+:8080\/metrics": dial tcp .*connection refused$/);
    expect((await get('/api/v1/targets?state=dropped')).data).toEqual({
      activeTargets: [],
      droppedTargets: [],
    });
  });

  it('metadata: each metric family under the name exporters give it, filtered by metric and limit', async () => {
    const { data } = await get('/api/v1/metadata');
    expect(data.http_requests_total).toEqual([
      { type: 'counter', help: 'Total HTTP requests by status code.', unit: '' },
    ]);
    expect(data.http_request_duration_seconds[0].type).toBe('histogram');
    expect(data.container_memory_working_set_bytes[0].type).toBe('gauge');
    expect(data.db_pool_wait_timeouts_total[0].type).toBe('counter');
    expect(Object.keys((await get('/api/v1/metadata?metric=up')).data)).toEqual(['up']);
    expect(await get('/api/v1/metadata?metric=nope')).toEqual({ status: 'success', data: {} });
    expect(Object.keys((await get('/api/v1/metadata?limit=2')).data)).toHaveLength(2);
  });

  it('build info names the sandbox', async () => {
    expect((await get('/api/v1/status/buildinfo')).data.version).toBe('2.42.0-opswarden-sandbox');
  });

  it('alerts, rules and ALERTS follow the clock: started, not yet started, ended', async () => {
    const timed = parseScenario(
      `apiVersion: opswarden.dev/v1
kind: Scenario
metadata: { name: alert-times }
spec:
  now: "2026-04-25T14:30:00Z"
  alerts:
    - { name: Started, labels: { service: a }, annotations: { summary: "a is down" }, startsAt: -10m }
    - { name: Started, labels: { service: b }, startsAt: -2m }
    - { name: Later, labels: { service: a }, startsAt: +5m }
    - { name: Ended, labels: { service: a }, startsAt: -30m, endsAt: -5m }
`,
      'alert-times.yaml',
    );
    let at = timed.spec.now.getTime();
    const moving = await startPrometheusSimulator(
      timed,
      { now: () => new Date(at) },
      { storage: scenarioStorage(timed) },
    );
    try {
      const names = async () => {
        const alerts = (await get('/api/v1/alerts', moving.url)).data.alerts;
        const series = (await get('/api/v1/query?query=ALERTS', moving.url)).data.result;
        const named = (labels: Json) => `${labels.alertname}/${labels.service}`;
        expect(series.map((s: Json) => named(s.metric)).sort()).toEqual(
          alerts.map((a: Json) => named(a.labels)).sort(),
        );
        return alerts.map((a: Json) => named(a.labels));
      };
      expect(await names()).toEqual(['Started/a', 'Started/b']);
      const { groups } = (await get('/api/v1/rules', moving.url)).data;
      expect(groups).toHaveLength(1);
      expect(groups[0]).toMatchObject({ name: 'alert-times', interval: 15, limit: 0 });
      expect(
        groups[0].rules.map((r: Json) => ({
          name: r.name,
          state: r.state,
          labels: r.labels,
          alerts: r.alerts.length,
        })),
      ).toEqual([
        { name: 'Started', state: 'firing', labels: {}, alerts: 2 },
        { name: 'Later', state: 'inactive', labels: { service: 'a' }, alerts: 0 },
        { name: 'Ended', state: 'inactive', labels: { service: 'a' }, alerts: 0 },
      ]);
      expect(groups[0].rules[0].alerts[0]).toEqual({
        labels: { alertname: 'Started', service: 'a' },
        annotations: { summary: 'a is down' },
        state: 'firing',
        activeAt: '2026-04-25T14:20:00Z',
        value: '1e+00',
      });
      expect((await get('/api/v1/rules?type=record', moving.url)).data.groups[0].rules).toEqual([]);

      at += 10 * MINUTE;
      expect(await names()).toEqual(['Started/a', 'Started/b', 'Later/a']);
    } finally {
      await moving.close();
    }
  });
});
