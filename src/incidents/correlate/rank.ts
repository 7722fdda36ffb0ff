// From scored candidates to ranked hypotheses: one hypothesis per ref (a workload that both
// rolled out and ran out of memory is one suspect; its best reading names the category, the
// other readings add their evidence), ordered by score with the ref breaking ties, so the
// order never depends on the order the backends listed things in. Which runbooks each
// hypothesis suggests, with their parameters, is runbooks.ts's call.

import type { Candidate } from './candidates/candidate.ts';
import { confidenceOf, type Score, scoreOf } from './score.ts';
import type { Evidence, Hypothesis, SuggestedRunbook } from './types.ts';

const MAX_HYPOTHESES = 10;
const MAX_EVIDENCE = 12;

interface Scored {
  candidate: Candidate;
  score: Score;
}

export function rankHypotheses(
  candidates: readonly Candidate[],
  onset: number,
  suggest: (best: Candidate, incidentSignals: readonly string[]) => SuggestedRunbook[],
): Hypothesis[] {
  const byRef = new Map<string, Scored[]>();
  for (const candidate of candidates) {
    const scored = { candidate, score: scoreOf(candidate.raw, onset) };
    byRef.set(candidate.ref, [...(byRef.get(candidate.ref) ?? []), scored]);
  }
  const merged = [...byRef.values()].map((readings) => {
    const sorted = readings.sort(
      (a, b) => b.score.total - a.score.total || a.candidate.category.localeCompare(b.candidate.category),
    );
    const best = sorted[0]!;
    const others = sorted.slice(1);
    const signals = [...new Set(sorted.flatMap((r) => r.candidate.signals))].sort();
    return {
      best,
      evidence: mergeEvidence([
        ...best.candidate.evidence,
        ...others.map(
          (o): Evidence => ({
            kind: 'topology',
            summary: `also read as ${o.candidate.category} (score ${o.score.total}): ${o.candidate.summary}`,
          }),
        ),
        ...others.flatMap((o) => o.candidate.evidence),
      ]),
      signals,
    };
  });
  // What the incident shows (pool exhaustion, crash loops, timeouts) is known from every
  // candidate's evidence; which runbooks fit a cause is its category plus those signals.
  const incidentSignals = [...new Set(merged.flatMap((m) => m.signals))].sort();
  return merged
    .filter((m) => m.best.score.total > 0)
    .sort(
      (a, b) =>
        b.best.score.total - a.best.score.total || a.best.candidate.ref.localeCompare(b.best.candidate.ref),
    )
    .slice(0, MAX_HYPOTHESES)
    .map((m, index) => ({
      rank: index + 1,
      category: m.best.candidate.category,
      ref: m.best.candidate.ref,
      summary: m.best.candidate.summary,
      confidence: confidenceOf(m.best.score.total),
      score: m.best.score,
      evidence: m.evidence,
      suggestedRunbooks: suggest(m.best.candidate, incidentSignals),
    }));
}

/** Each piece once, in the order given (the best reading's first), capped. */
function mergeEvidence(items: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return items
    .filter((e) => {
      const key = `${e.kind}|${e.summary}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_EVIDENCE);
}
