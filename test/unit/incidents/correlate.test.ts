// How correlation weighs evidence, on small fake worlds: a node is blamed when the failure
// sits on it and not when it merely hosts one of many failing pods; a change after the
// onset cannot outrank one before it; a dependency's surge right after a flag upstream is
// the flag's doing; a caller timing out with nothing in the cluster to blame points at the
// third party it calls; priors scale a cause's prior; and a missing or failing backend is a
// signal status, never a crash.

import { describe, expect, it } from 'vitest';
import { serviceCatalogSchema } from '../../../src/incidents/catalog.ts';
import { correlate } from '../../../src/incidents/correlate/index.ts';
import type { CorrelateDeps } from '../../../src/incidents/correlate/types.ts';
import {
  at,
  deploymentPods,
  fakeChanges,
  fakeKubernetes,
  fakePrometheus,
  MIN,
  NOW,
  node,
  repeated,
  step,
} from './fakes.ts';

const clock = { now: () => new Date(NOW) };
const request = { service: 'api', at: new Date(NOW) };
const catalog = serviceCatalogSchema.parse([
  { name: 'api', workload: 'Deployment/shop/api', dependsOn: ['recs'] },
  { name: 'recs', workload: 'Deployment/shop/recs' },
]);
/** api's errors jump 10 minutes ago. */
const apiErrors = { api: { errorRatio: step(-10, 0.002, 0.2), traffic: () => 100 } };

function nodeWorld(failing: ('a' | 'b' | 'c')[]): CorrelateDeps {
  const pods = (['a', 'b', 'c'] as const).map((n) => ({
    name: `api-7d788647f7-pod${n}`,
    node: `node-${n}`,
    ...(failing.includes(n) ? { problem: 'CrashLoopBackOff' as const, restartedAt: NOW - 8 * MIN } : {}),
  }));
  const logs = Object.fromEntries(
    pods.map((p) => [
      p.name,
      [
        ...repeated(-120, 0, 5, 'INFO GET /api 200 12ms'),
        ...(p.problem
          ? repeated(-10, 0, 10, 'ERROR unable to create native thread: possibly out of memory')
          : []),
      ],
    ]),
  );
  return {
    backends: {
      kubernetes: fakeKubernetes(
        [
          ...deploymentPods('shop', 'api', pods),
          node('node-a'),
          node('node-b', { type: 'PIDPressure', status: 'True', since: NOW - 12 * MIN }),
          node('node-c'),
        ],
        logs,
      ),
      prometheus: fakePrometheus(apiErrors),
    },
    catalog,
    clock,
  };
}

describe('correlate', () => {
  it('blames a node under pressure when the failing pods run on it and their copies elsewhere are fine', async () => {
    const result = await correlate(request, nodeWorld(['b']));
    const top = result.hypotheses[0]!;
    expect(top).toMatchObject({ rank: 1, category: 'infrastructure', ref: 'Node/node-b' });
    expect(top.confidence).toBeGreaterThan(0.7);
    expect(top.evidence.map((e) => e.kind)).toEqual(expect.arrayContaining(['node', 'topology', 'log']));
    expect(result.onset).toMatchObject({ at: at(-10), signal: 'errorRatio' });
  });

  it('barely suspects a node under pressure when the pods fail on every node', async () => {
    const localized = (await correlate(request, nodeWorld(['b']))).hypotheses[0]!;
    const spread = (await correlate(request, nodeWorld(['a', 'b', 'c']))).hypotheses.find(
      (h) => h.ref === 'Node/node-b',
    )!;
    expect(spread.score.parts.graph).toBeLessThan(localized.score.parts.graph! / 3);
    expect(spread.confidence).toBeLessThan(localized.confidence - 0.25);
  });

  it('ranks a change before the onset above one after it', async () => {
    const flag = (id: string, minutes: number) => ({
      id,
      at: at(minutes),
      kind: 'feature_flag' as const,
      service: 'api',
      summary: `${id} enabled`,
    });
    const result = await correlate(request, {
      backends: {
        prometheus: fakePrometheus(apiErrors),
        changes: fakeChanges([flag('flag-late', -4), flag('flag-early', -12)]),
      },
      catalog,
      clock,
    });
    expect(result.hypotheses.map((h) => h.ref)).toEqual(['Change/flag-early', 'Change/flag-late']);
    const late = result.hypotheses[1]!;
    expect(late.score.parts.timing).toBeLessThan(0);
    expect(late.confidence).toBeLessThan(result.hypotheses[0]!.confidence / 2);
  });

  it("holds a change upstream, not the dependency, responsible for the dependency's surge", async () => {
    const result = await correlate(request, {
      backends: {
        prometheus: fakePrometheus({
          ...apiErrors,
          recs: {
            traffic: step(-11, 70, 2900),
            latencyP99: step(-10, 0.12, 3),
            errorRatio: step(-10, 0.001, 0.03),
          },
        }),
        changes: fakeChanges([
          {
            id: 'flag-ranking',
            at: at(-11),
            kind: 'feature_flag',
            service: 'api',
            summary: 'ranking-v2 to 100%',
          },
        ]),
      },
      catalog,
      clock,
    });
    expect(result.hypotheses[0]!.ref).toBe('Change/flag-ranking');
    const recs = result.hypotheses.find((h) => h.ref === 'Deployment/shop/recs')!;
    expect(recs.category).toBe('dependency');
    expect(recs.score.parts.explained).toBeLessThan(-1);
    expect(recs.evidence.map((e) => e.summary)).toContainEqual(
      expect.stringContaining('began right after the feature_flag Change/flag-ranking upstream'),
    );
  });

  it('blames the third party a caller times out on when nothing in the cluster explains it', async () => {
    const world = (recsErrors: (m: number) => number): CorrelateDeps => ({
      backends: {
        prometheus: fakePrometheus({
          api: { errorRatio: step(-10, 0.002, 0.2), latencyP99: step(-10, 0.3, 10), traffic: () => 100 },
          recs: { errorRatio: recsErrors, latencyP99: () => 0.1, traffic: () => 50 },
        }),
        changes: fakeChanges([
          { id: 'flag-banner', at: at(-12), kind: 'feature_flag', service: 'web', summary: 'banner on' },
        ]),
      },
      catalog: serviceCatalogSchema.parse([
        { name: 'web', workload: 'Deployment/shop/web' },
        { name: 'api', workload: 'Deployment/shop/api', dependsOn: ['recs', 'psp'] },
        { name: 'recs', workload: 'Deployment/shop/recs' },
        { name: 'psp', kind: 'external' },
      ]),
      clock,
    });
    const healthy = await correlate(
      request,
      world(() => 0.001),
    );
    expect(healthy.hypotheses[0]).toMatchObject({ ref: 'Service/psp', category: 'external' });
    expect(healthy.hypotheses[0]!.evidence.map((e) => e.summary)).toContainEqual(
      expect.stringContaining('psp is the only thing it calls outside the cluster'),
    );
    const recsFailing = await correlate(request, world(step(-11, 0.001, 0.3)));
    expect(recsFailing.hypotheses.find((h) => h.ref === 'Service/psp')).toBeUndefined();
  });

  it('scales a cause by the priors it is given, and says why', async () => {
    const deps = (priors?: CorrelateDeps['priors']): CorrelateDeps => ({
      backends: {
        prometheus: fakePrometheus(apiErrors),
        changes: fakeChanges([
          { id: 'flag-x', at: at(-12), kind: 'feature_flag', service: 'api', summary: 'x' },
        ]),
      },
      catalog,
      clock,
      ...(priors ? { priors } : {}),
    });
    const plain = (await correlate(request, deps())).hypotheses[0]!;
    const halved = (
      await correlate(
        request,
        deps({ weigh: () => ({ weight: 0.5, why: 'rolled back twice without effect' }) }),
      )
    ).hypotheses[0]!;
    expect(halved.score.parts.prior).toBeCloseTo(plain.score.parts.prior! / 2, 3);
    expect(halved.evidence).toContainEqual(
      expect.objectContaining({ kind: 'prior', summary: expect.stringContaining('rolled back twice') }),
    );
  });

  it('reports missing backends as not configured and still answers', async () => {
    const result = await correlate(request, { backends: {}, catalog, clock });
    expect(result.hypotheses).toEqual([]);
    expect(result.onset).toBeUndefined();
    expect(Object.fromEntries(result.signals.map((s) => [s.source, s.status]))).toMatchObject({
      kubernetes: 'not configured',
      prometheus: 'not configured',
      changes: 'not configured',
      cloudwatch: 'not configured',
    });
  });

  it('reports a failing backend with its error and goes on with the others', async () => {
    const result = await correlate(request, {
      backends: {
        prometheus: fakePrometheus({}, { failing: true }),
        changes: fakeChanges([
          { id: 'flag-x', at: at(-12), kind: 'feature_flag', service: 'api', summary: 'x' },
        ]),
      },
      catalog,
      clock,
    });
    const status = Object.fromEntries(result.signals.map((s) => [s.source, s.status]));
    expect(status.prometheus).toMatch(/^failed: .*connection refused/);
    expect(status.changes).toBe('ok');
    expect(result.hypotheses[0]!.ref).toBe('Change/flag-x');
  });

  it('says which queries failed when only some did', async () => {
    const result = await correlate(request, {
      backends: { prometheus: fakePrometheus(apiErrors, { failingSignal: 'latencyP99' }) },
      catalog,
      clock,
    });
    const status = Object.fromEntries(result.signals.map((s) => [s.source, s.status]));
    expect(status.prometheus).toMatch(/^partial: 2 queries failed, the first with: .*connection refused/);
    expect(result.onset).toMatchObject({ signal: 'errorRatio', at: at(-10) });
  });

  it('correlates a service the catalog does not know on its own, and says so', async () => {
    const result = await correlate({ service: 'ghost', at: new Date(NOW) }, { backends: {}, catalog, clock });
    expect(result.signals[0]).toEqual({
      source: 'catalog',
      status: 'no service "ghost" in the catalog: no dependencies known',
    });
  });
});
