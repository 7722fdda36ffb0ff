// How on-call is going, over a window: MTTA, MTTR, the share of changes that turned out
// wrong, approval latency and acceptance, recurrence, runbook success. The same numbers
// are on /metrics (over the last 7 days).

import { z } from 'zod';
import { parseDuration } from '../../src/duration.ts';
import { readKpis } from '../../src/incidents/kpis/read.ts';
import { defineTool } from '../../src/tool.ts';

const ratio = z.number().nullable().describe('0..1; null when there is nothing to divide by');
const seconds = z.number().nullable().describe('Seconds; null when there is no data');

export default defineTool({
  name: 'ops_kpis',
  title: 'Ops: KPIs',
  description:
    'On-call KPIs over a window: MTTA, MTTR, false action rate, approval latency and acceptance, recurrence, runbook success.',
  kind: 'read',
  input: z
    .object({
      window: z.string().default('7d').describe('e.g. 7d'),
    })
    .strict(),
  output: z.object({
    window: z.object({ since: z.string(), until: z.string() }),
    incidents: z.object({ total: z.number(), open: z.number(), mitigated: z.number(), resolved: z.number() }),
    mttaSeconds: seconds,
    mttrSeconds: seconds,
    actions: z.object({
      executed: z.number(),
      false: z.number(),
      falseRatio: ratio,
      examples: z.array(
        z.object({ callId: z.string(), tool: z.string(), ref: z.string(), at: z.string(), why: z.string() }),
      ),
    }),
    approvals: z.object({
      requested: z.number(),
      granted: z.number(),
      rejected: z.number(),
      expired: z.number(),
      pending: z.number(),
      acceptanceRatio: ratio.describe('granted / (granted + rejected + expired)'),
      latencySeconds: z.object({ median: seconds, p90: seconds }),
    }),
    recurrence: z.object({
      recurring: z.number(),
      ratio,
      examples: z.array(z.object({ incident: z.string(), why: z.string() })),
    }),
    runbooks: z.object({
      finished: z.number(),
      resolved: z.number(),
      successRatio: ratio,
      byRunbook: z.array(z.object({ name: z.string(), finished: z.number(), resolved: z.number() })),
    }),
  }),
  target: () => ({ kind: 'Incident' }),
  handler: async (ctx, args) => {
    let windowMs: number;
    try {
      windowMs = parseDuration(args.window);
    } catch (err) {
      throw new Error(`window: ${(err as Error).message}`);
    }
    const until = ctx.clock.now();
    return readKpis(ctx.backends, { since: new Date(until.getTime() - windowMs), until });
  },
});
