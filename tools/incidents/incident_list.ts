// The incidents opswarden has grouped from posted alerts, newest first, one compact row
// each: the place to start a shift or an investigation.

import { z } from 'zod';
import { parseSince } from '../../src/duration.ts';
import { defineTool } from '../../src/tool.ts';
import { incidentRow, incidentRowSchema, incidentStore, statusArg } from './common.ts';

export default defineTool({
  name: 'incident_list',
  title: 'Incidents: List',
  description:
    'Incidents from firing alerts, newest first: id, title, status, severity, service, duration. Next: incident_get.',
  kind: 'read',
  untrusted: ['$.incidents[*].title'],
  input: z
    .object({
      status: statusArg.optional(),
      service: z.string().min(1).optional(),
      since: z.string().default('7d').describe('e.g. 24h'),
      limit: z.number().int().min(1).max(100).default(20),
    })
    .strict(),
  output: z.object({
    incidents: z.array(incidentRowSchema),
    more: z.boolean().describe('More incidents match than were returned'),
    hint: z.string().optional(),
  }),
  target: (args) => ({ kind: 'Incident', ...(args.service ? { service: args.service } : {}) }),
  handler: async (ctx, args) => {
    const now = ctx.clock.now();
    let since: Date;
    try {
      since = parseSince(args.since, now);
    } catch (err) {
      throw new Error(`since: ${(err as Error).message}`);
    }
    const found = incidentStore(ctx.backends).list({
      ...(args.status ? { status: args.status } : {}),
      ...(args.service ? { service: args.service } : {}),
      since,
      limit: args.limit + 1,
    });
    const more = found.length > args.limit;
    const incidents = found.slice(0, args.limit).map((i) => incidentRow(i, now));
    const filters = [args.status, args.service && `service ${args.service}`].filter(Boolean).join(', ');
    const hint = more
      ? `More incidents match; raise limit (max 100) or narrow with status, service or since.`
      : incidents.length
        ? undefined
        : `No incidents${filters ? ` (${filters})` : ''} detected since ${args.since}; widen since (e.g. 30d)${filters ? ' or drop a filter' : ''}. Firing alerts not yet posted to opswarden: am_alerts_list.`;
    return { incidents, more, ...(hint ? { hint } : {}) };
  },
});
