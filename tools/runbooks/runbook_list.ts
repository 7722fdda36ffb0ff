// The runbooks this server can run, with what they are for (root-cause categories and
// signals, so an incident can be matched to one) and how they have done so far.

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { runbookService } from './common.ts';

export default defineTool({
  name: 'runbook_list',
  title: 'Runbooks: List',
  description:
    'Runbooks you can run: name, title, what they match (root-cause categories, signals), their parameters and their track record (finished real runs, success rate). Filter by category or signal. Next: runbook_get for the steps, runbook_plan to see what a run would do.',
  kind: 'read',
  input: z
    .object({
      category: z
        .string()
        .min(1)
        .optional()
        .describe('Only runbooks for this root-cause category (deploy, config, dependency, capacity, ...)'),
      signal: z
        .string()
        .min(1)
        .optional()
        .describe('Only runbooks matching this signal, e.g. db_pool_exhausted'),
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
