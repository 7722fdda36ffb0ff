// The service catalog: which workload backs a service, what it depends on, and how to read
// its golden signals. Correlation walks this graph and queries these signals, so it is the
// one place a team describes its services; everything else comes from the backends. Query
// defaults use the names real exporters use (the application's http_requests_total and
// latency histogram, cAdvisor's container_*, kube-state-metrics' restarts), so a catalog
// entry needs no queries unless its metrics are named differently. On the sandbox the
// catalog is the scenario's `services` (catalogFromScenario).

import { z } from 'zod';
import type { Scenario } from '../sandbox/scenario/schema.ts';
import type { Target } from '../types.ts';

const WORKLOAD =
  /^(Deployment|StatefulSet|DaemonSet)\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

const promql = z.string().trim().min(1);

export const serviceQueriesSchema = z
  .object({
    errorRatio: promql.optional().describe('PromQL for the fraction of requests that fail (0..1)'),
    latencyP99: promql.optional().describe('PromQL for the p99 latency in seconds'),
    traffic: promql.optional().describe('PromQL for requests per second'),
    saturation: promql
      .optional()
      .describe('PromQL for the busiest resource, as a fraction of its limit (0..1)'),
  })
  .strict();

export const catalogServiceSchema = z
  .object({
    name: z.string().min(1).describe('The service name, as metrics label it (`service`)'),
    namespace: z.string().min(1).optional().describe("Kubernetes namespace; the workload's when absent"),
    workload: z
      .string()
      .regex(WORKLOAD, 'expected Kind/namespace/name with Kind Deployment, StatefulSet or DaemonSet')
      .optional()
      .describe('The workload that backs it, e.g. Deployment/shop/checkout'),
    dependsOn: z.array(z.string().min(1)).default([]).describe('Services it calls'),
    kind: z.literal('external').optional().describe('A service outside the cluster (a database, a provider)'),
    queries: serviceQueriesSchema.optional(),
  })
  .strict();

export const serviceCatalogSchema = z.array(catalogServiceSchema).superRefine((services, ctx) => {
  const names = new Map<string, number>();
  services.forEach((service, index) => {
    const earlier = names.get(service.name);
    if (earlier !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `duplicate service "${service.name}" (also at [${earlier}])`,
      });
    else names.set(service.name, index);
  });
  services.forEach((service, index) => {
    service.dependsOn.forEach((dependency, at) => {
      if (!names.has(dependency))
        ctx.addIssue({
          code: 'custom',
          path: [index, 'dependsOn', at],
          message: `unknown service "${dependency}": list it in the catalog (kind: external if it is outside the cluster)`,
        });
    });
  });
});

export type ServiceCatalog = z.output<typeof serviceCatalogSchema>;
export type CatalogService = ServiceCatalog[number];
export type ServiceQueries = z.output<typeof serviceQueriesSchema>;

export interface WorkloadRef {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  namespace: string;
  name: string;
}

export function workloadOf(service: CatalogService): WorkloadRef | undefined {
  if (!service.workload) return undefined;
  const [kind, namespace, name] = service.workload.split('/') as [WorkloadRef['kind'], string, string];
  return { kind, namespace, name };
}

/** The service's namespace: its own, else its workload's. */
export function namespaceOf(service: CatalogService): string | undefined {
  return service.namespace ?? workloadOf(service)?.namespace;
}

/** The catalog the sandbox serves: the scenario's services and their dependencies. */
export function catalogFromScenario(scenario: Pick<Scenario, 'spec'>): ServiceCatalog {
  return serviceCatalogSchema.parse(
    scenario.spec.services.map((service) => ({
      name: service.name,
      ...(service.namespace ? { namespace: service.namespace } : {}),
      ...(service.workload ? { workload: service.workload } : {}),
      dependsOn: service.dependsOn,
      ...(service.kind ? { kind: service.kind } : {}),
    })),
  );
}

/** Every query correlation runs for a service: the catalog's, or the standard exporters'. */
export interface EffectiveQueries {
  errorRatio: string;
  latencyP99: string;
  traffic: string;
  /** Catalog-given only: the default saturation is read per pod (cpuByPod, memoryByPod). */
  saturation?: string;
  /** cores per pod and container (cAdvisor). */
  cpuByPod?: string;
  /** working set over limit per pod and container (cAdvisor). */
  memoryByPod?: string;
  /** restart counter per pod (kube-state-metrics). */
  restartsByPod?: string;
  /** used bytes over capacity per PersistentVolumeClaim of a StatefulSet (kubelet). */
  volumeByClaim?: string;
}

const RATE_WINDOW = '2m';

export function queriesFor(service: CatalogService): EffectiveQueries {
  const namespace = namespaceOf(service);
  const app = labelSelector({ service: service.name, ...(namespace ? { namespace } : {}) });
  const failing = labelSelector({
    service: service.name,
    ...(namespace ? { namespace } : {}),
    code: { regex: '5..' },
  });
  const given = service.queries ?? {};
  const pods = podSelector(service);
  const claims = claimSelector(service);
  return {
    errorRatio:
      given.errorRatio ??
      `sum(rate(http_requests_total${failing}[${RATE_WINDOW}])) / sum(rate(http_requests_total${app}[${RATE_WINDOW}]))`,
    latencyP99:
      given.latencyP99 ??
      `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket${app}[${RATE_WINDOW}])))`,
    traffic: given.traffic ?? `sum(rate(http_requests_total${app}[${RATE_WINDOW}]))`,
    ...(given.saturation ? { saturation: given.saturation } : {}),
    ...(pods
      ? {
          cpuByPod: `sum by (pod, container) (rate(container_cpu_usage_seconds_total${pods}[${RATE_WINDOW}]))`,
          memoryByPod: `max by (pod, container) (container_memory_working_set_bytes${pods} / (container_spec_memory_limit_bytes${pods} > 0))`,
          restartsByPod: `sum by (pod) (kube_pod_container_status_restarts_total${pods})`,
        }
      : {}),
    ...(claims
      ? {
          volumeByClaim: `max by (persistentvolumeclaim) (kubelet_volume_stats_used_bytes${claims} / (kubelet_volume_stats_capacity_bytes${claims} > 0))`,
        }
      : {}),
  };
}

/**
 * The claims a StatefulSet's volumeClaimTemplates make, `<template>-<statefulset>-<ordinal>`,
 * as the kubelet labels their volume stats. The template is taken to be one word (`data`,
 * `pgdata`), so `redis` does not take in `data-cart-redis-0`, cart-redis's claim.
 */
function claimSelector(service: CatalogService): string | undefined {
  const workload = workloadOf(service);
  if (workload?.kind !== 'StatefulSet') return undefined;
  const claim = `[^-]+-${workload.name.replace(/\./g, '\\.')}-[0-9]+`;
  return labelSelector({ namespace: workload.namespace, persistentvolumeclaim: { regex: claim } });
}

/**
 * cAdvisor and kube-state-metrics label pods, not services: the workload's pods by name
 * (`<deployment>-<template hash>-<suffix>`, `<statefulset>-<ordinal>`, `<daemonset>-<suffix>`),
 * app containers only. The generated parts have fixed lengths, so `cart` does not take in
 * the pods of `cart-redis`.
 */
function podSelector(service: CatalogService): string | undefined {
  const workload = workloadOf(service);
  if (!workload) return undefined;
  const name = workload.name.replace(/\./g, '\\.');
  const pod =
    workload.kind === 'Deployment'
      ? `${name}-[a-z0-9]{5,10}-[a-z0-9]{5}`
      : workload.kind === 'StatefulSet'
        ? `${name}-[0-9]+`
        : `${name}-[a-z0-9]{5}`;
  return labelSelector({ namespace: workload.namespace, pod: { regex: pod }, container: { not: '' } });
}

type Matcher = string | { regex: string } | { not: string };

function labelSelector(labels: Record<string, Matcher>): string {
  const parts = Object.entries(labels).map(([name, m]) =>
    typeof m === 'string'
      ? `${name}=${JSON.stringify(m)}`
      : 'regex' in m
        ? `${name}=~${JSON.stringify(m.regex)}`
        : `${name}!=${JSON.stringify(m.not)}`,
  );
  return `{${parts.join(',')}}`;
}

/**
 * The catalog service a call's target belongs to: the one it names, else the service whose
 * workload it is (or, for a pod, whose workload controls it), else undefined.
 */
export function catalogServiceOf(
  target: Pick<Target, 'service' | 'namespace' | 'kind' | 'name' | 'workload'>,
  catalog: ServiceCatalog,
): string | undefined {
  if (target.service) return target.service;
  const workload =
    target.workload ?? (target.kind && target.name ? { kind: target.kind, name: target.name } : undefined);
  if (!workload || !target.namespace) return undefined;
  return catalog.find((service) => {
    const backing = workloadOf(service);
    return (
      backing !== undefined &&
      backing.namespace === target.namespace &&
      backing.kind === workload.kind &&
      backing.name === workload.name
    );
  })?.name;
}
