// A PromQL range query shaped for an agent: per series statistics, change points, a
// sparkline, how far it moved and whether its end left its baseline, the series that moved
// most first. The step is raised when needed to cap the points per series; the range and
// series count are capped too. The query's longest range selector tells the shaping how
// much a rate() smooths and how long it warms up where a series begins.

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
import {
  iso,
  longestRange,
  parseTime,
  prometheus,
  promTarget,
  queryArg,
  shapedRangeFields,
} from './common.ts';

const MAX_RAW_POINTS = 1000;

export default defineTool({
  name: 'prom_query_range',
  title: 'Prometheus: Range Query',
  description:
    'PromQL range query, per series: stats, change points, sparkline; most-moved first, to see what changed when. Next: k8s_rollout_history.',
  kind: 'read',
  untrusted: ['$.commonLabels', '$.series[*].labels'],
  input: z
    .object({
      query: queryArg,
      start: z.string().default('-1h').describe('-6h, RFC 3339 or unix seconds'),
      end: z.string().default('now').describe('now, -5m, RFC 3339 or unix seconds'),
      step: z.string().optional().describe('e.g. 1m'),
      topK: z.number().int().min(1).max(50).default(10),
      raw: z.boolean().default(false),
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
    const shaped = await shapeRange(series, {
      topK: args.topK,
      raw: args.raw,
      maxRawPoints: MAX_RAW_POINTS,
      signal: ctx.signal,
      context: { start: start.getTime(), warmupMs: longestRange(args.query) },
    });
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
