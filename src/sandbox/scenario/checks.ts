// The checks zod cannot do: references between sections (`Pod/shop/checkout#0`, a service's
// workload, a fix's target, the truth's ref) must name something the scenario declares,
// names must be unique, pod overrides must fit their workload. Each problem carries the
// YAML path of the field at fault.

import { canonicalJson } from '../../canonical.ts';
import { checkKinds, kindPodCounts } from './checks-kinds.ts';
import { type ObjectRef, parseRef, workloadKey } from './refs.ts';
import type { PodOverride, Resolution, ScenarioSpec, Truth } from './schema.ts';
import { LEFTOVER_STATES, podCount } from './workloads.ts';

/** A workload's replicas, and all its pods (leftovers and a Job's finished ones too). */
export interface PodCounts {
  replicas: number;
  pods: number;
}

export type Report = (path: (string | number)[], message: string) => void;

export interface Problem {
  path: (string | number)[];
  message: string;
}

export type Spec = Omit<ScenarioSpec, 'seed'> & {
  truth?: Truth | undefined;
  resolution?: Resolution | undefined;
};

/** Namespaces every cluster has, so scenarios may use them without declaring them. */
export const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/** Kinds whose pods `Pod/<ns>/<workload>#<index>` names. */
const POD_OWNERS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];
const KUBE_OBJECT_KINDS = [
  ...POD_OWNERS,
  'CronJob',
  'HorizontalPodAutoscaler',
  'Pod',
  'ConfigMap',
  'Node',
  'Namespace',
  'Service',
];
const ALL_KINDS = [...KUBE_OBJECT_KINDS, 'Change'];
const CLUSTER_SCOPED = new Set(['Node', 'Namespace', 'Change']);

export interface Catalog {
  namespaces: Set<string>;
  nodes: Set<string>;
  /** `<Kind>/ns/name` of every workload with pods (Jobs a CronJob created included). */
  workloads: Map<string, PodCounts>;
  /** `CronJob/ns/name` and `HorizontalPodAutoscaler/ns/name`. */
  others: Set<string>;
  configmaps: Set<string>;
  /** Kubernetes Services (`ns/name`): catalog services backed by a workload. */
  kubeServices: Set<string>;
  services: Set<string>;
  changes: Set<string>;
}

export function checkScenario(spec: Spec): Problem[] {
  const problems: Problem[] = [];
  const report = (path: (string | number)[], message: string) =>
    problems.push({ path: ['spec', ...path], message });
  const catalog = buildCatalog(spec);
  const checkRef = (path: (string | number)[], text: string | undefined, kinds: readonly string[]) => {
    const message = text === undefined ? undefined : refProblem(text, kinds, catalog);
    if (message) report(path, message);
  };
  const k8s = spec.kubernetes;

  reportDuplicates(k8s.namespaces, (n) => n.name, ['kubernetes', 'namespaces'], 'name', 'namespace', report);
  reportDuplicates(k8s.nodes, (n) => n.name, ['kubernetes', 'nodes'], 'name', 'node', report);
  reportDuplicates(
    k8s.configmaps,
    (c) => `${c.namespace}/${c.name}`,
    ['kubernetes', 'configmaps'],
    'name',
    'ConfigMap',
    report,
  );
  reportDuplicates(spec.services, (s) => s.name, ['services'], 'name', 'service', report);
  reportDuplicates(spec.changes, (c) => c.id, ['changes'], 'id', 'change id', report);
  reportDuplicates(
    spec.metrics,
    (m) => `${m.name}${canonicalJson(m.labels)}`,
    ['metrics'],
    'labels',
    'series',
    report,
  );

  const workloadNames = new Set<string>();
  const sections = [
    ['deployments', k8s.deployments],
    ['statefulsets', k8s.statefulsets],
    ['daemonsets', k8s.daemonsets],
    ['jobs', k8s.jobs],
    ['cronjobs', k8s.cronjobs],
  ] as const;
  for (const [section, list] of sections) {
    list.forEach((workload, i) => {
      const path = ['kubernetes', section, i];
      const key = `${workload.namespace}/${workload.name}`;
      if (workloadNames.has(key))
        report([...path, 'name'], `duplicate workload ${key} (pods are referenced by workload name)`);
      workloadNames.add(key);
      if (!catalog.namespaces.has(workload.namespace))
        report([...path, 'namespace'], namespaceProblem(workload.namespace));
    });
  }
  for (const section of ['deployments', 'statefulsets'] as const) {
    k8s[section].forEach((workload, i) => {
      const path = ['kubernetes', section, i];
      const created = workload.revisions.at(-1)!.at;
      checkPodOverrides(workload, workload.replicas, created, path, catalog, report);
    });
  }
  checkKinds(spec, catalog, { report, checkRef, checkPodOverrides, namespaceProblem });
  k8s.configmaps.forEach((cm, i) => {
    if (!catalog.namespaces.has(cm.namespace))
      report(['kubernetes', 'configmaps', i, 'namespace'], namespaceProblem(cm.namespace));
  });
  k8s.events.forEach((event, i) => {
    const path = ['kubernetes', 'events', i, 'object'];
    if (/^Service\/[^/]+$/.test(event.object)) {
      report(path, `${event.object}: an event concerns the Kubernetes Service, Service/<namespace>/<name>`);
    }
    checkRef(path, event.object, KUBE_OBJECT_KINDS);
  });

  spec.services.forEach((service, i) => {
    const path = ['services', i];
    if (service.namespace && !catalog.namespaces.has(service.namespace)) {
      report([...path, 'namespace'], namespaceProblem(service.namespace));
    }
    if (service.kind === 'external' && service.workload) {
      report([...path, 'workload'], 'an external service has no workload');
    }
    checkRef([...path, 'workload'], service.workload, ['Deployment', 'StatefulSet', 'DaemonSet']);
    const workloadNamespace = service.workload ? safeParseRef(service.workload)?.namespace : undefined;
    if (service.namespace && workloadNamespace && service.namespace !== workloadNamespace) {
      report([...path, 'namespace'], `the workload ${service.workload} is in namespace ${workloadNamespace}`);
    }
    service.dependsOn.forEach((dependency, j) => {
      if (!catalog.services.has(dependency) || dependency === service.name) {
        report([...path, 'dependsOn', j], `${dependency} is not another service in spec.services`);
      }
    });
  });
  spec.logs.forEach((entry, i) => {
    if (typeof entry.source === 'string') {
      checkRef(['logs', i, 'source'], entry.source, [...POD_OWNERS, 'Pod']);
    }
  });
  spec.changes.forEach((change, i) => {
    if (change.service !== undefined && !catalog.services.has(change.service)) {
      report(['changes', i, 'service'], `${change.service} is not a service in spec.services`);
    }
  });
  spec.resolution?.fixes.forEach((fix, i) => {
    checkRef(['resolution', 'fixes', i, 'target'], fix.target, ALL_KINDS);
  });
  spec.resolution?.transient.forEach((action, i) => {
    checkRef(['resolution', 'transient', i, 'target'], action.target, ALL_KINDS);
  });
  if (spec.truth) {
    checkRef(['truth', 'rootCause', 'ref'], spec.truth.rootCause.ref, ALL_KINDS);
    for (const verdict of ['acceptable', 'harmful'] as const) {
      spec.truth.remediation[verdict].forEach((remedy, i) => {
        checkRef(['truth', 'remediation', verdict, i, 'target'], remedy.target, ALL_KINDS);
      });
    }
  }
  return problems;
}

function buildCatalog(spec: Spec): Catalog {
  const k8s = spec.kubernetes;
  const workloads = new Map<string, PodCounts>();
  const counts = (w: { replicas: number; pods: PodOverride[] }) => ({
    replicas: w.replicas,
    pods: podCount(w.replicas, w.pods),
  });
  for (const d of k8s.deployments) workloads.set(workloadKey('Deployment', d.namespace, d.name), counts(d));
  for (const s of k8s.statefulsets) workloads.set(workloadKey('StatefulSet', s.namespace, s.name), counts(s));
  for (const [key, count] of kindPodCounts(spec)) workloads.set(key, count);
  const kubeServices = new Set<string>();
  for (const service of spec.services) {
    const namespace = service.workload ? safeParseRef(service.workload)?.namespace : undefined;
    if (namespace) kubeServices.add(`${namespace}/${service.name}`);
  }
  return {
    namespaces: new Set([...BUILTIN_NAMESPACES, ...k8s.namespaces.map((n) => n.name)]),
    nodes: new Set(k8s.nodes.map((n) => n.name)),
    workloads,
    others: new Set([
      ...k8s.cronjobs.map((c) => workloadKey('CronJob', c.namespace, c.name)),
      ...k8s.horizontalpodautoscalers.map((h) => workloadKey('HorizontalPodAutoscaler', h.namespace, h.name)),
    ]),
    configmaps: new Set(k8s.configmaps.map((c) => `${c.namespace}/${c.name}`)),
    kubeServices,
    services: new Set(spec.services.map((s) => s.name)),
    changes: new Set(spec.changes.map((c) => c.id)),
  };
}

/**
 * Overrides of a workload's pods: indices below `replicas` are its replicas; Evicted and
 * Terminating pods may also be listed after them (pods on their way out beside their replacements).
 */
function checkPodOverrides(
  workload: { name: string; pods: readonly PodOverride[] },
  replicas: number,
  createdAt: Date,
  path: (string | number)[],
  catalog: Catalog,
  report: Report,
): void {
  const seen = new Set<number>();
  workload.pods.forEach((pod, i) => {
    const podPath = [...path, 'pods', i];
    if (pod.index >= replicas && !LEFTOVER_STATES.has(pod.state)) {
      report(
        [...podPath, 'index'],
        `index ${pod.index} is out of range: ${workload.name} has ${replicas} replicas`,
      );
    }
    if (pod.since !== undefined && !LEFTOVER_STATES.has(pod.state))
      report([...podPath, 'since'], 'only an Evicted or Terminating pod has `since`');
    if (pod.message !== undefined && pod.state !== 'Evicted')
      report([...podPath, 'message'], 'only an Evicted pod has a `message`');
    if (pod.since !== undefined && pod.since < createdAt)
      report([...podPath, 'since'], 'is before the pod was created');
    if (seen.has(pod.index)) report([...podPath, 'index'], `duplicate override for pod index ${pod.index}`);
    seen.add(pod.index);
    if (pod.node !== undefined && !catalog.nodes.has(pod.node)) {
      report([...podPath, 'node'], `no node ${pod.node} in spec.kubernetes.nodes`);
    }
    if (pod.node !== undefined && pod.state === 'Pending') {
      report([...podPath, 'node'], 'a Pending pod is not scheduled to a node');
    }
    pod.restarts.forEach((restart, j) => {
      if (restart.at < createdAt) {
        report(
          [...podPath, 'restarts', j, 'at'],
          'is before the current revision created this pod (revisions[-1].at): pods restart after they exist',
        );
      }
    });
  });
}

/** Why `text` does not name something of one of `kinds` in the scenario, or undefined if it does. */
function refProblem(text: string, kinds: readonly string[], catalog: Catalog): string | undefined {
  let ref: ObjectRef;
  try {
    ref = parseRef(text);
  } catch (err) {
    return (err as Error).message;
  }
  if (!kinds.includes(ref.kind)) return `${text}: kind ${ref.kind} is not one of ${kinds.join(', ')}`;
  if (ref.index !== undefined && ref.kind !== 'Pod') return `${text}: only Pod references take #index`;
  const namespaced =
    !CLUSTER_SCOPED.has(ref.kind) && !(ref.kind === 'Service' && ref.namespace === undefined);
  if (namespaced && ref.namespace === undefined) return `${text}: a ${ref.kind} reference needs a namespace`;
  if (!namespaced && ref.namespace !== undefined) return `${text}: a ${ref.kind} reference has no namespace`;
  const key = `${ref.namespace}/${ref.name}`;
  switch (ref.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return catalog.workloads.has(workloadKey(ref.kind, ref.namespace!, ref.name))
        ? undefined
        : `${text}: no ${ref.kind} ${ref.name} in namespace ${ref.namespace}`;
    case 'CronJob':
    case 'HorizontalPodAutoscaler':
      return catalog.others.has(workloadKey(ref.kind, ref.namespace!, ref.name))
        ? undefined
        : `${text}: no ${ref.kind} ${ref.name} in namespace ${ref.namespace}`;
    case 'Pod': {
      if (ref.index === undefined) return `${text}: a Pod reference is Pod/<namespace>/<workload>#<index>`;
      const counts = POD_OWNERS.map((kind) =>
        catalog.workloads.get(workloadKey(kind, ref.namespace!, ref.name)),
      ).find((count) => count !== undefined);
      if (!counts) return `${text}: no workload ${ref.name} in namespace ${ref.namespace}`;
      if (ref.index < counts.pods) return undefined;
      return `${text}: ${ref.name} has ${counts.pods === counts.replicas ? `${counts.replicas} replicas` : `${counts.pods} pods`}`;
    }
    case 'ConfigMap':
      return catalog.configmaps.has(key)
        ? undefined
        : `${text}: no ConfigMap ${ref.name} in namespace ${ref.namespace}`;
    case 'Node':
      return catalog.nodes.has(ref.name)
        ? undefined
        : `${text}: no node ${ref.name} in spec.kubernetes.nodes`;
    case 'Namespace':
      return catalog.namespaces.has(ref.name) ? undefined : `${text}: ${namespaceProblem(ref.name)}`;
    case 'Service':
      if (ref.namespace === undefined) {
        return catalog.services.has(ref.name)
          ? undefined
          : `${text}: no service ${ref.name} in spec.services`;
      }
      return catalog.kubeServices.has(key)
        ? undefined
        : `${text}: no service ${ref.name} with a workload in namespace ${ref.namespace}`;
    case 'Change':
      return catalog.changes.has(ref.name) ? undefined : `${text}: no change ${ref.name} in spec.changes`;
    default:
      return `${text}: unknown kind ${ref.kind}`;
  }
}

function namespaceProblem(namespace: string): string {
  return `namespace ${namespace} is not declared in spec.kubernetes.namespaces`;
}

function safeParseRef(text: string): ObjectRef | undefined {
  try {
    return parseRef(text);
  } catch {
    return undefined;
  }
}

function reportDuplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
  path: (string | number)[],
  field: string,
  what: string,
  report: (path: (string | number)[], message: string) => void,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) report([...path, i, field], `duplicate ${what} ${k}`);
    seen.add(k);
  });
}
