// Changes as candidate causes: every rollout and every change event that changes the
// system (releases, config syncs, flags, migrations, infrastructure) in the window. A
// change is likely the cause when it touched the symptomatic service (or a dependency
// that is itself degraded), came shortly before the onset, was followed within minutes by
// shifts in that service's metrics, and by log lines never seen before. A config sync is
// named by the ConfigMap it changed when that can be told (see configMapOf).

import { type CatalogService, namespaceOf, workloadOf } from '../../catalog.ts';
import { alignment, follows, isFailing } from '../assess.ts';
import type { ChangeFacts, ChangeRole } from '../gather/changes.ts';
import { podsOf } from '../gather/kube.ts';
import type { RolloutFacts, RolloutKind } from '../gather/rollouts.ts';
import { graphPosition } from '../score.ts';
import { format, iso, minutesBefore } from '../text.ts';
import type { Category, Evidence } from '../types.ts';
import type { Candidate, Context } from './candidate.ts';
import { logSignals, noveltyAfter, templateEvidence, topNovel } from './log-evidence.ts';

const ROLLOUT_PRIOR: Record<RolloutKind, number> = {
  image: 0.9,
  config: 0.8,
  created: 0.6,
  other: 0.5,
  rollback: 0.4,
  restart: 0.3,
};

const CHANGE: Partial<Record<ChangeRole, { category: Category; prior: number }>> = {
  deploy: { category: 'deploy', prior: 0.85 },
  config: { category: 'config', prior: 0.8 },
  flag: { category: 'config', prior: 0.8 },
  migration: { category: 'dependency', prior: 0.6 },
  infrastructure: { category: 'infrastructure', prior: 0.6 },
  other: { category: 'config', prior: 0.4 },
};

export function changeCandidates(ctx: Context): Candidate[] {
  return [
    ...ctx.facts.rollouts.map((rollout) => rolloutCandidate(ctx, rollout)),
    ...ctx.facts.changes.flatMap((change) => {
      const role = CHANGE[change.role];
      return role ? [eventCandidate(ctx, change, role.category, role.prior)] : [];
    }),
  ];
}

function rolloutCandidate(ctx: Context, rollout: RolloutFacts): Candidate {
  const service = ctx.serviceOfWorkload(rollout.workload);
  const common = assessChange(ctx, service, rollout.at);
  const pods = service && ctx.facts.kube ? podsOf(ctx.facts.kube, workloadOf(service)!) : [];
  const newPodsFailing = pods.some((p) => p.createdAt >= rollout.at - 60_000 && isFailing(p, ctx.facts));
  const prior = ctx.prior('deploy', rollout.workload, service?.name, ROLLOUT_PRIOR[rollout.kind]);
  const evidence: Evidence[] = [
    {
      kind: 'rollout',
      at: iso(rollout.at),
      summary: `${rollout.workload} ${rollout.summary}`,
      ref: rollout.workload,
    },
    ...(newPodsFailing
      ? [
          {
            kind: 'event' as const,
            summary: `pods created by this rollout are failing`,
            ref: rollout.workload,
          },
        ]
      : []),
    ...common.evidence,
    ...(prior.evidence ? [prior.evidence] : []),
  ];
  return {
    ref: rollout.workload,
    category: 'deploy',
    ...(service ? { service: service.name } : {}),
    summary: `${rollout.workload} rolled out ${minutesBefore(rollout.at, ctx.onset.at)}: ${rollout.summary}`,
    raw: {
      at: rollout.at,
      graph: common.graph,
      evidence: changeEvidence(common, newPodsFailing),
      novelty: common.novelty,
      prior: prior.value,
    },
    evidence,
    signals: ['recent_deploy', ...common.signals],
  };
}

function eventCandidate(ctx: Context, change: ChangeFacts, category: Category, basePrior: number): Candidate {
  const service = change.service ? ctx.graph.service(change.service) : undefined;
  const common = assessChange(ctx, service, change.at);
  const configMap =
    category === 'config' && change.role === 'config' ? configMapOf(ctx, change, service) : undefined;
  const ref = configMap ?? `Change/${change.id}`;
  const namesIt = namedInNewLogs(ctx, change, service);
  const prior = ctx.prior(category, ref, service?.name, basePrior);
  const what = `${change.kind} ${change.id}${change.service ? ` on ${change.service}` : ''}`;
  return {
    ref,
    category,
    ...(service ? { service: service.name } : {}),
    summary: `${configMap ? `${configMap} changed by ${what}` : what} ${minutesBefore(change.at, ctx.onset.at)}: ${change.summary}`,
    raw: {
      at: change.at,
      graph: change.service ? common.graph : graphPosition(undefined),
      evidence: changeEvidence(common, namesIt !== undefined),
      novelty: common.novelty,
      prior: prior.value,
    },
    evidence: [
      {
        kind: configMap ? 'config' : 'change',
        at: iso(change.at),
        summary: `${what}: ${change.summary}`,
        ref: `Change/${change.id}`,
      },
      ...(namesIt ? [namesIt] : []),
      ...common.evidence,
      ...(prior.evidence ? [prior.evidence] : []),
    ],
    signals: [category === 'config' ? 'recent_config_change' : 'recent_change', ...common.signals],
  };
}

/**
 * A change's evidence: the service it touched is in trouble (45%), its metrics moved right
 * after it (40%), and something specific ties it to the failure (15%): the failing pods are
 * the ones the rollout created, or a new log line names the change.
 */
function changeEvidence(common: ChangeAssessment, specific: boolean): number {
  return 0.45 * common.degraded + 0.4 * common.alignment + 0.15 * (specific ? 1 : 0);
}

interface ChangeAssessment {
  graph: number;
  /** 0..1: how degraded the changed service is (1 for the symptomatic service). */
  degraded: number;
  alignment: number;
  novelty: number;
  evidence: Evidence[];
  signals: string[];
}

const ALIGNED_KINDS = new Set(['traffic', 'error', 'latency', 'saturation']);

/** What the changed service's metrics, logs and place in the graph say about a change at `at`. */
function assessChange(ctx: Context, service: CatalogService | undefined, at: number): ChangeAssessment {
  if (!service) return { graph: 0.1, degraded: 0, alignment: 0, novelty: 0, evidence: [], signals: [] };
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
  ];
  return {
    graph,
    degraded,
    alignment: alignment(
      at,
      shifted.map(({ s, weight }) => ({ shiftAt: s.shift!.at, weight })),
    ),
    novelty: noveltyAfter(logs, at),
    evidence,
    signals: [...(onPath ? degradation.signals : []), ...logSignals(logs)],
  };
}

/**
 * The ConfigMap a config change touched: one it names (`ConfigMap/ns/name` or `ns/name`), or
 * the one ConfigMap of the service's namespace named after the service or its workload
 * (`inventory-config`). Undefined when none or several fit: the change event stays the ref.
 */
function configMapOf(
  ctx: Context,
  change: ChangeFacts,
  service: CatalogService | undefined,
): string | undefined {
  const configMaps = ctx.facts.kube?.configMaps ?? [];
  const named = configMaps.filter(
    (c) =>
      change.summary.includes(`ConfigMap/${c.namespace}/${c.name}`) ||
      change.summary.includes(`${c.namespace}/${c.name}`),
  );
  if (named.length === 1) return `ConfigMap/${named[0]!.namespace}/${named[0]!.name}`;
  if (!service) return undefined;
  const namespace = change.namespace ?? namespaceOf(service);
  const prefixes = [service.name, workloadOf(service)?.name].filter((p): p is string => Boolean(p));
  const owned = configMaps.filter(
    (c) => c.namespace === namespace && prefixes.some((p) => c.name === p || c.name.startsWith(`${p}-`)),
  );
  const preferred = owned.length > 1 ? owned.filter((c) => /config|settings/.test(c.name)) : owned;
  return preferred.length === 1 ? `ConfigMap/${preferred[0]!.namespace}/${preferred[0]!.name}` : undefined;
}

/** A new log line of the changed service that names the change (a flag's name in its id). */
function namedInNewLogs(
  ctx: Context,
  change: ChangeFacts,
  service: CatalogService | undefined,
): Evidence | undefined {
  if (!service?.workload) return undefined;
  const words = change.id
    .toLowerCase()
    .split(/[-_.:/]/)
    .filter((w) => w.length >= 5 && /^[a-z]+$/.test(w));
  const found = topNovel(ctx.facts.logs.get(service.workload), 20, change.at).find((t) =>
    words.some((w) => t.example.toLowerCase().includes(w)),
  );
  return found && templateEvidence(found, service.workload);
}
