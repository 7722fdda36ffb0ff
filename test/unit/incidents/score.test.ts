// The score an on-call engineer is shown: named parts that add up to the total, causes that
// come after the onset losing most of their score, closeness in time and in the graph
// counting, a better explanation subtracting. Runbooks: correlate-runbooks.test.ts.

import { describe, expect, it } from 'vitest';
import {
  confidenceOf,
  graphPosition,
  MAX_SCORE,
  proximity,
  scoreOf,
  timing,
} from '../../../src/incidents/correlate/score.ts';

const ONSET = Date.parse('2026-04-25T14:12:00Z');
const MIN = 60_000;
const strong = { graph: 1, evidence: 1, novelty: 1, prior: 1 };

describe('scoreOf', () => {
  it('adds its named parts up to the total', () => {
    const score = scoreOf(
      { at: ONSET - 5 * MIN, graph: 0.75, evidence: 0.6, novelty: 0.3, prior: 0.9, explained: 0.2 },
      ONSET,
    );
    expect(Object.keys(score.parts).sort()).toEqual(
      ['evidence', 'explained', 'graph', 'novelty', 'prior', 'proximity', 'timing'].sort(),
    );
    const sum = Object.values(score.parts).reduce((a, b) => a + b, 0);
    expect(score.total).toBeCloseTo(sum, 2);
    expect(score.parts.explained).toBeCloseTo(-0.4, 3);
  });

  it('gives a perfect cause right before the onset the whole score', () => {
    const score = scoreOf({ at: ONSET - 30_000, ...strong }, ONSET);
    expect(score.total).toBeCloseTo(MAX_SCORE, 1);
    expect(confidenceOf(score.total)).toBeCloseTo(1, 2);
  });

  it('takes most of the score from a cause that came well after the onset', () => {
    const before = scoreOf({ at: ONSET - 2 * MIN, ...strong }, ONSET);
    const after = scoreOf({ at: ONSET + 5 * MIN, ...strong }, ONSET);
    const muchLater = scoreOf({ at: ONSET + 30 * MIN, ...strong }, ONSET);
    expect(after.parts.timing).toBeLessThan(0);
    expect(after.total).toBeLessThan(before.total * 0.35);
    expect(muchLater.total).toBeLessThan(after.total);
  });

  it('tolerates evidence dated just after the onset (sampling, alert delays)', () => {
    expect(timing(ONSET + 90_000, ONSET)).toBe(1);
  });

  it('prefers the cause closer before the onset', () => {
    expect(proximity(ONSET - MIN, ONSET)).toBeGreaterThan(proximity(ONSET - 20 * MIN, ONSET));
    expect(proximity(ONSET - 20 * MIN, ONSET)).toBeGreaterThan(proximity(ONSET - 90 * MIN, ONSET));
    expect(proximity(ONSET + MIN, ONSET)).toBe(1);
  });

  it('never goes below zero confidence or above one', () => {
    expect(confidenceOf(-3)).toBe(0);
    expect(confidenceOf(MAX_SCORE * 2)).toBe(1);
  });
});

describe('graphPosition', () => {
  it('ranks the service itself, then its dependencies by depth, then callers, then the rest', () => {
    const order = [
      graphPosition({ kind: 'self' }),
      graphPosition({ kind: 'upstream', depth: 1 }),
      graphPosition({ kind: 'upstream', depth: 2 }),
      graphPosition({ kind: 'upstream', depth: 3 }),
      graphPosition({ kind: 'downstream' }),
      graphPosition({ kind: 'unrelated' }),
    ];
    expect([...order].sort((a, b) => b - a)).toEqual(order);
    expect(new Set(order).size).toBe(order.length);
    expect(graphPosition(undefined)).toBeGreaterThan(graphPosition({ kind: 'downstream' }));
  });
});
