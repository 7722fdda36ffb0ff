// The engine's transitions against the real gate (dispatcher, gate-test policy, approvals,
// audit) with fixture tools: what ran, what did not, how the run ended, which step decided
// it, and what the audit log holds. World time runs 1000× faster than the wall clock.

import { afterEach, describe, expect, it } from 'vitest';
import { ExecutionStore } from '../../../src/runbooks/store.ts';
import type { RunbookStep } from '../../../src/runbooks/types.ts';
import { agent, alice } from '../../helpers/world.ts';
import {
  type EngineHarness,
  noSeries,
  runbook,
  scaleStep,
  series,
  startEngine,
  until,
} from './engine-harness.ts';

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

const run = { principal: agent, reason: 'runbook engine test', dryRun: false };

const checkoutErrorsLow: RunbookStep = {
  id: 'verify',
  title: 'Error rate under 1%',
  kind: 'check',
  condition: { type: 'promql', query: 'job:errors:ratio{service="checkout"} < 0.01' },
  forMs: 60_000,
  intervalMs: 10_000,
  timeoutMs: 300_000,
  onSuccess: 'resolved',
  onFailure: 'escalate',
};

describe('actions', () => {
  it('runs actions in order through the gate and ends resolved, audited under the runbook', async () => {
    h = startEngine([
      runbook('scale-staging', [
        scaleStep('up', { namespace: 'staging', name: 'checkout', replicas: 5 }, 'down'),
        scaleStep('down', { namespace: 'staging', name: 'checkout', replicas: 3 }, 'resolved'),
      ]),
    ]);
    const started = h.service.start('scale-staging', {}, run);
    expect(started.state).toBe('running');
    const s = await h.service.wait(started.id, { timeoutMs: 5_000 });
    expect(s).toMatchObject({ state: 'finished', outcome: 'resolved', decidedBy: 'down' });
    expect(s.steps.map((x) => [x.id, x.outcome])).toEqual([
      ['up', 'executed'],
      ['down', 'executed'],
    ]);
    expect(h.fleet.get('staging', 'checkout').replicas).toBe(3);
    expect(s.steps[0]!.evidence.calls).toEqual([
      expect.objectContaining({ outcome: 'ok', effect: 'allow', rules: ['staging-free'] }),
    ]);

    const ref = { name: 'scale-staging', version: '1.0.0', digest: 'digest-of-scale-staging' };
    const types = h.app.audit.query({}).filter((r) => r.type.startsWith('runbook.'));
    expect(types.map((r) => [r.type, r.data.step ?? r.data.outcome])).toEqual([
      ['runbook.started', undefined],
      ['runbook.step', 'up'],
      ['runbook.step', 'down'],
      ['runbook.finished', 'resolved'],
    ]);
    for (const r of types) expect(r.data).toMatchObject({ runbook: ref, execution: s.id });
    const call = h.app.audit.query({ callId: s.steps[0]!.callIds[0]!, type: 'tool.call' })[0]!;
    expect(call.data.context).toEqual({ runbook: { ...ref, execution: s.id, step: 'up' } });
  });

  it('a denied action ends the run escalate naming the rule, and nothing after it runs', async () => {
    h = startEngine([
      runbook('read-secret', [
        scaleStep('up', { namespace: 'staging', name: 'checkout', replicas: 5 }, 'secret'),
        {
          id: 'secret',
          title: 'Read the DB password',
          kind: 'action',
          tool: 'fixture_resource_get',
          args: { kind: 'Secret', namespace: 'staging', name: 'db' },
          next: 'down',
          onFailure: 'down',
        },
        scaleStep('down', { namespace: 'staging', name: 'checkout', replicas: 1 }, 'resolved'),
      ]),
    ]);
    const s = await h.service.wait(h.service.start('read-secret', {}, run).id, { timeoutMs: 5_000 });
    expect(s).toMatchObject({ outcome: 'escalate', decidedBy: 'secret' });
    expect(s.message).toContain('no-secrets');
    expect(s.steps.map((x) => x.outcome)).toEqual(['executed', 'denied']);
    expect(h.fleet.get('staging', 'checkout').replicas).toBe(5);
  });

  it('a tool error follows onFailure', async () => {
    h = startEngine([
      runbook('missing', [
        scaleStep(
          'scale-ghost',
          { namespace: 'staging', name: 'ghost', replicas: 2 },
          'resolved',
          'fallback',
        ),
        scaleStep('fallback', { namespace: 'staging', name: 'checkout', replicas: 4 }, 'failed'),
      ]),
    ]);
    const s = await h.service.wait(h.service.start('missing', {}, run).id, { timeoutMs: 5_000 });
    expect(s).toMatchObject({ outcome: 'failed', decidedBy: 'fallback' });
    expect(s.steps.map((x) => [x.id, x.outcome, x.next])).toEqual([
      ['scale-ghost', 'failed', 'fallback'],
      ['fallback', 'executed', 'failed'],
    ]);
    expect(s.steps[0]!.message).toContain('ghost');
  });

  it('an escalated action waits for a human, then runs once; a rejection ends escalate with nothing run', async () => {
    const rb = runbook('scale-prod', [
      scaleStep('scale', { namespace: 'shop', name: 'checkout', replicas: 6 }, 'resolved'),
    ]);
    h = startEngine([rb]);
    const first = h.service.start('scale-prod', {}, run);
    const waiting = await until(h.service, first.id, (s) => s.pendingApproval !== undefined);
    expect(waiting.pendingApproval).toMatchObject({ step: 'scale', approvers: ['sre-oncall'] });
    expect(waiting.pendingApproval!.howToApprove[0]).toContain('opswarden approvals approve apr_');
    expect(h.fleet.scaleCalls).toBe(0);
    h.app.approvals.decide(waiting.pendingApproval!.approvalId, alice, 'approve');
    const done = await h.service.wait(first.id, { timeoutMs: 5_000 });
    expect(done).toMatchObject({ outcome: 'resolved', decidedBy: 'scale' });
    expect(done.steps[0]!.callIds).toHaveLength(2);
    expect(h.fleet.scaleCalls).toBe(1);

    const second = h.service.start('scale-prod', {}, run);
    const pending = await until(h.service, second.id, (s) => s.pendingApproval !== undefined);
    h.app.approvals.decide(pending.pendingApproval!.approvalId, alice, 'reject', 'not now');
    const rejected = await h.service.wait(second.id, { timeoutMs: 5_000 });
    expect(rejected).toMatchObject({ outcome: 'escalate', decidedBy: 'scale' });
    expect(rejected.steps[0]!.outcome).toBe('rejected');
    expect(rejected.message).toContain('not now');
    expect(h.fleet.scaleCalls).toBe(1);
  });
});

describe('checks', () => {
  it('passes once the condition has held for `for`, with the values seen as evidence', async () => {
    h = startEngine([runbook('verify', [checkoutErrorsLow])]);
    h.prometheus.answer = series(0.004);
    const s = await h.service.wait(h.service.start('verify', {}, run).id, { timeoutMs: 5_000 });
    expect(s).toMatchObject({ outcome: 'resolved', decidedBy: 'verify' });
    const evidence = s.steps[0]!.evidence;
    expect(evidence.heldMs as number).toBeGreaterThanOrEqual(60_000);
    expect(evidence.evaluations as number).toBeGreaterThanOrEqual(2);
    expect(evidence.last).toMatchObject({ series: 1, values: [{ value: 0.004 }] });
    expect(h.prometheus.queries[0]).toBe('job:errors:ratio{service="checkout"} < 0.01');
  });

  it('times out into onFailure when the condition never holds', async () => {
    h = startEngine([runbook('verify', [checkoutErrorsLow])]);
    h.prometheus.answer = noSeries;
    const s = await h.service.wait(h.service.start('verify', {}, run).id, { timeoutMs: 5_000 });
    expect(s).toMatchObject({ outcome: 'escalate', decidedBy: 'verify' });
    expect(s.steps[0]).toMatchObject({ outcome: 'timed_out', evidence: { holds: false, heldMs: 0 } });
    expect(s.steps[0]!.message).toContain('did not hold for 60s within 300s');
  });
});

describe('dry run', () => {
  it('calls every change as a dry run, skips checks, approvals and waits, and follows the success path', async () => {
    h = startEngine([
      runbook('fix-prod', [
        scaleStep('scale', { namespace: 'shop', name: 'checkout', replicas: 8 }, 'settle'),
        { id: 'settle', title: 'Settle', kind: 'wait', durationMs: 3_600_000, next: 'ask' },
        {
          id: 'ask',
          title: 'Ask',
          kind: 'approval',
          message: 'go on?',
          approvers: ['sre-oncall'],
          ttlMs: 60_000,
          next: 'verify',
          onReject: 'escalate',
        },
        checkoutErrorsLow,
      ]),
    ]);
    const s = await h.service.wait(h.service.start('fix-prod', {}, { ...run, dryRun: true }).id, {
      timeoutMs: 5_000,
    });
    expect(s).toMatchObject({ outcome: 'resolved', dryRun: true });
    expect(s.steps.map((x) => [x.id, x.outcome])).toEqual([
      ['scale', 'executed'],
      ['settle', 'skipped'],
      ['ask', 'skipped'],
      ['verify', 'skipped'],
    ]);
    expect(h.fleet.get('shop', 'checkout').replicas).toBe(4);
    expect(h.prometheus.queries).toHaveLength(0);
    const executed = h.app.audit.query({ callId: s.steps[0]!.callIds[0]!, type: 'action.executed' })[0]!;
    expect(executed.data.dryRun).toBe(true);
    expect(h.service.list()[0]!.runs.total).toBe(0);
  });
});

describe('approval steps', () => {
  const ask = (onReject: string): RunbookStep => ({
    id: 'ask',
    title: 'Ask the on-call SRE',
    kind: 'approval',
    message: 'Roll back checkout?',
    approvers: ['sre-oncall'],
    ttlMs: 30 * 60_000,
    next: 'scale',
    onReject,
  });

  it('waits for a human decision; approve goes on, reject follows onReject', async () => {
    h = startEngine([
      runbook('ask-first', [
        ask('escalate'),
        scaleStep('scale', { namespace: 'staging', name: 'checkout', replicas: 7 }, 'resolved'),
      ]),
    ]);
    const first = h.service.start('ask-first', {}, run);
    const waiting = await until(h.service, first.id, (s) => s.pendingApproval !== undefined);
    const ticket = h.app.approvals.get(waiting.pendingApproval!.approvalId)!;
    expect(ticket).toMatchObject({
      requester: 'claude-agent',
      approvers: ['sre-oncall'],
      tool: 'runbook_run',
    });
    expect(ticket.reason).toContain('Roll back checkout?');
    expect(() => h.app.approvals.decide(ticket.id, { ...alice, id: 'claude-agent' }, 'approve')).toThrow(
      /cannot also approve/,
    );
    h.app.approvals.decide(ticket.id, alice, 'approve');
    const approved = await h.service.wait(first.id, { timeoutMs: 5_000 });
    expect(approved.steps.map((x) => x.outcome)).toEqual(['approved', 'executed']);
    expect(approved.steps[0]!.evidence.approval).toMatchObject({ status: 'approved', decidedBy: 'alice' });

    const second = h.service.start('ask-first', {}, run);
    const pending = await until(h.service, second.id, (s) => s.pendingApproval !== undefined);
    h.app.approvals.decide(pending.pendingApproval!.approvalId, alice, 'reject');
    const rejected = await h.service.wait(second.id, { timeoutMs: 5_000 });
    expect(rejected).toMatchObject({ outcome: 'escalate', decidedBy: 'ask' });
    expect(h.fleet.scaleCalls).toBe(1);
  });
});

describe('executions', () => {
  const slow = runbook('slow', [
    scaleStep('up', { namespace: 'staging', name: 'checkout', replicas: 5 }, 'settle'),
    { id: 'settle', title: 'Settle for ten minutes', kind: 'wait', durationMs: 600_000, next: 'down' },
    scaleStep('down', { namespace: 'staging', name: 'checkout', replicas: 2 }, 'resolved'),
  ]);

  it('runs one execution per target and names the one already running', async () => {
    h = startEngine([slow]);
    const first = h.service.start('slow', {}, run);
    expect(() => h.service.start('slow', {}, run)).toThrow(
      new RegExp(`execution ${first.id} of runbook slow is already running on staging/checkout`),
    );
  });

  it('refuses an unknown runbook or parameter, naming what is known, before anything runs', async () => {
    h = startEngine([slow]);
    expect(() => h.service.start('slwo', {}, run)).toThrow('unknown runbook "slwo" (known: slow)');
    expect(() => h.service.start('slow', { replicas: 3 }, run)).toThrow(
      /params\.replicas: unknown parameter/,
    );
    expect(h.app.audit.query({ type: 'runbook.started' })).toHaveLength(0);
  });

  it('cancel stops the run: the wait ends and nothing after it runs', async () => {
    h = startEngine([slow]);
    const { id } = h.service.start('slow', {}, run);
    await until(h.service, id, (s) => s.currentStep === 'settle');
    const cancelled = h.service.cancel(id, alice, 'wrong deployment');
    expect(cancelled).toMatchObject({ state: 'finished', outcome: 'cancelled', cancelledBy: 'alice' });
    await new Promise((r) => setTimeout(r, 50));
    expect(h.fleet.get('staging', 'checkout').replicas).toBe(5);
    expect(h.service.status(id)!.steps.map((x) => x.outcome)).toEqual(['executed', 'cancelled']);
    expect(() => h.service.cancel(id, alice, 'again')).toThrow(/already ended: cancelled/);
  });

  it('a restarted service resumes at the current step without repeating an executed action', async () => {
    h = startEngine([slow]);
    const { id } = h.service.start('slow', {}, run);
    await until(h.service, id, (s) => s.currentStep === 'settle');
    await h.service.close();
    expect(h.service.status(id)!.state).toBe('running');
    const resumed = h.restart();
    const s = await resumed.wait(id, { timeoutMs: 10_000 });
    expect(s).toMatchObject({ outcome: 'resolved', decidedBy: 'down' });
    expect(h.fleet.scaleCalls).toBe(2);
    expect(h.app.audit.query({ type: 'action.executed', tool: 'fixture_deployment_scale' })).toHaveLength(2);
  });

  it('a restart while an action waits for approval keeps waiting for the same ticket', async () => {
    h = startEngine([
      runbook('scale-prod', [
        scaleStep('scale', { namespace: 'shop', name: 'checkout', replicas: 6 }, 'resolved'),
      ]),
    ]);
    const { id } = h.service.start('scale-prod', {}, run);
    const waiting = await until(h.service, id, (s) => s.pendingApproval !== undefined);
    await h.service.close();
    const resumed = h.restart();
    h.app.approvals.decide(waiting.pendingApproval!.approvalId, alice, 'approve');
    const s = await resumed.wait(id, { timeoutMs: 5_000 });
    expect(s.outcome).toBe('resolved');
    expect(h.fleet.scaleCalls).toBe(1);
    expect(h.app.approvals.list({ status: 'pending' })).toHaveLength(0);
  });

  it('a change the server was running when it died is not repeated: the run ends escalate for a human', async () => {
    h = startEngine([slow]);
    // What a killed server leaves behind: the visit with its call id, the gate's records of
    // the call (tool.call, decision) but no outcome, and a lease that has lapsed.
    const store = new ExecutionStore(h.app.db);
    const exec = store.insert(
      {
        runbook: 'slow',
        version: '1.0.0',
        digest: 'digest-of-slow',
        params: {},
        principal: agent,
        reason: 'runbook engine test',
        dryRun: false,
        target: { key: 'staging/checkout', namespace: 'staging', name: 'checkout' },
        startedAt: new Date().toISOString(),
        startedWallMs: Date.now(),
      },
      { owner: 'killed-server', nowMs: 0, leaseMs: 0 },
    );
    const visit = store.startStep(
      exec.id,
      { id: 'up', kind: 'action' },
      { startedAt: exec.startedAt, startedWallMs: Date.now() },
    );
    store.updateStep({ ...visit, callIds: ['call-in-flight'] });
    h.app.audit.appendAll([
      { type: 'tool.call', callId: 'call-in-flight', tool: 'fixture_deployment_scale', data: {} },
      { type: 'decision', callId: 'call-in-flight', effect: 'allow', data: { effect: 'allow', rules: [] } },
    ]);

    const s = await h.restart().wait(exec.id, { timeoutMs: 5_000 });
    expect(s).toMatchObject({ outcome: 'escalate', decidedBy: 'up' });
    expect(s.steps[0]!.outcome).toBe('interrupted');
    expect(s.message).toContain('call-in-flight');
    expect(h.fleet.scaleCalls).toBe(0);
  });

  it('keeps a track record per runbook', async () => {
    h = startEngine([slow, runbook('verify', [checkoutErrorsLow])]);
    h.prometheus.answer = series(0);
    await h.service.wait(h.service.start('verify', {}, run).id, { timeoutMs: 5_000 });
    const [slowSummary, verify] = h.service.list();
    expect(slowSummary).toMatchObject({ name: 'slow', runs: { total: 0 }, successRate: null });
    expect(verify).toMatchObject({ runs: { total: 1, resolved: 1 }, successRate: 1 });
  });
});

describe('plan', () => {
  it('shows each action with the decision it would get now, and names bad arguments per step', async () => {
    h = startEngine([
      runbook('mixed', [
        scaleStep('staging', { namespace: 'staging', name: 'checkout', replicas: 3 }, 'prod'),
        scaleStep('prod', { namespace: 'shop', name: 'checkout', replicas: 6 }, 'bad'),
        scaleStep('bad', { namespace: 'shop', name: 'checkout', replicas: 500 }, 'resolved'),
      ]),
    ]);
    const plan = await h.service.plan('mixed', {}, agent);
    expect(plan.steps.map((s) => [s.id, s.action?.effect])).toEqual([
      ['staging', 'allow'],
      ['prod', 'escalate'],
      ['bad', undefined],
    ]);
    expect(plan.steps[1]!.action!.approval).toMatchObject({ approvers: ['sre-oncall'] });
    expect(plan.needsApproval).toEqual(['prod']);
    expect(plan.errors).toEqual([{ step: 'bad', message: expect.stringMatching(/step bad: .*replicas/) }]);
    expect(h.app.audit.query({ type: 'tool.call' })).toHaveLength(0);
    expect(() => h.service.start('mixed', {}, run)).toThrow(
      /step bad: invalid arguments for fixture_deployment_scale: replicas/,
    );
  });
});
