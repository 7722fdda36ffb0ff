// The gate end to end, in process: a real MCP client → dispatcher → policy → approvals →
// audit, with fixture tools acting on a fake fleet. Each test asserts what an SRE relies
// on: what ran, what did not, and what the audit log holds.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/log.ts';
import { type Harness, startHarness } from '../helpers/in-process.ts';
import { alice } from '../helpers/world.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const scaleProd = {
  namespace: 'shop',
  name: 'checkout',
  replicas: 6,
  reason: 'checkout saturated at 95% CPU',
};

describe('reads', () => {
  it('allows a read and returns structured content plus the same JSON as text, with secrets redacted', async () => {
    h = await startHarness();
    const res = await h.call('fixture_resource_get', { namespace: 'shop', name: 'checkout' });
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ name: 'checkout', replicas: 4, redactions: 1 });
    expect(JSON.parse(res.content[0]!.text)).toEqual(res.structuredContent);
    expect(res.content[0]!.text).not.toContain('hunter2');
    const decisions = h.app.audit.query({ type: 'decision', tool: 'fixture_resource_get' });
    expect(decisions[0]).toMatchObject({ effect: 'allow', principal: 'claude-agent' });
  });

  it('denies a Secret read, naming the rule and its message', async () => {
    h = await startHarness();
    const res = await h.call('fixture_resource_get', { kind: 'Secret', namespace: 'shop', name: 'db-creds' });
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toContain('rule "no-secrets"');
    expect(res.content[0]!.text).toContain('Secrets are never read');
    expect(h.app.audit.query({ type: 'action.executed', tool: 'fixture_resource_get' })).toHaveLength(0);
  });

  it('rejects bad arguments with an error naming the field, and unknown keys', async () => {
    h = await startHarness();
    const bad = await h.call('fixture_deployment_scale', { ...scaleProd, replicas: 'six' });
    expect(bad.isError).toBe(true);
    expect(bad.content[0]!.text).toMatch(/replicas: .*number/);
    const unknown = await h.call('fixture_resource_get', {
      namespace: 'shop',
      name: 'checkout',
      force: true,
    });
    expect(unknown.content[0]!.text).toContain('unknown argument(s) "force"');
  });
});

describe('escalation out of band', () => {
  it('waits for a human, executes once after approval, and refuses replay and reuse', async () => {
    h = await startHarness();
    const pending = await h.call('fixture_deployment_scale', scaleProd);
    expect(pending.isError).toBeFalsy();
    const sc = pending.structuredContent as Record<string, unknown>;
    expect(sc).toMatchObject({
      status: 'approval_required',
      tool: 'fixture_deployment_scale',
      approvers: ['sre-oncall'],
    });
    expect(h.fleet.get('shop', 'checkout').replicas).toBe(4);
    const approvalId = sc.approvalId as string;

    // The requester cannot approve its own request; a human approver can.
    expect(() =>
      h.app.approvals.decide(approvalId, { ...alice, id: 'claude-agent', type: 'human' }, 'approve'),
    ).toThrow(/cannot also approve/);
    h.app.approvals.decide(approvalId, alice, 'approve', 'ok, go');

    const done = await h.call('fixture_deployment_scale', { ...scaleProd, approvalId });
    expect(done.isError).toBeFalsy();
    expect(done.structuredContent).toMatchObject({ replicasBefore: 4, replicas: 6, dryRun: false });
    expect(h.fleet.scaleCalls).toBe(1);

    const replay = await h.call('fixture_deployment_scale', { ...scaleProd, approvalId });
    expect(replay.isError).toBe(true);
    expect(replay.content[0]!.text).toMatch(/already used/);
    expect(h.fleet.scaleCalls).toBe(1);

    // An approval for one action never covers another.
    const second = (await h.call('fixture_deployment_scale', { ...scaleProd, replicas: 8 }))
      .structuredContent!;
    h.app.approvals.decide(second.approvalId as string, alice, 'approve');
    const other = await h.call('fixture_deployment_scale', {
      ...scaleProd,
      replicas: 12,
      approvalId: second.approvalId,
    });
    expect(other.isError).toBe(true);
    expect(other.content[0]!.text).toMatch(/different action/);
    expect(h.fleet.get('shop', 'checkout').replicas).toBe(6);

    const types = h.app.audit.query({}).map((r) => r.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'approval.requested',
        'approval.granted',
        'approval.used',
        'snapshot',
        'action.executed',
      ]),
    );
    const executed = h.app.audit.query({ type: 'action.executed', tool: 'fixture_deployment_scale' });
    expect(executed).toHaveLength(1);
    expect(executed[0]!.data).toMatchObject({ approvedBy: 'alice' });
    expect(verifyAudit(h.app.db, { jsonlPath: h.world.config.audit.jsonl })).toMatchObject({ ok: true });
  });

  it('approval_status shows the ticket to the agent, who cannot decide it', async () => {
    h = await startHarness();
    const pending = (await h.call('fixture_deployment_scale', scaleProd)).structuredContent!;
    const status = await h.call('approval_status', { id: pending.approvalId });
    expect(status.structuredContent).toMatchObject({ status: 'pending', requester: 'claude-agent' });
    const { tools } = await h.client.listTools();
    expect(tools.every((t) => !/approve/.test(t.name) || t.annotations?.readOnlyHint)).toBe(true);
  });

  it('a rejected approval is never executed', async () => {
    h = await startHarness();
    const pending = (await h.call('fixture_deployment_scale', scaleProd)).structuredContent!;
    h.app.approvals.decide(pending.approvalId as string, alice, 'reject', 'not during the sale');
    const res = await h.call('fixture_deployment_scale', { ...scaleProd, approvalId: pending.approvalId });
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toContain('rejected by alice: not during the sale');
    expect(h.fleet.scaleCalls).toBe(0);
  });
});

describe('escalation in the client (elicitation)', () => {
  const scalePayments = {
    namespace: 'payments',
    name: 'api',
    replicas: 5,
    reason: 'card auth latency p99 at 3s',
  };

  /** The on-call SRE at an interactive client: a human holding the rule's approver role. */
  const oncallAtClient = { ...alice, transport: 'in-memory' as const };

  it('executes when the on-call human at the client approves', async () => {
    let asked = '';
    h = await startHarness({
      principal: oncallAtClient,
      elicit: (message) => {
        asked = message;
        return { action: 'accept', content: { approve: true, comment: 'yes' } };
      },
    });
    const res = await h.call('fixture_deployment_scale', scalePayments);
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ replicas: 5 });
    expect(asked).toContain('card auth latency p99 at 3s');
    expect(h.fleet.scaleCalls).toBe(1);
    expect(h.app.audit.query({ type: 'approval.granted' })[0]?.data).toMatchObject({
      decidedBy: 'alice (in client)',
    });
  });

  it('is a rejection when the client declines', async () => {
    h = await startHarness({ principal: oncallAtClient, elicit: () => ({ action: 'decline' }) });
    const res = await h.call('fixture_deployment_scale', scalePayments);
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toMatch(/declined in the client/);
    expect(h.fleet.scaleCalls).toBe(0);
    expect(h.app.audit.query({ type: 'approval.rejected' })).toHaveLength(1);
  });

  it.each([
    ['an agent (it could answer its own elicitation)', undefined],
    [
      'a human without an approver role',
      { id: 'vera', type: 'human' as const, roles: ['viewer'], transport: 'in-memory' as const },
    ],
  ])('never asks %s in the client: the request goes out of band', async (_, principal) => {
    let asked = false;
    h = await startHarness({
      ...(principal ? { principal } : {}),
      elicit: () => {
        asked = true;
        return { action: 'accept', content: { approve: true } };
      },
    });
    const res = await h.call('fixture_deployment_scale', scalePayments);
    expect(asked).toBe(false);
    expect(res.structuredContent).toMatchObject({ status: 'approval_required' });
    expect(h.fleet.scaleCalls).toBe(0);
    const ticket = h.app.approvals.get(res.structuredContent!.approvalId as string);
    expect(ticket).toMatchObject({ status: 'pending', channels: ['out-of-band'] });
    expect(h.app.audit.query({ type: 'approval.granted' })).toEqual([]);
  });

  it('goes out of band when only in-client approval is listed and the client cannot elicit', async () => {
    h = await startHarness({ principal: oncallAtClient });
    const res = await h.call('fixture_deployment_scale', scalePayments);
    expect(res.structuredContent).toMatchObject({ status: 'approval_required' });
    expect(h.fleet.scaleCalls).toBe(0);
  });
});

describe('fail closed and budgets', () => {
  it('a mutation whose audit record cannot be written is not executed', async () => {
    h = await startHarness();
    rmSync(h.world.config.audit.jsonl, { force: true });
    mkdirSync(h.world.config.audit.jsonl); // the mirror path is now a directory: appends fail
    const res = await h.call('fixture_deployment_scale', {
      namespace: 'staging',
      name: 'checkout',
      replicas: 3,
      reason: 'load test',
    });
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toMatch(/refused: the audit log could not be written/);
    expect(h.fleet.scaleCalls).toBe(0);
  });

  it('a read whose audit record cannot be written returns no data', async () => {
    h = await startHarness();
    rmSync(h.world.config.audit.jsonl, { force: true });
    mkdirSync(h.world.config.audit.jsonl);
    const res = await h.call('fixture_resource_get', { namespace: 'shop', name: 'checkout' });
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toMatch(/result withheld/);
    expect(res.structuredContent).toBeUndefined();
  });

  it('a policy that fails at evaluation denies', async () => {
    const world = (await import('../helpers/world.ts')).makeWorld();
    writeFileSync(
      world.policyPath,
      readFileSync(world.policyPath, 'utf8').replace(
        'match: target.kind == "Secret"',
        'match: target.kind == "Secret" || request.args.replicas > 10',
      ),
    );
    h = await startHarness({ world });
    const res = await h.call('fixture_resource_get', { namespace: 'shop', name: 'checkout' });
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toMatch(/could not be evaluated .*fail closed/);
  });

  it('cuts a large result to the byte budget and says what was cut', async () => {
    h = await startHarness();
    const res = await h.call('fixture_events_list', { namespace: 'shop', count: 5000 });
    expect(res.isError).toBeFalsy();
    expect(Buffer.byteLength(res.content[0]!.text)).toBeLessThanOrEqual(h.world.config.output.maxBytes);
    const sc = res.structuredContent as {
      events: unknown[];
      truncated: { omitted: { path: string; items: number }[]; hint: string };
    };
    expect(sc.events.length).toBeLessThan(5000);
    expect(sc.truncated.omitted[0]).toMatchObject({ path: '$.events', items: 5000 - sc.events.length });
    expect(sc.truncated.hint).toBeTruthy();
  });
});

describe('history, dry runs and modes', () => {
  it('counts executed actions per target: the loop guard denies the third scale in an hour', async () => {
    h = await startHarness();
    const scaleStaging = (replicas: number) =>
      h.call('fixture_deployment_scale', {
        namespace: 'staging',
        name: 'checkout',
        replicas,
        reason: 'load test',
      });
    expect((await scaleStaging(3)).isError).toBeFalsy();
    expect((await scaleStaging(4)).isError).toBeFalsy();
    const third = await scaleStaging(5);
    expect(third.isError).toBe(true);
    expect(third.content[0]!.text).toContain('scaled 2 times in the last hour');
  });

  it('a dry run changes nothing and says what the policy would decide', async () => {
    h = await startHarness();
    const res = await h.call('fixture_deployment_scale', { ...scaleProd, dryRun: true });
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toMatchObject({
      dryRun: true,
      replicas: 6,
      policy: { effect: 'escalate', rules: ['prod-needs-approval'], bundle: 'gate-test@1.2.3' },
    });
    expect(h.fleet.scaleCalls).toBe(0);
  });

  it('shadow mode decides and audits, but allows', async () => {
    const world = (await import('../helpers/world.ts')).makeWorld();
    writeFileSync(
      world.policyPath,
      readFileSync(world.policyPath, 'utf8').replace('mode: enforce', 'mode: shadow'),
    );
    h = await startHarness({ world });
    const res = await h.call('fixture_resource_get', { kind: 'Secret', namespace: 'shop', name: 'checkout' });
    expect(res.isError).toBeFalsy();
    const [decision] = h.app.audit.query({ type: 'decision' });
    expect(decision).toMatchObject({ effect: 'allow', data: { decidedEffect: 'deny', mode: 'shadow' } });
  });

  it('refuses a broken bundle edit and keeps enforcing the old one', async () => {
    h = await startHarness();
    const before = h.app.policy.current().ref;
    writeFileSync(
      h.world.policyPath,
      readFileSync(h.world.policyPath, 'utf8').replace('target.kind == "Secret"', 'target.knid == "Secret"'),
    );
    const reload = h.app.policy.reload();
    expect(reload.ok).toBe(false);
    expect(h.app.policy.current().ref).toEqual(before);
    const res = await h.call('fixture_resource_get', { kind: 'Secret', namespace: 'shop', name: 'db-creds' });
    expect(res.content[0]!.text).toContain('no-secrets');
    expect(h.app.audit.query({ type: 'policy.refused' })).toHaveLength(1);
  });

  it('read-only mode lists and serves read tools only', async () => {
    h = await startHarness({ readOnly: true });
    const { tools } = await h.client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['approval_status', 'fixture_events_list', 'fixture_resource_get']),
    );
    expect(names).not.toContain('fixture_deployment_scale');
    expect(tools.every((t) => t.annotations?.readOnlyHint)).toBe(true);
    await expect(h.call('fixture_deployment_scale', scaleProd)).rejects.toThrow(/unknown tool/);
  });
});
