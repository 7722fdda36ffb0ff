// Which executed changes count as the scenario's fix or transient action: same tool, same
// object, and for a ConfigMap patch the listed keys set to what the fix asks ("*":
// anything; ">=32": a number at least that; else that exact value). A comparison that is
// not one is refused when the scenario loads, naming its YAML path.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reactionTo } from '../../../../src/sandbox/reactions/fixes.ts';
import { loadScenario } from '../../../../src/sandbox/scenario/load.ts';
import type { Resolution } from '../../../../src/sandbox/scenario/schema.ts';
import { REPO } from '../../../helpers/world.ts';
import { problemsOfSpec } from '../scenario/helpers.ts';

const resolution: Resolution = {
  incidentStart: new Date('2026-04-25T14:11:00Z'),
  recovery: 120_000,
  fixes: [
    { tool: 'k8s_rollout_undo', target: 'Deployment/shop/checkout' },
    { tool: 'k8s_configmap_patch', target: 'ConfigMap/shop/checkout-config', data: { max_connections: '*' } },
    { tool: 'k8s_node_cordon', target: 'Node/ip-10-0-1-42' },
    { tool: 'k8s_configmap_patch', target: 'ConfigMap/data/etl-config', data: { db_pool_max: '>=32' } },
    {
      tool: 'k8s_configmap_patch',
      target: 'ConfigMap/data/etl-config',
      data: { retry_ratio: '< 0.5', mode: 'batch' },
    },
  ],
  transient: [{ tool: 'k8s_rollout_restart', target: 'Deployment/shop/checkout', lasts: 300_000 }],
};
const AT = Date.parse('2026-04-25T14:30:00Z');
const deployment = { kind: 'Deployment', namespace: 'shop', name: 'checkout' };

describe('reactionTo', () => {
  it('a fix suppresses the incident for good', () => {
    expect(reactionTo(resolution, { tool: 'k8s_rollout_undo', target: deployment, args: {} }, AT)).toEqual({
      from: AT,
      until: Number.POSITIVE_INFINITY,
    });
  });

  it('a transient action suppresses it for `lasts`', () => {
    expect(reactionTo(resolution, { tool: 'k8s_rollout_restart', target: deployment, args: {} }, AT)).toEqual(
      {
        from: AT,
        until: AT + 300_000,
      },
    );
  });

  it('the same tool on another object does nothing', () => {
    const other = { ...deployment, name: 'payments' };
    expect(reactionTo(resolution, { tool: 'k8s_rollout_undo', target: other, args: {} }, AT)).toBeUndefined();
    const elsewhere = { ...deployment, namespace: 'staging' };
    expect(
      reactionTo(resolution, { tool: 'k8s_rollout_undo', target: elsewhere, args: {} }, AT),
    ).toBeUndefined();
  });

  it('a ConfigMap patch fixes only when it sets the listed keys', () => {
    const target = { kind: 'ConfigMap', namespace: 'shop', name: 'checkout-config' };
    const patch = (data: Record<string, string | null>) =>
      reactionTo(resolution, { tool: 'k8s_configmap_patch', target, args: { data } }, AT);
    expect(patch({ max_connections: '100' })).toBeDefined();
    expect(patch({ log_level: 'debug' })).toBeUndefined();
    expect(patch({ max_connections: null })).toBeUndefined();
  });

  it("fixes the library's checkout-bad-deploy only with the pool back at 100, not the 10 that caused it", () => {
    const { resolution: library } = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'));
    const target = { kind: 'ConfigMap', namespace: 'shop', name: 'checkout-config' };
    const patch = (max_connections: string) =>
      reactionTo(library!, { tool: 'k8s_configmap_patch', target, args: { data: { max_connections } } }, AT)
        ?.until;
    expect(patch('100')).toBe(Number.POSITIVE_INFINITY);
    expect(patch('10')).toBeUndefined();
    expect(patch('50')).toBeUndefined();
  });

  it('a comparison fixes only with a decimal number that meets it', () => {
    const target = { kind: 'ConfigMap', namespace: 'data', name: 'etl-config' };
    const patch = (data: Record<string, string | null>) =>
      reactionTo(resolution, { tool: 'k8s_configmap_patch', target, args: { data } }, AT)?.until;
    // The pool back to or past the 32 workers fixes; the 8 that caused the incident does not.
    expect(patch({ db_pool_max: '32' })).toBe(Number.POSITIVE_INFINITY);
    expect(patch({ db_pool_max: '40' })).toBe(Number.POSITIVE_INFINITY);
    expect(patch({ db_pool_max: '8' })).toBeUndefined();
    expect(patch({ db_pool_max: '31.5' })).toBeUndefined();
    // What is not a plain number is no number at all.
    for (const value of ['', 'forty', '40 ', '4e1', '0x40', '+40']) {
      expect(patch({ db_pool_max: value }), JSON.stringify(value)).toBeUndefined();
    }
    expect(patch({ db_pool_max: null })).toBeUndefined();
    // Every key of the fix must match: a comparison and an exact value together.
    expect(patch({ retry_ratio: '0.25', mode: 'batch' })).toBe(Number.POSITIVE_INFINITY);
    expect(patch({ retry_ratio: '0.5', mode: 'batch' })).toBeUndefined();
    expect(patch({ retry_ratio: '0.25', mode: 'row' })).toBeUndefined();
  });

  it('a scenario whose comparison has no number is refused at its YAML path', () => {
    const problems = problemsOfSpec((spec) => {
      spec.kubernetes.configmaps = [{ name: 'etl-config', namespace: 'shop', data: { pool: '8' } }];
      spec.resolution = {
        incidentStart: '-10m',
        fixes: [
          { tool: 'k8s_configmap_patch', target: 'ConfigMap/shop/etl-config', data: { pool: '>=forty' } },
          { tool: 'k8s_configmap_patch', target: 'ConfigMap/shop/etl-config', data: { pool: '>=40' } },
          { tool: 'k8s_configmap_patch', target: 'ConfigMap/shop/etl-config', data: { pool: '<none>' } },
          { tool: 'k8s_configmap_patch', target: 'ConfigMap/shop/etl-config', data: { pool: '>= 4.0.1' } },
        ],
      };
    });
    expect(problems).toEqual([
      'scenarios/x.yaml: spec.resolution.fixes[0].data.pool: ">=forty" compares with >= but "forty" is not a decimal number (e.g. ">=32")',
      'scenarios/x.yaml: spec.resolution.fixes[3].data.pool: ">= 4.0.1" compares with >= but "4.0.1" is not a decimal number (e.g. ">=32")',
    ]);
  });

  it('cluster-scoped targets match by name', () => {
    const node = { kind: 'Node', name: 'ip-10-0-1-42' };
    expect(reactionTo(resolution, { tool: 'k8s_node_cordon', target: node, args: {} }, AT)).toBeDefined();
  });
});
