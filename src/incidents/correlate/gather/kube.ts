// What the Kubernetes API says, reduced to the facts correlation weighs: each pod's
// workload, node, restarts, state and the ConfigMaps its spec reads; nodes with a bad
// condition and since when; events in the window; ConfigMaps, their keys and when their
// data was last written (weighed in candidates/config-writes.ts). Pods and events are listed in the namespaces of the services
// in scope, ConfigMaps in the catalog's: one list call per kind and namespace, however many
// pods the rest of the cluster runs.
//
// When a ConfigMap's data was written comes from `metadata.managedFields`: the API server
// keeps one entry per manager and operation, with the time of its latest write and the
// fields it owns (`fieldsV1`). The latest entry that owns `data` or `binaryData` dates the
// data. An entry owning only labels or annotations (a leader lease, an Argo CD tracking
// annotation) does not. An `Update` entry without `fieldsV1` still counts: the server bumps
// an Update's time only when that write changed something, and what clients change in a
// ConfigMap is almost always its data. An `Apply` entry without `fieldsV1` does not: an
// apply's field set is what it applied, so none recorded is nothing seen applied. Entries
// of a subresource never write data. The time is a manager's latest write of any field it
// owns, so a manager owning the data that later changed only a label dates the data too
// late; and only the latest write is known, so an earlier one in the window is not seen.

import { listAll } from '../../../backends/kubernetes/list-all.ts';
import type { KubeObject, KubernetesBackend } from '../../../backends/kubernetes/types.ts';
import { parseQuantity } from '../../../sandbox/scenario/quantity.ts';
import type { WorkloadRef } from '../../catalog.ts';

export interface PodFacts {
  name: string;
  namespace: string;
  node?: string;
  /** `Deployment/ns/name`, `StatefulSet/ns/name` or `DaemonSet/ns/name` of its controller. */
  workload?: string;
  ready: boolean;
  /** CrashLoopBackOff, ImagePullBackOff, Error, OOMKilled... when not running normally. */
  problem?: string;
  restarts: number;
  /** The last restart: when the previous container ended, and why. */
  lastRestart?: { at: number; reason?: string; exitCode?: number };
  startedAt?: number;
  createdAt: number;
  /** Per container: CPU limit in cores, memory limit in bytes. */
  limits: Record<string, { cpu?: number; memory?: number }>;
  firstContainer?: string;
  /** ConfigMaps its spec reads (envFrom, env valueFrom, configMap and projected volumes), by name. */
  configMaps: string[];
  /** Its labels, without those a controller adds per revision or per pod (pod-template-hash...). */
  labels: Record<string, string>;
}

export interface BadCondition {
  type: string;
  status: string;
  since: number;
  reason?: string;
  message?: string;
}

export interface NodeFacts {
  name: string;
  unschedulable: boolean;
  bad: BadCondition[];
}

export interface EventFacts {
  at: number;
  first: number;
  type: string;
  reason: string;
  message: string;
  count: number;
  object: { kind: string; namespace?: string; name: string };
}

export interface DataWrite {
  at: number;
  manager: string;
  operation: string;
  /** False for an Update entry that did not say which fields it wrote. */
  fieldsRecorded: boolean;
}

export interface ConfigMapFacts {
  namespace: string;
  name: string;
  /** The keys of its data and binaryData, sorted. */
  keys: string[];
  /** The latest write of its data; absent when managedFields record none. */
  dataWrite?: DataWrite;
}

export function configMapRef(configMap: { namespace: string; name: string }): string {
  return `ConfigMap/${configMap.namespace}/${configMap.name}`;
}

export interface KubeFacts {
  pods: PodFacts[];
  nodes: NodeFacts[];
  events: EventFacts[];
  configMaps: ConfigMapFacts[];
}

export interface KubeScope {
  /** Where the services in scope run: their pods and events are read. */
  namespaces: readonly string[];
  /** Where catalog services run: their ConfigMaps are read. */
  configNamespaces: readonly string[];
}

export async function gatherKube(
  kube: KubernetesBackend,
  window: { since: number; until: number },
  scope: KubeScope,
): Promise<KubeFacts> {
  const inEach = async (kind: 'Pod' | 'Event' | 'ConfigMap', namespaces: readonly string[]) =>
    (
      await Promise.all(
        [...new Set(namespaces)].sort().map((namespace) => listAll(kube, { kind, namespace })),
      )
    ).flat();
  const [pods, nodes, events, configMaps] = await Promise.all([
    inEach('Pod', scope.namespaces),
    listAll(kube, { kind: 'Node' }),
    inEach('Event', scope.namespaces),
    inEach('ConfigMap', scope.configNamespaces),
  ]);
  return {
    pods: pods.map(podFacts).sort((a, b) => a.name.localeCompare(b.name)),
    nodes: nodes.map(nodeFacts).sort((a, b) => a.name.localeCompare(b.name)),
    events: events
      .map(eventFacts)
      .filter((e) => e.at >= window.since && e.first <= window.until)
      .sort(
        (a, b) =>
          a.at - b.at || a.reason.localeCompare(b.reason) || a.object.name.localeCompare(b.object.name),
      ),
    configMaps: configMaps
      .map(configMapFacts)
      .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`)),
  };
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string };
    terminated?: { reason?: string };
    running?: { startedAt?: string };
  };
  lastState?: { terminated?: { finishedAt?: string; reason?: string; exitCode?: number } };
}

interface ContainerSpec {
  name: string;
  resources?: { limits?: { cpu?: string; memory?: string } };
  envFrom?: { configMapRef?: { name?: string } }[];
  env?: { valueFrom?: { configMapKeyRef?: { name?: string } } }[];
}

interface PodSpec {
  nodeName?: string;
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  volumes?: {
    configMap?: { name?: string };
    projected?: { sources?: { configMap?: { name?: string } }[] };
  }[];
}

function podFacts(pod: KubeObject): PodFacts {
  const namespace = pod.metadata.namespace ?? '';
  const spec = (pod.spec ?? {}) as PodSpec;
  const status = (pod.status ?? {}) as {
    containerStatuses?: ContainerStatus[];
    conditions?: { type: string; status: string }[];
  };
  const main = status.containerStatuses?.[0];
  const ready = status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  const problem = main?.state?.waiting?.reason ?? main?.state?.terminated?.reason;
  const last = main?.lastState?.terminated;
  const workload = workloadOfPod(pod);
  const started = main?.state?.running?.startedAt;
  return {
    name: pod.metadata.name,
    namespace,
    ...(spec.nodeName ? { node: spec.nodeName } : {}),
    ...(workload ? { workload } : {}),
    ready,
    ...(problem && problem !== 'Completed' ? { problem } : {}),
    restarts: (status.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0),
    ...(last?.finishedAt
      ? {
          lastRestart: {
            at: Date.parse(last.finishedAt),
            ...(last.reason ? { reason: last.reason } : {}),
            ...(last.exitCode !== undefined ? { exitCode: last.exitCode } : {}),
          },
        }
      : {}),
    ...(started ? { startedAt: Date.parse(started) } : {}),
    createdAt: Date.parse(pod.metadata.creationTimestamp) || 0,
    limits: Object.fromEntries(
      (spec.containers ?? []).map((c) => [
        c.name,
        {
          ...(c.resources?.limits?.cpu ? { cpu: quantity(c.resources.limits.cpu) } : {}),
          ...(c.resources?.limits?.memory ? { memory: quantity(c.resources.limits.memory) } : {}),
        },
      ]),
    ),
    ...(spec.containers?.[0] ? { firstContainer: spec.containers[0].name } : {}),
    configMaps: configMapsRead(spec),
    labels: Object.fromEntries(
      Object.entries(pod.metadata.labels ?? {}).filter(([key]) => !PER_REVISION_LABELS.has(key)),
    ),
  };
}

/** Labels a controller sets per revision or per pod: never part of a workload's selector. */
const PER_REVISION_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
]);

function configMapsRead(spec: PodSpec): string[] {
  const names = [
    ...[...(spec.initContainers ?? []), ...(spec.containers ?? [])].flatMap((c) => [
      ...(c.envFrom ?? []).map((e) => e.configMapRef?.name),
      ...(c.env ?? []).map((e) => e.valueFrom?.configMapKeyRef?.name),
    ]),
    ...(spec.volumes ?? []).flatMap((v) => [
      v.configMap?.name,
      ...(v.projected?.sources ?? []).map((source) => source.configMap?.name),
    ]),
  ];
  return [...new Set(names.filter((n): n is string => Boolean(n)))].sort();
}

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  time?: string;
  subresource?: string;
  fieldsV1?: Record<string, unknown>;
}

function configMapFacts(configMap: KubeObject): ConfigMapFacts {
  const entries = (configMap.metadata.managedFields ?? []) as ManagedFieldsEntry[];
  const writes = entries.flatMap((entry): DataWrite[] => {
    const at = Date.parse(entry.time ?? '');
    const operation = entry.operation ?? 'Update';
    if (!at || entry.subresource) return [];
    const fields = entry.fieldsV1;
    const wroteData = fields ? 'f:data' in fields || 'f:binaryData' in fields : operation === 'Update';
    return wroteData
      ? [{ at, manager: entry.manager ?? '', operation, fieldsRecorded: fields !== undefined }]
      : [];
  });
  const latest = writes.sort((a, b) => b.at - a.at || a.manager.localeCompare(b.manager))[0];
  const keysOf = (field: unknown) => Object.keys((field ?? {}) as Record<string, unknown>);
  return {
    namespace: configMap.metadata.namespace ?? '',
    name: configMap.metadata.name,
    keys: [...keysOf(configMap.data), ...keysOf(configMap.binaryData)].sort(),
    ...(latest ? { dataWrite: latest } : {}),
  };
}

/** The controller a pod belongs to; a ReplicaSet's pods belong to its Deployment. */
export function workloadOfPod(pod: KubeObject): string | undefined {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller !== false);
  const namespace = pod.metadata.namespace ?? '';
  if (!owner) return undefined;
  if (owner.kind === 'StatefulSet' || owner.kind === 'DaemonSet')
    return `${owner.kind}/${namespace}/${owner.name}`;
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`))
    return `Deployment/${namespace}/${owner.name.slice(0, -(hash.length + 1))}`;
  return undefined;
}

export function podsOf(kube: KubeFacts, workload: WorkloadRef): PodFacts[] {
  const key = `${workload.kind}/${workload.namespace}/${workload.name}`;
  return kube.pods.filter((p) => p.workload === key);
}

const PRESSURE = new Set(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable']);

function nodeFacts(node: KubeObject): NodeFacts {
  const conditions = ((node.status as { conditions?: Record<string, string>[] } | undefined)?.conditions ??
    []) as {
    type: string;
    status: string;
    lastTransitionTime?: string;
    reason?: string;
    message?: string;
  }[];
  const bad = conditions
    .filter((c) => (c.type === 'Ready' ? c.status !== 'True' : PRESSURE.has(c.type) && c.status === 'True'))
    .map((c) => ({
      type: c.type,
      status: c.status,
      since: Date.parse(c.lastTransitionTime ?? '') || 0,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
    }))
    .sort((a, b) => a.since - b.since || a.type.localeCompare(b.type));
  return {
    name: node.metadata.name,
    unschedulable: Boolean((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable),
    bad,
  };
}

function eventFacts(event: KubeObject): EventFacts {
  const e = event as KubeObject & {
    type?: string;
    reason?: string;
    message?: string;
    count?: number;
    lastTimestamp?: string;
    firstTimestamp?: string;
    eventTime?: string;
    series?: { lastObservedTime?: string; count?: number };
    involvedObject?: { kind?: string; namespace?: string; name?: string };
  };
  const last = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp;
  const first = e.firstTimestamp ?? e.eventTime ?? last;
  return {
    at: Date.parse(last ?? '') || 0,
    first: Date.parse(first ?? '') || 0,
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    count: e.series?.count ?? e.count ?? 1,
    object: {
      kind: e.involvedObject?.kind ?? '',
      ...(e.involvedObject?.namespace ? { namespace: e.involvedObject.namespace } : {}),
      name: e.involvedObject?.name ?? '',
    },
  };
}

/** A resource quantity (`512Mi`, `500m`), or undefined when the API sent something else. */
function quantity(text: string): number | undefined {
  try {
    return parseQuantity(text);
  } catch {
    return undefined;
  }
}
