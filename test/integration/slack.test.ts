// Approvals and incidents in Slack, end to end: opswarden served over HTTP on the sandbox's
// checkout-bad-deploy world, with `oncall.slack` pointing at a fake Slack workspace on
// loopback (test/helpers/fake-slack.ts) that the official WebClient talks to. An agent's
// escalated change appears in the checkout channel with Approve/Reject; an approver's press
// (Slack's signed POST over real HTTP) decides it, and the message follows the ticket through
// approved, executed, rejected and expired. A paged incident appears with the correlation
// engine's hypotheses, its notes land in its thread, and resolving it links the postmortem.

import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { FakeSlack, type SlackMessageRecord } from '../helpers/fake-slack.ts';
import { entitiesOf, visibleText } from '../helpers/slack-block-kit.ts';
import { REPO } from '../helpers/world.ts';
import {
  type CallResult,
  movableClock,
  type SecurityWorld,
  scaleCheckout,
  startSecurityWorld,
} from '../security/harness.ts';

const TOKEN = 'xoxb-4242-4242-integrationtoken';
const SIGNING_SECRET = 'integration-signing-secret-0123';
const TEAM = 'T0OPSWARDEN';
const CONSOLE = 'https://ops.example/console';
const MINUTE = 60_000;

/** A runbook whose approval step asks the on-call before it resolves. */
const RUNBOOK = `apiVersion: opswarden.dev/v1
kind: Runbook
metadata: { name: confirm-checkout-drain, version: 1.0.0, title: Drain checkout after a human says so }
spec:
  description: Asks the on-call before anything else happens.
  steps:
    - id: confirm
      title: The on-call confirms
      approval: { message: "Drain checkout now? <!channel>", approvers: [sre-oncall] }
      next: resolved
`;

let slack: FakeSlack;
let w: SecurityWorld;
let runbooks: string;
const clock = movableClock();

beforeAll(async () => {
  slack = await FakeSlack.start({
    token: TOKEN,
    team: TEAM,
    channels: ['C0CHECKOUT', 'C0PROD', 'C0ELSE'],
    users: [
      { id: 'U0ONCALL1', name: 'On Call' },
      { id: 'U0ONCALL2', name: 'Second', email: 'Oncall2@Example.com' },
    ],
  });
  // The built-in runbooks (the incident's hypotheses suggest them) and one with an approval step.
  runbooks = mkdtempSync(join(tmpdir(), 'slack-runbooks-'));
  cpSync(join(REPO, 'runbooks'), runbooks, { recursive: true });
  writeFileSync(join(runbooks, 'confirm-checkout-drain.yaml'), RUNBOOK);
  w = await startSecurityWorld({
    scenario: join(REPO, 'scenarios/checkout-bad-deploy.yaml'),
    clock,
    config: (raw) => {
      raw.runbooks = { dir: runbooks };
      raw.oncall = {
        consoleUrl: CONSOLE,
        people: [
          { principal: 'oncall', roles: ['sre-oncall'], slackUser: 'U0ONCALL1' },
          { principal: 'oncall-2', roles: ['sre-oncall'], email: 'oncall2@example.com' },
        ],
        slack: {
          botToken: TOKEN,
          signingSecret: SIGNING_SECRET,
          apiUrl: slack.apiUrl,
          teamId: TEAM,
          channels: [
            { channel: 'C0CHECKOUT', service: 'checkout', environment: 'production' },
            { channel: 'C0PROD', environment: 'production' },
            { channel: 'C0ELSE' },
          ],
        },
        retry: { attempts: 2, backoff: '50ms' },
      };
    },
  });
}, 60_000);

afterAll(async () => {
  await w?.close();
  await slack?.close();
  if (runbooks) rmSync(runbooks, { recursive: true, force: true });
});

function pendingId(res: CallResult): string {
  expect(res.structuredContent?.status, res.content[0]?.text).toBe('approval_required');
  return res.structuredContent!.approvalId as string;
}

/** The message of a ticket: the one whose Approve button (or console link) names it. */
function messageOf(id: string): SlackMessageRecord {
  const found = slack.messages().filter((m) => entitiesOf(m).some((e) => e.includes(`#/approvals/${id}|`)));
  expect(found, `one Slack message for ${id}`).toHaveLength(1);
  return found[0]!;
}

const buttons = (m: SlackMessageRecord) =>
  (m.blocks ?? []).flatMap((b) => {
    const block = b as { type: string; elements?: { action_id: string; value: string }[] };
    return block.type === 'actions' ? (block.elements ?? []).map((e) => `${e.action_id}:${e.value}`) : [];
  });

const press = (user: string, action: 'approve' | 'reject', m: SlackMessageRecord) =>
  slack.pressButton({
    url: w.url,
    signingSecret: SIGNING_SECRET,
    user,
    action,
    channel: m.channel,
    ts: m.ts,
  });

describe('an escalated change in Slack', () => {
  it("is posted in its service's channel with the facts and Approve/Reject, approved by a press, and shows its execution", async () => {
    const id = pendingId(
      await w.call(
        'agent',
        'k8s_deployment_scale',
        scaleCheckout(5, 'more capacity for the <!channel> peak'),
      ),
    );
    await w.app.oncall.idle();
    const message = messageOf(id);
    // The target is checkout's workload (the service catalog says so): checkout's channel.
    expect(message.channel).toBe('C0CHECKOUT');
    expect(buttons(message)).toEqual([`approve:${id}`, `reject:${id}`]);
    const shown = visibleText(message);
    for (const part of [
      'Approval needed: k8s_deployment_scale',
      'Deployment shop/checkout',
      'production · service checkout',
      'agent (agent)',
      'more capacity for the <!channel> peak',
      '"replicas":5',
      'production-mutation-needs-approval',
    ])
      expect(shown).toContain(part);
    expect(
      entitiesOf(message).filter((e) => !e.startsWith('!date^') && !e.startsWith(`${CONSOLE}#/`)),
    ).toEqual([]);

    const reply = await press('U0ONCALL1', 'approve', message);
    expect(reply.status).toBe(200);
    const ticket = w.app.approvals.get(id)!;
    expect([ticket.status, ticket.decidedBy, ticket.decidedVia]).toEqual([
      'approved',
      'oncall',
      'slack (U0ONCALL1)',
    ]);
    const granted = w.auditRecords({ type: 'approval.granted' }).find((r) => r.data.approvalId === id);
    expect(granted?.data).toMatchObject({ decidedBy: 'oncall', via: 'slack (U0ONCALL1)' });
    await w.app.oncall.idle();
    expect(buttons(message)).toEqual([]);
    expect(visibleText(message)).toContain('✅ *Approved* by *oncall* via slack (U0ONCALL1)');

    const done = await w.call('agent', 'k8s_deployment_scale', {
      ...scaleCheckout(5, 'more capacity for the <!channel> peak'),
      approvalId: id,
    });
    expect(done.isError, done.content[0]?.text).toBeFalsy();
    expect(await w.replicas('shop', 'checkout')).toBe(5);
    await w.app.oncall.idle();
    expect(visibleText(message)).toContain('▶️ *Executed*');
    expect(slack.ephemerals).toEqual([]);
  });

  it('is rejected by a person matched by their Slack profile email', async () => {
    const id = pendingId(await w.call('agent', 'k8s_deployment_scale', scaleCheckout(2, 'save money')));
    await w.app.oncall.idle();
    const message = messageOf(id);
    expect((await press('U0ONCALL2', 'reject', message)).status).toBe(200);
    expect(slack.calls.some((c) => c.method === 'users.info' && c.args.user === 'U0ONCALL2')).toBe(true);
    const ticket = w.app.approvals.get(id)!;
    expect([ticket.status, ticket.decidedBy, ticket.decidedVia]).toEqual([
      'rejected',
      'oncall-2',
      'slack (U0ONCALL2)',
    ]);
    await w.app.oncall.idle();
    expect(buttons(message)).toEqual([]);
    expect(visibleText(message)).toContain('❌ *Rejected* by *oncall-2* via slack (U0ONCALL2)');
    const spent = await w.call('agent', 'k8s_deployment_scale', {
      ...scaleCheckout(2, 'save money'),
      approvalId: id,
    });
    expect(spent.isError).toBe(true);
  });

  it('shows that it expired when nobody decided in time, and a press on it then decides nothing', async () => {
    const id = pendingId(
      await w.call('agent', 'k8s_deployment_scale', scaleCheckout(7, 'prepare for the sale')),
    );
    await w.app.oncall.idle();
    const message = messageOf(id);
    clock.advance(16 * MINUTE);
    // Reading the approvals expires the overdue ones (the sweep does the same on a timer).
    w.app.approvals.list({ status: 'pending' });
    await w.app.oncall.idle();
    expect(buttons(message)).toEqual([]);
    expect(visibleText(message)).toContain('⌛ *Expired* at');
    expect(visibleText(message)).toContain('before anyone decided');

    // A press on a client that still shows the buttons.
    const late = await slack.pressButton({
      url: w.url,
      signingSecret: SIGNING_SECRET,
      user: 'U0ONCALL1',
      action: 'approve',
      channel: message.channel,
      ts: message.ts,
      asFirstPosted: true,
    });
    expect(late.status).toBe(200);
    expect(w.app.approvals.get(id)!.status).toBe('expired');
    expect(slack.ephemerals.at(-1)).toMatchObject({ channel: 'C0CHECKOUT', user: 'U0ONCALL1' });
    expect(slack.ephemerals.at(-1)!.text).toMatch(
      /^Not approved: approval apr_\w+ expired at .* before anyone decided it/,
    );
  });
});

describe("a runbook's approval step in Slack", () => {
  it('is posted as the step it is, approved by a press, and shows how the run ended', async () => {
    const started = await w.call('agent', 'runbook_run', {
      runbook: 'confirm-checkout-drain',
      params: {},
      reason: 'checkout pods are stuck',
    });
    expect(started.isError, started.content[0]?.text).toBeFalsy();
    const execution = started.structuredContent!.id as string;
    const waiting = await eventually(
      async () => w.app.runbooks.status(execution)?.pendingApproval?.approvalId,
      (id) => expect(id).toBeDefined(),
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    await w.app.oncall.idle();
    const message = messageOf(waiting!);
    const shown = visibleText(message);
    expect(shown).toContain('confirm-checkout-drain');
    expect(shown).toContain('Drain checkout now? <!channel>');
    expect(
      entitiesOf(message).filter((e) => !e.startsWith('!date^') && !e.startsWith(`${CONSOLE}#/`)),
    ).toEqual([]);

    expect((await press('U0ONCALL1', 'approve', message)).status).toBe(200);
    const finished = await w.app.runbooks.wait(execution, { timeoutMs: 20_000 });
    expect(finished).toMatchObject({ state: 'finished', outcome: 'resolved' });
    await w.app.oncall.idle();
    const redrawn = slack.message(message.channel, message.ts)!;
    const now = visibleText(redrawn);
    expect(now).toContain(`Runbook run \`${execution}\` finished: *resolved*`);
    expect(now).toContain('*Approved* by *oncall* via slack (U0ONCALL1)');
    expect(buttons(redrawn)).toEqual([]);
  });
});

describe('an incident in Slack', () => {
  it('is posted with its hypotheses, its notes land in its thread, and resolving it links the postmortem draft', async () => {
    const startsAt = new Date(w.sandbox.clock.now().getTime() - 15 * MINUTE).toISOString();
    const paged = await w.http('alertWriter', 'POST', '/v1/alerts', {
      body: {
        alerts: [
          {
            status: 'firing',
            labels: {
              alertname: 'HighErrorRate',
              service: 'checkout',
              namespace: 'shop',
              severity: 'critical',
            },
            annotations: { summary: 'checkout 5xx above 5% <!here>' },
            startsAt,
          },
        ],
      },
    });
    expect(paged.status, JSON.stringify(paged.body)).toBe(200);
    const incidentId = paged.body.incidents[0].id as string;
    await w.app.oncall.idle();
    const parent = slack.messages('C0CHECKOUT').find((m) => visibleText(m).includes(incidentId))!;
    expect(parent).toBeDefined();
    const shown = visibleText(parent);
    expect(shown).toContain(`${incidentId} (critical): checkout: HighErrorRate`);
    expect(shown).toContain('checkout 5xx above 5% <!here>');
    expect(shown).toMatch(/1\. \*deploy\* \(\d+%\): Deployment\/shop\/checkout rolled out/);
    expect(shown).toContain('`rollback-deployment`');
    expect(entitiesOf(parent)).toContain(`${CONSOLE}#/incidents/${incidentId}|Open in the console`);

    const note = await w.call('agent', 'incident_note', {
      incident: incidentId,
      text: 'rolling back 1.42.0',
      reason: 'keep the team informed',
    });
    expect(note.isError, note.content[0]?.text).toBeFalsy();
    await w.app.oncall.idle();
    expect(slack.replies('C0CHECKOUT', parent.ts).map((r) => visibleText(r))).toEqual([
      '*Update* (now open)\nnote by agent: rolling back 1.42.0',
    ]);

    const resolved = await w.call('agent', 'incident_update_status', {
      incident: incidentId,
      status: 'resolved',
      reason: 'rolled back, errors gone',
    });
    expect(resolved.isError, resolved.content[0]?.text).toBeFalsy();
    await w.app.oncall.idle();
    const replies = slack.replies('C0CHECKOUT', parent.ts);
    expect(replies).toHaveLength(2);
    expect(visibleText(replies[1]!)).toContain('rolled back, errors gone');
    expect(entitiesOf(replies[1]!)).toContain(
      `${CONSOLE}#/incidents/${incidentId}/postmortem|open in the console`,
    );
    expect(visibleText(parent)).toContain('✅ *Resolved*');
    expect(entitiesOf(parent)).toContain(
      `${CONSOLE}#/incidents/${incidentId}/postmortem|open in the console`,
    );
    // Still the hypotheses it was posted with.
    expect(visibleText(parent)).toMatch(/1\. \*deploy\*/);
  });
});
