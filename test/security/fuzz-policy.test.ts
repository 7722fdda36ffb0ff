// Surface: the policy's input. The default bundle is evaluated on thousands of PolicyInput-
// shaped values the gate would never build itself: fields missing, of the wrong type (any
// JavaScript value: NaN, huge numbers, BigInts, dates, nested junk), odd strings in every
// place. Evaluation must never throw, an evaluation error must be a deny (fail closed), and a
// real mutation in production (an unknown or missing environment counts as production) is
// never allowed, unless it is a dry run or incident/runbook bookkeeping, which the bundle
// allows by rule. Reproduce a failure with FUZZ_SEED=<seed printed>.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_POLICY } from '../../src/config/schema.ts';
import { loadBundleFile } from '../../src/policy/bundle.ts';
import type { PolicyInput } from '../../src/types.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 1212);
const RUNS = Number(process.env.FUZZ_RUNS_POLICY ?? 3000);
const bundle = loadBundleFile(BUILTIN_POLICY);

/** Tools the default bundle allows in production by rule: they change no system themselves. */
const BOOKKEEPING = ['incident_note', 'incident_update_status', 'runbook_run', 'runbook_cancel'];
const TOOLS = [
  'k8s_deployment_scale',
  'k8s_rollout_restart',
  'k8s_pod_delete',
  'am_silence_create',
  ...BOOKKEEPING,
];

const odd = fc.constantFrom(
  '',
  ' ',
  'PRODUCTION',
  'prod',
  'null',
  'undefined',
  '\u0000',
  'true',
  '"',
  '\\',
  '💥',
);
/** Any JavaScript value at all, including what JSON cannot carry. */
const hostile = fc.oneof(
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    maxDepth: 2,
  }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, -1e308, 1e308, 2 ** 64, -0, new Date(Number.NaN)),
);
/** Usually a plausible value, sometimes absent, sometimes anything. */
function field<T>(plausible: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: plausible },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: hostile },
  );
}
function shape(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  return field(fc.record(fields, { requiredKeys: [] }));
}
const text = fc.oneof(fc.string({ maxLength: 20 }), odd);
const count = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double());
const share = fc.oneof(fc.double({ min: 0, max: 1 }), fc.double());
const windows = (...keys: string[]) => shape(Object.fromEntries(keys.map((k) => [k, field(count)])));

const policyInput = fc.record(
  {
    request: shape({
      tool: field(fc.oneof(fc.constantFrom(...TOOLS), text)),
      kind: field(fc.oneof(fc.constantFrom('read', 'mutate'), text)),
      args: field(
        fc.dictionary(fc.oneof(fc.constantFrom('kind', 'runbook', 'replicas'), text), fc.jsonValue()),
      ),
      dryRun: field(fc.boolean()),
      reason: field(text),
    }),
    target: shape({
      cluster: field(text),
      namespace: field(fc.oneof(fc.constantFrom('shop', 'staging'), text)),
      kind: field(fc.oneof(fc.constantFrom('Deployment', 'Secret', 'secrets', 'Pod'), text)),
      name: field(text),
      service: field(text),
      environment: field(fc.oneof(fc.constantFrom('production', 'staging', 'development', 'perf'), text)),
      declaredEnvironment: field(text),
      labels: field(fc.dictionary(text, text)),
      workload: shape({ kind: field(text), name: field(text) }),
    }),
    principal: shape({
      id: field(text),
      type: field(fc.oneof(fc.constantFrom('human', 'agent', 'service'), text)),
      roles: field(fc.array(fc.oneof(fc.constantFrom('sre-oncall', 'responder', 'viewer'), text))),
      client: shape({ name: field(text), version: field(text) }),
      transport: field(fc.oneof(fc.constantFrom('http', 'stdio'), text)),
    }),
    impact: shape({
      pods: field(count),
      replicas: field(count),
      fractionOfService: field(share),
      cumulativeFractionOfService: field(share),
      estimatedCostUsd: field(count),
      reversible: field(fc.boolean()),
    }),
    history: shape({
      sameTarget: windows('10m', '1h', '24h'),
      sameTool: windows('1h'),
      approvalsRejected: windows('24h'),
      restarts: windows('10m', '1h', '24h'),
      capacityRemoved: windows('1h', '24h'),
      principalChanges: windows('10m', '1h'),
    }),
    incident: shape({ id: field(text), severity: field(text), status: field(text) }),
    context: shape({
      now: field(fc.date()),
      changeFreeze: field(fc.boolean()),
      rolloutInProgress: field(fc.boolean()),
    }),
  },
  { requiredKeys: [] },
);

// biome-ignore lint/suspicious/noExplicitAny: the fuzzed input is any shape at all
type Loose = any;

/** A real change in production as the gate reads it: kind not "read", not a dry run, environment missing or "production". */
function realProductionMutation(input: Loose): boolean {
  const request = input?.request;
  if (request?.kind === 'read' || request?.dryRun === true) return false;
  if (BOOKKEEPING.includes(request?.tool)) return false;
  const environment = input?.target?.environment;
  return typeof environment !== 'string' || environment === '' || environment === 'production';
}

describe('the default policy on fuzzed input', () => {
  it(`never throws, denies on any evaluation error, and never allows a real production change (${RUNS} inputs)`, () => {
    fc.assert(
      fc.property(policyInput, (input) => {
        const decision = bundle.evaluate(input as PolicyInput);
        expect(['allow', 'escalate', 'deny']).toContain(decision.effect);
        expect(decision.bundle).toEqual(bundle.ref);
        if (decision.error) expect(decision.effect).toBe('deny');
        if (realProductionMutation(input)) expect(decision.effect).not.toBe('allow');
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('decides the same way twice for the same input', () => {
    fc.assert(
      fc.property(policyInput, (input) => {
        const pinned = { ...(input as Loose), context: { ...(input as Loose).context, now: new Date(0) } };
        const first = bundle.evaluate(pinned as PolicyInput);
        expect(bundle.evaluate(pinned as PolicyInput)).toEqual(first);
      }),
      { seed: SEED + 1, numRuns: 300 },
    );
  });
});
