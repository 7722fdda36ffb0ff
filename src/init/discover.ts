// Finds the Prometheus and Alertmanager a cluster already runs, from its Services: what
// kube-prometheus-stack, the prometheus-community charts and hand-written manifests create
// (a name or app label that says prometheus or alertmanager, serving port 9090 or 9093,
// directly or as targetPort). Exporters, operators and other look-alikes are passed over;
// of several matches the chart's own Service beats a headless one, then names decide.

import type { KubeObject } from '../backends/kubernetes/types.ts';

export type MonitoringSystem = 'prometheus' | 'alertmanager';

export const MONITORING_PORTS: Readonly<Record<MonitoringSystem, number>> = {
  prometheus: 9090,
  alertmanager: 9093,
};

export interface FoundService {
  namespace: string;
  name: string;
  /** The Service port that reaches the system (9090 itself, or e.g. 80 → 9090). */
  port: number;
}

export type Discovered = Partial<Record<MonitoringSystem, FoundService>>;

/** Names of things that sit next to Prometheus and carry its name, but do not answer its API. */
const LOOK_ALIKES =
  /exporter|operator|pushgateway|adapter|grafana|kube-state-metrics|blackbox|webhook|config-reloader/;

interface ServicePort {
  port: number;
  targetPort?: number | string;
}

const IDENTITY_LABELS = ['app.kubernetes.io/name', 'app', 'k8s-app'];

function score(service: KubeObject, system: MonitoringSystem): { score: number; port: number } | undefined {
  const { name, labels = {} } = service.metadata;
  const names = [name, ...IDENTITY_LABELS.map((key) => labels[key]).filter((v): v is string => !!v)];
  if (!names.some((n) => n.includes(system))) return undefined;
  if (names.some((n) => LOOK_ALIKES.test(n))) return undefined;
  // kube-prometheus-stack names its Alertmanager "<release>-kube-prometheus-alertmanager".
  if (system === 'prometheus' && names.some((n) => n.includes('alertmanager'))) return undefined;
  const wanted = MONITORING_PORTS[system];
  const ports = ((service.spec as { ports?: ServicePort[] } | undefined)?.ports ?? []) as ServicePort[];
  const port = ports.find((p) => p.port === wanted) ?? ports.find((p) => p.targetPort === wanted);
  if (!port) return undefined;
  const headless = (service.spec as { clusterIP?: string }).clusterIP === 'None';
  return {
    port: port.port,
    score:
      (labels['app.kubernetes.io/name'] === system ? 4 : 0) +
      (name === system || name.endsWith(`-${system}`) || name === `${system}-server` ? 2 : 0) +
      (port.port === wanted ? 1 : 0) -
      (headless ? 3 : 0),
  };
}

/** The best Service for each system among `services`, with the runners-up. */
export function pickMonitoringServices(services: readonly KubeObject[]): {
  found: Discovered;
  others: Partial<Record<MonitoringSystem, FoundService[]>>;
} {
  const found: Discovered = {};
  const others: Partial<Record<MonitoringSystem, FoundService[]>> = {};
  for (const system of Object.keys(MONITORING_PORTS) as MonitoringSystem[]) {
    const ranked = services
      .flatMap((service) => {
        const match = score(service, system);
        if (!match) return [];
        const { name, namespace = 'default' } = service.metadata;
        return [{ ...match, service: { namespace, name, port: match.port } }];
      })
      .sort(
        (a, b) =>
          b.score - a.score ||
          `${a.service.namespace}/${a.service.name}`.localeCompare(
            `${b.service.namespace}/${b.service.name}`,
          ),
      );
    if (ranked[0]) found[system] = ranked[0].service;
    if (ranked.length > 1) others[system] = ranked.slice(1).map((r) => r.service);
  }
  return { found, others };
}

/** The in-cluster URL of a Service. */
export function inClusterUrl(service: FoundService): string {
  return `http://${service.name}.${service.namespace}.svc:${service.port}`;
}
