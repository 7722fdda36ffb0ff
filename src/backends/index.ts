// Builds the backends the config asks for. Explicit, like the tool registry: a backend
// exists because the config names it, never because a module was imported. Backends on a
// heavy client library (Kubernetes, Prometheus, CloudWatch) import it on their first
// call (onFirstUse), so the server starts without paying for systems nobody has asked about
// yet; Alertmanager's client is our own fetch code and is built at once.

import type { Config } from '../config/schema.ts';
import { parseDuration } from '../duration.ts';
import { loadOnce } from '../load-once.ts';
import { createAlertmanagerBackend } from './alertmanager/client.ts';
import type { CloudWatchClientOptions } from './cloudwatch/client.ts';
import type { CloudWatchLogsBackend } from './cloudwatch/types.ts';
import { type KubernetesConfig, readClusterNames } from './kubernetes/contexts.ts';
import type { KubernetesBackend } from './kubernetes/types.ts';
import { onFirstUse } from './on-first-use.ts';
import type { PrometheusConfig } from './prometheus/client.ts';
import type { PrometheusBackend } from './prometheus/types.ts';
import type { Backends } from './types.ts';

export function createBackends(config: Config): Partial<Backends> {
  const k = config.kubernetes;
  const am = config.alertmanager;
  return {
    ...(am
      ? {
          alertmanager: createAlertmanagerBackend({
            url: am.url,
            timeoutMs: parseDuration(am.timeout),
            ...(am.basicAuth ? { basicAuth: am.basicAuth } : {}),
            ...(am.bearerToken ? { bearerToken: am.bearerToken } : {}),
          }),
        }
      : {}),
    ...(config.prometheus ? { prometheus: prometheusOnFirstUse(prometheusConfig(config.prometheus)) } : {}),
    ...(config.cloudwatch
      ? {
          cloudwatch: cloudWatchOnFirstUse({
            region: config.cloudwatch.region,
            ...(config.cloudwatch.endpoint ? { endpoint: config.cloudwatch.endpoint } : {}),
            ...(config.cloudwatch.profile ? { profile: config.cloudwatch.profile } : {}),
            limits: {
              maxRangeMs: parseDuration(config.cloudwatch.limits.maxRange),
              maxLogGroups: config.cloudwatch.limits.maxLogGroups,
              pollIntervalMs: parseDuration(config.cloudwatch.limits.pollInterval),
            },
          }),
        }
      : {}),
    ...(k
      ? {
          kubernetes: kubernetesOnFirstUse({
            inCluster: k.inCluster,
            ...(k.kubeconfig ? { kubeconfig: k.kubeconfig } : {}),
            ...(k.clusters ? { clusters: k.clusters } : {}),
            ...(k.defaultCluster ? { defaultCluster: k.defaultCluster } : {}),
          }),
        }
      : {}),
  };
}

function prometheusConfig(p: NonNullable<Config['prometheus']>): PrometheusConfig {
  return {
    url: p.url,
    ...(p.basicAuth ? { basicAuth: p.basicAuth } : {}),
    ...(p.bearerToken ? { bearerToken: p.bearerToken } : {}),
    ...(p.tls ? { tls: p.tls } : {}),
    limits: {
      maxRangeMs: parseDuration(p.limits.maxRange),
      maxSeries: p.limits.maxSeries,
      maxPoints: p.limits.maxPoints,
      timeoutMs: parseDuration(p.limits.timeout),
    },
  };
}

function prometheusOnFirstUse(config: PrometheusConfig): PrometheusBackend {
  return onFirstUse(
    async () => (await import('./prometheus/client.ts')).createPrometheusBackend(config),
    { limits: config.limits },
    {
      instantQuery: true,
      rangeQuery: true,
      series: true,
      labelNames: true,
      labelValues: true,
      metadata: true,
      alerts: true,
      rules: true,
      targets: true,
    },
  );
}

function cloudWatchOnFirstUse(opts: CloudWatchClientOptions): CloudWatchLogsBackend {
  return onFirstUse(
    async () => (await import('./cloudwatch/client.ts')).createCloudWatchBackend(opts),
    { limits: opts.limits },
    {
      describeLogGroups: true,
      filterLogEvents: true,
      startQuery: true,
      getQueryResults: true,
      stopQuery: true,
    },
  );
}

/**
 * The cluster names come from the kubeconfig at once (a missing file or an unknown context
 * still stops the start); the client loads on the first call, shared by every impersonation.
 */
function kubernetesOnFirstUse(config: KubernetesConfig): KubernetesBackend {
  const clusters = readClusterNames(config, process.env);
  const client = loadOnce(async () =>
    (await import('./kubernetes/client.ts')).createKubernetesBackend(config),
  );
  const actingAs = (user: string | undefined): KubernetesBackend =>
    onFirstUse(
      async () => (user === undefined ? client() : (await client()).impersonate(user)),
      { clusters: () => [...clusters], impersonate: actingAs },
      {
        get: true,
        list: true,
        patch: true,
        delete: true,
        evict: true,
        podLog: true,
        exec: true,
        resolve: true,
        getResource: true,
        listResources: true,
        describeClusters: true,
        podMetrics: true,
        nodeMetrics: true,
      },
    );
  return actingAs(undefined);
}
