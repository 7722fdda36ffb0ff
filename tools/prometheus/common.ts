// What the Prometheus tools share: the backend lookup, the target (the service a query
// names, for policy and audit), time arguments (RFC 3339, unix seconds, `now`, or relative like -1h)
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
/** Unix seconds as Prometheus takes them (a float: 1777125600, 1777125600.5, 1.7771256e9); not negative. */
const UNIX_SECONDS = /^\+?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** The latest time a Date holds (year 275760). */
const MAX_DATE_MS = 8.64e15;

/**
 * `now`, `-1h` / `-90m` (before now), RFC 3339 or unix seconds with an optional fraction,
 * the forms Prometheus's own API accepts besides ours; `field` names the argument in errors.
 */
export function parseTime(text: string, now: Date, field: string): Date {
  const trimmed = text.trim();
  if (trimmed === 'now') return now;
  if (trimmed.startsWith('-')) {
    try {
      return new Date(now.getTime() - parseDuration(trimmed.slice(1)));
    } catch {
      // falls through to the error naming the field
    }
  } else if (UNIX_SECONDS.test(trimmed)) {
    const ms = Math.round(Number(trimmed) * 1000);
    if (Number.isFinite(ms) && ms <= MAX_DATE_MS) return new Date(ms);
  } else if (RFC3339.test(trimmed) && !Number.isNaN(Date.parse(trimmed))) {
    return new Date(trimmed);
  }
  throw new Error(
    `invalid ${field} ${JSON.stringify(text)}: expected now, a time before now like -1h or -30m, RFC 3339 like 2026-04-25T14:00:00Z, or unix seconds like 1777125600`,
  );
}

const RANGE_SELECTOR = /\[\s*((?:\d+(?:ms|[smhdwy]))+)\s*(?::[^\]]*)?\]/g;
const PROM_UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

/** The longest range selector (`[5m]`, subquery `[1h:1m]`) of a PromQL query, in ms; 0 without one. */
export function longestRange(query: string): number {
  let longest = 0;
  for (const [, duration] of query.matchAll(RANGE_SELECTOR)) {
    let ms = 0;
    for (const [, amount, unit] of duration!.matchAll(/(\d+)(ms|[smhdwy])/g))
      ms += Number(amount) * PROM_UNIT_MS[unit!]!;
    longest = Math.max(longest, ms);
  }
  return longest;
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
        recent: z.string().optional().describe('Set when the end of the range departs from its baseline'),
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
