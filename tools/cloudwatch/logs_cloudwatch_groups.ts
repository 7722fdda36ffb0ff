// Which CloudWatch log groups exist: the names the filter and query tools take.

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { cloudwatch } from './common.ts';

export default defineTool({
  name: 'logs_cloudwatch_groups',
  title: 'CloudWatch Logs: Log Groups',
  description:
    'CloudWatch log groups by name prefix: created, bytes, retention. Next: logs_cloudwatch_filter, logs_cloudwatch_query.',
  kind: 'read',
  untrusted: ['$.groups[*].name'],
  input: z
    .object({
      prefix: z.string().min(1).optional().describe('e.g. /aws/rds/'),
      limit: z.number().int().min(1).max(50).default(50),
      cursor: z.string().min(1).optional(),
    })
    .strict(),
  output: z.object({
    groups: z.array(
      z.object({
        name: z.string(),
        createdAt: z.string().optional(),
        storedBytes: z.number().optional(),
        retentionDays: z.number().optional(),
      }),
    ),
    cursor: z.string().optional().describe('More groups: call again with this cursor'),
    hint: z.string().optional(),
  }),
  target: (args) => ({ kind: 'LogGroup', ...(args.prefix ? { name: `${args.prefix}*` } : {}) }),
  handler: async (ctx, args) => {
    const { groups, nextToken } = await cloudwatch(ctx.backends).describeLogGroups(
      {
        limit: args.limit,
        ...(args.prefix ? { prefix: args.prefix } : {}),
        ...(args.cursor ? { nextToken: args.cursor } : {}),
      },
      ctx.signal,
    );
    return {
      groups,
      ...(nextToken ? { cursor: nextToken } : {}),
      ...(groups.length || !args.prefix
        ? {}
        : { hint: `no log group starts with ${args.prefix}; call again without prefix to see every group` }),
    };
  },
});
