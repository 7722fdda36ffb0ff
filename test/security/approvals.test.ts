// Attacks on approvals, through the wire against a served opswarden on a sandbox world:
// a grant used after its execution window, a grant stolen by a second agent, in-client
// confirmation by someone who is no approver, the CLI trusting a name, a decision forged
// in the database; and the ones that already held (self-approval, reuse, other arguments,
// racing re-calls). Each asserts the cluster and the audit log, not only the answer.

import { randomUUID } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/spawn.ts';
import {
  type CallResult,
  movableClock,
  type SecurityWorld,
  scaleCheckout,
  startSecurityWorld,
} from './harness.ts';

const MINUTE = 60_000;

function approvalIdOf(res: CallResult): string {
  expect(res.structuredContent?.status, res.content[0]?.text).toBe('approval_required');
  return res.structuredContent!.approvalId as string;
}

function executedCalls(w: SecurityWorld, tool = 'k8s_deployment_scale') {
  return w.auditRecords({ type: 'action.executed', tool });
}

describe('approvals against a hostile agent', () => {
  const clock = movableClock();
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld({ clock });
  });
  afterAll(async () => w?.close());

  async function approveOverHttp(id: string, who: 'oncall' | 'oncall2' = 'oncall') {
    const res = await w.http(who, 'POST', `/v1/approvals/${id}/approve`, { body: { comment: 'ok' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }

  it('refuses a granted approval used after its execution window, and says how to ask again', async () => {
    const id = approvalIdOf(await w.call('agent', 'k8s_deployment_scale', scaleCheckout(4)));
    await approveOverHttp(id);
    clock.advance(15 * MINUTE + 1_000);

    const late = await w.call('agent', 'k8s_deployment_scale', { ...scaleCheckout(4), approvalId: id });
    expect(late.isError).toBe(true);
    expect(late.content[0]!.text).toMatch(/not used within its execution window/);
    expect(late.content[0]!.text).toMatch(/again without approvalId to request a new approval/);
    expect(await w.replicas('shop', 'checkout')).toBe(3);
    expect(w.auditRecords({ type: 'approval.expired' }).map((r) => r.data)).toContainEqual(
      expect.objectContaining({ approvalId: id, lapsed: 'granted but not used within its execution window' }),
    );
    expect(executedCalls(w)).toEqual([]);
  });

  it('lets only the requester spend a grant: a second agent can neither list, read nor use it', async () => {
    const id = approvalIdOf(await w.call('agent', 'k8s_deployment_scale', scaleCheckout(5)));
    await approveOverHttp(id);

    const listed = await w.http('agent2', 'GET', '/v1/approvals?status=approved');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(id);
    expect((await w.http('agent2', 'GET', `/v1/approvals/${id}`)).status).toBe(404);
    const status = await w.call('agent2', 'approval_status', { id });
    expect(status.isError).toBe(true);
    expect(status.content[0]!.text).toContain(`no approval with id ${id}`);

    const stolen = await w.call('agent2', 'k8s_deployment_scale', { ...scaleCheckout(5), approvalId: id });
    expect(stolen.isError).toBe(true);
    expect(stolen.content[0]!.text).toMatch(/belongs to the principal that requested it/);
    expect(await w.replicas('shop', 'checkout')).toBe(3);
    expect(w.auditRecords({ type: 'approval.used', principal: 'agent-2' })[0]?.data).toMatchObject({
      approvalId: id,
      refused: 'other principal',
      requester: 'agent',
    });

    // The requester sees its own ticket and can still use it.
    const own = await w.http('agent', 'GET', '/v1/approvals?status=approved');
    expect(JSON.stringify(own.body)).toContain(id);
    const done = await w.call('agent', 'k8s_deployment_scale', { ...scaleCheckout(5), approvalId: id });
    expect(done.isError, done.content[0]?.text).toBeFalsy();
    expect(await w.replicas('shop', 'checkout')).toBe(5);
    expect(executedCalls(w)).toHaveLength(1);
  });

  it('never lets an agent or the requester approve, nor a grant run twice or for other arguments', async () => {
    const id = approvalIdOf(await w.call('agent', 'k8s_deployment_scale', scaleCheckout(6)));
    for (const who of ['agent', 'agent2', 'viewer', 'alertWriter'] as const) {
      const res = await w.http(who, 'POST', `/v1/approvals/${id}/approve`);
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(403);
    }
    expect(w.app.approvals.get(id)?.status).toBe('pending');

    // A human on-call requester cannot approve their own request either.
    const own = approvalIdOf(
      await w.call('oncall', 'k8s_deployment_scale', { ...scaleCheckout(6), name: 'checkout' }),
    );
    const self = await w.http('oncall', 'POST', `/v1/approvals/${own}/approve`);
    expect(self.status).toBe(403);
    expect(JSON.stringify(self.body)).toContain('cannot also approve');

    await approveOverHttp(id, 'oncall2');
    const other = await w.call('agent', 'k8s_deployment_scale', { ...scaleCheckout(9), approvalId: id });
    expect(other.isError).toBe(true);
    expect(other.content[0]!.text).toMatch(/granted for a different action/);
    expect(await w.replicas('shop', 'checkout')).toBe(5);

    const first = await w.call('agent', 'k8s_deployment_scale', { ...scaleCheckout(6), approvalId: id });
    expect(first.isError, first.content[0]?.text).toBeFalsy();
    const replay = await w.call('agent', 'k8s_deployment_scale', { ...scaleCheckout(6), approvalId: id });
    expect(replay.isError).toBe(true);
    expect(replay.content[0]!.text).toMatch(/already used/);
    expect(executedCalls(w).filter((r) => r.principal === 'agent')).toHaveLength(2);
  });

  it('executes a grant once when 20 re-calls race for it', async () => {
    const prod = { namespace: 'shop', name: 'checkout', reason: 'stuck connections after failover' };
    const id = approvalIdOf(await w.call('agent', 'k8s_rollout_restart', prod));
    await approveOverHttp(id);
    const client = await w.mcp('agent');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        client.callTool({ name: 'k8s_rollout_restart', arguments: { ...prod, approvalId: id } }),
      ),
    );
    expect(results.filter((r) => !r.isError)).toHaveLength(1);
    expect(executedCalls(w, 'k8s_rollout_restart')).toHaveLength(1);
    const spent = w.auditRecords({ type: 'approval.used' }).filter((r) => r.data.approvalId === id);
    expect(spent.filter((r) => r.data.refused === undefined)).toHaveLength(1);
  });
});

describe('in-client confirmation', () => {
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld();
  });
  afterAll(async () => w?.close());

  it.each([
    ['a human without an approver role (the viewer)', 'viewer'],
    ['an agent, even one whose client answers elicitations', 'agent'],
  ] as const)('is never offered to %s: the production scale waits out of band', async (_, who) => {
    let asked = 0;
    const client = await w.mcp(who, {
      elicit: () => {
        asked++;
        return { action: 'accept', content: { approve: true } };
      },
    });
    const res = (await client.callTool({
      name: 'k8s_deployment_scale',
      arguments: scaleCheckout(4),
    })) as CallResult;
    expect(asked).toBe(0);
    expect(res.structuredContent?.status).toBe('approval_required');
    expect(w.app.approvals.get(approvalIdOf(res))?.channels).toEqual(['out-of-band']);
    expect(await w.replicas('shop', 'checkout')).toBe(3);
    expect(w.auditRecords({ type: 'approval.granted' })).toEqual([]);
    expect(executedCalls(w)).toEqual([]);
  });

  it('lets the on-call human at the client confirm their own production change', async () => {
    let asked = '';
    const client = await w.mcp('oncall', {
      elicit: (message) => {
        asked = message;
        return { action: 'accept', content: { approve: true, comment: 'me, at the keyboard' } };
      },
    });
    const res = (await client.callTool({
      name: 'k8s_deployment_scale',
      arguments: scaleCheckout(4),
    })) as CallResult;
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    expect(asked).toContain('absorb the evening peak');
    expect(await w.replicas('shop', 'checkout')).toBe(4);
    expect(w.auditRecords({ type: 'approval.granted' })[0]?.data).toMatchObject({
      decidedBy: 'oncall (in client)',
      proof: 'server',
    });
  });
});

describe('deciding from the CLI', () => {
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld();
  });
  afterAll(async () => w?.close());

  /** A token file as an approver keeps it: only they can read it. */
  function tokenFile(token: string, mode = 0o600): string {
    const path = join(w.sandbox.dir, `token-${randomUUID()}`);
    writeFileSync(path, token);
    chmodSync(path, mode);
    return path;
  }

  const cli = (...args: string[]) =>
    runCliAsync([...args, '--config', w.configPath], {
      env: { OPSWARDEN_TOKEN: '', OPSWARDEN_APPROVER_KEY: '' },
    });

  it('refuses --as alone, whoever it names; the ticket stays pending and nothing runs', async () => {
    const id = approvalIdOf(await w.call('agent', 'k8s_deployment_scale', scaleCheckout(4)));
    const res = await cli('approvals', 'approve', id, '--as', 'oncall');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--as alone is not accepted');
    expect(w.app.approvals.get(id)?.status).toBe('pending');
    expect(w.auditRecords({ type: 'approval.granted' })).toEqual([]);
  });

  it('decides through the server with the approver’s token, never with an agent’s', async () => {
    const id = approvalIdOf(await w.call('agent', 'k8s_deployment_scale', scaleCheckout(5)));
    const server = ['--server', w.url];

    const asAgent = await cli(
      'approvals',
      'approve',
      id,
      ...server,
      '--token-file',
      tokenFile(w.tokens.agent),
    );
    expect(asAgent.code).toBe(1);
    expect(asAgent.stderr).toMatch(/refused \(403\).*only a human can decide/);

    const leaky = await cli(
      'approvals',
      'approve',
      id,
      ...server,
      '--token-file',
      tokenFile(w.tokens.oncall, 0o644),
    );
    expect(leaky.code).toBe(2);
    expect(leaky.stderr).toContain('is readable by others');
    expect(w.app.approvals.get(id)?.status).toBe('pending');

    const asOncall = await cli(
      'approvals',
      'approve',
      id,
      ...server,
      '--token-file',
      tokenFile(w.tokens.oncall),
    );
    expect(asOncall.code, asOncall.stderr).toBe(0);
    expect(asOncall.stdout).toContain(`${id} approved by oncall`);
    const done = await w.call('agent', 'k8s_deployment_scale', { ...scaleCheckout(5), approvalId: id });
    expect(done.isError, done.content[0]?.text).toBeFalsy();
    expect(await w.replicas('shop', 'checkout')).toBe(5);
  });

  it('ignores a grant written straight into the database: the gate finds no proof and nothing runs', async () => {
    const id = approvalIdOf(await w.call('agent', 'k8s_deployment_scale', scaleCheckout(6)));
    const row = w.app.db.prepare('SELECT body FROM approvals WHERE id = ?').get(id) as { body: string };
    const forged = {
      ...JSON.parse(row.body),
      status: 'approved',
      decidedBy: 'oncall',
      decidedAt: new Date().toISOString(),
      executeBy: new Date(Date.now() + 10 * MINUTE).toISOString(),
      proof: { kind: 'server', mac: '00'.repeat(32) },
    };
    w.app.db
      .prepare("UPDATE approvals SET status = 'approved', body = ? WHERE id = ?")
      .run(JSON.stringify(forged), id);

    const res = await w.call('agent', 'k8s_deployment_scale', { ...scaleCheckout(6), approvalId: id });
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toMatch(/was not made through this server/);
    expect(await w.replicas('shop', 'checkout')).toBe(5);
    expect(w.auditRecords({ type: 'approval.used' }).at(-1)?.data).toMatchObject({
      approvalId: id,
      refused: 'proof',
    });
  });
});

describe('what already held', () => {
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld();
  });
  afterAll(async () => w?.close());

  it('answers no token and a wrong token with 401, on MCP and on the approvals API', async () => {
    for (const path of ['/mcp', '/v1/approvals']) {
      const none = await w.http(undefined, 'GET', path);
      expect(none.status, JSON.stringify(none.body)).toBe(401);
      const wrong = await w.http(undefined, 'GET', path, {
        headers: { authorization: 'Bearer not-a-key-0123456789' },
      });
      expect(wrong.status).toBe(401);
    }
  });

  it('does not let a second principal ride another one’s MCP session', async () => {
    const init = await w.http('agent', 'POST', '/mcp', {
      headers: { accept: 'application/json, text/event-stream' },
      body: {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
      },
    });
    const session = init.headers.get('mcp-session-id');
    expect(session).toBeTruthy();
    const hijack = await w.http('agent2', 'POST', '/mcp', {
      headers: { accept: 'application/json, text/event-stream', 'mcp-session-id': session! },
      body: {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'k8s_deployment_scale', arguments: scaleCheckout(7) },
      },
    });
    expect(hijack.status).toBe(404);
    expect(w.auditRecords({ type: 'tool.call', principal: 'agent-2' })).toEqual([]);
    expect(await w.replicas('shop', 'checkout')).toBe(3);
  });
});
