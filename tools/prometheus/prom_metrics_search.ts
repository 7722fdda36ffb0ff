// Finding metrics: names by substring or /regex/ with type, help and unit, or the labels
// of one metric with their cardinality and most common values. What an agent needs to
// write a correct PromQL query instead of guessing names.

import { z } from 'zod';
import type { MetricMetadata } from '../../src/backends/prometheus/types.ts';
import { parseDuration } from '../../src/duration.ts';
import { compilePattern, refinePattern } from '../../src/regex.ts';
import { defineTool } from '../../src/tool.ts';
import { prometheus, promTarget } from './common.ts';

const TOP_VALUES = 10;

export default defineTool({
  name: 'prom_metrics_search',
  title: 'Prometheus: Metrics Search',
  description:
    'Metric names by substring or /regex/ with type and help; with metric, its labels and top values. Next: prom_query.',
  kind: 'read',
  untrusted: ['$.metrics[*].help', '$.labels[*].values[*].value'],
  input: z
    .object({
      match: z
        .string()
        .min(1)
        .superRefine((match, ctx) => {
          const regex = slashedRegex(match);
          if (regex !== undefined) refinePattern(regex, ctx);
        })
        .optional()
        .describe('Substring or /RE2/'),
      metric: z.string().min(1).optional().describe('Show its labels'),
      window: z.string().default('1h'),
      limit: z.number().int().min(1).max(500).default(100),
    })
    .strict(),
  output: z.object({
    total: z.number().describe('Matching metric names, or series of `metric`'),
    metrics: z
      .array(
        z.object({
          name: z.string(),
          type: z.string().describe('From metadata, else inferred from the name (then ends in "?")'),
          help: z.string().optional(),
          unit: z.string().optional(),
        }),
      )
      .optional(),
    labels: z
      .array(
        z.object({
          name: z.string(),
          cardinality: z.number().describe('Distinct values'),
          values: z.array(z.object({ value: z.string(), series: z.number() })).describe('Most common first'),
        }),
      )
      .optional(),
    hint: z.string().optional(),
  }),
  target: () => promTarget(),
  handler: async (ctx, args) => {
    const backend = prometheus(ctx.backends);
    const opts = { signal: ctx.signal };
    if (args.metric) {
      const end = ctx.clock.now();
      const start = new Date(end.getTime() - parseDuration(args.window));
      const series = await backend.series([args.metric], start, end, opts);
      const byLabel = new Map<string, Map<string, number>>();
      for (const labels of series) {
        for (const [name, value] of Object.entries(labels)) {
          if (name === '__name__') continue;
          const values = byLabel.get(name) ?? new Map<string, number>();
          byLabel.set(name, values.set(value, (values.get(value) ?? 0) + 1));
        }
      }
      const labels = [...byLabel.entries()]
        .map(([name, values]) => ({
          name,
          cardinality: values.size,
          values: [...values.entries()]
            .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
            .slice(0, TOP_VALUES)
            .map(([value, count]) => ({ value, series: count })),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return {
        total: series.length,
        labels,
        ...(series.length === 0
          ? {
              hint: `No series of ${args.metric} in the last ${args.window}; find the name with prom_metrics_search match, or widen window.`,
            }
          : {}),
      };
    }
    const test = matcher(args.match);
    const [names, metadata] = await Promise.all([
      backend.labelValues('__name__', undefined, opts),
      backend.metadata(undefined, opts),
    ]);
    const found = names.filter(test).sort();
    return {
      total: found.length,
      metrics: found.slice(0, args.limit).map((name) => describeMetric(name, metadata[name])),
      ...(found.length === 0
        ? {
            hint: `No metric name matches ${JSON.stringify(args.match)}; try a shorter substring, e.g. "http" or "cpu".`,
          }
        : found.length > args.limit
          ? { hint: `${found.length - args.limit} more names; narrow match or raise limit.` }
          : {}),
    };
  },
});

function matcher(match: string | undefined): (name: string) => boolean {
  if (!match) return () => true;
  const regex = slashedRegex(match);
  if (regex !== undefined) {
    const pattern = compilePattern(regex);
    return (name) => pattern.test(name);
  }
  const needle = match.toLowerCase();
  return (name) => name.toLowerCase().includes(needle);
}

/** The pattern of a `/regex/` match argument; undefined for a substring. */
function slashedRegex(match: string | undefined): string | undefined {
  return match?.match(/^\/(.+)\/$/)?.[1];
}

function describeMetric(name: string, meta: MetricMetadata | undefined) {
  if (meta)
    return {
      name,
      type: meta.type,
      ...(meta.help ? { help: meta.help } : {}),
      ...(meta.unit ? { unit: meta.unit } : {}),
    };
  return { name, type: inferType(name) };
}

/** Backfilled or federated series have no metadata; the exporter naming conventions still tell. */
function inferType(name: string): string {
  if (name.endsWith('_total')) return 'counter?';
  if (/_(bucket|sum|count)$/.test(name)) return 'histogram?';
  return 'unknown';
}
