// Small fakes of opswarden's own backends for unit tests of correlation's scoring: a
// Kubernetes API holding a few objects (ConfigMaps with the managedFields that date their
// writes among them) and pod logs, a Prometheus answering the golden-signal queries from
// functions of time, and a change-event reader. Behaviour over the wire is tested against
// the sandbox (test/integration/correlate-library.test.ts).

import {
  KubeError,
  type KubeListQuery,
  type KubeObject,
  type KubernetesBackend,
} from '../../../src/backends/kubernetes/types.ts';
import { DEFAULT_PROMETHEUS_LIMITS } from '../../../src/backends/prometheus/limits.ts';
import type { Labels, PrometheusBackend } from '../../../src/backends/prometheus/types.ts';
import type { ChangeEvent } from '../../../src/changes/event.ts';
import type { ChangeEventReader } from '../../../src/changes/store.ts';

export const NOW = Date.parse('2026-04-25T14:30:00Z');
export const MIN = 60_000;
export const at = (minutes: number) => new Date(NOW + minutes * MIN).toISOString();

export interface FakePod {
  name: string;
  node: string;
  problem?: 'CrashLoopBackOff' | 'Error';
  restartedAt?: number;
  restartReason?: string;
  createdAt?: number;
  /** ConfigMaps mounted as volumes. */
  configMaps?: string[];
}

/** A Deployment's pods as the API returns them (owner ReplicaSet, template hash, limits). */
export function deploymentPods(namespace: string, deployment: string, pods: FakePod[]): KubeObject[] {
  const hash = '7d788647f7';
  return pods.map((p) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace,
      uid: `uid-${p.name}`,
      creationTimestamp: new Date(p.createdAt ?? NOW - 9 * 86_400_000).toISOString(),
      labels: { app: deployment, 'pod-template-hash': hash },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${deployment}-${hash}`,
          uid: 'rs',
          controller: true,
        },
      ],
    },
    spec: {
      nodeName: p.node,
      containers: [{ name: 'app', resources: { limits: { cpu: '1', memory: '512Mi' } } }],
      ...(p.configMaps ? { volumes: p.configMaps.map((name) => ({ name, configMap: { name } })) } : {}),
    },
    status: {
      conditions: [{ type: 'Ready', status: p.problem ? 'False' : 'True' }],
      containerStatuses: [
        {
          name: 'app',
          ready: !p.problem,
          restartCount: p.restartedAt ? 2 : 0,
          state: p.problem ? { waiting: { reason: p.problem } } : { running: { startedAt: at(-600) } },
          lastState: p.restartedAt
            ? {
                terminated: {
                  finishedAt: new Date(p.restartedAt).toISOString(),
                  reason: p.restartReason ?? 'Error',
                  exitCode: 1,
                },
              }
            : {},
        },
      ],
    },
  }));
}

export function node(name: string, bad?: { type: string; status: string; since: number }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, creationTimestamp: at(-60 * 24 * 30) },
    spec: {},
    status: {
      conditions: [
        bad?.type === 'Ready'
          ? { type: 'Ready', status: bad.status, lastTransitionTime: new Date(bad.since).toISOString() }
          : { type: 'Ready', status: 'True', lastTransitionTime: at(-60 * 24 * 30) },
        ...(bad && bad.type !== 'Ready'
          ? [{ type: bad.type, status: bad.status, lastTransitionTime: new Date(bad.since).toISOString() }]
          : []),
      ],
    },
  };
}

/** A ConfigMap whose managedFields hold the given entries. */
export function configMap(
  namespace: string,
  name: string,
  data: Record<string, string>,
  managedFields: Record<string, unknown>[],
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, uid: `uid-${name}`, creationTimestamp: at(-60 * 24 * 30), managedFields },
    data,
  };
}

/** A managedFields entry written `minutes` from NOW; `fieldsV1` owns `data` unless given (null: absent). */
export function managedEntry(
  minutes: number,
  manager: string,
  opts: {
    operation?: 'Update' | 'Apply';
    fieldsV1?: Record<string, unknown> | null;
    subresource?: string;
  } = {},
): Record<string, unknown> {
  const fieldsV1 = opts.fieldsV1 === undefined ? { 'f:data': {} } : opts.fieldsV1;
  return {
    manager,
    operation: opts.operation ?? 'Update',
    apiVersion: 'v1',
    time: at(minutes),
    ...(fieldsV1 ? { fieldsType: 'FieldsV1', fieldsV1 } : {}),
    ...(opts.subresource ? { subresource: opts.subresource } : {}),
  };
}

/** Lines as `[minutes relative to NOW, text]`, per pod. */
export type PodLogs = Record<string, [number, string][]>;

export function fakeKubernetes(objects: KubeObject[], logs: PodLogs = {}): KubernetesBackend {
  const matches = (o: KubeObject, q: KubeListQuery) =>
    o.kind === q.kind &&
    (!q.namespace || o.metadata.namespace === q.namespace) &&
    (!q.labelSelector ||
      q.labelSelector.split(',').every((term) => {
        const [k, v] = term.split('=');
        return o.metadata.labels?.[k!] === v;
      }));
  const backend: KubernetesBackend = {
    clusters: () => ['test'],
    impersonate: () => backend,
    async get(ref) {
      const found = objects.find(
        (o) =>
          o.kind === ref.kind &&
          o.metadata.name === ref.name &&
          (!ref.namespace || o.metadata.namespace === ref.namespace),
      );
      if (!found) throw new KubeError(`${ref.kind} ${ref.name} not found`, 404);
      return found;
    },
    async list(query) {
      return { items: objects.filter((o) => matches(o, query)) };
    },
    patch: () => Promise.reject(new Error('read-only fake')),
    delete: () => Promise.reject(new Error('read-only fake')),
    evict: () => Promise.reject(new Error('read-only fake')),
    exec: () => Promise.reject(new Error('read-only fake')),
    resolve: () => Promise.reject(new Error('no discovery in this fake')),
    getResource: () => Promise.reject(new Error('no discovery in this fake')),
    listResources: () => Promise.reject(new Error('no discovery in this fake')),
    describeClusters: async () => [{ name: 'test', context: 'test', server: 'https://test', default: true }],
    podMetrics: () => Promise.reject(new Error('no metrics in this fake')),
    nodeMetrics: () => Promise.reject(new Error('no metrics in this fake')),
    async podLog(query) {
      const since = NOW - (query.sinceSeconds ?? 1e9) * 1000;
      const text = (logs[query.pod] ?? [])
        .map(([minutes, line]) => [NOW + minutes * MIN, line] as const)
        .filter(([t]) => t >= since && t <= NOW)
        .sort((a, b) => a[0] - b[0])
        .map(([t, line]) => `${new Date(t).toISOString()} ${line}\n`)
        .join('');
      return query.limitBytes ? text.slice(0, query.limitBytes) : text;
    },
  };
  return backend;
}

/** Every `every` seconds from `from` to `to` minutes (relative to NOW), the same line. */
export function repeated(from: number, to: number, everySeconds: number, line: string): [number, string][] {
  const out: [number, string][] = [];
  for (let m = from; m < to; m += everySeconds / 60) out.push([m, line]);
  return out;
}

export type Signal = 'errorRatio' | 'latencyP99' | 'traffic';
/** Per service and golden signal, its value at a time (minutes relative to NOW). */
export type Signals = Record<string, Partial<Record<Signal, (minutes: number) => number>>>;

export function fakePrometheus(
  signals: Signals,
  opts: { failing?: boolean; failingSignal?: Signal } = {},
): PrometheusBackend {
  const signalOf = (query: string): Signal | undefined =>
    query.includes('code=~')
      ? 'errorRatio'
      : query.includes('_bucket')
        ? 'latencyP99'
        : query.startsWith('sum(rate(http_requests_total')
          ? 'traffic'
          : undefined;
  const fail = () => Promise.reject(new Error('Prometheus query failed: connection refused'));
  return {
    limits: DEFAULT_PROMETHEUS_LIMITS,
    async rangeQuery(query, start, end, step) {
      const signal = signalOf(query);
      if (opts.failing || (signal && signal === opts.failingSignal)) return fail();
      const service = /service="([^"]+)"/.exec(query)?.[1] ?? '';
      const value = signal ? signals[service]?.[signal] : undefined;
      if (!value) return [];
      const samples = [];
      for (let t = start.getTime(); t <= end.getTime(); t += step * 1000)
        samples.push({ t, v: value((t - NOW) / MIN) });
      return [{ labels: {} as Labels, samples }];
    },
    instantQuery: () => fail(),
    series: async () => (opts.failing ? fail() : []),
    labelNames: async () => [],
    labelValues: async () => [],
    metadata: async () => ({}),
    alerts: async () => (opts.failing ? fail() : []),
    rules: async () => [],
    targets: async () => [],
  };
}

/** A step from `before` to `after` at `minutes`. */
export const step = (minutes: number, before: number, after: number) => (m: number) =>
  m < minutes ? before : after;

export function fakeChanges(events: Omit<ChangeEvent, 'recordedAt' | 'recordedBy'>[]): ChangeEventReader {
  return {
    list: (q) =>
      events
        .filter(
          (e) => Date.parse(e.at) >= q.since.getTime() && (!q.until || Date.parse(e.at) <= q.until.getTime()),
        )
        .map((e) => ({ ...e, recordedAt: e.at, recordedBy: 'ci' })),
  };
}
