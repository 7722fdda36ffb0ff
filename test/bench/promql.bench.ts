// `npm run bench:promql`: what an agent gets from prom_query_range over 200 series × 6 h
// at 15 s from a real Prometheus, beside the raw API response for the same query: bytes,
// and whether the one series with an injected anomaly is named with its change point.
// Goal: under 8 KB, anomaly named, at least 100× smaller than raw. Figures from one run
// over a deterministic scenario; missing the goal is reported, not fatal (exit 0).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import yaml from 'js-yaml';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { startHarness } from '../helpers/in-process.ts';
import { startPrometheus } from '../helpers/prometheus.ts';
import { DEFAULT_POLICY, makeWorld } from '../helpers/world.ts';
import { table } from './stats.ts';

const SERIES = 200;
const ANOMALOUS_POD = 'api-137';
const ANOMALY_AT_MIN = 47;
const GOAL_BYTES = 8192;
const GOAL_RATIO = 100;
const QUERY = 'request_latency_seconds{service="api"}';

const pod = (i: number) => `api-${String(i).padStart(3, '0')}`;
const scenarioDoc = {
  apiVersion: 'opswarden.dev/v1',
  kind: 'Scenario',
  metadata: { name: 'promql-bench', description: `${SERIES} latency gauges; ${ANOMALOUS_POD} triples.` },
  spec: {
    now: '2026-04-25T14:30:00Z',
    step: '15s',
    history: '-6h',
    seed: 42,
    metrics: Array.from({ length: SERIES }, (_, i) => ({
      name: 'request_latency_seconds',
      type: 'gauge',
      labels: { service: 'api', namespace: 'shop', pod: pod(i) },
      value:
        pod(i) === ANOMALOUS_POD
          ? [
              { from: '-6h', value: 0.3 },
              { from: `-${ANOMALY_AT_MIN}m`, value: 0.9, ramp: '1m' },
            ]
          : [{ from: '-6h', value: 0.3 }],
      noise: 0.05,
    })),
  },
};

const dir = mkdtempSync(join(tmpdir(), 'opswarden-promql-bench-'));
const scenarioPath = join(dir, 'promql-bench.yaml');
writeFileSync(scenarioPath, yaml.dump(scenarioDoc));
const scenario = loadScenario(scenarioPath);
const now = scenario.spec.now;
const start = new Date(now.getTime() - 6 * 3_600_000);
const anomalyAt = now.getTime() - ANOMALY_AT_MIN * 60_000;

const prom = await startPrometheus({ scenario });
const world = makeWorld({ policy: DEFAULT_POLICY, extra: { prometheus: { url: prom.url } } });
const h = await startHarness({ world, clock: { now: () => new Date(now) } });
try {
  const rawUrl = `${prom.url}/api/v1/query_range?${new URLSearchParams({
    query: QUERY,
    start: String(start.getTime() / 1000),
    end: String(now.getTime() / 1000),
    step: '15',
  })}`;
  const rawBytes = Buffer.byteLength(await (await fetch(rawUrl)).text());

  const started = performance.now();
  const res = await h.call('prom_query_range', { query: QUERY, start: '-6h', end: 'now', step: '15s' });
  const ms = performance.now() - started;
  if (res.isError) throw new Error(`prom_query_range failed: ${res.content[0]?.text}`);
  const toolBytes = Buffer.byteLength(res.content[0]!.text);
  const out = res.structuredContent as {
    seriesCount: number;
    series: { labels: Record<string, string>; changePoints: { at: string; delta: number }[] }[];
  };
  const top = out.series[0]!;
  const change = top.changePoints.find((c) => Math.abs(Date.parse(c.at) - anomalyAt) <= 2 * 60_000);
  const named = top.labels.pod === ANOMALOUS_POD && change !== undefined;
  const ratio = rawBytes / toolBytes;

  console.log(
    `prom_query_range over ${out.seriesCount} series × 6 h at 15 s (real Prometheus); ${ANOMALOUS_POD} shifts 0.3 → 0.9 at now-${ANOMALY_AT_MIN}m\n`,
  );
  console.log(
    table(
      ['response', 'bytes', 'anomaly named', 'time'],
      [
        ['raw /api/v1/query_range', rawBytes.toLocaleString('en'), '-', '-'],
        [
          'prom_query_range (shaped)',
          toolBytes.toLocaleString('en'),
          named
            ? `${ANOMALOUS_POD} first, change at ${change.at} (Δ ${change.delta})`
            : `no (top: ${JSON.stringify(top.labels)})`,
          `${ms.toFixed(0)} ms`,
        ],
      ],
    ),
  );
  const goalMet = toolBytes < GOAL_BYTES && named && ratio >= GOAL_RATIO;
  console.log(
    `\n${ratio.toFixed(0)}× smaller than raw. Goal (under ${GOAL_BYTES} bytes, anomaly named with its change point, ≥${GOAL_RATIO}× smaller): ${goalMet ? 'met' : 'NOT met'}`,
  );
} finally {
  await h.close();
  await prom.close();
  rmSync(dir, { recursive: true, force: true });
}
