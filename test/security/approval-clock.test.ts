// One clock per answer must not become two clocks for the gate. Answers state approval
// times in the world's clock (a sandbox scenario's, here frozen at its `now`), but expiry
// is enforced on the gate's wall clock: a world that stands still cannot keep a ticket
// alive, and a world running fast cannot make one lapse early. The HTTP approvals API,
// which humans use, keeps the gate's times.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CallResult,
  movableClock,
  type SecurityWorld,
  scaleCheckout,
  startSecurityWorld,
} from './harness.ts';

const MINUTE = 60_000;

function pendingOf(res: CallResult): { approvalId: string; expiresAt: string } {
  expect(res.structuredContent?.status, res.content[0]?.text).toBe('approval_required');
  return res.structuredContent as { approvalId: string; expiresAt: string };
}

describe('approval times in a world with its own clock', () => {
  const clock = movableClock();
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld({ clock });
  });
  afterAll(async () => w?.close());

  it('are stated in world time to the agent, and kept in gate time by the store and the HTTP API', async () => {
    const worldNow = w.sandbox.clock.now().getTime();
    const pending = pendingOf(await w.call('agent', 'k8s_deployment_scale', scaleCheckout(4)));
    const ttl = Date.parse(w.app.approvals.get(pending.approvalId)!.expiresAt) - clock.now().getTime();
    expect(ttl).toBeGreaterThan(0);
    // The answer's expiry is the world's now plus the ticket's time to live (±1 s of reading).
    expect(Math.abs(Date.parse(pending.expiresAt) - (worldNow + ttl))).toBeLessThan(1_000);
    // Read again a moment later: the same time to live in the world, so (the world frozen) the same instant.
    const status = await w.call('agent', 'approval_status', { id: pending.approvalId });
    const again = Date.parse(status.structuredContent?.expiresAt as string);
    expect(Math.abs(again - Date.parse(pending.expiresAt))).toBeLessThan(1_000);

    const http = await w.http('oncall', 'GET', `/v1/approvals/${pending.approvalId}`);
    expect(http.status).toBe(200);
    expect(http.body.expiresAt).toBe(w.app.approvals.get(pending.approvalId)!.expiresAt);
  });

  it('lapse on the gate clock although the world stands still', async () => {
    const pending = pendingOf(await w.call('agent', 'k8s_deployment_scale', scaleCheckout(5)));
    const worldBefore = w.sandbox.clock.now().toISOString();
    clock.advance(16 * MINUTE);
    expect(w.sandbox.clock.now().toISOString(), 'the world is frozen').toBe(worldBefore);

    const status = await w.call('agent', 'approval_status', { id: pending.approvalId });
    expect(status.structuredContent?.status).toBe('expired');
    const late = await w.http('oncall', 'POST', `/v1/approvals/${pending.approvalId}/approve`, {
      body: { comment: 'too late' },
    });
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(late.body)).toMatch(/expired/);
    const spent = await w.call('agent', 'k8s_deployment_scale', {
      ...scaleCheckout(5),
      approvalId: pending.approvalId,
    });
    expect(spent.isError).toBe(true);
    expect(await w.replicas('shop', 'checkout')).toBe(3);
    expect(w.auditRecords({ type: 'action.executed', tool: 'k8s_deployment_scale' })).toEqual([]);
  });
});
