// A real Alertmanager (Debian's prometheus-alertmanager) with opswarden's
// /v1/alerts/alertmanager as its webhook receiver, authenticated with an alert-writer API
// key: a storm of 30 related alerts on checkout, payments and orders-db (checkout calls
// the other two), notified group by group as Alertmanager groups them, becomes one open
// incident whose checkout alerts are explained by a dependency's; an unrelated alert on
// search becomes its own. When the storm resolves, Alertmanager's resolved notifications
// update the same alerts, and the sweep then resolves the incidents.

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import type { Incident } from '../../src/incidents/records/model.ts';
import { type HttpServer, startHttpServer } from '../../src/server/http.ts';
import { type PostedAlert, type RunningAlertmanager, startAlertmanager } from '../helpers/alertmanager.ts';
import { eventually } from '../helpers/eventually.ts';
import { makeWorld, type World } from '../helpers/world.ts';

const KEY = 'alertmanager-webhook-key-0123456789';

let world: World;
let app: App;
let server: HttpServer;
let alertmanager: RunningAlertmanager;

function alertmanagerConfig(webhookUrl: string): string {
  return `route:
  receiver: opswarden
  group_by: [alertname, service]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: opswarden
    webhook_configs:
      - url: ${webhookUrl}
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: ${KEY}
`;
}

beforeAll(async () => {
  world = makeWorld({
    extra: {
      auth: { apiKeys: [{ id: 'alertmanager', type: 'service', roles: ['alert-writer'], key: KEY }] },
      services: [
        { name: 'checkout', namespace: 'shop', dependsOn: ['payments', 'orders-db'] },
        { name: 'payments', namespace: 'shop' },
        { name: 'orders-db', namespace: 'shop', kind: 'external' },
        { name: 'search', namespace: 'search' },
      ],
    },
  });
  app = createApp({ config: world.config, logger: pino({ level: 'silent' }) });
  server = await startHttpServer(app, { host: '127.0.0.1', port: 0, stateless: false });
  alertmanager = await startAlertmanager({
    config: alertmanagerConfig(`${server.url}/v1/alerts/alertmanager`),
  });
});

afterAll(async () => {
  await alertmanager?.close();
  await server?.close();
  await app?.close();
  world?.cleanup();
});

const startedAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

/** 10 alerts per service: two rules on five pods (or database instances) each. */
function storm(): PostedAlert[] {
  const rules: Record<string, [string, string]> = {
    'orders-db': ['PostgresTooManyConnections', 'PostgresSlowQueries'],
    payments: ['PaymentsUpstreamErrors', 'PaymentsHighLatency'],
    checkout: ['HighErrorRate', 'HighLatency'],
  };
  return Object.entries(rules).flatMap(([service, names], s) =>
    names.flatMap((alertname) =>
      Array.from({ length: 5 }, (_, i) => ({
        labels: { alertname, service, namespace: 'shop', severity: 'critical', pod: `${service}-${i}` },
        annotations: { summary: `${alertname} on ${service}-${i}` },
        startsAt: startedAgo(120 - s * 20 - i),
      })),
    ),
  );
}

const unrelated: PostedAlert = {
  labels: { alertname: 'SlowQueries', service: 'search', namespace: 'search', severity: 'warning' },
  startsAt: startedAgo(60),
};

const alertCount = (incidents: Incident[]) => incidents.reduce((n, i) => n + i.alerts.length, 0);

describe('a real Alertmanager notifying opswarden', () => {
  it('turns a storm of related alerts into one incident and an unrelated alert into another', async () => {
    await alertmanager.postAlerts([...storm(), unrelated]);
    const open = await eventually(
      async () => app.incidents.list({ status: 'open' }),
      (incidents) => expect(alertCount(incidents)).toBe(31),
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(open).toHaveLength(2);
    const search = open.find((i) => i.service === 'search')!;
    expect(search.alerts.map((a) => a.alertname)).toEqual(['SlowQueries']);

    const shop = open.find((i) => i !== search)!;
    expect(shop.alerts).toHaveLength(30);
    expect([...shop.services].sort()).toEqual(['checkout', 'orders-db', 'payments']);
    expect(['orders-db', 'payments']).toContain(shop.service);
    expect(shop.severity).toBe('critical');
    const lead = shop.alerts.filter((a) => a.service === shop.service);
    const leadFingerprints = new Set(lead.map((a) => a.fingerprint));
    for (const a of lead) expect(a.explainedBy).toBeUndefined();
    const checkout = shop.alerts.filter((a) => a.service === 'checkout');
    expect(checkout).toHaveLength(10);
    for (const a of checkout) expect(leadFingerprints.has(a.explainedBy!)).toBe(true);
    expect(shop.context.downstreamImpact).toEqual(['checkout']);
    expect(app.audit.query({ type: 'incidents.ingested' }).every((r) => r.principal === 'alertmanager')).toBe(
      true,
    );
  });

  it('follows the resolved notifications onto the same alerts, then auto-resolves', async () => {
    const now = new Date().toISOString();
    await alertmanager.postAlerts([...storm(), unrelated].map((a) => ({ ...a, endsAt: now })));
    const incidents = await eventually(
      async () => app.incidents.list({ status: 'open' }),
      (open) => {
        expect(alertCount(open)).toBe(31);
        for (const a of open.flatMap((i) => i.alerts)) expect(a.status).toBe('resolved');
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    const resolvedIds = app.incidents.sweep(new Date(Date.now() + 11 * 60_000));
    expect(resolvedIds.sort()).toEqual(incidents.map((i) => i.id).sort());
    expect(app.incidents.list({ status: 'open' })).toEqual([]);
  });
});
