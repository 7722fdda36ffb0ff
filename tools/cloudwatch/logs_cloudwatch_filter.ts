// Events of one CloudWatch log group matching a filter pattern, shaped like pod logs:
// grouped by template with counts, errors and stack traces kept, first and last lines kept.

import { z } from 'zod';
import type { CloudWatchEvent } from '../../src/backends/cloudwatch/types.ts';
import {
  DEFAULT_LOG_BYTES,
  type InputLogLine,
  shapedLogsSchema,
  shapeLogs,
  UNTRUSTED_LOG_PATHS,
} from '../../src/shape/logs.ts';
import { defineTool } from '../../src/tool.ts';
import { iso } from '../prometheus/common.ts';
import { cloudwatch, endArg, logGroupsTarget, startArg, timeWindow } from './common.ts';

export default defineTool({
  name: 'logs_cloudwatch_filter',
  title: 'CloudWatch Logs: Filter Events',
  description:
    "A log group's events in a window by filter pattern, shaped like k8s_pod_logs. Counts over time: logs_cloudwatch_query.",
  kind: 'read',
  untrusted: UNTRUSTED_LOG_PATHS,
  input: z
    .object({
      group: z.string().min(1),
      streams: z.array(z.string().min(1)).max(100).optional(),
      filterPattern: z.string().max(1024).optional().describe('e.g. ERROR'),
      start: startArg,
      end: endArg,
      maxEvents: z.number().int().min(1).max(10_000).default(5_000),
      minLevel: z.enum(['debug', 'info', 'warn', 'error']).optional(),
      raw: z.boolean().default(false).describe('Raw lines, not templates'),
      cursor: z.string().min(1).optional(),
    })
    .strict(),
  output: shapedLogsSchema.extend({
    group: z.string(),
    start: z.string(),
    end: z.string(),
    events: z.number().describe('Events read'),
    cursor: z
      .string()
      .optional()
      .describe('More events remain: call again with the same arguments and this cursor'),
    hint: z.string().optional(),
  }),
  target: (args) => logGroupsTarget([args.group]),
  handler: async (ctx, args) => {
    const backend = cloudwatch(ctx.backends);
    const window = timeWindow(args, ctx.clock.now(), backend);
    const events: CloudWatchEvent[] = [];
    let nextToken = args.cursor;
    do {
      const page = await backend.filterLogEvents(
        {
          group: args.group,
          ...window,
          limit: args.maxEvents - events.length,
          ...(args.streams ? { streams: args.streams } : {}),
          ...(args.filterPattern ? { filterPattern: args.filterPattern } : {}),
          ...(nextToken ? { nextToken } : {}),
        },
        ctx.signal,
      );
      events.push(...page.events);
      nextToken = page.nextToken;
    } while (nextToken && events.length < args.maxEvents);
    const shaped = await shapeLogs(eventLines(events), {
      maxBytes: DEFAULT_LOG_BYTES,
      raw: args.raw,
      signal: ctx.signal,
      ...(args.minLevel ? { minLevel: args.minLevel } : {}),
    });
    return {
      ...shaped,
      group: args.group,
      start: iso(window.start),
      end: iso(window.end),
      events: events.length,
      ...(nextToken ? { cursor: nextToken } : {}),
      ...(events.length
        ? {}
        : {
            hint: `no events in ${args.group} between ${iso(window.start)} and ${iso(window.end)}${args.filterPattern ? ` matching ${JSON.stringify(args.filterPattern)}` : ''}; widen start or drop filterPattern`,
          }),
    };
  },
});

/** One input line per message line: a multi-line event (a stack trace) keeps its frames together. */
function* eventLines(events: readonly CloudWatchEvent[]): Generator<InputLogLine> {
  for (const event of events) {
    for (const text of event.message.split('\n')) yield { text, time: event.time, source: event.stream };
  }
}
