// What a scenario's world looks like at spec.now, in one screen: the pods with their state,
// the alerts firing, the metric series that moved most, the recent changes and the nodes
// that are not healthy. It is what an on-call engineer sees first, so scenario authors can
// check their incident reads the way they meant. Built from the same renderers the
// simulators serve (a frozen clock), and blind to `truth` and `resolution`.

import { containersOf, controllerRef } from '../kube/objects.ts';
import { podStatusText } from '../kube/pod-status.ts';
import { generateSeries } from '../metrics/generate.ts';
import type { KubeObject } from '../world.ts';
import { renderKubeWorld } from './kube.ts';
import { type SeriesMove, topMovers } from './movers.ts';
import { type ChangeSummary, recentChanges } from './recent-changes.ts';
import type { Scenario, ScenarioSpec } from './schema.ts';
import { kubeTime } from './time.ts';

export type { SeriesMove } from './movers.ts';
export type { ChangeSummary } from './recent-changes.ts';

export interface ScenarioSummary {
  scenario: string;
  /** The file it was loaded from. */
  source: string;
  cluster: string;
  /** spec.now, RFC 3339 (second precision, like every time here). */
  now: string;
  /** Pods that are not Running and ready first, then by namespace and name. */
  pods: PodSummary[];
  /** Alerts firing at now: critical first, then oldest first. */
  alerts: FiringAlert[];
  /** The series that changed most: last 15 minutes against the hour before. */
  movers: SeriesMove[];
  /** The last 24 hours, newest first. */
  changes: ChangeSummary[];
  /** Nodes with a condition out of its healthy state, or cordoned. */
  nodes: NodeProblem[];
}

export interface PodSummary {
  namespace: string;
  name: string;
  /** `<Kind>/<ns>/<name>` of its workload: Deployment, StatefulSet, DaemonSet or Job. */
  workload: string | null;
  /** kubectl's STATUS: Running, CrashLoopBackOff, OOMKilled, Pending, ... */
  status: string;
  /** kubectl's READY: ready containers / containers. */
  ready: string;
  restarts: number;
  /** When the last container termination finished, RFC 3339. */
  lastRestart: string | null;
  node: string | null;
}

export interface FiringAlert {
  name: string;
  severity: string | null;
  labels: Record<string, string>;
  /** RFC 3339. */
  since: string;
  /** The summary (or description) annotation. */
  summary: string | null;
}

export interface NodeProblem {
  name: string;
  unschedulable: boolean;
  conditions: { type: string; status: string; reason: string; message: string; since: string }[];
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, page: 0, error: 1, warning: 2, info: 3 };

export function renderScenarioSummary(scenario: Scenario): ScenarioSummary {
  // Only what the simulators may serve: `truth` and `resolution` are not even read.
  const { source, name, description, spec } = scenario;
  const served: Scenario = { source, name, description, spec, truth: undefined, resolution: undefined };
  const world = renderKubeWorld(served, { now: () => spec.now });
  return {
    scenario: name,
    source,
    cluster: spec.cluster.name,
    now: kubeTime(spec.now),
    pods: podSummaries(world.objects),
    alerts: firingAlerts(spec),
    movers: topMovers(generateSeries(served), spec.now),
    changes: recentChanges(spec),
    nodes: nodeProblems(world.objects),
  };
}

function podSummaries(objects: readonly KubeObject[]): PodSummary[] {
  const byKey = new Map(objects.map((o) => [`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, o]));
  const workloadOf = (pod: KubeObject): string | null => {
    const namespace = pod.metadata.namespace;
    const owner = controllerRef(pod);
    if (owner?.kind === 'StatefulSet' || owner?.kind === 'DaemonSet' || owner?.kind === 'Job')
      return `${owner.kind}/${namespace}/${owner.name}`;
    const replicaSet = owner && byKey.get(`ReplicaSet/${namespace}/${owner.name}`);
    const deployment = replicaSet && controllerRef(replicaSet);
    return deployment ? `${deployment.kind}/${namespace}/${deployment.name}` : null;
  };
  return objects
    .filter((o) => o.kind === 'Pod')
    .map((pod): PodSummary => {
      const { reason, ready, restarts, lastRestart } = podStatusText(pod);
      return {
        namespace: pod.metadata.namespace ?? '',
        name: pod.metadata.name,
        workload: workloadOf(pod),
        status: reason,
        ready: `${ready}/${containersOf(pod.spec).length}`,
        restarts,
        lastRestart: lastRestart ?? null,
        node: typeof pod.spec?.nodeName === 'string' ? pod.spec.nodeName : null,
      };
    })
    .sort(
      (a, b) =>
        Number(isHealthy(a)) - Number(isHealthy(b)) ||
        a.namespace.localeCompare(b.namespace) ||
        a.name.localeCompare(b.name),
    );
}

export function isHealthy(pod: PodSummary): boolean {
  const [ready, total] = pod.ready.split('/');
  return pod.status === 'Running' && ready === total;
}

function firingAlerts({ now, alerts }: ScenarioSpec): FiringAlert[] {
  const rank = (alert: FiringAlert) => SEVERITY_RANK[alert.severity ?? ''] ?? 4;
  return alerts
    .filter((a) => a.startsAt <= now && (a.endsAt === null || a.endsAt > now))
    .map(
      (a): FiringAlert => ({
        name: a.name,
        severity: a.labels.severity ?? null,
        labels: Object.fromEntries(Object.entries(a.labels).sort(([x], [y]) => x.localeCompare(y))),
        since: kubeTime(a.startsAt),
        summary: a.annotations.summary ?? a.annotations.description ?? null,
      }),
    )
    .sort((a, b) => rank(a) - rank(b) || a.since.localeCompare(b.since) || a.name.localeCompare(b.name));
}

/** Ready should be True; every other condition (pressures, NetworkUnavailable, node-problem-detector's) False. */
function nodeProblems(objects: readonly KubeObject[]): NodeProblem[] {
  return objects
    .filter((o) => o.kind === 'Node')
    .flatMap((node): NodeProblem[] => {
      const conditions = (
        (node.status?.conditions ?? []) as {
          type: string;
          status: string;
          reason: string;
          message: string;
          lastTransitionTime: string;
        }[]
      )
        .filter((c) => c.status !== (c.type === 'Ready' ? 'True' : 'False'))
        .map((c) => ({
          type: c.type,
          status: c.status,
          reason: c.reason,
          message: c.message,
          since: c.lastTransitionTime,
        }));
      const unschedulable = node.spec?.unschedulable === true;
      return conditions.length || unschedulable
        ? [{ name: node.metadata.name, unschedulable, conditions }]
        : [];
    });
}
