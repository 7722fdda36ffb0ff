// What the symptomatic service depends on, as candidate causes. A dependency running in
// the cluster is the cause when it is in trouble itself (errors, restarts, warning events,
// its own alerts) around the onset and its callers' new errors name it; unless something
// deeper explains its trouble (its failing pods sit on a bad node, its own dependency
// failed first, or a change upstream sent it the load). An external service (a database,
// a provider) can only be seen from outside: its callers' new errors and timeouts naming
// it, their metrics labelled with it, alerts that name it, and its status posts; and by
// elimination, a caller timing out while nothing of its own explains it (no change to it,
// its resources not rising, its dependencies in the cluster healthy). Its callers' view
// alone proves little (a caller's own pool exhaustion also times out against it), so that
// caps its evidence.

import { type CatalogService, namespaceOf, workloadOf } from '../../catalog.ts';
import { combine, DEPENDENCY_LEAD_MS, isFailing, ONSET_TOLERANCE_MS } from '../assess.ts';
import { type AlertFacts, alertText } from '../gather/alerts.ts';
import type { ChangeFacts } from '../gather/changes.ts';
import { podsOf } from '../gather/kube.ts';
import { isDnsService, type Mentions, mentionsOf, speaksOfNameResolution, wordsOf } from '../mentions.ts';
import { graphPosition } from '../score.ts';
import { format, iso, minutesBefore } from '../text.ts';
import type { Evidence } from '../types.ts';
import type { Candidate, Context } from './candidate.ts';
import { callerChangeExplainsNaming, ownChange, resourceRise, surgeExplainedByChange } from './explain.ts';
import { logSignals, type MentionShare, mentionShare, templateEvidence } from './log-evidence.ts';
import { localization } from './nodes.ts';

const DEPENDENCY_PRIOR = 0.7;
const EXTERNAL_PRIOR = 0.6;
/** What callers' logs and metrics alone can show about an external service. */
const CALLER_ONLY_CAP = 0.5;

export function dependencyCandidates(ctx: Context): Candidate[] {
  return ctx.graph.upstream.flatMap(({ service, depth }) => {
    const candidate = workloadOf(service)
      ? inClusterCandidate(ctx, service, depth)
      : externalCandidate(ctx, service, depth);
    return candidate ? [candidate] : [];
  });
}

/** The services in scope that call `name` directly, and how their new trouble names it. */
function callersView(
  ctx: Context,
  service: CatalogService,
): { caller: CatalogService; logs: MentionShare }[] {
  return ctx.facts.scope
    .filter((s) => s.dependsOn.includes(service.name))
    .map((caller) => {
      const mentions = dependencyMentions(service, wordsOf(caller.name, namespaceOf(caller)));
      return {
        caller,
        logs: mentionShare(caller.workload ? ctx.facts.logs.get(caller.workload) : undefined, mentions),
      };
    });
}

/** Text that blames `service`: names it, or (for the cluster's DNS) fails to resolve a name. */
function dependencyMentions(service: CatalogService, ownWords: string[]): Mentions {
  const names = mentionsOf(service.name, ownWords);
  if (isDnsService(service.name, service.workload))
    return (text) => names(text) || speaksOfNameResolution(text);
  return (text) => names(text) && !speaksOfNameResolution(text);
}

function bestView(views: { caller: CatalogService; logs: MentionShare }[]) {
  return [...views].sort(
    (a, b) => b.logs.share - a.logs.share || a.caller.name.localeCompare(b.caller.name),
  )[0];
}

function inClusterCandidate(ctx: Context, service: CatalogService, depth: number): Candidate | undefined {
  const degradation = ctx.degradation(service.name);
  if (degradation.strength < 0.1) return undefined;
  const workload = service.workload!;
  const view = bestView(callersView(ctx, service));
  const explained =
    explanation(ctx, service, degradation.at) ?? callerChangeExplainsNaming(ctx, service, view);
  const prior = ctx.prior('dependency', workload, service.name, DEPENDENCY_PRIOR);
  const path = ctx.graph.pathTo(service.name);
  return {
    ref: workload,
    category: 'dependency',
    service: service.name,
    summary: `${service.name}, which ${path.at(-2)} depends on, is in trouble since ${degradation.at !== undefined ? minutesBefore(degradation.at, ctx.onset.at) : 'an unknown time'}: ${degradation.evidence[0]?.summary ?? ''}${view?.logs.share ? `; ${Math.round(view.logs.share * 100)}% of ${view.caller.name}'s new errors name it` : ''}`,
    raw: {
      at: degradation.at,
      graph: graphPosition({ kind: 'upstream', depth }),
      evidence: degradation.strength,
      novelty: view?.logs.share ?? 0,
      prior: prior.value,
      explained: explained?.strength ?? 0,
    },
    evidence: [
      { kind: 'topology', summary: `${path.join(' → ')}: ${service.name} is a dependency at depth ${depth}` },
      ...degradation.evidence.slice(0, 6),
      ...(view
        ? view.logs.examples.map((t) => templateEvidence(t, view.caller.workload ?? view.caller.name))
        : []),
      ...(explained ? [explained.evidence] : []),
      ...(prior.evidence ? [prior.evidence] : []),
    ],
    signals: [...degradation.signals, ...(view?.logs.timeouts ? ['upstream_timeouts'] : [])],
  };
}

/**
 * What explains a dependency's trouble better: load a change upstream sent it, a bad node
 * under its failing pods, a change to the dependency itself just before, or its own
 * dependency (in the cluster or outside) failing first. (Errors naming a healthy dependency
 * that began with the caller's change: callerChangeExplainsNaming.)
 */
function explanation(
  ctx: Context,
  service: CatalogService,
  since: number | undefined,
): { strength: number; evidence: Evidence } | undefined {
  const surge = surgeExplainedByChange(ctx, service.name);
  if (surge) return surge;
  const kube = ctx.facts.kube;
  if (kube) {
    const pods = podsOf(kube, workloadOf(service)!);
    for (const node of kube.nodes.filter((n) => n.bad.length)) {
      const where = localization(pods, node.name, (p) => isFailing(p, ctx.facts));
      if (where.share >= 0.99)
        return {
          strength: 1,
          evidence: {
            kind: 'node',
            at: iso(node.bad[0]!.since),
            summary: `its failing pods run on ${node.name}, which reports ${node.bad.map((c) => c.type).join(', ')}; its pods elsewhere are healthy`,
            ref: `Node/${node.name}`,
          },
        };
    }
  }
  if (since === undefined) return undefined;
  const changed = ownChange(ctx, service, since);
  if (changed)
    return {
      strength: 1,
      evidence: {
        kind: 'change',
        at: iso(changed.at),
        summary: `its trouble began right after ${changed.what}`,
        ref: changed.ref,
      },
    };
  for (const name of [...service.dependsOn].sort()) {
    const dep = ctx.graph.service(name);
    const deeper = dep && !workloadOf(dep) ? externalView(ctx, dep) : ctx.degradation(name);
    if (deeper.strength >= 0.5 && deeper.at !== undefined && deeper.at <= since + ONSET_TOLERANCE_MS)
      return {
        strength: 0.7,
        evidence: {
          kind: 'topology',
          at: iso(deeper.at),
          summary: `its own dependency ${name} was in trouble first (${deeper.evidence[0]?.summary ?? 'degraded'})`,
        },
      };
  }
  return undefined;
}

/** What can be seen of an external service from outside, and how strongly it blames it. */
interface ExternalView {
  strength: number;
  at?: number;
  views: { caller: CatalogService; logs: MentionShare }[];
  view?: { caller: CatalogService; logs: MentionShare };
  metrics: { at: number; evidence: Evidence }[];
  /** A caller timing out with nothing of its own to blame (leftToBlame). */
  left?: { strength: number; at: number; evidence: Evidence };
  alerts: AlertFacts[];
  statusPosts: ChangeFacts[];
  /** The strongest pieces, for explaining others by it. */
  evidence: Evidence[];
}

function externalView(ctx: Context, service: CatalogService): ExternalView {
  const views = callersView(ctx, service);
  const view = bestView(views);
  const { onset } = ctx;
  const own = dependencyMentions(
    service,
    views.flatMap((v) => wordsOf(v.caller.name, namespaceOf(v.caller))),
  );
  const metrics = callerMetrics(
    ctx,
    views.map((v) => v.caller),
    own,
    onset.at - DEPENDENCY_LEAD_MS,
  );
  const alerts = ctx.facts.alerts.filter(
    (a) => own(alertText(a)) && !views.some((v) => a.labels.service === v.caller.name),
  );
  const statusPosts = ctx.facts.changes.filter((c) => c.role === 'third_party' && c.service === service.name);
  const logStrength = view ? view.logs.share * (view.logs.timeouts ? 1 : 0.7) : 0;
  const left = views
    .map((v) => leftToBlame(ctx, service, v.caller))
    .filter((e) => e !== undefined)
    .sort((a, b) => b.strength - a.strength)[0];
  const callerSide = combine([logStrength * 0.9, metrics.length ? 0.5 : 0, left?.strength ?? 0]);
  const independent = combine([alerts.length ? 0.6 : 0, statusPosts.length ? 0.6 : 0]);
  const strength =
    independent > 0 ? combine([callerSide, independent]) : Math.min(CALLER_ONLY_CAP, callerSide);
  const dated = [
    ...(view?.logs.first !== undefined ? [view.logs.first] : []),
    ...(left ? [left.at] : []),
    ...metrics.map((m) => m.at),
    ...statusPosts.filter((c) => c.at <= onset.at).map((c) => c.at),
    ...alerts.map((a) => a.startsAt),
  ];
  const evidence: Evidence[] = [
    ...(view
      ? view.logs.examples.map((t) => templateEvidence(t, view.caller.workload ?? view.caller.name))
      : []),
    ...metrics.slice(0, 3).map((m) => m.evidence),
    ...(left ? [left.evidence] : []),
    ...alerts.map((a) => ({
      kind: 'alert' as const,
      at: iso(a.startsAt),
      summary: `${a.name} (${a.severity || 'no severity'}) firing: ${a.summary}`,
    })),
    ...statusPosts.map((c) => ({
      kind: 'change' as const,
      at: iso(c.at),
      summary: `${c.kind} ${c.id}: ${c.summary}`,
      ref: `Change/${c.id}`,
    })),
  ];
  return {
    strength,
    ...(dated.length ? { at: Math.min(...dated) } : {}),
    views,
    ...(view ? { view } : {}),
    metrics,
    ...(left ? { left } : {}),
    alerts,
    statusPosts,
    evidence,
  };
}

function externalCandidate(ctx: Context, service: CatalogService, depth: number): Candidate | undefined {
  const seen = externalView(ctx, service);
  if (seen.strength < 0.05) return undefined;
  const { view, views, at } = seen;
  const ref = `Service/${service.name}`;
  const prior = ctx.prior('external', ref, service.name, EXTERNAL_PRIOR);
  const explained = callerChangeExplainsNaming(ctx, service, view);
  const callers = views.map((v) => v.caller.name).join(', ');
  const said = [
    ...(view?.logs.share
      ? [
          `${Math.round(view.logs.share * 100)}% of ${view.caller.name}'s new errors name it${view.logs.timeouts ? ' and speak of timeouts' : ''}`,
        ]
      : []),
    ...(seen.metrics.length ? [`${seen.metrics.length} metric(s) labelled with it moved`] : []),
    ...(seen.left ? ['nothing in the cluster explains its callers timing out'] : []),
    ...(seen.alerts.length ? [`${seen.alerts.length} alert(s) name it`] : []),
    ...(seen.statusPosts.length ? [`status: ${seen.statusPosts.at(-1)!.summary}`] : []),
  ];
  return {
    ref,
    category: 'external',
    service: service.name,
    summary: `${service.name} (${service.kind === 'external' ? 'external' : 'no workload'}, called by ${callers}) is failing its callers${at !== undefined ? ` since ${minutesBefore(at, ctx.onset.at)}` : ''}: ${said.join('; ')}`,
    raw: {
      at,
      graph: graphPosition({ kind: 'upstream', depth }),
      evidence: seen.strength,
      novelty: view?.logs.share ?? 0,
      prior: prior.value,
      explained: explained?.strength ?? 0,
    },
    evidence: [
      {
        kind: 'topology',
        summary: `${ctx.graph.pathTo(service.name).join(' → ')}: ${service.name} is outside the cluster`,
      },
      ...seen.evidence,
      ...(explained ? [explained.evidence] : []),
      ...(prior.evidence ? [prior.evidence] : []),
    ],
    signals: [
      ...(view?.logs.timeouts ? ['upstream_timeouts'] : []),
      ...(seen.statusPosts.length ? ['third_party_status'] : []),
      ...views.flatMap((v) =>
        ctx.degradation(v.caller.name).signals.filter((s) => s === 'high_error_rate' || s === 'high_latency'),
      ),
    ],
  };
}

/** How much a caller's trouble leaves to blame on the external service: 0.5 shared among its external dependencies. */
const ELIMINATION = 0.5;

/**
 * A caller in trouble that times out (new log lines speak of timeouts, or its latency rose)
 * while nothing of its own explains it: no change to it just before, its CPU and memory not
 * rising, every dependency of it in the cluster healthy. What is left to blame is what it
 * calls outside the cluster.
 */
function leftToBlame(
  ctx: Context,
  service: CatalogService,
  caller: CatalogService,
): { strength: number; at: number; evidence: Evidence } | undefined {
  const trouble = ctx.degradation(caller.name);
  if (trouble.strength < 0.5 || trouble.at === undefined) return undefined;
  const metrics = ctx.facts.metrics.get(caller.name);
  const logs = caller.workload ? ctx.facts.logs.get(caller.workload) : undefined;
  const waiting =
    logSignals(logs).includes('upstream_timeouts') ||
    (metrics?.series ?? []).some((s) => s.signal === 'latencyP99' && s.shift?.direction === 'up');
  if (!waiting || resourceRise(metrics) || ownChange(ctx, caller, trouble.at)) return undefined;
  const others = caller.dependsOn
    .filter((name) => name !== service.name)
    .map((name) => ctx.graph.service(name));
  if (others.some((dep) => dep?.workload && ctx.degradation(dep.name).strength >= 0.3)) return undefined;
  const outside = 1 + others.filter((dep) => dep && !dep.workload).length;
  return {
    strength: ELIMINATION / outside,
    at: trouble.at,
    evidence: {
      kind: 'topology',
      at: iso(trouble.at),
      summary: `${caller.name} is timing out with no change of its own, its CPU and memory steady and its dependencies in the cluster healthy: ${outside === 1 ? `${service.name} is the only thing it calls outside the cluster` : `${service.name} is one of ${outside} things it calls outside the cluster`}`,
    },
  };
}

/** Callers' metrics that name the service (`pool="orders-db"`, `host="api.stripe.com"`) and rose. */
function callerMetrics(
  ctx: Context,
  callers: CatalogService[],
  mentions: Mentions,
  from: number,
): { at: number; evidence: Evidence }[] {
  return callers.flatMap((caller) =>
    (ctx.facts.metrics.get(caller.name)?.series ?? [])
      .filter(
        (s) =>
          s.metric &&
          mentions(s.metric) &&
          s.shift?.direction === 'up' &&
          s.kind !== 'neutral' &&
          s.kind !== 'traffic' &&
          s.shift.at >= from &&
          s.shift.at <= ctx.facts.window.at,
      )
      .map((s) => ({
        at: s.shift!.at,
        evidence: {
          kind: 'metric' as const,
          at: iso(s.shift!.at),
          summary: `${caller.name} ${s.signal} rose from ${format(s.shift!.from)} to ${format(s.shift!.to)}`,
        },
      })),
  );
}
