// When the first remedy does not help: on orders-db-connection-leak, order-sync 3.9.0 leaks
// connections, so the bigger pool fills the same way. db-connection-exhaustion raises the
// pool and restarts (both approved), its failure-rate check times out, and it moves on to
// the rollback, which the policy escalates; the on-call human approves it out of band, it
// runs, and the run ends resolved once the failure rate stays down after the rollback.

import { afterEach, expect, it } from 'vitest';
import { followApproving, type RunbookSandbox, startRunbookSandbox } from './runbook-harness.ts';

let h: RunbookSandbox | undefined;
afterEach(async () => {
  await h?.close();
});

it('a check that fails leads to the rollback, which runs after an out-of-band approval and resolves', async () => {
  h = await startRunbookSandbox('orders-db-connection-leak', { speed: 120 });
  const started = await h.call('runbook_run', {
    runbook: 'db-connection-exhaustion',
    params: {
      deployment: 'orders/order-sync',
      configmap: 'order-sync-config',
      poolSize: '60',
      service: 'order-sync',
      failureMetric: 'order_sync_task_failures_total',
      totalMetric: 'order_sync_tasks_total',
    },
    reason: 'order syncs fail acquiring a DB connection',
  });
  expect(started).toMatchObject({ state: 'running', target: { key: 'Deployment/orders/order-sync' } });

  const approved: { step: string; approvalId: string }[] = [];
  const done = await followApproving(h, started, { approved });
  expect(done).toMatchObject({ outcome: 'resolved', decidedBy: 'failures-recovered-after-rollback' });
  expect(done.steps.map((s) => [s.id, s.outcome])).toEqual([
    ['raise-pool', 'executed'],
    ['restart', 'executed'],
    ['restarted', 'passed'],
    ['failures-recovered', 'timed_out'],
    ['rollback', 'executed'],
    ['rolled-back', 'passed'],
    ['failures-recovered-after-rollback', 'passed'],
  ]);
  expect(approved.map((a) => a.step)).toEqual(['raise-pool', 'restart', 'rollback']);
  const rollback = done.steps[4]!;
  expect(rollback.evidence).toMatchObject({
    calls: [
      { outcome: 'approval_required', effect: 'escalate', rules: ['production-mutation-needs-approval'] },
      { outcome: 'ok' },
    ],
    approval: { status: 'approved', decidedBy: 'oncall' },
  });
  expect(h.app.audit.query({ type: 'action.executed', tool: 'k8s_rollout_undo' })).toHaveLength(1);
  const failing = done.steps[3]!.evidence;
  expect(failing.holds).toBe(false);
}, 240_000);
