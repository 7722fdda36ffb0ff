// Guards must look at cumulative history, not one call at a time. Two attacks once got
// through: scaling a Deployment 5 -> 3 -> 2 took 60% of it with no approval (each step was
// under the large-impact line), and deleting a workload's pods one by one went round the
// restart-loop guard (it counted rollout restarts only). Each attack goes over Streamable
// HTTP; the tests assert the cluster and the audit log, not only the answer.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/audit/log.ts';
import { type CallResult, type SecurityWorld, startSecurityWorld, type Who } from './harness.ts';

let world: SecurityWorld;
beforeAll(async () => {
  world = await startSecurityWorld();
}, 120_000);
afterAll(() => world?.close());

/** The tool.call and decision records of a principal's last call of `tool`. */
function lastCall(principal: string, tool: string): { call: AuditRecord; decision: AuditRecord } {
  const call = world.auditRecords({ tool, principal, type: 'tool.call' }).at(-1);
  expect(call, `no tool.call record of ${tool} by ${principal}`).toBeDefined();
  const [decision] = world.auditRecords({ callId: call!.callId!, type: 'decision' });
  expect(decision, `no decision record for call ${call!.callId}`).toBeDefined();
  return { call: call!, decision: decision! };
}

const executedOf = (callId: string) => world.auditRecords({ callId, type: 'action.executed' });
const ruleNames = (decision: AuditRecord) => (decision.data.rules as { name: string }[]).map((r) => r.name);

function expectOk(res: CallResult): Record<string, unknown> {
  expect(res.isError, res.content[0]?.text).toBeFalsy();
  return res.structuredContent!;
}

describe('capacity taken step by step adds up', () => {
  const scale = (replicas: number) =>
    world.call('agent', 'k8s_deployment_scale', {
      namespace: 'staging',
      name: 'web',
      replicas,
      reason: 'trim idle staging capacity',
    });

  it('5 -> 3 goes ahead (40% of web), then 3 -> 2 (60% in all) waits for the on-call SRE', async () => {
    expect(expectOk(await scale(3))).toMatchObject({ replicasBefore: 5, replicas: 3 });
    expect(await world.replicas('staging', 'web')).toBe(3);
    const first = lastCall('agent', 'k8s_deployment_scale');
    expect(first.decision.effect).toBe('allow');
    expect(executedOf(first.call.callId!)).toEqual([
      expect.objectContaining({
        workloadKey: 'test-security/Deployment/staging/web',
        data: expect.objectContaining({ dryRun: false, fractionOfService: 0.4 }),
      }),
    ]);

    const second = expectOk(await scale(2));
    expect(second).toMatchObject({ status: 'approval_required', approvers: ['sre-oncall'] });
    expect(await world.replicas('staging', 'web')).toBe(3);

    const { call, decision } = lastCall('agent', 'k8s_deployment_scale');
    expect(call.data.impact).toMatchObject({
      fractionOfService: expect.closeTo(1 / 3),
      cumulativeFractionOfService: expect.closeTo(0.6),
    });
    expect(decision.effect).toBe('escalate');
    expect(decision.data.rules).toContainEqual(
      expect.objectContaining({
        name: 'large-impact-needs-approval',
        effect: 'escalate',
        message: expect.stringContaining('60% with what changes to it took in the last hour'),
      }),
    );
    expect(executedOf(call.callId!)).toEqual([]);
  });
});

describe("deleting a workload's pods one by one", () => {
  const who: Who = 'agent2';
  const requester = 'agent-2';
  const deletePod = (name: string, approvalId?: string) =>
    world.call(who, 'k8s_pod_delete', {
      namespace: 'staging',
      name,
      reason: 'pod looks wedged',
      ...(approvalId ? { approvalId } : {}),
    });
  const podExists = async (name: string) =>
    (await world.kubectl('get', 'pods', '-n', 'staging', '-o', 'name')).split('\n').includes(`pod/${name}`);

  it('is a restart loop: the fourth delete within the hour is denied and that pod stays', async () => {
    const out = await world.kubectl('get', 'pods', '-n', 'staging', '-o', 'name');
    const pods = out
      .split('\n')
      .map((line) => line.replace('pod/', ''))
      .filter((name) => name.startsWith('api-'));
    expect(pods).toHaveLength(4);
    const [p1, p2, p3, p4] = pods as [string, string, string, string];

    // Two deletes: a quarter of api each, under every line.
    for (const pod of [p1, p2]) {
      expectOk(await deletePod(pod));
      expect(await podExists(pod)).toBe(false);
    }
    // The third takes 58% of api in all within the hour: a second person must agree.
    const pending = expectOk(await deletePod(p3));
    expect(pending).toMatchObject({ status: 'approval_required' });
    expect(await podExists(p3)).toBe(true);
    expect(ruleNames(lastCall(requester, 'k8s_pod_delete').decision)).toContain(
      'large-impact-needs-approval',
    );
    const approved = await world.http('oncall', 'POST', `/v1/approvals/${pending.approvalId}/approve`, {
      body: { comment: 'ok, one more' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expectOk(await deletePod(p3, pending.approvalId as string));
    expect(await podExists(p3)).toBe(false);

    // Three restarts of api in the hour: the fourth is a loop, whoever would approve it.
    const denied = await deletePod(p4);
    expect(denied.isError).toBe(true);
    expect(denied.content[0]?.text).toMatch(
      /restart-loop-guard.*restarted 3 times in the last hour \(rollout restarts and deletes of its pods/,
    );
    expect(await podExists(p4)).toBe(true);

    const { call, decision } = lastCall(requester, 'k8s_pod_delete');
    expect(call.data.target).toMatchObject({ name: p4, workload: { kind: 'Deployment', name: 'api' } });
    expect(decision.effect).toBe('deny');
    expect(ruleNames(decision)).toContain('restart-loop-guard');
    expect(executedOf(call.callId!)).toEqual([]);
    // The three deletes that ran all count against the Deployment, not their pods.
    const executed = world
      .auditRecords({ tool: 'k8s_pod_delete', principal: requester, type: 'action.executed' })
      .map((r) => r.workloadKey);
    expect(executed).toEqual(Array(3).fill('test-security/Deployment/staging/api'));
  });
});
