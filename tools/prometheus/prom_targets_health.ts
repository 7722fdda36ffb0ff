// Scrape targets: how many are up per pool, and the ones down with their last error.
// A down target is a blind spot: its metrics go stale and its alerts cannot fire.

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { labelsSchema, prometheus, promTarget } from './common.ts';

export default defineTool({
  name: 'prom_targets_health',
  title: 'Prometheus: Targets Health',
  description: "Scrape targets per pool: up/down counts; each down target's URL, labels, last error.",
  kind: 'read',
  untrusted: ['$.unhealthy[*].labels', '$.unhealthy[*].lastError'],
  input: z
    .object({
      pool: z.string().min(1).optional().describe('Usually the job'),
    })
    .strict(),
  output: z.object({
    total: z.number(),
    up: z.number(),
    down: z.number(),
    pools: z.array(z.object({ pool: z.string(), up: z.number(), down: z.number() })),
    unhealthy: z.array(
      z.object({
        pool: z.string(),
        url: z.string(),
        health: z.string(),
        labels: labelsSchema,
        lastError: z.string(),
        lastScrape: z.string(),
      }),
    ),
    hint: z.string().optional(),
  }),
  target: () => promTarget(),
  handler: async (ctx, args) => {
    const targets = (await prometheus(ctx.backends).targets({ signal: ctx.signal })).filter(
      (t) => !args.pool || t.scrapePool === args.pool,
    );
    const pools = new Map<string, { pool: string; up: number; down: number }>();
    for (const t of targets) {
      const row = pools.get(t.scrapePool) ?? { pool: t.scrapePool, up: 0, down: 0 };
      if (t.health === 'up') row.up += 1;
      else row.down += 1;
      pools.set(t.scrapePool, row);
    }
    const unhealthy = targets
      .filter((t) => t.health !== 'up')
      .map((t) => ({
        pool: t.scrapePool,
        url: t.scrapeUrl,
        health: t.health,
        labels: t.labels,
        lastError: t.lastError,
        lastScrape: t.lastScrape,
      }));
    return {
      total: targets.length,
      up: targets.length - unhealthy.length,
      down: unhealthy.length,
      pools: [...pools.values()].sort((a, b) => b.down - a.down || a.pool.localeCompare(b.pool)),
      unhealthy,
      ...(targets.length === 0
        ? {
            hint: args.pool
              ? `No targets in pool ${args.pool}; call without pool to see every pool.`
              : 'Prometheus has no active scrape targets.',
          }
        : {}),
    };
  },
});
