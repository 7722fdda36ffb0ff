// The Alertmanager backend contract: what every tool relies on from `AlertmanagerBackend`,
// run against each implementation: the fetch client talking to a real Alertmanager (the
// Debian package, fed the alerts by POST) and to the sandbox simulator (the same alerts
// from a scenario). Both start from the same alerts, and the assertions are the same.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertmanagerBackend } from '../../src/backends/alertmanager/client.ts';
import { parseMatcher } from '../../src/backends/alertmanager/matchers.ts';
import type { Alert, AlertmanagerBackend } from '../../src/backends/alertmanager/types.ts';
import { startAlertmanagerSimulator } from '../../src/sandbox/alertmanager/simulator.ts';
import { parseScenario } from '../../src/sandbox/scenario/load.ts';
import { startAlertmanager } from '../helpers/alertmanager.ts';
import { eventually as retryUntil } from '../helpers/eventually.ts';

interface Implementation {
  name: string;
  receiver: string;
  start(): Promise<{ url: string; backend: AlertmanagerBackend; close(): Promise<void> }>;
}

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE).toISOString();

interface InitialAlert {
  labels: { alertname: string } & Record<string, string>;
  annotations: Record<string, string>;
  minutesAgo: number;
  /** Set: already resolved. */
  resolvedMinutesAgo?: number;
}

const ALERTS: InitialAlert[] = [
  {
    labels: { alertname: 'HighErrorRate', service: 'checkout', namespace: 'shop', severity: 'critical' },
    annotations: { summary: 'checkout 5xx above 5%' },
    minutesAgo: 15,
  },
  {
    labels: { alertname: 'HighLatency', service: 'cart', namespace: 'staging', severity: 'ticket' },
    annotations: { summary: 'p99 above 2s' },
    minutesAgo: 10,
  },
  {
    labels: { alertname: 'DiskFull', service: 'db', namespace: 'shop', severity: 'page' },
    annotations: {},
    minutesAgo: 30,
    resolvedMinutesAgo: 5,
  },
];
/** What a real Alertmanager calls HighErrorRate's label set. */
const HIGH_ERROR_RATE_FINGERPRINT = '29dfb52689eade8a';

function scenarioYaml(): string {
  const entries = ALERTS.map(({ labels: { alertname, ...labels }, ...a }) =>
    JSON.stringify({
      name: alertname,
      labels,
      annotations: a.annotations,
      startsAt: `-${a.minutesAgo}m`,
      ...(a.resolvedMinutesAgo ? { endsAt: `-${a.resolvedMinutesAgo}m` } : {}),
    }),
  );
  return [
    'apiVersion: opswarden.dev/v1',
    'kind: Scenario',
    'metadata: { name: alertmanager-contract }',
    'spec:',
    '  now: "2026-04-25T14:30:00Z"',
    '  alerts:',
    ...entries.map((e) => `    - ${e}`),
  ].join('\n');
}

const implementations: Implementation[] = [
  {
    name: 'fetch client against a real Alertmanager',
    receiver: 'blackhole',
    async start() {
      const am = await startAlertmanager();
      await am.postAlerts(
        ALERTS.map((a) => ({
          labels: a.labels,
          annotations: a.annotations,
          startsAt: ago(a.minutesAgo),
          ...(a.resolvedMinutesAgo ? { endsAt: ago(a.resolvedMinutesAgo) } : {}),
        })),
      );
      return {
        url: am.url,
        backend: createAlertmanagerBackend({ url: am.url, timeoutMs: 5000 }),
        close: am.close,
      };
    },
  },
  {
    name: 'fetch client against the sandbox simulator',
    receiver: 'sandbox',
    async start() {
      const scenario = parseScenario(scenarioYaml(), 'alertmanager-contract.yaml', { now: new Date() });
      const sim = await startAlertmanagerSimulator(scenario, { now: () => new Date() });
      return {
        url: sim.url,
        backend: createAlertmanagerBackend({ url: sim.url, timeoutMs: 5000 }),
        close: sim.close,
      };
    },
  },
];

/** Retries until `check` passes: a real Alertmanager processes alerts and silences asynchronously. */
const eventually = <T>(read: () => Promise<T>, check: (value: T) => void) =>
  retryUntil(read, check, { timeoutMs: 10_000, intervalMs: 100 });

const names = (alerts: Alert[]) => alerts.map((a) => a.labels.alertname).sort();

describe.each(implementations)('AlertmanagerBackend: $name', (impl) => {
  let url: string;
  let backend: AlertmanagerBackend;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ url, backend, close } = await impl.start());
  });
  afterAll(() => close?.());

  const alertNamed = async (alertname: string) =>
    (await backend.alerts({ filter: [`alertname="${alertname}"`] }))[0];

  it('lists the firing alerts with labels, annotations, state and fingerprint, not the resolved one', async () => {
    const alerts = await eventually(
      () => backend.alerts(),
      (list) => expect(list.map((a) => a.status.state)).toEqual(['active', 'active']),
    );
    expect(names(alerts)).toEqual(['HighErrorRate', 'HighLatency']);
    const errors = alerts.find((a) => a.labels.alertname === 'HighErrorRate');
    expect(errors).toMatchObject({
      labels: ALERTS[0]!.labels,
      annotations: { summary: 'checkout 5xx above 5%' },
      fingerprint: HIGH_ERROR_RATE_FINGERPRINT,
      receivers: [{ name: impl.receiver }],
      status: { state: 'active', silencedBy: [], inhibitedBy: [] },
    });
    expect(Math.abs(Date.parse(errors!.startsAt) - (Date.now() - 15 * MINUTE))).toBeLessThan(MINUTE);
    expect(Date.parse(errors!.endsAt)).toBeGreaterThan(Date.now());
  });

  it('filters by matchers, exact, negative and regex', async () => {
    expect(names(await backend.alerts({ filter: ['namespace="shop"'] }))).toEqual(['HighErrorRate']);
    expect(names(await backend.alerts({ filter: ['severity!="critical"'] }))).toEqual(['HighLatency']);
    expect(names(await backend.alerts({ filter: ['alertname=~"High.*"', 'service=~"cart|api"'] }))).toEqual([
      'HighLatency',
    ]);
    expect(await backend.alerts({ filter: ['service="nope"'] })).toEqual([]);
    expect(names(await backend.alerts({ receiver: impl.receiver }))).toHaveLength(2);
    expect(await backend.alerts({ receiver: 'nobody' })).toEqual([]);
  });

  it('groups alerts by the route labels', async () => {
    const groups = await backend.alertGroups();
    const byName = groups.map((g) => ({ labels: g.labels, receiver: g.receiver, count: g.alerts.length }));
    expect(byName).toEqual(
      expect.arrayContaining([
        {
          labels: { alertname: 'HighErrorRate', service: 'checkout' },
          receiver: { name: impl.receiver },
          count: 1,
        },
        {
          labels: { alertname: 'HighLatency', service: 'cart' },
          receiver: { name: impl.receiver },
          count: 1,
        },
      ]),
    );
    expect(groups).toHaveLength(2);
    const shop = await backend.alertGroups({ filter: ['namespace="shop"'] });
    expect(shop.map((g) => g.labels.alertname)).toEqual(['HighErrorRate']);
  });

  it('a silence is listed active and suppresses what it matches; expired, the alert is active again', async () => {
    const now = new Date();
    const id = await backend.createSilence({
      matchers: [parseMatcher('alertname="HighErrorRate"'), parseMatcher('namespace=~"sh.p"')],
      startsAt: now,
      endsAt: new Date(now.getTime() + 60 * MINUTE),
      createdBy: 'contract-test',
      comment: 'rollback in progress',
    });
    expect(await backend.getSilence(id)).toMatchObject({
      id,
      status: { state: 'active' },
      createdBy: 'contract-test',
      comment: 'rollback in progress',
      matchers: [
        { name: 'alertname', value: 'HighErrorRate', isRegex: false, isEqual: true },
        { name: 'namespace', value: 'sh.p', isRegex: true, isEqual: true },
      ],
    });
    expect((await backend.silences()).map((s) => s.id)).toContain(id);
    const silenced = await eventually(
      () => alertNamed('HighErrorRate'),
      (a) => expect(a?.status.state).toBe('suppressed'),
    );
    expect(silenced?.status.silencedBy).toEqual([id]);
    expect((await alertNamed('HighLatency'))?.status).toMatchObject({ state: 'active', silencedBy: [] });
    expect(names(await backend.alerts({ silenced: false }))).toEqual(['HighLatency']);
    expect(names(await backend.alerts({ active: false }))).toEqual(['HighErrorRate']);

    await backend.expireSilence(id);
    const expired = await backend.getSilence(id);
    expect(expired.status.state).toBe('expired');
    expect(Date.parse(expired.endsAt)).toBeLessThanOrEqual(Date.now());
    const again = await eventually(
      () => alertNamed('HighErrorRate'),
      (a) => expect(a?.status.state).toBe('active'),
    );
    expect(again?.status.silencedBy).toEqual([]);
  });

  it('an unknown silence id is an error naming it', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(backend.getSilence(unknown)).rejects.toThrow(
      `Alertmanager get silence ${unknown} failed (HTTP 404)`,
    );
    await expect(backend.expireSilence(unknown)).rejects.toThrow(
      `Alertmanager expire silence ${unknown} failed`,
    );
    await expect(backend.getSilence('no-such-silence')).rejects.toThrow(/no-such-silence/);
  });

  it('refuses bad matchers and a silence that ends before it starts', async () => {
    // The client checks matchers before sending (today it throws synchronously, hence the wrapper).
    const badFilter = async () => backend.alerts({ filter: ['alertname~"HighErrorRate"'] });
    await expect(badFilter()).rejects.toThrow('bad matcher "alertname~\\"HighErrorRate\\""');
    const raw = await fetch(`${url}/api/v2/alerts?filter=${encodeURIComponent('alertname~x')}`);
    expect(raw.status).toBe(400);
    expect(await raw.json()).toBe('bad matcher format: alertname~x');
    const now = new Date();
    const silence = {
      matchers: [{ name: 'service', value: '(', isRegex: true, isEqual: true }],
      startsAt: now,
      endsAt: new Date(now.getTime() + MINUTE),
      createdBy: 'contract-test',
      comment: 'broken regex',
    };
    await expect(backend.createSilence(silence)).rejects.toThrow(
      /^Alertmanager create silence failed \(HTTP 400\): silence invalid: invalid label matcher 0: invalid regular expression "\("/,
    );
    await expect(
      backend.createSilence({
        ...silence,
        matchers: [parseMatcher('service="checkout"')],
        endsAt: new Date(now.getTime() - MINUTE),
      }),
    ).rejects.toThrow(
      'Alertmanager create silence failed (HTTP 400): Failed to create silence: start time must be before end time',
    );
  });

  it('reports its status and configuration', async () => {
    const status = await backend.status();
    expect(status.cluster.status).toEqual(expect.any(String));
    expect(status.config.original).toContain(`receiver: ${impl.receiver}`);
    expect(Number.isNaN(Date.parse(status.uptime))).toBe(false);
  });
});
