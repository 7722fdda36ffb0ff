// The Alertmanager tools against a real Alertmanager (Debian's package), through the whole
// gate: a real MCP client, the default policy, approvals by a human. Whatever the tools
// claim is checked against Alertmanager's own API: silences active, then expired, and the
// alerts they catch marked silenced.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertmanagerBackend } from '../../src/backends/alertmanager/client.ts';
import { type RunningAlertmanager, startAlertmanager } from '../helpers/alertmanager.ts';
import { type Harness, startHarness } from '../helpers/in-process.ts';
import { approvedCall } from '../helpers/kube-world.ts';
import { DEFAULT_POLICY, makeWorld } from '../helpers/world.ts';

interface AmSilence {
  id: string;
  status: { state: string };
  createdBy: string;
  comment: string;
}
interface AmAlert {
  labels: Record<string, string>;
  status: { state: string; silencedBy: string[] };
}

let am: RunningAlertmanager;
let h: Harness;

const amGet = async <T>(path: string): Promise<T> =>
  (await (await fetch(`${am.url}/api/v2${path}`)).json()) as T;
const silenceInAm = async (id: string) => (await amGet<AmSilence[]>('/silences')).find((s) => s.id === id);
const alertInAm = async (alertname: string) =>
  (await amGet<AmAlert[]>(`/alerts?filter=${encodeURIComponent(`alertname="${alertname}"`)}`))[0]!;

beforeAll(async () => {
  am = await startAlertmanager();
  const summary = (s: string) => ({ summary: s });
  await am.postAlerts([
    {
      labels: {
        alertname: 'HighErrorRate',
        service: 'checkout',
        namespace: 'shop',
        severity: 'page',
        pod: 'checkout-1',
      },
      annotations: summary('5xx above 5% on checkout-1'),
    },
    {
      labels: {
        alertname: 'HighErrorRate',
        service: 'checkout',
        namespace: 'shop',
        severity: 'page',
        pod: 'checkout-2',
      },
      annotations: summary('5xx above 5% on checkout-2'),
    },
    {
      labels: { alertname: 'HighLatency', service: 'cart', namespace: 'staging', severity: 'ticket' },
      annotations: summary('p99 above 2s'),
    },
    { labels: { alertname: 'DiskFull', service: 'db', namespace: 'shop', severity: 'page' } },
    { labels: { alertname: 'CertExpiring', service: 'api', namespace: 'shop', severity: 'ticket' } },
    { labels: { alertname: 'QueueBacklog', service: 'worker', namespace: 'staging', severity: 'page' } },
  ]);
  const world = makeWorld({ policy: DEFAULT_POLICY, extra: { alertmanager: { url: am.url } } });
  h = await startHarness({ world });
});

afterAll(async () => {
  await h?.close();
  await am?.close();
});

describe('am_alerts_list', () => {
  it('lists posted alerts grouped, with shared labels once and the differing ones per alert', async () => {
    const res = await h.call('am_alerts_list', {});
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    const out = res.structuredContent as {
      total: number;
      groups: {
        labels: Record<string, string>;
        counts: { firing: number };
        alerts: Record<string, unknown>[];
      }[];
    };
    expect(out.total).toBe(6);
    const errors = out.groups.find((g) => g.labels.alertname === 'HighErrorRate')!;
    expect(errors.labels).toEqual({
      alertname: 'HighErrorRate',
      service: 'checkout',
      namespace: 'shop',
      severity: 'page',
    });
    expect(errors.counts.firing).toBe(2);
    expect(errors.alerts.map((a) => a.labels)).toEqual(
      expect.arrayContaining([{ pod: 'checkout-1' }, { pod: 'checkout-2' }]),
    );
    expect(errors.alerts[0]).toMatchObject({
      state: 'firing',
      summary: expect.stringMatching(/^5xx above 5%/),
    });
    expect(out.groups.map((g) => g.labels.alertname).sort()).toEqual([
      'CertExpiring',
      'DiskFull',
      'HighErrorRate',
      'HighLatency',
      'QueueBacklog',
    ]);
  });

  it('filters by matchers and says so when nothing matches', async () => {
    const some = await h.call('am_alerts_list', { filter: ['severity="ticket"', 'namespace="staging"'] });
    expect((some.structuredContent as { total: number }).total).toBe(1);
    const none = await h.call('am_alerts_list', { filter: ['service="nope"'] });
    expect(none.structuredContent).toMatchObject({
      total: 0,
      message: expect.stringContaining('service="nope"'),
    });
  });
});

describe('silences through the gate', () => {
  it('creates a staging silence without approval, seen by Alertmanager, then expires it', async () => {
    const created = await h.call('am_silence_create', {
      matchers: ['alertname="HighLatency"', 'namespace="staging"'],
      duration: '2h',
      reason: 'cart latency is a known load test',
    });
    expect(created.isError, created.content[0]?.text).toBeFalsy();
    const out = created.structuredContent as { silenceId: string; silences: { count: number } };
    expect(out.silences.count).toBe(1);

    const inAm = await silenceInAm(out.silenceId);
    expect(inAm).toMatchObject({
      status: { state: 'active' },
      createdBy: 'opswarden:claude-agent',
      comment: 'cart latency is a known load test',
    });
    expect((await alertInAm('HighLatency')).status).toMatchObject({
      state: 'suppressed',
      silencedBy: [out.silenceId],
    });

    const listed = await h.call('am_silences_list', {});
    expect(
      (listed.structuredContent as { silences: { id: string; matchers: string[] }[] }).silences,
    ).toContainEqual(
      expect.objectContaining({
        id: out.silenceId,
        matchers: ['alertname="HighLatency"', 'namespace="staging"'],
      }),
    );

    const expired = await h.call('am_silence_expire', { id: out.silenceId, reason: 'load test over' });
    expect(expired.isError, expired.content[0]?.text).toBeFalsy();
    expect(expired.structuredContent).toMatchObject({ notifyAgain: { count: 1 } });
    expect((await silenceInAm(out.silenceId))?.status.state).toBe('expired');
    expect((await alertInAm('HighLatency')).status).toMatchObject({ state: 'active', silencedBy: [] });
  });

  it('escalates a production silence; approved by a human it is created, then expired with approval', async () => {
    const args = {
      matchers: ['alertname="HighErrorRate"', 'service="checkout"', 'namespace="shop"'],
      duration: '1h',
      reason: 'checkout rollback in progress',
    };
    const { pending, done } = await approvedCall(h, 'am_silence_create', args);
    expect(pending.structuredContent?.matchedRules).toEqual([
      expect.objectContaining({ name: 'production-mutation-needs-approval' }),
    ]);
    const id = done.silenceId as string;
    expect(await silenceInAm(id)).toMatchObject({ status: { state: 'active' } });
    expect((await alertInAm('HighErrorRate')).status.silencedBy).toEqual([id]);

    await approvedCall(h, 'am_silence_expire', { id, reason: 'rollback finished' });
    expect((await silenceInAm(id))?.status.state).toBe('expired');
  });

  it('escalates a broad silence even outside production', async () => {
    const res = await h.call('am_silence_create', {
      matchers: ['severity="ticket"', 'namespace="staging"'],
      duration: '1h',
      reason: 'too noisy',
    });
    expect(res.structuredContent?.status, res.content[0]?.text).toBe('approval_required');
    expect((res.structuredContent!.matchedRules as { name: string }[]).map((r) => r.name)).toContain(
      'broad-silence-needs-approval',
    );
  });

  it('a dry run shows the firing alerts it would silence and creates nothing', async () => {
    const before = (await amGet<AmSilence[]>('/silences')).length;
    const res = await h.call('am_silence_create', {
      matchers: ['service="checkout"'],
      duration: '30m',
      reason: 'what would this catch',
      dryRun: true,
    });
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    const out = res.structuredContent as {
      silenceId?: string;
      silences: { count: number; alerts: { labels: Record<string, string> }[] };
    };
    expect(out.silenceId).toBeUndefined();
    expect(out.silences.count).toBe(2);
    expect(out.silences.alerts.map((a) => a.labels.pod).sort()).toEqual(['checkout-1', 'checkout-2']);
    expect((await amGet<AmSilence[]>('/silences')).length).toBe(before);
  });

  it('a bad matcher is a tool error naming it', async () => {
    const res = await h.call('am_silence_create', {
      matchers: ['service="checkout"', 'alertname~"HighErrorRate"'],
      duration: '1h',
      reason: 'typo',
    });
    expect(res.isError).toBe(true);
    expect(res.content[0]?.text).toContain('alertname~\\"HighErrorRate\\"');
  });
});

describe('backend errors', () => {
  it("name the operation and carry Alertmanager's message", async () => {
    const backend = createAlertmanagerBackend({ url: am.url, timeoutMs: 5000 });
    const now = new Date();
    await expect(
      backend.createSilence({
        matchers: [{ name: 'service', value: 'checkout', isRegex: false, isEqual: true }],
        startsAt: now,
        endsAt: new Date(now.getTime() - 60_000),
        createdBy: 'test',
        comment: 'backwards',
      }),
    ).rejects.toThrow(/^Alertmanager create silence failed \(HTTP 400\): .*end time/);
    const unknown = '00000000-0000-0000-0000-000000000000';
    await expect(backend.getSilence(unknown)).rejects.toThrow(
      `Alertmanager get silence ${unknown} failed (HTTP 404)`,
    );
  });

  it('an unknown silence id is a tool error naming it', async () => {
    const res = await h.call('am_silence_expire', { id: 'no-such-silence', reason: 'cleanup' });
    expect(res.isError).toBe(true);
    expect(res.content[0]?.text).toContain('no-such-silence');
  });

  it('an unreachable Alertmanager is named with its URL', async () => {
    const backend = createAlertmanagerBackend({ url: 'http://127.0.0.1:1', timeoutMs: 2000 });
    await expect(backend.status()).rejects.toThrow(
      'Alertmanager status failed: http://127.0.0.1:1 unreachable',
    );
  });
});
