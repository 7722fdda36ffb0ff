// Nodes as candidate causes: a node reporting a bad condition (NotReady, PID, memory or
// disk pressure) is the cause when the failure sits on it: the failing pods of the
// symptomatic service (or of a dependency) run there while their copies on other nodes are
// healthy, and the new errors come from pods on it. A node under pressure that merely hosts
// one of many failing pods is not: that is how a node failure that looks like an app bug is
// told from an app bug on a node that happens to be unwell.

import { workloadOf } from '../../catalog.ts';
import { isFailing } from '../assess.ts';
import { alertText } from '../gather/alerts.ts';
import type { NodeFacts, PodFacts } from '../gather/kube.ts';
import { podsOf } from '../gather/kube.ts';
import { graphPosition } from '../score.ts';
import { iso, minutesBefore } from '../text.ts';
import type { Evidence } from '../types.ts';
import type { Candidate, Context } from './candidate.ts';
import { templateEvidence } from './log-evidence.ts';

const PRIOR = 0.7;
const CONDITION_STRENGTH: Record<string, number> = {
  Ready: 1,
  NetworkUnavailable: 0.9,
  PIDPressure: 0.8,
  MemoryPressure: 0.8,
  DiskPressure: 0.8,
};
const CONDITION_SIGNAL: Record<string, string> = {
  Ready: 'node_not_ready',
  PIDPressure: 'node_pid_pressure',
  MemoryPressure: 'node_memory_pressure',
  DiskPressure: 'node_disk_pressure',
};

export interface Localization {
  /** 0..1: how much of the workload's failure sits on the node. */
  share: number;
  /** The failing pods on it. */
  failingOn: PodFacts[];
  /** Pods of the workload elsewhere that are fine. */
  healthyElsewhere: number;
}

/** How much of a workload's failure sits on `node`: all of it, with healthy copies elsewhere, is 1. */
export function localization(
  pods: readonly PodFacts[],
  node: string,
  failing: (p: PodFacts) => boolean,
): Localization {
  const failed = pods.filter(failing);
  const failingOn = failed.filter((p) => p.node === node);
  const healthyElsewhere = pods.filter((p) => p.node !== node && !failing(p)).length;
  const share = failed.length ? (failingOn.length / failed.length) * (healthyElsewhere > 0 ? 1 : 0.5) : 0;
  return { share, failingOn, healthyElsewhere };
}

export function nodeCandidates(ctx: Context): Candidate[] {
  return (ctx.facts.kube?.nodes ?? []).filter((n) => n.bad.length).map((node) => nodeCandidate(ctx, node));
}

function nodeCandidate(ctx: Context, node: NodeFacts): Candidate {
  const kube = ctx.facts.kube!;
  const failing = (p: PodFacts) => isFailing(p, ctx.facts);
  const workloads = ctx.facts.scope.flatMap((service) => {
    const workload = workloadOf(service);
    if (!workload) return [];
    const pods = podsOf(kube, workload);
    return [{ service, workload: service.workload!, pods, where: localization(pods, node.name, failing) }];
  });
  const weighted = workloads.map((w) => ({
    ...w,
    weight: graphPosition(ctx.graph.position(w.service.name)),
  }));
  const best = weighted.sort((a, b) => b.where.share * b.weight - a.where.share * a.weight)[0];
  // The node an incident is about is its centre, like a symptomatic service.
  const graph = node.name === ctx.facts.node ? 1 : best ? best.where.share * best.weight : 0;
  const share = Math.max(0, ...workloads.map((w) => w.where.share));
  const strength = Math.max(...node.bad.map((c) => CONDITION_STRENGTH[c.type] ?? 0.5));
  const onNode = new Set(kube.pods.filter((p) => p.node === node.name).map((p) => p.name));
  const problems = workloads.flatMap((w) =>
    Object.entries(ctx.facts.logs.get(w.workload)?.novelProblemsByPod ?? {}),
  );
  const total = problems.reduce((n, [, count]) => n + count, 0);
  const fromNode = problems.filter(([pod]) => onNode.has(pod)).reduce((n, [, count]) => n + count, 0);
  const alerts = ctx.facts.alerts.filter((a) => alertText(a).includes(node.name));
  const since = node.bad[0]!.since;
  const prior = ctx.prior('infrastructure', `Node/${node.name}`, undefined, PRIOR);
  const conditions = node.bad.map((c) => `${c.type}=${c.status}`).join(', ');
  const located = workloads.filter((w) => w.where.failingOn.length);
  const evidence: Evidence[] = [
    ...node.bad.map((c) => ({
      kind: 'node' as const,
      at: iso(c.since),
      summary: `${node.name} ${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`,
      ref: `Node/${node.name}`,
    })),
    ...located.map((w) => ({
      kind: 'topology' as const,
      summary: `${w.where.failingOn.length} failing pod(s) of ${w.workload} run on ${node.name} (${w.where.failingOn.map((p) => p.name).join(', ')}); ${w.where.healthyElsewhere} healthy elsewhere`,
      ref: w.workload,
    })),
    ...alerts.map((a) => ({
      kind: 'alert' as const,
      at: iso(a.startsAt),
      summary: `${a.name} (${a.severity || 'no severity'}) firing: ${a.summary}`,
    })),
    ...located.flatMap((w) =>
      (ctx.facts.logs.get(w.workload)?.novel ?? [])
        .filter((t) => (t.level === 'error' || t.level === 'warn') && t.pods.every((p) => onNode.has(p)))
        .slice(0, 1)
        .map((t) => templateEvidence(t, w.workload)),
    ),
    ...(prior.evidence ? [prior.evidence] : []),
  ];
  return {
    ref: `Node/${node.name}`,
    category: 'infrastructure',
    summary: `Node ${node.name} reports ${conditions} since ${minutesBefore(since, ctx.onset.at)}${located.length ? `; ${located.map((w) => `${Math.round(w.where.share * 100)}% of ${w.service.name}'s failure sits on it`).join(', ')}` : '; none of the failing pods in scope run on it'}`,
    raw: {
      at: since,
      graph,
      evidence: Math.min(1, strength * (0.3 + 0.7 * share) + (alerts.length ? 0.1 : 0)),
      novelty: total ? fromNode / total : 0,
      prior: prior.value,
    },
    evidence,
    signals: node.bad.flatMap((c) => (CONDITION_SIGNAL[c.type] ? [CONDITION_SIGNAL[c.type]!] : [])),
  };
}
