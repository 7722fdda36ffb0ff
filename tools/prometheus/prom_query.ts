// A PromQL instant query: the value of each series at one time, largest first, with the
// labels every series shares listed once.

import { z } from 'zod';
import { checkSeriesCount } from '../../src/backends/prometheus/limits.ts';
import { round, splitLabels } from '../../src/shape/series.ts';
import { defineTool } from '../../src/tool.ts';
import { iso, labelsSchema, parseTime, prometheus, promTarget, queryArg } from './common.ts';

export default defineTool({
  name: 'prom_query',
  title: 'Prometheus: Instant Query',
  description:
    'PromQL instant query (now or at time): series by value, shared labels once. Next: prom_query_range, prom_metrics_search.',
  kind: 'read',
  untrusted: ['$.commonLabels', '$.series[*].labels'],
  input: z
    .object({
      query: queryArg,
      time: z.string().default('now').describe('now, -30m, RFC 3339 or unix seconds'),
      limit: z.number().int().min(1).max(200).default(50),
    })
    .strict(),
  output: z.object({
    query: z.string(),
    time: z.string(),
    resultType: z.enum(['vector', 'scalar', 'string']),
    seriesCount: z.number(),
    commonLabels: labelsSchema.describe('Labels every series shares, listed once'),
    series: z.array(
      z.object({
        labels: labelsSchema.describe('Labels beyond commonLabels'),
        value: z.union([z.number(), z.enum(['NaN', '+Inf', '-Inf'])]),
      }),
    ),
    value: z.union([z.number(), z.string()]).optional().describe('The result of a scalar or string query'),
    omittedSeries: z.number(),
    hint: z.string().optional(),
  }),
  target: (args) => promTarget(args.query),
  handler: async (ctx, args) => {
    const backend = prometheus(ctx.backends);
    const time = parseTime(args.time, ctx.clock.now(), 'time');
    const result = await backend.instantQuery(args.query, time, { signal: ctx.signal });
    const base = { query: args.query, time: iso(time), resultType: result.type };
    if (result.type !== 'vector') {
      const value = typeof result.sample.v === 'number' ? promValue(result.sample.v) : result.sample.v;
      return { ...base, seriesCount: 0, commonLabels: {}, series: [], value, omittedSeries: 0 };
    }
    checkSeriesCount(result.series.length, args.query, backend.limits);
    const sorted = [...result.series].sort((a, b) => byValueDesc(a.sample.v, b.sample.v));
    const shown = sorted.slice(0, args.limit);
    const { common, differing } = splitLabels(shown.map((s) => s.labels));
    return {
      ...base,
      seriesCount: result.series.length,
      commonLabels: common,
      series: shown.map((s, i) => ({ labels: differing[i]!, value: promValue(s.sample.v) })),
      omittedSeries: result.series.length - shown.length,
      ...(result.series.length === 0
        ? {
            hint: `No series for ${args.query} at ${iso(time)}; check names with prom_metrics_search, or try prom_query_range over a wider window.`,
          }
        : result.series.length > shown.length
          ? {
              hint: `${result.series.length - shown.length} smaller series omitted; raise limit or aggregate with sum by (...).`,
            }
          : {}),
    };
  },
});

/** Largest first; NaN last. */
function byValueDesc(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return b - a;
}

/** A number, or Prometheus's spelling of the values JSON has no number for. */
function promValue(v: number): number | 'NaN' | '+Inf' | '-Inf' {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return round(v);
}
