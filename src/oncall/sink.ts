// One outbound channel of on-call events (Slack, PagerDuty, a webhook), and the retry every
// delivery goes through: a receiver that is down for a moment gets the event a little later,
// one that stays down is logged and passed, so it never holds the others back.

import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { OnCallEventKind } from './config.ts';
import type { OnCallEvent } from './events.ts';

export interface OnCallSink {
  /** Its cursor's name in the store: stable across restarts (`slack`, `pagerduty`, `webhook:<url>`). */
  readonly name: string;
  accepts(kind: OnCallEventKind): boolean;
  /** Throws when the receiver refused or could not be reached (retried). */
  deliver(event: OnCallEvent): Promise<void>;
}

/** An error a retry cannot mend (a 4xx other than 429): thrown at once, not retried. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

export async function deliverWithRetry(
  sink: OnCallSink,
  event: OnCallEvent,
  retry: RetryPolicy,
  logger: Logger,
  signal?: AbortSignal,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await sink.deliver(event);
      return;
    } catch (err) {
      const last = attempt >= retry.attempts || err instanceof PermanentDeliveryError || signal?.aborted;
      logger.warn(
        { err, sink: sink.name, event: event.kind, seq: event.seq, attempt, giveUp: Boolean(last) },
        last ? 'on-call delivery given up' : 'on-call delivery failed; retrying',
      );
      if (last) throw err;
      await sleep(retry.backoffMs * 2 ** (attempt - 1), undefined, signal ? { signal } : {}).catch(() => {});
    }
  }
}

/**
 * A webhook as logs, errors and its cursor name show it: the origin and a digest of the URL,
 * never its path or query, which often are the secret (Teams' and Slack's incoming webhooks).
 */
export function webhookLabel(url: string): string {
  return `${new URL(url).origin}#${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
}

/** A webhook sink's name (its cursor's key), from its URL. */
export function webhookSinkName(url: string): string {
  return `webhook:${webhookLabel(url)}`;
}
