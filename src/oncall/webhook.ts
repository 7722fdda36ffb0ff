// Signed JSON events for anything else (a ticket bridge, a chat bot, a SIEM). Each
// `oncall.webhooks` entry gets the kinds it subscribed to, one POST per event, in audit-log
// order:
//
//   POST <url>
//   Content-Type: application/json
//   User-Agent: opswarden/<version>
//   X-Opswarden-Event: <kind>
//   X-Opswarden-Delivery: <id>
//   X-Opswarden-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
//
//   {"id": "<audit seq>-<kind>-<ticket, incident or execution id>", "type": "<kind>",
//    "at": "<RFC 3339>", "data": <the event, redacted>}
//
// The id is the same each time an event is sent (a retry, a replica taking over), so a
// receiver drops what it has seen. To check a delivery, a receiver computes the HMAC over
// the timestamp, a dot and the body's bytes as received, compares it in constant time with
// a `v1` of the header (there may be several), and refuses a timestamp more than five
// minutes off its clock (a replay); verifyWebhook below does all of it. A 2xx answer is a
// delivery; a 4xx other than 408 and 429 (and a redirect, which is not followed) is given
// up at once; anything else, or no answer within 10 s, is retried (`oncall.retry`). The
// answer's body is never read, so a huge or endless one costs nothing.

import { createHmac, timingSafeEqual } from 'node:crypto';
import pkg from '../../package.json' with { type: 'json' };
import { redact } from '../shape/redact.ts';
import type { WebhookConfig } from './config.ts';
import { deliveryFailure, unansweredReason } from './delivery-failure.ts';
import type { OnCallEvent } from './events.ts';
import { type OnCallSink, PermanentDeliveryError, webhookLabel, webhookSinkName } from './sink.ts';

export const WEBHOOK_TIMEOUT_MS = 10_000;
export const SIGNATURE_HEADER = 'X-Opswarden-Signature';
const DEFAULT_TOLERANCE_SECONDS = 300;

export interface WebhookBody {
  id: string;
  type: OnCallEvent['kind'];
  at: string;
  data: OnCallEvent;
}

export type WebhookVerdict = { ok: true; timestamp: number } | { ok: false; reason: string };

export function webhookSink(config: WebhookConfig): OnCallSink {
  const kinds = new Set(config.events);
  const where = webhookLabel(config.url);
  return {
    name: webhookSinkName(config.url),
    accepts: (kind) => kinds.has(kind),
    async deliver(event) {
      const id = deliveryId(event);
      const body: WebhookBody = { id, type: event.kind, at: event.at, data: redact(event).value };
      const raw = JSON.stringify(body);
      let res: Response;
      try {
        res = await fetch(config.url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'User-Agent': `opswarden/${pkg.version}`,
            'X-Opswarden-Event': event.kind,
            'X-Opswarden-Delivery': id,
            [SIGNATURE_HEADER]: signWebhook(config.secret, raw, Math.floor(Date.now() / 1000)),
          },
          body: raw,
          redirect: 'manual',
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
      } catch (err) {
        throw new Error(`webhook ${where} did not take ${id}: ${unansweredReason(err, WEBHOOK_TIMEOUT_MS)}`);
      }
      await res.body?.cancel().catch(() => {});
      if (res.status >= 300 && res.status < 400) {
        throw new PermanentDeliveryError(
          `webhook ${where} answered ${id} with a redirect (HTTP ${res.status}), which is not followed: set oncall.webhooks[].url to the final address`,
        );
      }
      if (!res.ok) throw deliveryFailure(res.status, `webhook ${where} refused ${id} (HTTP ${res.status})`);
    },
  };
}

/** The X-Opswarden-Signature value for a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, body: string | Buffer, timestamp: number): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * Whether a delivery is genuine: the header parses, one of its v1 signatures is the body's
 * under this secret (compared in constant time), and its timestamp is within
 * `toleranceSeconds` of `now`, either way.
 */
export function verifyWebhook(
  secret: string,
  body: string | Buffer,
  header: string | undefined,
  opts: { toleranceSeconds?: number; now?: Date } = {},
): WebhookVerdict {
  if (!header) return { ok: false, reason: `no ${SIGNATURE_HEADER} header` };
  const parts = header.split(',').map((part) => part.trim().split('='));
  const stamps = parts.filter(([key]) => key === 't');
  const signatures = parts.filter(([key, value]) => key === 'v1' && /^[0-9a-f]{64}$/.test(value ?? ''));
  if (stamps.length !== 1 || !/^\d{1,12}$/.test(stamps[0]![1] ?? '') || !signatures.length) {
    return { ok: false, reason: `${SIGNATURE_HEADER} is not t=<unix seconds>,v1=<hex HMAC-SHA256>` };
  }
  const timestamp = Number(stamps[0]![1]);
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  if (!signatures.some(([, hex]) => timingSafeEqual(Buffer.from(hex!, 'hex'), expected))) {
    return { ok: false, reason: 'the signature does not match the body under this secret' };
  }
  const tolerance = opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const skew = Math.floor((opts.now ?? new Date()).getTime() / 1000) - timestamp;
  if (Math.abs(skew) > tolerance) {
    return {
      ok: false,
      reason: `signed ${Math.abs(skew)} s ${skew > 0 ? 'ago' : 'ahead'}, beyond the ${tolerance} s tolerance`,
    };
  }
  return { ok: true, timestamp };
}

function hmacHex(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** Stable across retries and replicas: the record, the kind and what it is about. */
function deliveryId(event: OnCallEvent): string {
  const subject =
    'approval' in event ? event.approval.id : 'incident' in event ? event.incident.id : event.execution.id;
  return `${event.seq}-${event.kind}-${subject}`;
}
