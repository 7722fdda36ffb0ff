// The drill summary's arithmetic on hand-made results, exactly: a failure is a miss counted
// in N and in its category (or `unknown`), calibration averages the top hypothesis's
// confidence on each side, category accuracy looks at top-1 hits only; and the text report
// prints those figures with the overall line last.

import { describe, expect, it } from 'vitest';
import type { DrillOutcome } from '../../../src/incidents/drill/eval.ts';
import { summaryLines } from '../../../src/incidents/drill/report.ts';
import { type DrillFailure, summarizeDrill } from '../../../src/incidents/drill/summary.ts';

/** A played scenario whose true cause ranked `rank`, with the top hypothesis as given. */
function played(
  truthCategory: string,
  rank: number | null,
  top?: { category: string; confidence: number },
): DrillOutcome {
  const hypotheses = top
    ? [
        {
          rank: 1,
          category: top.category,
          ref: rank === 1 ? 'Deployment/a/truth' : 'Deployment/a/other',
          confidence: top.confidence,
          summary: '',
        },
      ]
    : [];
  return {
    scenario: `s-${truthCategory}-${rank}`,
    source: 'x.yaml',
    truth: { category: truthCategory, ref: 'Deployment/a/truth' },
    incident: { id: 'INC-2026-01-01-001', severity: 'critical', alerts: 1 },
    incidents: 1,
    rank,
    hypotheses,
    durationMs: 1,
  };
}

const failure = (category?: string): DrillFailure => ({
  scenario: 'broken',
  source: 'broken.yaml',
  ...(category ? { category } : {}),
  error: 'the alerts opened no incident',
});

describe('summarizeDrill', () => {
  const results = [
    played('deploy', 1, { category: 'deploy', confidence: 0.9 }),
    played('deploy', 1, { category: 'config', confidence: 0.7 }), // right ref, wrong category
    played('deploy', 2, { category: 'deploy', confidence: 0.6 }),
    played('config', null, { category: 'dependency', confidence: 0.4 }),
    played('config', null), // no hypothesis: no confidence on either side
    played('capacity', 1, { category: 'capacity', confidence: 0.8 }),
    failure('external'),
    failure(),
  ];
  const s = summarizeDrill(results);

  it('counts every scenario in N, failures as misses', () => {
    expect([s.total, s.top1, s.top3, s.failed]).toEqual([8, 3, 4, 2]);
  });

  it('scores each truth category in the schema order, unknown last', () => {
    expect(s.byCategory).toEqual({
      deploy: { total: 3, top1: 2, top3: 3 },
      config: { total: 2, top1: 0, top3: 0 },
      capacity: { total: 1, top1: 1, top3: 1 },
      external: { total: 1, top1: 0, top3: 0 },
      unknown: { total: 1, top1: 0, top3: 0 },
    });
    expect(Object.keys(s.byCategory)).toEqual(['deploy', 'config', 'capacity', 'external', 'unknown']);
  });

  it('averages the top confidence when right and when wrong', () => {
    expect(s.calibration.right.count).toBe(3);
    expect(s.calibration.right.mean).toBeCloseTo((0.9 + 0.7 + 0.8) / 3, 12);
    expect(s.calibration.wrong.count).toBe(2);
    expect(s.calibration.wrong.mean).toBeCloseTo((0.6 + 0.4) / 2, 12);
  });

  it('takes category accuracy over the top-1 hits only', () => {
    expect(s.categoryAccuracy).toEqual({ hits: 3, sameCategory: 2, share: 2 / 3 });
  });

  it('has no mean and no share when nothing is there to average', () => {
    const none = summarizeDrill([failure('deploy')]);
    expect(none.calibration).toEqual({ right: { count: 0, mean: null }, wrong: { count: 0, mean: null } });
    expect(none.categoryAccuracy).toEqual({ hits: 0, sameCategory: 0, share: null });
    expect(none).toMatchObject({ total: 1, top1: 0, top3: 0, failed: 1 });
  });

  it('prints the figures, the overall line last', () => {
    expect(summaryLines(s)).toEqual([
      'by truth category:',
      '  deploy    top1 2/3 (67%)   top3 3/3 (100%)',
      '  config    top1 0/2 (0%)    top3 0/2 (0%)',
      '  capacity  top1 1/1 (100%)  top3 1/1 (100%)',
      '  external  top1 0/1 (0%)    top3 0/1 (0%)',
      '  unknown   top1 0/1 (0%)    top3 0/1 (0%)',
      'calibration: top hypothesis confidence 0.80 mean (3 scenarios) when right, 0.50 mean (2 scenarios) when wrong',
      'category accuracy: 2/3 (67%) of the top-1 hits name the true category',
      'could not be played: 2/8 (counted as misses)',
      'top1 3/8 top3 4/8',
    ]);
  });
});
