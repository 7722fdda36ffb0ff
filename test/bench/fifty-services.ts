// The 50-service world the sandbox and incident benchmarks run on, generated rather than
// written out: one namespace, six nodes, services svc-00 … svc-49 in one dependency chain
// (svc-00 calls svc-01 … svc-49 calls the external orders-db), three pods each, a request
// log per service, released 1.0.0 nine days ago. Each bench shapes its own incident on top
// (later releases, error ratios, log lines, alerts, ground truth) through the options.

import yaml from 'js-yaml';

export const SERVICES = 50;
export const PODS_PER_SERVICE = 3;
export const NAMESPACE = 'shop';

/** `svc-07` for 7. */
export const serviceName = (index: number) => `svc-${String(index).padStart(2, '0')}`;
export const deploymentRef = (index: number) => `Deployment/${NAMESPACE}/${serviceName(index)}`;

const indexes = Array.from({ length: SERVICES }, (_, i) => i);

/** A segment or log line as the scenario format writes it; parseScenario checks it. */
type Segment = Record<string, unknown>;

/** How one service departs from the quiet default. */
export interface ServiceShape {
  /** A release after 1.0.0. */
  release?: { at: string; version: string };
  /** Error ratio segments (default: 0.1% throughout). */
  errors?: Segment[];
  /** Lines appended to the service's request-log list (so the request line stops at their `from`). */
  logLines?: Segment[];
  /** Per-pod memory growth, for a slow leak (`1Mi/min`). */
  memoryGrowth?: string;
}

export interface FiftyServiceOptions {
  name: string;
  description: string;
  /** How often each pod writes its request-log line (`10s`). */
  requestLogEvery: string;
  shape(index: number): ServiceShape;
  /** Further series, written out as in a scenario's `metrics`. */
  metrics?: object[];
  /** Further log streams (a separate list per entry, merged in time with the request log). */
  logs?: object[];
  alerts: { service: number; name: string; severity: string; summary: string; startsAt: string }[];
  truth?: object;
}

/** The scenario as YAML, ready for parseScenario. */
export function fiftyServiceScenarioYaml(opts: FiftyServiceOptions): string {
  const shapes = indexes.map((i) => opts.shape(i));
  const doc = {
    apiVersion: 'opswarden.dev/v1',
    kind: 'Scenario',
    metadata: { name: opts.name, description: opts.description },
    spec: {
      now: '2026-04-25T14:30:00Z',
      step: '15s',
      history: '-6h',
      seed: 11,
      cluster: { name: 'bench-1' },
      kubernetes: {
        namespaces: [{ name: NAMESPACE, labels: { environment: 'production' } }],
        nodes: Array.from({ length: 6 }, (_, i) => ({
          name: `ip-10-0-${i}-10`,
          capacity: { cpu: '32', memory: '128Gi', pods: '110' },
        })),
        deployments: indexes.map((i) => ({
          name: serviceName(i),
          namespace: NAMESPACE,
          labels: { app: serviceName(i) },
          replicas: PODS_PER_SERVICE,
          containers: [{ name: 'app', ports: [8080], resources: { limits: { memory: '512Mi', cpu: '1' } } }],
          revisions: [
            { at: '-9d', image: `registry.example/${serviceName(i)}:1.0.0`, changeCause: 'release 1.0.0' },
            ...releaseRevisions(i, shapes[i]!),
          ],
        })),
      },
      services: [
        ...indexes.map((i) => ({
          name: serviceName(i),
          namespace: NAMESPACE,
          workload: deploymentRef(i),
          dependsOn: [i + 1 < SERVICES ? serviceName(i + 1) : 'orders-db'],
          traffic: [
            { from: '-6h', rps: 20 + i },
            { from: '-40m', rps: 40 + i, ramp: '5m' },
          ],
          errors: shapes[i]!.errors ?? { ratio: 0.001 },
          latency: { p50: 0.05, p99: 0.3 },
          memory: [
            {
              from: '-6h',
              bytes: '200Mi',
              ...(shapes[i]!.memoryGrowth ? { growth: shapes[i]!.memoryGrowth } : {}),
            },
          ],
        })),
        { name: 'orders-db', kind: 'external' },
      ],
      metrics: opts.metrics ?? [],
      logs: [
        ...indexes.map((i) => ({
          source: deploymentRef(i),
          lines: [
            { from: '-6h', every: opts.requestLogEvery, level: 'info', text: 'GET /api 200 {int:20-90}ms' },
            ...(shapes[i]!.logLines ?? []),
          ],
        })),
        ...(opts.logs ?? []),
      ],
      alerts: opts.alerts.map((alert) => ({
        name: alert.name,
        labels: { service: serviceName(alert.service), namespace: NAMESPACE, severity: alert.severity },
        annotations: { summary: alert.summary },
        startsAt: alert.startsAt,
      })),
      ...(opts.truth ? { truth: opts.truth } : {}),
    },
  };
  return yaml.dump(doc);
}

function releaseRevisions(index: number, shape: ServiceShape) {
  if (!shape.release) return [];
  const { at, version } = shape.release;
  return [
    { at, image: `registry.example/${serviceName(index)}:${version}`, changeCause: `release ${version}` },
  ];
}
