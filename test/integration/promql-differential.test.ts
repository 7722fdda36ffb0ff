// The sandbox PromQL engine against a real Prometheus 2.42 on the same data: each scenario's
// series are backfilled into Prometheus (promtool) and loaded into memoryStorage, then every
// query of test/fixtures/promql/queries.ts runs on both as instant queries (inside the data,
// at an unaligned time, near its start, and past its end within and beyond the lookback
// delta) and as range queries. Results must match as sets of label sets with values equal
// within 1e-9 relative (in order for sort/sort_desc); errors must match in type. Every
// mismatch is reported at once.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSeries } from '../../src/sandbox/metrics/generate.ts';
import { createPromqlEngine, type PromqlEngine, type QueryData } from '../../src/sandbox/promql/engine.ts';
import { PromqlError } from '../../src/sandbox/promql/errors.ts';
import { memoryStorage } from '../../src/sandbox/promql/memory-storage.ts';
import type { StoredSeries } from '../../src/sandbox/promql/storage.ts';
import { loadScenario, type Scenario } from '../../src/sandbox/scenario/load.ts';
import { correlationQueries } from '../fixtures/promql/correlation-queries.ts';
import { QUERY_GROUPS, REJECTED_QUERIES } from '../fixtures/promql/queries.ts';
import { runbookQueries } from '../fixtures/promql/runbook-queries.ts';
import { type RunningPrometheus, startPrometheus } from '../helpers/prometheus.ts';
import { REPO } from '../helpers/world.ts';

const SCENARIO_FILES = [
  'scenarios/checkout-bad-deploy.yaml',
  'scenarios/customer-etl.yaml',
  'test/fixtures/promql/edge-cases.yaml',
];
/** The harness's global evaluation_interval: the step of subqueries written without one. */
const HARNESS_EVALUATION_INTERVAL_MS = 1000;
const MINUTE = 60_000;
const RELATIVE_TOLERANCE = 1e-9;
const CONCURRENCY = 8;

interface Target {
  scenario: Scenario;
  engine: PromqlEngine;
  prometheus: RunningPrometheus;
}

type Evaluation =
  | { kind: 'instant'; label: string; time: number }
  | { kind: 'range'; label: string; start: number; end: number; step: number };

type Outcome = { ok: true; data: QueryData } | { ok: false; errorType: string; error: string };

interface Comparison {
  scenario: string;
  evaluation: string;
  /** As written in the fixture, before `{{now}}` is filled in. */
  template: string;
  query: string;
  sandbox: Outcome;
  prometheus: Outcome;
  difference?: string;
}

/** Series as the backfill stores them: values rounded to three decimals (see openmetrics.ts). */
function storedSeries(scenario: Scenario): StoredSeries[] {
  return generateSeries(scenario).map((stream) => {
    const samples = [...stream.samples];
    return {
      labels: { ...stream.labels, __name__: stream.name },
      timestamps: samples.map((sample) => sample.t),
      values: samples.map((sample) =>
        Number.isInteger(sample.v) ? sample.v : Math.round(sample.v * 1000) / 1000,
      ),
    };
  });
}

function evaluations(scenario: Scenario): Evaluation[] {
  const now = scenario.spec.now.getTime();
  const history = scenario.spec.history.getTime();
  return [
    { kind: 'instant', label: 'now', time: now },
    { kind: 'instant', label: 'now-23m17.123s', time: now - 23 * MINUTE - 17_123 },
    { kind: 'instant', label: 'history+90s', time: history + 90_000 },
    { kind: 'instant', label: 'now+4m', time: now + 4 * MINUTE },
    { kind: 'instant', label: 'now+6m', time: now + 6 * MINUTE },
    { kind: 'range', label: 'last hour at 60s', start: now - 60 * MINUTE, end: now, step: 60_000 },
    {
      kind: 'range',
      label: 'now-20m+7s..now+7m at 37s',
      start: now - 20 * MINUTE + 7000,
      end: now + 7 * MINUTE,
      step: 37_000,
    },
  ];
}

function withNow(query: string, scenario: Scenario): string {
  return query.replaceAll('{{now}}', String(scenario.spec.now.getTime() / 1000));
}

function sandboxOutcome(engine: PromqlEngine, query: string, evaluation: Evaluation): Outcome {
  try {
    const data =
      evaluation.kind === 'instant'
        ? engine.instant(query, evaluation.time)
        : engine.range(query, evaluation.start, evaluation.end, evaluation.step);
    return { ok: true, data };
  } catch (error) {
    if (!(error instanceof PromqlError)) throw error;
    return { ok: false, errorType: error.errorType, error: error.message };
  }
}

async function prometheusOutcome(url: string, query: string, evaluation: Evaluation): Promise<Outcome> {
  const params: Record<string, string> =
    evaluation.kind === 'instant'
      ? { query, time: String(evaluation.time / 1000) }
      : {
          query,
          start: String(evaluation.start / 1000),
          end: String(evaluation.end / 1000),
          step: String(evaluation.step / 1000),
        };
  const path = evaluation.kind === 'instant' ? 'query' : 'query_range';
  const res = await fetch(`${url}/api/v1/${path}`, { method: 'POST', body: new URLSearchParams(params) });
  const body = (await res.json()) as { status: string; data: QueryData; errorType: string; error: string };
  return body.status === 'success'
    ? { ok: true, data: body.data }
    : { ok: false, errorType: body.errorType, error: body.error };
}

function parseSample(value: string): number {
  return value === '+Inf'
    ? Number.POSITIVE_INFINITY
    : value === '-Inf'
      ? Number.NEGATIVE_INFINITY
      : Number(value);
}

function sameValue(a: string, b: string): boolean {
  const [x, y] = [parseSample(a), parseSample(b)];
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  if (x === y) return true;
  return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
}

function metricKey(metric: Record<string, string>): string {
  return `{${Object.keys(metric)
    .sort()
    .map((name) => `${name}=${JSON.stringify(metric[name])}`)
    .join(', ')}}`;
}

function samePairs(a: readonly [number, string][], b: readonly [number, string][]): string | undefined {
  if (a.length !== b.length) return `${a.length} samples, Prometheus ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const [[ta, va], [tb, vb]] = [a[i]!, b[i]!];
    if (ta !== tb) return `sample ${i} at ${ta}, Prometheus at ${tb}`;
    if (!sameValue(va, vb)) return `at ${ta}: ${va}, Prometheus ${vb}`;
  }
  return undefined;
}

/** How the sandbox's answer differs from Prometheus's, or undefined when they agree. */
function difference(sandbox: Outcome, prometheus: Outcome, ordered: boolean): string | undefined {
  if (!sandbox.ok || !prometheus.ok) {
    if (sandbox.ok !== prometheus.ok) return 'only one of them failed';
    return sandbox.ok || prometheus.ok || sandbox.errorType === prometheus.errorType
      ? undefined
      : `error type ${sandbox.errorType}, Prometheus ${prometheus.errorType}`;
  }
  const [a, b] = [sandbox.data, prometheus.data];
  if (a.resultType !== b.resultType) return `result type ${a.resultType}, Prometheus ${b.resultType}`;
  if (a.resultType === 'scalar' || a.resultType === 'string') {
    return samePairs([a.result], [b.result as [number, string]]);
  }
  const pairsOf = (data: QueryData): [string, [number, string][]][] =>
    data.resultType === 'vector'
      ? data.result.map((one) => [metricKey(one.metric), [one.value]])
      : data.resultType === 'matrix'
        ? data.result.map((one) => [metricKey(one.metric), one.values])
        : [];
  const [ours, theirs] = [pairsOf(a), pairsOf(b)];
  const theirsByKey = new Map(theirs);
  const oursByKey = new Map(ours);
  const missing = theirs.filter(([key]) => !oursByKey.has(key)).map(([key]) => key);
  const extra = ours.filter(([key]) => !theirsByKey.has(key)).map(([key]) => key);
  if (missing.length || extra.length || ours.length !== theirs.length) {
    return `series missing: ${missing.join(' ') || 'none'}; extra: ${extra.join(' ') || 'none'}; counts ${ours.length}/${theirs.length}`;
  }
  for (const [key, pairs] of ours) {
    const differs = samePairs(pairs, theirsByKey.get(key)!);
    if (differs) return `${key}: ${differs}`;
  }
  if (ordered && a.resultType === 'vector' && b.resultType === 'vector') {
    const values = (data: typeof a) => data.result.map((one) => one.value[1]);
    const [va, vb] = [values(a), values(b)];
    if (va.some((v, i) => !sameValue(v, vb[i]!)))
      return `order of values ${va.join(',')}, Prometheus ${vb.join(',')}`;
  }
  return undefined;
}

/** Runs the tasks with at most `limit` in flight. */
async function inPool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

function compareAll(targets: readonly Target[], queries: readonly string[]): Promise<Comparison[]> {
  const tasks = targets.flatMap((target) =>
    queries.flatMap((template) =>
      evaluations(target.scenario).map((evaluation) => async (): Promise<Comparison> => {
        const query = withNow(template, target.scenario);
        const sandbox = sandboxOutcome(target.engine, query, evaluation);
        const prometheus = await prometheusOutcome(target.prometheus.url, query, evaluation);
        const ordered = evaluation.kind === 'instant' && /^sort(_desc)?\(/.test(query);
        return {
          scenario: target.scenario.name,
          evaluation: `${evaluation.kind} ${evaluation.label}`,
          template,
          query,
          sandbox,
          prometheus,
          difference: difference(sandbox, prometheus, ordered),
        };
      }),
    ),
  );
  return inPool(tasks, CONCURRENCY);
}

function report(comparisons: readonly Comparison[]): string[] {
  const show = (outcome: Outcome) =>
    outcome.ok ? '' : ` [${outcome.errorType}: ${outcome.error.replace(/^invalid parameter "query": /, '')}]`;
  return comparisons
    .filter((c) => c.difference)
    .map(
      (c) =>
        `${c.scenario} ${c.evaluation} ${c.query}: ${c.difference}${show(c.sandbox)}${c.prometheus.ok ? '' : ` Prometheus${show(c.prometheus)}`}`,
    );
}

let targets: Target[] = [];

beforeAll(async () => {
  targets = await Promise.all(
    SCENARIO_FILES.map(async (file) => {
      const scenario = loadScenario(join(REPO, file));
      const engine = createPromqlEngine(memoryStorage(storedSeries(scenario)), {
        subqueryStepMs: HARNESS_EVALUATION_INTERVAL_MS,
      });
      return { scenario, engine, prometheus: await startPrometheus({ scenario }) };
    }),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(targets.map((target) => target.prometheus.close()));
});

describe('sandbox PromQL engine against Prometheus 2.42', () => {
  const fromCorrelation = correlationQueries(SCENARIO_FILES.map((file) => loadScenario(join(REPO, file))));
  const queries = [
    ...new Set([...Object.values(QUERY_GROUPS).flat(), ...runbookQueries(), ...fromCorrelation]),
  ];

  it("has at least 150 distinct queries, the runbooks' checks and the correlation engine's among them", () => {
    expect(runbookQueries().length).toBeGreaterThanOrEqual(6);
    expect(fromCorrelation.length).toBeGreaterThanOrEqual(20);
    expect(new Set(Object.values(QUERY_GROUPS).flat()).size).toBe(Object.values(QUERY_GROUPS).flat().length);
    expect(queries.length).toBeGreaterThanOrEqual(150);
  });

  it('answers every query as Prometheus does, on every scenario, at every time', async () => {
    const comparisons = await compareAll(targets, queries);
    expect(report(comparisons)).toEqual([]);
    // The data must exercise the engine: most queries return something somewhere.
    const answered = new Set(
      comparisons
        .filter((c) => c.prometheus.ok && JSON.stringify(c.prometheus.data.result).includes('"'))
        .map((c) => c.template),
    );
    expect(answered.size).toBeGreaterThan(queries.length * 0.9);
  }, 60_000);

  it('rejects what Prometheus rejects, with the same error type', async () => {
    const comparisons = await compareAll(targets, REJECTED_QUERIES);
    expect(report(comparisons)).toEqual([]);
    const neverRejected = REJECTED_QUERIES.filter(
      (query) => !comparisons.some((c) => c.template === query && !c.prometheus.ok),
    );
    expect(neverRejected).toEqual([]);
  }, 60_000);
});
