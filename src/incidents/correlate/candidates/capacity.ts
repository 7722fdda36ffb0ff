// Capacity as a candidate cause: a workload in scope running at its limits (CPU against its
// limit or throttled, memory near its limit, OOM kills, a StatefulSet's volume filling up),
// with what drove it there: traffic that grew, memory that has grown steadily with no
// rollout to blame (a leak), a volume that filled. A container the kernel kills at its
// memory limit, or a full volume, is the limit biting: that is evidence enough. The cause is
// dated by its first sign: the surge that drove it, throttling, or the resource coming near
// where it is now (a volume: writes failing on it, or it becoming full). A surge into a
// dependency that a change upstream caused (a flag that multiplies calls), or a rise that
// began right after a change to the workload itself (a release that needs more memory), is
// explained by that change (explain.ts). Cluster add-ons (kube-system) running out count as
// infrastructure.

import { type CatalogService, workloadOf } from '../../catalog.ts';
import { fullestVolume, oomKilled, VOLUME_FULL } from '../assess.ts';
import { crossingTime, currentValue, linearTrend, pointwiseMax, type Sample } from '../changepoint.ts';
import { type PodFacts, podsOf } from '../gather/kube.ts';
import type { SeriesFacts, ServiceMetrics } from '../gather/metrics.ts';
import { graphPosition } from '../score.ts';
import { iso, minutesBefore } from '../text.ts';
import type { Evidence } from '../types.ts';
import type { Candidate, Context } from './candidate.ts';
import { riseExplainedByOwnChange, surgeExplainedByChange, trafficGrowth } from './explain.ts';
import { capacityShare, templateEvidence } from './log-evidence.ts';

const PRIOR = 0.6;
/** Below this (about 65% of a limit) a resource is not running out. */
const MIN_SATURATION = 0.15;
const CLUSTER_NAMESPACES = new Set(['kube-system']);
/** Memory this close to the limit, with OOM kills, is the limit biting. */
const MEMORY_AT_LIMIT = 0.85;

export function capacityCandidates(ctx: Context): Candidate[] {
  return ctx.facts.scope.flatMap((service) => {
    const metrics = ctx.facts.metrics.get(service.name);
    const workload = workloadOf(service);
    if (!metrics || !workload || !ctx.facts.kube) return [];
    const candidate = capacityOf(ctx, service, metrics, podsOf(ctx.facts.kube, workload));
    return candidate ? [candidate] : [];
  });
}

function capacityOf(
  ctx: Context,
  service: CatalogService,
  metrics: ServiceMetrics,
  pods: PodFacts[],
): Candidate | undefined {
  const workload = service.workload!;
  const { since, at: until } = ctx.facts.window;
  const cpu = cpuRatios(metrics, pods);
  const memory = pointwiseMax(metrics.memoryByPod.map((p) => p.points));
  const catalogSaturation = metrics.series.find((s) => s.signal === 'saturation')?.points ?? [];
  const saturation = pointwiseMax([cpu, memory, catalogSaturation]);
  const levels = {
    cpu: currentValue(cpu) ?? 0,
    memory: currentValue(memory) ?? 0,
    other: currentValue(catalogSaturation) ?? 0,
  };
  const busiest = Math.max(levels.cpu, levels.memory, levels.other);
  const throttled = metrics.series.find((s) => /throttl/i.test(s.signal) && s.shift?.direction === 'up');
  const ooms = oomKilled(pods, since);
  const volume = fullestVolume(metrics);
  const volumeFull = volume !== undefined && volume.level >= VOLUME_FULL;
  // 0 at 60% of a limit, 1 at 95% and above; CPU throttling counts as nearly full; a volume
  // from 80% (databases keep their volumes fuller than their containers' memory).
  const saturated = Math.max(
    clamp((busiest - 0.6) / 0.35),
    throttled ? 0.8 : 0,
    volume ? clamp((volume.level - 0.8) / (VOLUME_FULL - 0.8)) : 0,
  );
  if (saturated < MIN_SATURATION && !ooms.length) return undefined;
  // The kernel killing containers at their memory limit, or a full volume, is the limit biting.
  const atLimit = (ooms.length > 0 && levels.memory >= MEMORY_AT_LIMIT) || volumeFull;
  const growth = trafficGrowth(metrics);
  const rolledOut = ctx.facts.rollouts.some((r) => r.workload === workload);
  const trend = linearTrend(memory);
  const leak =
    trend && !rolledOut && trend.slopePerHour > 0 && trend.r2 >= 0.8 && trend.to - trend.from >= 0.1
      ? trend
      : undefined;
  const driver = Math.max(
    growth ? Math.min(1, growth.shift!.magnitude / 1.5) : 0,
    leak ? leak.r2 : 0,
    atLimit ? 1 : 0,
  );
  const logs = ctx.facts.logs.get(workload);
  const capacityLogs = capacityShare(logs);
  // Dated when it came within 10 points of where it is now (at least 80%), not when noise
  // touched it, or earlier when the surge that drove it there or throttling began first; a
  // full volume when writes began to fail on it, or else when it became full.
  const crossing = volumeFull
    ? (capacityLogs.first ?? volume.since)
    : crossingTime(saturation, Math.max(0.8, busiest - 0.1));
  const oomAt = ooms.map((p) => p.lastRestart?.at ?? until).sort((a, b) => a - b)[0];
  const firstSigns = [crossing, growth?.shift?.at, throttled?.shift?.at].filter((t) => t !== undefined);
  const at = firstSigns.length ? Math.min(...firstSigns) : oomAt;
  const explained = [surgeExplainedByChange(ctx, service.name), riseExplainedByOwnChange(ctx, service)]
    .filter((e) => e !== undefined)
    .sort((a, b) => b.strength - a.strength)[0];
  const category = CLUSTER_NAMESPACES.has(workloadOf(service)!.namespace) ? 'infrastructure' : 'capacity';
  const prior = ctx.prior(category, workload, service.name, PRIOR);
  const resource = volumeFull
    ? 'disk'
    : levels.cpu >= levels.memory && levels.cpu >= levels.other
      ? 'CPU'
      : levels.memory >= levels.other
        ? 'memory'
        : 'saturation';
  const level = resource === 'disk' ? volume!.level : busiest;
  const drivers = [
    ...(growth ? [`traffic rose ${ratio(growth)} (${growth.signal})`] : []),
    ...(leak
      ? [
          `memory has grown steadily (+${Math.round(leak.slopePerHour * 100)}% of the limit per hour) with no rollout`,
        ]
      : []),
  ];
  const evidence: Evidence[] = [
    {
      kind: 'metric',
      ...(crossing ? { at: iso(crossing) } : {}),
      summary:
        resource === 'disk'
          ? `${service.name}'s volume claim ${volume!.claim} is ${Math.round(level * 1000) / 10}% full`
          : `${service.name} ${resource} at ${Math.round(busiest * 100)}% of its limit (busiest pod)`,
      value: {
        cpu: round2(levels.cpu),
        memory: round2(levels.memory),
        ...(volume ? { volume: round2(volume.level) } : {}),
      },
    },
    ...(throttled ? [shiftEvidence(service.name, throttled)] : []),
    ...(growth ? [shiftEvidence(service.name, growth)] : []),
    ...(leak
      ? [
          {
            kind: 'metric' as const,
            summary: `${service.name} memory grew from ${Math.round(leak.from * 100)}% to ${Math.round(leak.to * 100)}% of its limit over the window (r² ${leak.r2.toFixed(2)})`,
          },
        ]
      : []),
    ...ooms.map((p) => ({
      kind: 'event' as const,
      ...(p.lastRestart ? { at: iso(p.lastRestart.at) } : {}),
      summary: `pod ${p.name} was OOM-killed (${p.restarts} restarts)`,
      ref: `Pod/${p.namespace}/${p.name}`,
    })),
    ...capacityLogs.examples.map((t) => templateEvidence(t, workload)),
    ...(explained ? [explained.evidence] : []),
    ...(prior.evidence ? [prior.evidence] : []),
  ];
  return {
    ref: workload,
    category,
    service: service.name,
    summary: `${service.name} is running out of ${resource === 'saturation' ? 'capacity' : resource}: ${Math.round(level * 100)}% of its ${resource === 'disk' ? 'volume' : 'limit'}${at !== undefined ? ` since ${minutesBefore(at, ctx.onset.at)}` : ''}${drivers.length ? `; ${drivers.join('; ')}` : ''}${ooms.length ? `; ${ooms.length} pod(s) OOM-killed` : ''}`,
    raw: {
      at,
      graph: graphPosition(ctx.graph.position(service.name)),
      // Saturation alone is 40% of the evidence; with what drove it there (growth, a leak) or
      // the limit biting (OOM kills, a full volume), all of it.
      evidence: Math.min(1, saturated * (0.4 + 0.6 * driver) + (ooms.length ? 0.2 : 0)),
      novelty: capacityLogs.share,
      prior: prior.value,
      explained: explained?.strength ?? 0,
    },
    evidence,
    signals: [
      ...(levels.memory >= MEMORY_AT_LIMIT ? ['memory_near_limit'] : []),
      ...(volumeFull ? ['volume_full'] : []),
      ...(ooms.length ? ['oom_killed'] : []),
      ...(throttled || levels.cpu >= 0.9 ? ['cpu_throttling'] : []),
      ...(growth ? ['traffic_surge'] : []),
      ...(leak ? ['memory_growth'] : []),
      ...(capacityLogs.examples.some((t) => /gc|heap|mark-compact/i.test(t.example)) ? ['gc_thrash'] : []),
    ],
  };
}

/** CPU use over the container's CPU limit, per pod, as one busiest-pod series. */
function cpuRatios(metrics: ServiceMetrics, pods: PodFacts[]): Sample[] {
  return pointwiseMax(
    metrics.cpuByPod.flatMap((series) => {
      const pod = pods.find((p) => p.name === series.pod);
      const limit = pod?.limits[series.container ?? pod.firstContainer ?? '']?.cpu;
      return limit ? [series.points.map((p) => ({ t: p.t, v: p.v / limit }))] : [];
    }),
  );
}

function shiftEvidence(service: string, s: SeriesFacts): Evidence {
  return {
    kind: 'metric',
    at: iso(s.shift!.at),
    summary: `${service} ${s.signal} ${s.shift!.direction === 'up' ? 'rose' : 'fell'} ${ratio(s)}`,
    value: { from: s.shift!.from, to: s.shift!.to },
  };
}

function ratio(s: SeriesFacts): string {
  const { from, to } = s.shift!;
  return from > 0
    ? `${(to / from).toFixed(1)}× (${round2(from)} → ${round2(to)})`
    : `from ${round2(from)} to ${round2(to)}`;
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
