// What the Prometheus tools share: the backend lookup, the target (the service a query
// names, for policy and audit), time arguments (RFC 3339, `now`, or relative like -1h)
// and the output schema of a shaped range.

import { z } from 'zod';
import type { PrometheusBackend } from '../../src/backends/prometheus/types.ts';
import { parseDuration } from '../../src/duration.ts';
import type { Target } from '../../src/types.ts';

export const queryArg = z.string().trim().min(1);

export function prometheus(backends: { prometheus?: PrometheusBackend }): PrometheusBackend {
  if (!backends.prometheus) {
    throw new Error(
      'Prometheus is not configured: add a `prometheus:` section with its url to opswarden.yaml',
    );
  }
  return backends.prometheus;
}

/** Prometheus itself, narrowed to the service a query's `service="..."` matcher names. */
export function promTarget(query?: string): Target {
  const service = query?.match(/\bservice\s*=\s*"([^"]+)"/)?.[1];
  return { kind: 'Prometheus', ...(service ? { service } : {}) };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** `now`, `-1h` / `-90m` (before now) or an RFC 3339 timestamp; `field` names the argument in errors. */
export function parseTime(text: string, now: Date, field: string): Date {
  const trimmed = text.trim();
  if (trimmed === 'now') return now;
  if (trimmed.startsWith('-')) {
    try {
      return new Date(now.getTime() - parseDuration(trimmed.slice(1)));
    } catch {
      // falls through to the error naming the field
    }
  } else if (RFC3339.test(trimmed) && !Number.isNaN(Date.parse(trimmed))) {
    return new Date(trimmed);
  }
  throw new Error(
    `invalid ${field} ${JSON.stringify(text)}: expected now, a time before now like -1h or -30m, or RFC 3339 like 2026-04-25T14:00:00Z`,
  );
}

/** RFC 3339 without milliseconds. */
export function iso(date: Date | number): string {
  return new Date(date).toISOString().replace('.000Z', 'Z');
}

export const labelsSchema = z.record(z.string(), z.string());

export const shapedRangeFields = {
  seriesCount: z.number().describe('Series the query returned'),
  commonLabels: labelsSchema.describe('Labels every series shares, listed once'),
  omittedSeries: z.number().describe('Series not shown (those that moved least)'),
  series: z
    .array(
      z.object({
        labels: labelsSchema.describe('Labels that differ from commonLabels'),
        samples: z.number(),
        stats: z
          .object({
            first: z.number(),
            last: z.number(),
            min: z.number(),
            max: z.number(),
            mean: z.number(),
            p95: z.number(),
          })
          .optional(),
        changePoints: z
          .array(z.object({ at: z.string(), before: z.number(), after: z.number(), delta: z.number() }))
          .describe('Times the level shifted (mean before and after), at most 2'),
        shape: z.string().describe('Sparkline from min to max over the range'),
        deviation: z
          .number()
          .describe('Largest shift in units of the series noise; the list is sorted by it'),
        // Not a z.tuple: its JSON Schema (prefixItems, items: false) reads as "no items" to the
        // draft-07 validators MCP clients use, so every raw point would fail the output schema.
        points: z.array(z.array(z.number()).length(2)).optional().describe('Raw [unix seconds, value]'),
      }),
    )
    .describe('The series that moved most first'),
  rawTruncated: z.boolean().optional().describe('Raw points were cut to the latest ones'),
};
