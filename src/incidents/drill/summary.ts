// The figures a drill run ends with, computed from the per-scenario results alone (a pure
// function, so the arithmetic is unit-tested exactly). A scenario that could not be played
// is a miss counted in N: dropping it would raise the score exactly when something broke.
// Besides top-1/top-3 overall and per truth category: calibration (the top hypothesis's
// mean confidence when it names the true cause and when it does not: a confident wrong
// answer misleads at 3 a.m.) and category accuracy (of the top-1 hits, how many also put
// the cause in the truth's category, which picks the runbooks suggested).

import { ROOT_CAUSE_CATEGORIES } from '../../sandbox/scenario/schema.ts';
import type { DrillOutcome } from './eval.ts';

/** A scenario the evaluator failed on: a miss, with why. */
export interface DrillFailure {
  scenario: string;
  source: string;
  /** The truth's category, when known (the scenario loaded, or the generator said). */
  category?: string;
  error: string;
}

export type DrillResult = DrillOutcome | DrillFailure;

export interface Score {
  total: number;
  top1: number;
  top3: number;
}

export interface MeanConfidence {
  /** Played scenarios with a top hypothesis on this side. */
  count: number;
  /** null when count is 0. */
  mean: number | null;
}

export interface DrillSummary extends Score {
  /** Scenarios that could not be played (counted in total, never in top1/top3). */
  failed: number;
  /** By truth category, in the schema's order; `unknown` for failures before the truth was read. */
  byCategory: Record<string, Score>;
  /** The top hypothesis's confidence when it is the true cause (right) and when not (wrong). */
  calibration: { right: MeanConfidence; wrong: MeanConfidence };
  /** Of the top-1 hits, those whose hypothesis category is the truth's. share: null with no hit. */
  categoryAccuracy: { hits: number; sameCategory: number; share: number | null };
}

export const UNKNOWN_CATEGORY = 'unknown';

export function isFailure(result: DrillResult): result is DrillFailure {
  return 'error' in result;
}

/** Whether the top hypothesis (right or wrong) names another category than the truth's. */
export function categoryDiffers(outcome: DrillOutcome): boolean {
  const top = outcome.hypotheses[0];
  return top !== undefined && top.category !== outcome.truth.category;
}

export function summarizeDrill(results: readonly DrillResult[]): DrillSummary {
  const played = results.filter((r): r is DrillOutcome => !isFailure(r));
  const byCategory: Record<string, Score> = {};
  for (const category of [...ROOT_CAUSE_CATEGORIES, UNKNOWN_CATEGORY]) {
    const mine = results.filter((r) => categoryOf(r) === category);
    if (mine.length) byCategory[category] = score(mine);
  }
  const tops = played.flatMap((o) => (o.hypotheses[0] ? [{ o, top: o.hypotheses[0] }] : []));
  const hits = tops.filter(({ o }) => o.rank === 1);
  const sameCategory = hits.filter(({ o }) => !categoryDiffers(o)).length;
  return {
    ...score(results),
    failed: results.length - played.length,
    byCategory,
    calibration: {
      right: mean(hits.map(({ top }) => top.confidence)),
      wrong: mean(tops.filter(({ o }) => o.rank !== 1).map(({ top }) => top.confidence)),
    },
    categoryAccuracy: {
      hits: hits.length,
      sameCategory,
      share: hits.length ? sameCategory / hits.length : null,
    },
  };
}

function categoryOf(result: DrillResult): string {
  return (isFailure(result) ? result.category : result.truth.category) ?? UNKNOWN_CATEGORY;
}

function score(results: readonly DrillResult[]): Score {
  const ranks = results.flatMap((r) => (isFailure(r) || r.rank === null ? [] : [r.rank]));
  return {
    total: results.length,
    top1: ranks.filter((rank) => rank === 1).length,
    top3: ranks.filter((rank) => rank <= 3).length,
  };
}

function mean(values: readonly number[]): MeanConfidence {
  return {
    count: values.length,
    mean: values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : null,
  };
}
