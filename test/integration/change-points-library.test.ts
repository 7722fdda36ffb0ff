// Change-point accuracy across the scenario library (issue 16): for every library scenario,
// prom_query_range (through the gate, against the sandbox Prometheus serving the scenario)
// over the series its incident changes, from where its history starts to its now, at the
// step the tool picks. The change point nearest each series' true onset must lie within
// one step of it, and no change point may sit at the start of the window (the start-up
// ramp of a rate() where history begins). Prints scenario → series → onset → reported →
// error in steps.
//
// The true onset of a series is the `from` of its first segment at or after the
// scenario's `resolution.incidentStart` (the answer the drills use, never served): the
// errors, latency, traffic, CPU and memory of each service and every written-out metric
// the incident moves.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheusSimulator } from '../../src/sandbox/prometheus/simulator.ts';
import { scenarioStorage } from '../../src/sandbox/prometheus/storage.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import type { Scenario } from '../../src/sandbox/scenario/schema.ts';
import { type Harness, startHarness } from '../helpers/in-process.ts';
import { DEFAULT_POLICY, makeWorld, REPO } from '../helpers/world.ts';

interface KeySeries {
  name: string;
  query: string;
  /** Unix ms. */
  onset: number;
}

const selector = (labels: Record<string, string>) =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;

/** The series a scenario's incident changes, with the time it changes them. */
function keySeries(scenario: Scenario): KeySeries[] {
  const start = scenario.resolution?.incidentStart.getTime();
  if (start === undefined) return [];
  const onsetOf = (segments?: readonly { from: Date }[]) =>
    segments?.find((s, i) => i > 0 && s.from.getTime() >= start)?.from.getTime();
  const out: KeySeries[] = [];
  const add = (name: string, segments: readonly { from: Date }[] | undefined, query: string) => {
    const onset = onsetOf(segments);
    if (onset !== undefined) out.push({ name, query, onset });
  };
  for (const svc of scenario.spec.services) {
    if (!svc.workload) continue;
    const m = `service="${svc.name}",namespace="${svc.namespace ?? svc.workload.split('/')[1]}"`;
    add(
      `${svc.name} 5xx ratio`,
      svc.errors,
      `sum(rate(http_requests_total{${m},code="500"}[1m])) / sum(rate(http_requests_total{${m}}[1m]))`,
    );
    add(
      `${svc.name} p99`,
      svc.latency,
      `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${m}}[1m])))`,
    );
    add(`${svc.name} rps`, svc.traffic, `sum(rate(http_requests_total{${m}}[1m]))`);
    add(`${svc.name} cpu`, svc.cpu, `sum(rate(container_cpu_usage_seconds_total{${m}}[1m]))`);
    add(`${svc.name} memory`, svc.memory, `sum(container_memory_working_set_bytes{${m}})`);
  }
  for (const metric of scenario.spec.metrics) {
    const series = `${metric.name}${selector(metric.labels)}`;
    const { service, namespace: _, job: __, ...rest } = metric.labels;
    const name = `${service ? `${service} ` : ''}${metric.name}${Object.keys(rest).length ? selector(rest) : ''}`;
    if (metric.type === 'gauge') add(name, metric.value, series);
    else if (metric.type === 'counter') add(name, metric.rate, `rate(${series}[1m])`);
    else
      add(
        name,
        metric.rate,
        `histogram_quantile(0.99, sum by (le) (rate(${metric.name}_bucket${selector(metric.labels)}[1m])))`,
      );
  }
  return out;
}

const scenarios = readdirSync(join(REPO, 'scenarios'))
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .map((file) => loadScenario(join(REPO, 'scenarios', file)));

interface Row {
  scenario: string;
  series: string;
  step: string;
  onset: string;
  reported: string;
  steps: number;
}
const rows: Row[] = [];

// biome-ignore lint/suspicious/noExplicitAny: tests read the tools' structured JSON
type Json = Record<string, any>;

const STEP_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };
const minutes = (ms: number) => `${ms < 0 ? '-' : '+'}${(Math.abs(ms) / 60_000).toFixed(2)}m`;

describe.each(scenarios.map((s) => ({ name: s.name, scenario: s })))('$name', ({ scenario }) => {
  const now = scenario.spec.now.getTime();
  const clock = { now: () => new Date(now) };
  let h: Harness;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const sim = await startPrometheusSimulator(scenario, clock, { storage: scenarioStorage(scenario) });
    close = () => sim.close();
    const world = makeWorld({ policy: DEFAULT_POLICY, extra: { prometheus: { url: sim.url } } });
    h = await startHarness({ world, clock });
  });

  afterAll(async () => {
    await h?.close();
    await close?.();
  });

  it('places each change point within one step of the true onset, none at the window start', async () => {
    const keys = keySeries(scenario);
    expect(keys.length, 'a library scenario changes some series at its incident').toBeGreaterThan(0);
    const start = scenario.spec.history.getTime();
    for (const key of keys) {
      // Unix seconds, as Prometheus takes them (issue 16).
      const res = await h.call('prom_query_range', { query: key.query, start: String(start / 1000) });
      expect(res.isError, res.content[0]?.text).toBeFalsy();
      const out = res.structuredContent as Json;
      const [, amount, unit] = /^(\d+)([smh])$/.exec(out.step)!;
      const step = Number(amount) * STEP_MS[unit!]!;
      const [series] = out.series;
      const times: number[] = (series?.changePoints ?? []).map((c: Json) => Date.parse(c.at));
      const nearest = times.sort((x, y) => Math.abs(x - key.onset) - Math.abs(y - key.onset))[0];
      const steps = nearest === undefined ? Number.NaN : (nearest - key.onset) / step;
      rows.push({
        scenario: scenario.name,
        series: key.name,
        step: out.step,
        onset: minutes(key.onset - now),
        reported: nearest === undefined ? 'none' : minutes(nearest - now),
        steps,
      });
      expect(Math.abs(steps), `${key.name}: ${JSON.stringify(series?.changePoints)}`).toBeLessThanOrEqual(1);
      for (const at of times)
        expect(at - start, `${key.name}: a change point at the window's start`).toBeGreaterThan(10 * 60_000);
    }
  });
});

afterAll(() => {
  const width = Math.max(...rows.map((r) => r.series.length));
  const lines = rows.map(
    (r) =>
      `${r.scenario.padEnd(28)} ${r.series.padEnd(width)} ${r.step.padStart(4)} ${r.onset.padStart(8)} ${r.reported.padStart(8)} ${String(r.steps).padStart(5)}`,
  );
  const exact = rows.filter((r) => r.steps === 0).length;
  const within = rows.filter((r) => Math.abs(r.steps) <= 1).length;
  console.log(
    [
      `change points across the library: ${within}/${rows.length} within one step of the onset (${exact} exact)`,
      `${'scenario'.padEnd(28)} ${'series'.padEnd(width)} step ${'onset'.padStart(8)} ${'reported'.padStart(8)} steps`,
      ...lines,
    ].join('\n'),
  );
});
