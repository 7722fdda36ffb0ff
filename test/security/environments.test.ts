// Production detection must not fail open on label values: a namespace labelled
// `environment: prod` (not the canonical "production") once counted as non-production, so
// an agent's change there went ahead with no approval. Each attack goes over Streamable
// HTTP; the tests assert the cluster's replicas and the audit log's records, not only the
// answer the agent got.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/audit/log.ts';
import { type SecurityWorld, startSecurityWorld } from './harness.ts';

/** The tool.call and decision records of the agent's last call of `tool`. */
function lastCall(world: SecurityWorld, tool: string): { call: AuditRecord; decision: AuditRecord } {
  const call = world.auditRecords({ tool, principal: 'agent', type: 'tool.call' }).at(-1);
  expect(call, `no tool.call record of ${tool}`).toBeDefined();
  const [decision] = world.auditRecords({ callId: call!.callId!, type: 'decision' });
  expect(decision, `no decision record for call ${call!.callId}`).toBeDefined();
  return { call: call!, decision: decision! };
}

describe('a namespace labelled environment=prod', () => {
  let world: SecurityWorld;
  beforeAll(async () => {
    world = await startSecurityWorld();
  }, 120_000);
  afterAll(() => world?.close());

  it("is production: an agent's scale there waits for approval and the cluster is untouched", async () => {
    const res = await world.call('agent', 'k8s_deployment_scale', {
      namespace: 'prodlike',
      name: 'billing',
      replicas: 3,
      reason: 'more headroom for the month-end run',
    });
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ status: 'approval_required', approvers: ['sre-oncall'] });
    expect(await world.replicas('prodlike', 'billing')).toBe(2);

    const { call, decision } = lastCall(world, 'k8s_deployment_scale');
    expect(call.data.target).toMatchObject({
      namespace: 'prodlike',
      name: 'billing',
      environment: 'production',
      declaredEnvironment: 'prod',
    });
    expect(decision.effect).toBe('escalate');
    // Scaling up puts nothing at risk: the environment alone is what escalates it.
    expect(decision.data.rules).toEqual([
      expect.objectContaining({ name: 'production-mutation-needs-approval', effect: 'escalate' }),
    ]);
    expect(world.auditRecords({ callId: call.callId!, type: 'action.executed' })).toEqual([]);
  });

  it('while a namespace labelled staging still gets the non-production allowance', async () => {
    const res = await world.call('agent', 'k8s_deployment_scale', {
      namespace: 'staging',
      name: 'web',
      replicas: 4,
      reason: 'trim idle capacity',
    });
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ replicas: 4, dryRun: false });
    expect(await world.replicas('staging', 'web')).toBe(4);

    const { call, decision } = lastCall(world, 'k8s_deployment_scale');
    expect(call.data.target).toMatchObject({ namespace: 'staging', environment: 'staging' });
    expect(decision.effect).toBe('allow');
  });
});

describe("a per-cluster mapping, for a call that names no cluster (the default cluster's)", () => {
  let world: SecurityWorld;
  beforeAll(async () => {
    world = await startSecurityWorld({
      config: (raw) => {
        raw.environments = {
          namespaces: { staging: 'staging' },
          clusters: { 'test-security': { namespaces: { staging: 'live' } } },
        };
      },
    });
  }, 120_000);
  afterAll(() => world?.close());

  it('wins over the global mapping and the label: staging/web is production in that cluster', async () => {
    const res = await world.call('agent', 'k8s_deployment_scale', {
      namespace: 'staging',
      name: 'web',
      replicas: 4,
      reason: 'trim idle capacity',
    });
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ status: 'approval_required' });
    expect(await world.replicas('staging', 'web')).toBe(5);

    const { call, decision } = lastCall(world, 'k8s_deployment_scale');
    expect(call.data.target).toMatchObject({
      cluster: 'test-security',
      namespace: 'staging',
      environment: 'production',
      declaredEnvironment: 'staging',
    });
    expect(decision.effect).toBe('escalate');
  });
});
