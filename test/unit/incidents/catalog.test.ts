// The service catalog as a team writes it in config: mistakes named by their path, queries
// defaulting to the names real exporters use, pods matched by name without taking in a
// neighbour's (cart's selector must not match cart-redis-0), and the sandbox's catalog
// being the scenario's services.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogFromScenario,
  catalogServiceOf,
  namespaceOf,
  queriesFor,
  serviceCatalogSchema,
} from '../../../src/incidents/catalog.ts';
import { loadScenario } from '../../../src/sandbox/scenario/load.ts';
import { REPO } from '../../helpers/world.ts';

function issues(input: unknown): string[] {
  const parsed = serviceCatalogSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

/** The pod regex of a cAdvisor query, anchored as PromQL anchors it. */
function podPattern(query: string): RegExp {
  const match = /pod=~"([^"]+)"/.exec(query);
  return new RegExp(`^(?:${JSON.parse(`"${match![1]}"`)})$`);
}

describe('serviceCatalogSchema', () => {
  it('accepts services with workloads, dependencies and external services', () => {
    expect(
      issues([
        { name: 'checkout', workload: 'Deployment/shop/checkout', dependsOn: ['orders-db'] },
        { name: 'orders-db', kind: 'external' },
      ]),
    ).toEqual([]);
  });

  it('names the entry and field of each mistake', () => {
    expect(
      issues([
        { name: 'checkout', workload: 'Deploy/shop/checkout', dependsOn: ['payments'] },
        { name: 'checkout' },
        { name: 'cart', qeuries: {} },
      ]),
    ).toEqual([
      '0.workload: expected Kind/namespace/name with Kind Deployment, StatefulSet or DaemonSet',
      expect.stringMatching(/^2: Unrecognized key: "qeuries"/),
      '1.name: duplicate service "checkout" (also at [0])',
      '0.dependsOn.0: unknown service "payments": list it in the catalog (kind: external if it is outside the cluster)',
    ]);
  });
});

describe('queriesFor', () => {
  const [checkout] = serviceCatalogSchema.parse([{ name: 'checkout', workload: 'Deployment/shop/checkout' }]);

  it('defaults to the standard exporter series, scoped to the service', () => {
    const q = queriesFor(checkout!);
    expect(q.errorRatio).toContain('http_requests_total{service="checkout",namespace="shop",code=~"5.."}');
    expect(q.latencyP99).toContain(
      'http_request_duration_seconds_bucket{service="checkout",namespace="shop"}',
    );
    expect(q.traffic).toBe('sum(rate(http_requests_total{service="checkout",namespace="shop"}[2m]))');
    expect(q.cpuByPod).toContain('container_cpu_usage_seconds_total');
    expect(q.memoryByPod).toContain('container_memory_working_set_bytes');
    expect(q.restartsByPod).toContain('kube_pod_container_status_restarts_total');
    expect(q.saturation).toBeUndefined();
  });

  it('uses the catalog query where one is given', () => {
    const [custom] = serviceCatalogSchema.parse([
      { name: 'etl', workload: 'Deployment/data/etl', queries: { errorRatio: 'etl:failure_ratio:5m' } },
    ]);
    expect(queriesFor(custom!).errorRatio).toBe('etl:failure_ratio:5m');
  });

  it("matches a workload's pods and not a neighbour's with a longer name", () => {
    const pods = podPattern(queriesFor(checkout!).cpuByPod!);
    expect(pods.test('checkout-7d788647f7-25257')).toBe(true);
    expect(pods.test('checkout-api-7d788647f7-25257')).toBe(false);
    expect(pods.test('checkout-0')).toBe(false);
    const [cart, redis] = serviceCatalogSchema.parse([
      { name: 'cart', workload: 'Deployment/shop/cart' },
      { name: 'cart-redis', workload: 'StatefulSet/shop/cart-redis' },
    ]);
    expect(podPattern(queriesFor(cart!).memoryByPod!).test('cart-redis-0')).toBe(false);
    expect(podPattern(queriesFor(redis!).memoryByPod!).test('cart-redis-0')).toBe(true);
  });

  it("reads a StatefulSet's volume claims, not a neighbour's, and no claims for a Deployment", () => {
    const [redis, cartRedis] = serviceCatalogSchema.parse([
      { name: 'redis', workload: 'StatefulSet/shop/redis' },
      { name: 'cart-redis', workload: 'StatefulSet/shop/cart-redis' },
    ]);
    const query = queriesFor(redis!).volumeByClaim!;
    expect(query).toContain('kubelet_volume_stats_used_bytes');
    const claims = new RegExp(
      `^(?:${JSON.parse(`"${/persistentvolumeclaim=~"([^"]+)"/.exec(query)![1]}"`)})$`,
    );
    expect(claims.test('data-redis-0')).toBe(true);
    expect(claims.test('data-cart-redis-0')).toBe(false);
    expect(queriesFor(cartRedis!).volumeByClaim).toContain('cart-redis');
    expect(queriesFor(checkout!).volumeByClaim).toBeUndefined();
  });

  it('has no per-pod queries for a service without a workload', () => {
    const [db] = serviceCatalogSchema.parse([{ name: 'orders-db', kind: 'external' }]);
    expect(queriesFor(db!).cpuByPod).toBeUndefined();
  });
});

describe('catalogFromScenario', () => {
  it("is the scenario's services, namespaces taken from workloads where not given", () => {
    const catalog = catalogFromScenario(loadScenario(join(REPO, 'scenarios/customer-etl.yaml')));
    const etl = catalog.find((s) => s.name === 'customer-etl')!;
    expect(etl).toEqual({
      name: 'customer-etl',
      workload: 'Deployment/data/customer-etl',
      dependsOn: ['customer-db'],
    });
    expect(namespaceOf(etl)).toBe('data');
    expect(catalog.find((s) => s.name === 'customer-db')).toEqual({
      name: 'customer-db',
      kind: 'external',
      dependsOn: [],
    });
  });
});

describe('catalogServiceOf', () => {
  const catalog = serviceCatalogSchema.parse([
    { name: 'checkout', workload: 'Deployment/shop/checkout' },
    { name: 'ledger', workload: 'StatefulSet/money/ledger-db' },
  ]);

  it('is the service a target names, whatever the catalog says', () => {
    expect(
      catalogServiceOf(
        { service: 'payments', namespace: 'shop', kind: 'Deployment', name: 'checkout' },
        catalog,
      ),
    ).toBe('payments');
  });

  it('is the service whose workload the target is, or controls the targeted pod', () => {
    expect(catalogServiceOf({ namespace: 'shop', kind: 'Deployment', name: 'checkout' }, catalog)).toBe(
      'checkout',
    );
    expect(
      catalogServiceOf(
        {
          namespace: 'money',
          kind: 'Pod',
          name: 'ledger-db-0',
          workload: { kind: 'StatefulSet', name: 'ledger-db' },
        },
        catalog,
      ),
    ).toBe('ledger');
  });

  it('is none for a workload of the same name in another namespace, or of another kind', () => {
    expect(
      catalogServiceOf({ namespace: 'staging', kind: 'Deployment', name: 'checkout' }, catalog),
    ).toBeUndefined();
    expect(
      catalogServiceOf({ namespace: 'shop', kind: 'StatefulSet', name: 'checkout' }, catalog),
    ).toBeUndefined();
    expect(catalogServiceOf({ kind: 'Node', name: 'node-1' }, catalog)).toBeUndefined();
  });
});
