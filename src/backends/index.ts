// Builds the backends the config asks for. Explicit, like the tool registry: a backend
// exists because the config names it, never because a module was imported.

import type { Config } from '../config/schema.ts';
import { parseDuration } from '../duration.ts';
import { createAlertmanagerBackend } from './alertmanager/client.ts';
import { createCloudWatchBackend } from './cloudwatch/client.ts';
import { createKubernetesBackend } from './kubernetes/client.ts';
import { createPrometheusBackend, type PrometheusConfig } from './prometheus/client.ts';
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
    ...(config.prometheus
      ? { prometheus: createPrometheusBackend(prometheusConfig(config.prometheus)) }
      : {}),
    ...(config.cloudwatch
      ? {
          cloudwatch: createCloudWatchBackend({
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
          kubernetes: createKubernetesBackend({
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
