// How the sandbox Alertmanager notifies a receiver while it runs: each tick it groups the
// firing alerts (as the API lists them, silenced ones left out) and sends a group's message
// when the group changed since it was last delivered — a new alert firing, or one that
// resolved (send_resolved: it goes out once more as resolved, ended at that moment). A
// delivery that fails is tried again at the next tick, as Alertmanager retries. A silenced
// alert is dropped without a resolved message: a silence mutes, it does not resolve.

import type { Alert } from '../../backends/alertmanager/types.ts';
import type { Clock } from '../../tool.ts';
import { labelSetText } from './labels.ts';
import { groupAlerts } from './query.ts';
import { type WebhookMessage, webhookMessage } from './webhook.ts';

export interface NotifierOptions {
  /** The unresolved alerts now, silenced ones included (their status says so). */
  current(): Alert[];
  /** When a resolved alert stopped firing (its endsAt); the notification's time when unknown. */
  endedAt(fingerprint: string): Date | undefined;
  groupBy: readonly string[];
  receiver: string;
  externalURL: string;
  clock: Clock;
  deliver(message: WebhookMessage): Promise<void> | void;
}

export interface Notifier {
  /** Sends what changed since the last delivery; rejects (naming the failure) when a delivery fails. */
  flush(): Promise<void>;
}

export function createNotifier(opts: NotifierOptions): Notifier {
  /** Per group key, the firing alerts last delivered, by fingerprint. */
  const delivered = new Map<string, Map<string, Alert>>();
  let running: Promise<void> | undefined;

  const flushOnce = async () => {
    const current = opts.current();
    const unresolved = new Set(current.map((a) => a.fingerprint));
    const firing = current.filter((a) => a.status.state === 'active');
    const groups = new Map(
      groupAlerts(firing, opts.groupBy, opts.receiver).map((g) => [labelSetText(g.labels), g]),
    );
    for (const [key, sent] of delivered) {
      if (!groups.has(key)) {
        const labels = Object.fromEntries(opts.groupBy.flatMap((n) => firstLabel(sent, n)));
        groups.set(key, { labels, receiver: { name: opts.receiver }, alerts: [] });
      }
    }
    const failures: string[] = [];
    for (const [key, group] of groups) {
      const sent = delivered.get(key) ?? new Map<string, Alert>();
      const firingNow = new Set(group.alerts.map((a) => a.fingerprint));
      const resolved = [...sent.values()].filter(
        (a) => !firingNow.has(a.fingerprint) && !unresolved.has(a.fingerprint),
      );
      const changed = resolved.length > 0 || group.alerts.some((a) => !sent.has(a.fingerprint));
      const muted = [...sent.keys()].some((fp) => !firingNow.has(fp) && unresolved.has(fp));
      if (!changed) {
        if (muted) delivered.set(key, new Map(group.alerts.map((a) => [a.fingerprint, a])));
        continue;
      }
      const now = opts.clock.now();
      const ended = resolved.map((a) => ({
        ...a,
        endsAt: (opts.endedAt(a.fingerprint) ?? now).toISOString(),
      }));
      try {
        await opts.deliver(webhookMessage(group, opts.externalURL, ended));
      } catch (err) {
        failures.push((err as Error).message);
        continue;
      }
      if (group.alerts.length) delivered.set(key, new Map(group.alerts.map((a) => [a.fingerprint, a])));
      else delivered.delete(key);
    }
    if (failures.length) throw new Error(failures.join('; '));
  };

  return {
    flush() {
      // One flush at a time: a slow receiver must not get the same resolution twice.
      running = (running ?? Promise.resolve()).then(flushOnce, flushOnce);
      return running;
    },
  };
}

/** The group label `name` as the group's alerts carry it (all share it). */
function firstLabel(alerts: Map<string, Alert>, name: string): [string, string][] {
  const value = [...alerts.values()][0]?.labels[name];
  return value === undefined ? [] : [[name, value]];
}
