// The sandbox Alertmanager's notifier: a group's message goes out when the group changed
// (an alert new or resolved), resolved alerts once with the time they ended, a failed
// delivery again at the next flush, and a silenced alert drops out without a "resolved".

import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../src/backends/alertmanager/types.ts';
import { createNotifier } from '../../../../src/sandbox/alertmanager/notifier.ts';
import type { WebhookMessage } from '../../../../src/sandbox/alertmanager/webhook.ts';

const NOW = new Date('2026-04-25T14:30:00Z');

function alert(name: string, state: 'active' | 'suppressed' = 'active'): Alert {
  return {
    labels: { alertname: name, service: 'checkout' },
    annotations: {},
    fingerprint: `fp-${name}`,
    startsAt: '2026-04-25T14:15:00.000Z',
    endsAt: '2026-04-25T14:35:00.000Z',
    updatedAt: NOW.toISOString(),
    receivers: [{ name: 'sandbox' }],
    status: { state, silencedBy: state === 'suppressed' ? ['s1'] : [], inhibitedBy: [] },
  } as Alert;
}

function notifierOver(current: () => Alert[], fail: () => boolean = () => false) {
  const sent: WebhookMessage[] = [];
  const notifier = createNotifier({
    current,
    endedAt: (fp) => (fp === 'fp-HighErrorRate' ? new Date('2026-04-25T14:27:15Z') : undefined),
    groupBy: ['alertname', 'service'],
    receiver: 'sandbox',
    externalURL: 'http://127.0.0.1:9093',
    clock: { now: () => NOW },
    deliver: (message) => {
      if (fail()) throw new Error('receiver answered 503');
      sent.push(message);
    },
  });
  return { notifier, sent };
}

describe('the sandbox notifier', () => {
  it('sends a group when it fires, nothing while it is unchanged, and its resolution once', async () => {
    let firing = [alert('HighErrorRate')];
    const { notifier, sent } = notifierOver(() => firing);
    await notifier.flush();
    await notifier.flush();
    expect(sent.map((m) => m.status)).toEqual(['firing']);
    firing = [];
    await notifier.flush();
    await notifier.flush();
    expect(sent.map((m) => m.status)).toEqual(['firing', 'resolved']);
    expect(sent[1]!.alerts).toEqual([
      expect.objectContaining({
        status: 'resolved',
        fingerprint: 'fp-HighErrorRate',
        endsAt: '2026-04-25T14:27:15.000Z',
      }),
    ]);
    expect(sent[1]!.groupLabels).toEqual({ alertname: 'HighErrorRate', service: 'checkout' });
  });

  it('tries a failed delivery again at the next flush, naming the failure', async () => {
    let failing = true;
    const { notifier, sent } = notifierOver(
      () => [alert('HighErrorRate')],
      () => failing,
    );
    await expect(notifier.flush()).rejects.toThrow('receiver answered 503');
    failing = false;
    await notifier.flush();
    expect(sent.map((m) => m.status)).toEqual(['firing']);
  });

  it('drops a silenced alert without saying it resolved', async () => {
    let current = [alert('HighErrorRate')];
    const { notifier, sent } = notifierOver(() => current);
    await notifier.flush();
    current = [alert('HighErrorRate', 'suppressed')];
    await notifier.flush();
    expect(sent.map((m) => m.status)).toEqual(['firing']);
    // Once the silence ends and it fires again, the receiver hears of it again.
    current = [alert('HighErrorRate')];
    await notifier.flush();
    expect(sent.map((m) => m.status)).toEqual(['firing', 'firing']);
  });
});
