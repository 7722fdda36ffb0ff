// A change the gate holds for an out-of-band approval, answered as an MCP task to a
// 2026-07-28 client that takes tasks: the task waits for a human's decision and then runs
// the change with the grant, as its requester, once; a rejection or a cancel runs nothing.
// Long work (a node drain) runs in the background as a task from the start. The world: the security world's production checkout (3 replicas, scaling escalates).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, type Json, message, TAKES_TASKS, taskRequest } from '../helpers/mcp-wire.ts';
import { type SecurityWorld, startSecurityWorld, type Who } from '../security/harness.ts';

const scale = (replicas: number) => ({
  namespace: 'shop',
  name: 'checkout',
  replicas,
  reason: 'absorb the evening peak',
});

let w: SecurityWorld;
beforeAll(async () => {
  w = await startSecurityWorld();
}, 60_000);
afterAll(async () => w?.close());

const send = (who: Who, req: { body: unknown; headers: Record<string, string> }) =>
  w.http(who, 'POST', '/mcp', req);

async function startTask(tool: string, args: Json): Promise<Json> {
  const reply = await send('agent', callTool(1, tool, args, { meta: TAKES_TASKS }));
  const created = message(reply).result as Json;
  expect(created.resultType, JSON.stringify(created)).toBe('task');
  expect(created).toMatchObject({ status: 'working', ttlMs: null, pollIntervalMs: 2000 });
  return created;
}

async function until(taskId: string, status: string): Promise<Json> {
  for (let i = 0; i < 150; i++) {
    const task = message(await send('agent', taskRequest(2, 'tasks/get', taskId))).result as Json;
    if (task.status === status) return task;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`task ${taskId} never reached ${status}`);
}

const approvalOf = (task: Json) =>
  /waiting for approval (apr_\w+) by sre-oncall/.exec(String(task.statusMessage))![1]!;
const executed = () =>
  w
    .auditRecords({ type: 'action.executed', tool: 'k8s_deployment_scale' })
    .filter((r) => r.data.dryRun === false);

describe('an approval wait as a task', () => {
  it('waits for the on-call approval, then runs the change once, as the agent, with the grant', async () => {
    const task = await startTask('k8s_deployment_scale', scale(4));
    const id = approvalOf(task);
    expect(await w.replicas('shop', 'checkout')).toBe(3);
    expect(
      (await w.http('oncall', 'POST', `/v1/approvals/${id}/approve`, { body: { comment: 'ok' } })).status,
    ).toBe(200);
    const done = await until(task.taskId as string, 'completed');
    const result = done.result as { isError?: boolean; structuredContent: Json };
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.status).not.toBe('approval_required');
    expect(await w.replicas('shop', 'checkout')).toBe(4);
    expect(executed().map((r) => r.principal)).toEqual(['agent']);
    expect(w.auditRecords({ type: 'approval.used' }).filter((r) => r.data.approvalId === id)).toHaveLength(1);
  });

  it('runs nothing when the approval is rejected, and the task says why', async () => {
    const task = await startTask('k8s_deployment_scale', scale(5));
    const id = approvalOf(task);
    await w.http('oncall', 'POST', `/v1/approvals/${id}/reject`, { body: { comment: 'not tonight' } });
    const done = await until(task.taskId as string, 'completed');
    const result = done.result as { isError?: boolean; content: { text: string }[] };
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toBe(`k8s_deployment_scale not executed: approval ${id} was rejected`);
    expect(await w.replicas('shop', 'checkout')).toBe(4);
  });

  it('a cancelled task stops waiting: a later approval runs nothing', async () => {
    const task = await startTask('k8s_deployment_scale', scale(6));
    const id = approvalOf(task);
    const ack = message(await send('agent', taskRequest(3, 'tasks/cancel', task.taskId as string)));
    expect(ack.result).toMatchObject({ resultType: 'complete' });
    expect(await until(task.taskId as string, 'cancelled')).toMatchObject({
      statusMessage: 'cancelled by agent',
    });
    await w.http('oncall', 'POST', `/v1/approvals/${id}/approve`, { body: { comment: 'ok' } });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await w.replicas('shop', 'checkout')).toBe(4);
    expect(w.auditRecords({ type: 'approval.used' }).filter((r) => r.data.approvalId === id)).toEqual([]);
  });
});

describe('long work as a task from the start', () => {
  it('runs a node drain (a dry run) in the background and hands its result to tasks/get', async () => {
    const task = await startTask('k8s_node_drain', {
      name: 'node-a',
      reason: 'kernel upgrade',
      dryRun: true,
    });
    expect(task.statusMessage).toBe('running k8s_node_drain');
    const done = await until(task.taskId as string, 'completed');
    const result = done.result as { isError?: boolean; structuredContent: Json; _meta: Json };
    expect(result.isError, JSON.stringify(result)).toBeFalsy();
    const [call] = w.auditRecords({ type: 'tool.call', tool: 'k8s_node_drain' }).slice(-1);
    expect(call!.callId).toBe(result._meta['opswarden/callId']);
    expect(call!.principal).toBe('agent');
  });
});
