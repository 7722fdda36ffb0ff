// The runbooks a hypothesis suggests, each with its parameters filled in from the
// hypothesis, so an agent can pass them to runbook_plan as they are. A runbook fits when its
// `matches` name the hypothesis' category and share a signal with the incident, every
// parameter it requires can be filled, and every metric its PromQL checks select by the
// service (`http_requests_total{service="{{ params.service }}"}`) exists for that service:
// a check on a series the service does not have would never pass (a batch job has no HTTP
// requests). Parameters are filled by what they name, never by the runbook's name:
//
//   namespace, selector, service   the workload the hypothesis concerns (its pods' common
//                                  labels are the selector); with a `dependency` parameter,
//                                  the caller that suffers from it, and `dependency` a
//                                  pattern matching the dependency's name; with a Node
//                                  parameter, the failing workload on that node
//   a ref of kind K                the hypothesis' workload when it is a K; a Node's name
//   configmap                      the ConfigMap the hypothesis names, else the one the
//                                  workload's pods read that holds the key the runbook sets
//                                  (a `...Key` parameter's default), else the only one
//   an enum                        the node's bad condition, when the enum lists it

import { type CatalogService, namespaceOf, type WorkloadRef, workloadOf } from '../catalog.ts';
import { isFailing } from './assess.ts';
import type { Candidate, Context } from './candidates/candidate.ts';
import type { NodeFacts, PodFacts } from './gather/kube.ts';
import { podsOf } from './gather/kube.ts';
import { graphPosition } from './score.ts';
import type { RunbookMatch, RunbookParamInfo, SuggestedRunbook } from './types.ts';

const MAX_RUNBOOKS = 3;

interface Target {
  service?: CatalogService;
  workload?: WorkloadRef;
  node?: NodeFacts;
  configMap?: string;
  dependency?: CatalogService;
}

export function suggestRunbooks(
  ctx: Context,
  candidate: Candidate,
  signals: readonly string[],
  runbooks: readonly RunbookMatch[],
): SuggestedRunbook[] {
  const shown = new Set(signals);
  return runbooks
    .filter((r) => r.matches.categories.includes(candidate.category))
    .map((r) => ({
      runbook: r,
      overlap: r.matches.signals.filter((s) => shown.has(s)).length,
      any: !r.matches.signals.length,
    }))
    .filter((r) => r.overlap > 0 || r.any)
    .sort((a, b) => b.overlap - a.overlap || a.runbook.name.localeCompare(b.runbook.name))
    .flatMap(({ runbook }) => {
      const params = fill(ctx, candidate, runbook);
      return params && checksFit(ctx, runbook, params) ? [{ name: runbook.name, params }] : [];
    })
    .slice(0, MAX_RUNBOOKS);
}

/** The parameters the hypothesis fills; undefined when a required one cannot be. */
function fill(ctx: Context, candidate: Candidate, runbook: RunbookMatch): Record<string, string> | undefined {
  const declared = runbook.params ?? [];
  const target = targetOf(ctx, candidate, declared);
  if (!target) return undefined;
  const params: Record<string, string> = {};
  for (const param of declared) {
    const value = paramValueOf(ctx, target, param, declared);
    if (value !== undefined) params[param.name] = value;
    else if (param.required && param.default === undefined) return undefined;
  }
  return params;
}

function paramValueOf(
  ctx: Context,
  target: Target,
  param: RunbookParamInfo,
  declared: readonly RunbookParamInfo[],
): string | undefined {
  const { workload, service, node } = target;
  if (param.type === 'ref') {
    if (param.kind === 'Node') return node?.name;
    return workload && workload.kind === param.kind ? workload.name : undefined;
  }
  if (param.type === 'enum') return node?.bad.map((c) => c.type).find((type) => param.values?.includes(type));
  switch (param.name) {
    case 'namespace':
      return workload?.namespace ?? (service && namespaceOf(service));
    case 'service':
      return service?.name;
    case 'selector':
      return workload && ctx.facts.kube ? selectorOf(podsOf(ctx.facts.kube, workload)) : undefined;
    case 'dependency':
      return target.dependency?.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    case 'configmap':
      return target.configMap ?? configMapRead(ctx, workload, declared);
    default:
      return undefined;
  }
}

/** What the runbook acts on, for this hypothesis (see the header). */
function targetOf(
  ctx: Context,
  candidate: Candidate,
  declared: readonly RunbookParamInfo[],
): Target | undefined {
  const own = ownTarget(ctx, candidate);
  if (!declared.some((p) => p.name === 'dependency')) return own;
  const dependency = own.service;
  const caller = dependency ? ctx.graph.pathTo(dependency.name).at(-2) : undefined;
  const service = caller ? ctx.graph.service(caller) : undefined;
  if (!service || !dependency) return undefined;
  const workload = workloadOf(service);
  return { service, ...(workload ? { workload } : {}), dependency };
}

function ownTarget(ctx: Context, candidate: Candidate): Target {
  const [kind, ...rest] = candidate.ref.split('/');
  if (kind === 'Node') {
    const node = ctx.facts.kube?.nodes.find((n) => n.name === rest[0]);
    const service = hurtOn(ctx, rest[0]!);
    const workload = service && workloadOf(service);
    return { ...(node ? { node } : {}), ...(service ? { service } : {}), ...(workload ? { workload } : {}) };
  }
  const service = candidate.service ? ctx.graph.service(candidate.service) : undefined;
  const workload =
    kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet'
      ? ({ kind, namespace: rest[0]!, name: rest[1]! } as WorkloadRef)
      : service && workloadOf(service);
  return {
    ...(service ? { service } : {}),
    ...(workload ? { workload } : {}),
    ...(kind === 'ConfigMap' ? { configMap: rest[1]! } : {}),
  };
}

/** The in-scope service with failing pods on the node, nearest the symptomatic one. */
function hurtOn(ctx: Context, node: string): CatalogService | undefined {
  const kube = ctx.facts.kube;
  if (!kube) return undefined;
  const failingThere = (pods: PodFacts[]) => pods.some((p) => p.node === node && isFailing(p, ctx.facts));
  return ctx.facts.scope
    .filter((s) => {
      const workload = workloadOf(s);
      return workload !== undefined && failingThere(podsOf(kube, workload));
    })
    .map((service) => ({ service, weight: graphPosition(ctx.graph.position(service.name)) }))
    .sort((a, b) => b.weight - a.weight || a.service.name.localeCompare(b.service.name))[0]?.service;
}

/** The labels every pod of the workload carries, as a selector (`app=checkout`). */
function selectorOf(pods: readonly PodFacts[]): string | undefined {
  if (!pods.length) return undefined;
  const common = Object.entries(pods[0]!.labels).filter(([key, value]) =>
    pods.every((p) => p.labels[key] === value),
  );
  return common.length
    ? common
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => `${key}=${value}`)
        .join(',')
    : undefined;
}

function configMapRead(
  ctx: Context,
  workload: WorkloadRef | undefined,
  declared: readonly RunbookParamInfo[],
): string | undefined {
  const kube = ctx.facts.kube;
  if (!workload || !kube) return undefined;
  const read = [...new Set(podsOf(kube, workload).flatMap((p) => p.configMaps))].sort();
  const keys = declared.flatMap((p) =>
    /Key$/.test(p.name) && typeof p.default === 'string' ? [p.default] : [],
  );
  const holding = read.filter((name) =>
    kube.configMaps.some(
      (c) => c.namespace === workload.namespace && c.name === name && keys.some((k) => c.keys.includes(k)),
    ),
  );
  if (holding.length === 1) return holding[0];
  return read.length === 1 ? read[0] : undefined;
}

const SELECTED_BY_SERVICE = /([A-Za-z_:][A-Za-z0-9_:]*)\{[^}]*\bservice="([^"]+)"/g;

/** Every metric the runbook's PromQL checks select by service exists for that service. */
function checksFit(ctx: Context, runbook: RunbookMatch, params: Record<string, string>): boolean {
  const values = new Map<string, string>(
    (runbook.params ?? []).flatMap((p) => (p.default !== undefined ? [[p.name, String(p.default)]] : [])),
  );
  for (const [name, value] of Object.entries(params)) values.set(name, value);
  return (runbook.queries ?? []).every((query) => {
    const rendered = query.replace(
      /\{\{\s*params\.(\w+)\s*\}\}/g,
      (whole, name) => values.get(name) ?? whole,
    );
    return [...rendered.matchAll(SELECTED_BY_SERVICE)].every(([, metric, service]) =>
      ctx.facts.metrics.get(service!)?.names.includes(metric!),
    );
  });
}
