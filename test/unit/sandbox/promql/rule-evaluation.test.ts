// A scenario alert's rule as the sandbox evaluates it: on the grid, pending for `for`
// before it fires, resolved at the first evaluation without results, never flapping from
// one noisy point; evaluations are kept as the clock moves, and redone from a change of the
// incident timeline on (a fix changes the series from then, never before).

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatedRule } from '../../../../src/sandbox/prometheus/rule-evaluation.ts';
import { goExponent } from '../../../../src/sandbox/prometheus/rules.ts';
import { createPromqlEngine } from '../../../../src/sandbox/promql/engine.ts';
import { memoryStorage } from '../../../../src/sandbox/promql/memory-storage.ts';
import type { SeriesStorage } from '../../../../src/sandbox/promql/storage.ts';
import { alertEpisodes } from '../../../../src/sandbox/reactions/alert-episodes.ts';
import { incidentTimeline } from '../../../../src/sandbox/reactions/timeline.ts';
import { loadScenario } from '../../../../src/sandbox/scenario/load.ts';
import { REPO } from '../../../helpers/world.ts';

const STEP = 15_000;
const MINUTE = 60_000;
const grid = { start: 0, step: STEP };

/** `errors` at each grid point from 0 to 60 minutes: 0.2 while high(t), else 0.01. */
function series(high: (t: number) => boolean) {
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let t = 0; t <= 60 * MINUTE; t += STEP) {
    timestamps.push(t);
    values.push(high(t) ? 0.2 : 0.01);
  }
  return memoryStorage([{ labels: { __name__: 'errors', service: 'checkout' }, timestamps, values }]);
}

describe('an evaluated alerting rule', () => {
  it('pends for `for`, fires, and resolves at the first evaluation without results', () => {
    const storage = series((t) => t >= 10 * MINUTE && t < 30 * MINUTE);
    const rule = evaluatedRule(
      { expr: 'errors > 0.1', forMs: 2 * MINUTE },
      grid,
      createPromqlEngine(storage),
      incidentTimeline(undefined),
    );
    expect(rule.episodes(20 * MINUTE)).toEqual([[12 * MINUTE, Number.POSITIVE_INFINITY]]);
    expect(rule.episodes(40 * MINUTE)).toEqual([[12 * MINUTE, 30 * MINUTE]]);
    // Shorter than `for`: never fires.
    const blip = evaluatedRule(
      { expr: 'errors > 0.1', forMs: 2 * MINUTE },
      grid,
      createPromqlEngine(series((t) => t >= 10 * MINUTE && t < 11 * MINUTE)),
      incidentTimeline(undefined),
    );
    expect(blip.episodes(40 * MINUTE)).toEqual([]);
  });

  it('has fired since before its first evaluation when it holds there and says so (state restored)', () => {
    const storage = series((t) => t < 30 * MINUTE);
    const engine = createPromqlEngine(storage);
    const restored = evaluatedRule(
      { expr: 'errors > 0.1', forMs: 15 * MINUTE, firingSince: -2 * 60 * MINUTE },
      grid,
      engine,
      incidentTimeline(undefined),
    );
    expect(restored.episodes(40 * MINUTE)).toEqual([[-2 * 60 * MINUTE, 30 * MINUTE]]);
    // Without that knowledge it pends for `for` from the first evaluation.
    const fresh = evaluatedRule(
      { expr: 'errors > 0.1', forMs: 15 * MINUTE },
      grid,
      engine,
      incidentTimeline(undefined),
    );
    expect(fresh.episodes(40 * MINUTE)).toEqual([[15 * MINUTE, 30 * MINUTE]]);
  });

  it('evaluates only new steps as the clock moves, and redoes them from a timeline change on', () => {
    let fixedAt = Number.POSITIVE_INFINITY;
    const selects: number[] = [];
    // The series as they stand: regenerated after a fix, as the sandbox's metric store is.
    const counting: SeriesStorage = {
      select(matchers, mint, maxt) {
        selects.push(maxt);
        return series((t) => t >= 10 * MINUTE && t < fixedAt).select(matchers, mint, maxt);
      },
    };
    const timeline = incidentTimeline({
      incidentStart: new Date(10 * MINUTE),
      fixes: [],
      recovery: 0,
      transient: [],
    });
    const rule = evaluatedRule(
      { expr: 'errors > 0.1', forMs: 0 },
      grid,
      createPromqlEngine(counting),
      timeline,
    );
    expect(rule.episodes(20 * MINUTE)).toEqual([[10 * MINUTE, Number.POSITIVE_INFINITY]]);
    const evaluated = selects.length;
    rule.episodes(20 * MINUTE);
    expect(selects.length, 'nothing new to evaluate').toBe(evaluated);

    // A fix at 25m changes the series from then on; what came before is kept.
    fixedAt = 25 * MINUTE;
    timeline.suppress(fixedAt, Number.POSITIVE_INFINITY);
    expect(rule.episodes(40 * MINUTE)).toEqual([[10 * MINUTE, 25 * MINUTE]]);
  });

  it("reports the expression's value as Prometheus prints an alert's, not a constant", () => {
    expect([0.2345, 1, 12.5, 0, Number.NaN, Number.POSITIVE_INFINITY].map(goExponent)).toEqual([
      '2.345e-01',
      '1e+00',
      '1.25e+01',
      '0e+00',
      'NaN',
      '+Inf',
    ]);
    const scenario = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'));
    const now = scenario.spec.now.getTime();
    const clock = { now: () => new Date(now) };
    const episodes = alertEpisodes(scenario, clock, incidentTimeline(scenario.resolution));
    const [alert] = scenario.spec.alerts;
    const ratio = episodes.value(alert!, now);
    // The 5xx ratio the rule compares with 5%: well past it during the incident.
    expect(ratio).toBeGreaterThan(0.05);
    expect(ratio).toBeLessThan(1);
  });
});
