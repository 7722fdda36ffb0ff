// How `opswarden drill eval` prints a run for a person: one line per scenario (where the
// true cause ranked and what came first instead; a scenario that could not be played says
// why), then the summary: top-1/top-3 per truth category, calibration, category accuracy,
// and last the overall `top1 A/N top3 B/N`, the line scripts read.

import type { DrillOutcome } from './eval.ts';
import { categoryDiffers, type DrillFailure, type DrillSummary, type MeanConfidence } from './summary.ts';

export function outcomeLine(o: DrillOutcome): string {
  const top = o.hypotheses[0];
  const verdict = o.rank === 1 ? 'ok ' : o.rank !== null && o.rank <= 3 ? 'top3' : 'MISS';
  const rank = o.rank === null ? 'not found' : `rank ${o.rank}`;
  const best = top ? `top: ${top.category} ${top.ref} (${top.confidence.toFixed(2)})` : 'no hypothesis';
  const category = categoryDiffers(o) ? ' (wrong category)' : '';
  return `${verdict} ${o.scenario}: ${rank}; truth ${o.truth.category} ${o.truth.ref}; ${best}${category}; incident ${o.incident.id} (${o.incident.alerts} alerts of ${o.incidents} incidents) in ${(o.durationMs / 1000).toFixed(1)} s`;
}

export function failureLine(f: DrillFailure): string {
  return `FAIL ${f.scenario}: could not be played (a miss): ${f.error.replace(/\s*\n\s*/g, ' ')}`;
}

export function summaryLines(s: DrillSummary): string[] {
  const rows = Object.entries(s.byCategory).map(([category, c]) => [
    category,
    fraction(c.top1, c.total),
    fraction(c.top3, c.total),
  ]);
  const width = (column: number) => Math.max(...rows.map((row) => row[column]!.length));
  const { hits, sameCategory, share } = s.categoryAccuracy;
  return [
    'by truth category:',
    ...rows.map(
      ([category, top1, top3]) =>
        `  ${category!.padEnd(width(0))}  top1 ${top1!.padEnd(width(1))}  top3 ${top3}`,
    ),
    `calibration: top hypothesis confidence ${meanText(s.calibration.right)} when right, ${meanText(s.calibration.wrong)} when wrong`,
    `category accuracy: ${hits ? `${sameCategory}/${hits} (${percent(share ?? 0)})` : 'n/a'} of the top-1 hits name the true category`,
    ...(s.failed ? [`could not be played: ${s.failed}/${s.total} (counted as misses)`] : []),
    `top1 ${s.top1}/${s.total} top3 ${s.top3}/${s.total}`,
  ];
}

function fraction(n: number, total: number): string {
  return `${n}/${total} (${percent(n / total)})`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function meanText(m: MeanConfidence): string {
  return m.mean === null ? 'n/a (0 scenarios)' : `${m.mean.toFixed(2)} mean (${m.count} scenarios)`;
}
