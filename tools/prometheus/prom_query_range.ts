// A PromQL range query shaped for an agent: per series statistics, change points, a
// sparkline and how far it moved, the series that moved most first. The step is raised
// when needed to cap the points per series; the range and series count are capped too.

import { z } from 'zod';
import {
  checkRange,
  checkSeriesCount,
  chooseStep,
  formatDuration,
} from '../../src/backends/prometheus/limits.ts';
import { parseDuration } from '../../src/duration.ts';
import { shapeRange } from '../../src/shape/series.ts';
import { defineTool } from '../../src/tool.ts';
import { iso, parseTime, prometheus, promTarget, queryArg, shapedRangeFields } from './common.ts';

const MAX_RAW_POINTS = 1000;

export default defineTool({
  name: 'prom_query_range',
  title: 'Prometheus: Range Query',
  description:
    'Runs a PromQL range query and returns, per series, first/last/min/max/mean/p95, change points (when the level shifted and by how much), a sparkline, and a deviation score; the series that moved most come first and labels shared by all series are listed once. Raw points only with raw: true (capped). Use for "what changed and when"; e.g. sum by (code) (rate(http_requests_total{service="checkout"}[5m])). Next: prom_metrics_search to find metric and label names, prom_query for the value now, k8s_rollout_history or k8s_events_list around a change point.',
  kind: 'read',
  input: z
    .object({
      query: queryArg,
      start: z.string().default('-1h').describe('now, a time before now like -6h, or RFC 3339'),
      end: z.string().default('now').describe('now, a time before now like -5m, or RFC 3339'),
      step: z
        .string()
        .optional()
        .describe(
          'Resolution, e.g. 15s or 1m; default about 1000 points, raised if it would exceed the point limit',
        ),
      topK: z.number().int().min(1).max(50).default(10).describe('Series shown, most moved first'),
      raw: z.boolean().default(false).describe('Also return raw points of the shown series (capped)'),
    })
    .strict(),
  output: z.object({
    query: z.string(),
    start: z.string(),
    end: z.string(),
    step: z.string(),
    stepNote: z.string().optional().describe('Why the step differs from the one asked for'),
    ...shapedRangeFields,
    hint: z.string().optional(),
  }),
  target: (args) => promTarget(args.query),
  handler: async (ctx, args) => {
    const backend = prometheus(ctx.backends);
    const now = ctx.clock.now();
    const start = parseTime(args.start, now, 'start');
    const end = parseTime(args.end, now, 'end');
    checkRange(start, end, backend.limits);
    const requested = args.step === undefined ? undefined : parseDuration(args.step) / 1000;
    if (requested !== undefined && requested <= 0)
      throw new Error(`invalid step ${JSON.stringify(args.step)}: must be positive`);
    const stepSeconds = chooseStep(end.getTime() - start.getTime(), backend.limits.maxPoints, requested);
    const series = await backend.rangeQuery(args.query, start, end, stepSeconds, { signal: ctx.signal });
    checkSeriesCount(series.length, args.query, backend.limits);
    const shaped = shapeRange(series, { topK: args.topK, raw: args.raw, maxRawPoints: MAX_RAW_POINTS });
    const step = formatDuration(stepSeconds * 1000);
    return {
      query: args.query,
      start: iso(start),
      end: iso(end),
      step,
      ...(requested !== undefined && requested !== stepSeconds
        ? {
            stepNote: `step ${args.step} raised to ${step} to stay within ${backend.limits.maxPoints} points per series`,
          }
        : {}),
      ...shaped,
      ...(series.length === 0
        ? {
            hint: `No series for ${args.query} between ${iso(start)} and ${iso(end)}; check metric and label names with prom_metrics_search, or widen start.`,
          }
        : shaped.omittedSeries > 0
          ? {
              hint: `${shaped.omittedSeries} series that moved less are omitted; raise topK or narrow with a label matcher or sum by (...).`,
            }
          : {}),
    };
  },
});
