// Everything that happened in an incident, in one list: alerts firing and resolving, status
// changes, notes, changes in the cluster, actions with their approvals, runbook runs and
// correlations. Budgeted: a limit, a kind filter and an order, with a hint when cut.

import { z } from 'zod';
import { parseSince } from '../../src/duration.ts';
import { defineTool } from '../../src/tool.ts';
import {
  incidentIdArg,
  incidentStore,
  incidentTarget,
  requireIncident,
  TIMELINE_KINDS,
  timelineEntrySchema,
} from './common.ts';

export default defineTool({
  name: 'incident_timeline',
  title: 'Incidents: Timeline',
  description:
    "An incident's timeline: alerts, status changes, notes, changes, actions, approvals, runbook runs, correlations.",
  kind: 'read',
  untrusted: ['$.entries[*].summary'],
  input: z
    .object({
      incident: incidentIdArg,
      order: z.enum(['newest', 'oldest']).default('newest'),
      kinds: z.array(z.enum(TIMELINE_KINDS)).min(1).optional(),
      since: z.string().optional().describe('e.g. 2h'),
      limit: z.number().int().min(1).max(500).default(50),
    })
    .strict(),
  output: z.object({
    incident: z.string(),
    order: z.enum(['newest', 'oldest']),
    total: z.number().describe('Entries matching the filters'),
    entries: z.array(timelineEntrySchema),
    hint: z.string().optional(),
  }),
  target: (args, ctx) => incidentTarget(ctx.backends, args.incident),
  handler: async (ctx, args) => {
    const incident = requireIncident(ctx.backends, args.incident);
    let since: number | undefined;
    try {
      since = args.since ? parseSince(args.since, ctx.clock.now()).getTime() : undefined;
    } catch (err) {
      throw new Error(`since: ${(err as Error).message}`);
    }
    const kinds = args.kinds && new Set<string>(args.kinds);
    const matching = incidentStore(ctx.backends)
      .timeline(incident.id)
      .filter((e) => (!kinds || kinds.has(e.kind)) && (since === undefined || Date.parse(e.at) >= since))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const ordered = args.order === 'newest' ? matching.reverse() : matching;
    const entries = ordered.slice(0, args.limit);
    const hint =
      matching.length > entries.length
        ? `${matching.length - entries.length} ${args.order === 'newest' ? 'older' : 'newer'} entries not shown; raise limit, filter by kinds, or ${args.order === 'newest' ? 'set since' : 'use order newest'}.`
        : entries.length
          ? undefined
          : 'No entries match; drop kinds or since.';
    return {
      incident: incident.id,
      order: args.order,
      total: matching.length,
      entries,
      ...(hint ? { hint } : {}),
    };
  },
});
