// Incident correlation: given a symptomatic service (or a node, or the cluster: scope.ts)
// and a time, gather the signals through
// opswarden's backends (never anything else, so it runs the same on a real cluster as on
// the sandbox), find when the service degraded, walk its dependencies, and rank candidate
// causes with a score whose parts are named and shown (score.ts). Candidates come from
// changes (changes.ts), ConfigMap data writes no change accounts for (config-writes.ts),
// capacity (capacity.ts), nodes (nodes.ts) and dependencies (dependencies.ts). Nothing here knows a scenario's name or its ground truth.

import { findOnset } from './assess.ts';
import { type Context, createContext } from './candidates/candidate.ts';
import { capacityCandidates } from './candidates/capacity.ts';
import { changeCandidates } from './candidates/changes.ts';
import { configWriteCandidates, configWrites } from './candidates/config-writes.ts';
import { dependencyCandidates } from './candidates/dependencies.ts';
import { nodeCandidates } from './candidates/nodes.ts';
import { gatherFacts, gatherLogs, type LogTarget } from './gather/index.ts';
import { serviceGraph } from './graph.ts';
import { rankHypotheses } from './rank.ts';
import { suggestRunbooks } from './runbooks.ts';
import { scopeOf } from './scope.ts';
import { iso, round } from './text.ts';
import { buildTimeline } from './timeline.ts';
import type { CorrelateDeps, CorrelateRequest, Correlation, SignalStatus } from './types.ts';

export type * from './types.ts';

export const DEFAULT_LOOKBACK_MS = 2 * 3_600_000;
/** Where metric baselines end, as a fraction of the window. */
const BASELINE_FRACTION = 0.4;

export async function correlate(req: CorrelateRequest, deps: CorrelateDeps): Promise<Correlation> {
  const lookbackMs = req.lookbackMs ?? DEFAULT_LOOKBACK_MS;
  const now = deps.clock.now().getTime();
  const at = Math.min(req.at.getTime(), now);
  const since = at - lookbackMs;
  const scope = await scopeOf(req, deps.catalog, deps.backends);
  const { service } = scope;
  const graph = serviceGraph(deps.catalog, service);
  const facts = await gatherFacts(deps.backends, deps.catalog, graph, {
    since,
    at,
    now,
    baselineEnd: since + BASELINE_FRACTION * lookbackMs,
  });
  if (scope.node) facts.node = scope.node;
  const onset = findOnset(facts, service);
  const ctx = createContext(facts, onset, deps.catalog, deps.priors);
  await gatherLogs(deps.backends, facts, onset.at, logTargets(ctx));
  const candidates = [
    ...changeCandidates(ctx),
    ...configWriteCandidates(ctx),
    ...capacityCandidates(ctx),
    ...nodeCandidates(ctx),
    ...dependencyCandidates(ctx),
  ];
  const signals: SignalStatus[] = [...scope.signals, ...facts.signals];
  return {
    request: {
      ...(req.service ? { service: req.service } : {}),
      ...(scope.node ? { node: scope.node } : {}),
      ...(req.namespace ? { namespace: req.namespace } : {}),
      at: iso(at),
      lookbackMs,
    },
    ...(onset.from !== undefined && onset.to !== undefined
      ? { onset: { at: iso(onset.at), signal: onset.signal, from: round(onset.from), to: round(onset.to) } }
      : {}),
    hypotheses: rankHypotheses(candidates, onset.at, (best, signals) =>
      suggestRunbooks(ctx, best, signals, deps.runbooks ?? []),
    ),
    timeline: buildTimeline(facts, onset),
    signals,
  };
}

const SYMPTOMATIC_PODS = 6;
const DEPENDENCY_PODS = 3;
/** A dependency this degraded has logs worth reading. */
const DEGRADED = 0.3;

/**
 * Logs worth reading (they are the costliest signal): the symptomatic service's, and those
 * of dependencies that are in trouble or changed in the window.
 */
function logTargets(ctx: Context): LogTarget[] {
  const changed = new Set([
    ...ctx.facts.rollouts.map((r) => ctx.serviceOfWorkload(r.workload)?.name),
    ...ctx.facts.changes.map((c) => c.service),
    ...configWrites(ctx).map((w) => w.service?.name),
  ]);
  return ctx.facts.scope.flatMap((service, index) => {
    if (!service.workload) return [];
    if (index === 0) return [{ workload: service.workload, maxPods: SYMPTOMATIC_PODS }];
    const worthIt = ctx.degradation(service.name).strength >= DEGRADED || changed.has(service.name);
    return worthIt ? [{ workload: service.workload, maxPods: DEPENDENCY_PODS }] : [];
  });
}
