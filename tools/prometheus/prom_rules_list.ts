// Recording and alerting rules with their health and last error: a broken rule is an
// alert that can never fire.

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { prometheus, promTarget } from './common.ts';

export default defineTool({
  name: 'prom_rules_list',
  title: 'Prometheus: Rules',
  description:
    'Recording and alerting rules by group: query, health, last error, active alerts; unhealthy first. Next: prom_alerts_list.',
  kind: 'read',
  untrusted: ['$.rules[*].lastError'],
  input: z
    .object({
      type: z.enum(['alerting', 'recording']).optional(),
      name: z.string().min(1).optional().describe('Name contains'),
      unhealthyOnly: z.boolean().default(false),
      limit: z.number().int().min(1).max(500).default(100),
    })
    .strict(),
  output: z.object({
    total: z.number(),
    unhealthy: z.number(),
    rules: z.array(
      z.object({
        group: z.string(),
        type: z.enum(['alerting', 'recording']),
        name: z.string(),
        query: z.string(),
        health: z.string(),
        lastError: z.string().optional(),
        forSeconds: z.number().optional(),
        firing: z.number(),
        pending: z.number(),
      }),
    ),
    hint: z.string().optional(),
  }),
  target: () => promTarget(),
  handler: async (ctx, args) => {
    const all = await prometheus(ctx.backends).rules({ signal: ctx.signal });
    const rules = all
      .filter((r) => !args.type || r.type === args.type)
      .filter((r) => !args.name || r.name.includes(args.name))
      .filter((r) => !args.unhealthyOnly || r.health !== 'ok')
      .map((r) => ({
        group: r.group,
        type: r.type,
        name: r.name,
        query: r.query,
        health: r.health,
        ...(r.lastError ? { lastError: r.lastError } : {}),
        ...(r.forSeconds ? { forSeconds: r.forSeconds } : {}),
        firing: r.alerts.filter((a) => a.state === 'firing').length,
        pending: r.alerts.filter((a) => a.state === 'pending').length,
      }))
      .sort((a, b) => Number(a.health === 'ok') - Number(b.health === 'ok'));
    return {
      total: rules.length,
      unhealthy: rules.filter((r) => r.health !== 'ok').length,
      rules: rules.slice(0, args.limit),
      ...(rules.length === 0
        ? {
            hint: all.length
              ? 'No rule matches these filters; drop name or type.'
              : 'Prometheus has no rules loaded.',
          }
        : rules.length > args.limit
          ? { hint: `${rules.length - args.limit} more rules; filter by type or name.` }
          : {}),
    };
  },
});
