// The two ways alerts are posted, read into AlertInput: Alertmanager's webhook notification
// (payload version 4, as any real Alertmanager sends it to a `webhook_configs` receiver;
// fields Alertmanager may add later are let through) and the generic form (one alert, or
// `{ alerts: [...] }`, strict). Errors name the field, `alerts[3].startsAt: ...`, since the
// poster is a configuration someone must fix.

import { z } from 'zod';
import { describeIssues } from '../../yaml-path.ts';
import type { AlertInput } from './model.ts';

/** Alerts refused in one post beyond this: send them in parts. */
export const MAX_ALERTS_PER_POST = 10_000;

const time = z.iso.datetime({
  offset: true,
  error: 'expected an RFC 3339 time such as 2026-04-25T14:08:00Z',
});
const labels = z.record(z.string(), z.string());

const genericAlertSchema = z
  .object({
    fingerprint: z.string().min(1).max(128).optional(),
    labels: labels.refine((l) => Boolean(l.alertname), {
      error: 'needs an alertname label (the name of the rule that fired)',
    }),
    annotations: labels.optional(),
    status: z.enum(['firing', 'resolved']).default('firing'),
    startsAt: time,
    endsAt: time.optional(),
    generatorURL: z.string().optional(),
  })
  .strict();

const genericBatchSchema = z
  .object({ alerts: z.array(genericAlertSchema).min(1).max(MAX_ALERTS_PER_POST) })
  .strict();

const webhookAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labels.refine((l) => Object.keys(l).length > 0, { error: 'needs at least one label' }),
  annotations: labels.default({}),
  startsAt: time,
  endsAt: time.optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1).max(128).optional(),
});

const webhookSchema = z.object({
  version: z.literal('4', { error: 'expected "4" (Alertmanager webhook payload version 4)' }),
  groupKey: z.string().optional(),
  status: z.enum(['firing', 'resolved']).optional(),
  receiver: z.string().optional(),
  groupLabels: labels.optional(),
  commonLabels: labels.optional(),
  commonAnnotations: labels.optional(),
  externalURL: z.string().optional(),
  truncatedAlerts: z.number().int().nonnegative().optional(),
  alerts: z.array(webhookAlertSchema).max(MAX_ALERTS_PER_POST),
});

export class AlertPayloadError extends Error {
  override name = 'AlertPayloadError';
}

export interface WebhookNotification {
  alerts: AlertInput[];
  groupKey?: string;
  receiver?: string;
  /** Alerts Alertmanager left out of this notification (max_alerts). */
  truncatedAlerts: number;
}

export function parseAlertmanagerWebhook(body: unknown): WebhookNotification {
  const parsed = webhookSchema.safeParse(body);
  if (!parsed.success) throw new AlertPayloadError(describeIssues(parsed.error.issues, 5));
  const { alerts, groupKey, receiver, truncatedAlerts } = parsed.data;
  return {
    alerts: alerts.map(({ generatorURL, fingerprint, endsAt, ...alert }) => ({
      ...alert,
      ...(endsAt ? { endsAt } : {}),
      ...(generatorURL ? { generatorURL } : {}),
      ...(fingerprint ? { fingerprint } : {}),
    })),
    ...(groupKey ? { groupKey } : {}),
    ...(receiver ? { receiver } : {}),
    truncatedAlerts: truncatedAlerts ?? 0,
  };
}

/** One alert, or `{ alerts: [...] }`. */
export function parseGenericAlerts(body: unknown): AlertInput[] {
  const batch = typeof body === 'object' && body !== null && 'alerts' in body;
  const parsed = batch ? genericBatchSchema.safeParse(body) : genericAlertSchema.safeParse(body);
  if (!parsed.success) throw new AlertPayloadError(describeIssues(parsed.error.issues, 5));
  return 'alerts' in parsed.data ? parsed.data.alerts : [parsed.data];
}
