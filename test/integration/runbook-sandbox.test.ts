// The README story as a runbook: on the customer-etl sandbox (v2.3.1 lowered the DB pool),
// an MCP client runs db-connection-exhaustion. Each production change escalates and the
// on-call human approves it from the CLI; the pool change ends the incident, the failure
// rate check passes once the sandbox has recovered, and the run ends resolved. The audit
// log, read with `opswarden audit query`, holds every step with the policy's decision.

import { afterEach, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/audit/log.ts';
import { runCli } from '../helpers/spawn.ts';
import { followApproving, type RunbookSandbox, startRunbookSandbox } from './runbook-harness.ts';

let h: RunbookSandbox | undefined;
afterEach(async () => {
  await h?.close();
});

function auditQuery(configPath: string, ...filter: string[]): AuditRecord[] {
  const res = runCli(['audit', 'query', ...filter, '--json', '--config', configPath]);
  expect(res.code, res.stderr).toBe(0);
  return res.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as AuditRecord);
}

it('db-connection-exhaustion resolves the customer-etl incident, every step audited with its decision', async () => {
  h = await startRunbookSandbox('customer-etl', { speed: 60 });
  const params = {
    namespace: 'data',
    deployment: 'customer-etl',
    configmap: 'customer-etl-config',
    service: 'customer-etl',
  };

  const plan = await h.call('runbook_plan', { runbook: 'db-connection-exhaustion', params });
  expect(plan.needsApproval).toEqual(['raise-pool', 'restart', 'rollback']);
  expect(plan.errors).toEqual([]);

  const progress: string[] = [];
  const started = await h.call(
    'runbook_run',
    {
      runbook: 'db-connection-exhaustion',
      params,
      reason: 'customer-etl tasks fail: DB pool exhausted',
      waitSeconds: 60,
    },
    (m) => progress.push(m),
  );
  // The run stopped at the first change, waiting for a human.
  expect(started).toMatchObject({
    state: 'running',
    pendingApproval: { step: 'raise-pool', approvers: ['sre-oncall'] },
  });

  const approved: { step: string; approvalId: string }[] = [];
  const done = await followApproving(h, started, { approved, onProgress: (m) => progress.push(m) });
  expect(done).toMatchObject({ state: 'finished', outcome: 'resolved', decidedBy: 'failures-recovered' });
  expect(done.steps.map((s) => [s.id, s.outcome])).toEqual([
    ['raise-pool', 'executed'],
    ['restart', 'executed'],
    ['restarted', 'passed'],
    ['failures-recovered', 'passed'],
  ]);
  expect(approved.map((a) => a.step)).toEqual(['raise-pool', 'restart']);
  const verify = done.steps[3]!.evidence;
  expect(verify.heldMs as number).toBeGreaterThanOrEqual(5 * 60_000);
  expect(progress).toContain('db-connection-exhaustion step 4 failures-recovered (check): passed → resolved');

  // The pool change applied in the cluster.
  const cm = await h.call('k8s_resource_get', {
    kind: 'ConfigMap',
    namespace: 'data',
    name: 'customer-etl-config',
  });
  expect((cm.object as { data: Record<string, string> }).data.db_pool_max).toBe('40');

  // `opswarden audit query` shows each step with the decision the gate made for it.
  const steps = auditQuery(h.sandbox.configPath, '--type', 'runbook.step');
  expect(steps.map((r) => [r.data.step, r.data.outcome, r.data.execution])).toEqual([
    ['raise-pool', 'executed', done.id],
    ['restart', 'executed', done.id],
    ['restarted', 'passed', done.id],
    ['failures-recovered', 'passed', done.id],
  ]);
  for (const step of steps.slice(0, 2)) {
    expect((step.data.evidence as { calls: unknown[] }).calls).toEqual([
      expect.objectContaining({
        outcome: 'approval_required',
        effect: 'escalate',
        rules: ['production-mutation-needs-approval'],
      }),
      expect.objectContaining({ outcome: 'ok', effect: 'escalate' }),
    ]);
  }
  const raise = auditQuery(h.sandbox.configPath, '--call-id', steps[0]!.callId!);
  expect(raise.map((r) => r.type)).toEqual(
    expect.arrayContaining(['tool.call', 'decision', 'approval.used', 'action.executed']),
  );
  expect(raise.find((r) => r.type === 'tool.call')!.data.context).toMatchObject({
    runbook: { name: 'db-connection-exhaustion', execution: done.id, step: 'raise-pool' },
  });
  const [finished] = auditQuery(h.sandbox.configPath, '--type', 'runbook.finished');
  expect(finished!.data).toMatchObject({
    outcome: 'resolved',
    decidedBy: 'failures-recovered',
    execution: done.id,
  });

  // The runbook's track record counts the run.
  const listed = await h.call('runbook_list', { signal: 'db_pool_exhausted' });
  expect(listed.runbooks).toEqual([
    expect.objectContaining({
      name: 'db-connection-exhaustion',
      runs: { total: 1, resolved: 1, escalated: 0, failed: 0 },
      successRate: 1,
    }),
  ]);
}, 180_000);
