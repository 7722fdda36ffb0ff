// The webhook notification Alertmanager sends a receiver's `webhook_configs` URL (payload
// version 4): one message per alert group, firing alerts with the zero endsAt, resolved
// ones (`send_resolved`) with the time they ended, and the labels and annotations every
// alert of the group shares. The sandbox notifies this way (notifier.ts), so whatever
// listens there sees what a real page, and its all-clear, looks like.

import type { Alert, AlertGroup } from '../../backends/alertmanager/types.ts';
import { commonLabels, labelSetText } from './labels.ts';

/** Go's zero time: what Alertmanager puts in endsAt of a firing alert. */
const ZERO_TIME = '0001-01-01T00:00:00Z';
const POST_TIMEOUT_MS = 10_000;

export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

export interface WebhookMessage {
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
  status: 'firing' | 'resolved';
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: WebhookAlert[];
}

/** The group's firing alerts and the `resolved` ones (each ended at its endsAt). */
export function webhookMessage(
  group: AlertGroup,
  externalURL: string,
  resolved: readonly Alert[] = [],
): WebhookMessage {
  const all = [...group.alerts, ...resolved];
  return {
    version: '4',
    groupKey: `{}:${labelSetText(group.labels)}`,
    truncatedAlerts: 0,
    status: group.alerts.length ? 'firing' : 'resolved',
    receiver: group.receiver.name,
    groupLabels: { ...group.labels },
    commonLabels: commonLabels(all.map((a) => a.labels)),
    commonAnnotations: commonLabels(all.map((a) => a.annotations)),
    externalURL,
    alerts: [
      ...group.alerts.map((a) => webhookAlert(a, 'firing', ZERO_TIME)),
      ...resolved.map((a) => webhookAlert(a, 'resolved', a.endsAt)),
    ],
  };
}

function webhookAlert(a: Alert, status: WebhookAlert['status'], endsAt: string): WebhookAlert {
  return {
    status,
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt,
    endsAt,
    generatorURL: a.generatorURL ?? '',
    fingerprint: a.fingerprint,
  };
}

/** POSTs one message (as `http_config.authorization` would, with a bearer token); the error names the URL and what went wrong. */
export async function postWebhook(url: string, message: WebhookMessage, bearerToken?: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearerToken ? { authorization: `Bearer ${bearerToken}` } : {}),
      },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
  } catch (err) {
    throw new Error(`webhook post to ${url} failed: ${(err as Error).message}`);
  }
  await res.text();
  if (!res.ok) throw new Error(`webhook post to ${url} failed: HTTP ${res.status} ${res.statusText}`);
}
