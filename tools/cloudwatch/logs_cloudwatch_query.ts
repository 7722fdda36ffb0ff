// A CloudWatch Logs Insights query: started, polled every limits.pollInterval with MCP
// progress notifications, stopped when the call is cancelled or times out (so an abandoned
// query does not keep scanning, and billing), and its rows returned as a compact table.

import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { QueryResults } from '../../src/backends/cloudwatch/types.ts';
import { clip } from '../../src/shape/logs/clip.ts';
import { defineTool } from '../../src/tool.ts';
import { iso } from '../prometheus/common.ts';
import { checkGroupCount, cloudwatch, endArg, logGroupsTarget, startArg, timeWindow } from './common.ts';

/** A long @message is cut to this many characters in a row. */
const MAX_VALUE_CHARS = 500;
const FAILED = new Set(['Failed', 'Cancelled', 'Timeout', 'Unknown']);

export default defineTool({
  name: 'logs_cloudwatch_query',
  title: 'CloudWatch Logs: Insights Query',
  description:
    'Logs Insights query over log groups in a window; rows as a table. For counts and trends, e.g. stats count(*) by bin(5m).',
  kind: 'read',
  untrusted: ['$.rows'],
  input: z
    .object({
      query: z.string().trim().min(1).max(10_000),
      groups: z.array(z.string().min(1)).min(1),
      start: startArg,
      end: endArg,
      limit: z.number().int().min(1).max(1000).default(100),
    })
    .strict(),
  output: z.object({
    queryId: z.string(),
    status: z.string(),
    start: z.string(),
    end: z.string(),
    fields: z.array(z.string()).describe('Column names, in the order of each row'),
    rows: z.array(z.array(z.string())).describe('One list of values per result row, aligned with fields'),
    recordsMatched: z.number(),
    recordsScanned: z.number(),
    hint: z.string().optional(),
  }),
  target: (args) => logGroupsTarget(args.groups),
  handler: async (ctx, args) => {
    const backend = cloudwatch(ctx.backends);
    checkGroupCount(args.groups, backend);
    const window = timeWindow(args, ctx.clock.now(), backend);
    const queryId = await backend.startQuery(
      { groups: args.groups, ...window, query: args.query, limit: args.limit },
      ctx.signal,
    );
    let results: QueryResults | undefined;
    try {
      for (let poll = 1; ; poll++) {
        const current = await backend.getQueryResults(queryId, ctx.signal);
        if (current.status === 'Complete') {
          results = current;
          break;
        }
        if (FAILED.has(current.status))
          throw new Error(`Logs Insights query ${queryId} ended ${current.status}`);
        await ctx.progress({ progress: poll, message: `query ${queryId} ${current.status} (poll ${poll})` });
        await sleep(backend.limits.pollIntervalMs, undefined, { signal: ctx.signal });
      }
    } finally {
      if (!results) await backend.stopQuery(queryId).catch(() => false);
    }
    const fields = [...new Set(results.rows.flatMap((row) => Object.keys(row)))];
    return {
      queryId,
      status: results.status,
      start: iso(window.start),
      end: iso(window.end),
      fields,
      rows: results.rows.map((row) => fields.map((field) => clip(row[field] ?? '', MAX_VALUE_CHARS))),
      recordsMatched: results.recordsMatched,
      recordsScanned: results.recordsScanned,
      ...(results.rows.length
        ? {}
        : {
            hint: `no rows: ${results.recordsScanned} records scanned in ${args.groups.join(', ')}; widen start or loosen the filter`,
          }),
    };
  },
});
