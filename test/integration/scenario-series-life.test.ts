// test/fixtures/scenarios/series-life.yaml served by a started sandbox, read the way an
// on-call engineer reads it: PromQL through the Prometheus HTTP API sees 401, 429 and 504
// besides 200 and 500 (and the 5xx ratio counts only 500 and 504), no sample of a series
// outside its life, absent() true once the exporter died and its target down; `kubectl logs`
// and CloudWatch show two streams that start together interleaved, and streams that stop;
// a workload deployed at -10m has no series and no log before it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { kubectlFor } from '../helpers/kubectl.ts';
import { REPO } from '../helpers/world.ts';

const NOW = Date.parse('2026-04-25T14:30:00Z');
const MIN = 60_000;
/** Unix seconds `minutes` before the scenario's now. */
const ago = (minutes: number) => (NOW - minutes * MIN) / 1000;

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opswarden-series-life-'));
  const scenario = loadScenario(join(REPO, 'test/fixtures/scenarios/series-life.yaml'));
  sandbox = await startSandbox(scenario, { clock: 'frozen', dir });
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}
interface MatrixSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

async function prometheus<T>(path: string, params: Record<string, string | number>): Promise<T> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const res = await fetch(`${sandbox.urls.prometheus}${path}?${query}`);
  const body = (await res.json()) as { status: string; data: T };
  expect(body.status, JSON.stringify(body)).toBe('success');
  return body.data;
}
const instant = async (query: string, time = ago(0)) =>
  (await prometheus<{ result: VectorSample[] }>('/api/v1/query', { query, time })).result;
const range = async (query: string, start: number, end = ago(0), step = 15) =>
  (await prometheus<{ result: MatrixSeries[] }>('/api/v1/query_range', { query, start, end, step })).result;
const byCode = (result: VectorSample[]) =>
  Object.fromEntries(result.map((r) => [r.metric.code, Number(r.value[1])]));

describe('status codes through the Prometheus API', () => {
  it('carries 401, 429 and 504 besides 200 and 500, in the shares the scenario gives', async () => {
    const shares = byCode(
      await instant(
        'sum by (code) (rate(http_requests_total{service="api"}[5m])) / scalar(sum(rate(http_requests_total{service="api"}[5m])))',
      ),
    );
    expect(Object.keys(shares).sort()).toEqual(['200', '401', '429', '500', '504']);
    expect(shares['429']).toBeCloseTo(0.2, 2);
    expect(shares['504']).toBeCloseTo(0.05, 2);
    expect(shares['401']).toBeCloseTo(0.01, 2);
    expect(shares['500']).toBe(0);
    expect(shares['200']).toBeCloseTo(0.74, 2);
  });

  it('counts only the 5xx in the error ratio: 504 now, 500 before the incident, never 429 or 401', async () => {
    const ratio =
      'sum(rate(http_requests_total{service="api",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="api"}[5m]))';
    const [now] = await instant(ratio);
    expect(Number(now!.value[1])).toBeCloseTo(0.05, 2);
    const [before] = await instant(ratio, ago(30));
    expect(Number(before!.value[1])).toBeCloseTo(0.01, 2);
    const limited = await instant('sum(rate(http_requests_total{service="api",code="429"}[5m]))', ago(30));
    expect(Number(limited[0]!.value[1])).toBe(0);
  });
});

describe('series that start and stop', () => {
  it('has no sample of a series before its `from` or from its `until` on', async () => {
    const [table] = await range('pg_stat_user_tables_n_live_tup', ago(120));
    expect(table!.values[0]![0]).toBe(ago(19));
    // Visible until the marker at -12m, then gone: no lookback tail.
    expect(table!.values.at(-1)![0]).toBe(ago(12) - 15);
    expect(await instant('pg_stat_user_tables_n_live_tup', ago(19) - 15)).toEqual([]);
  });

  it('turns absent() true at the scrape after the exporter died, and its target down', async () => {
    const commits = 'pg_stat_database_xact_commit_total{job="postgres-exporter"}';
    expect(await instant(commits, ago(12) - 15)).toHaveLength(1);
    expect(await instant(commits, ago(12))).toEqual([]);
    expect(await instant(`absent(${commits})`, ago(13))).toEqual([]);
    const [absent] = await instant(`absent(${commits})`);
    expect(absent!.value[1]).toBe('1');
    const [rate] = await instant(`rate(${commits}[5m])`, ago(12) - 15);
    expect(Number(rate!.value[1])).toBeCloseTo(40, 0);

    const { activeTargets } = await prometheus<{
      activeTargets: { labels: Record<string, string>; health: string }[];
    }>('/api/v1/targets', {});
    const exporter = activeTargets.find((t) => t.labels.job === 'postgres-exporter');
    expect(exporter?.health).toBe('down');
    // A target whose `up` ended is gone at once, not listed for the lookback after it.
    expect(activeTargets.map((t) => t.labels.job)).not.toContain('pgbouncer-exporter');
  });

  it('has no series of a workload before it was created, its counters starting from 0', async () => {
    const series = await range('{service="reports"}', ago(120), ago(0), 60);
    expect(series.length).toBeGreaterThan(10);
    for (const one of series) expect(one.values[0]![0], one.metric.__name__).toBe(ago(10));
    const [requests] = await range('sum(http_requests_total{service="reports"})', ago(120), ago(0), 60);
    expect(requests!.values[0]).toEqual([ago(10), '0']);
    expect(await instant('count(up{service="reports"})', ago(10) - 15)).toEqual([]);
  });
});

describe('logs through kubectl and CloudWatch', () => {
  const kubectl = () => kubectlFor(sandbox.kubeconfigPath);

  async function podOf(app: string): Promise<string> {
    const res = await kubectl()(['get', 'pods', '-n', 'shop', '-l', `app=${app}`, '-o', 'name']);
    expect(res.code, res.stderr).toBe(0);
    return res.stdout.trim().split('\n')[0]!;
  }

  it('interleaves the two streams that start together and stops the sidecar at its `until`', async () => {
    const pod = await podOf('api');
    const res = await kubectl()(['logs', '-n', 'shop', pod, '--since=25m']);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trim().split('\n');
    const times = lines.map((l) => Date.parse(l.slice(0, 24)));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const of = (text: string) => lines.filter((l) => l.includes(text)).map((l) => Date.parse(l.slice(0, 24)));

    const limited = of(' 429 rate limited');
    const timeouts = of(' 504 upstream');
    expect(limited).toHaveLength(600);
    expect(timeouts).toHaveLength(400);
    expect(limited[0]).toBe(NOW - 20 * MIN);
    expect(timeouts[0]).toBe(NOW - 20 * MIN);
    // The 200s ended where the incident's lines began; the sidecar ran on beside them until -12m.
    expect(Math.max(...of(' 200 '))).toBe(NOW - 20 * MIN - 5_000);
    const sidecar = of('envoy: stats flushed');
    expect(sidecar[0]).toBe(NOW - 25 * MIN);
    expect(Math.max(...sidecar)).toBe(NOW - 12 * MIN - 10_000);
  });

  it('has no log of a pod before its workload was created', async () => {
    const pod = await podOf('reports');
    const res = await kubectl()(['logs', '-n', 'shop', pod]);
    expect(res.code, res.stderr).toBe(0);
    const times = res.stdout
      .trim()
      .split('\n')
      .map((l) => Date.parse(l.slice(0, 24)));
    expect(times.length).toBeGreaterThan(20);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW - 10 * MIN);
  });

  it('serves both CloudWatch lines that share a `from`, and a stream that ends', async () => {
    const client = new CloudWatchLogsClient({
      region: 'us-east-1',
      endpoint: sandbox.urls.cloudwatch,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      const read = async (stream: string, startTime: number) =>
        (
          await client.send(
            new FilterLogEventsCommand({
              logGroupName: '/aws/rds/instance/orders-db/postgresql',
              logStreamNames: [stream],
              startTime,
            }),
          )
        ).events ?? [];
      const postgres = await read('orders-db.0', NOW - 30 * MIN);
      const checkpoints = postgres.filter((e) => e.message?.includes('checkpoint complete'));
      const connections = postgres.filter((e) => e.message?.includes('connection authorized'));
      // From -30m up to and including now.
      expect(checkpoints).toHaveLength(61);
      expect(connections).toHaveLength(91);
      const times = postgres.map((e) => e.timestamp!);
      expect(times).toEqual([...times].sort((a, b) => a - b));

      const exporter = await read('exporter', NOW - 60 * MIN);
      expect(exporter).toHaveLength(48);
      expect(exporter.at(-1)!.timestamp).toBe(NOW - 13 * MIN);
    } finally {
      client.destroy();
    }
  });
});
