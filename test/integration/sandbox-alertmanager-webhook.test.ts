// The sandbox Alertmanager notifies a webhook as a real Alertmanager notifies a receiver:
// checkout-bad-deploy's firing HighErrorRate arrives at a local HTTP receiver in the
// webhook format (version 4), one message per alert group, and once a fix lets the error
// ratio recover its resolution follows (send_resolved); an unreachable receiver fails the
// start with its URL named.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertmanagerSimulator } from '../../src/sandbox/alertmanager/simulator.ts';
import type { WebhookMessage } from '../../src/sandbox/alertmanager/webhook.ts';
import { incidentTimeline } from '../../src/sandbox/reactions/timeline.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { eventually } from '../helpers/eventually.ts';

const scenario = loadScenario('scenarios/checkout-bad-deploy.yaml');
const clock = { now: () => scenario.spec.now };

interface Received {
  method: string;
  contentType: string;
  body: unknown;
}

let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({
      method: req.method ?? '',
      contentType: req.headers['content-type'] ?? '',
      body: JSON.parse(Buffer.concat(chunks).toString()),
    });
    res.end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/alertmanager`;
});

afterAll(
  () =>
    new Promise<void>((resolve) => {
      receiver.closeAllConnections();
      receiver.close(() => resolve());
    }),
);

describe('the sandbox Alertmanager webhook', () => {
  it("posts the scenario's firing alert once at start, in Alertmanager's webhook format", async () => {
    const sim = await startAlertmanagerSimulator(scenario, clock, { webhookUrl: receiverUrl });
    try {
      expect(received).toHaveLength(1);
      const [post] = received;
      expect(post?.method).toBe('POST');
      expect(post?.contentType).toBe('application/json');
      const labels = {
        alertname: 'HighErrorRate',
        service: 'checkout',
        namespace: 'shop',
        severity: 'critical',
      };
      const annotations = {
        summary: 'checkout 5xx above 5%',
        runbook_url: 'https://runbooks.example/checkout/high-error-rate',
      };
      expect(post?.body).toEqual({
        version: '4',
        groupKey: '{}:{alertname="HighErrorRate", service="checkout"}',
        truncatedAlerts: 0,
        status: 'firing',
        receiver: 'sandbox',
        groupLabels: { alertname: 'HighErrorRate', service: 'checkout' },
        commonLabels: labels,
        commonAnnotations: annotations,
        externalURL: sim.url,
        alerts: [
          {
            status: 'firing',
            labels,
            annotations,
            // When its rule first fired: 15 s after the scenario's startsAt, on the 15 s grid.
            startsAt: '2026-04-25T14:15:15.000Z',
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: '',
            fingerprint: '29dfb52689eade8a',
          },
        ],
      });
      expect(sim.posted).toEqual([post?.body]);

      const listed = (await (await fetch(`${sim.url}/api/v2/alerts`)).json()) as { fingerprint: string }[];
      expect(listed.map((a) => a.fingerprint)).toEqual(['29dfb52689eade8a']);
    } finally {
      await sim.close();
    }
  });

  it('posts the resolution once the metric has recovered from a fix, as send_resolved does', async () => {
    let now = scenario.spec.now.getTime();
    const moving = { now: () => new Date(now) };
    const timeline = incidentTimeline(scenario.resolution);
    const before = received.length;
    const sim = await startAlertmanagerSimulator(scenario, moving, { webhookUrl: receiverUrl, timeline });
    try {
      expect(received.slice(before).map((r) => (r.body as WebhookMessage).status)).toEqual(['firing']);
      // A fix at now; ten minutes on, the 5-minute error ratio is back under 5% and the rule stopped.
      const fixedAt = now;
      timeline.suppress(now, Number.POSITIVE_INFINITY);
      now += 10 * 60_000;
      const resolved = await eventually(
        async () => received.slice(before + 1).map((r) => r.body as WebhookMessage),
        (messages) => expect(messages).toHaveLength(1),
        { timeoutMs: 5_000, intervalMs: 100 },
      );
      expect(resolved[0]).toMatchObject({
        status: 'resolved',
        groupKey: '{}:{alertname="HighErrorRate", service="checkout"}',
        alerts: [{ status: 'resolved', fingerprint: '29dfb52689eade8a' }],
      });
      // It ended when its rule stopped firing: after the metric recovered, before now.
      const endsAt = Date.parse(resolved[0]!.alerts[0]!.endsAt);
      expect(endsAt).toBeGreaterThan(fixedAt + 2 * 60_000);
      expect(endsAt).toBeLessThan(now);
      expect(sim.posted.map((m) => m.status)).toEqual(['firing', 'resolved']);
      const listed = (await (await fetch(`${sim.url}/api/v2/alerts`)).json()) as unknown[];
      expect(listed).toEqual([]);
      // Nothing more changes, so nothing more is posted.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(received.length).toBe(before + 2);
    } finally {
      await sim.close();
    }
  });

  it('posts nothing without a webhook URL', async () => {
    const before = received.length;
    const sim = await startAlertmanagerSimulator(scenario, clock);
    await sim.close();
    expect(sim.posted).toEqual([]);
    expect(received).toHaveLength(before);
  });

  it('fails to start when the receiver is unreachable, naming its URL', async () => {
    await expect(
      startAlertmanagerSimulator(scenario, clock, { webhookUrl: 'http://127.0.0.1:1/hook' }),
    ).rejects.toThrow('webhook post to http://127.0.0.1:1/hook failed');
  });
});
