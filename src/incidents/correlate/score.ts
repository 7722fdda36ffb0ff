// The score of a candidate cause, as named parts an on-call engineer can check:
//
//   proximity  1.5 × e^(−lead/30 min): how close before the onset the cause appeared
//   graph      2.0 × position: the symptomatic service itself 1; a dependency it calls 0.75,
//                    0.6, 0.45 by depth (a changed dependency only as far as it is degraded
//                    itself); a node by how much of the failure sits on it; a cluster-wide
//                    change 0.3; a caller of the service 0.15; anything else 0.1; a
//                    ConfigMap write by the service whose pods read it, or at half the
//                    weight by the nearest service of its namespace when none is seen to
//   evidence   2.5 × strength, by category: a change lined up with metric shifts right
//                    after it; saturation with its driver (traffic growth, steady memory
//                    growth); node conditions where the failing pods run; a dependency's
//                    own errors, restarts, events and alerts; for an external service,
//                    timeouts naming it, alerts and status posts about it
//   novelty    1.0 × share of the new log templates (absent from the baseline) the cause
//                    accounts for: after a change, on a node, naming a dependency
//   prior      1.5 × how often such a cause is the cause (a release 0.9, a flag 0.8, a
//                    node or a ConfigMap write no change event records 0.7, capacity
//                    0.6...), scaled by priors from past incidents
//   timing     −(what the above loses when the cause came after the onset): causes
//                    precede effects; evidence dated more than 2 min after the onset keeps
//                    30%, more than 10 min after 5%
//   explained  −2.0 × how well something deeper explains it: a dependency whose failing
//                    pods all sit on a bad node, a dependency whose own dependency failed
//                    first, a traffic surge that a change upstream caused
//
// total = the sum of the parts; confidence = total / 8.5 (the most the parts can add up to).

import { ONSET_TOLERANCE_MS } from './assess.ts';
import type { Position } from './graph.ts';

const WEIGHTS = { proximity: 1.5, graph: 2, evidence: 2.5, novelty: 1, prior: 1.5 } as const;
const EXPLAINED_WEIGHT = 2;
export const MAX_SCORE = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
const PROXIMITY_SCALE_MS = 30 * 60_000;
const LATE_MS = 10 * 60_000;

export interface RawParts {
  /** Unix ms when the cause appeared; undefined when the evidence cannot date it. */
  at: number | undefined;
  /** 0..1 each. */
  graph: number;
  evidence: number;
  novelty: number;
  prior: number;
  /** 0..1: how well something else explains this candidate. */
  explained?: number;
}

export interface Score {
  total: number;
  parts: Record<string, number>;
}

export function scoreOf(raw: RawParts, onset: number): Score {
  const weighted = {
    proximity: WEIGHTS.proximity * proximity(raw.at, onset),
    graph: WEIGHTS.graph * clamp(raw.graph),
    evidence: WEIGHTS.evidence * clamp(raw.evidence),
    novelty: WEIGHTS.novelty * clamp(raw.novelty),
    prior: WEIGHTS.prior * clamp(raw.prior),
  };
  const sum = Object.values(weighted).reduce((a, b) => a + b, 0);
  const parts: Record<string, number> = {
    ...weighted,
    timing: -(1 - timing(raw.at, onset)) * sum,
    explained: -EXPLAINED_WEIGHT * clamp(raw.explained ?? 0),
  };
  const rounded = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round3(v)]));
  const total = round3(Object.values(rounded).reduce((a, b) => a + b, 0));
  return { total, parts: rounded };
}

export function confidenceOf(total: number): number {
  return round3(clamp(total / MAX_SCORE));
}

/** 1 up to the onset (and a little after), decaying with the lead over the onset. */
export function proximity(at: number | undefined, onset: number): number {
  if (at === undefined) return 0.3;
  return Math.exp(-Math.max(0, onset - at) / PROXIMITY_SCALE_MS);
}

/** Causes precede their effects: what appeared well after the onset keeps little of its score. */
export function timing(at: number | undefined, onset: number): number {
  if (at === undefined || at <= onset + ONSET_TOLERANCE_MS) return 1;
  return at <= onset + LATE_MS ? 0.3 : 0.05;
}

const UPSTREAM_BY_DEPTH = [1, 0.75, 0.6, 0.45];

/** How close in the dependency graph a service is to the symptomatic one. */
export function graphPosition(position: Position | undefined): number {
  if (!position) return 0.3; // names no service: cluster-wide
  switch (position.kind) {
    case 'self':
      return 1;
    case 'upstream':
      return UPSTREAM_BY_DEPTH[Math.min(position.depth, UPSTREAM_BY_DEPTH.length - 1)]!;
    case 'downstream':
      return 0.15;
    case 'unrelated':
      return 0.1;
  }
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
