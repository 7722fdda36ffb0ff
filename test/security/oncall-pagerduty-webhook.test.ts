// PagerDuty and webhooks against a hostile or broken outside: opswarden served over HTTP with
// `oncall.pagerduty` pointed at a fake PagerDuty (HTTPS, its CA as caFile) and two signed
// webhooks. A PagerDuty that is down or refuses the token grants nobody the on-call role
// (fails closed), and a human not on call never approves an on-call ticket; hostile
// PagerDuty data (huge lists, names with `<!channel>` and control characters) comes out
// bounded; arguments and alert text that hold secrets reach receivers redacted, and a huge
// incident reaches PagerDuty bounded; a receiver that never answers, or answers without end,
// stalls neither the server nor the other receiver; and the routing keys, the API token and
// the webhook secrets show in no log line, answer, webhook body or audit record.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { type FakePagerDuty, startFakePagerDuty } from '../helpers/fake-pagerduty.ts';
import {
  type Caller,
  firing,
  type OnCallWorld,
  type Reply,
  startOnCallWorld,
} from '../helpers/oncall-world.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';
import { agent } from '../helpers/world.ts';

const DEFAULT_KEY = randomBytes(16).toString('hex');
const CHECKOUT_KEY = randomBytes(16).toString('hex');
const API_TOKEN = `pdtok_${randomBytes(15).toString('base64url')}`;
const HOOK_SECRET = `whsec_${randomBytes(18).toString('base64url')}`;
const SLOW_SECRET = `whsec_${randomBytes(18).toString('base64url')}`;
const SECRETS = { DEFAULT_KEY, CHECKOUT_KEY, API_TOKEN, HOOK_SECRET, SLOW_SECRET };
const DANA = { id: 'PDANA01', name: 'Dana Scully', email: 'dana@example.com' };

let pd: FakePagerDuty;
let hook: WebhookReceiver;
let slow: WebhookReceiver;
let w: OnCallWorld;
/** Every answer the server gave in this file. */
const answers: Reply[] = [];

beforeAll(async () => {
  pd = await startFakePagerDuty({ apiToken: API_TOKEN });
  hook = await startWebhookReceiver({ secret: HOOK_SECRET });
  slow = await startWebhookReceiver({ secret: SLOW_SECRET });
  w = await startOnCallWorld({
    oncall: {
      pagerduty: {
        routingKey: DEFAULT_KEY,
        apiToken: API_TOKEN,
        eventsServer: pd.server,
        apiServer: pd.server,
        caFile: pd.caPath,
        services: {
          checkout: { routingKey: CHECKOUT_KEY, escalationPolicy: 'PSEC001' },
          search: { escalationPolicy: 'PHOST01' },
          inventory: { escalationPolicy: 'PTOK001' },
        },
      },
      webhooks: [
        { url: slow.url, secret: SLOW_SECRET },
        { url: hook.url, secret: HOOK_SECRET },
      ],
    },
  });
});

afterAll(async () => {
  await w?.close();
  await Promise.all([pd?.close(), hook?.close(), slow?.close()]);
});

async function http(who: Caller, method: string, path: string, body?: unknown): Promise<Reply> {
  const reply = await w.http(who, method, path, body);
  answers.push(reply);
  return reply;
}

const logLines = () => w.logs.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the on-call role fails closed', () => {
  it('grants nobody the role while PagerDuty is down; once it is back, only the person on call approves', async () => {
    pd.setOnCall([{ policy: 'PSEC001', level: 1, user: DANA }]);
    pd.failNext('/oncalls', 1000, 503);
    const id = await w.requestServiceScale('checkout');

    for (const who of ['dana', 'eli'] as const) {
      const refused = await http(who, 'POST', `/v1/approvals/${id}/approve`, {});
      expect(refused.status, who).toBe(403);
      expect(refused.body.error_description).toContain('needs one of [pagerduty-oncall]');
    }
    const lookup = await http('dana', 'GET', '/v1/oncall?service=checkout');
    expect(lookup.status).toBe(502);
    expect(lookup.body.message).toBe(
      'PagerDuty did not answer: PagerDuty on-call lookup for service checkout (escalation policy PSEC001) failed: HTTP 503: failing on purpose',
    );
    expect(logLines().some((l) => l.msg === 'PagerDuty on-call lookup failed')).toBe(true);
    expect(w.app.approvals.get(id)!.status).toBe('pending');

    // A failed lookup is not kept: PagerDuty back, dana is on call again; eli never was.
    pd.failNext('/oncalls', 0, 503);
    expect((await http('eli', 'POST', `/v1/approvals/${id}/approve`, {})).status).toBe(403);
    const approved = await http('dana', 'POST', `/v1/approvals/${id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'dana' });
  });

  it('answers a refused token 401 as a failed lookup that names the service and policy, not the token', async () => {
    pd.setApiToken('a-token-pagerduty-revoked');
    const lookup = await http('eli', 'GET', '/v1/oncall?service=inventory');
    pd.setApiToken(API_TOKEN);
    expect(lookup.status).toBe(502);
    expect(lookup.body.message).toBe(
      'PagerDuty did not answer: PagerDuty on-call lookup for service inventory (escalation policy PTOK001) failed: HTTP 401: Authentication required',
    );
    expect(pd.oncallRequests.at(-1)).toMatchObject({
      status: 401,
      authorization: `Token token=${API_TOKEN}`,
    });
  });
});

describe('what comes from outside is bounded', () => {
  it('bounds a huge on-call list of names holding <!channel> and control characters', async () => {
    const hostile = '<!channel> \u0007\u001b[2J\n@here '.repeat(100);
    pd.setOnCall(
      Array.from({ length: 500 }, (_, i) => ({
        policy: 'PHOST01',
        level: (i % 5) + 1,
        user: { id: `PU${i}`, name: `${hostile}${i}`, email: `${'x'.repeat(500)}${i}@example.com` },
      })),
      { ignoreLimit: true },
    );
    const reply = await http('eli', 'GET', '/v1/oncall?service=search');
    expect(reply.status).toBe(200);
    const people = reply.body.onCall as { name: string; email?: string; level: number }[];
    expect(people).toHaveLength(25);
    expect(people.map((p) => p.level)).toEqual([...people.map((p) => p.level)].sort((a, b) => a - b));
    for (const p of people) {
      expect(p.name.length).toBeLessThanOrEqual(128);
      expect(p.email, 'an address longer than 254 characters is dropped').toBeUndefined();
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
      expect(p.name).not.toMatch(/[\u0000-\u001f\u007f]/);
    }
    expect(JSON.stringify(reply.body).length).toBeLessThan(16_000);
  });

  it('names who is on call to humans only: a service key gets 403 and no names or emails', async () => {
    const reply = await http('alertmanager', 'GET', '/v1/oncall?service=checkout');
    expect(reply.status).toBe(403);
    expect(JSON.stringify(reply.body)).toContain('humans only');
    expect(JSON.stringify(reply.body)).not.toContain('@example.com');
  });

  it('redacts secrets in arguments and alert text for receivers, and sends PagerDuty a huge incident bounded', async () => {
    const asked = await w.app.call({
      tool: 'fixture_deployment_scale',
      args: {
        namespace: 'shop',
        name: 'checkout',
        replicas: 7,
        reason: 'pool exhausted, DATABASE_URL=postgres://app:Sup3rS3cretPass@db.internal:5432/shop',
      },
      principal: agent,
    });
    expect(asked.approvalId).toBeDefined();
    const alerts = [
      firing('checkout', 'critical', 'LoginFailures', {
        summary: `login failed: password=Hunter2Hunter2x ${'y'.repeat(100_000)}`,
      }),
      ...Array.from({ length: 300 }, (_, i) => firing('checkout', 'warning', `Noise${i}`)),
    ];
    const id = await w.incidentOf(alerts);
    await w.app.oncall.idle();

    const requested = hook
      .delivered()
      .find((d) => d.body.type === 'approval.requested' && d.body.data.approval.id === asked.approvalId)!;
    expect(requested.raw).not.toContain('Sup3rS3cretPass');
    expect(requested.raw).toContain('postgres://app:***@db.internal');
    const opened = hook.delivered().find((d) => d.body.type === 'incident.opened' && d.raw.includes(id))!;
    expect(opened.raw).toContain('LoginFailures');
    expect(opened.raw).not.toContain('Hunter2Hunter2x');

    const paged = pd.events.filter((e) => e.body?.dedup_key === id);
    expect(paged).toHaveLength(1);
    expect(paged[0]!.status).toBe(202);
    expect(paged[0]!.bytes).toBeLessThan(32 * 1024);
    const details = paged[0]!.body.payload.custom_details;
    expect(details.alertsTotal).toBe(301);
    expect(details.alerts).toHaveLength(10);
    expect(JSON.stringify(paged[0]!.body)).not.toContain('Hunter2Hunter2x');
    expect(details.alerts[0].summary.length).toBeLessThanOrEqual(300);
  });
});

describe('a receiver that stalls', () => {
  it('holds up neither the server nor the other receiver, and is cut off after 10 s', async () => {
    slow.behave('hang');
    const since = Date.now();
    const id = await w.incidentOf([firing('orders', 'critical')]);
    await eventually(
      async () => hook.delivered().filter((d) => d.body.type === 'incident.opened' && d.raw.includes(id)),
      (got) => expect(got).toHaveLength(1),
      { timeoutMs: 5_000, intervalMs: 50 },
    );
    const started = Date.now();
    expect((await http('eli', 'GET', `/v1/incidents/${id}`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);

    // The next attempt is answered 200 with an endless body: the delivery counts, the body is not read.
    slow.behave('endless');
    // The hung attempt is cut off (the endless answer to the retry may follow at once, on a loaded machine).
    await eventually(
      async () => slow.abandoned,
      (n) => expect(n).toBeGreaterThanOrEqual(1),
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    expect(Date.now() - since).toBeGreaterThanOrEqual(9_500);
    await w.app.oncall.idle();
    await eventually(
      async () => slow.abandoned,
      (n) => expect(n).toBe(2),
      { timeoutMs: 5_000, intervalMs: 50 },
    );
    expect(slow.received.filter((d) => d.raw.includes(id)).map((d) => [d.body.type, d.status])).toEqual([
      ['incident.opened', 0],
      ['incident.opened', 200],
    ]);
    slow.behave('ok');
  }, 40_000);
});

describe('secrets stay in', () => {
  it('shows the routing keys, API token and webhook secrets in no log line, answer, webhook body or audit record', async () => {
    // What is searched is not empty: the tests above paged, looked up, delivered and failed.
    expect(logLines().map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'PagerDuty told',
        'PagerDuty on-call lookup failed',
        'PagerDuty on-call read',
        'on-call delivery failed; retrying',
      ]),
    );
    expect(answers.map((a) => a.status)).toEqual(expect.arrayContaining([200, 403, 502]));
    expect(hook.received.length).toBeGreaterThan(3);
    expect(pd.events.some((e) => e.body?.routing_key === CHECKOUT_KEY)).toBe(true);

    const audit = JSON.stringify(w.app.audit.query({}));
    const webhooks = JSON.stringify([...hook.received, ...slow.received].map((d) => [d.headers, d.raw]));
    const toPagerDuty = JSON.stringify(pd.events.map((e) => e.body));
    for (const [name, secret] of Object.entries(SECRETS)) {
      expect(w.logs.join('\n'), name).not.toContain(secret);
      expect(JSON.stringify(answers), name).not.toContain(secret);
      expect(webhooks, name).not.toContain(secret);
      expect(audit, name).not.toContain(secret);
    }
    for (const secret of [API_TOKEN, HOOK_SECRET, SLOW_SECRET]) expect(toPagerDuty).not.toContain(secret);
  });
});
