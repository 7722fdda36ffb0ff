// The runbooks this server can run, with what they are for (root-cause categories and
// signals, so an incident can be matched to one) and how they have done so far.

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { runbookService } from './common.ts';

export default defineTool({
  name: 'runbook_list',
  title: 'Runbooks: List',
  description:
    'Runbooks this server can run: what they match (categories, signals), parameters, track record. Next: runbook_get, runbook_plan.',
  kind: 'read',
  input: z
    .object({
      category: z.string().min(1).optional().describe('e.g. deploy'),
      signal: z.string().min(1).optional().describe('e.g. db_pool_exhausted'),
    })
    .strict(),
  output: z.object({
    runbooks: z.array(
      z.object({
        name: z.string(),
        version: z.string(),
        title: z.string(),
        description: z.string(),
        matches: z.object({ categories: z.array(z.string()), signals: z.array(z.string()) }),
        params: z.array(
          z.object({
            name: z.string(),
            type: z.string(),
            required: z.boolean(),
            default: z.union([z.string(), z.number()]).optional(),
            description: z.string(),
          }),
        ),
        runs: z.object({
          total: z.number(),
          resolved: z.number(),
          escalated: z.number(),
          failed: z.number(),
        }),
        successRate: z.number().nullable().describe('resolved / finished real runs; null before the first'),
      }),
    ),
    hint: z.string().optional(),
  }),
  target: () => ({ kind: 'Runbook' }),
  handler: async (ctx, args) => {
    const all = runbookService(ctx.backends).list();
    const runbooks = all
      .filter((r) => !args.category || (r.matches.categories as string[]).includes(args.category))
      .filter((r) => !args.signal || r.matches.signals.includes(args.signal))
      .map((r) => ({
        ...r,
        params: r.params.map((p) => ({
          name: p.name,
          type: p.type,
          required: p.required,
          ...(p.default !== undefined ? { default: p.default } : {}),
          description: p.description,
        })),
      }));
    const hint = !all.length
      ? 'No runbooks are loaded (config: runbooks.dir).'
      : !runbooks.length
        ? `No runbook matches; known signals: ${[...new Set(all.flatMap((r) => r.matches.signals))].join(', ')}`
        : undefined;
    return { runbooks, ...(hint ? { hint } : {}) };
  },
});
