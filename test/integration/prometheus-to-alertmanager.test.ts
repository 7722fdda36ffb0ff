// Alertmanager fed by Prometheus rules: a real Prometheus evaluates an alert rule over a
// backfilled scenario (mapped to the wall clock so rules see it) and sends the firing
// alert to a real Alertmanager, where am_alerts_list finds it through the gate.

import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { type RunningAlertmanager, startAlertmanager } from '../helpers/alertmanager.ts';
import { type Harness, startHarness } from '../helpers/in-process.ts';
import { startPrometheus } from '../helpers/prometheus.ts';
import { DEFAULT_POLICY, makeWorld, REPO } from '../helpers/world.ts';

const RULES = `groups:
  - name: checkout
    rules:
      - alert: CheckoutErrorRateHigh
        expr: sum(rate(http_requests_total{service="checkout",code="500"}[5m])) / sum(rate(http_requests_total{service="checkout"}[5m])) > 0.05
        labels: { severity: critical, service: checkout, namespace: shop }
        annotations: { summary: "checkout 5xx above 5%" }
`;

let am: RunningAlertmanager;
let prom: { url: string; close(): Promise<void> };
let h: Harness;

beforeAll(async () => {
  am = await startAlertmanager();
  prom = await startPrometheus({
    scenario: loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'), { now: new Date() }),
    rules: RULES,
    alertmanagerUrl: am.url,
  });
  h = await startHarness({
    world: makeWorld({ policy: DEFAULT_POLICY, extra: { alertmanager: { url: am.url } } }),
  });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await prom?.close();
  await am?.close();
});

it('a rule firing in Prometheus reaches Alertmanager and am_alerts_list', async () => {
  let alerts: { labels: Record<string, string> }[] = [];
  for (let attempt = 0; attempt < 120 && !alerts.length; attempt++) {
    await sleep(500);
    alerts = (await (
      await fetch(`${am.url}/api/v2/alerts?filter=alertname%3D%22CheckoutErrorRateHigh%22`)
    ).json()) as typeof alerts;
  }
  expect(alerts[0]?.labels).toMatchObject({
    alertname: 'CheckoutErrorRateHigh',
    service: 'checkout',
    severity: 'critical',
  });

  const res = await h.call('am_alerts_list', { filter: ['alertname="CheckoutErrorRateHigh"'] });
  expect(res.isError, res.content[0]?.text).toBeFalsy();
  expect(res.content[0]!.text).toContain('CheckoutErrorRateHigh');
  expect(res.content[0]!.text).toContain('checkout 5xx above 5%');
}, 90_000);
