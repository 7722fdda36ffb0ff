// When a dependency's trouble is load sent to it: its traffic surged right after a change
// on the path from the symptomatic service (a release, a flag or a ConfigMap write that
// multiplies calls).
// Then the change is the cause and the dependency's saturation or errors its effect; a
// surge with no such change (a campaign, organic growth) stays the dependency's own.
// Likewise between a workload's own change and its resources: a rise that began right after
// the change is the change's doing; memory that held steady after it and reached the limit
// only later is not.

import { type CatalogService, workloadOf } from '../../catalog.ts';
import { follows, oomKilled } from '../assess.ts';
import { currentValue, pointwiseMax } from '../changepoint.ts';
import { podsOf } from '../gather/kube.ts';
import type { SeriesFacts, ServiceMetrics } from '../gather/metrics.ts';
import { iso } from '../text.ts';
import type { Evidence } from '../types.ts';
import type { Context } from './candidate.ts';
import { unrecordedWritesReadBy } from './config-writes.ts';

/** Change roles that alter how the system behaves (a campaign or a status post does not). */
export const BEHAVIOUR_ROLES = new Set(['deploy', 'config', 'flag']);

/** The largest sustained rise in requests (the golden traffic signal, or a request counter). */
export function trafficGrowth(metrics: ServiceMetrics | undefined): SeriesFacts | undefined {
  return (metrics?.series ?? [])
    .filter((s) => s.kind === 'traffic' && s.shift?.direction === 'up' && s.shift.magnitude >= 0.5)
    .sort((a, b) => b.shift!.magnitude - a.shift!.magnitude || a.signal.localeCompare(b.signal))[0];
}

export function surgeExplainedByChange(
  ctx: Context,
  service: string,
): { strength: number; evidence: Evidence } | undefined {
  const growth = trafficGrowth(ctx.facts.metrics.get(service));
  if (!growth || ctx.graph.position(service).kind !== 'upstream') return undefined;
  const callers = new Set(ctx.graph.pathTo(service).slice(0, -1));
  const surge = growth.shift!.at;
  const changes = [
    ...ctx.facts.rollouts.flatMap((r) => {
      const owner = ctx.serviceOfWorkload(r.workload);
      return owner && callers.has(owner.name) ? [{ at: r.at, what: `rollout of ${r.workload}` }] : [];
    }),
    ...ctx.facts.changes
      .filter((c) => BEHAVIOUR_ROLES.has(c.role) && c.service && callers.has(c.service))
      .map((c) => ({ at: c.at, what: `${c.kind} Change/${c.id}` })),
    ...[...callers].flatMap((name) =>
      unrecordedWritesReadBy(ctx, ctx.graph.service(name)).map((w) => ({
        at: w.at,
        what: `data write of ${w.ref}`,
      })),
    ),
  ].filter((c) => follows(surge, c.at));
  const closest = changes.sort(
    (a, b) => Math.abs(surge - a.at) - Math.abs(surge - b.at) || a.what.localeCompare(b.what),
  )[0];
  if (!closest) return undefined;
  return {
    strength: Math.exp(-Math.max(0, surge - closest.at) / 120_000),
    evidence: {
      kind: 'change',
      at: iso(closest.at),
      summary: `the traffic surge into ${service} (${growth.signal} ×${(growth.shift!.to / Math.max(growth.shift!.from, 1e-9)).toFixed(1)}) began right after the ${closest.what} upstream`,
    },
  };
}

/**
 * A release, config change or write of a ConfigMap its pods read (config-writes.ts) to the
 * service itself that its trouble (since `since`) followed within minutes: that change is
 * the cause, and the service's trouble its effect.
 */
export function ownChange(
  ctx: Context,
  service: CatalogService,
  since: number,
): { at: number; what: string; ref: string } | undefined {
  return [
    ...ctx.facts.rollouts
      .filter((r) => r.workload === service.workload)
      .map((r) => ({ at: r.at, what: `the rollout of ${r.workload}`, ref: r.workload })),
    ...ctx.facts.changes
      .filter((c) => c.service === service.name && BEHAVIOUR_ROLES.has(c.role))
      .map((c) => ({ at: c.at, what: `${c.kind} Change/${c.id}`, ref: `Change/${c.id}` })),
    ...unrecordedWritesReadBy(ctx, service).map((w) => ({
      at: w.at,
      what: `the data write of ${w.ref}`,
      ref: w.ref,
    })),
  ]
    .filter((c) => follows(since, c.at))
    .sort((a, b) => b.at - a.at || a.what.localeCompare(b.what))[0];
}

const RESOURCES = new Set(['cpu', 'memory', 'volume']);

/** The first of a workload's resources (CPU, memory, volume) to rise, if any did. */
export function resourceRise(metrics: ServiceMetrics | undefined): SeriesFacts | undefined {
  return (metrics?.series ?? [])
    .filter((s) => RESOURCES.has(s.signal) && s.shift?.direction === 'up')
    .sort((a, b) => a.shift!.at - b.shift!.at || a.signal.localeCompare(b.signal))[0];
}

/** A workload's resource use that rose right after a change to it: the change explains it. */
export function riseExplainedByOwnChange(
  ctx: Context,
  service: CatalogService,
): { strength: number; evidence: Evidence } | undefined {
  const rise = resourceRise(ctx.facts.metrics.get(service.name));
  const changed = rise && ownChange(ctx, service, rise.shift!.at);
  if (!changed) return undefined;
  return {
    strength: Math.exp(-Math.max(0, rise.shift!.at - changed.at) / 120_000),
    evidence: {
      kind: 'change',
      at: iso(changed.at),
      summary: `${service.name}'s ${rise.signal} rose right after ${changed.what}: the change explains it`,
    },
  };
}

/** How long memory must hold steady after a change for the change not to have altered it. */
const STEADY_MS = 20 * 60_000;

/**
 * A change to a workload after which its memory held steady, then rose to its limit and got
 * its containers OOM-killed well after: the change did not alter its memory use, what came
 * later (load, data) did, and the limit is the cause.
 */
export function limitReachedLongAfter(
  ctx: Context,
  service: CatalogService,
  at: number,
): { strength: number; evidence: Evidence } | undefined {
  const metrics = ctx.facts.metrics.get(service.name);
  const workload = workloadOf(service);
  if (!metrics || !workload || !ctx.facts.kube || at + STEADY_MS > ctx.onset.at) return undefined;
  if (!oomKilled(podsOf(ctx.facts.kube, workload), ctx.facts.window.since).length) return undefined;
  const memory = pointwiseMax(metrics.memoryByPod.map((p) => p.points));
  const steady = memory.filter((p) => p.t >= at && p.t <= at + STEADY_MS).map((p) => p.v);
  const now = currentValue(memory);
  if (steady.length < 3 || now === undefined) return undefined;
  const high = Math.max(...steady);
  if (high - Math.min(...steady) > 0.05 || now - high < 0.2) return undefined;
  return {
    strength: 1,
    evidence: {
      kind: 'metric',
      summary: `${service.name}'s memory held at ${Math.round(high * 100)}% of its limit for ${STEADY_MS / 60_000} min after this change and reached ${Math.round(now * 100)}% (OOM kills) only later: the change did not alter its memory use`,
    },
  };
}

/**
 * Errors that name a dependency whose own golden signals stayed healthy, and that began
 * right after a change to the caller: the caller's change is the cause (it calls the
 * dependency wrongly, or reports its own failure against it), not the dependency.
 */
export function callerChangeExplainsNaming(
  ctx: Context,
  dependency: CatalogService,
  view: { caller: CatalogService; logs: { first?: number } } | undefined,
): { strength: number; evidence: Evidence } | undefined {
  if (!view || view.logs.first === undefined || !dependencyLooksHealthy(ctx, dependency)) return undefined;
  const changed = ownChange(ctx, view.caller, view.logs.first);
  if (!changed) return undefined;
  return {
    strength: 1,
    evidence: {
      kind: 'change',
      at: iso(changed.at),
      summary: `${view.caller.name}'s errors naming ${dependency.name} began right after ${changed.what}, while ${dependency.name}'s own signals stayed healthy`,
    },
  };
}

const GOLDEN = new Set(['errorRatio', 'latencyP99']);

/**
 * Its own golden signals were measured and none rose, and no alert or status post speaks
 * for trouble on its side. An external service has no golden signals of its own: only its
 * alerts and status posts can say it was in trouble.
 */
function dependencyLooksHealthy(ctx: Context, service: CatalogService): boolean {
  const own = (ctx.facts.metrics.get(service.name)?.series ?? []).filter((s) => GOLDEN.has(s.signal));
  if (own.some((s) => s.shift?.direction === 'up')) return false;
  const statusPosts = ctx.facts.changes.some((c) => c.role === 'third_party' && c.service === service.name);
  const alerts = ctx.facts.alerts.some((a) => a.labels.service === service.name);
  return (own.length > 0 || !service.workload) && !statusPosts && !alerts;
}
