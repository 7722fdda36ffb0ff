// Outbound webhooks end to end: opswarden served over HTTP with three `oncall.webhooks`
// (one taking every kind, one only incidents opened and resolved, one whose receiver is
// gone), and real HTTP receivers on 127.0.0.1 that check each signature as a receiver would.
// An approval asked, decided and spent, an incident opened, noted and resolved, and a
// runbook run arrive in that order, signed, with the documented headers and body; a
// receiver failing with 500 gets the same delivery again, one refusing with a 4xx does not;
// the dead receiver, given up after its retries, holds back neither of the others.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { webhookSinkName } from '../../src/oncall/sink.ts';
import { parseRunbook } from '../../src/runbooks/load.ts';
import { fixtureTools } from '../fixtures/fleet.ts';
import { firing, type OnCallWorld, startOnCallWorld } from '../helpers/oncall-world.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';
import { agent, alice } from '../helpers/world.ts';

const SECRET = 'whsec-integration-0123456789';
const SUBSET_SECRET = 'whsec-subset-9876543210';

const RUNBOOK = `
apiVersion: opswarden.dev/v1
kind: Runbook
metadata: { name: scale-staging-checkout, version: 1.0.0, title: Scale the staging checkout out }
spec:
  description: Gives the staging checkout one more replica.
  steps:
    - id: scale
      title: Scale out
      action:
        tool: fixture_deployment_scale
        args: { namespace: staging, name: checkout, replicas: 3, reason: "runbook {{ runbook.name }}: more capacity" }
`;

let all: WebhookReceiver;
let subset: WebhookReceiver;
let deadUrl: string;
let w: OnCallWorld;

beforeAll(async () => {
  all = await startWebhookReceiver({ secret: SECRET });
  subset = await startWebhookReceiver({ secret: SUBSET_SECRET });
  const dead = await startWebhookReceiver({ secret: SECRET, path: '/gone' });
  deadUrl = dead.url;
  await dead.close();
  w = await startOnCallWorld({
    oncall: {
      webhooks: [
        { url: deadUrl, secret: SECRET },
        { url: all.url, secret: SECRET },
        { url: subset.url, secret: SUBSET_SECRET, events: ['incident.opened', 'incident.resolved'] },
      ],
    },
    runbooks: [parseRunbook(RUNBOOK, 'test/scale-staging-checkout.yaml', { tools: fixtureTools })],
  });
});

afterAll(async () => {
  await w?.close();
  await all?.close();
  await subset?.close();
});

const scaleProd = { namespace: 'shop', name: 'checkout', replicas: 5, reason: 'checkout saturated' };

describe('delivery', () => {
  it('sends approvals, incidents and runbook runs in order, signed, with the documented headers and body', async () => {
    // An approval asked for, granted and spent.
    const asked = await w.app.call({ tool: 'fixture_deployment_scale', args: scaleProd, principal: agent });
    const approvalId = asked.approvalId!;
    expect(asked.outcome).toBe('approval_required');
    w.app.approvals.decide(approvalId, alice, 'approve', 'go');
    const spent = await w.app.call({
      tool: 'fixture_deployment_scale',
      args: { ...scaleProd, approvalId },
      principal: agent,
    });
    expect(spent.outcome, spent.text).toBe('ok');

    // An incident opened, noted and resolved.
    const incidentId = await w.incidentOf([firing('checkout', 'critical')]);
    w.app.incidents.note(incidentId, 'rolling back 4411', 'dana');
    w.app.incidents.setStatus(incidentId, 'resolved', 'dana', 'rolled back');

    // A runbook run.
    const run = w.app.runbooks.start(
      'scale-staging-checkout',
      {},
      { principal: agent, reason: 'evening peak', dryRun: false },
    );
    const finished = await w.app.runbooks.wait(run.id, { timeoutMs: 20_000 });
    expect(finished).toMatchObject({ state: 'finished', outcome: 'resolved' });

    await w.app.oncall.idle();
    const got = all.delivered();
    expect(got.map((d) => d.body.type)).toEqual([
      'approval.requested',
      'approval.decided',
      'approval.executed',
      'incident.opened',
      'incident.updated',
      'incident.resolved',
      'runbook.finished',
    ]);
    const seqs = got.map((d) => d.body.data.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const d of got) {
      expect(d.verdict, d.body.id).toEqual({ ok: true, timestamp: expect.any(Number) });
      expect(d.headers).toMatchObject({
        'content-type': 'application/json',
        'user-agent': `opswarden/${pkg.version}`,
        'x-opswarden-event': d.body.type,
        'x-opswarden-delivery': d.body.id,
      });
      expect(d.body.at).toBe(d.body.data.at);
      expect(d.body.data.kind).toBe(d.body.type);
    }
    expect(new Set(got.map((d) => d.body.id)).size).toBe(got.length);
    expect(got[0]!.body.id).toBe(`${got[0]!.body.data.seq}-approval.requested-${approvalId}`);

    const [requested, decided, executed, opened, updated, resolved, runbook] = got.map((d) => d.body.data);
    expect(requested.approval).toMatchObject({
      id: approvalId,
      tool: 'fixture_deployment_scale',
      status: 'pending',
    });
    expect(requested.approval.proof).toBeUndefined();
    expect(decided.approval).toMatchObject({ id: approvalId, decidedBy: 'alice' });
    expect(executed).toMatchObject({
      approval: { id: approvalId },
      callId: spent.callId,
      outcome: 'executed',
    });
    expect(opened.incident).toMatchObject({ id: incidentId, service: 'checkout', severity: 'critical' });
    expect(updated.change).toContain('rolling back 4411');
    expect(resolved).toMatchObject({
      incident: { id: incidentId, status: 'resolved' },
      reason: 'rolled back',
    });
    expect(runbook.execution).toMatchObject({
      id: run.id,
      runbook: 'scale-staging-checkout',
      outcome: 'resolved',
      dryRun: false,
    });

    // The receiver that is gone, first in the config, held back neither: each event was tried
    // oncall.retry.attempts times and passed.
    const gaveUp = w.logs
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg === 'on-call delivery given up' && l.sink === webhookSinkName(deadUrl));
    expect(gaveUp.map((l) => [l.event, l.attempt])).toEqual(got.map((d) => [d.body.type, 4]));
    expect(gaveUp[0].err.message).toMatch(
      /^webhook http:\/\/127\.0\.0\.1:\d+#[0-9a-f]{12} did not take \d+-approval\.requested-apr_\w+: fetch failed: connect ECONNREFUSED/,
    );

    // Its URL's path (often the secret of an incoming webhook) is in no log line, only its origin and a digest.
    expect(w.logs.join('\n')).not.toContain(deadUrl);

    // The subscriber to two kinds got those two only, signed with its own secret.
    expect(subset.delivered().map((d) => [d.body.type, d.verdict.ok])).toEqual([
      ['incident.opened', true],
      ['incident.resolved', true],
    ]);
  });

  it('sends a delivery refused with 500 again, the same id and body, and gives up on a 4xx at once', async () => {
    const before = all.received.length;
    all.failNext(2);
    await w.incidentOf([firing('payments', 'critical')]);
    await w.app.oncall.idle();
    const attempts = all.received.slice(before);
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(new Set(attempts.map((a) => a.raw)).size).toBe(1);
    expect(attempts.every((a) => a.verdict.ok)).toBe(true);

    all.failNext(1, 410);
    const id = await w.incidentOf([firing('search', 'critical')]);
    w.app.incidents.setStatus(id, 'resolved', 'dana', 'flapped');
    await w.app.oncall.idle();
    const next = all.received.slice(before + 3);
    expect(next.map((a) => [a.body.type, a.status])).toEqual([
      ['incident.opened', 410],
      ['incident.resolved', 200],
    ]);
  });
});
