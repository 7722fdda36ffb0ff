// Which executed changes count as the scenario's fix or transient action: same tool, same
// object, and for a ConfigMap patch the listed keys set ("*": to anything).

import { describe, expect, it } from 'vitest';
import { reactionTo } from '../../../../src/sandbox/reactions/fixes.ts';
import type { Resolution } from '../../../../src/sandbox/scenario/schema.ts';

const resolution: Resolution = {
  incidentStart: new Date('2026-04-25T14:11:00Z'),
  recovery: 120_000,
  fixes: [
    { tool: 'k8s_rollout_undo', target: 'Deployment/shop/checkout' },
    { tool: 'k8s_configmap_patch', target: 'ConfigMap/shop/checkout-config', data: { max_connections: '*' } },
    { tool: 'k8s_node_cordon', target: 'Node/ip-10-0-1-42' },
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

  it('cluster-scoped targets match by name', () => {
    const node = { kind: 'Node', name: 'ip-10-0-1-42' };
    expect(reactionTo(resolution, { tool: 'k8s_node_cordon', target: node, args: {} }, AT)).toBeDefined();
  });
});
