// Which Services init takes for Prometheus and Alertmanager, on the shapes real charts
// create: kube-prometheus-stack (ClusterIP beside a headless "-operated" one, an
// Alertmanager whose name also says prometheus), prometheus-community's prometheus-server
// (port 80 to 9090), and look-alikes that carry the name but not the API.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/backends/kubernetes/types.ts';
import { inClusterUrl, pickMonitoringServices } from '../../../src/init/discover.ts';

function service(
  namespace: string,
  name: string,
  ports: { port: number; targetPort?: number | string }[],
  opts: { labels?: Record<string, string>; headless?: boolean } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace,
      uid: name,
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: opts.labels ?? {},
    },
    spec: { clusterIP: opts.headless ? 'None' : '10.0.0.1', ports },
  };
}

const kubePrometheusStack = [
  service('monitoring', 'prometheus-operated', [{ port: 9090 }], { headless: true }),
  service('monitoring', 'kps-kube-prometheus-stack-prometheus', [{ port: 9090 }, { port: 8080 }], {
    labels: { app: 'kube-prometheus-stack-prometheus' },
  }),
  service('monitoring', 'kps-kube-prometheus-stack-alertmanager', [{ port: 9093 }, { port: 8080 }]),
  service('monitoring', 'alertmanager-operated', [{ port: 9093 }, { port: 9094 }], { headless: true }),
  service('monitoring', 'kps-prometheus-node-exporter', [{ port: 9100 }]),
  service('monitoring', 'kps-kube-prometheus-stack-operator', [{ port: 443, targetPort: 'https' }]),
  service('shop', 'metrics-api', [{ port: 9090 }]),
];

describe('pickMonitoringServices', () => {
  it('takes the chart’s ClusterIP Services over the headless ones and passes over look-alikes', () => {
    const { found, others } = pickMonitoringServices(kubePrometheusStack);
    expect(found.prometheus).toEqual({
      namespace: 'monitoring',
      name: 'kps-kube-prometheus-stack-prometheus',
      port: 9090,
    });
    expect(found.alertmanager).toEqual({
      namespace: 'monitoring',
      name: 'kps-kube-prometheus-stack-alertmanager',
      port: 9093,
    });
    expect(others.prometheus?.map((s) => s.name)).toEqual(['prometheus-operated']);
    expect(others.alertmanager?.map((s) => s.name)).toEqual(['alertmanager-operated']);
  });

  it('finds prometheus-community’s prometheus-server behind port 80 and addresses it in the cluster', () => {
    const { found } = pickMonitoringServices([
      service('observability', 'prometheus-server', [{ port: 80, targetPort: 9090 }], {
        labels: { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/component': 'server' },
      }),
      service('observability', 'prometheus-pushgateway', [{ port: 9091 }]),
    ]);
    expect(found.prometheus).toEqual({ namespace: 'observability', name: 'prometheus-server', port: 80 });
    expect(inClusterUrl(found.prometheus!)).toBe('http://prometheus-server.observability.svc:80');
    expect(found.alertmanager).toBeUndefined();
  });

  it('needs the name or an app label, not the port alone', () => {
    const { found } = pickMonitoringServices([
      service('shop', 'metrics-api', [{ port: 9090 }]),
      service('shop', 'notifier', [{ port: 9093 }]),
    ]);
    expect(found).toEqual({});
  });
});
