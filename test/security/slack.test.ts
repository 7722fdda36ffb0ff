// Surface: POST /slack/interactions, the one route without a bearer token. Slack's signature
// is its authentication, so everything that is not a fresh, first-time request signed with
// the app's secret (unsigned, tampered, another secret, stale, future-dated, replayed) is
// refused at the door and decides nothing; a signed press decides only as the person
// `oncall.people` maps the Slack user to, under the same two-person rule as every other
// channel (no role, the requester themself, an unmapped or look-alike account, another
// workspace: refused). What an agent writes cannot mention or link anyone in the posted
// message, oversized and malformed bodies get 413 and 400 with the server still serving,
// and neither the bot token nor the signing secret reaches a log line or an answer.

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/config/limits.ts';
import {
  FakeSlack,
  type InteractionReply,
  postInteraction,
  type SlackMessageRecord,
  signSlackRequest,
} from '../helpers/fake-slack.ts';
import { entitiesOf, visibleText } from '../helpers/slack-block-kit.ts';
import { type SecurityWorld, scaleCheckout, startSecurityWorld } from './harness.ts';

const TOKEN = 'xoxb-7777-8888-securitybottoken';
const SIGNING_SECRET = 'security-signing-secret-abcdef';
const TEAM = 'T0OPSWARDEN';

const logLines: string[] = [];
const answers: InteractionReply[] = [];
let slack: FakeSlack;
let w: SecurityWorld;

beforeAll(async () => {
  slack = await FakeSlack.start({
    token: TOKEN,
    team: TEAM,
    channels: ['C0PROD'],
    users: [
      { id: 'U0ONCALL1', email: 'oncall@example.com' },
      { id: 'U0STRANGER', email: 'stranger@example.com' },
      { id: 'U0VIEWER1' },
      { id: 'U0AGENT01' },
      { id: 'U0IMPOSTOR', email: 'oncall@example.com' },
      { id: 'U0GONE0001', email: 'oncall2@example.com', deleted: true },
    ],
  });
  w = await startSecurityWorld({
    logger: pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) }),
    config: (raw) => {
      raw.oncall = {
        people: [
          { principal: 'oncall', roles: ['sre-oncall'], slackUser: 'U0ONCALL1', email: 'oncall@example.com' },
          { principal: 'oncall-2', roles: ['sre-oncall'], email: 'oncall2@example.com' },
          { principal: 'viewer', roles: ['viewer'], slackUser: 'U0VIEWER1' },
          // Someone mapped the agent's principal id to a Slack account: it still cannot approve its own request.
          { principal: 'agent', roles: ['sre-oncall'], slackUser: 'U0AGENT01' },
        ],
        slack: {
          botToken: TOKEN,
          signingSecret: SIGNING_SECRET,
          apiUrl: slack.apiUrl,
          teamId: TEAM,
          channels: [{ channel: 'C0PROD' }],
        },
      };
    },
  });
}, 60_000);

afterAll(async () => {
  await w?.close();
  await slack?.close();
});

/** A ticket the agent asked for, and its Slack message. */
async function pendingTicket(
  reason = 'absorb the evening peak',
): Promise<{ id: string; message: SlackMessageRecord }> {
  const res = await w.call('agent', 'k8s_deployment_scale', scaleCheckout(4, reason));
  expect(res.structuredContent?.status, res.content[0]?.text).toBe('approval_required');
  const id = res.structuredContent!.approvalId as string;
  await w.app.oncall.idle();
  const message = slack.messages('C0PROD').find((m) => visibleText(m).includes(id));
  expect(message, `the Slack message of ${id}`).toBeDefined();
  return { id, message: message! };
}

const pressOf = (
  message: SlackMessageRecord,
  user: string,
  over: { action?: 'approve' | 'reject'; team?: string; timestamp?: number; secret?: string } = {},
) =>
  slack.signedPress({
    signingSecret: over.secret ?? SIGNING_SECRET,
    user,
    action: over.action ?? 'approve',
    channel: message.channel,
    ts: message.ts,
    ...(over.team ? { team: over.team } : {}),
    ...(over.timestamp ? { timestamp: over.timestamp } : {}),
  });

async function send(request: { body: string; headers: Record<string, string> }): Promise<InteractionReply> {
  const reply = await postInteraction(w.url, request.body, request.headers);
  answers.push(reply);
  return reply;
}

/** The ticket is still pending, and the audit log holds no decision on it. */
function expectUndecided(id: string) {
  expect(w.app.approvals.get(id)?.status).toBe('pending');
  const decisions = [
    ...w.auditRecords({ type: 'approval.granted' }),
    ...w.auditRecords({ type: 'approval.rejected' }),
  ];
  expect(decisions.filter((r) => r.data.approvalId === id)).toEqual([]);
}

const lastEphemeralTo = (user: string) => slack.ephemerals.filter((e) => e.user === user).at(-1)?.text;
const now = () => Math.floor(Date.now() / 1000);

describe('requests not signed by Slack, now, for the first time', () => {
  it('are refused with 401 and decide nothing: unsigned, tampered, another secret, stale, future-dated', async () => {
    const { id, message } = await pendingTicket();
    const good = pressOf(message, 'U0ONCALL1');
    const tampered = good.body.replace(encodeURIComponent('"U0ONCALL1"'), encodeURIComponent('"U0ONCALL2"'));
    expect(tampered).not.toBe(good.body);
    const { 'x-slack-signature': _s, 'x-slack-request-timestamp': _t, ...unsigned } = good.headers;
    const cases: [string, { body: string; headers: Record<string, string> }, RegExp][] = [
      ['unsigned', { body: good.body, headers: unsigned }, /^missing X-Slack-Request-Timestamp/],
      ['tampered', { body: tampered, headers: good.headers }, /^signature does not match/],
      [
        'another secret',
        pressOf(message, 'U0ONCALL1', { secret: 'not-the-signing-secret' }),
        /^signature does not match/,
      ],
      ['stale', pressOf(message, 'U0ONCALL1', { timestamp: now() - 301 }), /^stale request/],
      [
        'future-dated',
        pressOf(message, 'U0ONCALL1', { timestamp: now() + 600 }),
        /^request dated \d+s in the future/,
      ],
    ];
    for (const [what, request, reason] of cases) {
      const reply = await send(request);
      expect(reply.status, what).toBe(401);
      expect(reply.body.message, what).toMatch(reason);
      expectUndecided(id);
    }
    expect(logLines.filter((l) => l.includes('Slack interaction refused'))).toHaveLength(cases.length);
  });

  it('a signed request played a second time is refused, even after it was acted on', async () => {
    const { id, message } = await pendingTicket();
    const request = pressOf(message, 'U0ONCALL1', { action: 'reject' });
    expect((await send(request)).status).toBe(200);
    expect(w.app.approvals.get(id)?.status).toBe('rejected');
    const replay = await send(request);
    expect(replay.status).toBe(401);
    expect(replay.body.message).toBe('replayed request: this signature was already used');
    expect(
      w.auditRecords({ type: 'approval.rejected' }).filter((r) => r.data.approvalId === id),
    ).toHaveLength(1);
  });
});

describe('a signed press decides only as a mapped approver who is not the requester', () => {
  it('a Slack user not in oncall.people decides nothing and is told so, privately', async () => {
    const { id, message } = await pendingTicket();
    expect((await send(pressOf(message, 'U0STRANGER'))).status).toBe(200);
    expectUndecided(id);
    expect(lastEphemeralTo('U0STRANGER')).toMatch(/your Slack user \(U0STRANGER\) is not in oncall\.people/);
  });

  it('an account with the email of a person pinned to another Slack user, or a deleted one, is nobody', async () => {
    const { id, message } = await pendingTicket();
    expect((await send(pressOf(message, 'U0IMPOSTOR'))).status).toBe(200);
    expect((await send(pressOf(message, 'U0GONE0001'))).status).toBe(200);
    expectUndecided(id);
    expect(lastEphemeralTo('U0IMPOSTOR')).toMatch(/is not in oncall\.people/);
    expect(lastEphemeralTo('U0GONE0001')).toMatch(/is not in oncall\.people/);
  });

  it('a mapped person without an approver role is refused, naming the roles it needs', async () => {
    const { id, message } = await pendingTicket();
    expect((await send(pressOf(message, 'U0VIEWER1'))).status).toBe(200);
    expectUndecided(id);
    expect(lastEphemeralTo('U0VIEWER1')).toBe(
      `Not approved: viewer has roles [viewer]; ${id} needs one of [sre-oncall]`,
    );
  });

  it("the requester's own principal, mapped to a Slack user, cannot approve its request", async () => {
    const { id, message } = await pendingTicket();
    expect((await send(pressOf(message, 'U0AGENT01'))).status).toBe(200);
    expectUndecided(id);
    expect(lastEphemeralTo('U0AGENT01')).toBe(
      `Not approved: agent requested ${id} and cannot also approve or reject it`,
    );
  });

  it('a press from another workspace is refused with 403', async () => {
    const { id, message } = await pendingTicket();
    const reply = await send(pressOf(message, 'U0ONCALL1', { team: 'T0ELSEWHERE' }));
    expect(reply.status).toBe(403);
    expect(reply.body.message).toBe(
      'this interaction comes from another Slack workspace (oncall.slack.teamId)',
    );
    expectUndecided(id);
  });

  it('a mapped approver decides, and the audit record says who and that it came from Slack', async () => {
    const { id, message } = await pendingTicket();
    expect((await send(pressOf(message, 'U0ONCALL1'))).status).toBe(200);
    const [granted] = w.auditRecords({ type: 'approval.granted' }).filter((r) => r.data.approvalId === id);
    expect(granted?.data).toMatchObject({
      decidedBy: 'oncall',
      via: 'slack (U0ONCALL1)',
      status: 'approved',
    });
    expect(w.app.approvals.get(id)).toMatchObject({
      status: 'approved',
      decidedBy: 'oncall',
      decidedVia: 'slack (U0ONCALL1)',
    });
  });
});

describe('what an agent writes, and what an attacker sends', () => {
  it('mentions and links in the reason or the arguments are shown as text, not rendered', async () => {
    const reason =
      'urgent <!channel> <!here> ask <@U0ONCALL1> or see <https://evil.example/login|the runbook> &amp;';
    const { message } = await pendingTicket(reason);
    expect(entitiesOf(message).filter((e) => !e.startsWith('!date^'))).toEqual([]);
    expect(visibleText(message)).toContain(reason);
    expect(message.text).not.toMatch(/<[!@#h]/);
  });

  it('a huge body gets 413, a signed payload that is not JSON 400, another interaction type 200; the server goes on', async () => {
    const { id, message } = await pendingTicket();
    const huge = `payload=${'x'.repeat(DEFAULT_LIMITS.maxBodyBytes + 1)}`;
    const big = await send({ body: huge, headers: signSlackRequest(SIGNING_SECRET, huge) });
    expect(big.status).toBe(413);
    for (const body of [
      'payload=%7Bnot-json',
      'payload=%5B1%2C2%5D',
      'nothing=here',
      `payload=${encodeURIComponent('{"type":"block_actions","actions":"x"}')}`,
    ]) {
      const reply = await send({ body, headers: signSlackRequest(SIGNING_SECRET, body) });
      expect(reply.status, body).toBe(400);
      expect(reply.body.error).toBe('bad_request');
    }
    const modal = `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', team: { id: TEAM }, user: { id: 'U0ONCALL1' } }))}`;
    expect((await send({ body: modal, headers: signSlackRequest(SIGNING_SECRET, modal) })).status).toBe(200);
    expectUndecided(id);
    expect((await w.http(undefined, 'GET', '/healthz')).status).toBe(200);
    expect((await send(pressOf(message, 'U0ONCALL1', { action: 'reject' }))).status).toBe(200);
    expect(w.app.approvals.get(id)?.status).toBe('rejected');
  });

  it('neither the bot token nor the signing secret appears in any log line or answer', async () => {
    await w.app.oncall.idle();
    expect(answers.length).toBeGreaterThan(10);
    expect(logLines.length).toBeGreaterThan(10);
    const seen = [
      ...logLines,
      ...answers.map((a) => JSON.stringify(a.body)),
      ...slack.ephemerals.map((e) => e.text ?? ''),
    ].join('\n');
    expect(seen).not.toContain(TOKEN);
    expect(seen).not.toContain(SIGNING_SECRET);
  });
});
