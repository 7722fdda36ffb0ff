// Where a target's environment comes from: the target cluster's mapping, the global
// mapping, what the tool found (a namespace's `environment` label), then the defaults; and
// whatever wins goes through the alias table. Fail closed: a value the table does not know,
// or nothing at all, is production.

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.ts';
import { resolveEnvironment } from '../../../src/dispatch/policy-input.ts';
import type { Target } from '../../../src/types.ts';

const environmentsOf = (environments: unknown) =>
  parseConfig({ environments }, 'test', {}, '/tmp').environments;

const global = environmentsOf({ namespaces: { shop: 'production', 'shop-staging': 'stage' } });
const envOf = (target: Target, environments = global, defaultCluster?: string) =>
  resolveEnvironment(target, environments, defaultCluster).environment;

describe('the label, through the alias table', () => {
  it.each(['prod', 'Production', ' PRD ', 'live', 'LIVE', 'production'])('%j is production', (label) => {
    expect(envOf({ namespace: 'payments', environment: label })).toBe('production');
  });

  it.each(['blue', 'prod-eu', 'staging-2', 'dr', '', '   '])('%j, in no list, is production', (label) => {
    expect(envOf({ namespace: 'payments', environment: label })).toBe('production');
  });

  it.each([
    ['stage', 'staging'],
    [' STG', 'staging'],
    ['pre-prod', 'staging'],
    ['uat', 'staging'],
    ['Dev', 'development'],
    ['qa', 'development'],
    ['sandbox', 'development'],
  ])('%j is %s', (label, canonical) => {
    expect(envOf({ namespace: 'web', environment: label })).toBe(canonical);
  });

  it('keeps the raw label beside the verdict, for the audit', () => {
    expect(resolveEnvironment({ namespace: 'billing', environment: ' Prod ' }, global)).toMatchObject({
      environment: 'production',
      declaredEnvironment: ' Prod ',
    });
    expect(resolveEnvironment({ namespace: 'billing' }, global)).not.toHaveProperty('declaredEnvironment');
  });
});

describe('mappings and defaults', () => {
  it('the config mapping wins over the namespace label, normalized at load', () => {
    expect(envOf({ namespace: 'shop', environment: 'staging' })).toBe('production');
    expect(global.namespaces['shop-staging']).toBe('staging');
    expect(envOf({ namespace: 'shop-staging', environment: 'prod' })).toBe('staging');
  });

  it('nothing known is the default: production unless changed', () => {
    expect(envOf({ namespace: 'qa' })).toBe('production');
    expect(envOf({ kind: 'Node', name: 'n1' })).toBe('production');
    expect(envOf({ namespace: 'qa' }, environmentsOf({ default: 'Dev' }))).toBe('development');
  });

  it('a namespace named like an Object property maps to nothing', () => {
    expect(envOf({ namespace: 'constructor', environment: 'dev' })).toBe('development');
    expect(envOf({ namespace: 'constructor' })).toBe('production');
  });

  it('honours aliases and names the config adds', () => {
    const custom = environmentsOf({
      aliases: { staging: ['staging-eu'], perf: ['load-test'] },
      namespaces: { bench: 'load-test' },
    });
    expect(envOf({ namespace: 'web', environment: 'Staging-EU' }, custom)).toBe('staging');
    expect(envOf({ namespace: 'bench' }, custom)).toBe('perf');
    // Listing staging replaced its built-in aliases: `stage` is now unknown, so production.
    expect(envOf({ namespace: 'web', environment: 'stage' }, custom)).toBe('production');
    expect(envOf({ namespace: 'web', environment: 'dev' }, custom)).toBe('development');
  });
});

describe('per-cluster mappings', () => {
  const perCluster = environmentsOf({
    namespaces: { shop: 'production', tools: 'development' },
    default: 'production',
    clusters: {
      'staging-eu': { namespaces: { shop: 'staging' }, default: 'staging' },
      'prod-eu': { namespaces: { tools: 'prod' } },
    },
  });

  it("a cluster's mapping wins over the global one for targets in that cluster only", () => {
    expect(envOf({ cluster: 'staging-eu', namespace: 'shop' }, perCluster)).toBe('staging');
    expect(envOf({ cluster: 'prod-eu', namespace: 'shop' }, perCluster)).toBe('production');
    expect(envOf({ cluster: 'prod-eu', namespace: 'tools' }, perCluster)).toBe('production');
    expect(envOf({ cluster: 'other', namespace: 'tools' }, perCluster)).toBe('development');
  });

  it("a namespace the cluster does not map falls back to the global mapping, the label, then the cluster's default", () => {
    expect(envOf({ cluster: 'staging-eu', namespace: 'tools' }, perCluster)).toBe('development');
    expect(envOf({ cluster: 'staging-eu', namespace: 'web', environment: 'prod' }, perCluster)).toBe(
      'production',
    );
    expect(envOf({ cluster: 'staging-eu', namespace: 'web' }, perCluster)).toBe('staging');
    expect(envOf({ cluster: 'prod-eu', namespace: 'web' }, perCluster)).toBe('production');
  });

  it('a target naming no cluster is in the default cluster', () => {
    expect(envOf({ namespace: 'shop' }, perCluster, 'staging-eu')).toBe('staging');
    expect(envOf({ namespace: 'shop' }, perCluster, 'prod-eu')).toBe('production');
    expect(envOf({ namespace: 'shop' }, perCluster)).toBe('production');
  });
});
