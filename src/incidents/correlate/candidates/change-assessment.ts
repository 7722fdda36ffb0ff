// What a change's surroundings say about it, shared by every kind of change (a rollout, a
// change event, a ConfigMap data write): where the changed service sits in the graph, how
// degraded it is, whether its metrics (or those of what it calls) shifted right after the
// change, and how many new log lines followed.

import type { CatalogService } from '../../catalog.ts';
import { alignment, follows } from '../assess.ts';
import { graphPosition } from '../score.ts';
import { format, iso } from '../text.ts';
import type { Evidence } from '../types.ts';
import type { Context } from './candidate.ts';
import { ownChange } from './explain.ts';
import { logSignals, noveltyAfter, templateEvidence, topNovel } from './log-evidence.ts';

/**
 * A change's evidence: the service it touched is in trouble (45%), its metrics moved right
 * after it (40%), and something specific ties it to the failure (15%): the failing pods are
 * the ones the rollout created, or a new log line names the change.
 */
export function changeEvidence(common: ChangeAssessment, specific: boolean): number {
  return 0.45 * common.degraded + 0.4 * common.alignment + 0.15 * (specific || common.explains ? 1 : 0);
}

export interface ChangeAssessment {
  graph: number;
  /** 0..1: how degraded the changed service is (1 for the symptomatic service). */
  degraded: number;
  alignment: number;
  novelty: number;
  /** The changed service is a degraded dependency whose trouble began right after this change. */
  explains: boolean;
  evidence: Evidence[];
  signals: string[];
}

const ALIGNED_KINDS = new Set(['traffic', 'error', 'latency', 'saturation']);

/** What the changed service's metrics, logs and place in the graph say about a change at `at`. */
export function assessChange(
  ctx: Context,
  service: CatalogService | undefined,
  at: number,
): ChangeAssessment {
  if (!service)
    return { graph: 0.1, degraded: 0, alignment: 0, novelty: 0, explains: false, evidence: [], signals: [] };
  const position = ctx.graph.position(service.name);
  const degradation = ctx.degradation(service.name);
  const degraded = position.kind === 'self' ? 1 : degradation.strength;
  const graph = graphPosition(position) * (position.kind === 'upstream' ? 0.35 + 0.65 * degraded : 1);
  const own = ctx.facts.metrics.get(service.name)?.series ?? [];
  // A change to a service on the path can drive its dependencies (a flag that multiplies calls).
  const onPath = position.kind === 'self' || position.kind === 'upstream';
  const dependencySeries = onPath
    ? ctx.graph
        .dependenciesOf(service.name)
        .flatMap((dep) =>
          (ctx.facts.metrics.get(dep)?.series ?? [])
            .filter((s) => ALIGNED_KINDS.has(s.kind))
            .map((s) => ({ dep, s })),
        )
    : [];
  const shifted = [
    ...own.filter((s) => s.shift).map((s) => ({ name: service.name, s, weight: 1 })),
    ...dependencySeries.filter(({ s }) => s.shift).map(({ dep, s }) => ({ name: dep, s, weight: 0.6 })),
  ];
  const aligned = shifted
    .filter(({ s }) => follows(s.shift!.at, at))
    .sort((a, b) => a.s.shift!.at - b.s.shift!.at || a.s.signal.localeCompare(b.s.signal));
  const workload = service.workload;
  const logs = workload ? ctx.facts.logs.get(workload) : undefined;
  const troubleSince = degradation.at;
  const explains =
    position.kind === 'upstream' &&
    degraded >= 0.5 &&
    troubleSince !== undefined &&
    ownChange(ctx, service, troubleSince)?.at === at;
  const evidence: Evidence[] = [
    {
      kind: 'topology',
      summary:
        position.kind === 'self'
          ? `${service.name} is the symptomatic service`
          : position.kind === 'upstream'
            ? `${ctx.graph.pathTo(service.name).join(' → ')}: ${service.name} is a dependency, degraded ${format(degraded)}`
            : `${service.name} is ${position.kind === 'downstream' ? `a caller of ${ctx.graph.symptomatic.name}` : `not on ${ctx.graph.symptomatic.name}'s dependency path`}`,
    },
    ...aligned.slice(0, 3).map(({ name, s }) => ({
      kind: 'metric' as const,
      at: iso(s.shift!.at),
      summary: `${name} ${s.signal} ${s.shift!.direction === 'up' ? 'rose' : 'fell'} from ${format(s.shift!.from)} to ${format(s.shift!.to)} ${Math.round((s.shift!.at - at) / 6_000) / 10} min after the change`,
      value: { from: s.shift!.from, to: s.shift!.to },
    })),
    ...(workload ? topNovel(logs, 2, at).map((t) => templateEvidence(t, workload)) : []),
    ...(position.kind === 'upstream' ? degradation.evidence.slice(0, 2) : []),
    ...(explains
      ? [
          {
            kind: 'topology' as const,
            summary: `${service.name}'s trouble began ${Math.round((troubleSince! - at) / 1000)} s after this change: it explains the dependency's trouble`,
          },
        ]
      : []),
  ];
  return {
    graph,
    degraded,
    alignment: alignment(
      at,
      shifted.map(({ s, weight }) => ({ shiftAt: s.shift!.at, weight })),
    ),
    novelty: noveltyAfter(logs, at),
    explains,
    evidence,
    signals: [...(onPath ? degradation.signals : []), ...logSignals(logs)],
  };
}
