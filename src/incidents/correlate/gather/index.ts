// Gathers everything correlation weighs, through the backends only, and says for each
// backend whether it answered: Kubernetes (pods, nodes, events, ConfigMaps, rollouts),
// change events, firing alerts, metrics for the symptomatic service and what it depends
// on, and, once the onset is known, their logs. A missing backend is `not configured`; a
// failing one is reported with its error, and correlation goes on with the rest.

import type { Backends } from '../../../backends/types.ts';
import { type CatalogService, namespaceOf, type ServiceCatalog } from '../../catalog.ts';
import type { ServiceGraph } from '../graph.ts';
import type { SignalStatus } from '../types.ts';
import { type AlertFacts, gatherAlerts } from './alerts.ts';
import { type ChangeFacts, gatherChanges } from './changes.ts';
import { gatherKube, type KubeFacts } from './kube.ts';
import { gatherWorkloadLogs, type WorkloadLogs } from './logs.ts';
import { gatherServiceMetrics, inBatches, type ServiceMetrics } from './metrics.ts';
import { gatherRollouts, type RolloutFacts } from './rollouts.ts';

export interface Window {
  since: number;
  /** The time asked about; nothing after it counts. */
  at: number;
  /** The backends' now (the API server counts sinceSeconds back from it). */
  now: number;
  /** Where metric baselines end: the first 40% of the window. */
  baselineEnd: number;
}

export interface Facts {
  window: Window;
  graph: ServiceGraph;
  /** The symptomatic service and what it depends on, nearest first. */
  scope: CatalogService[];
  kube?: KubeFacts;
  rollouts: RolloutFacts[];
  changes: ChangeFacts[];
  alerts: AlertFacts[];
  /** By service name. */
  metrics: Map<string, ServiceMetrics>;
  /** The node correlated, when the incident is about a node rather than a service (scope.ts). */
  node?: string;
  /** By workload (`Deployment/ns/name`); filled by gatherLogs. */
  logs: Map<string, WorkloadLogs>;
  signals: SignalStatus[];
}

const NOT_CONFIGURED = 'not configured';

export async function gatherFacts(
  backends: Partial<Backends>,
  catalog: ServiceCatalog,
  graph: ServiceGraph,
  window: Window,
): Promise<Facts> {
  const scope = [graph.symptomatic, ...graph.upstream.map((u) => u.service)];
  const namespacesOf = (services: readonly CatalogService[]) =>
    services.flatMap((s) => {
      const namespace = namespaceOf(s);
      return namespace ? [namespace] : [];
    });
  const kubeScope = {
    namespaces: namespacesOf(scope),
    configNamespaces: namespacesOf([...catalog, graph.symptomatic]),
  };
  const range = { since: window.since, until: window.at };
  const signals: SignalStatus[] = [];
  const attempt = async <T>(
    source: string,
    configured: boolean,
    fn: () => Promise<T>,
    statusOf: (value: T) => string = () => 'ok',
  ): Promise<T | undefined> => {
    if (!configured) {
      signals.push({ source, status: NOT_CONFIGURED });
      return undefined;
    }
    try {
      const value = await fn();
      signals.push({ source, status: statusOf(value) });
      return value;
    } catch (err) {
      signals.push({ source, status: `failed: ${(err as Error).message}` });
      return undefined;
    }
  };
  const { kubernetes, prometheus, alertmanager, changes } = backends;
  const [kube, rollouts, changeFacts, alerts, metrics] = await Promise.all([
    attempt('kubernetes', Boolean(kubernetes), () => gatherKube(kubernetes!, range, kubeScope)),
    attempt('kubernetes rollouts', Boolean(kubernetes), () => gatherRollouts(kubernetes!, range)),
    attempt('changes', Boolean(changes), async () => gatherChanges(changes!, range)),
    attempt(alertmanager ? 'alertmanager' : 'prometheus alerts', Boolean(alertmanager ?? prometheus), () =>
      gatherAlerts({ alertmanager, prometheus }, window.at),
    ),
    attempt(
      'prometheus',
      Boolean(prometheus),
      async () => {
        const found = await inBatches(scope, (service) =>
          gatherServiceMetrics(prometheus!, service, {
            since: window.since,
            until: window.at,
            baselineEnd: window.baselineEnd,
          }),
        );
        const problems = found.flatMap((m) => m.problems);
        if (problems.length && found.every((m) => !m.series.length)) throw new Error(problems[0]);
        return { byService: new Map(found.map((m) => [m.service, m])), problems };
      },
      ({ problems }) =>
        problems.length ? `partial: ${problems.length} queries failed, the first with: ${problems[0]}` : 'ok',
    ),
  ]);
  signals.push({
    source: 'cloudwatch',
    status: backends.cloudwatch ? 'not read: the catalog links no log groups to services' : NOT_CONFIGURED,
  });
  return {
    window,
    graph,
    scope,
    ...(kube ? { kube } : {}),
    rollouts: rollouts ?? [],
    changes: changeFacts ?? [],
    alerts: alerts ?? [],
    metrics: metrics?.byService ?? new Map(),
    logs: new Map(),
    signals: signals.sort((a, b) => a.source.localeCompare(b.source)),
  };
}

/** A workload whose logs are worth reading, and how many of its pods. */
export interface LogTarget {
  workload: string;
  maxPods: number;
}

/** Samples the logs of the given workloads around `onset`. */
export async function gatherLogs(
  backends: Partial<Backends>,
  facts: Facts,
  onset: number,
  targets: readonly LogTarget[],
): Promise<void> {
  const kubernetes = backends.kubernetes;
  const kube = facts.kube;
  if (!kubernetes || !kube) return;
  const logWindow = {
    since: facts.window.since,
    onset,
    focusStart: onset - 6 * 60_000,
    until: facts.window.at,
    now: facts.window.now,
  };
  const found = await inBatches(targets, ({ workload, maxPods }) => {
    const pods = kube.pods.filter((p) => p.workload === workload);
    return gatherWorkloadLogs(kubernetes, workload, pods, logWindow, maxPods);
  });
  for (const logs of found) facts.logs.set(logs.workload, logs);
  const sum = (of: (l: WorkloadLogs) => number) => found.reduce((n, l) => n + of(l), 0);
  facts.signals.push({
    source: 'kubernetes logs',
    status: `ok (${sum((l) => l.pods.length)} pods of ${found.length} workloads sampled: ${sum((l) => l.read.lines)} lines, ${sum((l) => l.read.bytes)} bytes read)`,
  });
  facts.signals.sort((a, b) => a.source.localeCompare(b.source));
}
