// PagerDuty end to end: opswarden served over HTTP with `oncall.pagerduty` pointed at a fake
// PagerDuty over HTTPS (its CA as caFile), reached through PagerDuty's own client. Alerts
// posted to /v1/alerts page when their incident is critical, with the service's routing key
// or the default; the alert is acknowledged when the incident is mitigated and resolved with
// it; an incident below minSeverity pages no one until it rises. Refusals are not retried,
// outages and rate limits are. GET /v1/oncall names who is on call, and a ticket whose
// approvers are the on-call role is approved by that person, not by another human.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertInput } from '../../src/incidents/records/model.ts';
import { type FakePagerDuty, startFakePagerDuty } from '../helpers/fake-pagerduty.ts';
import { firing, type OnCallWorld, startOnCallWorld } from '../helpers/oncall-world.ts';
import { agent } from '../helpers/world.ts';

const CHECKOUT_KEY = 'R0CHECKOUT0000000000000000000001';
const DEFAULT_KEY = 'R0DEFAULT00000000000000000000002';
const API_TOKEN = 'pd-api-token-u+4rXw2zZ';
const CONSOLE = 'https://opswarden.example/console';

let pd: FakePagerDuty;
let w: OnCallWorld;

beforeAll(async () => {
  pd = await startFakePagerDuty({ apiToken: API_TOKEN });
  w = await startOnCallWorld({
    oncall: {
      consoleUrl: CONSOLE,
      pagerduty: {
        routingKey: DEFAULT_KEY,
        apiToken: API_TOKEN,
        eventsServer: pd.server,
        apiServer: pd.server,
        caFile: pd.caPath,
        services: {
          checkout: { routingKey: CHECKOUT_KEY, escalationPolicy: 'PCHECK1' },
          legacy: { routingKey: 'not-a-32-character-key' },
        },
      },
    },
  });
  pd.setOnCall([
    { policy: 'PCHECK1', level: 2, user: { id: 'PU2', name: 'Frank Night', email: 'frank@example.com' } },
    { policy: 'PCHECK1', level: 1, user: { id: 'PU1', name: 'Dana Scully', email: 'DANA@Example.com' } },
    { policy: 'POTHER1', level: 1, user: { id: 'PU3', name: 'Eli Other', email: 'eli@example.com' } },
  ]);
});

afterAll(async () => {
  await w?.close();
  await pd?.close();
});

/** Posts the alerts, waits until PagerDuty was told, and returns the one incident's id. */
async function incidentFrom(...alerts: AlertInput[]): Promise<string> {
  const id = await w.incidentOf(alerts);
  await w.app.oncall.idle();
  return id;
}

const eventsFor = (id: string) => pd.events.filter((e) => e.body?.dedup_key === id);

describe('paging', () => {
  it('triggers a critical incident with its service key, acknowledges it when mitigated, resolves it with it', async () => {
    const id = await incidentFrom(firing('checkout', 'critical'));
    const incident = w.app.incidents.get(id)!;
    const alert = pd.alert(id)!;
    expect(alert).toMatchObject({ status: 'triggered', routingKey: CHECKOUT_KEY, actions: ['trigger'] });
    expect(alert.payload).toMatchObject({
      summary: incident.title,
      source: 'checkout',
      severity: 'critical',
      component: 'checkout',
      group: 'shop',
      class: 'HighErrorRate',
      timestamp: incident.detectedAt,
      custom_details: {
        incident: id,
        status: 'open',
        severity: 'critical',
        alerts: [expect.objectContaining({ alertname: 'HighErrorRate', summary: 'checkout 5xx above 5%' })],
      },
    });
    expect(alert.links).toEqual([
      { href: `${CONSOLE}#/incidents/${id}`, text: `${id} in the opswarden console` },
    ]);

    // The same alert posted again updates the incident; PagerDuty already has it.
    await incidentFrom(firing('checkout', 'critical'));
    expect(pd.alert(id)!.actions).toEqual(['trigger']);

    w.app.incidents.setStatus(id, 'mitigated', 'dana', 'rolled back the deploy');
    await w.app.oncall.idle();
    expect(pd.alert(id)).toMatchObject({ status: 'acknowledged', actions: ['trigger', 'acknowledge'] });

    w.app.incidents.setStatus(id, 'resolved', 'dana', 'error rate back to normal');
    await w.app.oncall.idle();
    expect(pd.alert(id)).toMatchObject({
      status: 'resolved',
      actions: ['trigger', 'acknowledge', 'resolve'],
    });
    expect(eventsFor(id).map((e) => [e.body.event_action, e.status])).toEqual([
      ['trigger', 202],
      ['acknowledge', 202],
      ['resolve', 202],
    ]);
  });

  it('pages no one for an incident below minSeverity, until it rises to it', async () => {
    const id = await incidentFrom(firing('inventory', 'warning'));
    expect(w.app.incidents.get(id)!.severity).toBe('major');
    expect(eventsFor(id)).toEqual([]);

    const again = await incidentFrom(firing('inventory', 'critical', 'InventoryDown'));
    expect(again).toBe(id);
    expect(w.app.incidents.get(id)!.severity).toBe('critical');
    expect(pd.alert(id)).toMatchObject({
      status: 'triggered',
      routingKey: DEFAULT_KEY,
      actions: ['trigger'],
    });
    expect(pd.alert(id)!.payload).toMatchObject({ severity: 'critical', source: 'inventory' });

    const minor = await incidentFrom(firing('search', 'info'));
    w.app.incidents.setStatus(minor, 'resolved', 'dana', 'noise');
    await w.app.oncall.idle();
    expect(eventsFor(minor)).toEqual([]);
  });

  it('routes a service without its own routing key to the default one', async () => {
    const id = await incidentFrom(firing('payments', 'critical'));
    expect(pd.alert(id)).toMatchObject({ status: 'triggered', routingKey: DEFAULT_KEY });
    expect(pd.alerts.filter((a) => a.dedupKey === id)).toHaveLength(1);
  });

  it('gives up on an event PagerDuty refuses (400) at once, and retries outages and rate limits', async () => {
    const refused = await incidentFrom(firing('legacy', 'critical'));
    expect(eventsFor(refused)).toHaveLength(1);
    expect(eventsFor(refused)[0]).toMatchObject({ status: 400 });
    expect(pd.alert(refused)).toBeUndefined();
    const givenUp = w.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'on-call delivery given up');
    expect(givenUp).toMatchObject({ sink: 'pagerduty', attempt: 1, err: { type: 'PermanentDeliveryError' } });
    expect(givenUp.err.message).toContain(
      `PagerDuty Events API refused the trigger of ${refused} (HTTP 400)`,
    );
    expect(givenUp.err.message).toContain("Length of 'routing_key' is incorrect");

    pd.failNext('/v2/enqueue', 2, 503);
    const outage = await incidentFrom(firing('orders', 'critical'));
    expect(eventsFor(outage).map((e) => e.status)).toEqual([503, 503, 202]);
    expect(pd.alert(outage)).toMatchObject({ status: 'triggered' });

    pd.failNext('/v2/enqueue', 2, 429);
    const limited = await incidentFrom(firing('billing', 'critical'));
    expect(eventsFor(limited).map((e) => e.status)).toEqual([429, 429, 202]);
    expect(pd.alert(limited)).toMatchObject({ status: 'triggered' });
  });
});

describe('who is on call', () => {
  it('GET /v1/oncall names the people of the service escalation policy, first responders first', async () => {
    const before = pd.oncallRequests.length;
    const reply = await w.http('eli', 'GET', '/v1/oncall?service=checkout');
    expect(reply).toEqual({
      status: 200,
      body: {
        service: 'checkout',
        onCall: [
          { name: 'Dana Scully', email: 'DANA@Example.com', level: 1, principal: 'dana' },
          { name: 'Frank Night', email: 'frank@example.com', level: 2 },
        ],
      },
    });
    const asked = pd.oncallRequests.slice(before);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      status: 200,
      authorization: `Token token=${API_TOKEN}`,
      accept: 'application/vnd.pagerduty+json;version=2',
    });
    expect(asked[0]!.query.getAll('escalation_policy_ids[]')).toEqual(['PCHECK1']);
    expect(asked[0]!.query.getAll('include[]')).toEqual(['users']);
    expect(asked[0]!.query.get('earliest')).toBe('true');

    // Kept for a minute: the next question is answered without asking PagerDuty.
    expect((await w.http('dana', 'GET', '/v1/oncall?service=checkout')).body).toEqual(reply.body);
    expect(pd.oncallRequests.length).toBe(before + 1);
  });

  it('answers 404 for a service without an escalation policy', async () => {
    const reply = await w.http('dana', 'GET', '/v1/oncall?service=payments');
    expect(reply.status).toBe(404);
    expect(reply.body.message).toContain('oncall.pagerduty');
  });
});

describe('the on-call as the approver set', () => {
  it('lets the person on call for the service approve, and no other human', async () => {
    const id = await w.requestServiceScale('checkout');
    expect(w.app.approvals.get(id)).toMatchObject({
      approvers: ['pagerduty-oncall'],
      target: { service: 'checkout' },
    });

    const eli = await w.http('eli', 'POST', `/v1/approvals/${id}/approve`, { comment: 'lgtm' });
    expect(eli.status).toBe(403);
    expect(eli.body.error_description).toContain('eli has roles [sre]');
    expect(eli.body.error_description).toContain('needs one of [pagerduty-oncall]');
    expect(w.app.approvals.get(id)!.status).toBe('pending');

    const dana = await w.http('dana', 'POST', `/v1/approvals/${id}/approve`, { comment: 'on call, go' });
    expect(dana.status).toBe(200);
    expect(dana.body).toMatchObject({ status: 'approved', decidedBy: 'dana' });

    const done = await w.app.call({
      tool: 'fixture_service_scale',
      args: {
        namespace: 'shop',
        name: 'checkout',
        replicas: 6,
        reason: 'more checkout capacity',
        approvalId: id,
      },
      principal: agent,
    });
    expect(done.outcome, done.text).toBe('ok');
    expect(w.fleet.get('shop', 'checkout').replicas).toBe(6);
  });
});
