// The `telemetry` key of the config: where opswarden sends OpenTelemetry spans of its tool
// calls (OTLP over HTTP, JSON). Absent means off: no OpenTelemetry code is ever loaded.
// Values are checked here, at start, because a bad URL or header would otherwise only
// show as spans that silently never arrive. The standard OTEL_EXPORTER_OTLP_ENDPOINT and
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT variables fill the endpoint when the file sets none
// (src/config/env-overrides.ts).

import { z } from 'zod';
import { parseDuration } from '../duration.ts';

/** Where spans go when only a base URL is given: the OTLP/HTTP path of traces. */
export const TRACES_PATH = 'v1/traces';

const MIN_TIMEOUT_MS = 100;
const MAX_TIMEOUT_MS = 60_000;

/** An http(s) URL without credentials (they belong in headers, out of logs and `config check`). */
const collectorUrl = z.string().superRefine((text, ctx) => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not a URL; e.g. http://collector:4318' });
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    ctx.addIssue({ code: 'custom', message: `an http:// or https:// URL, got ${url.protocol}` });
  if (url.username || url.password)
    ctx.addIssue({
      code: 'custom',
      message: 'credentials do not belong in the URL: set them in telemetry.otlp.headers',
    });
});

/** RFC 9110 field-name: a token. */
const headerName = z
  .string()
  .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, 'an HTTP header name (letters, digits, -)');
/** A field value: no control characters, so nothing can be smuggled into the request (CR, LF). */
const headerValue = z
  .string()
  .regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'a header value without control characters (CR, LF...)');

const timeout = z
  .string()
  .default('3s')
  .superRefine((text, ctx) => {
    let ms: number;
    try {
      ms = parseDuration(text);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return;
    }
    if (ms < MIN_TIMEOUT_MS || ms > MAX_TIMEOUT_MS)
      ctx.addIssue({ code: 'custom', message: `from 100ms to 60s, got ${text}` });
  });

export const telemetryConfigSchema = z
  .strictObject({
    otlp: z
      .strictObject({
        endpoint: collectorUrl
          .optional()
          .describe(
            `OTLP/HTTP base URL of the collector, e.g. http://collector:4318; spans are posted to <endpoint>/${TRACES_PATH} (as $OTEL_EXPORTER_OTLP_ENDPOINT)`,
          ),
        tracesEndpoint: collectorUrl
          .optional()
          .describe(
            'The full URL spans are posted to, used as it is (as $OTEL_EXPORTER_OTLP_TRACES_ENDPOINT); wins over endpoint',
          ),
        headers: z
          .record(headerName, headerValue, {
            // A bad name is otherwise reported as "Invalid key in record".
            error: (issue) =>
              issue.code === 'invalid_key' ? 'not an HTTP header name (letters, digits, -)' : undefined,
          })
          .default({})
          .describe(
            'HTTP headers sent with every export (an API key, authorization), from environment variable references',
          ),
        serviceName: z.string().min(1).max(255).default('opswarden').describe('service.name of the spans'),
        timeout: timeout.describe(
          'How long one export may take, and the flush of buffered spans when the server stops; keep it under limits.shutdownGrace',
        ),
      })
      .refine((otlp) => otlp.endpoint !== undefined || otlp.tracesEndpoint !== undefined, {
        message: "set the collector's OTLP/HTTP URL, e.g. http://collector:4318 (or tracesEndpoint)",
        path: ['endpoint'],
      })
      .describe('Export over OTLP/HTTP (JSON)'),
  })
  .describe(
    'OpenTelemetry spans of every tool call and its gate steps (never arguments or results); off when absent',
  );

export type TelemetryConfig = z.output<typeof telemetryConfigSchema>;

/** The URL spans are posted to: tracesEndpoint as it is, else endpoint + /v1/traces. */
export function tracesUrl(otlp: TelemetryConfig['otlp']): string {
  if (otlp.tracesEndpoint) return otlp.tracesEndpoint;
  const base = otlp.endpoint!;
  return `${base.endsWith('/') ? base : `${base}/`}${TRACES_PATH}`;
}

/** The export timeout in milliseconds. */
export function timeoutMs(otlp: TelemetryConfig['otlp']): number {
  return parseDuration(otlp.timeout);
}
