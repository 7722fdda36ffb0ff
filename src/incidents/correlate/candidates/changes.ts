// Changes as candidate causes: every rollout and every change event that changes the
// system (releases, config syncs, flags, migrations, infrastructure) in the window. A
// change is likely the cause when it touched the symptomatic service (or a dependency
// that is itself degraded), came shortly before the onset, was followed within minutes by
// shifts in that service's metrics, and by log lines never seen before. The ConfigMap data
// writes a change made are its evidence, and a config sync is named by the ConfigMap it
// changed when that can be told (see configMapOf and config-writes.ts). A rollout after
// which the workload's memory held steady, and reached its limit only later, did not
// cause the OOM kills (explain.ts).

import { type CatalogService, workloadOf } from '../../catalog.ts';
import { isFailing } from '../assess.ts';
import type { ChangeFacts, ChangeRole } from '../gather/changes.ts';
import { configMapRef, podsOf } from '../gather/kube.ts';
import type { RolloutFacts, RolloutKind } from '../gather/rollouts.ts';
import { graphPosition } from '../score.ts';
import { iso, minutesBefore } from '../text.ts';
import type { Category, Evidence } from '../types.ts';
import type { Candidate, Context } from './candidate.ts';
import { assessChange, changeEvidence } from './change-assessment.ts';
import { type ConfigWrite, configWrites, namesConfigMap, writeEvidence } from './config-writes.ts';
import { limitReachedLongAfter } from './explain.ts';
import { templateEvidence, topNovel } from './log-evidence.ts';

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
  const writes = configWrites(ctx);
  const writesBy = (ref: string) => writes.filter((w) => w.madeBy === ref);
  return [
    ...ctx.facts.rollouts.map((rollout) => rolloutCandidate(ctx, rollout, writesBy(rollout.workload))),
    ...ctx.facts.changes.flatMap((change) => {
      const role = CHANGE[change.role];
      return role
        ? [eventCandidate(ctx, change, role.category, role.prior, writesBy(`Change/${change.id}`))]
        : [];
    }),
  ];
}

/** The ConfigMap writes a change made, as its evidence. */
function madeEvidence(writes: readonly ConfigWrite[], at: number): Evidence[] {
  return writes.map((w) => {
    const apart = Math.round((w.at - at) / 1000);
    return writeEvidence(
      w,
      apart ? ` ${Math.abs(apart)} s ${apart < 0 ? 'before' : 'after'} it` : ' with it',
    );
  });
}

function rolloutCandidate(ctx: Context, rollout: RolloutFacts, writes: readonly ConfigWrite[]): Candidate {
  const service = ctx.serviceOfWorkload(rollout.workload);
  const common = assessChange(ctx, service, rollout.at);
  const pods = service && ctx.facts.kube ? podsOf(ctx.facts.kube, workloadOf(service)!) : [];
  const newPodsFailing = pods.some((p) => p.createdAt >= rollout.at - 60_000 && isFailing(p, ctx.facts));
  const prior = ctx.prior('deploy', rollout.workload, service?.name, ROLLOUT_PRIOR[rollout.kind]);
  const limit = service ? limitReachedLongAfter(ctx, service, rollout.at) : undefined;
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
    ...madeEvidence(writes, rollout.at),
    ...(limit ? [limit.evidence] : []),
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
      explained: limit?.strength ?? 0,
    },
    evidence,
    signals: ['recent_deploy', ...common.signals],
  };
}

function eventCandidate(
  ctx: Context,
  change: ChangeFacts,
  category: Category,
  basePrior: number,
  writes: readonly ConfigWrite[],
): Candidate {
  const service = change.service ? ctx.graph.service(change.service) : undefined;
  const common = assessChange(ctx, service, change.at);
  const configMap = change.role === 'config' ? configMapOf(ctx, change, writes) : undefined;
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
      graph: change.service ? common.graph : namesScopedNode(ctx, change) ? 1 : graphPosition(undefined),
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
      ...madeEvidence(writes, change.at),
      ...(namesIt ? [namesIt] : []),
      ...common.evidence,
      ...(prior.evidence ? [prior.evidence] : []),
    ],
    signals: [category === 'config' ? 'recent_config_change' : 'recent_change', ...common.signals],
  };
}

/**
 * The ConfigMap a config change touched: the one it names (`ConfigMap/ns/name` or `ns/name`),
 * else the one whose data it wrote (config-writes.ts). Undefined when none or several fit:
 * the change event stays the ref.
 */
function configMapOf(ctx: Context, change: ChangeFacts, writes: readonly ConfigWrite[]): string | undefined {
  const named = (ctx.facts.kube?.configMaps ?? []).filter((c) => namesConfigMap(change, c));
  if (named.length === 1) return configMapRef(named[0]!);
  return !named.length && writes.length === 1 ? writes[0]!.ref : undefined;
}

/** A change with no service that names the node the incident is about (a kernel or kubelet update on it). */
function namesScopedNode(ctx: Context, change: ChangeFacts): boolean {
  const node = ctx.facts.node;
  return node !== undefined && `${change.id} ${change.summary}`.includes(node);
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
