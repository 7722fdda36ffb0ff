// Renders a scenario's Kubernetes world: every object the API would hold at `now` and the
// pod log generator, all deterministic from spec.seed. It reads only `scenario.spec`, never
// `truth`; `resolution` reaches the pod logs only through the incident timeline. The
// Kubernetes API simulator serves what this returns.

import type { IncidentTimeline } from '../reactions/timeline.ts';
import type { KubeObject, KubeWorld } from '../world.ts';
import { configMapObject, namespaceObjects, serviceObjects } from './cluster-objects.ts';
import { renderEvents } from './events.ts';
import { hpaObject } from './hpas.ts';
import { cronJobObject } from './jobs.ts';
import { podLogSource } from './logs.ts';
import { nodeObject, planNodes } from './nodes.ts';
import type { Scenario, ScenarioSpec } from './schema.ts';
import { workloadObjects } from './workload-objects.ts';
import { planWorkloads } from './workloads.ts';

/** How long before the scenario's earliest time the cluster (its namespaces and nodes) was created. */
const CLUSTER_AGE_BEFORE_FIRST_TIME_MS = 86_400_000;

/** `timeline` (default: never suppressed) decides which incident log lines pods write when. */
export function renderKubeWorld(
  scenario: Scenario,
  clock: { now(): Date },
  timeline?: IncidentTimeline,
): KubeWorld {
  const { spec } = scenario;
  const now = clock.now();
  const clusterCreated = clusterCreation(spec);
  const nodes = planNodes(spec);
  const plans = planWorkloads(spec, nodes, now);
  const scheduling = { nodeCount: nodes.length, cordoned: nodes.filter((n) => !n.schedulable).length };
  const objects: KubeObject[] = [
    ...namespaceObjects(spec, clusterCreated),
    ...nodes.map((node) => nodeObject(node, spec.seed, clusterCreated, now)),
    ...spec.kubernetes.configmaps.map((cm) => configMapObject(cm, spec.seed, clusterCreated)),
    ...plans.flatMap((plan) => workloadObjects(plan, { seed: spec.seed, now, scheduling })),
    ...spec.kubernetes.cronjobs.map((cronJob) => cronJobObject(cronJob, spec.seed, now)),
    ...spec.kubernetes.horizontalpodautoscalers.map((hpa) => hpaObject(spec, hpa, plans, now)),
    ...spec.services.flatMap((service) => serviceObjects(service, plans, spec.seed)),
    ...renderEvents({ spec, plans, nodes, clusterCreated, now }),
  ];
  return {
    clusterName: spec.cluster.name,
    now: () => clock.now(),
    objects,
    podLogs: podLogSource(spec, plans, timeline),
  };
}

export interface ConfigMapVersion {
  /** When this content was written. */
  at: Date;
  data: Record<string, string>;
}

/**
 * The earlier contents of a ConfigMap, oldest first (the object itself shows the current
 * data). For the reaction logic and change correlation, which the served object cannot show.
 */
export function configMapHistory(scenario: Scenario, namespace: string, name: string): ConfigMapVersion[] {
  const configMap = scenario.spec.kubernetes.configmaps.find(
    (c) => c.namespace === namespace && c.name === name,
  );
  if (!configMap) throw new Error(`${scenario.source}: no ConfigMap ${namespace}/${name} in the scenario`);
  return configMap.history.map((version) => ({ at: version.at, data: { ...version.data } }));
}

/** When the cluster (its namespaces, and nodes not created later) was created. */
export function clusterCreation(spec: ScenarioSpec): Date {
  const times = [
    spec.history,
    ...spec.kubernetes.deployments.map((d) => d.revisions[0]!.at),
    ...spec.kubernetes.statefulsets.map((s) => s.revisions[0]!.at),
    ...spec.kubernetes.daemonsets.map((d) => d.revisions[0]!.at),
    ...spec.kubernetes.jobs.map((j) => j.startedAt),
    ...spec.kubernetes.cronjobs.flatMap((c) => c.jobs.map((j) => j.startedAt)),
    ...spec.kubernetes.configmaps.flatMap((c) => c.history.map((h) => h.at)),
  ];
  return new Date(Math.min(...times.map((t) => t.getTime())) - CLUSTER_AGE_BEFORE_FIRST_TIME_MS);
}
