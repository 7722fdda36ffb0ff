// PagerDuty's official client (@pagerduty/pdjs) as both halves use it. pdjs fetches with
// node-fetch, so a Node `agent` in its options carries the CA bundle of
// `oncall.pagerduty.caFile` (a TLS-inspecting proxy) to both hosts. Each request gets a
// deadline, since pdjs's own `requestTimeout` aborts nothing (its timer only keeps the
// process alive, so it is turned off), and pdjs's built-in retries on 429 wait a second
// rather than twenty, so one call never outlives the delivery that made it.

import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import type { event } from '@pagerduty/pdjs';
import { printable } from '../../printable.ts';
import { clip } from '../../shape/logs/clip.ts';
import type { PagerDutyConfig } from '../config.ts';

/** What pdjs hands on to fetch besides the event or the endpoint. */
export type ClientOptions = Omit<Parameters<typeof event>[0], 'data' | 'server' | 'type'>;

export const PAGERDUTY_TIMEOUT_MS = 10_000;
const RATE_LIMITED_RETRY_MS = 1_000;
const REASON_MAX = 300;

/** Fresh options for each request (a deadline starts when it is made). */
export function clientOptions(config: PagerDutyConfig): () => ClientOptions {
  const agent = config.caFile ? new Agent({ ca: readCa(config.caFile) }) : undefined;
  return () => {
    const options = {
      ...(agent ? { agent } : {}),
      signal: AbortSignal.timeout(PAGERDUTY_TIMEOUT_MS),
      requestTimeout: 0,
      retryTimeout: RATE_LIMITED_RETRY_MS,
    };
    return options;
  };
}

/** `services.<name>` of the config, when the service has an entry. */
export function serviceConfig(
  config: PagerDutyConfig,
  service: string | undefined,
): PagerDutyConfig['services'][string] | undefined {
  return service !== undefined && Object.hasOwn(config.services, service)
    ? config.services[service]
    : undefined;
}

/** PagerDuty's reason for a refusal, from its `{ message, errors }`, bounded and printable. */
export function refusalReason(body: unknown): string {
  const { message, errors } = (body ?? {}) as { message?: unknown; errors?: unknown };
  const reasons = [
    typeof message === 'string' ? message : 'no message',
    ...(Array.isArray(errors) ? errors.slice(0, 5).map(String) : []),
  ];
  return clip(printable(reasons.join('; ')), REASON_MAX);
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new Error(`oncall.pagerduty.caFile: cannot read ${path} (${why})`);
  }
}
