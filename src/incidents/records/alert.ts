// One posted alert as an incident holds it: its identity (Alertmanager's fingerprint, or the
// same idea computed here from the sorted labels, so a re-post is recognised whoever sends
// it), the service it is about (the `service` label, else the catalog service behind its
// `deployment`/`app` label or named by its `job`), and times normalised to ISO 8601 UTC.
// `endsAt` is kept for resolved alerts only: on a firing alert it is a guess (Prometheus
// posts now + 4 × resend delay, Alertmanager's webhook sends the zero time).

import { createHash } from 'node:crypto';
import type { AlertInput, IncidentAlert } from './model.ts';
import type { Topology } from './topology.ts';

/** The label that names the rule; alerts without one are shown under this name. */
const UNNAMED = '(no alertname)';
/** Go's zero time and anything before the epoch: "not set" in Alertmanager's payloads. */
const UNSET_BEFORE_MS = 0;

/** A posted alert whose times cannot be read; the message names the field. */
export class AlertInputError extends Error {
  override name = 'AlertInputError';
}

/** Alertmanager-style identity of a label set: a hash of the sorted name=value pairs. */
export function fingerprintOf(labels: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(labels).sort()) hash.update(`${name}\u0000${labels[name]}\u0001`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * The service an alert is about: its `service` label; else the catalog service whose
 * workload (or name) its `deployment` or `app` label names, else that label as is; else
 * the catalog service its `job` names (jobs are usually scrape configs, so only a catalog
 * match counts); else none.
 */
export function serviceOf(labels: Readonly<Record<string, string>>, topology: Topology): string | undefined {
  if (labels.service) return labels.service;
  for (const label of ['deployment', 'app'] as const) {
    const value = labels[label];
    if (value) return topology.serviceNamed(value) ?? value;
  }
  return labels.job ? topology.serviceNamed(labels.job) : undefined;
}

/** Normalises alert `index` of a post (for error messages) received at `now`. */
export function toIncidentAlert(
  input: AlertInput,
  index: number,
  topology: Topology,
  now: Date,
): IncidentAlert {
  const labels = { ...input.labels };
  const service = serviceOf(labels, topology);
  const namespace = labels.namespace || (service ? topology.namespaceOf(service) : undefined);
  const startsAt = readTime(input.startsAt, `alerts[${index}].startsAt`) ?? now.getTime();
  const endsAt =
    input.status === 'resolved'
      ? (readTime(input.endsAt, `alerts[${index}].endsAt`) ?? now.getTime())
      : undefined;
  return {
    fingerprint: input.fingerprint || fingerprintOf(labels),
    alertname: labels.alertname || UNNAMED,
    ...(service ? { service } : {}),
    ...(namespace ? { namespace } : {}),
    severity: labels.severity || 'none',
    labels,
    annotations: { ...input.annotations },
    status: input.status,
    startsAt: new Date(startsAt).toISOString(),
    ...(endsAt !== undefined ? { endsAt: new Date(Math.max(endsAt, startsAt)).toISOString() } : {}),
  };
}

function readTime(text: string | undefined, field: string): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new AlertInputError(`${field}: expected an RFC 3339 time, got "${text}"`);
  return ms < UNSET_BEFORE_MS ? undefined : ms;
}
