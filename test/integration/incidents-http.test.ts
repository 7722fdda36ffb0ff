// The alert-ingestion and incident API over real HTTP with bearer API keys: only an
// alert-writer may post (401 without a token, 403 with the wrong role), a bad payload is
// refused naming its field, an oversized one with 413, a re-posted alert updates the
// incident it is in, and any authenticated caller reads incidents back with their timeline.

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import { DEFAULT_LIMITS } from '../../src/config/limits.ts';
import type { Incident, TimelineEntry } from '../../src/incidents/records/model.ts';
import { type HttpServer, startHttpServer } from '../../src/server/http.ts';
import { makeWorld, type World } from '../helpers/world.ts';

const WRITER_KEY = 'alertmanager-key-0123456789abcdef';
const AGENT_KEY = 'agent-key-0123456789abcdef';

let world: World;
let app: App;
let server: HttpServer;

beforeAll(async () => {
  world = makeWorld({
    extra: {
      auth: {
        apiKeys: [
          { id: 'alertmanager', type: 'service', roles: ['alert-writer'], key: WRITER_KEY },
          { id: 'claude-agent', type: 'agent', roles: ['responder'], key: AGENT_KEY },
        ],
      },
      services: [
        { name: 'checkout', namespace: 'shop', dependsOn: ['payments'] },
        { name: 'payments', namespace: 'shop' },
      ],
    },
  });
  app = createApp({ config: world.config, logger: pino({ level: 'silent' }) });
  server = await startHttpServer(app, { host: '127.0.0.1', port: 0, stateless: false });
});

afterAll(async () => {
  await server?.close();
  await app?.close();
  world?.cleanup();
});

const post = (path: string, body: unknown, token: string | null = WRITER_KEY) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const get = (path: string, token = AGENT_KEY) =>
  fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function webhook(alerts: Record<string, unknown>[]) {
  return {
    version: '4',
    groupKey: '{}:{alertname="HighErrorRate"}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'opswarden',
    groupLabels: { alertname: 'HighErrorRate' },
    commonLabels: { alertname: 'HighErrorRate' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example:9093',
    alerts,
  };
}

const checkoutAlert = {
  status: 'firing',
  labels: { alertname: 'HighErrorRate', service: 'checkout', namespace: 'shop', severity: 'critical' },
  annotations: { summary: 'checkout 5xx above 5%' },
  startsAt: minutesAgo(5),
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus.example/graph',
  fingerprint: '4e1f2a3b4c5d6e7f',
};

describe('POST /v1/alerts/alertmanager and /v1/alerts', () => {
  it('refuses a caller without a token (401) or without the alert-writer role (403)', async () => {
    const anonymous = await post('/v1/alerts/alertmanager', webhook([checkoutAlert]), null);
    expect(anonymous.status).toBe(401);
    const agent = await post('/v1/alerts', { alerts: [] }, AGENT_KEY);
    expect(agent.status).toBe(403);
    expect(agent.headers.get('www-authenticate')).toContain('insufficient_scope');
    expect(((await agent.json()) as { error_description: string }).error_description).toBe(
      'claude-agent has roles [responder]; posting alerts needs the alert-writer role',
    );
    expect(app.incidents.list()).toEqual([]);
  });

  it('refuses a bad payload with 400 naming the field, and an oversized one with 413', async () => {
    const cases: [string, unknown, string][] = [
      ['/v1/alerts/alertmanager', { ...webhook([checkoutAlert]), version: '3' }, 'version: expected "4"'],
      [
        '/v1/alerts/alertmanager',
        webhook([checkoutAlert, { ...checkoutAlert, startsAt: 'yesterday' }]),
        'alerts[1].startsAt: expected an RFC 3339 time',
      ],
      ['/v1/alerts', { alerts: [{ ...checkoutAlert, status: 'burning' }] }, 'alerts[0].status'],
      [
        '/v1/alerts',
        { labels: { service: 'checkout' }, startsAt: minutesAgo(1) },
        'labels: needs an alertname label',
      ],
      ['/v1/alerts', { alerts: [checkoutAlert], extra: 1 }, 'extra: unknown field'],
      ['/v1/alerts', '{"alerts": [', ''],
    ];
    for (const [path, body, message] of cases) {
      const res = await post(path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(message);
    }
    const huge = await post('/v1/alerts', {
      alerts: [],
      padding: 'x'.repeat(DEFAULT_LIMITS.maxAlertsBodyBytes),
    });
    expect(huge.status).toBe(413);
    expect(app.incidents.list()).toEqual([]);
  });

  it('creates an incident from a webhook and updates it when the alert is posted again', async () => {
    const first = await post('/v1/alerts/alertmanager', webhook([checkoutAlert]));
    expect(first.status).toBe(200);
    const created = (await first.json()) as {
      accepted: number;
      incidents: { id: string; created: boolean }[];
    };
    expect(created).toEqual({
      accepted: 1,
      incidents: [{ id: expect.stringMatching(/^INC-\d{4}-\d\d-\d\d-001$/), created: true }],
    });
    const id = created.incidents[0]!.id;

    const again = await post('/v1/alerts/alertmanager', webhook([checkoutAlert]));
    expect(await again.json()).toEqual({ accepted: 1, incidents: [{ id, created: false }] });

    const generic = await post('/v1/alerts', {
      labels: { alertname: 'PaymentsDown', service: 'payments', namespace: 'shop', severity: 'critical' },
      startsAt: minutesAgo(6),
    });
    expect(await generic.json()).toEqual({ accepted: 1, incidents: [{ id, created: false }] });

    const resolvedAt = minutesAgo(1);
    await post(
      '/v1/alerts/alertmanager',
      webhook([{ ...checkoutAlert, status: 'resolved', endsAt: resolvedAt }]),
    );
    const incident = app.incidents.get(id)!;
    expect(incident.service).toBe('payments');
    expect(incident.alerts).toHaveLength(2);
    expect(incident.alerts.find((a) => a.fingerprint === checkoutAlert.fingerprint)).toMatchObject({
      status: 'resolved',
      endsAt: new Date(resolvedAt).toISOString(),
      explainedBy: incident.alerts.find((a) => a.service === 'payments')!.fingerprint,
    });
    expect(
      app.audit.query({ type: 'incidents.ingested' }).map((r) => [r.principal, r.data.accepted]),
    ).toEqual([
      ['alertmanager', 1],
      ['alertmanager', 1],
      ['alertmanager', 1],
      ['alertmanager', 1],
    ]);
  });
});

describe('GET /v1/incidents', () => {
  it('lists incidents for any authenticated caller, filtered, and shows one with its timeline', async () => {
    const list = await get('/v1/incidents?status=open&service=checkout&since=1h');
    expect(list.status).toBe(200);
    const { incidents } = (await list.json()) as { incidents: Incident[] };
    expect(incidents.map((i) => i.services)).toEqual([['payments', 'checkout']]);
    expect((await get('/v1/incidents?service=search')).status).toBe(200);
    const bad = await get('/v1/incidents?status=closed');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe(
      'status: expected one of open, mitigated, resolved, got "closed"',
    );

    const one = await get(`/v1/incidents/${incidents[0]!.id}`);
    const body = (await one.json()) as Incident & { timeline: TimelineEntry[] };
    expect(body.id).toBe(incidents[0]!.id);
    expect(body.timeline.map((e) => e.kind)).toEqual(['alert', 'alert', 'alert.resolved']);
    expect((await get('/v1/incidents/INC-1999-01-01-001')).status).toBe(404);
    expect((await post(`/v1/incidents/${incidents[0]!.id}`, {})).status).toBe(405);
  });
});
