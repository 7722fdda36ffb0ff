// The correlation engine's contract: what a caller asks (a service and a time), what it
// gets back (ranked hypotheses with their score broken into named parts, the evidence, the
// runbooks that fit, and a timeline), and what it needs (backends, the service catalog, a
// clock, optionally runbooks and priors). `ref` and `category` follow the scenario format's
// `truth` (docs/scenarios.md), so a drill can compare a hypothesis with the ground truth by
// equality.

import type { Backends } from '../../backends/types.ts';
import type { ROOT_CAUSE_CATEGORIES } from '../../sandbox/scenario/schema.ts';
import type { Clock } from '../../tool.ts';
import type { ServiceCatalog } from '../catalog.ts';

export type Category = (typeof ROOT_CAUSE_CATEGORIES)[number];

export interface CorrelateRequest {
  /** The symptomatic service, as the catalog names it. */
  service?: string;
  /** Without a service: the node the incident is about (without either: the cluster). */
  node?: string;
  namespace?: string;
  /** When the symptom was seen (an alert's time); signals after it are ignored. */
  at: Date;
  /** How far back to look; default 2 h. */
  lookbackMs?: number;
}

export interface Evidence {
  kind:
    | 'rollout'
    | 'config'
    | 'change'
    | 'event'
    | 'metric'
    | 'log'
    | 'alert'
    | 'node'
    | 'topology'
    | 'prior';
  /** RFC 3339. */
  at?: string;
  summary: string;
  ref?: string;
  value?: unknown;
}

export interface Hypothesis {
  rank: number;
  category: Category;
  /** Kind/namespace/name, Kind/name, Service/<name> or Change/<id>. */
  ref: string;
  summary: string;
  /** 0..1: the score as a fraction of the best score the model can give. */
  confidence: number;
  /** `total` is the sum of `parts` (see score.ts for what each part measures). */
  score: { total: number; parts: Record<string, number> };
  evidence: Evidence[];
  /** Runbooks whose checks fit the target, each with the parameters the hypothesis fills in. */
  suggestedRunbooks: SuggestedRunbook[];
}

export interface SuggestedRunbook {
  name: string;
  /** Ready for runbook_plan / runbook_run: every required parameter, from the hypothesis. */
  params: Record<string, string>;
}

export interface TimelineEntry {
  /** RFC 3339. */
  at: string;
  kind: string;
  summary: string;
  ref?: string;
}

export interface SignalStatus {
  source: string;
  /** `ok`, `not configured`, or what went wrong. */
  status: string;
}

export interface Correlation {
  request: { service?: string; node?: string; namespace?: string; at: string; lookbackMs: number };
  /** When the symptomatic service degraded: the first sustained change in its errors or latency. */
  onset?: { at: string; signal: string; from: number; to: number };
  hypotheses: Hypothesis[];
  timeline: TimelineEntry[];
  signals: SignalStatus[];
}

/** A runbook as correlation matches it: `spec.matches` of runbooks/*.yaml, its parameters and its PromQL checks. */
export interface RunbookMatch {
  name: string;
  matches: { categories: readonly string[]; signals: readonly string[] };
  params?: readonly RunbookParamInfo[];
  /** Its PromQL checks' queries, templates unrendered (`{{ params.service }}`). */
  queries?: readonly string[];
}

export interface RunbookParamInfo {
  name: string;
  type: string;
  required: boolean;
  default?: string | number;
  values?: readonly string[];
  /** For a `ref`: the kind it names. */
  kind?: string;
}

/** What a prior source judges: one candidate cause. */
export interface PriorQuery {
  category: Category;
  ref: string;
  /** The catalog service the candidate concerns, if any. */
  service?: string;
}

/**
 * Lessons from past incidents and runbook outcomes. `weight` scales the candidate's prior
 * (1: no opinion; 0..2, clamped), `why` is shown as evidence. The default is no priors.
 */
export interface Priors {
  weigh(query: PriorQuery): { weight: number; why: string } | undefined;
}

export interface CorrelateDeps {
  /** Any missing backend is reported as a `not configured` signal, never an error. */
  backends: Partial<Backends>;
  catalog: ServiceCatalog;
  clock: Clock;
  runbooks?: readonly RunbookMatch[];
  priors?: Priors;
}
